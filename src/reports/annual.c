/*
 * annual.c - the annual complaints performance and service improvement
 * report: the year's self-assessment, TSMs and board figures in the
 * order of Code 8.1.
 */
#include "reports/annual.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/omreport.h"
#include "reports/board.h"
#include "reports/parallel.h"
#include "reports/selfassess.h"
#include "reports/tsm.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/json.h"

static int by_publication(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(js_str0(x, "published_on"), js_str0(y, "published_on"));

	return c ? c : strcmp(js_str0(x, "reference"), js_str0(y, "reference"));
}

/* (e) and (f): the Ombudsman's reports about the landlord published in the
 * reporting year ("from" to "to"), not withdrawn; the annual landlord
 * reports go to (e), the rest to (f).  Both go by the date of publication:
 * the Ombudsman's annual landlord performance report on a financial year
 * comes out after that year, usually after the landlord's own report on
 * it, so each year's report carries the one the Ombudsman published in it
 * (which covers the year before; its "covers" says which). */
static int part_ef(struct rec *r, const char *from, const char *to, const char *label,
		   json_t **e_out, json_t **f_out, struct rd_err *e)
{
	static const char *const keep[] = {
		"reference", "kind", "title", "published_on", "received_on", "year", "covers",
		"summary", "url", "landlord_response", "responded_on", "complaints", "improvements",
		NULL
	};
	json_t *all = rec_states(r, "ombudsman_report", e), *el, *fl, *x;
	json_t **v;
	size_t i, n;
	char note[600];

	if (!all)
		return -1;
	el = json_array();
	fl = json_array();
	n = json_array_size(all);
	v = xcalloc(n ? n : 1, sizeof(*v));
	json_array_foreach(all, i, x)
		v[i] = x;
	qsort(v, n, sizeof(*v), by_publication);
	for (i = 0; i < n; i++) {
		const char *d = js_str0(v[i], "published_on");
		json_t *item = json_object();

		if (js_str(v[i], "withdrawn_on") || strcmp(d, from) < 0 || strcmp(d, to) > 0) {
			json_decref(item);
			continue;
		}
		for (int k = 0; keep[k]; k++) {
			json_t *f = json_object_get(v[i], keep[k]);

			json_object_set(item, keep[k], f ? f : json_null());
		}
		if (strcmp(js_str0(v[i], "kind"), "annual_landlord_report")) {
			json_object_del(item, "year");
			json_object_del(item, "covers");
			json_array_append_new(fl, item);
		} else {
			json_array_append_new(el, item);
		}
	}
	free(v);
	json_decref(all);
	if (json_array_size(el))
		snprintf(note, sizeof(note), "The Ombudsman's annual landlord performance report%s "
			 "published in %s (%s to %s), with the landlord's response. The Ombudsman "
			 "reports on a financial year after it ends, so each covers an earlier year.",
			 json_array_size(el) > 1 ? "s" : "", label, from, to);
	else
		snprintf(note, sizeof(note), "No annual landlord performance report from the "
			 "Ombudsman was received in %s (none published from %s to %s). The Ombudsman "
			 "reports on a financial year after it ends.", label, from, to);
	*e_out = json_pack("{s:b, s:o, s:s}", "recorded", 1, "reports", el, "note", note);
	if (json_array_size(fl))
		snprintf(note, sizeof(note), "The Ombudsman's other reports about the landlord "
			 "published in %s (%s to %s), with the landlord's response.", label, from, to);
	else
		snprintf(note, sizeof(note), "No other report or publication of the Ombudsman about "
			 "the landlord was received in %s (none published from %s to %s).", label, from, to);
	*f_out = json_pack("{s:b, s:o, s:s}", "recorded", 1, "reports", fl, "note", note);
	return 0;
}

/* (c): the Ombudsman's determinations of the year that found failure,
 * with compliance with its orders (from the board pack's section). */
static json_t *part_c(const json_t *b, const char *from, const char *to)
{
	const json_t *o = json_object_get(b, "ombudsman"), *c, *f;
	json_t *list = json_array();
	size_t i, k;

	json_array_foreach(json_object_get(o, "cases"), i, c)
		json_array_foreach(json_object_get(c, "findings"), k, f) {
			const char *d = js_str0(f, "determined_on"), *fd = js_str0(f, "finding");

			if (strcmp(d, from) < 0 || strcmp(d, to) > 0 ||
			    (strcmp(fd, "service_failure") && strcmp(fd, "maladministration") &&
			     strcmp(fd, "severe_maladministration")))
				continue;
			json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s}",
				"case", js_str0(c, "reference"), "complaint", js_str0(c, "complaint"),
				"issue", js_str0(f, "issue"), "finding", fd, "determined_on", d));
		}
	return json_pack("{s:b, s:O, s:O, s:O, s:o, s:O, s:O, s:O, s:O, s:O, s:O}", "recorded", 1,
		"determinations", json_object_get(o, "determinations"),
		"failure_findings", json_object_get(o, "failure_findings"),
		"findings", json_object_get(o, "findings"), "non_compliance", list,
		"orders_made", json_object_get(o, "orders_made"),
		"orders_complied", json_object_get(o, "orders_complied"),
		"orders_complied_on_time", json_object_get(o, "orders_complied_on_time"),
		"orders_outstanding", json_object_get(o, "orders_outstanding"),
		"failure_orders", json_object_get(o, "failure_orders"),
		"failure_orders_complied", json_object_get(o, "failure_orders_complied"));
}

/* (d): the improvements completed in the year, and those under way. */
static json_t *part_d(const json_t *b)
{
	const json_t *o = json_object_get(b, "improvements"), *x;
	json_t *done = json_array(), *open = json_array();
	size_t i;

	json_array_foreach(json_object_get(o, "items"), i, x) {
		const char *st = js_str0(x, "status");

		if (!strcmp(st, "completed") && js_str(x, "finished_on"))
			json_array_append(done, (json_t *)x);
		else if (!strcmp(st, "planned") || !strcmp(st, "in_progress"))
			json_array_append(open, (json_t *)x);
	}
	/* an improvement completed after the year's end is still under way in it */
	return json_pack("{s:b, s:O, s:O, s:o, s:o}", "recorded", 1,
		"recorded_in_year", json_object_get(o, "recorded"),
		"completed", json_object_get(o, "completed"), "improvements", done, "in_progress", open);
}

/* (a): the self-assessment's summary, and the provisions not met and not
 * yet answered. */
static json_t *part_a(const json_t *sa)
{
	json_t *not_met = json_array(), *open = json_array(), *p;
	size_t i;

	json_array_foreach(json_object_get(sa, "provisions"), i, p) {
		const json_t *c = json_object_get(p, "comply");

		if (json_is_null(c))
			json_array_append_new(open, json_string(js_str0(p, "provision")));
		else if (!strcmp(json_string_value(c), "no"))
			json_array_append_new(not_met, json_pack("{s:s, s:s, s:b, s:s, s:O}",
				"provision", js_str0(p, "provision"), "requirement", js_str0(p, "requirement"),
				"flagged", js_true(p, "flagged"), "evidence", js_str0(p, "evidence"),
				"commentary", json_object_get(p, "commentary")));
	}
	return json_pack("{s:O, s:O, s:O, s:o, s:o}",
		"summary", json_object_get(sa, "summary"),
		"approved", json_object_get(sa, "approved"),
		"published", json_object_get(sa, "published"),
		"not_met", not_met, "to_answer", open);
}

/* (b): the TSMs and the board pack's figures, with the types of complaint
 * refused. */
static json_t *part_b(const json_t *tsm, const json_t *b)
{
	const json_t *ref = json_object_get(b, "refusals");

	return json_pack("{s:{s:O, s:O, s:O, s:O}, s:O, s:O, s:O, s:O, s:O, s:O, s:{s:O, s:O, s:O}}",
		"tsm", "homes", json_object_get(tsm, "homes"), "ch01", json_object_get(tsm, "ch01"),
		"ch02", json_object_get(tsm, "ch02"), "counts", json_object_get(tsm, "counts"),
		"volumes", json_object_get(b, "volumes"),
		"outcomes", json_object_get(b, "outcomes"),
		"timescales", json_object_get(b, "timescales"),
		"categories", json_object_get(b, "categories"),
		"extensions", json_object_get(b, "extensions"),
		"remedies", json_object_get(b, "remedies"),
		"refusals", "refused", json_object_get(ref, "refused"),
		"escalation_refused", json_object_get(ref, "escalation_refused"),
		"types", json_object_get(ref, "reasons"));
}

struct tsm_job {
	int year;
	json_t *out;
};

static int tsm_job(struct rec *r, void *arg, struct rd_err *e)
{
	struct tsm_job *j = arg;

	return tsm_report(r, j->year, &j->out, e);
}

int annual_report(struct rec *r, int year, json_t **out, struct rd_err *e)
{
	struct board_period p;
	json_t *sa = NULL, *tsm = NULL, *b = NULL, *state = NULL, *rep, *resp, *pe, *pf;
	char stream[64];

	*out = NULL;
	if (board_period(year, NULL, NULL, &p, e))
		return -1;
	if (year < 2024)
		return err_set(e, RD_EINVAL, "year", "8.1",
			       "%s was a 2022 Code year: the annual complaints performance and service "
			       "improvement report (Code 8.1) is a 2024 Code report, for 2024/25 onwards",
			       p.label);
	/* The TSMs are counted beside the one pass over the period that
	 * gives the board pack and the figures the self-assessment reads. */
	{
		struct tsm_job job = { year, NULL };
		struct par par;
		json_t *figs = NULL;
		int rc;

		par_start(&par, r, tsm_job, &job);
		rc = board_report_figures(r, &p, &b, &figs, e);
		if (par_join(&par, rc ? NULL : e))
			rc = -1;
		tsm = job.out;
		rc = rc || sa_report_figures(r, year, figs, &sa, e);
		json_decref(figs);
		if (rc) {
			json_decref(b);
			json_decref(sa);
			json_decref(tsm);
			return -1;
		}
	}
	if (part_ef(r, js_str0(b, "from"), js_str0(b, "to"), p.label, &pe, &pf, e)) {
		json_decref(b);
		json_decref(sa);
		json_decref(tsm);
		return -1;
	}
	snprintf(stream, sizeof(stream), "annual_report:%d", year);
	if (rec_load(r, stream, &state, NULL))
		state = json_object();
	resp = json_object_get(state, "response");
	rep = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}",
		"report", "annual", "organisation", js_str0(r->policy, "organisation"),
		"year", p.label, "from", js_str0(sa, "from"), "to", js_str0(sa, "to"), "code", 2024);
	json_object_set_new(rep, "sections", json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		"a_self_assessment", part_a(sa),
		"b_performance", part_b(tsm, b),
		"c_ombudsman_non_compliance", part_c(b, js_str0(b, "from"), js_str0(b, "to")),
		"d_service_improvements", part_d(b),
		"e_ombudsman_annual_landlord_report", pe, "f_other_ombudsman_reports", pf));
	json_object_set(rep, "governing_body_response", resp ? resp : json_null());
	json_object_set_new(rep, "ready_to_publish", json_boolean(
		resp && json_is_object(json_object_get(sa, "approved"))));
	json_decref(sa);
	json_decref(tsm);
	json_decref(b);
	json_decref(state);
	*out = rep;
	return 0;
}

static void num(struct buf *b, const json_t *v, const char *suffix)
{
	if (json_is_number(v))
		buf_printf(b, "%.1f%s", json_number_value(v), suffix);
	else
		buf_puts(b, "-");
}

char *annual_text(const json_t *rep)
{
	struct buf b = BUF_INIT;
	const json_t *s = json_object_get(rep, "sections");
	const json_t *a = json_object_get(s, "a_self_assessment"), *pb = json_object_get(s, "b_performance");
	const json_t *sm = json_object_get(a, "summary"), *t = json_object_get(pb, "tsm"), *x, *v;
	const json_t *resp = json_object_get(rep, "governing_body_response");
	static const char *const later[][2] = {
		{ "e_ombudsman_annual_landlord_report", "(e) The Ombudsman's annual landlord report" },
		{ "f_other_ombudsman_reports", "(f) Other relevant Ombudsman reports" },
	};
	size_t i, k;

	buf_printf(&b, "Annual complaints performance and service improvement report %s\n%s (%s to %s)\n",
		   js_str0(rep, "year"), js_str0(rep, "organisation"), js_str0(rep, "from"),
		   js_str0(rep, "to"));
	buf_printf(&b, "\n(a) Self-assessment against the Complaint Handling Code\n"
		   "  %lld provisions: %lld met, %lld not met, %lld still to answer\n",
		   js_int(sm, "provisions", 0), js_int(sm, "comply_yes", 0), js_int(sm, "comply_no", 0),
		   js_int(sm, "not_answered", 0));
	if (json_is_object(json_object_get(a, "approved")))
		buf_printf(&b, "  approved by %s on %s\n", js_str0(json_object_get(a, "approved"), "body"),
			   js_str0(json_object_get(a, "approved"), "approved_on"));
	json_array_foreach(json_object_get(a, "not_met"), i, x)
		buf_printf(&b, "  not met: %s\n", js_str0(x, "evidence"));
	buf_puts(&b, "\n(b) Performance\n  Tenant Satisfaction Measures: CH01 ");
	num(&b, json_object_get(json_object_get(t, "ch01"), "stage1"), "");
	buf_puts(&b, " stage 1 and ");
	num(&b, json_object_get(json_object_get(t, "ch01"), "stage2"), "");
	buf_puts(&b, " stage 2 complaints per 1,000 homes; CH02 ");
	num(&b, json_object_get(json_object_get(t, "ch02"), "stage1"), "%");
	buf_puts(&b, " of stage 1 and ");
	num(&b, json_object_get(json_object_get(t, "ch02"), "stage2"), "%");
	buf_puts(&b, " of stage 2 responses within the Code's timescales\n");
	v = json_object_get(pb, "volumes");
	buf_printf(&b, "  %lld complaints received, %lld escalated to stage 2; %lld stage 1 and %lld "
		   "stage 2 responses\n", js_int(v, "received", 0), js_int(v, "stage2_requested", 0),
		   js_int(v, "s1_responses", 0), js_int(v, "s2_responses", 0));
	json_array_foreach(json_object_get(pb, "timescales"), i, x) {
		buf_printf(&b, "  %s: %lld of %lld within (", js_str0(x, "clause"), js_int(x, "within", 0),
			   js_int(x, "within", 0) + js_int(x, "late", 0));
		num(&b, json_object_get(x, "percent"), "%");
		buf_printf(&b, ") %s\n", js_str0(x, "description"));
	}
	x = json_object_get(json_object_get(pb, "outcomes"), "stage1");
	buf_printf(&b, "  stage 1 outcomes: %lld of %lld responses upheld the complaint in whole or part\n",
		   js_int(x, "complaints_upheld", 0), js_int(x, "responses", 0));
	x = json_object_get(pb, "refusals");
	buf_printf(&b, "  complaints not accepted: %lld; escalations refused: %lld\n",
		   js_int(x, "refused", 0), js_int(x, "escalation_refused", 0));
	json_array_foreach(json_object_get(x, "types"), i, v)
		buf_printf(&b, "    %lld + %lld  %s\n", js_int(v, "refused", 0),
			   js_int(v, "escalation_refused", 0), js_str0(v, "text"));
	x = json_object_get(pb, "remedies");
	buf_printf(&b, "  remedies: %lld, of which %lld financial (GBP %.2f)\n", js_int(x, "remedies", 0),
		   js_int(x, "remedies_financial", 0), json_number_value(json_object_get(x, "financial_total")));
	x = json_object_get(s, "c_ombudsman_non_compliance");
	buf_printf(&b, "\n(c) Ombudsman findings of non-compliance\n  %lld determinations, %lld finding "
		   "service failure or maladministration; %lld orders, %lld complied with (%lld on time), "
		   "%lld outstanding; %lld complaint handling failure orders\n",
		   js_int(x, "determinations", 0), js_int(x, "failure_findings", 0),
		   js_int(x, "orders_made", 0), js_int(x, "orders_complied", 0),
		   js_int(x, "orders_complied_on_time", 0), js_int(x, "orders_outstanding", 0),
		   js_int(x, "failure_orders", 0));
	json_array_foreach(json_object_get(x, "non_compliance"), i, v)
		buf_printf(&b, "  %s (%s) %s: %s\n", js_str0(v, "case"), js_str0(v, "complaint"),
			   js_str0(v, "issue"), js_str0(v, "finding"));
	x = json_object_get(s, "d_service_improvements");
	buf_printf(&b, "\n(d) Service improvements made\n  %lld completed in the year; %zu under way\n",
		   js_int(x, "completed", 0), json_array_size(json_object_get(x, "in_progress")));
	json_array_foreach(json_object_get(x, "improvements"), i, v)
		buf_printf(&b, "  %s %s: %s\n", js_str0(v, "reference"), js_str0(v, "title"),
			   js_str0(v, "outcome"));
	json_array_foreach(json_object_get(x, "in_progress"), i, v)
		buf_printf(&b, "  %s %s (%s, due %s)\n", js_str0(v, "reference"), js_str0(v, "title"),
			   js_str0(v, "status"), js_str0(v, "due_on"));
	for (i = 0; i < sizeof(later) / sizeof(later[0]); i++) {
		x = json_object_get(s, later[i][0]);
		buf_printf(&b, "\n%s\n  %s\n", later[i][1], js_str0(x, "note"));
		json_array_foreach(json_object_get(x, "reports"), k, v) {
			buf_printf(&b, "  %s %s, published %s", js_str0(v, "reference"),
				   js_str0(v, "title"), js_str0(v, "published_on"));
			if (js_str(v, "covers"))
				buf_printf(&b, ", on %s", js_str0(v, "covers"));
			else
				buf_printf(&b, " (%s)", omr_kind_label(js_str0(v, "kind")));
			buf_printf(&b, "\n    %s\n", js_str0(v, "summary"));
			if (js_str(v, "url"))
				buf_printf(&b, "    %s\n", js_str0(v, "url"));
			if (js_str(v, "landlord_response"))
				buf_printf(&b, "    The landlord's response (%s): %s\n",
					   js_str0(v, "responded_on"), js_str0(v, "landlord_response"));
			else
				buf_puts(&b, "    The landlord's response: not yet recorded\n");
		}
	}
	buf_puts(&b, "\nThe governing body's response\n");
	if (json_is_object(resp))
		buf_printf(&b, "  %s (%s, %s)\n", js_str0(resp, "text"), js_str0(resp, "body"),
			   js_str0(resp, "responded_on"));
	else
		buf_puts(&b, "  (not yet recorded: redress report annual respond --year YYYY --text ...)\n");
	return buf_detach(&b);
}

/* ---- CSV ------------------------------------------------------------- */

static void csv_value(struct buf *b, const char *section, const char *item,
		      const char *figure, const json_t *v)
{
	char num[64] = "";
	const char *text = num;

	if (json_is_integer(v))
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(num, sizeof(num), strstr(figure, "financial") ? "%.2f" : "%.1f",
			 json_real_value(v));
	else if (json_is_boolean(v))
		text = json_is_true(v) ? "true" : "false";
	else if (json_is_string(v))
		text = json_string_value(v);
	csv_put_row(b, (const char *const[]){ section, item, figure, text }, 4, CSV_SPREADSHEET);
}

static void csv_tree(struct buf *b, const char *section, const char *item, const json_t *v);

/* One member of an object or entry of a list, named "name", under "item". */
static void csv_member(struct buf *b, const char *section, const char *item,
		       const char *name, const json_t *v)
{
	if (json_is_object(v) || json_is_array(v)) {
		struct buf path = BUF_INIT;

		buf_printf(&path, "%s%s%s", item, *item ? "." : "", name);
		csv_tree(b, section, buf_str(&path), v);
		buf_free(&path);
	} else {
		csv_value(b, section, item, name, v);
	}
}

static void csv_tree(struct buf *b, const char *section, const char *item, const json_t *v)
{
	const char *name;
	const json_t *x;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, name, x)
			csv_member(b, section, item, name, x);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			char n[24];

			snprintf(n, sizeof(n), "%zu", i + 1);
			csv_member(b, section, item, n, x);
		}
	}
}

char *annual_csv(const json_t *rep)
{
	static const char *const head[] = { "report", "organisation", "year", "from", "to", "code",
					    "ready_to_publish", NULL };
	struct buf b = BUF_INIT;
	const json_t *sections = json_object_get(rep, "sections"), *x;
	const char *name;

	buf_puts(&b, "section,item,figure,value\r\n");
	for (int i = 0; head[i]; i++)
		csv_value(&b, "report", "", head[i], json_object_get(rep, head[i]));
	json_object_foreach((json_t *)sections, name, x)
		csv_tree(&b, name, "", x);
	csv_tree(&b, "governing_body_response", "", json_object_get(rep, "governing_body_response"));
	return buf_detach(&b);
}
