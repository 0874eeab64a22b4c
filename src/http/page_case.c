/*
 * page_case.c - complaints in the staff workspace: the list with filters
 * and search, logging a complaint from any channel, the case page, and a
 * form for every action of the state machine.
 */
#include "http/page.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/policy.h"
#include "http/api.h"
#include "util/form.h"
#include "util/json.h"

#define N(f) (sizeof(f) / sizeof((f)[0]))

static const char *const channels[] = {
	"phone", "Phone", "letter", "Letter", "email", "Email", "in_person", "In person",
	"social_media", "Social media", "web", "Web form", "live_chat", "Live chat",
	"mp_or_councillor", "MP or councillor", "third_party", "Third party (for example an advocate)",
	"petition", "Petition (several residents)", NULL
};

/* The complaint categories as value and label pairs (page.h). */
const char *const page_categories[] = {
	"repairs", "Repairs", "damp_and_mould", "Damp and mould", "leaks", "Leaks", "pests", "Pests",
	"asb_handling", "Handling of anti-social behaviour", "staff_conduct", "Staff conduct",
	"communication", "Communication", "rent_and_service_charges", "Rent and service charges",
	"estate_services", "Estate services", "building_safety", "Building safety",
	"allocations", "Allocations", "lettings", "Lettings", "complaint_handling", "Complaint handling",
	"other", "Something else", NULL
};

static const char *const tenures[] = {
	"lcra", "Low-cost rental", "lcho", "Low-cost home ownership", "other", "Other", NULL
};

static const char *const outcomes[] = {
	"upheld", "Upheld", "partly_upheld", "Partly upheld", "not_upheld", "Not upheld", NULL
};

static const char *const remedy_types[] = {
	"apology", "Apology", "acknowledgement", "Acknowledgement of what went wrong",
	"explanation", "Explanation", "action_on_delay", "Action to put right a delay",
	"reconsider_decision", "Reconsider the decision", "amend_record", "Amend a record",
	"financial", "Financial remedy", "policy_change", "Change a policy or procedure", NULL
};

static const char *const directions[] = { "in", "From the resident", "out", "To the resident", NULL };
static const char *const relations[] = {
	"related", "Related", "new_issue", "A new issue", "service_request", "A service request",
	"duplicate", "A duplicate", NULL
};
static const char *const update_methods[] = {
	"email", "Email", "phone", "Phone", "letter", "Letter", "text_message", "Text message", NULL
};

static const char *const statuses[] = {
	"received", "Received: awaiting acknowledgement", "stage1", "Stage 1", "stage1_responded",
	"Stage 1 responded", "stage2_requested", "Stage 2 requested", "stage2", "Stage 2",
	"stage2_responded", "Stage 2 responded", "closed", "Closed", "withdrawn", "Withdrawn",
	"not_accepted", "Not accepted", "escalation_refused", "Escalation refused", NULL
};

/* ---- logging a complaint ---------------------------------------------- */

static const struct page_field new_fields[] = {
	{ "channel", PF_RADIOS, "How did the complaint reach us?", NULL, channels, 0 },
	{ "received_on", PF_DATE, "Date received", "Leave empty for today. For example, 23 11 2026", NULL, PF_OPTIONAL },
	{ "complainant.name", PF_TEXT, "Complainant's full name", NULL, NULL, 0 },
	{ "complainant.email", PF_EMAIL, "Email address", NULL, NULL, PF_OPTIONAL },
	{ "complainant.phone", PF_TEL, "Phone number", NULL, NULL, PF_OPTIONAL },
	{ "complainant.address", PF_TEXTAREA, "Postal address", "Give at least one way to contact them", NULL, PF_OPTIONAL },
	{ "signers", PF_LINES, "Other signers of a petition", "One name per line. Letters go to the first signer.", NULL, PF_OPTIONAL },
	{ "representative.name", PF_TEXT, "Representative's name", "Someone acting for the resident, with their consent (Code 3.6)", NULL, PF_OPTIONAL },
	{ "representative.relationship", PF_TEXT, "Representative's relationship to the resident", NULL, NULL, PF_OPTIONAL },
	{ "representative.email", PF_EMAIL, "Representative's email address", NULL, NULL, PF_OPTIONAL },
	{ "representative.consent_on", PF_DATE, "Date the resident gave consent", NULL, NULL, PF_OPTIONAL },
	{ "description", PF_TEXTAREA, "What is the complaint about?", "In the resident's words", NULL, 0 },
	{ "category", PF_SELECT, "Category", NULL, page_categories, 0 },
	{ "issue_date", PF_DATE, "When did it happen, or when did the resident become aware of it?", NULL, NULL, PF_OPTIONAL },
	{ "tenure", PF_RADIOS, "Tenure", NULL, tenures, PF_OPTIONAL },
	{ "estate", PF_TEXT, "Estate", NULL, NULL, PF_OPTIONAL },
	{ "building", PF_TEXT, "Building", NULL, NULL, PF_OPTIONAL },
	{ "flags.vulnerability", PF_BOOL, "The resident may be vulnerable or at risk", NULL, NULL, 0 },
	{ "flags.building_safety", PF_BOOL, "It concerns building safety (higher risk)", NULL, NULL, 0 },
	{ "flags.staff_conduct", PF_BOOL, "It concerns the conduct of a member of staff", NULL, NULL, 0 },
	{ "flags.discrimination", PF_BOOL, "It alleges discrimination", NULL, NULL, 0 },
};

/* Petition signers are a list of {"name"}: PF_LINES gives strings. */
static void signers_to_parties(json_t *in)
{
	json_t *s = json_object_get(in, "signers"), *list, *v;
	size_t i;

	if (!json_is_array(s))
		return;
	list = json_array();
	json_array_foreach(s, i, v)
		json_array_append_new(list, json_pack("{s:O}", "name", v));
	json_object_set_new(in, "signers", list);
}

/* Flags left unticked are not sent: only the ticked ones mean anything. */
static void drop_false(json_t *obj)
{
	const char *k;
	json_t *v;
	void *tmp;

	json_object_foreach_safe(obj, tmp, k, v)
		if (json_is_false(v))
			json_object_del(obj, k);
}

static int new_form(struct req *q, struct rec *r, int status, const json_t *values,
		    const struct rd_err *err)
{
	struct buf f = BUF_INIT, s = BUF_INIT;
	json_t *data;

	page_error_summary(&s, new_fields, N(new_fields), err);
	page_fields_html(&f, new_fields, N(new_fields), values, err);
	data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:[s]}", "action", "/cases/new",
			 "submit", "Log the complaint", "fields", f.s ? f.s : "",
			 "summary", s.s ? s.s : "", "cancel", "/", "error", err != NULL, "intro",
			 "Log every expression of dissatisfaction the resident wants addressed: "
			 "they do not have to use the word complaint (Code 1.2, 1.3).");
	buf_free(&f);
	buf_free(&s);
	return page_show(q, r, status, "Log a complaint", "form", data);
}

int page_case_new(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *form, *in, *st;
	int status;

	if (strcmp(q->method, "POST"))
		return new_form(q, r, 200, NULL, NULL);
	if ((status = page_form(q, r, &form)))
		return status;
	err_clear(&e);
	in = page_fields_json(new_fields, N(new_fields), form, &e);
	if (in) {
		signers_to_parties(in);
		drop_false(json_object_get(in, "flags"));
		if (!json_object_size(json_object_get(in, "flags")))
			json_object_del(in, "flags");
	}
	if (!in || rec_complaint(r, NULL, "new", in, &st, &e)) {
		status = new_form(q, r, e.kind == RD_ERULE || e.kind == RD_EINVAL ? 422 : 409, form, &e);
		json_decref(in);
		json_decref(form);
		return status;
	}
	json_decref(in);
	json_decref(form);
	status = page_see_other(q, "/cases/%s?done=new", js_str0(st, "reference"));
	json_decref(st);
	return status;
}

/* ---- the list ------------------------------------------------------------ */

static const struct page_field filter_fields[] = {
	{ "q", PF_TEXT, "Search", "A reference, name, address or words from the complaint", NULL, PF_OPTIONAL },
	{ "status", PF_SELECT, "Status", NULL, statuses, PF_OPTIONAL },
	{ "category", PF_SELECT, "Category", NULL, page_categories, PF_OPTIONAL },
	{ "handler", PF_TEXT, "Handler", "A user name, or \"me\"", NULL, PF_OPTIONAL | PF_SMALL },
	{ "overdue", PF_BOOL, "Overdue only", NULL, NULL, 0 },
};

struct listing {
	struct rec *r;
	json_t *items;
};

static int add_case(const char *stream, const char *state, void *ctx)
{
	struct listing *l = ctx;
	json_t *c = json_loads(state, 0, NULL);

	(void)stream;
	if (c) {
		page_case_row(l->r, c);
		json_array_append_new(l->items, c);
	}
	return 0;
}

int page_cases(struct req *q, struct rec *r)
{
	static const char *const allowed[] = {
		"q", "status", "category", "handler", "overdue", "stage", "due", "open", "page", NULL
	};
	struct store_filter f;
	struct listing l = { r, json_array() };
	struct buf fields = BUF_INIT;
	char today[DATE_STRLEN], week[DATE_STRLEN], qs[512] = "";
	json_t *values = json_object();
	long page, stage;
	int status, per = 50;
	struct rd_err e;

	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "page", 1, 100000, 1, &page)) ||
	    (status = api_query_int(q, "stage", 1, 3, 0, &stage))) {
		json_decref(values);
		json_decref(l.items);
		return status;
	}
	memset(&f, 0, sizeof(f));
	date_format(r->today, today);
	date_format(r->today + (4 - date_weekday(r->today) + 7) % 7, week);
	f.text = http_query(q, "q") && *http_query(q, "q") ? http_query(q, "q") : NULL;
	f.status = http_query(q, "status") && *http_query(q, "status") ? http_query(q, "status") : NULL;
	f.category = http_query(q, "category") && *http_query(q, "category") ? http_query(q, "category") : NULL;
	f.handler = http_query(q, "handler") && *http_query(q, "handler") ? http_query(q, "handler") : NULL;
	if (f.handler && !strcmp(f.handler, "me"))
		f.handler = q->user;
	if (f.status && !cmp_is_status(f.status))
		f.status = "none";
	f.stage = (int)stage;
	if (http_query(q, "overdue") && !strcmp(http_query(q, "overdue"), "true"))
		f.overdue_on = today;
	f.open = http_query(q, "open") || stage;
	if (http_query(q, "due") && !strcmp(http_query(q, "due"), "today"))
		f.due_before = f.due_from = today;
	if (http_query(q, "due") && !strcmp(http_query(q, "due"), "week")) {
		f.due_before = week;
		f.due_from = today;
	}
	f.by_due = f.due_before || f.overdue_on;
	f.limit = per + 1;
	f.offset = (int)(page - 1) * per;
	err_clear(&e);
	if (r->st->ops->complaint_list(r->st, &f, add_case, &l, &e)) {
		json_decref(values);
		json_decref(l.items);
		return page_message(q, r, 500, "The list could not be read", e.msg);
	}
	for (int i = 0; allowed[i]; i++)
		if (http_query(q, allowed[i]) && strcmp(allowed[i], "page")) {
			size_t n = strlen(qs);
			char *enc = NULL;

			json_object_set_new(values, allowed[i], json_string(http_query(q, allowed[i])));
			/* Only safe characters go back into the next page's link. */
			if (strspn(http_query(q, allowed[i]),
				   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
			    == strlen(http_query(q, allowed[i])) && n + 80 < sizeof(qs))
				snprintf(qs + n, sizeof(qs) - n, "&%s=%.60s", allowed[i], http_query(q, allowed[i]));
			free(enc);
		}
	page_fields_html(&fields, filter_fields, N(filter_fields), values, NULL);
	json_decref(values);
	{
		int more = json_array_size(l.items) > (size_t)per;
		json_t *data;

		if (more)
			json_array_remove(l.items, (size_t)per);
		data = json_pack("{s:o, s:s, s:b, s:i, s:i, s:b, s:b, s:s}", "cases", l.items,
				 "fields", fields.s ? fields.s : "", "any", json_array_size(l.items) > 0,
				 "next", (int)page + 1, "prev", (int)page - 1, "has_next", more,
				 "has_prev", page > 1, "qs", qs);
		buf_free(&fields);
		return page_show(q, r, 200, "Complaints", "cases", data);
	}
}

/* ---- the case page -------------------------------------------------------- */

static int add_event(const struct store_event *ev, void *ctx)
{
	json_t *p = json_loads(ev->payload, 0, NULL), *x;
	const char *detail = NULL;
	char what[80], when[32];
	size_t i;

	static const char *const keys[] = {
		"reason", "summary", "text", "description", "point", "explanation", "handler", NULL
	};
	for (i = 0; keys[i] && !detail; i++)
		detail = js_str(p, keys[i]);
	snprintf(what, sizeof(what), "%s", strchr(ev->type, '.') ? strchr(ev->type, '.') + 1 : ev->type);
	for (i = 0; what[i]; i++)
		if (what[i] == '_')
			what[i] = ' ';
	what[0] = (char)(what[0] >= 'a' && what[0] <= 'z' ? what[0] - 32 : what[0]);
	x = json_pack("{s:s, s:s, s:s, s:s?}", "what", what, "on", page_date(ev->effective_on, when),
		      "actor", ev->actor, "detail", detail);
	json_array_insert_new(ctx, 0, x);
	json_decref(p);
	return 0;
}

/* What a member of staff can do next, by the case's status. */
static json_t *next_actions(const char *status, int stages)
{
	static const struct { const char *status, *list; } by[] = {
		{ "received", "acknowledge refuse assign withdraw" },
		{ "stage1", "respond extend add-issue assign agree-updates withdraw" },
		{ "stage2", "respond extend add-issue assign agree-updates withdraw" },
		{ "stage3", "respond extend add-issue assign agree-updates withdraw" },
		{ "stage1_responded", "escalate close" },
		{ "stage2_requested", "acknowledge refuse-escalation assign withdraw" },
		{ "stage2_responded", "close" },
		{ "not_accepted", "reopen" },
		{ "escalation_refused", "reopen close" },
		{ "closed", "reopen" },
		{ "withdrawn", "reopen" },
	};
	static const struct { const char *slug, *text; } names[] = {
		{ "acknowledge", "Acknowledge and define the complaint" },
		{ "refuse", "Refuse to accept it" },
		{ "assign", "Assign to a handler" },
		{ "withdraw", "Record that the resident withdrew it" },
		{ "respond", "Send the response" },
		{ "extend", "Extend the response date" },
		{ "add-issue", "Add an issue" },
		{ "agree-updates", "Agree how often to update the resident" },
		{ "escalate", "Escalate to the next stage" },
		{ "close", "Close" },
		{ "refuse-escalation", "Refuse to escalate" },
		{ "reopen", "Reopen" },
	};
	json_t *out = json_array();
	const char *list = NULL;
	char word[32];

	for (size_t i = 0; i < N(by); i++)
		if (!strcmp(by[i].status, status))
			list = by[i].list;
	if (!strcmp(status, "stage2_responded") && stages >= 3)
		list = "escalate close";
	while (list && *list) {
		size_t n = strcspn(list, " ");

		snprintf(word, sizeof(word), "%.*s", (int)n, list);
		for (size_t i = 0; i < N(names); i++)
			if (!strcmp(names[i].slug, word))
				json_array_append_new(out, json_pack("{s:s, s:s}", "slug", word,
								     "text", names[i].text));
		list += n;
		list += strspn(list, " ");
	}
	return out;
}

/* Each stage's deadlines as rows: what, by when, met on (or late). */
static void deadline_rows(struct rec *r, json_t *c)
{
	json_t *stages = json_object_get(c, "stages"), *s;
	size_t i;

	json_array_foreach(stages, i, s) {
		json_t *rows = json_array();
		static const struct { const char *by, *on, *what; } pairs[] = {
			{ "acknowledge_by", "acknowledged_on", "Acknowledge" },
			{ "respond_by", "responded_on", "Respond" },
		};
		for (size_t k = 0; k < N(pairs); k++) {
			char a[32], b[32], left[64] = "";
			const char *by = js_str(s, pairs[k].by), *on = js_str(s, pairs[k].on);
			date_t dby, don;
			int met = 0, n;

			if (!by)
				continue;
			if (on && !date_parse(on, &don) && !date_parse(by, &dby))
				met = don <= dby;
			if (!on && !date_parse(by, &dby) && !cal_count(r->cal, r->today, dby, &n, NULL)) {
				if (dby < r->today)
					snprintf(left, sizeof(left), "%d working day%s overdue", -n, n == -1 ? "" : "s");
				else
					snprintf(left, sizeof(left), "%d working day%s left", n, n == 1 ? "" : "s");
			}
			json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:b, s:b, s:s}",
				"what", pairs[k].what, "by", page_date(by, a), "on", page_date(on, b),
				"met", met, "done", on != NULL, "left", left));
		}
		json_object_set_new(s, "deadline_rows", rows);
		json_object_set_new(s, "extended", json_boolean(json_array_size(json_object_get(s, "extensions")) > 0));
		json_object_set_new(s, "has_definition", json_boolean(json_object_get(s, "definition") != NULL));
	}
}

static json_t *letters_of(const json_t *c)
{
	json_t *out = json_array(), *s;
	const char *ref = js_str0(c, "reference"), *status = js_str0(c, "status");
	size_t i;

	json_array_foreach(json_object_get(c, "stages"), i, s) {
		int n = (int)js_int(s, "stage", 1);
		char label[80];

		if (js_str(s, "acknowledged_on")) {
			snprintf(label, sizeof(label), "Stage %d acknowledgement", n);
			json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:i}", "label", label, "kind",
							     "acknowledgement", "ref", ref, "stage", n));
		}
		if (json_array_size(json_object_get(s, "extensions"))) {
			snprintf(label, sizeof(label), "Stage %d extension", n);
			json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:i}", "label", label, "kind",
							     "extension", "ref", ref, "stage", n));
		}
		if (js_str(s, "responded_on")) {
			snprintf(label, sizeof(label), "Stage %d response", n);
			json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:i}", "label", label, "kind",
							     "response", "ref", ref, "stage", n));
		}
	}
	if (!strcmp(status, "not_accepted"))
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:i}", "label", "Refusal", "kind",
						     "refusal", "ref", ref, "stage", 1));
	if (!strcmp(status, "escalation_refused"))
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:i}", "label", "Refusal to escalate",
						     "kind", "escalation-refusal", "ref", ref, "stage", 2));
	return out;
}

static int valid_ref(const char *ref)
{
	size_t n = strlen(ref);

	return n > 0 && n < 40 && strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static json_t *load_case(struct rec *r, const char *ref)
{
	char stream[64];
	json_t *c;

	if (!valid_ref(ref))
		return NULL;
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	return rec_load(r, stream, &c, NULL) ? NULL : c;
}

static const char *done_text(const char *done)
{
	static const struct { const char *slug, *text; } t[] = {
		{ "new", "The complaint has been logged" },
		{ "acknowledge", "The complaint has been acknowledged" },
		{ "refuse", "The refusal has been recorded" },
		{ "extend", "The response date has been extended" },
		{ "respond", "The response has been recorded" },
		{ "escalate", "The complaint has been escalated" },
		{ "refuse-escalation", "The refusal to escalate has been recorded" },
		{ "close", "The complaint has been closed" },
		{ "withdraw", "The withdrawal has been recorded" },
		{ "reopen", "The complaint has been reopened" },
		{ "assign", "The complaint has been assigned" },
		{ "add-issue", "The issue has been added" },
		{ "correspondence", "The correspondence has been recorded" },
		{ "action", "The action has been added" },
		{ "complete-action", "The action has been completed" },
		{ "remedy", "The remedy has been added" },
		{ "complete-remedy", "The remedy has been completed" },
		{ "note", "The note has been added" },
		{ "link", "The link has been added" },
		{ "agree-updates", "The update schedule has been recorded" },
	};
	for (size_t i = 0; done && i < N(t); i++)
		if (!strcmp(t[i].slug, done))
			return t[i].text;
	return NULL;
}

int page_case(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "done", NULL };
	const char *ref = q->params[0];
	char stream[64], tmp[32];
	json_t *c, *events, *person = NULL;
	int status;
	size_t i;
	json_t *x;

	if ((status = api_only_query(q, allowed)))
		return status;
	if (!(c = load_case(r, ref)))
		return page_message(q, r, 404, "Page not found", "There is no complaint with that reference.");
	events = json_array();
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	r->st->ops->events(r->st, stream, add_event, events, NULL);
	deadline_rows(r, c);
	page_case_row(r, c);
	json_array_foreach(json_object_get(c, "actions"), i, x)
		json_object_set_new(x, "due_text", json_string(page_date(js_str(x, "due_on"), tmp)));
	json_array_foreach(json_object_get(c, "remedies"), i, x)
		json_object_set_new(x, "due_text", json_string(page_date(js_str(x, "due_on"), tmp)));
	json_object_set_new(c, "received_text", json_string(page_date(js_str(c, "received_on"), tmp)));
	if (js_str(json_object_get(c, "complainant"), "person_id")) {
		json_t *p;

		snprintf(stream, sizeof(stream), "person:%s",
			 js_str(json_object_get(c, "complainant"), "person_id"));
		if (!rec_load(r, stream, &p, NULL)) {
			person = json_pack("{s:s, s:{s:s?, s:s?, s:s?, s:s?}, s:O?, s:O?, s:i, s:b}",
				"id", js_str0(p, "id"), "preferences", "method", js_str(p, "method"),
				"frequency", js_str(p, "frequency"), "format", js_str(p, "format"),
				"language", js_str(p, "language"),
				"adjustments", json_object_get(p, "adjustments"),
				"restrictions", json_object_get(p, "restrictions"),
				"disclosures", (int)json_array_size(json_object_get(p, "disclosures")),
				"may_see", !strcmp(q->role, "handler") || !strcmp(q->role, "complaints_officer"));
			json_object_set_new(person, "has_disclosures",
				json_boolean(json_array_size(json_object_get(p, "disclosures")) > 0));
			json_decref(p);
		}
	}
	status = page_show(q, r, 200, ref, "case", json_pack("{s:o, s:o, s:o, s:o, s:o?, s:s?, s:b}",
		"case", c, "events", events, "next", next_actions(js_str0(c, "status"),
								   (int)js_int(r->policy, "stages", 2)),
		"letters", letters_of(c), "person", person, "done", done_text(http_query(q, "done")),
		"may_refer", page_may(q, "ombudsman_cases.create")));
	return status;
}

/* ---- the action forms ---------------------------------------------------- */

static const struct page_field f_acknowledge[] = {
	{ "handler", PF_SELECT, "Handler", "At stage 2, someone who did not handle stage 1 (Code 6.13)", NULL, 0 },
	{ "acknowledged_on", PF_DATE, "Date acknowledged", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "definition.summary", PF_TEXTAREA, "The complaint, as we understand it", "Set out the definition to share with the resident (Code 5.6)", NULL, 0 },
	{ "definition.points", PF_LINES, "The points we will answer", "One per line: the response must answer each (Code 6.9, 6.19)", NULL, PF_OPTIONAL },
	{ "definition.outcomes_sought", PF_TEXTAREA, "What the resident wants to happen", NULL, NULL, 0 },
	{ "definition.responsible", PF_TEXTAREA, "What we are responsible for", "Code 5.7", NULL, 0 },
	{ "definition.not_responsible", PF_TEXTAREA, "What we are not responsible for", "Say who is, where you can", NULL, 0 },
	{ "triage.complex", PF_BOOL, "This is a complex complaint", NULL, NULL, 0 },
	{ "triage.vulnerable", PF_BOOL, "The resident may be vulnerable", NULL, NULL, 0 },
	{ "triage.notes", PF_TEXTAREA, "Triage notes", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_refuse[] = {
	{ "reason", PF_SELECT, "Reason", "One of the reasons in our policy (Code 2.3)", NULL, 0 },
	{ "explanation", PF_TEXTAREA, "Explanation for the resident", "The letter tells them they can take this decision to the Housing Ombudsman (Code 2.4)", NULL, 0 },
	{ "discretion_considered", PF_BOOL, "We considered using our discretion to accept it (Code 2.5)", NULL, NULL, 0 },
	{ "refused_on", PF_DATE, "Date", "Leave empty for today", NULL, PF_OPTIONAL },
};
static const struct page_field f_extend[] = {
	{ "working_days", PF_INT, "Extra working days", "At most 10 without the resident's agreement (Code 6.4, 6.15)", NULL, 0 },
	{ "reason", PF_TEXTAREA, "Reason", "Clear reasons, shared with the resident", NULL, 0 },
	{ "resident_informed_on", PF_DATE, "Date the resident was told", NULL, NULL, 0 },
	{ "good_reason", PF_TEXT, "Good reason for going beyond 10 days", "Only when the extension goes beyond the Code's limit: needs a complaints officer", NULL, PF_OPTIONAL },
	{ "update_interval_days", PF_INT, "Update the resident every (working days)", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_escalate[] = {
	{ "requested_on", PF_DATE, "Date the resident asked", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "reason", PF_TEXTAREA, "Why they are still unhappy", "The resident does not have to give a reason (Code 6.12)", NULL, PF_OPTIONAL },
};
static const struct page_field f_refuse_escalation[] = {
	{ "reason", PF_SELECT, "Reason", NULL, NULL, 0 },
	{ "explanation", PF_TEXTAREA, "Explanation for the resident", NULL, NULL, 0 },
	{ "discretion_considered", PF_BOOL, "We considered using our discretion", NULL, NULL, 0 },
	{ "refused_on", PF_DATE, "Date", "Leave empty for today", NULL, PF_OPTIONAL },
};
static const struct page_field f_close[] = {
	{ "closed_on", PF_DATE, "Date closed", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "summary", PF_TEXTAREA, "Summary", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_withdraw[] = {
	{ "reason", PF_TEXTAREA, "What the resident said", NULL, NULL, 0 },
	{ "withdrawn_on", PF_DATE, "Date", "Leave empty for today", NULL, PF_OPTIONAL },
};
static const struct page_field f_reopen[] = {
	{ "reason", PF_TEXTAREA, "Reason for reopening", NULL, NULL, 0 },
	{ "reopened_on", PF_DATE, "Date", "Leave empty for today", NULL, PF_OPTIONAL },
};
static const struct page_field f_assign[] = {
	{ "handler", PF_SELECT, "Handler", NULL, NULL, 0 },
};
static const struct page_field f_issue[] = {
	{ "point", PF_TEXTAREA, "The new issue", "Raised before the response: answer it in the same response (Code 6.1)", NULL, 0 },
	{ "raised_on", PF_DATE, "Date raised", "Leave empty for today", NULL, PF_OPTIONAL },
};
static const struct page_field f_correspondence[] = {
	{ "direction", PF_RADIOS, "Direction", NULL, directions, 0 },
	{ "party", PF_TEXT, "From or to", NULL, NULL, 0 },
	{ "method", PF_SELECT, "How", NULL, update_methods, PF_OPTIONAL },
	{ "on", PF_DATE, "Date", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "summary", PF_TEXT, "Summary", NULL, NULL, PF_WIDE },
	{ "content", PF_TEXTAREA, "Content", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_action[] = {
	{ "description", PF_TEXTAREA, "What will be done", NULL, NULL, 0 },
	{ "due_on", PF_DATE, "By when", "Code 6.6", NULL, 0 },
	{ "owner", PF_TEXT, "Who will do it", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_complete[] = {
	{ "completed_on", PF_DATE, "Date completed", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "evidence", PF_TEXTAREA, "Evidence", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_remedy[] = {
	{ "type", PF_SELECT, "Type of remedy", "Code 7.1", remedy_types, 0 },
	{ "description", PF_TEXTAREA, "What we will do", NULL, NULL, 0 },
	{ "amount", PF_MONEY, "Amount in pounds", "For a financial remedy", NULL, PF_OPTIONAL },
	{ "due_on", PF_DATE, "By when", "Code 7.3", NULL, 0 },
};
static const struct page_field f_note[] = {
	{ "text", PF_TEXTAREA, "Note", NULL, NULL, 0 },
};
static const struct page_field f_link[] = {
	{ "to", PF_TEXT, "Reference of the complaint or service request", NULL, NULL, PF_SMALL },
	{ "relation", PF_RADIOS, "How they are linked", NULL, relations, PF_OPTIONAL },
};
static const struct page_field f_updates[] = {
	{ "interval_days", PF_INT, "Update the resident every (working days)", "Code 5.9", NULL, 0 },
	{ "method", PF_SELECT, "How", NULL, update_methods, PF_OPTIONAL },
	{ "agreed_on", PF_DATE, "Date agreed", "Leave empty for today", NULL, PF_OPTIONAL },
};

static const struct case_action {
	const char *slug, *action, *title, *submit;
	const struct page_field *fields;
	size_t n;
	int with_id;
} case_actions[] = {
	{ "acknowledge", "acknowledge", "Acknowledge the complaint", "Acknowledge", f_acknowledge, N(f_acknowledge), 0 },
	{ "refuse", "refuse", "Refuse to accept the complaint", "Refuse", f_refuse, N(f_refuse), 0 },
	{ "extend", "extend", "Extend the response date", "Extend", f_extend, N(f_extend), 0 },
	{ "respond", "respond", "Send the response", "Record the response", NULL, 0, 0 },
	{ "escalate", "escalate", "Escalate the complaint", "Escalate", f_escalate, N(f_escalate), 0 },
	{ "refuse-escalation", "refuse-escalation", "Refuse to escalate", "Refuse", f_refuse_escalation, N(f_refuse_escalation), 0 },
	{ "close", "close", "Close the complaint", "Close", f_close, N(f_close), 0 },
	{ "withdraw", "withdraw", "Record a withdrawal", "Record", f_withdraw, N(f_withdraw), 0 },
	{ "reopen", "reopen", "Reopen the complaint", "Reopen", f_reopen, N(f_reopen), 0 },
	{ "assign", "assign", "Assign the complaint", "Assign", f_assign, N(f_assign), 0 },
	{ "add-issue", "add-issue", "Add an issue", "Add", f_issue, N(f_issue), 0 },
	{ "correspondence", "correspondence", "Record correspondence", "Record", f_correspondence, N(f_correspondence), 0 },
	{ "action", "action", "Add an outstanding action", "Add", f_action, N(f_action), 0 },
	{ "complete-action", "complete-action", "Complete an action", "Complete", f_complete, N(f_complete), 1 },
	{ "remedy", "remedy", "Add a remedy", "Add", f_remedy, N(f_remedy), 0 },
	{ "complete-remedy", "complete-remedy", "Complete a remedy", "Complete", f_complete, N(f_complete), 1 },
	{ "note", "note", "Add a note", "Add", f_note, N(f_note), 0 },
	{ "link", "link", "Link to another case", "Link", f_link, N(f_link), 0 },
	{ "agree-updates", "agree-updates", "Agree updates with the resident", "Record", f_updates, N(f_updates), 0 },
};

#define MAX_FIELDS 64

/* A form's fields, with options and rows that depend on the case. */
struct built {
	struct page_field f[MAX_FIELDS];
	size_t n;
	char text[MAX_FIELDS][320];
	const char *opts[2 * 16 + 1];
	char opt_text[16][160];
};

static const char *keep(struct built *b, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static const char *keep(struct built *b, size_t at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->text[at], sizeof(b->text[at]), fmt, ap);
	va_end(ap);
	return b->text[at];
}

static void add(struct built *b, const struct page_field *f)
{
	if (b->n < MAX_FIELDS)
		b->f[b->n++] = *f;
}

/* The current stage's definition points, for the response form. */
static const json_t *current_stage(const json_t *c)
{
	const json_t *stages = json_object_get(c, "stages");

	return json_array_get(stages, json_array_size(stages) - 1);
}

static void build_respond(struct built *b, const json_t *c)
{
	const json_t *points = json_object_get(json_object_get(current_stage(c), "definition"), "points");
	const json_t *issues = json_object_get(current_stage(c), "issues");
	size_t np = json_array_size(points), i, row = 0;
	const json_t *v;
	char name[64];

	add(b, &(struct page_field){ "responded_on", PF_DATE, "Date of the response", "Leave empty for today", NULL, PF_OPTIONAL });
	add(b, &(struct page_field){ "summary", PF_TEXTAREA, "Summary of the response", NULL, NULL, PF_OPTIONAL });
	if (!np)
		np = 1;
	for (i = 0; i < np + json_array_size(issues) && b->n + 6 < MAX_FIELDS && row < 12; i++, row++) {
		const char *text = i < json_array_size(points) ? json_string_value(json_array_get(points, i))
				 : js_str(json_array_get(issues, i - json_array_size(points)), "point");

		snprintf(name, sizeof(name), "decisions.%zu.point", row);
		add(b, &(struct page_field){ xstrdup(name), PF_HIDDEN, "", NULL, NULL, 0 });
		snprintf(name, sizeof(name), "decisions.%zu.outcome", row);
		add(b, &(struct page_field){ xstrdup(name), PF_RADIOS,
			keep(b, b->n, "Decision on point %zu: %s", row + 1, text ? text : "the complaint"),
			NULL, outcomes, 0 });
		snprintf(name, sizeof(name), "decisions.%zu.reasons", row);
		add(b, &(struct page_field){ xstrdup(name), PF_TEXTAREA,
			keep(b, b->n, "Reasons for the decision on point %zu", row + 1), NULL, NULL, 0 });
	}
	for (i = 0; i < 2; i++) {
		snprintf(name, sizeof(name), "remedies.%zu.type", i);
		add(b, &(struct page_field){ xstrdup(name), PF_SELECT, keep(b, b->n, "Remedy %zu: type", i + 1), "Code 7.1", remedy_types, PF_OPTIONAL });
		snprintf(name, sizeof(name), "remedies.%zu.description", i);
		add(b, &(struct page_field){ xstrdup(name), PF_TEXTAREA, keep(b, b->n, "Remedy %zu: what we will do", i + 1), NULL, NULL, PF_OPTIONAL });
		snprintf(name, sizeof(name), "remedies.%zu.amount", i);
		add(b, &(struct page_field){ xstrdup(name), PF_MONEY, keep(b, b->n, "Remedy %zu: amount in pounds", i + 1), NULL, NULL, PF_OPTIONAL });
		snprintf(name, sizeof(name), "remedies.%zu.due_on", i);
		add(b, &(struct page_field){ xstrdup(name), PF_DATE, keep(b, b->n, "Remedy %zu: by when", i + 1), "Code 7.3", NULL, PF_OPTIONAL });
	}
	snprintf(name, sizeof(name), "outstanding_actions.0.description");
	add(b, &(struct page_field){ xstrdup(name), PF_TEXTAREA, "Outstanding action: what will be done", "Code 6.6", NULL, PF_OPTIONAL });
	snprintf(name, sizeof(name), "outstanding_actions.0.due_on");
	add(b, &(struct page_field){ xstrdup(name), PF_DATE, "Outstanding action: by when", NULL, NULL, PF_OPTIONAL });
	(void)v;
}

static void free_built(struct built *b, const struct case_action *a)
{
	if (!a->fields)
		for (size_t i = 0; i < b->n; i++)
			if (!strncmp(b->f[i].name, "decisions.", 10) || !strncmp(b->f[i].name, "remedies.", 9) ||
			    !strncmp(b->f[i].name, "outstanding_actions.", 20))
				free((char *)b->f[i].name);
}

static void build(struct built *b, struct rec *r, const struct case_action *a, const json_t *c)
{
	b->n = 0;
	if (!a->fields) {
		build_respond(b, c);
		return;
	}
	for (size_t i = 0; i < a->n; i++) {
		struct page_field f = a->fields[i];

		if (!strcmp(f.name, "handler") && f.type == PF_SELECT)
			f.options = page_handler_options(r);
		if (!strcmp(f.name, "reason") && f.type == PF_SELECT) {
			const json_t *ex = json_object_get(r->policy, "exclusions"), *x;
			size_t k, o = 0;

			json_array_foreach(ex, k, x) {
				if (o >= 15)
					break;
				snprintf(b->opt_text[o], sizeof(b->opt_text[o]), "%s", js_str0(x, "text"));
				b->opts[2 * o] = js_str0(x, "code");
				b->opts[2 * o + 1] = b->opt_text[o];
				o++;
			}
			if (!strcmp(a->slug, "refuse-escalation") && o < 15) {
				b->opts[2 * o] = "escalation_out_of_time";
				b->opts[2 * o + 1] = "The resident asked for stage 2 after the time our policy allows";
				o++;
			}
			b->opts[2 * o] = NULL;
			f.options = b->opts;
		}
		add(b, &f);
	}
}

/* Fresh values for a form: sensible defaults from the case. */
static json_t *defaults(struct req *q, const struct case_action *a, const json_t *c)
{
	json_t *v = json_object();
	const json_t *stage = current_stage(c);

	if (!strcmp(a->slug, "acknowledge")) {
		if (!strcmp(js_str0(c, "status"), "received")) {
			json_object_set_new(v, "handler", json_string(q->user));
			json_object_set_new(v, "definition.summary", json_string(js_str0(c, "description")));
		}
	} else if (!a->fields) {
		const json_t *points = json_object_get(json_object_get(stage, "definition"), "points");
		size_t n = json_array_size(points) + json_array_size(json_object_get(stage, "issues"));

		for (size_t i = 0; i < (n ? n : 1) && i < 12; i++) {
			char k[64], val[16];

			snprintf(k, sizeof(k), "decisions.%zu.point", i);
			snprintf(val, sizeof(val), "%zu", i + 1);
			json_object_set_new(v, k, json_string(val));
		}
	} else if (!strcmp(a->slug, "correspondence")) {
		json_object_set_new(v, "party", json_string(js_str0(json_object_get(c, "complainant"), "name")));
	}
	return v;
}

static int action_form(struct req *q, struct rec *r, const struct case_action *a, const json_t *c,
		       const char *id, int status, const json_t *values, const struct rd_err *err)
{
	struct built *b = xcalloc(1, sizeof(*b));
	struct buf f = BUF_INIT, s = BUF_INIT;
	char action[160], back[96], caption[128];
	json_t *data;

	build(b, r, a, c);
	page_error_summary(&s, b->f, b->n, err);
	page_fields_html(&f, b->f, b->n, values, err);
	snprintf(action, sizeof(action), "/cases/%s/%s%s%s", js_str0(c, "reference"), a->slug,
		 id ? "/" : "", id ? id : "");
	snprintf(back, sizeof(back), "/cases/%s", js_str0(c, "reference"));
	snprintf(caption, sizeof(caption), "%s, stage %d", js_str0(c, "reference"), (int)js_int(c, "stage", 1));
	data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "action", action, "submit", a->submit,
			 "fields", f.s ? f.s : "", "summary", s.s ? s.s : "", "cancel", back, "back", back,
			 "caption", caption, "error", err != NULL);
	free_built(b, a);
	free(b);
	buf_free(&f);
	buf_free(&s);
	return page_show(q, r, status, a->title, "form", data);
}

static int status_of(const struct rd_err *e)
{
	switch (e->kind) {
	case RD_ESTATE: case RD_ECONFLICT: return 409;
	case RD_EDENIED: return 403;
	case RD_ENOTFOUND: return 404;
	case RD_EIO: return 500;
	default: return 422;
	}
}

int page_case_action(struct req *q, struct rec *r)
{
	const char *ref = q->params[0], *slug = q->params[1], *id = q->params[2];
	const struct case_action *a = NULL;
	struct built *b;
	struct rd_err e;
	json_t *c, *form, *in, *st;
	int status;

	for (size_t i = 0; i < N(case_actions); i++)
		if (!strcmp(case_actions[i].slug, slug))
			a = &case_actions[i];
	if (!a || !a->with_id != !id || (id && strspn(id, "0123456789") != strlen(id)))
		return page_message(q, r, 404, "Page not found", "There is no such page.");
	if (!(c = load_case(r, ref)))
		return page_message(q, r, 404, "Page not found", "There is no complaint with that reference.");
	if (strcmp(q->method, "POST")) {
		json_t *v = defaults(q, a, c);

		status = action_form(q, r, a, c, id, 200, v, NULL);
		json_decref(v);
		json_decref(c);
		return status;
	}
	if ((status = page_form(q, r, &form))) {
		json_decref(c);
		return status;
	}
	b = xcalloc(1, sizeof(*b));
	build(b, r, a, c);
	err_clear(&e);
	in = page_fields_json(b->f, b->n, form, &e);
	free_built(b, a);
	free(b);
	if (in && id)
		json_object_set_new(in, "id", json_integer(atol(id)));
	if (in && !strcmp(a->slug, "respond")) {
		json_t *d, *x;
		size_t i;

		/* The point numbers come back as text from the hidden fields. */
		d = json_object_get(in, "decisions");
		json_array_foreach(d, i, x)
			if (js_str(x, "point"))
				json_object_set_new(x, "point", json_integer(atol(js_str(x, "point"))));
		if (!json_array_size(json_object_get(in, "remedies")))
			json_object_del(in, "remedies");
		if (!json_array_size(json_object_get(in, "outstanding_actions")))
			json_object_del(in, "outstanding_actions");
	}
	if (!in || rec_complaint(r, ref, a->action, in, &st, &e)) {
		status = action_form(q, r, a, c, id, in ? status_of(&e) : 422, form, &e);
		json_decref(in);
		json_decref(form);
		json_decref(c);
		return status;
	}
	json_decref(st);
	json_decref(in);
	json_decref(form);
	json_decref(c);
	return page_see_other(q, "/cases/%s?done=%s", ref, a->slug);
}
