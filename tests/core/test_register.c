/*
 * test_register.c - the registers' decisions, row by row: the Ombudsman's
 * information requests (due dates in working days over a bank holiday),
 * its findings and orders, closing a case, improvements, exceptional
 * circumstances (8.5), quality reviews and surveys, the Ombudsman's
 * reports about the landlord (8.1 e, f); and folding events into a record.
 */
#include "testutil.h"

#include <string.h>

#include "core/register.h"
#include "util/json.h"

static calendar *cal;

static struct reg_ctx ctx(const json_t *complaint)
{
	struct reg_ctx cx = { D("2026-12-31"), cal, "system", complaint, NULL };

	return cx;
}

/* Runs one action and folds it into "*st" (created for "new"); returns
 * the error kind (RD_OK on success), with the field and clause. */
static int act(enum reg_kind k, json_t **st, const char *action, const char *in_text,
	       const json_t *complaint, struct rd_err *e)
{
	json_t *in = json_loads(in_text, 0, NULL), *p = NULL;
	struct reg_ctx cx = ctx(complaint);
	const char *type;
	date_t eff;
	int rc;

	assert_non_null(in);
	err_clear(e);
	rc = reg_decide(k, *st, action, in, "X-000001", &cx, &p, &type, &eff, e);
	json_decref(in);
	if (rc)
		return e->kind;
	if (!*st)
		*st = json_object();
	reg_apply(*st, type, p);
	json_decref(p);
	return RD_OK;
}

static json_t *complaint(void)
{
	return json_pack("{s:s, s:s}", "reference", "CMP-2026-000001", "received_on", "2026-06-01");
}

static void test_ombudsman(void **ts)
{
	json_t *c = complaint(), *st = NULL;
	struct rd_err e;

	(void)ts;
	assert_int_equal(act(REG_OMBUDSMAN, &st, "new", "{\"complaint\": \"CMP-2026-000001\", "
			     "\"referred_on\": \"2026-05-31\"}", c, &e), RD_EINVAL);
	assert_string_equal(e.field, "referred_on");
	assert_string_equal(e.clause, "4.1");
	assert_int_equal(act(REG_OMBUDSMAN, &st, "new", "{\"complaint\": \"CMP-2026-000001\", "
			     "\"referred_on\": \"2026-12-01\"}", c, &e), RD_OK);
	assert_string_equal(js_str0(st, "status"), "open");
	/* Friday 18 December + 5 working days: 21, 22, 23, 24, then 25
	 * (Christmas Day) and 28 (Boxing Day, substitute for Saturday 26)
	 * are not working days, so the fifth is Tuesday 29 December 2026 */
	assert_int_equal(act(REG_OMBUDSMAN, &st, "request", "{\"what\": \"Records\", "
			     "\"requested_on\": \"2026-12-18\", \"working_days\": 5}", NULL, &e), RD_OK);
	assert_string_equal(js_str0(json_array_get(json_object_get(st, "information_requests"), 0),
				    "due_on"), "2026-12-29");
	assert_int_equal(act(REG_OMBUDSMAN, &st, "answer", "{\"n\": 1, \"summary\": \"Sent\", "
			     "\"answered_on\": \"2026-12-30\"}", NULL, &e), RD_OK);
	assert_false(js_true(json_array_get(json_object_get(st, "information_requests"), 0), "on_time"));
	/* each of the eight findings is accepted; anything else is not */
	{
		static const char *const f[] = {
			"no_maladministration", "service_failure", "maladministration",
			"severe_maladministration", "mediation", "reasonable_redress",
			"outside_jurisdiction", "withdrawn"
		};
		char in[200];

		for (int i = 0; i < 8; i++) {
			snprintf(in, sizeof(in), "{\"issue\": \"Issue %d\", \"finding\": \"%s\"}", i + 1, f[i]);
			assert_int_equal(act(REG_OMBUDSMAN, &st, "determine", in, NULL, &e), RD_OK);
		}
		assert_int_equal(act(REG_OMBUDSMAN, &st, "determine",
				     "{\"issue\": \"x\", \"finding\": \"partly_upheld\"}", NULL, &e), RD_EINVAL);
		assert_string_equal(e.field, "finding");
	}
	assert_string_equal(js_str0(st, "status"), "determined");
	/* orders follow failure findings: determination 1 found no maladministration */
	assert_int_equal(act(REG_OMBUDSMAN, &st, "order", "{\"kind\": \"apology\", \"description\": \"x\", "
			     "\"due_on\": \"2027-01-15\", \"determination\": 1}", NULL, &e), RD_ERULE);
	assert_string_equal(e.clause, "9.7");
	assert_int_equal(act(REG_OMBUDSMAN, &st, "order", "{\"kind\": \"compensation\", \"description\": \"x\", "
			     "\"due_on\": \"2027-01-15\", \"determination\": 4}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "amount");
	assert_int_equal(act(REG_OMBUDSMAN, &st, "order", "{\"kind\": \"compensation\", \"amount\": 1000, "
			     "\"description\": \"x\", \"due_on\": \"2027-01-15\", \"determination\": 4}",
			     NULL, &e), RD_OK);
	assert_string_equal(js_str0(json_array_get(json_object_get(st, "orders"), 0), "finding"),
			    "severe_maladministration");
	assert_int_equal(act(REG_OMBUDSMAN, &st, "close", "{}", NULL, &e), RD_ERULE);
	assert_string_equal(e.field, "orders");
	assert_int_equal(act(REG_OMBUDSMAN, &st, "comply", "{\"n\": 1, \"evidence\": \"Paid\"}", NULL, &e), RD_OK);
	assert_int_equal(act(REG_OMBUDSMAN, &st, "comply", "{\"n\": 1, \"evidence\": \"Paid\"}", NULL, &e), RD_ESTATE);
	assert_int_equal(act(REG_OMBUDSMAN, &st, "close", "{}", NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "status"), "closed");
	assert_int_equal(act(REG_OMBUDSMAN, &st, "request", "{\"what\": \"x\", \"working_days\": 1}",
			     NULL, &e), RD_ESTATE);
	json_decref(st);
	json_decref(c);
}

static void test_improvement_and_exceptional(void **ts)
{
	json_t *st = NULL;
	struct rd_err e;

	(void)ts;
	assert_int_equal(act(REG_IMPROVEMENT, &st, "new", "{\"title\": \"T\", \"owner\": \"O\", "
			     "\"due_on\": \"2027-01-01\", \"complaints\": []}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "complaints");
	assert_string_equal(e.clause, "9.1");
	assert_int_equal(act(REG_IMPROVEMENT, &st, "new", "{\"title\": \"T\", \"owner\": \"O\", "
			     "\"due_on\": \"2027-01-01\", \"complaints\": [\"CMP-2026-000001\"]}", NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "status"), "planned");
	assert_int_equal(act(REG_IMPROVEMENT, &st, "update", "{\"note\": \"n\", \"status\": \"completed\"}",
			     NULL, &e), RD_EINVAL);
	assert_string_equal(e.clause, "9.3");
	assert_int_equal(act(REG_IMPROVEMENT, &st, "update", "{\"note\": \"n\", \"due_on\": \"2027-02-01\", "
			     "\"owner\": \"P\"}", NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "due_on"), "2027-02-01");
	assert_string_equal(js_str0(st, "owner"), "P");
	assert_int_equal(act(REG_IMPROVEMENT, &st, "update", "{\"note\": \"n\", \"status\": \"completed\", "
			     "\"outcome\": \"Better\"}", NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "finished_on"), "2026-12-31");
	assert_int_equal(act(REG_IMPROVEMENT, &st, "update", "{\"note\": \"n\"}", NULL, &e), RD_ESTATE);
	json_decref(st);

	st = NULL;
	assert_int_equal(act(REG_EXCEPTIONAL, &st, "new", "{\"reason\": \"Cyber incident\"}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "expected_return_on");
	assert_string_equal(e.clause, "8.5");
	assert_int_equal(act(REG_EXCEPTIONAL, &st, "new", "{\"reason\": \"Cyber incident\", \"started_on\": "
			     "\"2026-12-01\", \"expected_return_on\": \"2027-01-15\", \"ombudsman_informed_on\": "
			     "\"2026-12-02\", \"ombudsman_told\": \"We cannot meet the Code\"}", NULL, &e), RD_OK);
	assert_int_equal(act(REG_EXCEPTIONAL, &st, "end", "{}", NULL, &e), RD_ERULE);
	assert_string_equal(e.field, "residents_informed_on");
	assert_int_equal(act(REG_EXCEPTIONAL, &st, "update", "{\"residents_informed_on\": \"2026-11-30\", "
			     "\"residents_told\": \"x\"}", NULL, &e), RD_EINVAL);
	assert_int_equal(act(REG_EXCEPTIONAL, &st, "update", "{\"residents_informed_on\": \"2026-12-03\", "
			     "\"residents_told\": \"Replies may be late\"}", NULL, &e), RD_OK);
	assert_int_equal(act(REG_EXCEPTIONAL, &st, "end", "{\"returned_on\": \"2026-12-20\"}", NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "status"), "ended");
	json_decref(st);
}

static void test_quality_and_survey(void **ts)
{
	json_t *c = json_pack("{s:s, s:s, s:[{s:i, s:s, s:s}]}", "reference", "CMP-2026-000001",
			      "received_on", "2026-06-01", "stages", "stage", 1, "handler", "amy",
			      "responded_on", "2026-06-20");
	json_t *st = NULL;
	struct rd_err e;

	(void)ts;
	assert_int_equal(act(REG_QUALITY, &st, "new", "{\"complaint\": \"CMP-2026-000001\", \"stage\": 1, "
			     "\"reviewer\": \"amy\"}", c, &e), RD_ERULE);
	assert_string_equal(e.field, "reviewer");
	assert_int_equal(act(REG_QUALITY, &st, "new", "{\"complaint\": \"CMP-2026-000001\", \"stage\": 2, "
			     "\"reviewer\": \"olu\"}", c, &e), RD_ESTATE);
	assert_int_equal(act(REG_QUALITY, &st, "new", "{\"complaint\": \"CMP-2026-000001\", \"stage\": 1, "
			     "\"reviewer\": \"olu\"}", c, &e), RD_OK);
	assert_int_equal(act(REG_QUALITY, &st, "score", "{\"findings\": \"f\", \"scores\": {\"points_answered\": 2, "
			     "\"required_elements\": 1, \"plain_language\": 0, \"tone\": 2, \"remedy_proportionate\": 2, "
			     "\"spelling\": 2}}", NULL, &e), RD_EINVAL);
	assert_int_equal(act(REG_QUALITY, &st, "score", "{\"findings\": \"f\", \"scores\": {\"points_answered\": 2, "
			     "\"required_elements\": 1, \"plain_language\": 0, \"tone\": 2, \"remedy_proportionate\": 2}}",
			     NULL, &e), RD_OK);
	/* 7 of 10 */
	assert_int_equal(js_int(st, "score", 0), 7);
	assert_true(json_real_value(json_object_get(st, "percent")) == 70.0);
	json_decref(st);
	json_decref(c);

	st = NULL;
	assert_int_equal(act(REG_SURVEY, &st, "new", "{\"complaint\": \"CMP-2026-000001\", \"closed_on\": "
			     "\"2026-12-01\", \"due_on\": \"2026-12-15\"}", NULL, &e), RD_OK);
	assert_int_equal(act(REG_SURVEY, &st, "answer", "{\"answers\": {\"overall\": 0}}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "answers.overall");
	assert_int_equal(act(REG_SURVEY, &st, "answer", "{\"answers\": {\"speed\": 3}}", NULL, &e), RD_EINVAL);
	assert_int_equal(act(REG_SURVEY, &st, "answer", "{\"answers\": {\"overall\": 5}}", NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "status"), "answered");
	assert_int_equal(act(REG_SURVEY, &st, "decline", "{}", NULL, &e), RD_ESTATE);
	json_decref(st);
}

/* A refusal: the error kind, the field and clause 8.1, and nothing made. */
static void refused(const char *in, const char *field)
{
	json_t *st = NULL;
	struct rd_err e;

	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "new", in, NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, field);
	assert_string_equal(e.clause, "8.1");
	assert_null(st);
}

static void test_ombudsman_report(void **ts)
{
	json_t *st = NULL;
	struct rd_err e;
	const json_t *l;

	(void)ts;
	/* today is 31 December 2026 */
	refused("{\"title\": \"T\", \"published_on\": \"2026-10-01\", \"summary\": \"S\"}", "kind");
	refused("{\"kind\": \"letter\", \"title\": \"T\", \"published_on\": \"2026-10-01\", "
		"\"summary\": \"S\"}", "kind");
	refused("{\"kind\": \"spotlight_report\", \"published_on\": \"2026-10-01\", \"summary\": \"S\"}",
		"title");
	refused("{\"kind\": \"spotlight_report\", \"title\": \"T\", \"summary\": \"S\"}", "published_on");
	refused("{\"kind\": \"spotlight_report\", \"title\": \"T\", \"published_on\": \"2026-10-01\"}",
		"summary");
	refused("{\"kind\": \"spotlight_report\", \"title\": \"T\", \"published_on\": \"2027-01-01\", "
		"\"summary\": \"S\"}", "published_on");
	refused("{\"kind\": \"spotlight_report\", \"title\": \"T\", \"published_on\": \"2026-10-01\", "
		"\"received_on\": \"2027-01-01\", \"summary\": \"S\"}", "received_on");
	/* the annual landlord report names the year it covers, which ends on
	 * 31 March of the next: 2024/25 ends 31 March 2025 */
	refused("{\"kind\": \"annual_landlord_report\", \"title\": \"T\", \"published_on\": \"2026-10-01\", "
		"\"summary\": \"S\"}", "year");
	refused("{\"kind\": \"annual_landlord_report\", \"title\": \"T\", \"published_on\": \"2025-03-31\", "
		"\"year\": 2024, \"summary\": \"S\"}", "year");
	refused("{\"kind\": \"annual_landlord_report\", \"title\": \"T\", \"published_on\": \"2026-10-01\", "
		"\"year\": \"2024\", \"summary\": \"S\"}", "year");
	refused("{\"kind\": \"spotlight_report\", \"title\": \"T\", \"published_on\": \"2026-10-01\", "
		"\"year\": 2025, \"summary\": \"S\"}", "year");
	refused("{\"kind\": \"other\", \"title\": \"T\", \"published_on\": \"2026-10-01\", \"summary\": \"S\", "
		"\"url\": \"ftp://example.org/r.pdf\"}", "url");
	refused("{\"kind\": \"other\", \"title\": \"T\", \"published_on\": \"2026-10-01\", \"summary\": \"S\", "
		"\"url\": \"https://\"}", "url");
	refused("{\"kind\": \"other\", \"title\": \"T\", \"published_on\": \"2026-10-01\", \"summary\": \"S\", "
		"\"url\": \"https://example.org/a report.pdf\"}", "url");
	refused("{\"kind\": \"other\", \"title\": \"T\", \"published_on\": \"2026-10-01\", \"summary\": \"S\", "
		"\"responded_on\": \"2026-10-02\"}", "landlord_response");
	refused("{\"kind\": \"other\", \"title\": \"T\", \"published_on\": \"2026-10-01\", \"summary\": \"S\", "
		"\"landlord_response\": \"R\", \"responded_on\": \"2026-09-30\"}", "responded_on");
	refused("{\"kind\": \"other\", \"title\": \"T\", \"published_on\": \"2026-10-01\", \"summary\": \"S\", "
		"\"complaints\": \"CMP-2026-000001\"}", "complaints");
	refused("{\"kind\": \"other\", \"title\": \"T\", \"published_on\": \"2026-10-01\", \"summary\": \"S\", "
		"\"improvements\": [1]}", "improvements");

	/* 2024/25's report, published 1 April 2025 (the first day it can be),
	 * received a few days before in draft */
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "new", "{\"kind\": \"annual_landlord_report\", "
			     "\"title\": \"Landlord performance report 2024-25\", \"published_on\": \"2025-04-01\", "
			     "\"received_on\": \"2025-03-25\", \"year\": 2024, \"summary\": \"S\", "
			     "\"url\": \"HTTPS://www.housing-ombudsman.org.uk/r\", \"complaints\": [\"CMP-2024-000007\"]}",
			     NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "status"), "received");
	assert_string_equal(js_str0(st, "covers"), "2024/25");
	assert_int_equal(json_array_size(json_object_get(st, "improvements")), 0);
	/* an update needs something; not before the draft came */
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "update", "{\"on\": \"2025-04-02\"}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "landlord_response");
	assert_string_equal(e.clause, "8.1");
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "update", "{\"landlord_response\": \"R\", "
			     "\"on\": \"2025-03-24\"}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "on");
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "update", "{\"landlord_response\": \"R\", "
			     "\"on\": \"2027-01-01\"}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "on");
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "update", "{\"landlord_response\": \"An action plan\", "
			     "\"on\": \"2025-03-28\", \"improvements\": [\"IMP-000002\"], "
			     "\"complaints\": [\"CMP-2024-000007\", \"CMP-2025-000001\"]}", NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "status"), "responded");
	assert_string_equal(js_str0(st, "responded_on"), "2025-03-28");
	assert_string_equal(js_str0(st, "landlord_response"), "An action plan");
	/* links are added once each */
	l = json_object_get(st, "complaints");
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(json_string_value(json_array_get(l, 1)), "CMP-2025-000001");
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "update", "{\"note\": \"n\", \"on\": \"2025-03-27\"}",
			     NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "on");
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "update", "{\"improvements\": [\"IMP-000002\", "
			     "\"IMP-000003\"], \"landlord_response\": \"Plan done\", \"on\": \"2025-09-01\"}",
			     NULL, &e), RD_OK);
	assert_int_equal(json_array_size(json_object_get(st, "improvements")), 2);
	assert_string_equal(js_str0(st, "landlord_response"), "Plan done");
	assert_string_equal(js_str0(st, "responded_on"), "2025-09-01");
	assert_int_equal(json_array_size(json_object_get(st, "updates")), 2);
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "correct", "{}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "action");
	/* withdrawn: a reason, then no more actions */
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "withdraw", "{}", NULL, &e), RD_EINVAL);
	assert_string_equal(e.field, "reason");
	assert_string_equal(e.clause, "8.1");
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "withdraw", "{\"reason\": \"Another landlord's\"}",
			     NULL, &e), RD_OK);
	assert_string_equal(js_str0(st, "status"), "withdrawn");
	assert_string_equal(js_str0(st, "withdrawn_on"), "2026-12-31");
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "update", "{\"note\": \"n\"}", NULL, &e), RD_ESTATE);
	assert_int_equal(act(REG_OMBUDSMAN_REPORT, &st, "withdraw", "{\"reason\": \"r\"}", NULL, &e), RD_ESTATE);
	json_decref(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ombudsman),
		cmocka_unit_test(test_improvement_and_exceptional),
		cmocka_unit_test(test_quality_and_survey),
		cmocka_unit_test(test_ombudsman_report),
	};
	int rc;

	cal = cal_new(CAL_ENGLAND_WALES, NULL, 0, NULL, 0, 0);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	cal_free(cal);
	return rc;
}
