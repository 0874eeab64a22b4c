/*
 * svg.h - small charts drawn on the server as SVG, for the reports.
 *
 * Each chart is one <svg role="img"> element whose accessible name is its
 * <title> and whose description is its <desc> (aria-labelledby names
 * both); every bar carries its value as text beside it, every group its
 * label as text, and a chart of more than one series has a legend in
 * text.  No script, no style attributes (the pages' Content Security
 * Policy allows none): colours are presentation attributes.  Every text
 * is escaped.  The page puts a table of the same figures beside each
 * chart: a chart never holds the only copy of a figure.
 *
 * Geometry, so a test can work out the markup by hand:
 *   svg_bars     horizontal bars, one group per label: the label on a line
 *                of its own, then one bar per series, each SVG_BAR_H high;
 *                a bar of the axis's top value is SVG_BARS_W wide, others
 *                in proportion (rounded to a tenth of a pixel).
 *   svg_columns  vertical columns, one group per label (months): a column
 *                of the axis's top value is SVG_COLUMNS_H high, others in
 *                proportion; the label under each group.
 * The axis's top is "max" when it is more than 0, else the largest value
 * (and 1 when every value is 0 or missing).  A missing value (NAN: a
 * ratio with nothing to divide by) draws no bar and the text "no figure"
 * (a column: "-").
 */
#ifndef REDRESS_RENDER_SVG_H
#define REDRESS_RENDER_SVG_H

#include <stddef.h>

#include "util/buf.h"

#define SVG_MAX_SERIES 4
#define SVG_BARS_W 440.0
#define SVG_BAR_H 18.0
#define SVG_COLUMNS_H 180.0

struct svg_series {
	const char *name;	/* the legend's text */
	const double *values;	/* one per label; NAN for no figure */
};

struct svg_chart {
	const char *id;		/* unique in the page: the ids ID-title, ID-desc */
	const char *title;	/* the accessible name */
	const char *desc;	/* what it shows, and where its table is */
	const char *const *labels;
	size_t nlabels;
	const struct svg_series *series;
	size_t nseries;		/* 1 to SVG_MAX_SERIES (more are left out) */
	const char *unit;	/* after each value ("%"), or NULL */
	int decimals;		/* of each value's text: 0 or 1 */
	double max;		/* the axis's top, or 0 (see above) */
};

/* Appends the chart as horizontal bars (categories, reasons, measures). */
void svg_bars(struct buf *out, const struct svg_chart *c);

/* Appends the chart as vertical columns (month by month). */
void svg_columns(struct buf *out, const struct svg_chart *c);

#endif
