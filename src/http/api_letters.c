/*
 * api_letters.c - GET /api/v1/complaints/{ref}/letters/{kind}
 *
 * ?stage=1|2 (default the complaint's current stage) and
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
	    (status = api_query_int(q, "stage", 1, 2, 0, &stage)))
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
					   " s:{s:f, s:I, s:I, s:I}, s:i, s:b, s:b, s:b, s:s, s:s, s:s}",
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
				"language", l.language,
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
