/*
 * oversight.c - the registers' sections of the board pack and the annual
 * report.
 */
#include "reports/oversight.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/improvement.h"
#include "core/ombudsman.h"
#include "core/quality.h"
#include "core/survey.h"
#include "reports/board.h"
#include "util/json.h"

struct ovs {
	char from[DATE_STRLEN], to[DATE_STRLEN], today[DATE_STRLEN];
	json_t *omb, *imp, *qual, *surv, *exc;	/* the sections */
	json_t *cases, *items, *findings, *exc_list;
	long long qual_sum;			/* sum of percents x 10 */
	long long answers[8], sums[8];
};

static int in(const struct ovs *o, const char *d)
{
	return d && strcmp(d, o->from) >= 0 && strcmp(d, o->to) <= 0;
}

static void inc(json_t *sec, const char *name)
{
	json_object_set_new(sec, name, json_integer(js_int(sec, name, 0) + 1));
}

static json_t *zeros(const char *const *names)
{
	json_t *o = json_object();

	for (int i = 0; names[i]; i++)
		json_object_set_new(o, names[i], json_integer(0));
	return o;
}

/* ---- Ombudsman cases ------------------------------------------------ */

static void omb_items(struct ovs *o, const json_t *c, long long *open_orders)
{
	const json_t *x;
	size_t i;

	json_array_foreach(json_object_get(c, "information_requests"), i, x) {
		const char *ans = js_str(x, "answered_on");

		if (!ans && strcmp(js_str0(x, "due_on"), o->today) < 0 &&
		    strcmp(js_str0(c, "status"), "closed"))
			inc(o->omb, "information_requests_overdue");
		if (!in(o, js_str(x, "requested_on")))
			continue;
		inc(o->omb, "information_requests");
		if (ans) {
			inc(o->omb, "information_requests_answered");
			if (js_true(x, "on_time"))
				inc(o->omb, "information_requests_answered_on_time");
		}
	}
	json_array_foreach(json_object_get(c, "determinations"), i, x) {
		if (!in(o, js_str(x, "determined_on")))
			continue;
		inc(o->omb, "determinations");
		inc(json_object_get(o->omb, "findings"), js_str0(x, "finding"));
		if (omb_is_failure(js_str(x, "finding")))
			inc(o->omb, "failure_findings");
	}
	json_array_foreach(json_object_get(c, "orders"), i, x) {
		int severe = !strcmp(js_str0(x, "finding"), "severe_maladministration");
		const char *done = js_str(x, "complied_on");

		if (!done)
			(*open_orders)++;
		if (!in(o, js_str(x, "made_on")))
			continue;
		inc(o->omb, "orders_made");
		if (severe)
			inc(o->omb, "severe_maladministration_orders");
		if (done) {
			inc(o->omb, "orders_complied");
			if (js_true(x, "on_time"))
				inc(o->omb, "orders_complied_on_time");
			if (severe)
				inc(o->omb, "severe_maladministration_orders_complied");
		} else {
			inc(o->omb, "orders_outstanding");
			if (strcmp(js_str0(x, "due_on"), o->today) < 0)
				inc(o->omb, "orders_overdue");
		}
	}
	json_array_foreach(json_object_get(c, "failure_orders"), i, x) {
		if (!in(o, js_str(x, "issued_on")))
			continue;
		inc(o->omb, "failure_orders");
		if (js_str(x, "complied_on"))
			inc(o->omb, "failure_orders_complied");
	}
}

/* Anything of the case dated in the period. */
static int omb_active(const struct ovs *o, const json_t *c)
{
	static const char *const lists[][2] = {
		{ "information_requests", "requested_on" }, { "determinations", "determined_on" },
		{ "orders", "made_on" }, { "orders", "complied_on" },
		{ "failure_orders", "issued_on" },
	};

	if (in(o, js_str(c, "referred_on")) || in(o, js_str(c, "closed_on")))
		return 1;
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		const json_t *x;
		size_t i;

		json_array_foreach(json_object_get(c, lists[l][0]), i, x)
			if (in(o, js_str(x, lists[l][1])))
				return 1;
	}
	return 0;
}

static int on_omb(const char *stream, const char *text, void *ctx)
{
	struct ovs *o = ctx;
	json_t *c = json_loads(text, 0, NULL), *f = json_array(), *x;
	long long open_orders = 0;
	size_t i;

	(void)stream;
	if (!c) {
		json_decref(f);
		return 0;
	}
	if (in(o, js_str(c, "referred_on")))
		inc(o->omb, "referred");
	if (strcmp(js_str0(c, "status"), "closed") && strcmp(js_str0(c, "referred_on"), o->to) <= 0)
		inc(o->omb, "open");
	omb_items(o, c, &open_orders);
	json_array_foreach(json_object_get(c, "determinations"), i, x)
		json_array_append_new(f, json_pack("{s:s, s:s, s:s}", "issue", js_str0(x, "issue"),
			"finding", js_str0(x, "finding"), "determined_on", js_str0(x, "determined_on")));
	if (omb_active(o, c) || (strcmp(js_str0(c, "status"), "closed") &&
				 strcmp(js_str0(c, "referred_on"), o->to) <= 0))
		json_array_append_new(o->cases, json_pack("{s:s, s:s, s:s?, s:s, s:s, s:o, s:I}",
			"reference", js_str0(c, "reference"), "complaint", js_str0(c, "complaint"),
			"ombudsman_reference", js_str(c, "ombudsman_reference"),
			"referred_on", js_str0(c, "referred_on"), "status", js_str0(c, "status"),
			"findings", f, "orders_outstanding", (json_int_t)open_orders));
	else
		json_decref(f);
	json_decref(c);
	return 0;
}

/* ---- improvements --------------------------------------------------- */

static int on_imp(const char *stream, const char *text, void *ctx)
{
	struct ovs *o = ctx;
	json_t *c = json_loads(text, 0, NULL);
	int open, done, list = 0;

	(void)stream;
	if (!c)
		return 0;
	open = imp_is_open(c) && strcmp(js_str0(c, "recorded_on"), o->to) <= 0;
	done = !strcmp(js_str0(c, "status"), "completed") && in(o, js_str(c, "finished_on"));
	if (in(o, js_str(c, "recorded_on"))) {
		inc(o->imp, "recorded");
		list = 1;
	}
	if (done)
		inc(o->imp, "completed");
	if (open) {
		inc(o->imp, "open");
		if (strcmp(js_str0(c, "due_on"), o->today) < 0)
			inc(o->imp, "overdue");
	}
	if (list || done || open)
		json_array_append_new(o->items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:O, s:s?, s:s?}",
			"reference", js_str0(c, "reference"), "title", js_str0(c, "title"),
			"status", js_str0(c, "status"), "owner", js_str0(c, "owner"),
			"due_on", js_str0(c, "due_on"), "complaints", json_object_get(c, "complaints"),
			"finished_on", js_str(c, "finished_on"), "outcome", js_str(c, "outcome")));
	json_decref(c);
	return 0;
}

/* ---- quality reviews and surveys ------------------------------------ */

static int on_qual(const char *stream, const char *text, void *ctx)
{
	struct ovs *o = ctx;
	json_t *c = json_loads(text, 0, NULL), *pts = json_object_get(o->qual, "points");

	(void)stream;
	if (!c)
		return 0;
	if (in(o, js_str(c, "assigned_on")))
		inc(o->qual, "assigned");
	if (in(o, js_str(c, "scored_on"))) {
		static const char *const level[] = { "not_met", "partly", "met" };

		inc(o->qual, "scored");
		o->qual_sum += js_int(c, "score", 0);
		for (int i = 0; qual_points[i]; i++) {
			long long v = js_int(json_object_get(c, "scores"), qual_points[i], 0);

			if (v >= 0 && v <= 2)
				inc(json_object_get(pts, qual_points[i]), level[v]);
		}
		json_array_append_new(o->findings, json_pack("{s:s, s:s, s:I, s:s, s:I, s:s}",
			"reference", js_str0(c, "reference"), "complaint", js_str0(c, "complaint"),
			"stage", (json_int_t)js_int(c, "stage", 0), "reviewer", js_str0(c, "reviewer"),
			"score", (json_int_t)js_int(c, "score", 0), "findings", js_str0(c, "findings")));
	}
	json_decref(c);
	return 0;
}

static int on_survey(const char *stream, const char *text, void *ctx)
{
	struct ovs *o = ctx;
	json_t *c = json_loads(text, 0, NULL);

	(void)stream;
	if (!c)
		return 0;
	if (in(o, js_str(c, "sent_on")))
		inc(o->surv, "sent");
	if (in(o, js_str(c, "declined_on")))
		inc(o->surv, "declined");
	if (in(o, js_str(c, "answered_on"))) {
		inc(o->surv, "answered");
		for (int i = 0; survey_questions[i]; i++) {
			long long v = js_int(json_object_get(c, "answers"), survey_questions[i], 0);

			if (v >= 1 && v <= 5) {
				o->answers[i]++;
				o->sums[i] += v;
			}
		}
	}
	json_decref(c);
	return 0;
}

static int on_exc(const char *stream, const char *text, void *ctx)
{
	struct ovs *o = ctx;
	json_t *c = json_loads(text, 0, NULL);
	const char *ret = js_str(c, "returned_on");

	(void)stream;
	if (!c)
		return 0;
	if (strcmp(js_str0(c, "started_on"), o->to) <= 0 && (!ret || strcmp(ret, o->from) >= 0))
		json_array_append(o->exc_list, c);
	json_decref(c);
	return 0;
}

static json_t *mean(long long sum, long long n, double scale)
{
	if (n <= 0)
		return json_null();
	return json_real(round(sum * scale * 10.0 / n) / 10.0);
}

int ovs_report(struct rec *r, const char *from, const char *to, json_t **out,
	       struct rd_err *e)
{
	static const char *const omb_figs[] = {
		"referred", "open", "determinations", "failure_findings",
		"information_requests", "information_requests_answered",
		"information_requests_answered_on_time", "information_requests_overdue",
		"orders_made", "orders_complied", "orders_complied_on_time", "orders_outstanding",
		"orders_overdue", "severe_maladministration_orders",
		"severe_maladministration_orders_complied", "failure_orders",
		"failure_orders_complied", NULL
	};
	static const char *const imp_figs[] = { "recorded", "completed", "open", "overdue", NULL };
	static const char *const level[] = { "met", "partly", "not_met", NULL };
	static const char *const surv_figs[] = { "sent", "answered", "declined", NULL };
	struct ovs o;
	json_t *pts = json_object(), *qs = json_object();
	int rc;

	*out = NULL;
	memset(&o, 0, sizeof(o));
	snprintf(o.from, sizeof(o.from), "%s", from);
	snprintf(o.to, sizeof(o.to), "%s", to);
	date_format(r->today, o.today);
	o.omb = zeros(omb_figs);
	json_object_set_new(o.omb, "findings", zeros(omb_findings));
	o.imp = zeros(imp_figs);
	o.qual = json_pack("{s:i, s:i}", "assigned", 0, "scored", 0);
	for (int i = 0; qual_points[i]; i++)
		json_object_set_new(pts, qual_points[i], zeros(level));
	json_object_set_new(o.qual, "points", pts);
	o.surv = zeros(surv_figs);
	o.cases = json_array();
	o.items = json_array();
	o.findings = json_array();
	o.exc_list = json_array();
	rc = r->st->ops->states(r->st, "ombudsman_case", on_omb, &o, e) < 0 ||
	     r->st->ops->states(r->st, "improvement", on_imp, &o, e) < 0 ||
	     r->st->ops->states(r->st, "quality_review", on_qual, &o, e) < 0 ||
	     r->st->ops->states(r->st, "survey", on_survey, &o, e) < 0 ||
	     r->st->ops->states(r->st, "exceptional", on_exc, &o, e) < 0;
	json_object_set_new(o.omb, "as_at", json_string(o.today));
	json_object_set_new(o.omb, "cases", o.cases);
	json_object_set_new(o.imp, "as_at", json_string(o.today));
	json_object_set_new(o.imp, "items", o.items);
	json_object_set_new(o.qual, "average_percent",
			    mean(o.qual_sum, js_int(o.qual, "scored", 0), 100.0 / QUAL_MAX));
	json_object_set_new(o.qual, "reviews", o.findings);
	json_object_set_new(o.surv, "response_rate",
			    board_ratio(js_int(o.surv, "answered", 0), js_int(o.surv, "sent", 0), 100.0));
	for (int i = 0; survey_questions[i]; i++)
		json_object_set_new(qs, survey_questions[i], json_pack("{s:I, s:o}",
			"answers", (json_int_t)o.answers[i], "average", mean(o.sums[i], o.answers[i], 1.0)));
	json_object_set_new(o.surv, "questions", qs);
	*out = json_pack("{s:o, s:o, s:o, s:o, s:o}", "ombudsman", o.omb, "improvements", o.imp,
			 "quality_reviews", o.qual, "surveys", o.surv,
			 "exceptional_circumstances", o.exc_list);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* ---- text and CSV --------------------------------------------------- */

static void csv_num(struct buf *b, const char *section, const char *item, const char *fig,
		    const json_t *v)
{
	buf_printf(b, "%s,%s,%s,", section, item ? item : "", fig);
	if (json_is_integer(v))
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_number(v))
		buf_printf(b, "%.1f", json_number_value(v));
	buf_puts(b, ",\r\n");
}

static void csv_obj(struct buf *b, const char *section, const char *item, const json_t *o)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)o, k, v)
		if (json_is_number(v) || json_is_null(v))
			csv_num(b, section, item, k, v);
}

void ovs_csv(struct buf *b, const json_t *rep)
{
	const json_t *q = json_object_get(rep, "quality_reviews"), *s = json_object_get(rep, "surveys");
	const char *k;
	json_t *v;

	csv_obj(b, "ombudsman", NULL, json_object_get(rep, "ombudsman"));
	csv_obj(b, "ombudsman_findings", NULL, json_object_get(json_object_get(rep, "ombudsman"), "findings"));
	csv_obj(b, "improvements", NULL, json_object_get(rep, "improvements"));
	csv_obj(b, "quality_reviews", NULL, q);
	json_object_foreach(json_object_get(q, "points"), k, v)
		csv_obj(b, "quality_points", k, v);
	csv_obj(b, "surveys", NULL, s);
	json_object_foreach(json_object_get(s, "questions"), k, v)
		csv_obj(b, "survey_questions", k, v);
}

static void pct(struct buf *b, const json_t *v, const char *suffix)
{
	if (json_is_number(v))
		buf_printf(b, "%.1f%s", json_number_value(v), suffix);
	else
		buf_puts(b, "-");
}

void ovs_text(struct buf *b, const json_t *rep)
{
	const json_t *o = json_object_get(rep, "ombudsman"), *x, *f;
	size_t i, k;

	buf_printf(b, "\nOmbudsman cases (as at %s)\n  referred %lld; open %lld; determinations %lld "
		   "(%lld finding failure)\n", js_str0(o, "as_at"), js_int(o, "referred", 0),
		   js_int(o, "open", 0), js_int(o, "determinations", 0), js_int(o, "failure_findings", 0));
	{
		const char *name;
		json_t *v;

		json_object_foreach(json_object_get(o, "findings"), name, v)
			if (json_integer_value(v))
				buf_printf(b, "    %lld %s\n", (long long)json_integer_value(v), name);
	}
	buf_printf(b, "  information requests %lld: %lld answered (%lld on time), %lld overdue\n",
		   js_int(o, "information_requests", 0), js_int(o, "information_requests_answered", 0),
		   js_int(o, "information_requests_answered_on_time", 0),
		   js_int(o, "information_requests_overdue", 0));
	buf_printf(b, "  orders %lld: %lld complied with (%lld on time), %lld outstanding, %lld overdue; "
		   "severe maladministration orders %lld, %lld complied with\n",
		   js_int(o, "orders_made", 0), js_int(o, "orders_complied", 0),
		   js_int(o, "orders_complied_on_time", 0), js_int(o, "orders_outstanding", 0),
		   js_int(o, "orders_overdue", 0), js_int(o, "severe_maladministration_orders", 0),
		   js_int(o, "severe_maladministration_orders_complied", 0));
	buf_printf(b, "  complaint handling failure orders %lld, %lld complied with\n",
		   js_int(o, "failure_orders", 0), js_int(o, "failure_orders_complied", 0));
	json_array_foreach(json_object_get(o, "cases"), i, x) {
		buf_printf(b, "  %s (%s) %s\n", js_str0(x, "reference"), js_str0(x, "complaint"),
			   js_str0(x, "status"));
		json_array_foreach(json_object_get(x, "findings"), k, f)
			buf_printf(b, "    %s: %s\n", js_str0(f, "issue"), js_str0(f, "finding"));
	}
	o = json_object_get(rep, "improvements");
	buf_printf(b, "\nLearning and service improvements: %lld recorded, %lld completed; %lld open, "
		   "%lld overdue on %s\n", js_int(o, "recorded", 0), js_int(o, "completed", 0),
		   js_int(o, "open", 0), js_int(o, "overdue", 0), js_str0(o, "as_at"));
	json_array_foreach(json_object_get(o, "items"), i, x)
		buf_printf(b, "  %s %s (%s, due %s): %s\n", js_str0(x, "reference"), js_str0(x, "status"),
			   js_str0(x, "owner"), js_str0(x, "due_on"), js_str0(x, "title"));
	o = json_object_get(rep, "quality_reviews");
	buf_printf(b, "\nQuality reviews: %lld assigned, %lld scored, average ", js_int(o, "assigned", 0),
		   js_int(o, "scored", 0));
	pct(b, json_object_get(o, "average_percent"), "%");
	buf_puts(b, "\n");
	json_array_foreach(json_object_get(o, "reviews"), i, x)
		buf_printf(b, "  %s %s stage %lld: %lld/10: %s\n", js_str0(x, "reference"),
			   js_str0(x, "complaint"), js_int(x, "stage", 0), js_int(x, "score", 0),
			   js_str0(x, "findings"));
	o = json_object_get(rep, "surveys");
	buf_printf(b, "\nSurveys of complaint handling: %lld sent, %lld answered (", js_int(o, "sent", 0),
		   js_int(o, "answered", 0));
	pct(b, json_object_get(o, "response_rate"), "%");
	buf_printf(b, "), %lld declined\n", js_int(o, "declined", 0));
	{
		const char *name;
		json_t *v;

		json_object_foreach(json_object_get(o, "questions"), name, v) {
			buf_printf(b, "  %s: ", name);
			pct(b, json_object_get(v, "average"), " of 5");
			buf_printf(b, " (%lld answers)\n", js_int(v, "answers", 0));
		}
	}
	x = json_object_get(rep, "exceptional_circumstances");
	buf_printf(b, "\nExceptional circumstances (Code 8.5): %zu\n", json_array_size(x));
	json_array_foreach(x, i, f)
		buf_printf(b, "  %s from %s, return %s: %s\n", js_str0(f, "reference"),
			   js_str0(f, "started_on"), js_str(f, "returned_on") ? js_str(f, "returned_on")
			   : js_str0(f, "expected_return_on"), js_str0(f, "reason"));
}
