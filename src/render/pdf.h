/*
 * pdf.h - letters and reports as A4 PDF documents, laid out with Pango and
 * drawn with cairo; drawings (the reports' charts) with librsvg.
 *
 * A document is a list of blocks of Pango markup (the caller escapes any
 * text it did not write: see tpl_escape_html), or of SVG.  The first page
 * carries the letterhead; every page carries a footer with the reference
 * and "Page N of M".  Paragraphs split across pages line by line, and a
 * heading is never left alone at the foot of a page: it goes with the
 * first line of what follows, or with the whole of a drawing.
 *
 * A drawing (PDF_SVG) is one SVG document, drawn as vectors at its own
 * size (a CSS pixel is 0.75 pt), made smaller to fit the width between
 * the margins and the height of a page (less room for a heading above
 * it); it is never split across pages (it starts a new page when it does
 * not fit), and has a line's space above and below it.  The SVG needs a
 * width and height or a viewBox.  Its <title> and <desc> are not drawn:
 * the caller gives the drawing a heading of its own when it needs one.
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
	PDF_LINES,	/* lines kept as they are (an address): no space between them */
	PDF_SVG		/* a drawing: "markup" is an SVG document (see above) */
};

struct pdf_block {
	enum pdf_block_kind kind;
	const char *markup;	/* Pango markup; for PDF_SVG, the SVG */
};

struct pdf_doc {
	const char *title;		/* the PDF's title (plain text) */
	const char *organisation;	/* letterhead name (plain text) */
	const char *letterhead;		/* lines under it (plain text, '\n') */
	const char *reference;		/* on every page (plain text) */
	double font_pt;			/* body size: 0 = 11; large print >= 16 */
	const char *language;		/* a Pango language tag, "en-GB" if NULL */
	int reference_plain;		/* the footer shows the reference without
					 * "Reference " before it (a report's title) */
};

/* Appends the PDF to "out".  -1 and "e": RD_EINVAL if a block's markup
 * does not parse, or a drawing is not SVG or has no size; RD_EIO if
 * cairo or librsvg fails. */
int pdf_render(const struct pdf_doc *doc, const struct pdf_block *blocks,
	       size_t n, struct buf *out, struct rd_err *e);

#endif
