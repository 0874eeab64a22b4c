/*
 * api_oversight.c - what the governing body reads and records: GET
 * /api/v1/reports/board (the board and MRC pack, Code 9.6, 9.7); GET
 * /api/v1/self-assessments (the self-assessment against the Code, 8.1a)
 * and the commentary, approval and publication of a year's; GET
 * /api/v1/reports/annual (the annual report, 8.1) and the governing body's
 * response to it (8.2).
 */
#include "http/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/annual.h"
#include "reports/board.h"
#include "reports/html.h"
#include "reports/selfassess.h"
#include "reports/tsm.h"
#include "util/json.h"

/* A refused report: a bad query parameter is 400 naming it. */
static int refused(struct req *q, const struct rd_err *e)
{
	if (e->kind == RD_EINVAL)
		return http_problem(q, 400, e->field, "%s", e->msg);
	return http_fail(q, e);
}

/* "format" is json (the default), csv or pdf: 0, or the 400 status;
 * *csv is 1 for csv, 2 for pdf. */
static int format_of(struct req *q, int *csv)
{
	const char *f = http_query(q, "format");

	*csv = f && !strcmp(f, "csv") ? 1 : f && !strcmp(f, "pdf") ? 2 : 0;
	if (f && strcmp(f, "json") && strcmp(f, "csv") && strcmp(f, "pdf"))
		return http_problem(q, 400, "format", "format is json, csv or pdf");
	return 0;
}

/* The PDF of the report in q->out, titled "what" and its period, with
 * the charts of its HTML from "html". */
static int as_pdf(struct req *q, const char *what, const char *period, char *text,
		  void (*html)(struct buf *, const json_t *, const char *))
{
	char title[160];

	snprintf(title, sizeof(title), "%s %s", what, js_str0(q->out, period));
	return api_report_pdf(q, title, js_str0(q->out, "organisation"), text, html);
}

static void as_csv(struct req *q, char *text)
{
	json_decref(q->out);
	q->out = NULL;
	q->text = text;
	q->ctype = "text/csv; charset=utf-8";
}

int api_report_board(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "year", "from", "to", "format", "cases", NULL };
	const char *from = http_query(q, "from"), *to = http_query(q, "to");
	const char *cases = http_query(q, "cases");
	struct board_period p;
	struct rd_err e;
	long year;
	int status, csv;

	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "year", CAL_FIRST_YEAR, CAL_LAST_YEAR - 1,
				    from || to ? 0 : tsm_year_of(r->today), &year)) ||
	    (status = format_of(q, &csv)))
		return status;
	err_clear(&e);
	if (board_period((int)year, from, to, &p, &e))
		return refused(q, &e);
	if (cases)
		return board_cases(r, &p, cases, &q->out, &e) ? refused(q, &e) : 200;
	if (board_report(r, &p, &q->out, &e))
		return http_fail(q, &e);
	if (csv == 2)
		return as_pdf(q, "Board and Member Responsible for Complaints pack", "period",
			      board_text(q->out), rhtml_board);
	if (csv)
		as_csv(q, board_csv(q->out));
	return 200;
}

int api_self_assessment(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "year", "format", "cases", "all", NULL };
	const char *cases = http_query(q, "cases"), *all = http_query(q, "all");
	struct rd_err e;
	long year;
	int status, csv;

	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "year", CAL_FIRST_YEAR, CAL_LAST_YEAR - 1,
				    tsm_year_of(r->today), &year)) ||
	    (status = format_of(q, &csv)))
		return status;
	if (all && strcmp(all, "true") && strcmp(all, "false"))
		return http_problem(q, 400, "all", "all is true or false");
	err_clear(&e);
	if (cases)
		return sa_cases(r, (int)year, cases, all && !strcmp(all, "true"), &q->out, &e)
		       ? refused(q, &e) : 200;
	if (sa_report(r, (int)year, &q->out, &e))
		return refused(q, &e);
	if (csv == 2)
		return as_pdf(q, "Self-assessment against the Complaint Handling Code", "year",
			      sa_text(q->out), rhtml_self_assessment);
	if (csv)
		as_csv(q, sa_csv(q->out));
	return 200;
}

/* POST /api/v1/self-assessments/{year}/commentary, /approval and
 * /publication. */
int api_self_assessment_act(struct req *q, struct rec *r)
{
	static const struct { const char *route, *action; } acts[] = {
		{ "self_assessments.commentary", "comment" },
		{ "self_assessments.approval", "approve" },
		{ "self_assessments.publication", "publish" },
		{ "reports.annual.response", "respond" },
	};
	const char *action = NULL, *y = q->params[0];
	struct rd_err e;
	json_t *in, *st;
	char *end;
	long year;
	int status;

	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (!strcmp(acts[i].route, q->route->name))
			action = acts[i].action;
	if (!action)
		return http_problem(q, 500, "", "no action for %s", q->route->name);
	year = strtol(y, &end, 10);
	if (*end || end == y || year < CAL_FIRST_YEAR || year >= CAL_LAST_YEAR)
		return http_problem(q, 404, "year", "no self-assessment for \"%s\": the year is a "
				    "reporting year from %d to %d", y, CAL_FIRST_YEAR, CAL_LAST_YEAR - 1);
	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	if (rec_self_assessment(r, (int)year, action, in, &st, &e)) {
		json_decref(in);
		return http_fail(q, &e);
	}
	json_decref(in);
	q->out = st;
	return 200;
}

int api_report_annual(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "year", "format", NULL };
	const char *f = http_query(q, "format");
	struct rd_err e;
	long year;
	int status;

	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "year", CAL_FIRST_YEAR, CAL_LAST_YEAR - 1,
				    tsm_year_of(r->today), &year)))
		return status;
	if (f && strcmp(f, "json") && strcmp(f, "text") && strcmp(f, "csv") && strcmp(f, "pdf"))
		return http_problem(q, 400, "format", "format is json, text, csv or pdf");
	err_clear(&e);
	if (annual_report(r, (int)year, &q->out, &e))
		return refused(q, &e);
	if (f && !strcmp(f, "pdf"))
		return as_pdf(q, "Annual complaints performance and service improvement report", "year",
			      annual_text(q->out), rhtml_annual);
	if (f && !strcmp(f, "csv")) {
		as_csv(q, annual_csv(q->out));
		return 200;
	}
	if (f && !strcmp(f, "text")) {
		q->text = annual_text(q->out);
		json_decref(q->out);
		q->out = NULL;
		q->ctype = "text/plain; charset=utf-8";
	}
	return 200;
}
