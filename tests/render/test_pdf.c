/*
 * test_pdf.c - A4 letters: read back with poppler's pdftotext and
 * pdfinfo, every paragraph arrives once whatever the page breaks, every
 * page has the reference and "Page N of M", large print is 16 pt or more
 * everywhere, and markup that does not parse is refused.  The PDFs are
 * kept under test-artifacts/render/.
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
	struct pdf_doc d = { "t", "Org", "", "CMP-1", 11, NULL };
	struct buf out = BUF_INIT;
	struct rd_err e;

	(void)ts;
	err_clear(&e);
	assert_int_equal(pdf_render(&d, b, 1, &out, &e), -1);
	assert_int_equal(e.kind, RD_EINVAL);
	assert_non_null(strstr(e.msg, "not valid markup"));
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_large_print),
		cmocka_unit_test(test_bad_markup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
