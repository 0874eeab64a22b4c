/*
 * print.h - the reports as A4 PDF documents (render/pdf.h), from their
 * text for the console (tsm_text, board_text, annual_text, sa_text): a
 * line that starts a section (not indented, followed by indented lines)
 * is a heading, indented lines are kept as they are in a fixed-width
 * font so their columns line up, and the rest are paragraphs.
 *
 * The charts are those of the report's HTML (reports/html.h), the same
 * SVG: each under a heading "Chart: " and its title, after the section of
 * the text that its heading in the HTML names (matched by the heading's
 * first word that matters, "the", "a" and "an" aside), or, when none
 * does, after the report's opening lines (a chart before the HTML's
 * second <h2>) or in a section "Charts" at the end.  A chart's figures
 * are always in the text as well.
 */
#ifndef REDRESS_REPORTS_PRINT_H
#define REDRESS_REPORTS_PRINT_H

#include "util/buf.h"
#include "util/err.h"

/* Appends the PDF of "text" and the charts of "html" (the report's HTML
 * from rhtml_*, or NULL for none) to "out": "title" is the document's
 * title and is on every page's footer, "organisation" heads the first
 * page.  -1 and "e" if it cannot be drawn. */
int print_pdf(const char *title, const char *organisation, const char *text,
	      const char *html, struct buf *out, struct rd_err *e);

#endif
