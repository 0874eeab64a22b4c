/*
 * page_report.c - the reports as pages of the staff workspace:
 * /reports/tsm, /reports/board, /reports/annual and
 * /reports/self-assessment (?year=), each the HTML of reports/html.h with
 * its charts and tables, and /reports/cases, the complaints behind one
 * figure (?report=&year=&key=, and &tenure= or &all=true).
 */
#include "http/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/api.h"
#include "reports/annual.h"
#include "reports/board.h"
#include "reports/html.h"
#include "reports/selfassess.h"
#include "reports/tsm.h"
#include "util/json.h"

#define MAX_LISTED 500

static const struct {
	const char *route, *slug, *title, *api;
} reports[] = {
	{ "page.reports.tsm", "tsm", "Tenant Satisfaction Measures", "/api/v1/reports/tsm" },
	{ "page.reports.board", "board", "Board and Member Responsible for Complaints pack",
	  "/api/v1/reports/board" },
	{ "page.reports.annual", "annual",
	  "Annual complaints performance and service improvement report", "/api/v1/reports/annual" },
	{ "page.reports.self_assessment", "self-assessment",
	  "Self-assessment against the Complaint Handling Code", "/api/v1/self-assessments" },
};
#define NREPORTS (sizeof(reports) / sizeof(reports[0]))

/* The report "i" of reporting year "year" (new reference). */
static int make(struct rec *r, size_t i, int year, json_t **rep, struct rd_err *e)
{
	struct board_period p;

	switch (i) {
	case 0:
		return tsm_report(r, year, rep, e);
	case 1:
		return board_period(year, NULL, NULL, &p, e) ? -1 : board_report(r, &p, rep, e);
	case 2:
		return annual_report(r, year, rep, e);
	default:
		return sa_report(r, year, rep, e);
	}
}

int page_report(struct req *q, struct rec *r)
{
	struct buf html = BUF_INIT, cases = BUF_INIT;
	struct rd_err e;
	json_t *rep = NULL, *downloads;
	char title[160];
	size_t i;
	long year;
	int status;

	for (i = 0; i < NREPORTS && strcmp(reports[i].route, q->route->name); i++)
		;
	if (i == NREPORTS)
		return page_message(q, r, 404, "Page not found", "There is no such report.");
	if ((status = api_only_query(q, (const char *const[]){ "year", NULL })) ||
	    (status = api_query_int(q, "year", CAL_FIRST_YEAR, CAL_LAST_YEAR - 1,
				    tsm_year_of(r->today), &year)))
		return status;
	err_clear(&e);
	if (make(r, i, (int)year, &rep, &e))
		return page_message(q, r, e.kind == RD_EINVAL ? 400 : 500,
				    "The report could not be made", e.msg);
	buf_printf(&cases, "/reports/cases?year=%ld", year);
	switch (i) {
	case 0:
		rhtml_tsm(&html, rep, buf_str(&cases));
		break;
	case 1:
		rhtml_board(&html, rep, buf_str(&cases));
		break;
	case 2:
		rhtml_annual(&html, rep, buf_str(&cases));
		break;
	default:
		rhtml_self_assessment(&html, rep, buf_str(&cases));
	}
	snprintf(title, sizeof(title), "%s %ld/%02ld", reports[i].title, year, (year + 1) % 100);
	downloads = json_array();
	for (int f = 0; f < 3; f++) {
		static const char *const fmt[] = { "json", "csv", "pdf" };
		static const char *const name[] = { "JSON", "CSV", "PDF" };
		char href[128];

		snprintf(href, sizeof(href), "%s?year=%ld%s%s", reports[i].api, year,
			 f ? "&format=" : "", f ? fmt[f] : "");
		json_array_append_new(downloads, json_pack("{s:s, s:s}", "href", href, "name", name[f]));
	}
	status = page_show(q, r, 200, title, "report",
			   json_pack("{s:s, s:s, s:s, s:i, s:i, s:o, s:s}", "heading", title,
				     "slug", reports[i].slug, "report_html", buf_str(&html),
				     "prev", (int)year - 1, "next", (int)year + 1, "downloads", downloads,
				     "what", reports[i].title));
	json_decref(rep);
	buf_free(&html);
	buf_free(&cases);
	return status;
}

/* /reports/cases: the references behind a figure, linked to the cases for
 * those who may open them. */
int page_report_cases(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "report", "year", "key", "tenure", "all", NULL };
	const char *report = http_query(q, "report"), *key = http_query(q, "key");
	const char *tenure = http_query(q, "tenure"), *all = http_query(q, "all");
	struct board_period p;
	struct rd_err e;
	json_t *refs = NULL, *list, *x;
	struct buf what = BUF_INIT, back = BUF_INIT;
	size_t i, n;
	long year;
	int status, rc;

	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "year", CAL_FIRST_YEAR, CAL_LAST_YEAR - 1,
				    tsm_year_of(r->today), &year)))
		return status;
	if (!report && !key)
		return page_message(q, r, 200, "The complaints behind a figure",
				    "Choose a count in one of the reports to see the complaints behind it.");
	if (!report || (strcmp(report, "tsm") && strcmp(report, "board") &&
			strcmp(report, "self-assessment")))
		return page_message(q, r, 400, "There is no such report",
				    "report must be tsm, board or self-assessment.");
	if (!key || !*key)
		return page_message(q, r, 400, "Which figure?", "key must name the figure.");
	if (all && strcmp(all, "true") && strcmp(all, "false"))
		return page_message(q, r, 400, "Which complaints?", "all must be true or false.");
	err_clear(&e);
	if (!strcmp(report, "tsm"))
		rc = tsm_cases(r, (int)year, tenure, key, &refs, &e);
	else if (tenure)
		rc = err_set(&e, RD_EINVAL, "tenure", NULL, "only the TSM's figures are by tenure");
	else if (!strcmp(report, "board"))
		rc = board_period((int)year, NULL, NULL, &p, &e) ? -1 : board_cases(r, &p, key, &refs, &e);
	else
		rc = sa_cases(r, (int)year, key, all && !strcmp(all, "true"), &refs, &e);
	if (rc)
		return page_message(q, r, e.kind == RD_EINVAL ? 400 : 500,
				    "The complaints could not be listed", e.msg);
	buf_printf(&what, "%s %ld/%02ld, %s %s%s%s%s", !strcmp(report, "tsm") ? "Tenant Satisfaction Measures"
		   : !strcmp(report, "board") ? "Board pack" : "Self-assessment", year, (year + 1) % 100,
		   !strcmp(report, "self-assessment") ? "provision" : "figure", key,
		   tenure ? ", tenure " : "", tenure ? tenure : "",
		   !strcmp(report, "self-assessment")
		   ? (all && !strcmp(all, "true") ? ": every complaint counted" : ": the complaints in breach")
		   : "");
	buf_printf(&back, "/reports/%s?year=%ld", report, year);
	n = json_array_size(refs);
	list = json_array();
	json_array_foreach(refs, i, x)
		if (i < MAX_LISTED)
			json_array_append(list, x);
	json_decref(refs);
	status = page_show(q, r, 200, "The complaints behind a figure", "report_cases",
			   json_pack("{s:s, s:s, s:I, s:o, s:b, s:b, s:i}", "what", buf_str(&what),
				     "back", buf_str(&back), "count", (json_int_t)n, "refs", list,
				     "link", (http_role_bit(q->role) & ROLE_STAFF) != 0,
				     "more", n > MAX_LISTED, "max", MAX_LISTED));
	buf_free(&what);
	buf_free(&back);
	return status;
}
