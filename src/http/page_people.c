/*
 * page_people.c - people (contact preferences, reasonable adjustments,
 * disclosed vulnerabilities, contact restrictions) and service requests
 * in the staff workspace.
 */
#include "http/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/person.h"
#include "http/api.h"
#include "util/form.h"
#include "util/json.h"

#define N(f) (sizeof(f) / sizeof((f)[0]))

static const char *const methods[] = {
	"email", "Email", "phone", "Phone", "letter", "Letter", "text_message", "Text message",
	"in_person", "In person", NULL
};
static const char *const frequencies[] = {
	"weekly", "Weekly", "fortnightly", "Every two weeks", "monthly", "Monthly",
	"at_each_step", "At each step", NULL
};
static const char *const formats[] = {
	"standard", "Standard", "large_print", "Large print", "plain_text", "Plain text only",
	"easy_read", "Easy read", "braille", "Braille", "audio", "Audio", NULL
};
static const char *const kinds[] = { "disability", "Disability", "vulnerability", "Vulnerability", NULL };
static const char *const categories[] = {
	"repairs", "Repairs", "damp_and_mould", "Damp and mould", "leaks", "Leaks", "pests", "Pests",
	"asb_handling", "Anti-social behaviour", "estate_services", "Estate services",
	"rent_and_service_charges", "Rent and service charges", "building_safety", "Building safety",
	"communication", "Communication", "other", "Something else", NULL
};
static const char *const channels[] = {
	"phone", "Phone", "email", "Email", "letter", "Letter", "in_person", "In person",
	"web", "Web form", "live_chat", "Live chat", NULL
};

static const struct page_field f_person[] = {
	{ "name", PF_TEXT, "Full name", NULL, NULL, 0 },
	{ "email", PF_EMAIL, "Email address", NULL, NULL, PF_OPTIONAL },
	{ "phone", PF_TEL, "Phone number", NULL, NULL, PF_OPTIONAL },
	{ "address", PF_TEXTAREA, "Postal address", NULL, NULL, PF_OPTIONAL },
	{ "method", PF_RADIOS, "How they want us to contact them", NULL, methods, PF_OPTIONAL },
	{ "frequency", PF_RADIOS, "How often", NULL, frequencies, PF_OPTIONAL },
	{ "format", PF_RADIOS, "Letters in", NULL, formats, PF_OPTIONAL },
	{ "language", PF_TEXT, "Preferred language", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_preferences[] = {
	{ "method", PF_RADIOS, "How they want us to contact them", NULL, methods, PF_OPTIONAL },
	{ "frequency", PF_RADIOS, "How often", NULL, frequencies, PF_OPTIONAL },
	{ "format", PF_RADIOS, "Letters in", NULL, formats, PF_OPTIONAL },
	{ "language", PF_TEXT, "Preferred language", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_adjust[] = {
	{ "description", PF_TEXTAREA, "The adjustment", "What we will do differently (Code 5.10)", NULL, 0 },
	{ "agreed_on", PF_DATE, "Date agreed", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "review_on", PF_DATE, "Review by", NULL, NULL, 0 },
};
static const struct page_field f_review[] = {
	{ "id", PF_HIDDEN, "", NULL, NULL, 0 },
	{ "outcome", PF_TEXTAREA, "Outcome of the review", NULL, NULL, 0 },
	{ "reviewed_on", PF_DATE, "Date reviewed", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "review_on", PF_DATE, "Next review by", NULL, NULL, 0 },
};
static const struct page_field f_end[] = {
	{ "id", PF_HIDDEN, "", NULL, NULL, 0 },
	{ "outcome", PF_TEXTAREA, "Why the restriction ends", NULL, NULL, 0 },
	{ "reviewed_on", PF_DATE, "Date", "Leave empty for today", NULL, PF_OPTIONAL },
};
static const struct page_field f_disclose[] = {
	{ "kind", PF_RADIOS, "What was disclosed", NULL, kinds, 0 },
	{ "detail", PF_TEXTAREA, "Detail", "Special category data: only handlers and complaints officers can read it, and every read is recorded", NULL, 0 },
	{ "disclosed_on", PF_DATE, "Date disclosed", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "review_on", PF_DATE, "Review by", NULL, NULL, 0 },
};
static const struct page_field f_restrict[] = {
	{ "restriction", PF_TEXTAREA, "The restriction", "For example: contact by email only, to one named officer", NULL, 0 },
	{ "reason", PF_TEXTAREA, "Why it is needed", "Code 5.14", NULL, 0 },
	{ "evidence", PF_TEXTAREA, "Evidence", NULL, NULL, 0 },
	{ "proportionality", PF_TEXTAREA, "Why it is proportionate", NULL, NULL, 0 },
	{ "equality_considered", PF_BOOL, "We considered our duties under the Equality Act 2010 (Code 5.15)", NULL, NULL, 0 },
	{ "starts_on", PF_DATE, "Starts on", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "review_on", PF_DATE, "Review by", NULL, NULL, 0 },
};
static const struct page_field f_purpose[] = {
	{ "purpose", PF_TEXT, "Why do you need to read it?", "For example: to make adjustments for CMP-2026-000123. The reason is recorded.", NULL, PF_WIDE },
};

static const struct page_field f_sreq[] = {
	{ "person_id", PF_TEXT, "Person", "Their person number, like P-000123", NULL, PF_SMALL },
	{ "category", PF_SELECT, "Category", NULL, categories, 0 },
	{ "description", PF_TEXTAREA, "What they asked for", NULL, NULL, 0 },
	{ "channel", PF_SELECT, "How it reached us", NULL, channels, PF_OPTIONAL },
	{ "received_on", PF_DATE, "Date received", "Leave empty for today", NULL, PF_OPTIONAL },
	{ "due_on", PF_DATE, "Due by", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_update[] = {
	{ "note", PF_TEXTAREA, "Update", NULL, NULL, 0 },
	{ "on", PF_DATE, "Date", "Leave empty for today", NULL, PF_OPTIONAL },
};
static const struct page_field f_complete[] = {
	{ "note", PF_TEXTAREA, "What was done", NULL, NULL, PF_OPTIONAL },
	{ "on", PF_DATE, "Date completed", "Leave empty for today", NULL, PF_OPTIONAL },
};
static const struct page_field f_dissatisfied[] = {
	{ "details", PF_TEXTAREA, "What is the resident unhappy about?", "They do not need to use the word complaint (Code 1.3)", NULL, 0 },
	{ "on", PF_DATE, "Date", "Leave empty for today", NULL, PF_OPTIONAL },
};

struct simple_action {
	const char *slug, *action, *title, *submit;
	const struct page_field *fields;
	size_t n;
	int needs_n;		/* names an item: ?n=ID */
};

static const struct simple_action people_actions[] = {
	{ "preferences", "preferences", "Contact preferences", "Save", f_preferences, N(f_preferences), 0 },
	{ "adjust", "adjust", "Record a reasonable adjustment", "Record", f_adjust, N(f_adjust), 0 },
	{ "review-adjustment", "review-adjustment", "Review a reasonable adjustment", "Record the review", f_review, N(f_review), 1 },
	{ "disclose", "disclose", "Record a disability or vulnerability", "Record", f_disclose, N(f_disclose), 0 },
	{ "restrict", "restrict", "Restrict contact", "Record the restriction", f_restrict, N(f_restrict), 0 },
	{ "review-restriction", "review-restriction", "Review a contact restriction", "Record the review", f_review, N(f_review), 1 },
	{ "end-restriction", "end-restriction", "End a contact restriction", "End it", f_end, N(f_end), 1 },
};

static const struct simple_action sreq_actions[] = {
	{ "update", "update", "Add an update", "Add", f_update, N(f_update), 0 },
	{ "complete", "complete", "Complete the request", "Complete", f_complete, N(f_complete), 0 },
	{ "dissatisfied", "raise", "Raise a complaint", "Raise a complaint", f_dissatisfied, N(f_dissatisfied), 0 },
};

static int status_of(const struct rd_err *e)
{
	return e->kind == RD_ESTATE || e->kind == RD_ECONFLICT ? 409 : e->kind == RD_EDENIED ? 403
	       : e->kind == RD_ENOTFOUND ? 404 : e->kind == RD_EIO ? 500 : 422;
}

static int valid_id(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < 40 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

/* Draws a form page of "fields". */
static int form_page(struct req *q, struct rec *r, int status, const char *title, const char *caption,
		     const char *action, const char *submit, const char *back,
		     const struct page_field *fields, size_t n, const json_t *values,
		     const struct rd_err *err)
{
	struct buf f = BUF_INIT, s = BUF_INIT;
	json_t *data;

	page_error_summary(&s, fields, n, err);
	page_fields_html(&f, fields, n, values, err);
	data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:b}", "action", action, "submit", submit,
			 "fields", f.s ? f.s : "", "summary", s.s ? s.s : "", "cancel", back,
			 "back", back, "caption", caption, "error", err != NULL);
	buf_free(&f);
	buf_free(&s);
	return page_show(q, r, status, title, "form", data);
}

/* ---- people -------------------------------------------------------------- */

/* 1 if "hay" holds "needle", ignoring ASCII case. */
static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return 0;
}

static int add_person(const char *stream, const char *state, void *ctx)
{
	json_t *p = json_loads(state, 0, NULL), *list = ctx;
	const char *text = json_string_value(json_array_get(list, 0));

	(void)stream;
	if (!p)
		return 0;
	json_object_del(p, "disclosures");
	if (!text || !*text || contains(state, text))
		json_array_append(list, p);
	json_decref(p);
	return json_array_size(list) > 201;
}

int page_people(struct req *q, struct rec *r)
{
	const char *text = http_query(q, "q");
	json_t *list, *people;
	int status;

	if ((status = api_only_query(q, (const char *const[]){ "q", NULL })))
		return status;
	list = json_array();
	json_array_append_new(list, json_string(text ? text : ""));
	r->st->ops->states(r->st, "person", add_person, list, NULL);
	json_array_remove(list, 0);
	people = list;
	return page_show(q, r, 200, "People", "people",
			 json_pack("{s:o, s:s, s:b}", "people", people, "q", text ? text : "",
				   "any", json_array_size(people) > 0));
}

static int add(const char *stream, const char *state, void *ctx)
{
	json_t *c = json_loads(state, 0, NULL);

	(void)stream;
	if (c)
		json_array_append_new(ctx, c);
	return 0;
}

static int show_person(struct req *q, struct rec *r, json_t *p, int sensitive)
{
	json_t *complaints = json_array();
	struct store_filter f;
	int may = !strcmp(q->role, "handler") || !strcmp(q->role, "complaints_officer");
	int count = (int)json_array_size(json_object_get(p, "disclosures"));

	memset(&f, 0, sizeof(f));
	f.person_id = js_str(p, "id");
	r->st->ops->complaint_list(r->st, &f, add, complaints, NULL);
	if (!sensitive)
		json_object_del(p, "disclosures");
	return page_show(q, r, 200, js_str0(p, "name"), "person",
			 json_pack("{s:o, s:o, s:i, s:b, s:b}", "person", p, "complaints", complaints,
				   "disclosure_count", count, "may_see", may && count > 0,
				   "sensitive", sensitive));
}

static int new_person(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *form, *in, *st;
	int status;

	if (strcmp(q->method, "POST"))
		return form_page(q, r, 200, "Add a person", NULL, "/people/new", "Add", "/people",
				 f_person, N(f_person), NULL, NULL);
	if ((status = page_form(q, r, &form)))
		return status;
	err_clear(&e);
	in = page_fields_json(f_person, N(f_person), form, &e);
	if (!in || rec_person(r, NULL, "new", in, &st, &e)) {
		status = form_page(q, r, in ? status_of(&e) : 422, "Add a person", NULL, "/people/new",
				   "Add", "/people", f_person, N(f_person), form, &e);
		json_decref(in);
		json_decref(form);
		return status;
	}
	json_decref(in);
	json_decref(form);
	status = page_see_other(q, "/people/%s", js_str0(st, "id"));
	json_decref(st);
	return status;
}

int page_person(struct req *q, struct rec *r)
{
	const char *id = q->params[0];
	char stream[64];
	struct rd_err e;
	json_t *p, *form;
	int status;

	if (!strcmp(id, "new"))
		return new_person(q, r);
	if (!valid_id(id))
		return page_message(q, r, 404, "Page not found", "There is no such person.");
	snprintf(stream, sizeof(stream), "person:%s", id);
	if (rec_load(r, stream, &p, NULL))
		return page_message(q, r, 404, "Page not found", "There is no such person.");
	if (strcmp(q->method, "POST"))
		return show_person(q, r, p, 0);
	/* Reading disclosed special category data: for a stated purpose,
	 * recorded as an event on the person. */
	json_decref(p);
	if ((status = page_form(q, r, &form)))
		return status;
	err_clear(&e);
	if (rec_person_sensitive(r, id, form_str(form, "purpose"), &p, &e)) {
		char action[96], back[96];

		snprintf(action, sizeof(action), "/people/%s", id);
		snprintf(back, sizeof(back), "/people/%s", id);
		status = form_page(q, r, status_of(&e), "Read disclosed information", id, action, "Read it",
				   back, f_purpose, N(f_purpose), form, &e);
		json_decref(form);
		return status;
	}
	json_decref(form);
	return show_person(q, r, p, 1);
}

static int run_action(struct req *q, struct rec *r, const struct simple_action *list, size_t n,
		      int person)
{
	const char *id = q->params[0], *slug = q->params[1];
	const struct simple_action *a = NULL;
	char stream[64], action[128], back[96];
	struct rd_err e;
	json_t *form, *in, *st, *rec;
	int status;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i].slug, slug))
			a = &list[i];
	snprintf(stream, sizeof(stream), "%s:%s", person ? "person" : "service_request", id);
	if (!a || !valid_id(id) || rec_load(r, stream, &rec, NULL))
		return page_message(q, r, 404, "Page not found", "There is no such page.");
	json_decref(rec);
	snprintf(back, sizeof(back), "/%s/%s", person ? "people" : "service-requests", id);
	if (strcmp(q->method, "POST")) {
		json_t *v = json_object();
		const char *nq = http_query(q, "n");

		if (a->needs_n && (!nq || strspn(nq, "0123456789") != strlen(nq) || !*nq)) {
			json_decref(v);
			return page_message(q, r, 404, "Page not found", "Say which item (?n=).");
		}
		if (nq)
			json_object_set_new(v, "id", json_string(nq));
		snprintf(action, sizeof(action), "%s/%s", back, slug);
		status = form_page(q, r, 200, a->title, id, action, a->submit, back, a->fields, a->n, v, NULL);
		json_decref(v);
		return status;
	}
	snprintf(action, sizeof(action), "%s/%s", back, slug);
	if ((status = page_form(q, r, &form)))
		return status;
	err_clear(&e);
	in = page_fields_json(a->fields, a->n, form, &e);
	if (in && js_str(in, "id"))
		json_object_set_new(in, "id", json_integer(atol(js_str(in, "id"))));
	if (in) {
		char cref[32] = "";

		if (!person && !strcmp(a->action, "raise"))
			status = rec_service_request_raise(r, id, in, &st, cref, sizeof(cref), &e);
		else
			status = person ? rec_person(r, id, a->action, in, &st, &e)
					: rec_service_request(r, id, a->action, in, &st, &e);
		if (!status) {
			json_decref(st);
			json_decref(in);
			json_decref(form);
			if (cref[0])
				return page_see_other(q, "/cases/%s?done=new", cref);
			return page_see_other(q, "%s", back);
		}
	}
	status = form_page(q, r, in ? status_of(&e) : 422, a->title, id, action, a->submit, back,
			   a->fields, a->n, form, &e);
	json_decref(in);
	json_decref(form);
	return status;
}

int page_person_action(struct req *q, struct rec *r)
{
	return run_action(q, r, people_actions, N(people_actions), 1);
}

/* ---- service requests ------------------------------------------------------ */

int page_sreqs(struct req *q, struct rec *r)
{
	json_t *list;
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	list = rec_states(r, "service_request", NULL);
	return page_show(q, r, 200, "Service requests", "sreqs",
			 json_pack("{s:o, s:b}", "requests", list ? list : json_array(),
				   "any", json_array_size(list) > 0));
}

static int new_sreq(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *form, *in, *st;
	int status;

	if (strcmp(q->method, "POST"))
		return form_page(q, r, 200, "Log a service request", NULL, "/service-requests/new", "Log it",
				 "/service-requests", f_sreq, N(f_sreq), NULL, NULL);
	if ((status = page_form(q, r, &form)))
		return status;
	err_clear(&e);
	in = page_fields_json(f_sreq, N(f_sreq), form, &e);
	if (!in || rec_service_request(r, NULL, "new", in, &st, &e)) {
		status = form_page(q, r, in ? status_of(&e) : 422, "Log a service request", NULL,
				   "/service-requests/new", "Log it", "/service-requests", f_sreq,
				   N(f_sreq), form, &e);
		json_decref(in);
		json_decref(form);
		return status;
	}
	json_decref(in);
	json_decref(form);
	status = page_see_other(q, "/service-requests/%s", js_str0(st, "reference"));
	json_decref(st);
	return status;
}

int page_sreq(struct req *q, struct rec *r)
{
	const char *ref = q->params[0];
	char stream[64], csrf[65];
	struct buf f = BUF_INIT;
	json_t *sr;

	if (!strcmp(ref, "new"))
		return new_sreq(q, r);
	snprintf(stream, sizeof(stream), "service_request:%s", ref);
	if (!valid_id(ref) || rec_load(r, stream, &sr, NULL))
		return page_message(q, r, 404, "Page not found", "There is no such service request.");
	if (!strcmp(q->method, "POST")) {
		json_decref(sr);
		return page_message(q, r, 404, "Page not found", "There is no such page.");
	}
	page_csrf(q, csrf);
	page_fields_html(&f, f_dissatisfied, 1, NULL, NULL);
	sr = json_pack("{s:o, s:s, s:b}", "sr", sr, "raise_fields", f.s ? f.s : "",
		       "open", !js_true(sr, "completed"));
	buf_free(&f);
	return page_show(q, r, 200, ref, "sreq", sr);
}

int page_sreq_action(struct req *q, struct rec *r)
{
	return run_action(q, r, sreq_actions, N(sreq_actions), 0);
}
