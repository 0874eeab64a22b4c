/*
 * page_staff.c - signing in and out, the dashboard and the reports page.
 */
#include "http/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/person.h"
#include "core/register.h"
#include "http/api.h"
#include "util/form.h"
#include "http/throttle.h"
#include "reports/tsm.h"
#include "store/auth.h"
#include "util/json.h"

static const struct page_field sign_in_fields[] = {
	{ "name", PF_TEXT, "User name", NULL, NULL, 0 },
	{ "password", PF_PASSWORD, "Password", NULL, NULL, 0 },
};
#define NFIELDS(f) (sizeof(f) / sizeof((f)[0]))

static int sign_in_form(struct req *q, struct rec *r, int status, const json_t *values,
			const struct rd_err *err)
{
	struct buf fields = BUF_INIT, summary = BUF_INIT;
	json_t *data;

	page_error_summary(&summary, sign_in_fields, NFIELDS(sign_in_fields), err);
	page_fields_html(&fields, sign_in_fields, NFIELDS(sign_in_fields), values, err);
	data = json_pack("{s:s, s:s, s:s, s:s, s:b}", "action", "/sign-in", "submit", "Sign in",
			 "fields", fields.s ? fields.s : "", "summary", summary.s ? summary.s : "",
			 "error", err != NULL);
	buf_free(&fields);
	buf_free(&summary);
	return page_show(q, r, status, "Sign in", "form", data);
}

int page_sign_in(struct req *q, struct rec *r)
{
	const char *name, *pw;
	char role[32];
	struct rd_err e;
	json_t *form;
	int status;

	if (!strcmp(q->method, "GET") || !strcmp(q->method, "HEAD"))
		return sign_in_form(q, r, 200, NULL, NULL);
	if ((status = page_form(q, r, &form)))
		return status;
	name = form_str(form, "name");
	pw = form_str(form, "password");
	err_clear(&e);
	if (!name || !*name) {
		err_set(&e, RD_EINVAL, "name", NULL, "Enter your user name");
		goto refuse;
	}
	if (!pw || !*pw) {
		err_set(&e, RD_EINVAL, "password", NULL, "Enter your password");
		goto refuse;
	}
	status = api_sign_in(q, r, name, pw, role, sizeof(role), &e);
	if (status == 429) {
		json_decref(form);
		return sign_in_form(q, r, 429, NULL, &e);
	}
	if (status) {
		err_set(&e, RD_EDENIED, "name", NULL, "The user name or the password is not right");
		goto refuse;
	}
	json_decref(form);
	return page_see_other(q, "/");
refuse:
	json_object_del(form, "password");
	status = sign_in_form(q, r, e.kind == RD_EDENIED ? 401 : 422, form, &e);
	json_decref(form);
	return status;
}

int page_sign_out(struct req *q, struct rec *r)
{
	const char *token = MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, "redress_session");
	json_t *form;
	int status;

	if ((status = page_form(q, r, &form)))
		return status;
	json_decref(form);
	if (token)
		auth_revoke(r, token, NULL);
	snprintf(q->cookie, sizeof(q->cookie),
		 "redress_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return page_see_other(q, "/sign-in");
}

/* ---- the dashboard ----------------------------------------------------- */

/* The deadline a case is working to now: "what", the date and whether it
 * is met. */
static const char *next_deadline(const json_t *c, const char **what)
{
	const json_t *d = json_object_get(c, "deadlines");

	*what = NULL;
	if (!d || !strcmp(js_str0(c, "status"), "closed") || !strcmp(js_str0(c, "status"), "withdrawn"))
		return NULL;
	if (js_str(d, "acknowledge_by") && !js_str(d, "acknowledged_on")) {
		*what = "Acknowledge";
		return js_str(d, "acknowledge_by");
	}
	if (js_str(d, "respond_by") && !js_str(d, "responded_on")) {
		*what = "Respond";
		return js_str(d, "respond_by");
	}
	return NULL;
}

void page_case_row(struct rec *r, json_t *c)
{
	const char *what, *due = next_deadline(c, &what);
	char text[32], label[64];
	date_t d;
	int n;

	if (!due || date_parse(due, &d) || cal_count(r->cal, r->today, d, &n, NULL))
		return;
	json_object_set_new(c, "due", json_string(due));
	json_object_set_new(c, "due_text", json_string(page_date(due, text)));
	json_object_set_new(c, "what", json_string(what));
	json_object_set_new(c, "overdue", json_boolean(d < r->today));
	if (d < r->today)
		snprintf(label, sizeof(label), "%d working day%s overdue", -n, n == -1 ? "" : "s");
	else if (n == 0)
		snprintf(label, sizeof(label), "due today");
	else
		snprintf(label, sizeof(label), "%d working day%s left", n, n == 1 ? "" : "s");
	json_object_set_new(c, "days_left", json_string(label));
}

struct rows {
	struct rec *r;
	json_t *list;
	int count, max;
};

static int add_row(const char *stream, const char *state, void *ctx)
{
	struct rows *w = ctx;
	json_t *c;

	(void)stream;
	w->count++;
	if ((int)json_array_size(w->list) >= w->max)
		return 0;
	if (!(c = json_loads(state, 0, NULL)))
		return 0;
	page_case_row(w->r, c);
	json_array_append_new(w->list, c);
	return 0;
}

/* A block of the dashboard: the first cases "f" selects, due first, and
 * how many there are. */
static json_t *block(struct rec *r, const char *title, const char *id, struct store_filter *f,
		     const char *more)
{
	struct rows w = { r, json_array(), 0, 10 };
	long long count = 0;

	f->by_due = 1;
	f->limit = w.max;
	r->st->ops->complaint_list(r->st, f, add_row, &w, NULL);
	f->count = &count;
	r->st->ops->complaint_list(r->st, f, NULL, NULL, NULL);
	return json_pack("{s:s, s:s, s:o, s:I, s:b, s:b, s:s}", "title", title, "id", id,
			 "cases", w.list, "count", (json_int_t)count, "any", count > 0,
			 "more", count > w.max, "more_href", more);
}

/* Collects states (people, Ombudsman cases) into the array "ctx". */
static int add_state(const char *stream, const char *state, void *ctx)
{
	json_t *p = json_loads(state, 0, NULL);

	(void)stream;
	if (p)
		json_array_append_new(ctx, p);
	return 0;
}

int page_dashboard(struct req *q, struct rec *r)
{
	struct store_filter f;
	char today[DATE_STRLEN], week[DATE_STRLEN], bytext[32];
	json_t *blocks, *stages, *all, *x, *reviews, *ombudsman;
	date_t friday;
	size_t i;

	if (!(http_role_bit(q->role) & ROLE_STAFF))
		return page_see_other(q, "%s", !strcmp(q->role, "admin") ? "/admin" : "/reports");
	blocks = json_array();
	stages = json_array();
	date_format(r->today, today);
	friday = r->today + (4 - date_weekday(r->today) + 7) % 7;
	date_format(friday, week);

	memset(&f, 0, sizeof(f));
	f.handler = q->user;
	f.open = 1;
	json_array_append_new(blocks, block(r, "My open cases", "mine", &f, "/cases?handler=me"));
	memset(&f, 0, sizeof(f));
	f.status = "received";
	json_array_append_new(blocks, block(r, "Awaiting acknowledgement", "awaiting", &f,
					    "/cases?status=received"));
	memset(&f, 0, sizeof(f));
	f.overdue_on = today;
	json_array_append_new(blocks, block(r, "Overdue", "overdue", &f, "/cases?overdue=true"));
	memset(&f, 0, sizeof(f));
	f.due_before = today;
	f.due_from = today;
	json_array_append_new(blocks, block(r, "Due today", "today", &f, "/cases?due=today"));
	memset(&f, 0, sizeof(f));
	f.due_before = week;
	f.due_from = today;
	json_array_append_new(blocks, block(r, "Due this week", "week", &f, "/cases?due=week"));
	for (int s = 1; s <= (js_int(r->policy, "stages", 2) >= 3 ? 3 : 2); s++) {
		long long count = 0;
		char title[48], href[48];

		memset(&f, 0, sizeof(f));
		f.stage = s;
		f.open = 1;
		f.count = &count;
		r->st->ops->complaint_list(r->st, &f, NULL, NULL, NULL);
		snprintf(title, sizeof(title), "Open at stage %d", s);
		snprintf(href, sizeof(href), "/cases?stage=%d&open=true", s);
		json_array_append_new(stages, json_pack("{s:s, s:I, s:s}", "title", title,
							"count", (json_int_t)count, "href", href));
	}
	reviews = json_array();
	all = json_array();
	r->st->ops->reviews_due(r->st, week, add_state, all, NULL);
	json_array_foreach(all, i, x)
		person_reviews_due(x, friday, reviews);
	json_decref(all);
	json_array_foreach(reviews, i, x) {
		char t[32];

		json_object_set_new(x, "review_text", json_string(page_date(js_str(x, "review_on"), t)));
		json_object_set_new(x, "overdue", json_boolean(js_date(x, "review_on") < r->today));
	}
	/* The Housing Ombudsman's requests and orders due within two weeks. */
	ombudsman = json_array();
	all = json_array();
	r->st->ops->states(r->st, "ombudsman_case", add_state, all, NULL);
	json_array_foreach(all, i, x)
		reg_ombudsman_due(x, r->today, r->today + 14, ombudsman);
	json_decref(all);
	json_array_foreach(ombudsman, i, x) {
		char t[32];

		json_object_set_new(x, "due_text", json_string(page_date(js_str(x, "due_on"), t)));
	}
	return page_show(q, r, 200, "Dashboard", "dashboard",
			 json_pack("{s:o, s:o, s:o, s:o, s:s}", "blocks", blocks, "stages", stages,
				   "reviews", reviews, "ombudsman_due", ombudsman,
				   "today", page_date(today, bytext)));
}

/* ---- reports ------------------------------------------------------------ */

int page_reports(struct req *q, struct rec *r)
{
	json_t *tsm = NULL;
	struct rd_err e;
	long year;
	int status;

	if ((status = api_only_query(q, (const char *const[]){ "year", NULL })) ||
	    (status = api_query_int(q, "year", 2018, 2100, tsm_year_of(r->today), &year)))
		return status;
	err_clear(&e);
	if (tsm_report(r, (int)year, &tsm, &e))
		return page_message(q, r, 500, "The report could not be made", e.msg);
	return page_show(q, r, 200, "Reports", "reports",
			 json_pack("{s:o, s:i, s:i, s:i}", "tsm", tsm, "year", (int)year,
				   "prev", (int)year - 1, "next", (int)year + 1));
}
