/*
 * api_util.c - query parameters and listings shared by the handlers.
 */
#include "http/api.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "reports/print.h"
#include "util/json.h"

struct unknown {
	const char *const *allowed;
	const char *bad;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind,
				 const char *key, const char *value)
{
	struct unknown *u = cls;

	(void)kind;
	(void)value;
	for (int i = 0; u->allowed[i]; i++)
		if (!strcmp(u->allowed[i], key))
			return MHD_YES;
	u->bad = key;
	return MHD_NO;
}

int api_only_query(struct req *q, const char *const *allowed)
{
	struct unknown u = { allowed, NULL };

	MHD_get_connection_values(q->conn, MHD_GET_ARGUMENT_KIND, check_arg, &u);
	if (u.bad)
		return http_problem(q, 400, u.bad, "unknown query parameter \"%s\"", u.bad);
	return 0;
}

int api_query_date(struct req *q, const char *name, date_t *out)
{
	const char *v = http_query(q, name);

	*out = DATE_NONE;
	if (v && date_parse(v, out))
		return http_problem(q, 400, name, "%s must be a real date written YYYY-MM-DD", name);
	return 0;
}

int api_query_int(struct req *q, const char *name, long min, long max,
		  long dflt, long *out)
{
	const char *v = http_query(q, name);
	char *end;

	*out = dflt;
	if (!v)
		return 0;
	errno = 0;
	*out = strtol(v, &end, 10);
	if (errno || !*v || *end || *out < min || *out > max)
		return http_problem(q, 400, name, "%s must be a whole number from %ld to %ld",
				    name, min, max);
	return 0;
}

int api_report_pdf(struct req *q, const char *title, const char *organisation, char *text,
		   void (*html)(struct buf *, const json_t *, const char *))
{
	struct buf out = BUF_INIT, charts = BUF_INIT;
	struct rd_err e;

	err_clear(&e);
	if (html)
		html(&charts, q->out, NULL);
	if (print_pdf(title, organisation, text, charts.len ? buf_str(&charts) : NULL, &out, &e)) {
		free(text);
		buf_free(&charts);
		buf_free(&out);
		json_decref(q->out);
		q->out = NULL;
		return http_fail(q, &e);
	}
	free(text);
	buf_free(&charts);
	json_decref(q->out);
	q->out = NULL;
	q->text_len = out.len;
	q->text = buf_detach(&out);
	q->ctype = "application/pdf";
	return 200;
}
