/*
 * pdf.h - letters as A4 PDF documents, laid out with Pango and drawn with
 * cairo.
 *
 * A document is a list of blocks of Pango markup (the caller escapes any
 * text it did not write: see tpl_escape_html).  The first page carries
 * the letterhead; every page carries a footer with the reference and
 * "Page N of M".  Paragraphs split across pages line by line, and a
 * heading is never left alone at the foot of a page.
 */
#ifndef REDRESS_RENDER_PDF_H
#define REDRESS_RENDER_PDF_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

enum pdf_block_kind {
	PDF_HEADING,	/* bold, a little larger, space above */
	PDF_PARA,	/* a paragraph */
	PDF_ITEM,	/* a bulleted list item */
	PDF_LINES	/* lines kept as they are (an address): no space between them */
};

struct pdf_block {
	enum pdf_block_kind kind;
	const char *markup;
};

struct pdf_doc {
	const char *title;		/* the PDF's title (plain text) */
	const char *organisation;	/* letterhead name (plain text) */
	const char *letterhead;		/* lines under it (plain text, '\n') */
	const char *reference;		/* on every page (plain text) */
	double font_pt;			/* body size: 0 = 11; large print >= 16 */
	const char *language;		/* a Pango language tag, "en-GB" if NULL */
};

/* Appends the PDF to "out".  -1 and "e" (RD_EIO) if cairo fails. */
int pdf_render(const struct pdf_doc *doc, const struct pdf_block *blocks,
	       size_t n, struct buf *out, struct rd_err *e);

#endif
