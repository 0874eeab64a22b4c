/*
 * pdf.c - A4 letters with cairo and Pango, drawings with librsvg.
 *
 * Two passes over one set of layouts: the first places every line of
 * every block, and every drawing whole, on a page (so the page count is
 * known), the second draws the pages with the letterhead, the lines, the
 * drawings and the footers.
 */
#include "render/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/dl.h"

/* librsvg, loaded on the first drawing (util/dl.h) */
static __typeof__(rsvg_handle_new_from_data) *p_rsvg_handle_new_from_data;
static __typeof__(rsvg_handle_set_dpi) *p_rsvg_handle_set_dpi;
static __typeof__(rsvg_handle_get_intrinsic_size_in_pixels) *p_rsvg_handle_get_intrinsic_size_in_pixels;
static __typeof__(rsvg_handle_get_intrinsic_dimensions) *p_rsvg_handle_get_intrinsic_dimensions;
static __typeof__(rsvg_handle_render_document) *p_rsvg_handle_render_document;
static void **const rsvg_fns[] = {
	(void **)&p_rsvg_handle_new_from_data,
	(void **)&p_rsvg_handle_set_dpi,
	(void **)&p_rsvg_handle_get_intrinsic_size_in_pixels,
	(void **)&p_rsvg_handle_get_intrinsic_dimensions,
	(void **)&p_rsvg_handle_render_document,
};
static const char *const rsvg_names[] = {
	"rsvg_handle_new_from_data",
	"rsvg_handle_set_dpi",
	"rsvg_handle_get_intrinsic_size_in_pixels",
	"rsvg_handle_get_intrinsic_dimensions",
	"rsvg_handle_render_document",
};
static struct dl_lib rsvg = {
	"librsvg-2.so.2", "drawing a chart", rsvg_names, rsvg_fns,
	sizeof(rsvg_names) / sizeof(rsvg_names[0]), 0
};

#define PAGE_W 595.276		/* A4 in points */
#define PAGE_H 841.890
#define MARGIN_X 62.0
#define MARGIN_TOP 56.0
#define MARGIN_BOTTOM 72.0	/* the footer sits in it */
#define FAMILY "DejaVu Sans"
#define INK 0.043, 0.047, 0.047	/* #0b0c0c */
#define PX 0.75			/* a CSS pixel in points */

struct placed {
	PangoLayoutLine *line;	/* a line of text, or NULL for a drawing */
	RsvgHandle *svg;	/* a drawing (owned by the job's svg[]) */
	double x, baseline;	/* a drawing: its top left corner */
	double w, h;		/* a drawing's size in points */
	int page;
	int bullet;		/* draw a bullet before this line */
};

struct layout_job {
	cairo_t *cr;
	PangoContext *pc;
	double fs;		/* body size in points */
	struct placed *pl;
	size_t npl, cap;
	PangoLayout **lay;	/* one per block (NULL for a drawing) */
	size_t nlay;
	RsvgHandle **svg;	/* one per block (NULL but for a drawing) */
	double *svg_w, *svg_h;	/* each drawing's size on the page, in points */
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

static struct placed *place(struct layout_job *j, PangoLayoutLine *line, double x,
			    double baseline, int page, int bullet)
{
	struct placed *p;

	if (j->npl == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 64;
		j->pl = xrealloc(j->pl, j->cap * sizeof(*j->pl));
	}
	p = &j->pl[j->npl++];
	memset(p, 0, sizeof(*p));
	p->line = line ? pango_layout_line_ref(line) : NULL;
	p->x = x;
	p->baseline = baseline;
	p->page = page;
	p->bullet = bullet;
	return p;
}

/* Reads block i's SVG and works out its size on the page: its own size
 * (CSS pixels) in points, made smaller to fit the text's width and,
 * with room for a caption, the page's height. */
static int load_svg(struct layout_job *j, size_t i, const char *svg, struct rd_err *e)
{
	double width = PAGE_W - 2 * MARGIN_X;
	double room = PAGE_H - MARGIN_BOTTOM - MARGIN_TOP - j->fs * 5, w = 0, h = 0, scale = PX;
	GError *ge = NULL;

	if (dl_bind(&rsvg, e))
		return -1;
	j->svg[i] = p_rsvg_handle_new_from_data((const guint8 *)(svg ? svg : ""),
					      svg ? strlen(svg) : 0, &ge);
	if (!j->svg[i]) {
		err_set(e, RD_EINVAL, "svg", NULL, "a drawing is not valid SVG: %s",
			ge ? ge->message : "unknown error");
		if (ge)
			g_error_free(ge);
		return -1;
	}
	p_rsvg_handle_set_dpi(j->svg[i], 96);
	if (!p_rsvg_handle_get_intrinsic_size_in_pixels(j->svg[i], &w, &h)) {
		gboolean has_w, has_h, has_vb;
		RsvgLength lw, lh;
		RsvgRectangle vb;

		p_rsvg_handle_get_intrinsic_dimensions(j->svg[i], &has_w, &lw, &has_h, &lh,
						     &has_vb, &vb);
		if (has_vb) {
			w = vb.width;
			h = vb.height;
		}
	}
	if (!(w > 0 && h > 0))
		return err_set(e, RD_EINVAL, "svg", NULL,
			       "a drawing has no size: give it a width and height, or a viewBox");
	if (w * scale > width)
		scale = width / w;
	if (h * scale > room)
		scale = room / h;
	j->svg_w[i] = w * scale;
	j->svg_h[i] = h * scale;
	return 0;
}

/* The height block i's first line needs on a page: a drawing needs all
 * of itself. */
static int first_need(struct layout_job *j, const struct pdf_block *b, size_t i,
		      double width, double *need, struct rd_err *e)
{
	PangoLayout *next;

	if (b[i].kind == PDF_SVG) {
		*need = j->fs * 1.2 + j->svg_h[i];
		return 0;
	}
	next = layout(j, b[i].markup, j->fs, 0, width, e);
	if (!next)
		return -1;
	*need = j->fs * 0.7 + first_line_height(next);
	g_object_unref(next);
	return 0;
}

/* Places the blocks' lines and drawings; returns the number of pages, or
 * -1. */
static int lay_out(struct layout_job *j, const struct pdf_block *b, size_t n,
		   struct rd_err *e)
{
	double width = PAGE_W - 2 * MARGIN_X, indent = j->fs * 1.4;
	double bottom = PAGE_H - MARGIN_BOTTOM, y = j->first_top;
	int page = 0;

	j->lay = xcalloc(n ? n : 1, sizeof(*j->lay));
	j->svg = xcalloc(n ? n : 1, sizeof(*j->svg));
	j->svg_w = xcalloc(n ? n : 1, sizeof(*j->svg_w));
	j->svg_h = xcalloc(n ? n : 1, sizeof(*j->svg_h));
	j->nlay = n;
	for (size_t i = 0; i < n; i++)
		if (b[i].kind == PDF_SVG && load_svg(j, i, b[i].markup, e))
			return -1;
	for (size_t i = 0; i < n; i++) {
		int heading = b[i].kind == PDF_HEADING, item = b[i].kind == PDF_ITEM;
		double top = page ? MARGIN_TOP : j->first_top, gap;
		PangoLayoutIter *it;
		struct placed *p;
		int first = 1;

		/* Space around a drawing, above and below. */
		gap = b[i].kind == PDF_SVG || (i && b[i - 1].kind == PDF_SVG) ? j->fs * 1.2 :
		      heading ? j->fs * 1.1 :
		      item && i && b[i - 1].kind == PDF_ITEM ? j->fs * 0.3 : j->fs * 0.7;
		if (y > top)
			y += gap;
		if (b[i].kind == PDF_SVG) {
			/* A drawing is never split: it goes whole on the next page. */
			if (y + j->svg_h[i] > bottom && y > top) {
				page++;
				y = MARGIN_TOP;
			}
			p = place(j, NULL, MARGIN_X, y, page, 0);
			p->svg = j->svg[i];
			p->w = j->svg_w[i];
			p->h = j->svg_h[i];
			y += j->svg_h[i];
			continue;
		}
		j->lay[i] = layout(j, b[i].markup, heading ? j->fs * 1.15 : j->fs, heading,
				   item ? width - indent : width, e);
		if (!j->lay[i])
			return -1;
		/* A heading goes with the first line of what follows it. */
		if (heading && i + 1 < n) {
			double need;

			if (first_need(j, b, i + 1, width, &need, e))
				return -1;
			need += height(j->lay[i]);
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
	snprintf(text, sizeof(text), "Page %d of %d", page, pages);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &w, &h);
	show(j->cr, l, PAGE_W - MARGIN_X - (double)w / PANGO_SCALE,
	     PAGE_H - MARGIN_BOTTOM / 2 - (double)h / PANGO_SCALE / 2);
	/* the reference ends with "..." before it would reach the page number */
	snprintf(text, sizeof(text), "%s%s", d->reference_plain ? "" : "Reference ",
		 d->reference ? d->reference : "");
	pango_layout_set_text(l, text, -1);
	pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN_X - (double)w / PANGO_SCALE - 18.0) *
					PANGO_SCALE));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_get_size(l, &w, &h);
	show(j->cr, l, MARGIN_X, PAGE_H - MARGIN_BOTTOM / 2 - (double)h / PANGO_SCALE / 2);
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

static int draw(struct layout_job *j, const struct pdf_doc *d, int pages, struct rd_err *e)
{
	PangoLayout *bullet = layout(j, "\xe2\x80\xa2", j->fs, 0, j->fs * 2, NULL);
	double foot = j->fs >= 16 ? j->fs : 9;
	size_t k = 0;
	int rc = 0;

	for (int p = 0; p < pages; p++) {
		cairo_set_source_rgb(j->cr, INK);
		if (p == 0)
			letterhead(j, d, 1);
		for (; k < j->npl && j->pl[k].page == p; k++) {
			if (j->pl[k].svg) {
				RsvgRectangle vp = { j->pl[k].x, j->pl[k].baseline, j->pl[k].w, j->pl[k].h };
				GError *ge = NULL;

				cairo_save(j->cr);
				if (!p_rsvg_handle_render_document(j->pl[k].svg, j->cr, &vp, &ge) && !rc)
					rc = err_set(e, RD_EIO, "svg", NULL, "cannot draw a drawing: %s",
						     ge ? ge->message : "unknown error");
				if (ge)
					g_error_free(ge);
				cairo_restore(j->cr);
				continue;
			}
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
	return rc;
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
	if (pages > 0)
		rc = draw(&j, d, pages, e);
	for (size_t i = 0; i < j.npl; i++)
		if (j.pl[i].line)
			pango_layout_line_unref(j.pl[i].line);
	free(j.pl);
	for (size_t i = 0; i < j.nlay; i++) {
		if (j.lay[i])
			g_object_unref(j.lay[i]);
		if (j.svg[i])
			g_object_unref(j.svg[i]);
	}
	free(j.lay);
	free(j.svg);
	free(j.svg_w);
	free(j.svg_h);
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
