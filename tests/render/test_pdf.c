/*
 * test_pdf.c - A4 letters: read back with poppler's pdftotext and
 * pdfinfo, every paragraph arrives once whatever the page breaks, every
 * page has the reference and "Page N of M", large print is 16 pt or more
 * everywhere, and markup that does not parse is refused.  Drawings (SVG):
 * drawn (their text read back, their colour seen in pdftoppm's picture of
 * the page), made to fit the width, never split across pages, kept with
 * the heading before them; SVG that does not parse or has no size is
 * refused.  The PDFs are kept under test-artifacts/render/.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "render/pdf.h"

#define NPARA 40

static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(&b, chunk, n);
	assert_int_equal(pclose(p), 0);
	buf_puts(&b, "");
	return buf_detach(&b);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Renders NPARA paragraphs (and a heading, list items and an address)
 * into test-artifacts/render/NAME.pdf; returns the file's path. */
static void make(const char *name, double pt, char *path, size_t n)
{
	struct pdf_block b[NPARA + 6];
	char *text[NPARA];
	struct pdf_doc d;
	struct buf out = BUF_INIT;
	struct rd_err e;
	size_t k = 0;
	FILE *f;

	b[k++] = (struct pdf_block){ PDF_LINES, "Ann Lee\n2 Hill Road\nLeeds" };
	b[k++] = (struct pdf_block){ PDF_HEADING, "Fish &amp; chips &lt;heading&gt;" };
	b[k++] = (struct pdf_block){ PDF_ITEM, "first item" };
	b[k++] = (struct pdf_block){ PDF_ITEM, "second item" };
	for (int i = 0; i < NPARA; i++) {
		struct buf p = BUF_INIT;

		buf_printf(&p, "Start%d ", i);
		for (int w = 0; w < 30; w++)
			buf_puts(&p, "word ");
		buf_printf(&p, "end%d.", i);
		text[i] = buf_detach(&p);
		b[k++] = (struct pdf_block){ PDF_PARA, text[i] };
	}
	memset(&d, 0, sizeof(d));
	d.title = "A test letter";
	d.organisation = "Riverside Homes";
	d.letterhead = "1 River Street, Leeds\nPhone: 0300 123 4567";
	d.reference = "CMP-2026-000042";
	d.font_pt = pt;
	assert_int_equal(pdf_render(&d, b, k, &out, &e), 0);
	assert_memory_equal(out.s, "%PDF-1.", 7);
	mkdir("test-artifacts", 0755);
	mkdir("test-artifacts/render", 0755);
	snprintf(path, n, "test-artifacts/render/%s.pdf", name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(out.s, 1, out.len, f), out.len);
	fclose(f);
	buf_free(&out);
	for (int i = 0; i < NPARA; i++)
		free(text[i]);
}

static int pages_of(const char *path)
{
	char cmd[300], *info, *p;
	int pages;

	snprintf(cmd, sizeof(cmd), "pdfinfo '%s'", path);
	info = run(cmd);
	p = strstr(info, "Pages:");
	assert_non_null(p);
	pages = atoi(p + 6);
	assert_non_null(strstr(info, "A4"));
	assert_non_null(strstr(info, "Title:           A test letter"));
	free(info);
	return pages;
}

static void test_pages(void **ts)
{
	char path[256], cmd[400], *text, want[64];
	int pages;

	(void)ts;
	make("standard", 11, path, sizeof(path));
	pages = pages_of(path);
	assert_true(pages >= 2);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' -", path);
	text = run(cmd);
	assert_non_null(strstr(text, "Riverside Homes"));
	assert_non_null(strstr(text, "Phone: 0300 123 4567"));
	assert_non_null(strstr(text, "Fish & chips <heading>"));
	assert_non_null(strstr(text, "first item"));
	assert_non_null(strstr(text, "2 Hill Road"));
	for (int i = 0; i < NPARA; i++) {
		snprintf(want, sizeof(want), "Start%d ", i);
		if (count(text, want) != 1)
			fail_msg("paragraph %d starts %d times", i, count(text, want));
		snprintf(want, sizeof(want), "end%d.", i);
		if (count(text, want) != 1)
			fail_msg("paragraph %d ends %d times", i, count(text, want));
	}
	/* The reference and the page number on every page. */
	assert_int_equal(count(text, "Reference CMP-2026-000042"), pages);
	for (int p = 1; p <= pages; p++) {
		snprintf(want, sizeof(want), "Page %d of %d", p, pages);
		if (count(text, want) != 1)
			fail_msg("\"%s\" appears %d times", want, count(text, want));
	}
	free(text);
}

/* The heights of the words pdftotext -bbox reports, smallest and largest. */
static void word_heights(const char *path, double *lo, double *hi)
{
	char cmd[300], *html, *p;

	snprintf(cmd, sizeof(cmd), "pdftotext -bbox '%s' -", path);
	html = run(cmd);
	*lo = 1e9;
	*hi = 0;
	for (p = html; (p = strstr(p, "<word ")); p++) {
		double x0, y0, x1, y1;

		assert_int_equal(sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
					&x0, &y0, &x1, &y1), 4);
		if (y1 - y0 < *lo)
			*lo = y1 - y0;
		if (y1 - y0 > *hi)
			*hi = y1 - y0;
	}
	free(html);
}

static void test_large_print(void **ts)
{
	char std[256], large[256];
	double lo, hi, slo, shi;

	(void)ts;
	make("standard", 11, std, sizeof(std));
	make("large-print", 16, large, sizeof(large));
	/* pdftotext's word box is the height of DejaVu Sans's bounding box:
	 * 1.5506 times the size (9 pt footer words are 13.96 high). */
	word_heights(std, &slo, &shi);
	word_heights(large, &lo, &hi);
	if (lo / 1.5506 < 15.99)
		fail_msg("a large print word is only %.2f pt", lo / 1.5506);
	if (slo / 1.5506 > 9.01)
		fail_msg("the standard letter's smallest word is %.2f pt", slo / 1.5506);
	(void)hi;
	(void)shi;
	assert_true(pages_of(large) > pages_of(std));
}

static void test_bad_markup(void **ts)
{
	struct pdf_block b[] = { { PDF_PARA, "an <b>unclosed tag" } };
	struct pdf_doc d = { "t", "Org", "", "CMP-1", 11, NULL, 0 };
	struct buf out = BUF_INIT;
	struct rd_err e;

	(void)ts;
	err_clear(&e);
	assert_int_equal(pdf_render(&d, b, 1, &out, &e), -1);
	assert_int_equal(e.kind, RD_EINVAL);
	assert_non_null(strstr(e.msg, "not valid markup"));
	buf_free(&out);
}

/* A drawing "w" by "h" CSS pixels: a red rectangle over all of it and the
 * word "word" in its bottom right corner. */
static char *drawing(int w, int h, const char *word)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" "
		   "height=\"%d\" viewBox=\"0 0 %d %d\"><title>Not drawn</title>"
		   "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#d4351c\"/>"
		   "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"end\" "
		   "fill=\"#0b0c0c\">%s</text></svg>\n", w, h, w, h, w, h, w - 4, h - 4, word);
	return buf_detach(&b);
}

/* Renders "blocks" into test-artifacts/render/NAME.pdf. */
static void write_pdf(const char *name, const struct pdf_block *b, size_t n, char *path,
		      size_t len)
{
	struct pdf_doc d = { "A test letter", "Riverside Homes", "", "CMP-2026-000042", 11, NULL, 0 };
	struct buf out = BUF_INIT;
	struct rd_err e;
	FILE *f;

	err_clear(&e);
	if (pdf_render(&d, b, n, &out, &e))
		fail_msg("pdf_render: %s", e.msg);
	mkdir("test-artifacts", 0755);
	mkdir("test-artifacts/render", 0755);
	snprintf(path, len, "test-artifacts/render/%s.pdf", name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(out.s, 1, out.len, f), out.len);
	fclose(f);
	buf_free(&out);
}

/* How many pixels of page "page" are the drawing's red, in pdftoppm's
 * picture of it at 20 dpi. */
static int red_pixels(const char *path, int page)
{
	char cmd[400], *ppm, *p;
	int w, h, max, off, n = 0;

	snprintf(cmd, sizeof(cmd), "pdftoppm -r 20 -f %d -l %d '%s'", page, page, path);
	ppm = run(cmd);
	assert_int_equal(sscanf(ppm, "P6 %d %d %d%n", &w, &h, &max, &off), 3);
	assert_int_equal(max, 255);
	p = ppm + off + 1;
	for (int i = 0; i < w * h; i++, p += 3)
		if ((unsigned char)p[0] > 180 && (unsigned char)p[1] < 110 && (unsigned char)p[2] < 90)
			n++;
	free(ppm);
	return n;
}

static char *page_text(const char *path, int page)
{
	char cmd[400];

	snprintf(cmd, sizeof(cmd), "pdftotext -f %d -l %d '%s' -", page, page, path);
	return run(cmd);
}

/* Text fills most of page 1; the heading and the drawing after it do not
 * fit under it, so both start page 2, whole, and the text after them
 * follows the drawing; a second drawing, with no heading, does not fit
 * under that and starts page 3. */
static void test_svg_whole(void **ts)
{
	struct pdf_block b[32];
	char *svg = drawing(400, 500, "tallword"), *svg2 = drawing(400, 500, "secondword");
	char path[256], *p1, *p2, *p3;
	size_t k = 0;

	(void)ts;
	for (int i = 0; i < 12; i++)
		b[k++] = (struct pdf_block){ PDF_PARA, "Some words to fill the page with, line after line, "
			"until little of the page is left for anything else that follows." };
	b[k++] = (struct pdf_block){ PDF_HEADING, "Chart: a tall one" };
	b[k++] = (struct pdf_block){ PDF_SVG, svg };
	b[k++] = (struct pdf_block){ PDF_PARA, "After the drawing." };
	b[k++] = (struct pdf_block){ PDF_SVG, svg2 };
	write_pdf("svg-whole", b, k, path, sizeof(path));
	assert_int_equal(pages_of(path), 3);
	p1 = page_text(path, 1);
	p2 = page_text(path, 2);
	p3 = page_text(path, 3);
	assert_null(strstr(p1, "Chart: a tall one"));
	assert_null(strstr(p1, "tallword"));
	assert_non_null(strstr(p2, "Chart: a tall one"));
	assert_non_null(strstr(p2, "tallword"));
	assert_non_null(strstr(p2, "After the drawing."));
	assert_true(strstr(p2, "tallword") < strstr(p2, "After the drawing."));
	assert_null(strstr(p2, "secondword"));
	assert_non_null(strstr(p3, "secondword"));
	assert_null(strstr(p2, "Not drawn"));
	/* 400 x 500 px is 300 x 375 pt: at 20 dpi, about 83 x 104 pixels,
	 * each page one drawing's worth. */
	assert_int_equal(red_pixels(path, 1), 0);
	assert_in_range(red_pixels(path, 2), 7800, 9500);
	assert_in_range(red_pixels(path, 3), 7800, 9500);
	free(p1);
	free(p2);
	free(p3);
	free(svg);
	free(svg2);
}

/* A drawing wider than the text is made smaller to fit between the
 * margins: its right-hand word ends inside the right margin. */
static void test_svg_fits(void **ts)
{
	char *svg = drawing(2000, 300, "rightword"), path[256], cmd[300], *html, *p;
	struct pdf_block b[] = { { PDF_PARA, "Before." }, { PDF_SVG, svg } };
	double x0, y0, x1, y1;

	(void)ts;
	write_pdf("svg-fits", b, 2, path, sizeof(path));
	assert_int_equal(pages_of(path), 1);
	snprintf(cmd, sizeof(cmd), "pdftotext -bbox '%s' -", path);
	html = run(cmd);
	p = strstr(html, ">rightword<");
	assert_non_null(p);
	while (p > html && strncmp(p, "<word ", 6))
		p--;
	assert_int_equal(sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
				&x0, &y0, &x1, &y1), 4);
	/* A4 is 595.3 pt wide, the margins 62 pt. */
	assert_true(x1 <= 595.3 - 62 + 0.5);
	assert_true(x1 >= 595.3 - 62 - 20);
	free(html);
	free(svg);
}

static void test_svg_bad(void **ts)
{
	static const char *const bad[][2] = {
		{ "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect", "not valid SVG" },
		{ "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"5\" height=\"5\"/></svg>", "no size" },
	};
	struct pdf_doc d = { "t", "Org", "", "CMP-1", 11, NULL, 0 };

	(void)ts;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct pdf_block b[] = { { PDF_PARA, "text" }, { PDF_SVG, bad[i][0] } };
		struct buf out = BUF_INIT;
		struct rd_err e;

		err_clear(&e);
		assert_int_equal(pdf_render(&d, b, 2, &out, &e), -1);
		assert_int_equal(e.kind, RD_EINVAL);
		if (!strstr(e.msg, bad[i][1]))
			fail_msg("drawing %zu: \"%s\" has no \"%s\"", i, e.msg, bad[i][1]);
		buf_free(&out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_large_print),
		cmocka_unit_test(test_bad_markup),
		cmocka_unit_test(test_svg_whole),
		cmocka_unit_test(test_svg_fits),
		cmocka_unit_test(test_svg_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
