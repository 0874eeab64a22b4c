/*
 * test_policy.c - the policy check, row by row against the Code, and a
 * 2022-Code third stage where the policy has one.
 */
#include "testutil.h"

#include <string.h>

#include "core/complaint.h"
#include "core/policy.h"
#include "util/json.h"

/* Each row: a setting, a value, and the clause its breach names (NULL:
 * no breach). */
static const struct row {
	const char *key, *value, *clause;
} rows[] = {
	{ "acknowledge_days", "5", NULL },
	{ "acknowledge_days", "3", NULL },
	{ "acknowledge_days", "6", "6.2" },
	{ "stage1_response_days", "10", NULL },
	{ "stage1_response_days", "11", "6.3" },
	{ "stage1_extension_days", "11", "6.4" },
	{ "stage2_acknowledge_days", "6", "6.11" },
	{ "stage2_response_days", "21", "6.14" },
	{ "stage2_response_days", "15", NULL },
	{ "stage2_extension_days", "25", "6.15" },
	{ "stages", "2", NULL },
	{ "stages", "3", "5.3" },
	{ "informal_stage", "true", "5.2" },
	{ "informal_stage", "false", NULL },
	{ "time_limit_months", "6", "2.3" },
	{ "time_limit_months", "24", NULL },
	{ "escalation_window_days", "15", NULL },
	{ "region", "scotland", NULL },
};

static int breaches_with(const json_t *b, const char *clause)
{
	size_t i;
	json_t *x;
	int n = 0;

	json_array_foreach(b, i, x)
		if (!strcmp(js_str0(x, "clause"), clause))
			n++;
	return n;
}

static void test_check_rows(void **ts)
{
	(void)ts;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		json_t *p = policy_default(), *b, *set;
		struct rd_err e;

		/* homes 0 is itself a finding (3.3); set it so rows stand alone. */
		set = policy_decide_set(p, "homes", "1000", &e);
		policy_apply(p, "policy.set", set);
		json_decref(set);
		set = policy_decide_set(p, rows[i].key, rows[i].value, &e);
		if (!set)
			fail_msg("row %zu: %s=%s refused: %s", i, rows[i].key, rows[i].value, e.msg);
		policy_apply(p, "policy.set", set);
		b = policy_check(p);
		if (rows[i].clause) {
			if (json_array_size(b) != 1 || breaches_with(b, rows[i].clause) != 1)
				fail_msg("row %zu: %s=%s should breach %s only (%zu findings)", i,
					 rows[i].key, rows[i].value, rows[i].clause, json_array_size(b));
		} else if (json_array_size(b)) {
			fail_msg("row %zu: %s=%s should not breach the Code", i, rows[i].key,
				 rows[i].value);
		}
		json_decref(set);
		json_decref(b);
		json_decref(p);
	}
}

static void test_defaults_and_blanket(void **ts)
{
	json_t *p = policy_default(), *b, *x;
	struct rd_err e;

	(void)ts;
	b = policy_check(p);
	/* Only the missing number of homes. */
	assert_int_equal(json_array_size(b), 1);
	assert_int_equal(breaches_with(b, "3.3"), 1);
	json_decref(b);
	x = policy_decide_exclusion(p, "all_repairs", "We do not take repairs complaints", 1, 0, &e);
	assert_non_null(x);
	policy_apply(p, "policy.exclusion_added", x);
	json_decref(x);
	b = policy_check(p);
	assert_int_equal(breaches_with(b, "2.5"), 1);
	json_decref(b);
	json_decref(p);
}

static void test_bad_settings(void **ts)
{
	static const char *const bad[][2] = {
		{ "homes", "-1" }, { "homes", "abc" }, { "homes", "" }, { "region", "wales" },
		{ "acknowledge_days", "0" }, { "nonsense", "1" }, { "informal_stage", "maybe" },
		{ "organisation", "   " }, { "stages", "99" },
	};
	json_t *p = policy_default();

	(void)ts;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rd_err e;

		err_clear(&e);
		if (policy_decide_set(p, bad[i][0], bad[i][1], &e))
			fail_msg("%s=\"%s\" was accepted", bad[i][0], bad[i][1]);
		assert_int_equal(e.kind, RD_EINVAL);
		assert_true(e.msg[0] != '\0');
	}
	json_decref(p);
}

/* A 2022-Code complaint whose landlord kept a third stage: 20 working
 * days from the stage 3 request. */
static void test_third_stage_2022(void **ts)
{
	json_t *p = policy_default(), *set, *st = json_object(), *pay;
	calendar *cal = cal_new(CAL_ENGLAND_WALES, NULL, 0, NULL, 0, 0);
	struct cmp_ctx ctx = { cal, p, 0, "system", "admin", "CMP-2023-000001" };
	struct rd_err e;
	const char *type;
	date_t eff;
	static const char *const steps[][2] = {
		{ "new", "{\"received_on\": \"2023-06-01\", \"channel\": \"email\", \"category\": \"repairs\", "
			 "\"description\": \"d\", \"complainant\": {\"name\": \"A\", \"email\": \"a@example.org\"}}" },
		{ "acknowledge", "{\"acknowledged_on\": \"2023-06-02\", \"handler\": \"amy\", \"definition\": "
			"{\"summary\": \"s\", \"outcomes_sought\": \"o\", \"responsible\": \"r\", \"not_responsible\": \"n\"}, "
			"\"triage\": {\"complex\": false, \"vulnerable\": false}}" },
		{ "respond", "{\"responded_on\": \"2023-06-09\", \"decisions\": [{\"point\": 1, \"outcome\": \"not_upheld\", \"reasons\": \"r\"}]}" },
		{ "escalate", "{\"requested_on\": \"2023-06-12\"}" },
		{ "acknowledge", "{\"acknowledged_on\": \"2023-06-13\", \"handler\": \"bea\", \"definition\": "
			"{\"summary\": \"s\", \"outcomes_sought\": \"o\", \"responsible\": \"r\", \"not_responsible\": \"n\"}, "
			"\"triage\": {\"complex\": false, \"vulnerable\": false}}" },
		{ "respond", "{\"responded_on\": \"2023-06-20\", \"decisions\": [{\"point\": 1, \"outcome\": \"not_upheld\", \"reasons\": \"r\"}]}" },
		/* Monday 3 July 2023: 20 working days is Monday 31 July. */
		{ "escalate", "{\"requested_on\": \"2023-07-03\"}" },
		{ "acknowledge", "{\"acknowledged_on\": \"2023-07-04\", \"handler\": \"amy\", \"definition\": "
			"{\"summary\": \"s\", \"outcomes_sought\": \"o\", \"responsible\": \"r\", \"not_responsible\": \"n\"}, "
			"\"triage\": {\"complex\": false, \"vulnerable\": false}}" },
	};

	(void)ts;
	ctx.today = D("2023-12-01");
	set = policy_decide_set(p, "stages", "3", &e);
	policy_apply(p, "policy.set", set);
	json_decref(set);
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		json_t *in = json_loads(steps[i][1], 0, NULL);
		int rc = cmp_decide(i ? st : NULL, steps[i][0], in, &ctx, &pay, &type, &eff, &e);

		json_decref(in);
		if (i == sizeof(steps) / sizeof(steps[0]) - 1) {
			/* amy handled stage 1: not stage 3 either. */
			assert_int_equal(rc, -1);
			assert_string_equal(e.clause, "5.12");
			break;
		}
		if (rc)
			fail_msg("step %zu %s: %s", i, steps[i][0], e.msg);
		cmp_apply(st, type, pay);
		json_decref(pay);
	}
	assert_string_equal(js_str0(st, "status"), "stage3_requested");
	{
		json_t *in = json_loads(steps[4][1], 0, NULL);

		json_object_set_new(in, "handler", json_string("cai"));
		json_object_set_new(in, "acknowledged_on", json_string("2023-07-04"));
		assert_int_equal(cmp_decide(st, "acknowledge", in, &ctx, &pay, &type, &eff, &e), 0);
		cmp_apply(st, type, pay);
		json_decref(pay);
		json_decref(in);
	}
	assert_string_equal(js_str0(st, "status"), "stage3");
	assert_string_equal(js_str0(json_object_get(st, "deadlines"), "respond_by"), "2023-07-31");
	json_decref(st);
	json_decref(p);
	cal_free(cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_rows),
		cmocka_unit_test(test_defaults_and_blanket),
		cmocka_unit_test(test_bad_settings),
		cmocka_unit_test(test_third_stage_2022),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
