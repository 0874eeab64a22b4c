/*
 * pdf.c - A4 letters with cairo and Pango.
 *
 * Two passes over one set of layouts: the first places every line of
 * every block on a page (so the page count is known), the second draws
 * the pages with the letterhead, the lines and the footers.
 */
#include "render/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.276		/* A4 in points */
#define PAGE_H 841.890
#define MARGIN_X 62.0
#define MARGIN_TOP 56.0
#define MARGIN_BOTTOM 72.0	/* the footer sits in it */
#define FAMILY "DejaVu Sans"
#define INK 0.043, 0.047, 0.047	/* #0b0c0c */

struct placed {
	PangoLayoutLine *line;
	double x, baseline;
	int page;
	int bullet;		/* draw a bullet before this line */
};

struct layout_job {
	cairo_t *cr;
	PangoContext *pc;
	double fs;		/* body size in points */
	struct placed *pl;
	size_t npl, cap;
	PangoLayout **lay;	/* one per block */
	size_t nlay;
	double first_top;	/* where the body starts on page 1 */
};

static cairo_status_t write_out(void *closure, const unsigned char *data,
				unsigned int len)
{
	buf_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *layout(struct layout_job *j, const char *markup,
			   double pt, int bold, double width, struct rd_err *e)
{
	PangoLayout *l = pango_layout_new(j->pc);
	PangoFontDescription *fd = pango_font_description_from_string(FAMILY);
	PangoAttrList *attrs = NULL;
	GError *ge = NULL;
	char *text = NULL;

	pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (!pango_parse_markup(markup ? markup : "", -1, 0, &attrs, &text, NULL, &ge)) {
		err_set(e, RD_EINVAL, "markup", NULL, "the letter's text is not valid markup: %s",
			ge ? ge->message : "unknown error");
		if (ge)
			g_error_free(ge);
		g_object_unref(l);
		return NULL;
	}
	pango_layout_set_text(l, text, -1);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	g_free(text);
	return l;
}

static double height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double first_line_height(PangoLayout *l)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int y0, y1;

	pango_layout_iter_get_line_yrange(it, &y0, &y1);
	pango_layout_iter_free(it);
	return (double)(y1 - y0) / PANGO_SCALE;
}

static void place(struct layout_job *j, PangoLayoutLine *line, double x,
		  double baseline, int page, int bullet)
{
	struct placed *p;

	if (j->npl == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 64;
		j->pl = xrealloc(j->pl, j->cap * sizeof(*j->pl));
	}
	p = &j->pl[j->npl++];
	p->line = pango_layout_line_ref(line);
	p->x = x;
	p->baseline = baseline;
	p->page = page;
	p->bullet = bullet;
}

/* Places the blocks' lines; returns the number of pages, or -1. */
static int lay_out(struct layout_job *j, const struct pdf_block *b, size_t n,
		   struct rd_err *e)
{
	double width = PAGE_W - 2 * MARGIN_X, indent = j->fs * 1.4;
	double bottom = PAGE_H - MARGIN_BOTTOM, y = j->first_top;
	int page = 0;

	j->lay = xcalloc(n ? n : 1, sizeof(*j->lay));
	for (size_t i = 0; i < n; i++) {
		int heading = b[i].kind == PDF_HEADING, item = b[i].kind == PDF_ITEM;
		double top = page ? MARGIN_TOP : j->first_top, gap;
		PangoLayoutIter *it;
		int first = 1;

		j->lay[i] = layout(j, b[i].markup, heading ? j->fs * 1.15 : j->fs, heading,
				   item ? width - indent : width, e);
		if (!j->lay[i])
			return -1;
		j->nlay = i + 1;
		gap = heading ? j->fs * 1.1 :
		      item && i && b[i - 1].kind == PDF_ITEM ? j->fs * 0.3 : j->fs * 0.7;
		if (y > top)
			y += gap;
		/* A heading goes with the first line of what follows it. */
		if (heading && i + 1 < n) {
			PangoLayout *next = layout(j, b[i + 1].markup, j->fs, 0, width, e);
			double need;

			if (!next)
				return -1;
			need = height(j->lay[i]) + j->fs * 0.7 + first_line_height(next);
			g_object_unref(next);
			if (y + need > bottom && y > top) {
				page++;
				y = MARGIN_TOP;
			}
		}
		it = pango_layout_get_iter(j->lay[i]);
		do {
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
			PangoRectangle logical;
			int y0, y1, base;
			double h;

			pango_layout_iter_get_line_yrange(it, &y0, &y1);
			pango_layout_iter_get_line_extents(it, NULL, &logical);
			base = pango_layout_iter_get_baseline(it);
			h = (double)(y1 - y0) / PANGO_SCALE;
			if (y + h > bottom) {
				page++;
				y = MARGIN_TOP;
			}
			place(j, line, MARGIN_X + (item ? indent : 0) +
			      (double)logical.x / PANGO_SCALE,
			      y + (double)(base - y0) / PANGO_SCALE, page, item && first);
			y += h;
			first = 0;
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
	}
	return page + 1;
}

static void show(cairo_t *cr, PangoLayout *l, double x, double y)
{
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

static void footer(struct layout_job *j, const struct pdf_doc *d, int page,
		   int pages, double pt)
{
	char text[200];
	PangoLayout *l = pango_layout_new(j->pc);
	PangoFontDescription *fd = pango_font_description_from_string(FAMILY);
	int w, h;

	pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	snprintf(text, sizeof(text), "Reference %s", d->reference ? d->reference : "");
	pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &w, &h);
	show(j->cr, l, MARGIN_X, PAGE_H - MARGIN_BOTTOM / 2 - (double)h / PANGO_SCALE / 2);
	snprintf(text, sizeof(text), "Page %d of %d", page, pages);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &w, &h);
	show(j->cr, l, PAGE_W - MARGIN_X - (double)w / PANGO_SCALE,
	     PAGE_H - MARGIN_BOTTOM / 2 - (double)h / PANGO_SCALE / 2);
	g_object_unref(l);
}

/* Lays out the letterhead; draws it when "draw" is set.  Returns the
 * height it takes. */
static double letterhead(struct layout_job *j, const struct pdf_doc *d, int draw)
{
	double width = PAGE_W - 2 * MARGIN_X, y = MARGIN_TOP;
	PangoLayout *name, *lines;
	char *esc;

	esc = g_markup_escape_text(d->organisation ? d->organisation : "", -1);
	name = layout(j, esc, j->fs * 1.6, 1, width, NULL);
	g_free(esc);
	esc = g_markup_escape_text(d->letterhead ? d->letterhead : "", -1);
	lines = layout(j, esc, j->fs < 16 ? j->fs * 0.9 : j->fs, 0, width, NULL);
	g_free(esc);
	if (draw && name)
		show(j->cr, name, MARGIN_X, y);
	y += name ? height(name) : 0;
	if (draw && lines)
		show(j->cr, lines, MARGIN_X, y + 2);
	y += (lines && d->letterhead && *d->letterhead ? height(lines) : 0) + 10;
	if (draw) {
		cairo_set_line_width(j->cr, 1.2);
		cairo_move_to(j->cr, MARGIN_X, y);
		cairo_line_to(j->cr, PAGE_W - MARGIN_X, y);
		cairo_stroke(j->cr);
	}
	if (name)
		g_object_unref(name);
	if (lines)
		g_object_unref(lines);
	return y + j->fs * 1.5 - MARGIN_TOP;
}

static void draw(struct layout_job *j, const struct pdf_doc *d, int pages)
{
	PangoLayout *bullet = layout(j, "\xe2\x80\xa2", j->fs, 0, j->fs * 2, NULL);
	double foot = j->fs >= 16 ? j->fs : 9;
	size_t k = 0;

	for (int p = 0; p < pages; p++) {
		cairo_set_source_rgb(j->cr, INK);
		if (p == 0)
			letterhead(j, d, 1);
		for (; k < j->npl && j->pl[k].page == p; k++) {
			if (j->pl[k].bullet && bullet) {
				cairo_move_to(j->cr, j->pl[k].x - j->fs * 1.1, j->pl[k].baseline);
				pango_cairo_show_layout_line(j->cr,
					pango_layout_get_line_readonly(bullet, 0));
			}
			cairo_move_to(j->cr, j->pl[k].x, j->pl[k].baseline);
			pango_cairo_show_layout_line(j->cr, j->pl[k].line);
		}
		footer(j, d, p + 1, pages, foot);
		cairo_show_page(j->cr);
	}
	if (bullet)
		g_object_unref(bullet);
}

int pdf_render(const struct pdf_doc *d, const struct pdf_block *b, size_t n,
	       struct buf *out, struct rd_err *e)
{
	struct layout_job j;
	cairo_surface_t *s;
	cairo_status_t status;
	int pages, rc = -1;

	memset(&j, 0, sizeof(j));
	j.fs = d->font_pt > 0 ? d->font_pt : 11;
	s = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	status = cairo_surface_status(s);
	if (status != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return err_set(e, RD_EIO, "", NULL, "cannot make a PDF: %s",
			       cairo_status_to_string(status));
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title ? d->title : "");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Redress");
	j.cr = cairo_create(s);
	j.pc = pango_cairo_create_context(j.cr);
	pango_context_set_language(j.pc, pango_language_from_string(
		d->language ? d->language : "en-GB"));
	j.first_top = MARGIN_TOP + letterhead(&j, d, 0);
	pages = lay_out(&j, b, n, e);
	if (pages > 0) {
		draw(&j, d, pages);
		rc = 0;
	}
	for (size_t i = 0; i < j.npl; i++)
		pango_layout_line_unref(j.pl[i].line);
	free(j.pl);
	for (size_t i = 0; i < j.nlay; i++)
		g_object_unref(j.lay[i]);
	free(j.lay);
	g_object_unref(j.pc);
	cairo_destroy(j.cr);
	cairo_surface_finish(s);
	status = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (!rc && status != CAIRO_STATUS_SUCCESS)
		rc = err_set(e, RD_EIO, "", NULL, "cannot make a PDF: %s",
			     cairo_status_to_string(status));
	return rc;
}

#ifdef __SANITIZE_ADDRESS__
/*
 * fontconfig keeps its configuration for the life of the process, where
 * LeakSanitizer cannot see it (Pango loads it on a thread of its own), and
 * FcFini() at exit races that thread.  The sanitizer build is told that
 * this memory is not ours.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
#endif
