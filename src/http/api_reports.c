/*
 * api_reports.c - /api/v1/reports/tsm (?format=json, csv or pdf).
 */
#include "http/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/html.h"
#include "reports/tsm.h"
#include "util/json.h"

int api_report_tsm(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "year", "format", "cases", "tenure", NULL };
	const char *format = http_query(q, "format"), *cases = http_query(q, "cases");
	struct rd_err e;
	long year;
	int status;

	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "year", CAL_FIRST_YEAR, CAL_LAST_YEAR - 1,
				    tsm_year_of(r->today), &year)))
		return status;
	if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "pdf"))
		return http_problem(q, 400, "format", "format is json, csv or pdf");
	err_clear(&e);
	if (cases) {
		if (tsm_cases(r, (int)year, http_query(q, "tenure"), cases, &q->out, &e))
			return e.kind == RD_EINVAL ? http_problem(q, 400, e.field, "%s", e.msg)
						   : http_fail(q, &e);
		return 200;
	}
	if (tsm_report(r, (int)year, &q->out, &e))
		return http_fail(q, &e);
	if (format && !strcmp(format, "pdf")) {
		char title[64];

		snprintf(title, sizeof(title), "Tenant Satisfaction Measures %s", js_str0(q->out, "year"));
		return api_report_pdf(q, title, js_str0(q->out, "organisation"), tsm_text(q->out),
				      rhtml_tsm);
	}
	if (format && !strcmp(format, "csv")) {
		q->text = tsm_csv(q->out);
		json_decref(q->out);
		q->out = NULL;
		q->ctype = "text/csv; charset=utf-8";
	}
	return 200;
}
