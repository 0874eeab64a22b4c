/*
 * api_registers.c - the oversight registers over HTTP: /api/v1/ombudsman-cases,
 * /improvements, /exceptional-circumstances, /training-records,
 * /quality-reviews, /surveys and /ombudsman-reports.  Each write is one rec_register() action;
 * the route's name says which register and which action.
 */
#include "http/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/schedule.h"
#include "util/json.h"

/* Route names: "<collection>.list", "<collection>.get", and the actions. */
static const struct {
	const char *collection, *kind, *path;
} registers[] = {
	{ "ombudsman_cases", "ombudsman_case", "ombudsman-cases" },
	{ "improvements", "improvement", "improvements" },
	{ "exceptional_circumstances", "exceptional", "exceptional-circumstances" },
	{ "training_records", "training", "training-records" },
	{ "quality_reviews", "quality_review", "quality-reviews" },
	{ "surveys", "survey", "surveys" },
	{ "ombudsman_reports", "ombudsman_report", "ombudsman-reports" },
};

static const struct {
	const char *route, *action;
} actions[] = {
	{ "ombudsman_cases.create", "new" },
	{ "ombudsman_cases.information_requests.create", "request" },
	{ "ombudsman_cases.information_requests.answer", "answer" },
	{ "ombudsman_cases.determinations.create", "determine" },
	{ "ombudsman_cases.orders.create", "order" },
	{ "ombudsman_cases.orders.compliance", "comply" },
	{ "ombudsman_cases.failure_orders.create", "failure-order" },
	{ "ombudsman_cases.failure_orders.compliance", "comply-failure-order" },
	{ "ombudsman_cases.close", "close" },
	{ "improvements.create", "new" },
	{ "improvements.updates.create", "update" },
	{ "exceptional_circumstances.create", "new" },
	{ "exceptional_circumstances.update", "update" },
	{ "exceptional_circumstances.end", "end" },
	{ "training_records.create", "new" },
	{ "quality_reviews.create", "new" },
	{ "quality_reviews.score", "score" },
	{ "surveys.sent", "send" },
	{ "surveys.answers", "answer" },
	{ "surveys.declined", "decline" },
	{ "ombudsman_reports.create", "new" },
	{ "ombudsman_reports.updates.create", "update" },
	{ "ombudsman_reports.withdraw", "withdraw" },
};

static int which(const struct req *q)
{
	const char *name = q->route->name;

	for (size_t i = 0; i < sizeof(registers) / sizeof(registers[0]); i++) {
		size_t n = strlen(registers[i].collection);

		if (!strncmp(name, registers[i].collection, n) && name[n] == '.')
			return (int)i;
	}
	return 0;
}

static int valid_ref(const char *id)
{
	size_t n = strlen(id);

	return n > 0 && n < 40 && strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

int api_register_list(struct req *q, struct rec *r)
{
	int status, k = which(q);

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	q->out = rec_states(r, registers[k].kind, NULL);
	return q->out ? 200 : http_problem(q, 500, "", "cannot list the register");
}

int api_register_get(struct req *q, struct rec *r)
{
	char stream[96];
	int status, k = which(q);

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	snprintf(stream, sizeof(stream), "%s:%.60s", registers[k].kind, q->params[0]);
	if (!valid_ref(q->params[0]) || rec_load(r, stream, &q->out, NULL))
		return http_problem(q, 404, "reference", "no %s %s", registers[k].kind, q->params[0]);
	return 200;
}

int api_register_act(struct req *q, struct rec *r)
{
	const char *action = NULL, *ref = NULL;
	struct rd_err e;
	json_t *in, *st;
	int status, k = which(q);

	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strcmp(actions[i].route, q->route->name))
			action = actions[i].action;
	if (!action)
		return http_problem(q, 500, "", "no action for route %s", q->route->name);
	if (strcmp(action, "new")) {
		ref = q->params[0];
		if (!valid_ref(ref))
			return http_problem(q, 404, "reference", "no %s %s", registers[k].kind, ref);
	}
	if (!q->body.len && (!strcmp(action, "close") || !strcmp(action, "end") ||
			     !strcmp(action, "send") || !strcmp(action, "decline")))
		in = json_object();
	else if (!(in = http_json_body(q, &status)))
		return status;
	if (q->params[1]) {
		char *end;
		long long n = strtoll(q->params[1], &end, 10);

		if (!*q->params[1] || *end || n < 1 || n > 1000000) {
			json_decref(in);
			return http_problem(q, 404, "n", "%s has no item %s", ref, q->params[1]);
		}
		json_object_set_new(in, "n", json_integer(n));
	}
	err_clear(&e);
	status = rec_register(r, registers[k].kind, ref, action, in, &st, &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	q->out = st;
	if (strcmp(action, "new"))
		return 200;
	snprintf(q->location, sizeof(q->location), "/api/v1/%s/%s", registers[k].path,
		 js_str0(st, "reference"));
	return 201;
}

int api_quality_sample(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in;
	int status;

	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	status = sched_quality_sample(r, in, &q->out, &e);
	json_decref(in);
	return status ? http_fail(q, &e) : 201;
}

int api_survey_schedule(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in = NULL;
	int status;

	if (q->body.len) {
		if (!(in = http_json_body(q, &status)))
			return status;
		if (json_object_size(in)) {
			json_decref(in);
			return http_problem(q, 422, "", "scheduling surveys takes no fields: "
					    "the policy's feedback_survey_days says when");
		}
		json_decref(in);
	}
	err_clear(&e);
	if (sched_surveys(r, &q->out, &e))
		return http_fail(q, &e);
	return 200;
}
