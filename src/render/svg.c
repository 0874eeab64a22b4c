/*
 * svg.c - bars and columns as accessible SVG.
 */
#include "render/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/template.h"

#define INK "#0b0c0c"
#define FONT "font-family=\"Arial, 'Helvetica Neue', Helvetica, sans-serif\""
#define LABEL_MAX 80		/* bytes of a label drawn; the table has it all */
#define LEGEND_LINE 20.0

/* GOV.UK blue, green, purple and red: each at least 3:1 on white. */
static const char *const colours[SVG_MAX_SERIES] = { "#1d70b8", "#00703c", "#4c2c92", "#d4351c" };

static size_t nseries(const struct svg_chart *c)
{
	return c->nseries > SVG_MAX_SERIES ? SVG_MAX_SERIES : c->nseries;
}

static double top_of(const struct svg_chart *c)
{
	double top = 0;

	if (c->max > 0)
		return c->max;
	for (size_t s = 0; s < nseries(c); s++)
		for (size_t i = 0; i < c->nlabels; i++)
			if (!isnan(c->series[s].values[i]) && c->series[s].values[i] > top)
				top = c->series[s].values[i];
	return top > 0 ? top : 1;
}

/* The value's text: "12", "95.8%", or "no figure". */
static void value_text(struct buf *out, const struct svg_chart *c, double v)
{
	if (isnan(v)) {
		buf_puts(out, "no figure");
		return;
	}
	buf_printf(out, c->decimals ? "%.1f" : "%.0f", v);
	if (c->unit)
		tpl_escape_html(out, c->unit);
}

/* The label, escaped, cut at LABEL_MAX bytes on a character's start. */
static void label_text(struct buf *out, const char *s)
{
	char cut[LABEL_MAX + 4];
	size_t n = strlen(s ? s : "");

	if (n <= LABEL_MAX) {
		tpl_escape_html(out, s ? s : "");
		return;
	}
	n = LABEL_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(cut, s, n);
	memcpy(cut + n, "\xE2\x80\xA6", 4);	/* an ellipsis */
	tpl_escape_html(out, cut);
}

static void open_svg(struct buf *out, const struct svg_chart *c, double w, double h)
{
	const char *id = c->id ? c->id : "chart";

	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rd-chart\" role=\"img\" "
		   "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" " FONT " aria-labelledby=\"",
		   w, h, w, h);
	tpl_escape_html(out, id);
	buf_puts(out, "-title");
	if (c->desc) {
		buf_puts(out, " ");
		tpl_escape_html(out, id);
		buf_puts(out, "-desc");
	}
	buf_puts(out, "\">\n<title id=\"");
	tpl_escape_html(out, id);
	buf_puts(out, "-title\">");
	tpl_escape_html(out, c->title ? c->title : "");
	buf_puts(out, "</title>\n");
	if (c->desc) {
		buf_puts(out, "<desc id=\"");
		tpl_escape_html(out, id);
		buf_puts(out, "-desc\">");
		tpl_escape_html(out, c->desc);
		buf_puts(out, "</desc>\n");
	}
}

/* The legend (two or more series): a swatch and the name, a line each;
 * returns the height it takes. */
static double legend(struct buf *out, const struct svg_chart *c, double x, double y)
{
	if (nseries(c) < 2)
		return 0;
	for (size_t s = 0; s < nseries(c); s++) {
		double ly = y + (double)s * LEGEND_LINE;

		buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"%s\"/>"
			   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" fill=\"" INK "\">",
			   x, ly, colours[s], x + 20, ly + 12);
		tpl_escape_html(out, c->series[s].name ? c->series[s].name : "");
		buf_puts(out, "</text>\n");
	}
	return (double)nseries(c) * LEGEND_LINE + 6;
}

void svg_bars(struct buf *out, const struct svg_chart *c)
{
	const double left = 8, width = left + SVG_BARS_W + 110;
	double top = top_of(c), y, height = 8 + (nseries(c) > 1 ? nseries(c) * LEGEND_LINE + 6 : 0);

	height += (double)c->nlabels * (22 + (double)nseries(c) * (SVG_BAR_H + 4)) + 8;
	open_svg(out, c, width, height);
	y = 8 + legend(out, c, left, 8);
	for (size_t i = 0; i < c->nlabels; i++) {
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" fill=\"" INK "\">", left,
			   y + 15);
		label_text(out, c->labels[i]);
		buf_puts(out, "</text>\n");
		y += 22;
		for (size_t s = 0; s < nseries(c); s++) {
			double v = c->series[s].values[i];
			double w = isnan(v) || v <= 0 ? 0 : round(fmin(v, top) / top * SVG_BARS_W * 10) / 10;

			if (w > 0)
				buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
					   "fill=\"%s\"/>", left, y, w, SVG_BAR_H, colours[s]);
			buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" fill=\"" INK "\">",
				   left + w + 6, y + 14);
			value_text(out, c, v);
			buf_puts(out, "</text>\n");
			y += SVG_BAR_H + 4;
		}
	}
	buf_puts(out, "</svg>\n");
}

void svg_columns(struct buf *out, const struct svg_chart *c)
{
	const double left = 48, colw = 22, gap = 12;
	double top = top_of(c), gw = (double)nseries(c) * colw + gap;
	double width = left + (double)c->nlabels * gw + 8, base, y0;

	if (width < 200)
		width = 200;
	y0 = 8 + (nseries(c) > 1 ? (double)nseries(c) * LEGEND_LINE + 6 : 0);
	open_svg(out, c, width, y0 + 20 + SVG_COLUMNS_H + 28);
	legend(out, c, 8, 8);
	y0 += 20;			/* room for the top value's text */
	base = y0 + SVG_COLUMNS_H;
	buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" INK "\"/>\n",
		   left, base, width - 8, base);
	buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" fill=\"" INK
		   "\">0</text>\n", left - 6, base + 4);
	buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b1b4b6\"/>\n"
		   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" fill=\"" INK "\">",
		   left, y0, width - 8, y0, left - 6, y0 + 4);
	value_text(out, c, top);
	buf_puts(out, "</text>\n");
	for (size_t i = 0; i < c->nlabels; i++) {
		double gx = left + (double)i * gw + gap / 2;

		for (size_t s = 0; s < nseries(c); s++) {
			double v = c->series[s].values[i], x = gx + (double)s * colw;
			double h = isnan(v) || v <= 0 ? 0
				 : round(fmin(v, top) / top * SVG_COLUMNS_H * 10) / 10;

			if (h > 0)
				buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
					   "fill=\"%s\"/>", x + 1, base - h, colw - 2, h, colours[s]);
			buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
				   "fill=\"" INK "\">", x + colw / 2, base - h - 4);
			if (isnan(v))
				buf_puts(out, "-");
			else
				value_text(out, c, v);
			buf_puts(out, "</text>\n");
		}
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" fill=\""
			   INK "\">", gx + (double)nseries(c) * colw / 2, base + 18);
		label_text(out, c->labels[i]);
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "</svg>\n");
}
