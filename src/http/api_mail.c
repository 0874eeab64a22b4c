/*
 * api_mail.c - the complaints mailbox's triage list.
 *
 *   GET  /api/v1/mail/triage[?status=open|assigned|dismissed|all]
 *   GET  /api/v1/mail/triage/{id}
 *   POST /api/v1/mail/triage/{id}/assign    {"complaint"}
 *   POST /api/v1/mail/triage/{id}/dismiss   {"reason"}
 *
 * The mail itself arrives through the Maildir the server watches
 * (redress serve --maildir DIR).
 */
#include <stdio.h>
#include <string.h>

#include "http/api.h"
#include "mail/mail.h"
#include "util/json.h"

static int valid_id(const char *s)
{
	return s && strlen(s) == 8 && !strncmp(s, "M-", 2) &&
	       strspn(s + 2, "0123456789") == 6;
}

int api_mail_triage_list(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "status", NULL };
	const char *status = http_query(q, "status");
	struct rd_err e;
	json_t *out;
	int rc;

	if ((rc = api_only_query(q, allowed)))
		return rc;
	if (!status)
		status = "open";
	err_clear(&e);
	if (mail_triage_list(r, strcmp(status, "all") ? status : NULL, &out, &e)) {
		if (e.kind == RD_EINVAL)
			return http_problem(q, 400, "status", "%s", e.msg);
		return http_fail(q, &e);
	}
	q->out = out;
	return 200;
}

int api_mail_triage_get(struct req *q, struct rec *r)
{
	char stream[64];
	int rc;

	if ((rc = api_only_query(q, (const char *const[]){ NULL })))
		return rc;
	if (!valid_id(q->params[0]))
		return http_problem(q, 404, "id", "no mail %s to triage", q->params[0]);
	snprintf(stream, sizeof(stream), "mail:%s", q->params[0]);
	if (rec_load(r, stream, &q->out, NULL))
		return http_problem(q, 404, "id", "no mail %s to triage", q->params[0]);
	return 200;
}

int api_mail_triage_act(struct req *q, struct rec *r)
{
	const char *action = !strcmp(q->route->name, "mail.triage.assign") ? "assign" : "dismiss";
	struct rd_err e;
	json_t *in, *st;
	int status;

	if (!valid_id(q->params[0]))
		return http_problem(q, 404, "id", "no mail %s to triage", q->params[0]);
	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	status = rec_mail(r, q->params[0], action, in, &st, &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	q->out = st;
	return 200;
}
