/*
 * api_letters.c - GET /api/v1/complaints/{ref}/letters/{kind}
 *
 * ?stage=1|2|3 (default the complaint's current stage; 3 only for a
 * 2022-Code complaint whose landlord has a third stage) and
 * ?format=json|text|html|pdf (default json: the letter's text and HTML
 * with its readability).  The letter is made as the command line makes
 * it, and refused the same way (409 before the case reaches the point the
 * letter is about, 422 naming the element and clause the Code requires).
 */
#include <stdlib.h>
#include <string.h>

#include "http/api.h"
#include "letters/letters.h"
#include "util/json.h"

static int render(struct req *q, const struct letter *l, enum letter_format f,
		  const char *ctype)
{
	struct buf out = BUF_INIT;
	struct rd_err e;

	if (letter_render(l, f, &out, &e)) {
		buf_free(&out);
		return http_fail(q, &e);
	}
	q->text_len = out.len;
	q->text = buf_detach(&out);
	q->ctype = ctype;
	return 200;
}

int api_complaint_letter(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "stage", "format", NULL };
	const char *format = http_query(q, "format");
	enum letter_format f = LETTER_TEXT;
	enum letter_kind kind;
	struct letter l;
	struct rd_err e;
	long stage;
	int status;

	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "stage", 1, 3, 0, &stage)))
		return status;
	if (letter_kind_parse(q->params[1], &kind, &e))
		return http_problem(q, 404, "kind", "%s", e.msg);
	if (format && strcmp(format, "json") && letter_format_parse(format, &f, &e))
		return http_problem(q, 400, "format", "the format \"%s\" is not one of: json, text, html, pdf",
				    format);
	if (letter_make(r, q->params[0], kind, (int)stage, &l, &e))
		return http_fail(q, &e);
	if (format && strcmp(format, "json")) {
		status = render(q, &l, f, f == LETTER_PDF ? "application/pdf"
				: f == LETTER_HTML ? "text/html; charset=utf-8"
				: "text/plain; charset=utf-8");
	} else {
		struct buf text = BUF_INIT, html = BUF_INIT;

		if (letter_render(&l, LETTER_TEXT, &text, &e) ||
		    (!l.plain_text_only && letter_render(&l, LETTER_HTML, &html, &e))) {
			status = http_fail(q, &e);
		} else {
			q->out = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s,"
					   " s:{s:f, s:I, s:I, s:I}, s:i, s:b, s:b, s:b, s:b, s:s, s:s, s:s}",
				"reference", js_str0(l.data, "reference"),
				"kind", letter_kind_name(l.kind), "stage", l.stage,
				"template", l.template_name, "title", l.title,
				"recipient", js_str0(l.data, "recipient_name"),
				"readability", "flesch", (double)(long long)(l.readability.flesch * 10) / 10,
				"words", (json_int_t)l.readability.words,
				"sentences", (json_int_t)l.readability.sentences,
				"syllables", (json_int_t)l.readability.syllables,
				"threshold", l.threshold, "below_threshold", l.below_threshold,
				"large_print", l.large_print, "plain_text_only", l.plain_text_only,
				"easy_read", l.easy_read, "language", l.language,
				"text", buf_str(&text), "html", buf_str(&html));
			/* Absent, not null: no language note, no HTML for a
			 * reader of plain text only. */
			if (!l.language[0])
				json_object_del(q->out, "language");
			if (!html.len)
				json_object_del(q->out, "html");
			status = 200;
		}
		buf_free(&text);
		buf_free(&html);
	}
	letter_free(&l);
	return status;
}

/* ---- the print queue ----
 *
 *   GET  /api/v1/print-queue[?status=queued|printed|all]
 *   POST /api/v1/print-queue/{id}/printed
 */

int api_print_queue_list(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "status", NULL };
	const char *status = http_query(q, "status");
	struct rd_err e;
	int rc;

	if ((rc = api_only_query(q, allowed)))
		return rc;
	if (!status)
		status = "queued";
	err_clear(&e);
	if (letter_queue_list(r, strcmp(status, "all") ? status : NULL, &q->out, &e)) {
		if (e.kind == RD_EINVAL)
			return http_problem(q, 400, "status", "%s", e.msg);
		return http_fail(q, &e);
	}
	return 200;
}

int api_print_queue_printed(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in;
	int status;

	if (!q->body.len)
		in = json_object();
	else if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	status = rec_print(r, q->params[0], "printed", in, NULL, &q->out, &e);
	json_decref(in);
	return status ? http_fail(q, &e) : 200;
}

/* ---- the landlord's letter templates ----
 *
 *   GET    /api/v1/letter-templates
 *   GET    /api/v1/letter-templates/{name}
 *   PUT    /api/v1/letter-templates/{name}   {"text"}
 *   DELETE /api/v1/letter-templates/{name}   back to the built-in
 */

static int template_out(struct req *q, struct rec *r, const char *name)
{
	struct rd_err e;
	char *text;
	int ov;

	err_clear(&e);
	if (!(text = letter_template_get(r, name, &ov, &e)))
		return http_fail(q, &e);
	q->out = json_pack("{s:s, s:b, s:s}", "name", name, "overridden", ov, "text", text);
	free(text);
	return 200;
}

int api_letter_templates_list(struct req *q, struct rec *r)
{
	struct rd_err e;
	int rc, ov;

	if ((rc = api_only_query(q, (const char *const[]){ NULL })))
		return rc;
	q->out = json_array();
	for (int i = 0; letter_template_names[i]; i++) {
		char *t = letter_template_get(r, letter_template_names[i], &ov, &e);

		free(t);
		json_array_append_new(q->out, json_pack("{s:s, s:b}", "name",
			letter_template_names[i], "overridden", ov));
	}
	return 200;
}

int api_letter_template(struct req *q, struct rec *r)
{
	const char *name = q->params[0];
	struct rd_err e;
	json_t *in, *t;
	int status;

	err_clear(&e);
	if (!strcmp(q->method, "GET") || !strcmp(q->method, "HEAD")) {
		if ((status = api_only_query(q, (const char *const[]){ NULL })))
			return status;
		return template_out(q, r, name);
	}
	if (!strcmp(q->method, "DELETE")) {
		if (letter_template_set(r, name, NULL, &e))
			return http_fail(q, &e);
		return template_out(q, r, name);
	}
	if (!(in = http_json_body(q, &status)))
		return status;
	t = json_object_get(in, "text");
	if (json_object_size(in) != 1 || !json_is_string(t)) {
		const char *key = NULL;
		json_t *v;

		json_object_foreach(in, key, v)
			if (strcmp(key, "text"))
				break;
		status = key && strcmp(key, "text")
			 ? http_problem(q, 422, key, "unknown field %s: a template has only \"text\"", key)
			 : http_problem(q, 422, "text", "text is required: the template's text");
		json_decref(in);
		return status;
	}
	if (strlen(json_string_value(t)) != json_string_length(t)) {
		json_decref(in);
		return http_problem(q, 422, "text", "text contains a NUL character");
	}
	status = letter_template_set(r, name, json_string_value(t), &e);
	json_decref(in);
	if (status)
		return http_fail(q, &e);
	return template_out(q, r, name);
}
