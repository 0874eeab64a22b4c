/*
 * format.c - a letter as plain text, as an HTML email body and as a PDF.
 *
 * The template is rendered once per format (escaped for HTML and Pango,
 * not for plain text) and split into blocks; the frame around it (the
 * letterhead, the recipient, the date and reference, the greeting, the
 * notes about language and staff matters, the sign-off) is the same in
 * every format.
 */
#include "letters/parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdf.h"
#include "util/json.h"

#define TEXT_WIDTH 72

static const char staff_note[] =
	"We cannot tell you about any action we take about a member of staff. "
	"That is a private matter between them and us as their employer.";

/* ---- blocks ---- */

void letter_blocks_add(struct letter_blocks *bl, enum letter_block_kind k,
		       const char *text)
{
	if (bl->n == bl->cap) {
		bl->cap = bl->cap ? bl->cap * 2 : 32;
		bl->b = xrealloc(bl->b, bl->cap * sizeof(*bl->b));
	}
	bl->b[bl->n].kind = k;
	bl->b[bl->n].text = xstrdup(text);
	bl->n++;
}

void letter_blocks_free(struct letter_blocks *bl)
{
	for (size_t i = 0; i < bl->n; i++)
		free(bl->b[i].text);
	free(bl->b);
	memset(bl, 0, sizeof(*bl));
}

void letter_split(const char *text, struct letter_blocks *out)
{
	struct buf para = BUF_INIT;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xmalloc(len + 1), *s = line, *end;

		memcpy(line, p, len);
		line[len] = '\0';
		end = line + len;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
			*--end = '\0';
		if (!*s || !strncmp(s, "# ", 2) || !strncmp(s, "- ", 2)) {
			if (para.len)
				letter_blocks_add(out, LB_PARA, buf_str(&para));
			buf_reset(&para);
		}
		if (!strncmp(s, "# ", 2))
			letter_blocks_add(out, LB_HEADING, s + 2);
		else if (!strncmp(s, "- ", 2))
			letter_blocks_add(out, LB_ITEM, s + 2);
		else if (*s) {
			if (para.len)
				buf_puts(&para, " ");
			buf_puts(&para, s);
		}
		free(line);
		p = nl ? nl + 1 : p + len;
	}
	if (para.len)
		letter_blocks_add(out, LB_PARA, buf_str(&para));
	buf_free(&para);
}

/* ---- easy read ---- */

/* Where the sentence starting at "p" ends: after ". ", "! " or "? " (or
 * "; ", which joins two ideas) when what follows starts a new sentence,
 * not after "e.g. x" or "£150.00"; NULL when it runs to the end. */
static const char *sentence_end(const char *p)
{
	for (; *p; p++) {
		const char *q = p + 1;

		if (!strchr(".!?;", *p) || *q != ' ')
			continue;
		while (*q == ' ')
			q++;
		if (*q && !(*q >= 'a' && *q <= 'z'))
			return p + 1;
	}
	return NULL;
}

/* Each paragraph and list item split into its sentences, one a block:
 * one idea on each line (Easy Read).  A "; " ends an idea too. */
static void easy_read(struct letter_blocks *bl)
{
	struct letter_blocks out = { NULL, 0, 0 };

	for (size_t i = 0; i < bl->n; i++) {
		const struct letter_block *b = &bl->b[i];
		const char *p = b->text, *end;

		if (b->kind != LB_PARA && b->kind != LB_ITEM) {
			letter_blocks_add(&out, b->kind, b->text);
			continue;
		}
		while (*p) {
			size_t n;
			char *one;

			end = sentence_end(p);
			n = end ? (size_t)(end - p) : strlen(p);
			one = xmalloc(n + 1);
			memcpy(one, p, n);
			one[n] = '\0';
			if (n && one[n - 1] == ';')
				one[n - 1] = '.';
			letter_blocks_add(&out, b->kind, one);
			free(one);
			p += n;
			while (*p == ' ')
				p++;
		}
	}
	letter_blocks_free(bl);
	*bl = out;
}

/* ---- the frame ---- */

static void put(struct buf *b, const char *s, int esc)
{
	if (esc)
		tpl_escape_html(b, s);
	else
		buf_puts(b, s);
}

/* The whole letter as blocks, with text escaped when "esc". */
static int blocks(const struct letter *l, int esc, struct letter_blocks *bl,
		  struct rd_err *e)
{
	const json_t *d = l->data;
	struct buf b = BUF_INIT, body = BUF_INIT;
	tpl *t = tpl_parse(l->template_text, e);
	char *addr, *tok, *save = NULL;

	if (!t)
		return -1;
	/* The recipient and their address, a line for each part. */
	put(&b, js_str0(d, "recipient_name"), esc);
	addr = xstrdup(js_str0(d, "recipient_address"));
	for (tok = strtok_r(addr, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		tok += strspn(tok, " ");
		if (*tok) {
			buf_puts(&b, "\n");
			put(&b, tok, esc);
		}
	}
	free(addr);
	letter_blocks_add(bl, LB_LINES, buf_str(&b));
	buf_reset(&b);
	buf_puts(&b, "Date: ");
	put(&b, js_str0(d, "date"), esc);
	buf_puts(&b, "\nOur reference: ");
	put(&b, js_str0(d, "reference"), esc);
	letter_blocks_add(bl, LB_LINES, buf_str(&b));
	if (l->language[0]) {
		buf_reset(&b);
		buf_puts(&b, "You told us you prefer ");
		put(&b, l->language, esc);
		buf_puts(&b, ". Please tell us if you would like this letter in ");
		put(&b, l->language, esc);
		buf_puts(&b, ".");
		letter_blocks_add(bl, LB_PARA, buf_str(&b));
	}
	buf_reset(&b);
	buf_puts(&b, "Dear ");
	put(&b, js_str0(d, "recipient_name"), esc);
	buf_puts(&b, ",");
	letter_blocks_add(bl, LB_PARA, buf_str(&b));
	tpl_render(t, d, esc ? TPL_HTML : TPL_NONE, &body);
	letter_split(buf_str(&body), bl);
	if (js_true(d, "staff_conduct"))
		letter_blocks_add(bl, LB_PARA, staff_note);
	buf_reset(&b);
	buf_puts(&b, "Yours sincerely,\n\nComplaints team\n");
	put(&b, js_str0(d, "organisation"), esc);
	letter_blocks_add(bl, LB_LINES, buf_str(&b));
	if (l->easy_read)
		easy_read(bl);
	buf_free(&b);
	buf_free(&body);
	tpl_free(t);
	return 0;
}

char *letter_body_text(const struct letter *l)
{
	struct letter_blocks bl = { NULL, 0, 0 };
	struct buf b = BUF_INIT;

	if (blocks(l, 0, &bl, NULL))
		return xstrdup("");
	/* Not the address, date, greeting or sign-off: the prose. */
	for (size_t i = 0; i < bl.n; i++) {
		if (bl.b[i].kind == LB_LINES || !strncmp(bl.b[i].text, "Dear ", 5))
			continue;
		buf_puts(&b, bl.b[i].text);
		buf_puts(&b, "\n");
	}
	letter_blocks_free(&bl);
	buf_puts(&b, "");
	return buf_detach(&b);
}

/* The landlord's address, phone, email and website, one a line. */
static void letterhead_lines(const json_t *d, struct buf *b, const char *sep)
{
	static const char *const keys[][2] = {
		{ "landlord_address", "" }, { "landlord_phone", "Phone: " },
		{ "landlord_email", "Email: " }, { "landlord_website", "" },
	};
	int any = 0;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = js_str(d, keys[i][0]);

		if (!v || !*v)
			continue;
		if (any)
			buf_puts(b, sep);
		buf_puts(b, keys[i][1]);
		buf_puts(b, v);
		any = 1;
	}
}

/* ---- plain text ---- */

static size_t cols(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static void wrap(struct buf *out, const char *text, const char *first,
		 const char *rest)
{
	const char *p = text, *prefix = first;
	size_t used = 0;

	buf_puts(out, prefix);
	used = cols(prefix, strlen(prefix));
	while (*p) {
		size_t n = strcspn(p, " ");

		if (used > cols(prefix, strlen(prefix)) &&
		    used + 1 + cols(p, n) > TEXT_WIDTH) {
			buf_puts(out, "\n");
			prefix = rest;
			buf_puts(out, prefix);
			used = cols(prefix, strlen(prefix));
		} else if (used > cols(prefix, strlen(prefix))) {
			buf_puts(out, " ");
			used++;
		}
		buf_add(out, p, n);
		used += cols(p, n);
		p += n;
		while (*p == ' ')
			p++;
	}
	buf_puts(out, "\n");
}

static void text(const struct letter *l, const struct letter_blocks *bl,
		 struct buf *out)
{
	const char *org = js_str0(l->data, "organisation");
	size_t n = cols(org, strlen(org));

	buf_printf(out, "%s\n", org);
	letterhead_lines(l->data, out, "\n");
	buf_puts(out, "\n");
	for (size_t i = 0; i < (n > 20 ? n : 20); i++)
		buf_puts(out, "=");
	buf_puts(out, "\n");
	for (size_t i = 0; i < bl->n; i++) {
		const struct letter_block *b = &bl->b[i];

		if (!(b->kind == LB_ITEM && i && bl->b[i - 1].kind == LB_ITEM))
			buf_puts(out, "\n");
		switch (b->kind) {
		case LB_HEADING:
			buf_printf(out, "%s\n", b->text);
			for (size_t k = cols(b->text, strlen(b->text)); k > 0; k--)
				buf_puts(out, "-");
			buf_puts(out, "\n");
			break;
		case LB_ITEM:
			wrap(out, b->text, "  - ", "    ");
			break;
		case LB_LINES:
			buf_printf(out, "%s\n", b->text);
			break;
		case LB_PARA:
			wrap(out, b->text, "", "");
			break;
		}
	}
}

/* ---- HTML ---- */

static void html_lines(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			buf_puts(out, "<br>\n");
		else
			buf_add(out, s, 1);
	}
}

static void html(const struct letter *l, const struct letter_blocks *bl,
		 struct buf *out)
{
	struct buf lh = BUF_INIT;

	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		      "<meta charset=\"utf-8\">\n<title>");
	tpl_escape_html(out, l->title);
	buf_printf(out, "</title>\n</head>\n<body style=\"margin:0;padding:24px;"
		   "font-family:Arial,Helvetica,sans-serif;font-size:%s;line-height:1.5;"
		   "color:#0b0c0c;background:#ffffff\">\n<div style=\"max-width:40em\">\n",
		   l->large_print || l->easy_read ? "16pt" : "12pt");
	buf_puts(out, "<p style=\"font-size:1.5em;font-weight:bold;margin:0\">");
	tpl_escape_html(out, js_str0(l->data, "organisation"));
	buf_puts(out, "</p>\n");
	letterhead_lines(l->data, &lh, "\n");
	if (lh.len) {
		struct buf esc = BUF_INIT;

		tpl_escape_html(&esc, buf_str(&lh));
		buf_puts(out, "<p style=\"margin:0\">");
		html_lines(out, buf_str(&esc));
		buf_puts(out, "</p>\n");
		buf_free(&esc);
	}
	buf_free(&lh);
	buf_puts(out, "<hr>\n");
	for (size_t i = 0; i < bl->n; i++) {
		const struct letter_block *b = &bl->b[i];
		int prev_item = i && bl->b[i - 1].kind == LB_ITEM;
		int next_item = i + 1 < bl->n && bl->b[i + 1].kind == LB_ITEM;

		switch (b->kind) {
		case LB_HEADING:
			buf_printf(out, "<h2 style=\"font-size:1.2em;margin:1.2em 0 0.3em\">%s</h2>\n",
				   b->text);
			break;
		case LB_ITEM:
			if (!prev_item)
				buf_puts(out, "<ul>\n");
			buf_printf(out, "<li>%s</li>\n", b->text);
			if (!next_item)
				buf_puts(out, "</ul>\n");
			break;
		case LB_LINES:
			buf_puts(out, "<p>");
			html_lines(out, b->text);
			buf_puts(out, "</p>\n");
			break;
		case LB_PARA:
			buf_printf(out, "<p>%s</p>\n", b->text);
			break;
		}
	}
	buf_puts(out, "</div>\n</body>\n</html>\n");
}

/* ---- PDF ---- */

static int pdf(const struct letter *l, const struct letter_blocks *bl,
	       struct buf *out, struct rd_err *e)
{
	struct pdf_block *pb = xcalloc(bl->n ? bl->n : 1, sizeof(*pb));
	struct buf lh = BUF_INIT;
	struct pdf_doc doc;
	char title[300];
	int rc;

	for (size_t i = 0; i < bl->n; i++) {
		static const enum pdf_block_kind map[] = {
			[LB_HEADING] = PDF_HEADING, [LB_PARA] = PDF_PARA,
			[LB_ITEM] = PDF_ITEM, [LB_LINES] = PDF_LINES,
		};

		pb[i].kind = map[bl->b[i].kind];
		pb[i].markup = bl->b[i].text;
	}
	letterhead_lines(l->data, &lh, "\n");
	snprintf(title, sizeof(title), "%s (%s)", l->title, js_str0(l->data, "reference"));
	memset(&doc, 0, sizeof(doc));
	doc.title = title;
	doc.organisation = js_str0(l->data, "organisation");
	doc.letterhead = buf_str(&lh);
	doc.reference = js_str0(l->data, "reference");
	doc.font_pt = l->large_print || l->easy_read ? 16 : 11;
	rc = pdf_render(&doc, pb, bl->n, out, e);
	buf_free(&lh);
	free(pb);
	return rc;
}

int letter_render(const struct letter *l, enum letter_format f,
		  struct buf *out, struct rd_err *e)
{
	struct letter_blocks bl = { NULL, 0, 0 };
	int rc = 0;

	if (l->plain_text_only && f != LETTER_TEXT)
		return err_set(e, RD_ERULE, "format", "5.10",
			       "%s asked for letters in plain text only (a reasonable adjustment, Code 5.10): use the text format",
			       js_str0(l->data, "recipient_name"));
	if (blocks(l, f != LETTER_TEXT, &bl, e))
		return -1;
	if (f == LETTER_TEXT)
		text(l, &bl, out);
	else if (f == LETTER_HTML)
		html(l, &bl, out);
	else
		rc = pdf(l, &bl, out, e);
	letter_blocks_free(&bl);
	return rc;
}
