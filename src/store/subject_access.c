/*
 * subject_access.c - everything held about a person, as JSON and as PDF
 * (see privacy.h).
 */
#include "store/privacy.h"

#include <stdlib.h>
#include <string.h>

#include "render/pdf.h"
#include "render/template.h"
#include "util/json.h"

struct sar {
	const char *id;
	json_t *records;	/* stream -> {"state", "events"} */
	struct rec *r;
};

static int add_event(const struct store_event *ev, void *ctx)
{
	json_t *p = json_loads(ev->payload, 0, NULL);

	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:o?}", "seq", (json_int_t)ev->seq,
					     "type", ev->type, "effective_on", ev->effective_on,
					     "recorded_at", ev->recorded_at, "payload", p));
	return 0;
}

static void take(struct sar *s, const char *stream, json_t *st)
{
	json_t *events = json_array();

	s->r->st->ops->events(s->r->st, stream, add_event, events, NULL);
	json_object_set_new(s->records, stream, json_pack("{s:O, s:o}", "state", st, "events", events));
}

/* Records of a kind whose person is the subject: by person_id or as the
 * complainant. */
static int mine(const char *stream, const char *state, void *ctx)
{
	struct sar *s = ctx;
	json_t *st = json_loads(state, 0, NULL);
	const char *pid = js_str(st, "person_id");

	if (!pid)
		pid = js_str(json_object_get(st, "complainant"), "person_id");
	if (pid && !strcmp(pid, s->id))
		take(s, stream, st);
	json_decref(st);
	return 0;
}

int priv_subject_access(struct rec *r, const char *id, const char *purpose,
			json_t **out, struct rd_err *e)
{
	struct sar s = { id, NULL, r };
	json_t *person;
	char stream[64], today[DATE_STRLEN];
	static const char *const kinds[] = { "complaint", "service_request", "feedback", NULL };

	*out = NULL;
	if (strlen(id) > 32)
		return err_set(e, RD_ENOTFOUND, "person", NULL, "no person %.32s...", id);
	if (rec_person_sensitive(r, id, purpose ? purpose : "Subject access request", &person, e))
		return -1;
	s.records = json_object();
	snprintf(stream, sizeof(stream), "person:%s", id);
	take(&s, stream, person);
	json_decref(person);
	for (int i = 0; kinds[i]; i++)
		r->st->ops->states(r->st, kinds[i], mine, &s, NULL);
	*out = json_pack("{s:s, s:s, s:s, s:o}", "person", id, "organisation",
			 js_str0(r->policy, "organisation"), "exported_on",
			 date_format(r->today, today), "records", s.records);
	return 0;
}

/* ---- as PDF -------------------------------------------------------------- */

struct blocks {
	struct pdf_block *b;
	char **text;
	size_t n, cap;
};

static void add(struct blocks *bl, enum pdf_block_kind kind, struct buf *markup)
{
	if (bl->n == bl->cap) {
		bl->cap = bl->cap ? bl->cap * 2 : 64;
		bl->b = xrealloc(bl->b, bl->cap * sizeof(*bl->b));
		bl->text = xrealloc(bl->text, bl->cap * sizeof(*bl->text));
	}
	bl->text[bl->n] = buf_detach(markup);
	bl->b[bl->n].kind = kind;
	bl->b[bl->n].markup = bl->text[bl->n];
	bl->n++;
}

static void add_text(struct blocks *bl, enum pdf_block_kind kind, const char *s)
{
	struct buf b = { 0 };

	tpl_escape_html(&b, s);
	add(bl, kind, &b);
}

/* "path: value" lines for every value in "j", escaped for Pango. */
static void flatten(struct buf *out, const json_t *j, const char *path)
{
	const char *k;
	json_t *v;
	size_t i;
	char sub[256];

	if (json_is_object(j)) {
		json_object_foreach((json_t *)j, k, v) {
			snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", k);
			flatten(out, v, sub);
		}
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i + 1);
			flatten(out, v, sub);
		}
	} else {
		char *text = json_is_string(j) ? xstrdup(json_string_value(j))
					       : json_dumps(j, JSON_ENCODE_ANY);

		if (out->len)
			buf_puts(out, "\n");
		tpl_escape_html(out, path);
		buf_puts(out, ": ");
		tpl_escape_html(out, text ? text : "");
		free(text);
	}
}

int priv_subject_access_pdf(const json_t *sar, struct buf *out, struct rd_err *e)
{
	struct blocks bl = { 0 };
	struct buf b = { 0 };
	struct pdf_doc doc = { 0 };
	const char *stream, *id = js_str0(sar, "person");
	json_t *rec, *ev;
	size_t i;
	int rc;

	buf_printf(&b, "Subject access request: %s", id);
	doc.title = buf_str(&b);
	doc.organisation = js_str0(sar, "organisation");
	doc.letterhead = "Everything we hold about you";
	doc.reference = id;
	add_text(&bl, PDF_HEADING, doc.title);
	{
		struct buf p = { 0 };

		buf_printf(&p, "This is a copy of every record %s holds about person %s, made on %s "
			   "in answer to a subject access request (UK GDPR article 15): "
			   "your record, including what you told us about your health or "
			   "circumstances, and each complaint, service request and piece of feedback "
			   "that is yours, with everything that happened on it. "
			   "%zu record(s) follow.",
			   doc.organisation, id, js_str0(sar, "exported_on"),
			   json_object_size(json_object_get(sar, "records")));
		add_text(&bl, PDF_PARA, buf_str(&p));
		buf_free(&p);
	}
	json_object_foreach(json_object_get(sar, "records"), stream, rec) {
		struct buf m = { 0 };

		add_text(&bl, PDF_HEADING, stream);
		add_text(&bl, PDF_PARA, "The record as it stands:");
		flatten(&m, json_object_get(rec, "state"), "");
		add(&bl, PDF_LINES, &m);
		add_text(&bl, PDF_PARA, "What happened, in order:");
		json_array_foreach(json_object_get(rec, "events"), i, ev) {
			struct buf h = { 0 }, p = { 0 };

			buf_printf(&h, "%s  %s", js_str0(ev, "effective_on"), js_str0(ev, "type"));
			add_text(&bl, PDF_ITEM, buf_str(&h));
			buf_free(&h);
			flatten(&p, json_object_get(ev, "payload"), "");
			if (p.len)
				add(&bl, PDF_LINES, &p);
			else
				buf_free(&p);
		}
	}
	rc = pdf_render(&doc, bl.b, bl.n, out, e);
	for (i = 0; i < bl.n; i++)
		free(bl.text[i]);
	free(bl.text);
	free(bl.b);
	buf_free(&b);
	return rc;
}
