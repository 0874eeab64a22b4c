/*
 * api_complaints.c - /api/v1/complaints and every action on one.
 */
#include "http/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/policy.h"
#include "util/json.h"

/* Route name -> the core action, and whether it creates something. */
static const struct {
	const char *route, *action;
	int creates;
} acts[] = {
	{ "complaints.acknowledge", "acknowledge", 0 },
	{ "complaints.refuse", "refuse", 0 },
	{ "complaints.extend", "extend", 0 },
	{ "complaints.respond", "respond", 0 },
	{ "complaints.escalate", "escalate", 0 },
	{ "complaints.refuse_escalation", "refuse-escalation", 0 },
	{ "complaints.close", "close", 0 },
	{ "complaints.withdraw", "withdraw", 0 },
	{ "complaints.reopen", "reopen", 0 },
	{ "complaints.assign", "assign", 0 },
	{ "complaints.issues.create", "add-issue", 0 },
	{ "complaints.correspondence.create", "correspondence", 1 },
	{ "complaints.actions.create", "action", 1 },
	{ "complaints.actions.complete", "complete-action", 0 },
	{ "complaints.remedies.create", "remedy", 1 },
	{ "complaints.remedies.complete", "complete-remedy", 0 },
	{ "complaints.notes.create", "note", 1 },
	{ "complaints.links.create", "link", 1 },
	{ "complaints.update_schedule", "agree-updates", 0 },
};

static int valid_ref(const char *ref)
{
	size_t n = strlen(ref);

	return n > 0 && n < 40 && strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static int not_found(struct req *q, const char *ref)
{
	return http_problem(q, 404, "reference", "no complaint %s", ref);
}

struct page {
	json_t *items;
	int limit;
};

static int add_item(const char *stream, const char *state, void *ctx)
{
	struct page *p = ctx;
	json_t *st = json_loads(state, 0, NULL);

	(void)stream;
	if (st)
		json_array_append_new(p->items, st);
	return 0;
}

int api_complaint_list(struct req *q, struct rec *r)
{
	static const char *const allowed[] = {
		"status", "stage", "handler", "category", "due_before", "overdue",
		"person", "received_from", "received_to", "q", "page", "per_page", NULL
	};
	struct store_filter f;
	struct page p;
	struct rd_err e;
	char today[DATE_STRLEN];
	long stage, page, per;
	date_t d;
	int status;
	const char *ov = http_query(q, "overdue");

	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "stage", 1, 3, 0, &stage)) ||
	    (status = api_query_int(q, "page", 1, 1000000, 1, &page)) ||
	    (status = api_query_int(q, "per_page", 1, 500, 50, &per)) ||
	    (status = api_query_date(q, "due_before", &d)) ||
	    (status = api_query_date(q, "received_from", &d)) ||
	    (status = api_query_date(q, "received_to", &d)))
		return status;
	if (ov && strcmp(ov, "true") && strcmp(ov, "false"))
		return http_problem(q, 400, "overdue", "overdue must be true or false");
	if (http_query(q, "status") && !cmp_is_status(http_query(q, "status")))
		return http_problem(q, 400, "status", "unknown status \"%s\"", http_query(q, "status"));
	if (http_query(q, "q") && (!*http_query(q, "q") || strlen(http_query(q, "q")) > 200))
		return http_problem(q, 400, "q", "q is 1 to 200 characters of text to look for");
	if (http_query(q, "category") && !policy_is_category(http_query(q, "category")))
		return http_problem(q, 400, "category", "unknown category \"%s\"", http_query(q, "category"));
	memset(&f, 0, sizeof(f));
	f.status = http_query(q, "status");
	f.handler = http_query(q, "handler");
	f.category = http_query(q, "category");
	f.person_id = http_query(q, "person");
	f.due_before = http_query(q, "due_before");
	f.received_from = http_query(q, "received_from");
	f.received_to = http_query(q, "received_to");
	f.text = http_query(q, "q");
	f.stage = (int)stage;
	if (ov && !strcmp(ov, "true"))
		f.overdue_on = date_format(r->today, today);
	f.limit = (int)per + 1;
	f.offset = (int)((page - 1) * per);
	p.items = json_array();
	err_clear(&e);
	if (r->st->ops->complaint_list(r->st, &f, add_item, &p, &e) < 0) {
		json_decref(p.items);
		return http_fail(q, &e);
	}
	q->out = json_pack("{s:o, s:i, s:i, s:o}", "items", p.items, "page", (int)page,
			   "per_page", (int)per, "next_page",
			   json_array_size(p.items) > (size_t)per ? json_integer(page + 1) : json_null());
	if (json_array_size(p.items) > (size_t)per)
		json_array_remove(p.items, (size_t)per);
	return 200;
}

int api_complaint_new(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in, *st;
	int status;

	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	if (rec_complaint(r, NULL, "new", in, &st, &e)) {
		json_decref(in);
		return http_fail(q, &e);
	}
	json_decref(in);
	snprintf(q->location, sizeof(q->location), "/api/v1/complaints/%s",
		 js_str0(st, "reference"));
	q->out = st;
	return 201;
}

int api_complaint_get(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "as_at", NULL };
	const char *ref = q->params[0];
	char stream[64];
	struct rd_err e;
	date_t as_at;
	int status;

	if (!valid_ref(ref))
		return not_found(q, ref);
	if ((status = api_only_query(q, allowed)) || (status = api_query_date(q, "as_at", &as_at)))
		return status;
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	err_clear(&e);
	if (as_at == DATE_NONE) {
		/* The stored projection is already the document: send its
		 * text as it is. */
		if (r->st->ops->state_get(r->st, stream, &q->text, &e))
			return e.kind == RD_ENOTFOUND ? not_found(q, ref) : http_fail(q, &e);
		q->ctype = "application/json";
		return 200;
	}
	if (rec_replay(r, stream, as_at, &q->out, &e)) {
		json_t *now;

		if (rec_load(r, stream, &now, NULL))
			return not_found(q, ref);
		json_decref(now);
		return http_problem(q, 404, "as_at", "complaint %s had not been received by %s",
				    ref, http_query(q, "as_at"));
	}
	return 200;
}

static int add_event(const struct store_event *ev, void *ctx)
{
	json_t *p = json_loads(ev->payload, 0, NULL);

	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o?, s:s, s:s}",
		"seq", (json_int_t)ev->seq, "type", ev->type, "actor", ev->actor,
		"recorded_at", ev->recorded_at, "effective_on", ev->effective_on,
		"payload", p, "prev_hash", ev->prev_hash, "hash", ev->hash));
	return 0;
}

int api_complaint_events(struct req *q, struct rec *r)
{
	const char *ref = q->params[0];
	char stream[64];
	struct rd_err e;
	json_t *st, *all;
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	if (!valid_ref(ref) || rec_load(r, stream, &st, NULL))
		return not_found(q, ref);
	json_decref(st);
	all = json_array();
	err_clear(&e);
	if (r->st->ops->events(r->st, stream, add_event, all, &e) < 0) {
		json_decref(all);
		return http_fail(q, &e);
	}
	q->out = all;
	return 200;
}

int api_complaint_part(struct req *q, struct rec *r)
{
	const char *ref = q->params[0];
	const char *part = strrchr(q->route->pattern, '/') + 1;
	char stream[64];
	json_t *st;
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	if (!valid_ref(ref) || rec_load(r, stream, &st, NULL))
		return not_found(q, ref);
	q->out = json_incref(json_object_get(st, part));
	if (!q->out)
		q->out = json_array();
	json_decref(st);
	return 200;
}

int api_complaint_act(struct req *q, struct rec *r)
{
	const char *ref = q->params[0], *action = NULL;
	struct rd_err e;
	json_t *in, *st;
	int status, creates = 0;

	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (!strcmp(acts[i].route, q->route->name)) {
			action = acts[i].action;
			creates = acts[i].creates;
		}
	if (!action)
		return http_problem(q, 500, "", "no action for %s", q->route->name);
	if (!valid_ref(ref))
		return not_found(q, ref);
	/* Actions whose every field is optional may come without a body. */
	if (!q->body.len && (!strcmp(action, "escalate") || !strcmp(action, "close") ||
			     strstr(action, "complete-")))
		in = json_object();
	else if (!(in = http_json_body(q, &status)))
		return status;
	if (q->params[1]) {
		char *end;
		long id = strtol(q->params[1], &end, 10);

		if (*end || id < 1) {
			json_decref(in);
			return http_problem(q, 404, "id", "no item %s", q->params[1]);
		}
		if (json_object_get(in, "id")) {
			json_decref(in);
			return http_problem(q, 422, "id", "unknown field \"id\": the item is named in the path");
		}
		json_object_set_new(in, "id", json_integer(id));
	}
	err_clear(&e);
	if (rec_complaint(r, ref, action, in, &st, &e)) {
		json_decref(in);
		if (e.kind == RD_ENOTFOUND && !strcmp(e.field, "reference"))
			return not_found(q, ref);
		return http_fail(q, &e);
	}
	json_decref(in);
	q->out = st;
	return creates ? 201 : 200;
}
