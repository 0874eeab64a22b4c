/*
 * test_complaint.c - the state machine and the Code's rules, as tables of
 * steps.  Every expected date was counted by hand on the England and
 * Wales calendar of requirements.md (2026: 25 and 28 December; 2024: 29
 * March and 1 April) and checked again with an independent day-by-day
 * walk.
 */
#include "testutil.h"

#include <string.h>

#include "core/complaint.h"
#include "core/policy.h"
#include "util/json.h"

struct step {
	const char *action;
	const char *in;		/* JSON input */
	enum rd_err_kind want;	/* RD_OK or the refusal's kind */
	const char *clause;	/* the clause a refusal names, or NULL */
	const char *field;	/* "status" or a dotted path to check after */
	const char *value;	/* its expected value as text */
};

struct world {
	calendar *cal;
	json_t *policy;
	json_t *state;
	struct cmp_ctx ctx;
};

static int setup(void **ts)
{
	struct world *w = calloc(1, sizeof(*w));

	w->cal = cal_new(CAL_ENGLAND_WALES, NULL, 0, NULL, 0, 0);
	w->policy = policy_default();
	w->ctx.cal = w->cal;
	w->ctx.policy = w->policy;
	w->ctx.today = D("2026-11-23");
	w->ctx.actor = "system";
	w->ctx.role = "admin";
	w->ctx.reference = "CMP-2026-000001";
	*ts = w;
	return 0;
}

static int teardown(void **ts)
{
	struct world *w = *ts;

	cal_free(w->cal);
	json_decref(w->policy);
	json_decref(w->state);
	free(w);
	return 0;
}

/* The value at "a.b.0.c" as text ("null" when absent). */
static void field_text(const json_t *j, const char *path, char *out, size_t n)
{
	char key[64];
	const char *dot;

	while (path && *path) {
		dot = strchr(path, '.');
		snprintf(key, sizeof(key), "%.*s", dot ? (int)(dot - path) : (int)strlen(path), path);
		j = json_is_array(j) ? json_array_get(j, (size_t)atoi(key)) : json_object_get(j, key);
		path = dot ? dot + 1 : NULL;
	}
	if (!j || json_is_null(j))
		snprintf(out, n, "null");
	else if (json_is_string(j))
		snprintf(out, n, "%s", json_string_value(j));
	else if (json_is_integer(j))
		snprintf(out, n, "%lld", (long long)json_integer_value(j));
	else
		snprintf(out, n, "%s", json_is_true(j) ? "true" : json_is_false(j) ? "false" : "?");
}

static void run_steps(struct world *w, const struct step *steps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct step *s = &steps[i];
		json_error_t je;
		json_t *in = json_loads(s->in, 0, &je), *payload = NULL;
		struct rd_err e;
		const char *type;
		date_t eff;
		int rc;

		if (!in)
			fail_msg("step %zu: bad test JSON: %s", i, je.text);
		err_clear(&e);
		rc = cmp_decide(strcmp(s->action, "new") ? w->state : NULL, s->action, in,
				&w->ctx, &payload, &type, &eff, &e);
		if (s->want == RD_OK) {
			if (rc)
				fail_msg("step %zu (%s): refused: %s", i, s->action, e.msg);
			if (!w->state)
				w->state = json_object();
			cmp_apply(w->state, type, payload);
		} else {
			if (!rc)
				fail_msg("step %zu (%s): accepted but should be refused", i, s->action);
			if (e.kind != s->want)
				fail_msg("step %zu (%s): kind %s, want %s: %s", i, s->action,
					 err_kind_name(e.kind), err_kind_name(s->want), e.msg);
			if (s->clause && strcmp(e.clause, s->clause))
				fail_msg("step %zu (%s): clause \"%s\", want \"%s\": %s", i,
					 s->action, e.clause, s->clause, e.msg);
			if (s->clause && !strstr(e.msg, s->clause))
				fail_msg("step %zu (%s): the message does not name clause %s: %s",
					 i, s->action, s->clause, e.msg);
			assert_null(payload);
		}
		if (s->field) {
			char got[256];

			field_text(w->state, s->field, got, sizeof(got));
			if (strcmp(got, s->value))
				fail_msg("step %zu (%s): %s is \"%s\", want \"%s\"", i, s->action,
					 s->field, got, s->value);
		}
		json_decref(in);
		json_decref(payload);
	}
}

#define NEW_2026 "{\"received_on\": \"2026-11-02\", \"channel\": \"phone\", " \
	"\"category\": \"repairs\", \"description\": \"Leaking roof not fixed\", " \
	"\"issue_date\": \"2026-10-01\", \"complainant\": {\"name\": \"Ann Lee\", " \
	"\"email\": \"ann@example.org\"}, \"subject\": {\"kind\": \"staff\", \"name\": \"Dan\", \"user\": \"dan\"}}"

#define DEF "\"definition\": {\"summary\": \"The roof leak was not repaired\", " \
	"\"outcomes_sought\": \"Repair and compensation\", \"responsible\": \"Roof repairs\", " \
	"\"not_responsible\": \"Contents damage\", \"points\": [\"Roof not repaired\", \"No call back\"]}"

#define TRIAGE "\"triage\": {\"complex\": false, \"vulnerable\": true}"

/* A 2024-Code complaint through both stages, with the refusals met on the
 * way. */
static void test_full_journey_2024(void **ts)
{
	static const struct step steps[] = {
		{ "new", NEW_2026, RD_OK, NULL, "status", "received" },
		/* 5 working days after Monday 2 November. */
		{ "acknowledge", "{}", RD_EINVAL, "5.8", "deadlines.acknowledge_by", "2026-11-09" },
		{ "respond", "{}", RD_ESTATE, NULL, "code_version", "2024" },
		{ "acknowledge", "{\"handler\": \"amy\", " TRIAGE "}", RD_EINVAL, "5.6", NULL, NULL },
		{ "acknowledge", "{\"handler\": \"amy\", \"definition\": {\"summary\": \"x\", "
		  "\"outcomes_sought\": \"y\", \"responsible\": \"z\"}, " TRIAGE "}",
		  RD_EINVAL, "5.7", NULL, NULL },
		{ "acknowledge", "{\"handler\": \"amy\", " DEF "}", RD_EINVAL, "6.1", NULL, NULL },
		{ "acknowledge", "{\"handler\": \"amy\", " DEF ", \"triage\": {\"complex\": false}}",
		  RD_EINVAL, "6.1", NULL, NULL },
		/* The complaint is about Dan: he may not handle it. */
		{ "acknowledge", "{\"handler\": \"dan\", " DEF ", " TRIAGE "}", RD_ERULE, "5.8", NULL, NULL },
		{ "acknowledge", "{\"handler\": \"amy\", \"acknowledged_on\": \"2026-11-24\", " DEF ", " TRIAGE "}",
		  RD_EINVAL, NULL, NULL, NULL },
		{ "acknowledge", "{\"handler\": \"amy\", \"acknowledged_on\": \"2026-11-01\", " DEF ", " TRIAGE "}",
		  RD_EINVAL, NULL, NULL, NULL },
		{ "acknowledge", "{\"handler\": \"amy\", \"surprise\": 1, " DEF ", " TRIAGE "}",
		  RD_EINVAL, NULL, NULL, NULL },
		/* 10 working days after Wednesday 4 November: 18 November. */
		{ "acknowledge", "{\"handler\": \"amy\", \"acknowledged_on\": \"2026-11-04\", " DEF ", " TRIAGE "}",
		  RD_OK, NULL, "deadlines.respond_by", "2026-11-18" },
		{ "acknowledge", "{}", RD_ESTATE, NULL, "status", "stage1" },
		{ "stage0", "{}", RD_ERULE, "5.2", "flags.vulnerability", "true" },
		{ "extend", "{\"working_days\": 10, \"reason\": \"Survey needed\"}", RD_EINVAL, "6.4", NULL, NULL },
		{ "extend", "{\"working_days\": 0, \"reason\": \"r\", \"resident_informed_on\": \"2026-11-16\"}",
		  RD_EINVAL, "6.4", NULL, NULL },
		/* 10 working days after 18 November: 2 December. */
		{ "extend", "{\"working_days\": 10, \"reason\": \"Survey needed\", \"resident_informed_on\": \"2026-11-16\"}",
		  RD_OK, NULL, "deadlines.respond_by", "2026-12-02" },
		{ "extend", "{\"working_days\": 1, \"reason\": \"More time\", \"resident_informed_on\": \"2026-11-20\"}",
		  RD_ERULE, "6.4", "stages.0.extended_days", "10" },
		{ "respond", "{\"responded_on\": \"2026-11-20\", \"decisions\": [{\"point\": 1, \"outcome\": \"upheld\", "
		  "\"reasons\": \"Late\"}]}", RD_ERULE, "6.7", NULL, NULL },
		{ "respond", "{\"responded_on\": \"2026-11-20\", \"decisions\": [{\"point\": 1, \"outcome\": \"upheld\", "
		  "\"reasons\": \"Late\"}, {\"point\": 2, \"outcome\": \"not_upheld\", \"reasons\": \"Called\"}]}",
		  RD_ERULE, "7.1", NULL, NULL },
		{ "respond", "{\"responded_on\": \"2026-11-20\", \"decisions\": [{\"point\": 1, \"outcome\": \"upheld\", "
		  "\"reasons\": \"Late\"}, {\"point\": 2, \"outcome\": \"not_upheld\", \"reasons\": \"Called\"}], "
		  "\"remedies\": [{\"type\": \"financial\", \"description\": \"Compensation\", \"amount\": 150}]}",
		  RD_EINVAL, "7.3", NULL, NULL },
		{ "respond", "{\"responded_on\": \"2026-11-20\", \"decisions\": [{\"point\": 1, \"outcome\": \"maybe\", "
		  "\"reasons\": \"Late\"}, {\"point\": 2, \"outcome\": \"not_upheld\", \"reasons\": \"Called\"}]}",
		  RD_EINVAL, NULL, NULL, NULL },
		{ "respond", "{\"responded_on\": \"2026-11-20\", \"decisions\": [{\"point\": 1, \"outcome\": \"upheld\", "
		  "\"reasons\": \"Late\"}, {\"point\": \"No call back\", \"outcome\": \"not_upheld\", \"reasons\": \"Called\"}], "
		  "\"remedies\": [{\"type\": \"financial\", \"description\": \"Compensation\", \"amount\": 150, "
		  "\"due_on\": \"2026-12-04\"}], \"outstanding_actions\": [{\"description\": \"Replace the roof\", "
		  "\"due_on\": \"2027-01-15\"}]}", RD_OK, NULL, "status", "stage1_responded" },
		{ "add-issue", "{\"point\": \"The gutter too\"}", RD_ERULE, "6.8", NULL, NULL },
		{ "close", "{\"closed_on\": \"2026-11-23\"}", RD_ERULE, "6.6", NULL, NULL },
		/* Stage 2 requested Friday 20 November: acknowledge within 5
		 * working days, by Friday 27 November. */
		{ "escalate", "{\"requested_on\": \"2026-11-20\"}", RD_OK, NULL, "deadlines.acknowledge_by", "2026-11-27" },
		{ "escalate", "{}", RD_ESTATE, NULL, "status", "stage2_requested" },
		{ "acknowledge", "{\"handler\": \"amy\", \"acknowledged_on\": \"2026-11-23\", " DEF ", " TRIAGE "}",
		  RD_ERULE, "6.13", NULL, NULL },
		{ "acknowledge", "{\"handler\": \"AMY\", \"acknowledged_on\": \"2026-11-23\", " DEF ", " TRIAGE "}",
		  RD_ERULE, "6.13", NULL, NULL },
		/* 20 working days after Monday 23 November: 24-27 Nov (4),
		 * 30 Nov-4 Dec (9), 7-11 (14), 14-18 (19), Monday 21 December. */
		{ "acknowledge", "{\"handler\": \"bea\", \"acknowledged_on\": \"2026-11-23\", " DEF ", " TRIAGE "}",
		  RD_OK, NULL, "deadlines.respond_by", "2026-12-21" },
		{ "extend", "{\"working_days\": 21, \"reason\": \"r\", \"resident_informed_on\": \"2026-11-23\", "
		  "\"good_reason\": \"\"}", RD_ERULE, "6.15", NULL, NULL },
		{ "respond", "{\"responded_on\": \"2026-11-23\", \"decisions\": [{\"point\": 1, \"outcome\": \"not_upheld\", "
		  "\"reasons\": \"Already remedied\"}, {\"point\": 2, \"outcome\": \"not_upheld\", \"reasons\": \"Called\"}]}",
		  RD_OK, NULL, "status", "stage2_responded" },
		{ "escalate", "{\"requested_on\": \"2026-11-23\"}", RD_ERULE, "5.3", NULL, NULL },
		{ "close", "{}", RD_ERULE, "6.17", NULL, NULL },
		{ "complete-action", "{\"id\": 2}", RD_ENOTFOUND, NULL, NULL, NULL },
		{ "complete-action", "{\"id\": 1, \"completed_on\": \"2026-11-23\"}", RD_OK, NULL,
		  "actions.0.completed_on", "2026-11-23" },
		{ "complete-action", "{\"id\": 1}", RD_ESTATE, NULL, NULL, NULL },
		{ "close", "{}", RD_ERULE, "7.3", NULL, NULL },
		{ "complete-remedy", "{\"id\": 1}", RD_OK, NULL, "remedies.0.completed_on", "2026-11-23" },
		{ "close", "{}", RD_OK, NULL, "status", "closed" },
		{ "withdraw", "{\"reason\": \"x\"}", RD_ESTATE, NULL, "closed_on", "2026-11-23" },
	};
	struct world *w = *ts;

	run_steps(w, steps, sizeof(steps) / sizeof(steps[0]));
}

/* An extension beyond the Code's limit needs a good reason and a
 * complaints officer. */
static void test_extension_beyond_limit(void **ts)
{
	static const struct step setup_steps[] = {
		{ "new", NEW_2026, RD_OK, NULL, NULL, NULL },
		{ "acknowledge", "{\"handler\": \"amy\", \"acknowledged_on\": \"2026-11-04\", " DEF ", " TRIAGE "}",
		  RD_OK, NULL, NULL, NULL },
	};
	static const struct step as_handler[] = {
		{ "extend", "{\"working_days\": 12, \"reason\": \"r\", \"resident_informed_on\": \"2026-11-16\", "
		  "\"good_reason\": \"The contractor went into administration\"}", RD_EDENIED, "6.4", NULL, NULL },
	};
	static const struct step as_officer[] = {
		/* 12 working days after 18 November: 4 December. */
		{ "extend", "{\"working_days\": 12, \"reason\": \"r\", \"resident_informed_on\": \"2026-11-16\", "
		  "\"good_reason\": \"The contractor went into administration\"}", RD_OK, NULL,
		  "deadlines.respond_by", "2026-12-04" },
		{ "extend", "{\"working_days\": 1, \"reason\": \"r\", \"resident_informed_on\": \"2026-11-16\"}",
		  RD_ERULE, "6.4", "stages.0.extended_beyond_code", "true" },
	};
	struct world *w = *ts;

	run_steps(w, setup_steps, 2);
	w->ctx.role = "handler";
	run_steps(w, as_handler, 1);
	w->ctx.role = "complaints_officer";
	run_steps(w, as_officer, 2);
}

/* Refusals need a listed reason and an explanation; out of time needs
 * the issue to be over 12 months old and discretion considered. */
static void test_refusals(void **ts)
{
	static const struct step steps[] = {
		{ "new", NEW_2026, RD_OK, NULL, "out_of_time", "false" },
		{ "refuse", "{\"reason\": \"we_dont_like_it\", \"explanation\": \"x\"}", RD_ERULE, "2.2", NULL, NULL },
		{ "refuse", "{\"reason\": \"legal_proceedings\"}", RD_EINVAL, "2.4", NULL, NULL },
		{ "refuse", "{\"reason\": \"over_12_months\", \"explanation\": \"Too old\", "
		  "\"discretion_considered\": true}", RD_ERULE, "2.3", NULL, NULL },
		{ "refuse", "{\"reason\": \"legal_proceedings\", \"explanation\": \"A claim was filed at court\"}",
		  RD_OK, NULL, "status", "not_accepted" },
		{ "refuse", "{\"reason\": \"legal_proceedings\", \"explanation\": \"again\"}", RD_ESTATE, NULL,
		  "refusal.ombudsman_signposted", "true" },
		{ "reopen", "{}", RD_EINVAL, NULL, NULL, NULL },
		/* Reopened on 23 November: acknowledge within 5 working days. */
		{ "reopen", "{\"reason\": \"Housing Ombudsman direction\"}", RD_OK, NULL,
		  "deadlines.acknowledge_by", "2026-11-30" },
	};
	static const struct step old[] = {
		/* Issue 2025-10-31, received 2026-11-02: over 12 months. */
		{ "new", "{\"received_on\": \"2026-11-02\", \"channel\": \"letter\", \"category\": \"repairs\", "
		  "\"description\": \"Old leak\", \"issue_date\": \"2025-10-31\", \"complainant\": {\"name\": \"B\", "
		  "\"address\": \"1 High St\"}}", RD_OK, NULL, "out_of_time", "true" },
		{ "refuse", "{\"reason\": \"over_12_months\", \"explanation\": \"Too old\"}", RD_ERULE, "2.3", NULL, NULL },
		{ "refuse", "{\"reason\": \"over_12_months\", \"explanation\": \"Too old\", "
		  "\"discretion_considered\": true}", RD_OK, NULL, "refusal.discretion_considered", "true" },
	};
	static const struct step by_handler[] = {
		{ "refuse", "{\"reason\": \"legal_proceedings\", \"explanation\": \"x\"}",
		  RD_EDENIED, NULL, "status", "received" },
	};
	struct world *w = *ts;

	/* Refusals are for a complaints officer. */
	w->ctx.role = "handler";
	run_steps(w, steps, 1);
	run_steps(w, by_handler, 1);
	w->ctx.role = "complaints_officer";
	run_steps(w, steps + 1, sizeof(steps) / sizeof(steps[0]) - 1);
	json_decref(w->state);
	w->state = NULL;
	run_steps(w, old, sizeof(old) / sizeof(old[0]));
}

/* Before 1 April 2024 the 2022 Code's clocks apply. */
static void test_code_2022(void **ts)
{
	static const struct step steps[] = {
		/* Thursday 28 March 2024: 5 calendar days, 2 April. */
		{ "new", "{\"received_on\": \"2024-03-28\", \"channel\": \"email\", \"category\": \"damp_and_mould\", "
		  "\"description\": \"Mould\", \"complainant\": {\"name\": \"C\", \"phone\": \"0100\"}}",
		  RD_OK, NULL, "deadlines.acknowledge_by", "2024-04-02" },
		{ "acknowledge", "{\"handler\": \"amy\", \"acknowledged_on\": \"2024-03-28\", " DEF ", " TRIAGE "}",
		  RD_OK, NULL, "deadlines.respond_by", "2024-04-15" },
		{ "respond", "{\"responded_on\": \"2024-04-10\", \"decisions\": [{\"point\": 1, \"outcome\": \"not_upheld\", "
		  "\"reasons\": \"r\"}, {\"point\": 2, \"outcome\": \"not_upheld\", \"reasons\": \"r\"}]}",
		  RD_OK, NULL, "code_version", "2022" },
		/* Stage 2 under 2022: 20 working days from the request (10
		 * April -> 9 May, with 6 May a holiday); no acknowledgement
		 * deadline. */
		{ "escalate", "{\"requested_on\": \"2024-04-10\"}", RD_OK, NULL, "deadlines.acknowledge_by", "null" },
		{ "acknowledge", "{\"handler\": \"bea\", \"acknowledged_on\": \"2024-04-20\", " DEF ", " TRIAGE "}",
		  RD_OK, NULL, "deadlines.respond_by", "2024-05-09" },
		/* The 2022 Code allows 10 more working days at stage 2: from
		 * 9 May, 10, 13-17, 20-23 May. */
		{ "extend", "{\"working_days\": 11, \"reason\": \"r\", \"resident_informed_on\": \"2024-05-01\"}",
		  RD_ERULE, "5.13", NULL, NULL },
		{ "extend", "{\"working_days\": 10, \"reason\": \"r\", \"resident_informed_on\": \"2024-05-01\"}",
		  RD_OK, NULL, "deadlines.respond_by", "2024-05-23" },
		{ "respond", "{\"responded_on\": \"2024-05-20\", \"decisions\": [{\"point\": 1, \"outcome\": \"not_upheld\", "
		  "\"reasons\": \"r\"}, {\"point\": 2, \"outcome\": \"not_upheld\", \"reasons\": \"r\"}]}",
		  RD_OK, NULL, "status", "stage2_responded" },
		/* No third stage unless the landlord's policy has one. */
		{ "escalate", "{\"requested_on\": \"2024-05-21\"}", RD_ERULE, "5.17", NULL, NULL },
	};
	struct world *w = *ts;

	w->ctx.today = D("2024-06-30");
	run_steps(w, steps, sizeof(steps) / sizeof(steps[0]));
}

/* 1 April 2024 (Easter Monday) is the first day of the 2024 Code. */
static void test_code_boundary(void **ts)
{
	static const struct step steps[] = {
		{ "new", "{\"received_on\": \"2024-04-01\", \"channel\": \"web\", \"category\": \"repairs\", "
		  "\"description\": \"d\", \"complainant\": {\"name\": \"E\", \"email\": \"e@example.org\"}}",
		  RD_OK, NULL, "deadlines.acknowledge_by", "2024-04-08" },
	};
	struct world *w = *ts;

	w->ctx.today = D("2024-06-30");
	run_steps(w, steps, 1);
	assert_int_equal(js_int(w->state, "code_version", 0), 2024);
}

static void test_bad_new(void **ts)
{
	static const struct step steps[] = {
		{ "new", "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": \"d\"}",
		  RD_EINVAL, NULL, NULL, NULL },
		{ "new", "{\"channel\": \"pigeon\", \"category\": \"repairs\", \"description\": \"d\", "
		  "\"complainant\": {\"name\": \"A\", \"email\": \"a@b.c\"}}", RD_EINVAL, "3.1", NULL, NULL },
		{ "new", "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": \"d\", "
		  "\"complainant\": {\"name\": \"A\"}}", RD_EINVAL, NULL, NULL, NULL },
		{ "new", "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": \"d\", "
		  "\"complainant\": {\"name\": \"A\", \"email\": \"nope\"}}", RD_EINVAL, NULL, NULL, NULL },
		{ "new", "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": \"d\", "
		  "\"received_on\": \"2026-11-24\", \"complainant\": {\"name\": \"A\", \"email\": \"a@b.c\"}}",
		  RD_EINVAL, NULL, NULL, NULL },
		{ "new", "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": \"d\", "
		  "\"received_on\": \"2026-02-30\", \"complainant\": {\"name\": \"A\", \"email\": \"a@b.c\"}}",
		  RD_EINVAL, NULL, NULL, NULL },
		{ "new", "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": 5, "
		  "\"complainant\": {\"name\": \"A\", \"email\": \"a@b.c\"}}", RD_EINVAL, NULL, NULL, NULL },
		{ "new", "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": \"d\", "
		  "\"representative\": {\"name\": \"R\"}, \"complainant\": {\"name\": \"A\", \"email\": \"a@b.c\"}}",
		  RD_EINVAL, "3.6", NULL, NULL },
		{ "new", "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": \"d\", "
		  "\"issue_date\": \"2026-11-20\", \"received_on\": \"2026-11-19\", "
		  "\"complainant\": {\"name\": \"A\", \"email\": \"a@b.c\"}}", RD_EINVAL, NULL, NULL, NULL },
	};
	struct world *w = *ts;

	run_steps(w, steps, sizeof(steps) / sizeof(steps[0]));
	assert_null(w->state);
}

/* New issues join the definition before the stage 1 response (6.8). */
static void test_new_issue_before_response(void **ts)
{
	static const struct step steps[] = {
		{ "new", NEW_2026, RD_OK, NULL, NULL, NULL },
		{ "add-issue", "{\"point\": \"The bins\"}", RD_OK, NULL, "pending_points.0", "The bins" },
		{ "acknowledge", "{\"handler\": \"amy\", \"acknowledged_on\": \"2026-11-04\", " DEF ", " TRIAGE "}",
		  RD_OK, NULL, "stages.0.definition.points.2", "The bins" },
		{ "add-issue", "{\"point\": \"The gate\"}", RD_OK, NULL, "stages.0.definition.points.3", "The gate" },
		{ "respond", "{\"decisions\": [{\"point\": 1, \"outcome\": \"not_upheld\", \"reasons\": \"r\"}, "
		  "{\"point\": 2, \"outcome\": \"not_upheld\", \"reasons\": \"r\"}, "
		  "{\"point\": 3, \"outcome\": \"not_upheld\", \"reasons\": \"r\"}]}", RD_ERULE, "6.7", NULL, NULL },
	};

	run_steps(*ts, steps, sizeof(steps) / sizeof(steps[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_journey_2024, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extension_beyond_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_2022, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_boundary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_new, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_issue_before_response, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
