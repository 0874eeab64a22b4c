/*
 * print.h - the reports as A4 PDF documents (render/pdf.h), from their
 * text for the console (tsm_text, board_text, annual_text, sa_text): a
 * line that starts a section (not indented, followed by indented lines)
 * is a heading, indented lines are kept as they are in a fixed-width
 * font so their columns line up, and the rest are paragraphs.
 */
#ifndef REDRESS_REPORTS_PRINT_H
#define REDRESS_REPORTS_PRINT_H

#include "util/buf.h"
#include "util/err.h"

/* Appends the PDF of "text" to "out": "title" is the document's title and
 * is on every page's footer, "organisation" heads the first page.  -1 and
 * "e" if it cannot be drawn. */
int print_pdf(const char *title, const char *organisation, const char *text,
	      struct buf *out, struct rd_err *e);

#endif
