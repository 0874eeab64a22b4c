/*
 * test_csv.c - src/util/csv.c: reading (quotes, embedded line ends, CRLF,
 * the byte order mark, empty fields, line numbers), refusing malformed
 * input with the line it is on, writing with quoting, and formula
 * protection that csv_unprotect() undoes exactly.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "util/csv.h"

#define MAXREC 4
#define MAXF 4

/* A well-formed input and the records it must give: each record's first
 * line and its fields (NULL ends the list). */
static const struct good {
	const char *name, *in;
	size_t len;		/* 0: strlen(in) */
	int nrec;
	struct {
		int line;
		const char *f[MAXF + 1];
	} rec[MAXREC];
} goods[] = {
	{ "two LF records", "a,b,c\n1,2,3\n", 0, 2,
	  { { 1, { "a", "b", "c", NULL } }, { 2, { "1", "2", "3", NULL } } } },
	{ "CRLF line ends are not part of the fields", "a,b\r\n1,2\r\n", 0, 2,
	  { { 1, { "a", "b", NULL } }, { 2, { "1", "2", NULL } } } },
	{ "no line end after the last record", "a,b\n1,2", 0, 2,
	  { { 1, { "a", "b", NULL } }, { 2, { "1", "2", NULL } } } },
	{ "quoted comma", "\"a,b\",c\n", 0, 1,
	  { { 1, { "a,b", "c", NULL } } } },
	{ "doubled quotes", "\"say \"\"hi\"\"\",x\n", 0, 1,
	  { { 1, { "say \"hi\"", "x", NULL } } } },
	{ "embedded LF: the next record starts on line 3",
	  "\"line1\nline2\",x\nnext,y\n", 0, 2,
	  { { 1, { "line1\nline2", "x", NULL } }, { 3, { "next", "y", NULL } } } },
	{ "embedded CRLF kept as written", "\"a\r\nb\",c\r\nd,e\r\n", 0, 2,
	  { { 1, { "a\r\nb", "c", NULL } }, { 3, { "d", "e", NULL } } } },
	{ "two embedded line ends: the next record is on line 5", "h\n\"1\n2\n3\"\nz\n", 0, 3,
	  { { 1, { "h", NULL } }, { 2, { "1\n2\n3", NULL } }, { 5, { "z", NULL } } } },
	{ "byte order mark skipped", "\xEF\xBB\xBFreceived_on,channel\n", 0, 1,
	  { { 1, { "received_on", "channel", NULL } } } },
	{ "empty fields", ",,\na,,c\n\"\",x\n", 0, 3,
	  { { 1, { "", "", "", NULL } }, { 2, { "a", "", "c", NULL } },
	    { 3, { "", "x", NULL } } } },
	{ "trailing comma gives an empty last field", "a,\n", 0, 1,
	  { { 1, { "a", "", NULL } } } },
	{ "a blank line is one empty field", "a\n\nb\n", 0, 3,
	  { { 1, { "a", NULL } }, { 2, { "", NULL } }, { 3, { "b", NULL } } } },
	{ "spaces are kept", " a , b \n", 0, 1,
	  { { 1, { " a ", " b ", NULL } } } },
	{ "UTF-8 text", "\xC2\xA3" "5,Zo\xC3\xAB,\xE6\x97\xA5,\xF0\x9F\x8F\xA0\n", 0, 1,
	  { { 1, { "\xC2\xA3" "5", "Zo\xC3\xAB", "\xE6\x97\xA5", "\xF0\x9F\x8F\xA0", NULL } } } },
	{ "quoted last field at the end of the input", "x,\"y\"", 0, 1,
	  { { 1, { "x", "y", NULL } } } },
	{ "quoted field holding only a quote", "\"\"\"\"\n", 0, 1,
	  { { 1, { "\"", NULL } } } },
	{ "empty input", "", 0, 0, { { 0, { NULL } } } },
	{ "only a byte order mark", "\xEF\xBB\xBF", 0, 0, { { 0, { NULL } } } },
};

static void test_read_good(void **ts)
{
	(void)ts;
	for (size_t i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		const struct good *g = &goods[i];
		struct csv_reader rd;
		struct csv_record rec = CSV_RECORD_INIT;
		struct rd_err e;
		int k = 0, rc;

		csv_reader_init(&rd, g->in, g->len ? g->len : strlen(g->in));
		while ((rc = csv_read(&rd, &rec, &e)) == 1) {
			size_t nf = 0;

			if (k >= g->nrec)
				fail_msg("%s: more than %d records", g->name, g->nrec);
			while (g->rec[k].f[nf])
				nf++;
			if (rec.line != g->rec[k].line)
				fail_msg("%s: record %d starts on line %d, want %d", g->name,
					 k + 1, rec.line, g->rec[k].line);
			if (rec.n != nf)
				fail_msg("%s: record %d has %zu fields, want %zu", g->name,
					 k + 1, rec.n, nf);
			for (size_t f = 0; f < nf; f++)
				if (strcmp(rec.field[f], g->rec[k].f[f]))
					fail_msg("%s: record %d field %zu is [%s], want [%s]",
						 g->name, k + 1, f + 1, rec.field[f], g->rec[k].f[f]);
			k++;
		}
		if (rc != 0)
			fail_msg("%s: read failed: %s", g->name, e.msg);
		if (k != g->nrec)
			fail_msg("%s: %d records, want %d", g->name, k, g->nrec);
		/* At the end it stays at the end. */
		assert_int_equal(csv_read(&rd, &rec, &e), 0);
		csv_record_free(&rec);
	}
}

/* A malformed input: how many records read before the error, the line
 * the error names and words from its reason. */
static const struct badcase {
	const char *name, *in;
	size_t len;
	int before, line;
	const char *why;
} bads[] = {
	{ "quote inside an unquoted field", "a,b\nc,d\"e\n", 0, 1, 2, "not quoted" },
	{ "quote after spaces is still unquoted", "a\n \"b\"\n", 0, 1, 2, "not quoted" },
	{ "unterminated quote names the line it opened on",
	  "a\n\"open,\nmore\nand more\n", 0, 1, 2, "not closed" },
	{ "truncated last field", "h1,h2\nx,\"never closed", 0, 1, 2, "not closed" },
	{ "text after a closing quote", "\"a\"b,c\n", 0, 0, 1, "after the closing quote" },
	{ "NUL byte", "a,b\nc\0d\n", 8, 1, 2, "NUL" },
	{ "NUL inside quotes", "\"a\0\"\n", 5, 0, 1, "NUL" },
	{ "invalid byte after an embedded line end", "a\n\"x\ny\xFF\"\n", 0, 1, 3, "UTF-8" },
	{ "stray continuation byte", "\x80" "abc\n", 0, 0, 1, "UTF-8" },
	{ "overlong encoding", "a\n\xC0\xAF\n", 0, 1, 2, "UTF-8" },
	{ "overlong three bytes", "\xE0\x80\xAF\n", 0, 0, 1, "UTF-8" },
	{ "surrogate", "\xED\xA0\x80\n", 0, 0, 1, "UTF-8" },
	{ "beyond U+10FFFF", "\xF4\x90\x80\x80\n", 0, 0, 1, "UTF-8" },
	{ "sequence cut off by the end", "ab\xE2\x82", 0, 0, 1, "UTF-8" },
	{ "Latin-1 pound sign", "\xA3" "5\n", 0, 0, 1, "UTF-8" },
	{ "bare carriage return", "a\rb\n", 0, 0, 1, "carriage return" },
	{ "carriage return at the end", "a,b\nc\r", 0, 1, 2, "carriage return" },
};

static void test_read_bad(void **ts)
{
	(void)ts;
	for (size_t i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		const struct badcase *b = &bads[i];
		struct csv_reader rd;
		struct csv_record rec = CSV_RECORD_INIT;
		struct rd_err e;
		char want[32];
		int k = 0, rc;

		err_clear(&e);
		csv_reader_init(&rd, b->in, b->len ? b->len : strlen(b->in));
		while ((rc = csv_read(&rd, &rec, &e)) == 1)
			k++;
		if (rc != -1)
			fail_msg("%s: accepted (rc %d)", b->name, rc);
		if (k != b->before)
			fail_msg("%s: %d records before the error, want %d", b->name, k, b->before);
		if (rd.bad_line != b->line)
			fail_msg("%s: error on line %d, want %d (%s)", b->name, rd.bad_line,
				 b->line, e.msg);
		assert_int_equal(e.kind, RD_EINVAL);
		snprintf(want, sizeof(want), "line %d: ", b->line);
		if (strncmp(e.msg, want, strlen(want)) || !strstr(e.msg, b->why))
			fail_msg("%s: message [%s] lacks [%s] or [%s]", b->name, e.msg, want, b->why);
		assert_int_equal(rec.n, 0);
		csv_record_free(&rec);
	}
}

/* One field written without and with formula protection. */
static const struct wcase {
	const char *in, *plain, *sheet;
} writes[] = {
	{ "plain", "plain", "plain" },
	{ "mid space", "mid space", "mid space" },
	{ "a,b", "\"a,b\"", "\"a,b\"" },
	{ "say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\"" },
	{ "two\nlines", "\"two\nlines\"", "\"two\nlines\"" },
	{ "cr\rhere", "\"cr\rhere\"", "\"cr\rhere\"" },
	{ " lead", "\" lead\"", "\" lead\"" },
	{ "trail ", "\"trail \"", "\"trail \"" },
	{ "", "", "" },
	{ "=SUM(A1:A9)", "=SUM(A1:A9)", "'=SUM(A1:A9)" },
	{ "+44 7700 900000", "+44 7700 900000", "'+44 7700 900000" },
	{ "-5", "-5", "'-5" },
	{ "@cmd", "@cmd", "'@cmd" },
	{ "\tx", "\tx", "'\tx" },
	{ "\rx", "\"\rx\"", "\"'\rx\"" },
	{ "=1,2", "\"=1,2\"", "\"'=1,2\"" },
	{ "=x ", "\"=x \"", "\"'=x \"" },
	{ "=\"a\"", "\"=\"\"a\"\"\"", "\"'=\"\"a\"\"\"" },
	{ "'=x", "'=x", "''=x" },
	{ "''-x", "''-x", "'''-x" },
	{ "'abc", "'abc", "'abc" },
	{ "'", "'", "'" },
	{ "a=b", "a=b", "a=b" },
	{ "2026-11-23", "2026-11-23", "2026-11-23" },
};

static void test_write_field(void **ts)
{
	(void)ts;
	for (size_t i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		struct buf a = BUF_INIT, b = BUF_INIT;

		csv_put_field(&a, writes[i].in, 0);
		csv_put_field(&b, writes[i].in, CSV_SPREADSHEET);
		if (strcmp(buf_str(&a), writes[i].plain))
			fail_msg("[%s] written as [%s], want [%s]", writes[i].in, buf_str(&a),
				 writes[i].plain);
		if (strcmp(buf_str(&b), writes[i].sheet))
			fail_msg("[%s] protected as [%s], want [%s]", writes[i].in, buf_str(&b),
				 writes[i].sheet);
		buf_free(&a);
		buf_free(&b);
	}
}

static void test_write_row(void **ts)
{
	const char *fields[] = { "a", "b,c", NULL, "-1" };
	struct buf b = BUF_INIT;

	(void)ts;
	csv_put_row(&b, fields, 4, 0);
	csv_put_row(&b, fields, 4, CSV_SPREADSHEET);
	csv_put_row(&b, fields, 0, 0);
	assert_string_equal(buf_str(&b), "a,\"b,c\",,-1\r\na,\"b,c\",,'-1\r\n\r\n");
	buf_free(&b);
}

static void test_unprotect(void **ts)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{ "'=x", "=x" }, { "''=x", "'=x" }, { "'''-x", "''-x" }, { "'\tx", "\tx" },
		{ "'abc", "'abc" }, { "''abc", "''abc" }, { "'", "'" }, { "''", "''" },
		{ "=x", "=x" }, { "", "" }, { "plain", "plain" },
	};

	(void)ts;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (strcmp(csv_unprotect(rows[i].in), rows[i].out))
			fail_msg("unprotect [%s] gave [%s], want [%s]", rows[i].in,
				 csv_unprotect(rows[i].in), rows[i].out);
}

/* Whatever is written, protected, reads back and unprotects to itself. */
static void test_round_trip(void **ts)
{
	static const char *const fields[] = {
		"=HYPERLINK(\"http://x\")", "'=x", "''=x", "'abc", "-", "'", "",
		"plain", "a,\"b\"\n c", " both ", "\r\nline", "+", "@@", "\t",
		"\xC2\xA3" "150.00", "''", "x'", "=1\r\n=2",
	};
	size_t n = sizeof(fields) / sizeof(fields[0]);
	struct buf b = BUF_INIT;
	struct csv_reader rd;
	struct csv_record rec = CSV_RECORD_INIT;
	struct rd_err e;

	(void)ts;
	csv_put_row(&b, fields, n, CSV_SPREADSHEET);
	csv_put_row(&b, fields, n, 0);
	csv_reader_init(&rd, b.s, b.len);
	assert_int_equal(csv_read(&rd, &rec, &e), 1);
	assert_int_equal(rec.n, n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(csv_unprotect(rec.field[i]), fields[i]))
			fail_msg("field %zu: [%s] came back as [%s]", i + 1, fields[i],
				 csv_unprotect(rec.field[i]));
	/* Fields with line ends span lines: the second record starts on line
	 * 5, after the first record's four line ends ("\n c", "\r\nline" and
	 * "=1\r\n=2" hold one each, and the row's own CRLF). */
	assert_int_equal(csv_read(&rd, &rec, &e), 1);
	assert_int_equal(rec.line, 5);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rec.field[i], fields[i]);
	assert_int_equal(csv_read(&rd, &rec, &e), 0);
	csv_record_free(&rec);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_good),
		cmocka_unit_test(test_read_bad),
		cmocka_unit_test(test_write_field),
		cmocka_unit_test(test_write_row),
		cmocka_unit_test(test_unprotect),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
