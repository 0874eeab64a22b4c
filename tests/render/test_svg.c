/*
 * test_svg.c - the charts' markup: accessible names and descriptions,
 * text labels, escaping, no script or style, and bar sizes worked out by
 * hand from the geometry svg.h documents.
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "render/svg.h"

static int count(const char *s, const char *what)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void has(const char *s, const char *what)
{
	if (!strstr(s, what))
		fail_msg("no \"%s\" in:\n%s", what, s);
}

static void has_not(const char *s, const char *what)
{
	if (strstr(s, what))
		fail_msg("\"%s\" should not be in:\n%s", what, s);
}

/* What every chart must be: one svg of role img named by its title and
 * described by its desc, tags balanced, no script, no style attribute. */
static void well_formed(const char *s)
{
	assert_int_equal(count(s, "<svg "), 1);
	assert_int_equal(count(s, "</svg>"), 1);
	assert_int_equal(count(s, "<text "), count(s, "</text>"));
	assert_int_equal(count(s, "<title "), 1);
	has(s, "role=\"img\"");
	has_not(s, "<script");
	has_not(s, "style=");
	has_not(s, " on");	/* no event handler attributes */
}

static void test_bars(void **ts)
{
	static const char *const labels[] = { "Repairs", "Damp & mould <b>" };
	static const double v[] = { 10, 5 };
	const struct svg_series series[] = { { "Received", v } };
	struct svg_chart c = { "cat", "Complaints received by category",
			       "Bars; the table after the chart gives the same figures",
			       labels, 2, series, 1, NULL, 0, 0 };
	struct buf b = BUF_INIT;

	(void)ts;
	svg_bars(&b, &c);
	well_formed(b.s);
	has(b.s, "aria-labelledby=\"cat-title cat-desc\"");
	has(b.s, "<title id=\"cat-title\">Complaints received by category</title>");
	has(b.s, "<desc id=\"cat-desc\">Bars; the table after the chart gives the same figures</desc>");
	/* labels are text, escaped */
	has(b.s, ">Repairs</text>");
	has(b.s, ">Damp &amp; mould &lt;b&gt;</text>");
	has_not(b.s, "<b>");
	/* the largest value is the axis's top: 440 wide; 5 is half of it.
	 * The first label's line is y 8 to 30, its bar from 30; the second
	 * group starts at 30 + 18 + 4 = 52, its bar at 74. */
	has(b.s, "<rect x=\"8.0\" y=\"30.0\" width=\"440.0\" height=\"18.0\" fill=\"#1d70b8\"/>");
	has(b.s, "<rect x=\"8.0\" y=\"74.0\" width=\"220.0\" height=\"18.0\" fill=\"#1d70b8\"/>");
	/* each value as text after its bar: 8 + 440 + 6 */
	has(b.s, "<text x=\"454.0\" y=\"44.0\" font-size=\"13\" fill=\"#0b0c0c\">10</text>");
	has(b.s, "<text x=\"234.0\" y=\"88.0\" font-size=\"13\" fill=\"#0b0c0c\">5</text>");
	/* one series: no legend */
	has_not(b.s, ">Received</text>");
	buf_free(&b);
}

static void test_percent_and_missing(void **ts)
{
	static const char *const labels[] = { "Stage 1", "Stage 2" };
	static const double v[] = { 95.8, NAN };
	const struct svg_series series[] = { { "CH02", v } };
	struct svg_chart c = { "ch02", "CH02", NULL, labels, 2, series, 1, "%", 1, 100 };
	struct buf b = BUF_INIT;

	(void)ts;
	svg_bars(&b, &c);
	well_formed(b.s);
	/* no desc: the name alone */
	has(b.s, "aria-labelledby=\"ch02-title\"");
	has_not(b.s, "<desc");
	/* 95.8 of 100 is 421.52 px: a tenth of a pixel is kept */
	has(b.s, "width=\"421.5\"");
	has(b.s, ">95.8%</text>");
	/* nothing to divide by: no bar, and says so */
	assert_int_equal(count(b.s, "<rect "), 1);
	has(b.s, ">no figure</text>");
	buf_free(&b);
}

static void test_hostile_text(void **ts)
{
	static const char *const labels[] = { "\"><script>alert(1)</script>" };
	static const double v[] = { 3 };
	const struct svg_series series[] = { { "<img src=x onerror=alert(2)>", v },
					     { "B & 'C'", v } };
	struct svg_chart c = { "x\"y", "</title><script>alert(3)</script>", "a < b",
			       labels, 1, series, 2, "<%>", 0, 0 };
	struct buf b = BUF_INIT;

	(void)ts;
	svg_bars(&b, &c);
	assert_int_equal(count(b.s, "<script"), 0);
	assert_int_equal(count(b.s, "<img"), 0);
	has(b.s, "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;</title>");
	has(b.s, "id=\"x&quot;y-title\"");
	has(b.s, ">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</text>");
	has(b.s, ">&lt;img src=x onerror=alert(2)&gt;</text>");
	has(b.s, ">B &amp; &#39;C&#39;</text>");
	has(b.s, ">3&lt;%&gt;</text>");
	assert_int_equal(count(b.s, "<title "), 1);
	assert_int_equal(count(b.s, "</title>"), 1);
	buf_free(&b);
}

static void test_columns(void **ts)
{
	static const char *const labels[] = { "Apr", "May", "Jun" };
	static const double v[] = { 4, 8, 0 };
	const struct svg_series series[] = { { "Received", v } };
	struct svg_chart c = { "months", "Received month by month", "Columns", labels, 3,
			       series, 1, NULL, 0, 0 };
	struct buf b = BUF_INIT;

	(void)ts;
	svg_columns(&b, &c);
	well_formed(b.s);
	/* the top is 8: 180 high; 4 is 90; 0 draws nothing.  The baseline is
	 * at 8 + 20 + 180 = 208; the first group starts at 48 + 6. */
	assert_int_equal(count(b.s, "<rect "), 2);
	has(b.s, "<rect x=\"55.0\" y=\"118.0\" width=\"20.0\" height=\"90.0\" fill=\"#1d70b8\"/>");
	has(b.s, "<rect x=\"89.0\" y=\"28.0\" width=\"20.0\" height=\"180.0\" fill=\"#1d70b8\"/>");
	/* each value above its column, each month under its group */
	has(b.s, ">4</text>");
	has(b.s, ">8</text>");
	has(b.s, "y=\"204.0\" font-size=\"11\" text-anchor=\"middle\" fill=\"#0b0c0c\">0</text>");
	has(b.s, ">Apr</text>");
	has(b.s, ">Jun</text>");
	has(b.s, "<line x1=\"48.0\" y1=\"208.0\"");
	buf_free(&b);
}

static void test_legend_and_zero(void **ts)
{
	static const char *const labels[] = { "2025-04", "2025-05" };
	static const double a[] = { 0, 0 }, z[] = { 0, NAN };
	const struct svg_series series[] = { { "Stage 1", a }, { "Stage 2", z } };
	struct svg_chart c = { "two", "Two series", NULL, labels, 2, series, 2, NULL, 0, 0 };
	struct buf b = BUF_INIT;

	(void)ts;
	svg_columns(&b, &c);
	well_formed(b.s);
	/* every value 0: no column, no division by zero, the top is 1 */
	has(b.s, ">1</text>");
	/* a legend: a swatch of each colour and each name as text */
	assert_int_equal(count(b.s, "<rect "), 2);
	has(b.s, "fill=\"#1d70b8\"/><text x=\"28.0\" y=\"20.0\" font-size=\"14\" fill=\"#0b0c0c\">Stage 1</text>");
	has(b.s, "fill=\"#00703c\"/><text x=\"28.0\" y=\"40.0\" font-size=\"14\" fill=\"#0b0c0c\">Stage 2</text>");
	has(b.s, ">-</text>");
	has_not(b.s, "nan");
	buf_free(&b);
}

static void test_long_label(void **ts)
{
	char label[256] = "";
	static const double v[] = { 1 };
	const char *labels[1] = { label };
	const struct svg_series series[] = { { "x", v } };
	struct svg_chart c = { "l", "Long", NULL, labels, 1, series, 1, NULL, 0, 0 };
	struct buf b = BUF_INIT, want = BUF_INIT;

	(void)ts;
	for (int i = 0; i < 100; i++)
		strcat(label, "\xC3\xA9");	/* é: two bytes each */
	svg_bars(&b, &c);
	/* cut at 80 bytes, 40 characters, never inside one, then an ellipsis */
	buf_puts(&want, ">");
	for (int i = 0; i < 40; i++)
		buf_puts(&want, "\xC3\xA9");
	buf_puts(&want, "\xE2\x80\xA6</text>");
	has(b.s, want.s);
	buf_free(&want);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_percent_and_missing),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_legend_and_zero),
		cmocka_unit_test(test_long_label),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
