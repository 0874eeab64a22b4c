/*
 * api_privacy.c - a person's data protection requests:
 *
 *   GET  /api/v1/people/{id}/export    subject access (UK GDPR art. 15):
 *        everything held about the person, as JSON, or as PDF with
 *        ?format=pdf or "Accept: application/pdf"; recorded on the person
 *        as a read of special category data (?purpose=..., default
 *        "Subject access request").
 *   POST /api/v1/people/{id}/erasure   an erasure request (art. 17):
 *        {"reason": grounds}; the decision, with what was erased and what
 *        is kept and why, is recorded and returned.
 *
 * See store/privacy.h.
 */
#include <string.h>

#include "http/api.h"
#include "store/privacy.h"
#include "util/json.h"

static int valid_id(const char *id)
{
	size_t n = strlen(id);

	return n > 0 && n < 40 && strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static int wants_pdf(struct req *q, int *status)
{
	const char *f = http_query(q, "format"), *accept = http_header(q, "Accept");

	*status = 0;
	if (f) {
		if (!strcmp(f, "pdf"))
			return 1;
		if (strcmp(f, "json"))
			*status = http_problem(q, 400, "format",
					       "the format \"%s\" is not one of: json, pdf", f);
		return 0;
	}
	return accept && strstr(accept, "application/pdf") && !strstr(accept, "application/json");
}

int api_person_export(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "format", "purpose", NULL };
	const char *id = q->params[0];
	struct buf pdf = BUF_INIT;
	struct rd_err e;
	json_t *out;
	int status, as_pdf;

	if ((status = api_only_query(q, allowed)))
		return status;
	as_pdf = wants_pdf(q, &status);
	if (status)
		return status;
	if (!valid_id(id))
		return http_problem(q, 404, "id", "no person %.40s", id);
	err_clear(&e);
	if (priv_subject_access(r, id, http_query(q, "purpose"), &out, &e))
		return http_fail(q, &e);
	if (!as_pdf) {
		q->out = out;
		return 200;
	}
	status = priv_subject_access_pdf(out, &pdf, &e);
	json_decref(out);
	if (status) {
		buf_free(&pdf);
		return http_fail(q, &e);
	}
	q->text_len = pdf.len;
	q->text = buf_detach(&pdf);
	q->ctype = "application/pdf";
	return 200;
}

int api_person_erasure(struct req *q, struct rec *r)
{
	static const char *const keys[] = { "reason", NULL };
	const char *id = q->params[0], *reason = NULL;
	struct rd_err e;
	json_t *in, *d;
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	if (js_only_keys(in, keys, "the erasure request", &e) ||
	    js_need_str(in, "reason", 1, NULL, &reason, &e)) {
		json_decref(in);
		return http_fail(q, &e);
	}
	if (!valid_id(id)) {
		json_decref(in);
		return http_problem(q, 404, "id", "no person %.40s", id);
	}
	status = priv_erase(r, id, reason, &d, &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	q->out = d;
	return 200;
}
