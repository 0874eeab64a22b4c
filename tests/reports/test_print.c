/*
 * test_print.c - a report's PDF carries the charts of its HTML: each under
 * "Chart: " and its title, after the section of the text its heading
 * names, or after the opening lines, or in a section "Charts" at the end;
 * read back with pdftotext.  No HTML: no charts.  The PDFs are kept under
 * test-artifacts/reports/.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reports/print.h"

#define SVG(word) "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rd-chart\" role=\"img\" " \
	"width=\"300\" height=\"60\" viewBox=\"0 0 300 60\"><title id=\"" word "-title\">" \
	"The " word " chart &amp; co</title><desc>d</desc><rect x=\"0\" y=\"0\" width=\"100\" " \
	"height=\"20\" fill=\"#1d70b8\"/><text x=\"8\" y=\"50\" font-size=\"14\">" word "</text></svg>\n"

static const char text[] =
	"Widgets report 2025/26\n"
	"Fenwick & Vale\n"
	"Volumes\n"
	"  received 3\n"
	"  closed 2\n"
	"The outcomes: 2 upheld\n"
	"Months\n"
	"  2025-04   3\n";

static const char html[] =
	SVG("opening")
	"<h2 class=\"govuk-heading-l\">Summary</h2>\n"
	"<h2 class=\"govuk-heading-l\">Volumes and more</h2>\n"
	"<table><tr><td>3</td></tr></table>\n"
	SVG("volumes")
	"<h2 class=\"govuk-heading-l\">Outcomes</h2>\n"
	"<h3 class=\"govuk-heading-m\">Nothing like it</h3>\n"
	SVG("outcomes")
	"<h2 class=\"govuk-heading-l\">Zebras</h2>\n"
	SVG("zebras");

static char *pdf_text(const char *name, const char *with_html)
{
	struct buf out = BUF_INIT, got = BUF_INIT;
	struct rd_err e;
	char path[128], cmd[256], chunk[4096];
	size_t n;
	FILE *f, *p;

	err_clear(&e);
	if (print_pdf("Widgets report 2025/26", "Fenwick & Vale", text, with_html, &out, &e))
		fail_msg("print_pdf: %s", e.msg);
	mkdir("test-artifacts", 0755);
	mkdir("test-artifacts/reports", 0755);
	snprintf(path, sizeof(path), "test-artifacts/reports/%s.pdf", name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(out.s, 1, out.len, f), out.len);
	fclose(f);
	buf_free(&out);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' -", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(&got, chunk, n);
	assert_int_equal(pclose(p), 0);
	buf_puts(&got, "");
	return buf_detach(&got);
}

/* Where "needle" is in "hay", failing if it is not there once. */
static const char *at(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	if (!p)
		fail_msg("no \"%s\" in:\n%s", needle, hay);
	if (strstr(p + 1, needle))
		fail_msg("\"%s\" more than once in:\n%s", needle, hay);
	return p;
}

static void test_charts_placed(void **ts)
{
	char *t = pdf_text("charts", html);
	const char *order[] = {
		"Fenwick & Vale",
		/* before the second <h2>, matching no line: after the opening */
		"Chart: The opening chart & co", "opening",
		"Volumes",
		"closed 2",
		/* "Volumes and more" names the section "Volumes" */
		"Chart: The volumes chart & co", "volumes",
		/* "Outcomes" (the <h3> names nothing) names "The outcomes: ..." */
		"The outcomes: 2 upheld",
		"Chart: The outcomes chart & co", "outcomes",
		"Months",
		"2025-04",
		/* "Zebras" names nothing: at the end */
		"Charts",
		"The figures of these charts are in the report above.",
		"Chart: The zebras chart & co", "zebras",
	};
	const char *last = t;

	(void)ts;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *p = strstr(last, order[i]);

		if (!p)
			fail_msg("\"%s\" is not after \"%s\" in:\n%s", order[i],
				 i ? order[i - 1] : "the start", t);
		last = p + strlen(order[i]);
	}
	at(t, "Chart: The zebras");
	at(t, "Charts\n");
	/* <title> is a heading of its own; <desc> is not drawn. */
	assert_null(strstr(t, "zebras-title"));
	free(t);
}

static void test_no_html(void **ts)
{
	char *t = pdf_text("no-charts", NULL);

	(void)ts;
	at(t, "received 3");
	assert_null(strstr(t, "Chart"));
	free(t);
}

static void test_bad_svg(void **ts)
{
	struct buf out = BUF_INIT;
	struct rd_err e;

	(void)ts;
	err_clear(&e);
	assert_int_equal(print_pdf("t", "o", text, "<h2>Volumes</h2><svg width=\"1\"></svg>", &out, &e),
			 -1);
	assert_int_equal(e.kind, RD_EINVAL);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_charts_placed),
		cmocka_unit_test(test_no_html),
		cmocka_unit_test(test_bad_svg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
