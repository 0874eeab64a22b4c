/*
 * api_transfer.c - importing complaints from CSV and exporting complaints
 * and events.
 */
#include "http/api.h"

#include <strings.h>
#include <string.h>

#include "store/transfer.h"
#include "util/json.h"

int api_import(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "dry_run", NULL };
	const char *ct = http_header(q, "Content-Type"), *dry = http_query(q, "dry_run");
	struct rd_err e;
	json_t *report = NULL;
	int status;

	if ((status = api_only_query(q, allowed)))
		return status;
	if (dry && strcmp(dry, "true") && strcmp(dry, "false"))
		return http_problem(q, 400, "dry_run", "dry_run must be true or false");
	if (!ct || strncasecmp(ct, "text/csv", 8))
		return http_problem(q, 415, "", "send the complaints as text/csv");
	err_clear(&e);
	if (xfer_import_complaints(r, q->body.s ? q->body.s : "", q->body.len,
				   dry && !strcmp(dry, "true"), &report, &e)) {
		status = http_fail(q, &e);
		/* The problem carries the whole report: every bad row. */
		if (report && json_is_object(q->out))
			json_object_update_missing(q->out, report);
		json_decref(report);
		return status;
	}
	q->out = report;
	return 200;
}

int api_export(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "format", NULL };
	const char *format = http_query(q, "format");
	struct buf out = BUF_INIT;
	struct rd_err e;
	int status, events = !strcmp(q->route->name, "export.events");

	if ((status = api_only_query(q, allowed)))
		return status;
	if (!format)
		format = "csv";
	if (strcmp(format, "csv") && strcmp(format, "json"))
		return http_problem(q, 400, "format", "format is csv or json");
	err_clear(&e);
	if (events ? xfer_export_events(r, format, &out, &e)
		   : xfer_export_complaints(r, format, &out, &e)) {
		buf_free(&out);
		return http_fail(q, &e);
	}
	q->text = buf_detach(&out);
	q->ctype = !strcmp(format, "csv") ? "text/csv; charset=utf-8" : "application/json";
	return 200;
}
