/*
 * test_provision.c - the 2024 Code's self-assessment form as data, and the
 * self-assessment record's rules.
 */
#include "testutil.h"

#include <string.h>

#include "core/provision.h"
#include "util/json.h"

/* The form (Appendix B of the 2024 Code, seed 003) has 72 provisions:
 * sections 1-9 hold 5, 5, 7, 3, 15, 20, 4, 5 and 8; section 1 starts at
 * 1.2, every other at N.1, and each runs without a gap. */
static void test_the_form(void **ts)
{
	static const int per_section[10] = { 0, 5, 5, 7, 3, 15, 20, 4, 5, 8 };
	int count[10] = { 0 }, basis[3] = { 0 };
	size_t n;
	const struct provision *l = prov_list(2024, &n);

	(void)ts;
	assert_non_null(l);
	assert_int_equal(n, 72);
	for (size_t i = 0; i < n; i++) {
		char want[32];

		assert_true(l[i].section >= 1 && l[i].section <= 9);
		count[l[i].section]++;
		snprintf(want, sizeof(want), "%d.%d", l[i].section,
			 count[l[i].section] + (l[i].section == 1 ? 1 : 0));
		assert_string_equal(l[i].number, want);
		assert_true(strlen(l[i].text) > 40);
		assert_true(!strcmp(l[i].modal, "must") || !strcmp(l[i].modal, "should") ||
			    !strcmp(l[i].modal, "expected") || !strcmp(l[i].modal, "may"));
		/* an enforced provision says what Redress does, no other does */
		assert_int_equal(l[i].how != NULL, l[i].basis == PROV_ENFORCED);
		basis[l[i].basis]++;
		assert_ptr_equal(prov_find(2024, l[i].number), &l[i]);
	}
	for (int s = 1; s <= 9; s++) {
		assert_int_equal(count[s], per_section[s]);
		assert_true(strlen(prov_section(2024, s)) > 5);
	}
	assert_int_equal(basis[PROV_COMPUTED], 35);
	assert_int_equal(basis[PROV_ENFORCED], 15);
	assert_int_equal(basis[PROV_ORGANISATIONAL], 22);
	assert_string_equal(prov_find(2024, "1.6")->modal, "should");
	assert_string_equal(prov_find(2024, "4.3")->modal, "expected");
	assert_string_equal(prov_find(2024, "8.4")->modal, "may");
	assert_null(prov_find(2024, "1.1"));
	assert_null(prov_find(2024, "6.21"));
	assert_null(prov_list(2020, &n));
	assert_int_equal(n, 0);
	assert_int_equal(prov_version_for(2024), 2024);
	assert_int_equal(prov_version_for(2023), 2022);
	assert_int_equal(prov_version_for(2022), 2022);
	assert_int_equal(prov_version_for(2021), 0);
}

/* The 2022 Code's form (seed 004): 72 provisions in 8 sections of 8, 8,
 * 3, 19, 20, 6, 5 and 3, each section's "must" requirements before its
 * "should" ones; a computed one is evidenced by a 2024 provision's figures
 * (or by its own: 4.13 and 5.17 read the policy). */
static void test_the_2022_form(void **ts)
{
	static const int per_section[9] = { 0, 8, 8, 3, 19, 20, 6, 5, 3 };
	int count[9] = { 0 }, last = 0, should = 0;
	size_t n;
	const struct provision *l = prov_list(2022, &n);

	(void)ts;
	assert_non_null(l);
	assert_int_equal(n, 72);
	for (size_t i = 0; i < n; i++) {
		int s = l[i].section;

		assert_true(s >= 1 && s <= 8);
		assert_true(s >= last);
		if (s != last)
			should = 0;
		last = s;
		count[s]++;
		if (!strcmp(l[i].modal, "should"))
			should = 1;
		else
			assert_false(should);	/* no "must" after a "should" */
		assert_int_equal(l[i].how != NULL, l[i].basis == PROV_ENFORCED);
		if (l[i].basis == PROV_COMPUTED) {
			assert_non_null(l[i].as);
			if (strcmp(l[i].as, "4.13") && strcmp(l[i].as, "5.17"))
				assert_int_equal(prov_find(2024, l[i].as)->basis, PROV_COMPUTED);
		}
		assert_ptr_equal(prov_find(2022, l[i].number), &l[i]);
	}
	for (int s = 1; s <= 8; s++) {
		assert_int_equal(count[s], per_section[s]);
		assert_true(strlen(prov_section(2022, s)) > 5);
	}
	assert_string_equal(prov_find(2022, "4.1")->as, "6.2");
	assert_string_equal(prov_find(2022, "5.13")->as, "6.14");
	assert_null(prov_find(2022, "9.1"));
}

static int decide(json_t *st, const char *action, const char *in, date_t today,
		  struct rd_err *e)
{
	json_t *j = json_loads(in, 0, NULL), *p = NULL;
	const char *type;
	date_t eff;
	int rc;

	assert_non_null(j);
	rc = prov_decide(st, action, j, 2024, today, &p, &type, &eff, e);
	if (!rc)
		prov_apply(st, type, p);
	json_decref(p);
	json_decref(j);
	return rc;
}

static void test_the_record(void **ts)
{
	json_t *st = json_object();
	date_t today = D("2026-04-10");
	struct rd_err e;

	(void)ts;
	/* commentary: a Yes/No only where the records do not answer */
	assert_int_equal(decide(st, "comment", "{\"provision\": \"6.2\", \"text\": \"t\", \"comply\": \"yes\"}",
				today, &e), -1);
	assert_string_equal(e.field, "comply");
	assert_int_equal(decide(st, "comment", "{\"provision\": \"3.1\", \"text\": \"Six channels\", \"comply\": \"yes\"}",
				today, &e), 0);
	assert_string_equal(js_str0(json_object_get(json_object_get(st, "commentary"), "3.1"), "comply"), "yes");
	assert_string_equal(js_str0(json_object_get(json_object_get(st, "commentary"), "3.1"), "on"), "2026-04-10");
	assert_int_equal(decide(st, "comment", "{\"provision\": \"3.1\", \"text\": \"Five\"}", today, &e), 0);
	assert_string_equal(js_str0(json_object_get(json_object_get(st, "commentary"), "3.1"), "text"), "Five");
	assert_int_equal(decide(st, "comment", "{\"provision\": \"10.1\", \"text\": \"t\"}", today, &e), -1);
	assert_string_equal(e.field, "provision");
	assert_int_equal(decide(st, "comment", "{\"provision\": \"3.1\", \"text\": \"t\", \"comply\": \"maybe\"}",
				today, &e), -1);
	assert_string_equal(e.field, "comply");
	assert_int_equal(decide(st, "comment", "{\"provision\": \"3.1\"}", today, &e), -1);
	assert_string_equal(e.field, "text");
	/* publication only after the approval, and not before it */
	assert_int_equal(decide(st, "publish", "{}", today, &e), -1);
	assert_int_equal(e.kind, RD_ESTATE);
	assert_int_equal(decide(st, "approve", "{\"approved_on\": \"2026-04-11\"}", today, &e), -1);
	assert_string_equal(e.field, "approved_on");
	assert_int_equal(decide(st, "approve", "{\"approved_on\": \"2026-04-08\"}", today, &e), 0);
	assert_string_equal(js_str0(json_object_get(st, "approved"), "body"), "the governing body");
	assert_int_equal(decide(st, "publish", "{\"published_on\": \"2026-04-07\"}", today, &e), -1);
	assert_string_equal(e.field, "published_on");
	assert_int_equal(decide(st, "publish", "{}", today, &e), 0);
	assert_string_equal(js_str0(json_object_get(st, "published"), "published_on"), "2026-04-10");
	/* the governing body's response to the annual report */
	assert_int_equal(decide(st, "respond", "{\"text\": \" \"}", today, &e), -1);
	assert_string_equal(e.field, "text");
	assert_int_equal(decide(st, "respond", "{\"text\": \"Noted\", \"body\": \"Board\"}", today, &e), 0);
	assert_string_equal(js_str0(json_object_get(st, "response"), "body"), "Board");
	assert_int_equal(decide(st, "frobnicate", "{}", today, &e), -1);
	assert_string_equal(e.field, "action");
	json_decref(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_form),
		cmocka_unit_test(test_the_2022_form),
		cmocka_unit_test(test_the_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
