/*
 * api_people.c - /api/v1/people, service requests and feedback.
 *
 * A person's disclosed disabilities and vulnerabilities are special
 * category data: GET /people/{id} leaves them out unless asked for with
 * ?include=disclosures&purpose=..., which only handlers and complaints
 * officers may do, and which is recorded as an event on the person.
 */
#include "http/api.h"

#include <stdio.h>
#include <string.h>

#include "core/person.h"
#include "util/json.h"

static int valid_id(const char *id)
{
	size_t n = strlen(id);

	return n > 0 && n < 40 && strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

int api_person_list(struct req *q, struct rec *r)
{
	json_t *all, *out, *x;
	size_t i;
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	all = rec_states(r, "person", NULL);
	if (!all)
		return http_problem(q, 500, "", "cannot list people");
	out = json_array();
	json_array_foreach(all, i, x)
		json_array_append_new(out, person_redacted(x));
	json_decref(all);
	q->out = out;
	return 200;
}

int api_person_new(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in, *st;
	int status;

	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	status = rec_person(r, NULL, "new", in, &st, &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	snprintf(q->location, sizeof(q->location), "/api/v1/people/%s", js_str0(st, "id"));
	q->out = person_redacted(st);
	json_decref(st);
	return 201;
}

int api_person_get(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "include", "purpose", NULL };
	const char *id = q->params[0], *inc = http_query(q, "include");
	char stream[64];
	struct rd_err e;
	json_t *st;
	int status;

	if ((status = api_only_query(q, allowed)))
		return status;
	snprintf(stream, sizeof(stream), "person:%s", id);
	if (!valid_id(id) || rec_load(r, stream, &st, NULL))
		return http_problem(q, 404, "id", "no person %s", id);
	if (inc && strcmp(inc, "disclosures")) {
		json_decref(st);
		return http_problem(q, 400, "include", "include may only be \"disclosures\"");
	}
	if (!inc) {
		q->out = person_redacted(st);
		json_decref(st);
		return 200;
	}
	json_decref(st);
	err_clear(&e);
	if (rec_person_sensitive(r, id, http_query(q, "purpose"), &st, &e))
		return http_fail(q, &e);
	q->out = st;
	return 200;
}

int api_person_reviews(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "due_by", NULL };
	json_t *all, *out, *x;
	date_t by;
	size_t i;
	int status;

	if ((status = api_only_query(q, allowed)) || (status = api_query_date(q, "due_by", &by)))
		return status;
	if (by == DATE_NONE)
		by = r->today;
	all = rec_states(r, "person", NULL);
	if (!all)
		return http_problem(q, 500, "", "cannot list people");
	out = json_array();
	json_array_foreach(all, i, x)
		person_reviews_due(x, by, out);
	json_decref(all);
	q->out = out;
	return 200;
}

int api_person_act(struct req *q, struct rec *r)
{
	static const struct { const char *route, *action; int creates; } acts[] = {
		{ "people.preferences", "preferences", 0 },
		{ "people.adjustments.create", "adjust", 1 },
		{ "people.adjustments.review", "review-adjustment", 0 },
		{ "people.disclosures.create", "disclose", 1 },
		{ "people.restrictions.create", "restrict", 1 },
		{ "people.restrictions.review", "review-restriction", 0 },
		{ "people.restrictions.end", "end-restriction", 0 },
	};
	const char *id = q->params[0], *action = NULL;
	struct rd_err e;
	json_t *in, *st;
	int status, creates = 0;

	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (!strcmp(acts[i].route, q->route->name)) {
			action = acts[i].action;
			creates = acts[i].creates;
		}
	if (!valid_id(id))
		return http_problem(q, 404, "id", "no person %s", id);
	if (!(in = http_json_body(q, &status)))
		return status;
	if (q->params[1]) {
		char *end;
		long n = strtol(q->params[1], &end, 10);

		if (*end || n < 1) {
			json_decref(in);
			return http_problem(q, 404, "id", "no item %s", q->params[1]);
		}
		if (json_object_get(in, "id")) {
			json_decref(in);
			return http_problem(q, 422, "id", "unknown field \"id\": the item is named in the path");
		}
		json_object_set_new(in, "id", json_integer(n));
	}
	err_clear(&e);
	status = rec_person(r, id, action, in, &st, &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	q->out = person_redacted(st);
	json_decref(st);
	return creates ? 201 : 200;
}

/* ---- service requests and feedback ---------------------------------- */

int api_sreq_list(struct req *q, struct rec *r)
{
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	q->out = rec_states(r, "service_request", NULL);
	return q->out ? 200 : http_problem(q, 500, "", "cannot list service requests");
}

int api_sreq_new(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in, *st;
	int status;

	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	status = rec_service_request(r, NULL, "new", in, &st, &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	snprintf(q->location, sizeof(q->location), "/api/v1/service-requests/%s",
		 js_str0(st, "reference"));
	q->out = st;
	return 201;
}

int api_sreq_get(struct req *q, struct rec *r)
{
	char stream[64];
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	snprintf(stream, sizeof(stream), "service_request:%s", q->params[0]);
	if (!valid_id(q->params[0]) || rec_load(r, stream, &q->out, NULL))
		return http_problem(q, 404, "reference", "no service request %s", q->params[0]);
	return 200;
}

/*
 * Dissatisfaction with "raise_complaint": true logs a complaint linked to
 * the request, in the same transaction; the request stays open (1.5).
 */
static int dissatisfaction(struct req *q, struct rec *r, json_t *in)
{
	const char *ref = q->params[0];
	char cref[32];
	struct rd_err e;
	json_t *st = NULL;
	int raise = json_is_true(json_object_get(in, "raise_complaint"));

	if (json_object_get(in, "raise_complaint") && !json_is_boolean(json_object_get(in, "raise_complaint")))
		return http_problem(q, 422, "raise_complaint", "raise_complaint must be true or false");
	json_object_del(in, "raise_complaint");
	err_clear(&e);
	if (!raise) {
		if (rec_service_request(r, ref, "dissatisfied", in, &st, &e))
			return http_fail(q, &e);
		q->out = st;
		return 200;
	}
	if (rec_service_request_raise(r, ref, in, &st, cref, sizeof(cref), &e))
		return e.kind == RD_ENOTFOUND ? http_problem(q, 404, "reference", "no service request %s", ref)
					      : http_fail(q, &e);
	q->out = st;
	return 201;
}

int api_sreq_act(struct req *q, struct rec *r)
{
	const char *name = q->route->name;
	const char *action = !strcmp(name, "service_requests.update") ? "update"
			   : !strcmp(name, "service_requests.complete") ? "complete" : "dissatisfied";
	struct rd_err e;
	json_t *in, *st;
	int status;

	if (!valid_id(q->params[0]))
		return http_problem(q, 404, "reference", "no service request %s", q->params[0]);
	if (!q->body.len && !strcmp(action, "complete"))
		in = json_object();
	else if (!(in = http_json_body(q, &status)))
		return status;
	if (!strcmp(action, "dissatisfied")) {
		status = dissatisfaction(q, r, in);
		json_decref(in);
		return status;
	}
	err_clear(&e);
	status = rec_service_request(r, q->params[0], action, in, &st, &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	q->out = st;
	return 200;
}

int api_feedback_list(struct req *q, struct rec *r)
{
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	q->out = rec_states(r, "feedback", NULL);
	return q->out ? 200 : http_problem(q, 500, "", "cannot list feedback");
}

int api_feedback_new(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in, *st;
	int status;

	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	status = rec_feedback(r, in, &st, &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	q->out = st;
	return 201;
}
