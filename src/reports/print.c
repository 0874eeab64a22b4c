/*
 * print.c - a report's text laid out as a PDF.
 */
#include "reports/print.h"

#include <stdlib.h>
#include <string.h>

#include "render/pdf.h"
#include "render/template.h"

static int indented(const char *line)
{
	return line[0] == ' ';
}

int print_pdf(const char *title, const char *organisation, const char *text,
	      struct buf *out, struct rd_err *e)
{
	char *copy = xstrdup(text ? text : ""), *save = NULL, *line;
	char **lines = NULL;
	size_t n = 0, cap = 0, nb = 0;
	struct pdf_block *blocks;
	struct buf *markup;
	struct pdf_doc doc = { title, organisation, title, title, 9, "en-GB" };
	int rc;

	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			lines = xrealloc(lines, cap * sizeof(*lines));
		}
		lines[n++] = line;
	}
	blocks = xcalloc(n + 1, sizeof(*blocks));
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
			i++;
		}
		blocks[nb].markup = buf_str(m);
		nb++;
	}
	rc = pdf_render(&doc, blocks, nb, out, e);
	for (size_t i = 0; i < nb; i++)
		buf_free(&markup[i]);
	free(markup);
	free(blocks);
	free(lines);
	free(copy);
	return rc;
}
