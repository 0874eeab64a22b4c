/*
 * print.c - a report's text laid out as a PDF, with the charts of its
 * HTML.
 *
 * The charts are the <svg> elements of the HTML, in order.  Each is placed
 * after the section of the text that its heading in the HTML names: the
 * first word that matters of the heading (the innermost first), matched
 * with the first word of a line of the text that is not indented, from
 * where the chart before it went on.  A chart before the HTML's second
 * <h2> that matches nothing belongs to the report's opening lines; any
 * other goes to a section "Charts" at the end.
 */
#include "reports/print.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdf.h"
#include "render/template.h"

#define DEPTH 3			/* headings h2 to h4 */
#define WORD 48
#define AT_END SIZE_MAX

struct chart {
	struct buf svg;		/* the element, as the HTML has it */
	struct buf caption;	/* "Chart: " and its <title> (markup) */
	char heads[DEPTH][WORD];	/* the words of the headings it is under */
	int opening;		/* before the HTML's second <h2> */
	size_t after;		/* the text's block it follows, or AT_END */
};

struct charts {
	struct chart *c;
	size_t n;
};

static int indented(const char *line)
{
	return line[0] == ' ';
}

/* The first word of "s" that matters (not "the", "a" or "an"), in lower
 * case, into "w"; "s" is HTML (its entities read) when "html" is set. */
static void first_word(const char *s, int html, char w[WORD])
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
	};

	for (;;) {
		size_t n = 0;

		while (*s == ' ')
			s++;
		while (*s && *s != ' ' && *s != ':' && *s != ',' && (!html || *s != '<')) {
			char c = *s++;

			for (size_t i = 0; html && c == '&' && i < sizeof(ents) / sizeof(ents[0]); i++)
				if (!strncmp(s - 1, ents[i].ent, strlen(ents[i].ent))) {
					c = ents[i].c;
					s += strlen(ents[i].ent) - 1;
					break;
				}
			if (n + 1 < WORD)
				w[n++] = (char)tolower((unsigned char)c);
		}
		w[n] = '\0';
		if (strcmp(w, "the") && strcmp(w, "a") && strcmp(w, "an"))
			return;
		while (*s == ':' || *s == ',')
			s++;
	}
}

/* Takes the <svg> elements of "html" (its text is escaped, so "</svg>"
 * ends each) and the headings they are under. */
static void take_charts(const char *html, struct charts *cs)
{
	char heads[DEPTH][WORD] = { { 0 } };
	int h2s = 0;
	size_t cap = 0;

	for (const char *p = html ? strchr(html, '<') : NULL; p; p = strchr(p + 1, '<')) {
		if (p[1] == 'h' && p[2] >= '2' && p[2] < '2' + DEPTH && (p[3] == ' ' || p[3] == '>')) {
			int level = p[2] - '2';
			const char *text = strchr(p, '>');

			if (!text)
				break;
			first_word(text + 1, 1, heads[level]);
			for (int l = level + 1; l < DEPTH; l++)
				heads[l][0] = '\0';
			h2s += !level;
		} else if (!strncmp(p, "<svg", 4) && (p[4] == ' ' || p[4] == '>')) {
			const char *end = strstr(p, "</svg>"), *t, *te;
			struct chart *c;

			if (!end)
				break;
			if (cs->n == cap) {
				cap = cap ? cap * 2 : 8;
				cs->c = xrealloc(cs->c, cap * sizeof(*cs->c));
			}
			c = &cs->c[cs->n++];
			memset(c, 0, sizeof(*c));
			memcpy(c->heads, heads, sizeof(heads));
			c->opening = h2s < 2;
			buf_add(&c->svg, p, (size_t)(end - p) + strlen("</svg>"));
			t = strstr(buf_str(&c->svg), "<title");
			t = t ? strchr(t, '>') : NULL;
			te = t ? strstr(t, "</title>") : NULL;
			if (te && te > t + 1) {
				buf_puts(&c->caption, "Chart: ");
				buf_add(&c->caption, t + 1, (size_t)(te - t - 1));
			}
			p = end;
		}
	}
}

/* Where each chart goes among the text's blocks "b" ("raw": the line of
 * each heading and paragraph, NULL for the indented lines). */
static void place_charts(struct charts *cs, const struct pdf_block *b, const char *const *raw,
			 size_t nb)
{
	size_t from = 0, opening = nb ? nb - 1 : AT_END;
	char w[WORD];

	for (size_t k = 1; k < nb; k++)
		if (b[k].kind == PDF_HEADING) {
			opening = k - 1;
			break;
		}
	for (size_t i = 0; i < cs->n; i++) {
		struct chart *c = &cs->c[i];
		size_t k = nb;

		c->after = AT_END;
		for (int l = DEPTH - 1; l >= 0 && k == nb; l--) {
			if (!c->heads[l][0])
				continue;
			for (k = from; k < nb; k++) {
				if (!raw[k])
					continue;
				first_word(raw[k], 0, w);
				if (!strcmp(w, c->heads[l]))
					break;
			}
		}
		if (k < nb) {
			from = k;
			c->after = b[k].kind == PDF_HEADING && k + 1 < nb && b[k + 1].kind == PDF_LINES
				   ? k + 1 : k;
		} else if (c->opening) {
			c->after = opening;
		}
	}
}

static void add_chart(struct pdf_block *blocks, size_t *nb, const struct chart *c)
{
	if (c->caption.len)
		blocks[(*nb)++] = (struct pdf_block){ PDF_HEADING, buf_str(&c->caption) };
	blocks[(*nb)++] = (struct pdf_block){ PDF_SVG, buf_str(&c->svg) };
}

int print_pdf(const char *title, const char *organisation, const char *text,
	      const char *html, struct buf *out, struct rd_err *e)
{
	char *copy = xstrdup(text ? text : ""), *save = NULL, *line;
	char **lines = NULL;
	const char **raw;
	size_t n = 0, cap = 0, nb = 0, nall = 0;
	struct pdf_block *blocks, *all;
	struct buf *markup;
	struct charts cs = { NULL, 0 };
	struct pdf_doc doc = { title, organisation, title, title, 9, "en-GB", 1 };
	int rc, at_end = 0;

	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			lines = xrealloc(lines, cap * sizeof(*lines));
		}
		lines[n++] = line;
	}
	blocks = xcalloc(n + 1, sizeof(*blocks));
	raw = xcalloc(n + 1, sizeof(*raw));
	markup = xcalloc(n + 1, sizeof(*markup));
	for (size_t i = 0; i < n; ) {
		struct buf *m = &markup[nb];

		if (indented(lines[i])) {
			/* a run of indented lines, in a fixed-width font */
			buf_puts(m, "<tt>");
			for (size_t k = 0; i < n && indented(lines[i]); i++, k++) {
				if (k)
					buf_puts(m, "\n");
				tpl_escape_html(m, lines[i]);
			}
			buf_puts(m, "</tt>");
			blocks[nb].kind = PDF_LINES;
		} else {
			tpl_escape_html(m, lines[i]);
			blocks[nb].kind = i + 1 < n && indented(lines[i + 1]) ? PDF_HEADING : PDF_PARA;
			raw[nb] = lines[i];
			i++;
		}
		blocks[nb].markup = buf_str(m);
		nb++;
	}

	take_charts(html, &cs);
	place_charts(&cs, blocks, raw, nb);
	all = xcalloc(nb + 2 * cs.n + 2, sizeof(*all));
	for (size_t k = 0; k < nb; k++) {
		all[nall++] = blocks[k];
		for (size_t i = 0; i < cs.n; i++)
			if (cs.c[i].after == k)
				add_chart(all, &nall, &cs.c[i]);
	}
	for (size_t i = 0; i < cs.n; i++) {
		if (cs.c[i].after != AT_END)
			continue;
		if (!at_end++) {
			all[nall++] = (struct pdf_block){ PDF_HEADING, "Charts" };
			all[nall++] = (struct pdf_block){ PDF_PARA,
				"The figures of these charts are in the report above." };
		}
		add_chart(all, &nall, &cs.c[i]);
	}
	rc = pdf_render(&doc, all, nall, out, e);

	for (size_t i = 0; i < cs.n; i++) {
		buf_free(&cs.c[i].svg);
		buf_free(&cs.c[i].caption);
	}
	free(cs.c);
	free(all);
	for (size_t i = 0; i < nb; i++)
		buf_free(&markup[i]);
	free(markup);
	free(raw);
	free(blocks);
	free(lines);
	free(copy);
	return rc;
}
