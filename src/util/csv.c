/*
 * csv.c - RFC 4180 CSV in memory buffers.
 */
#include "util/csv.h"

#include <stdlib.h>
#include <string.h>

void csv_reader_init(struct csv_reader *rd, const char *text, size_t len)
{
	memset(rd, 0, sizeof(*rd));
	rd->p = text;
	rd->end = text + len;
	rd->line = 1;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		rd->p += 3;
}

void csv_record_free(struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		free(rec->field[i]);
	free(rec->field);
	memset(rec, 0, sizeof(*rec));
}

static void clear(struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		free(rec->field[i]);
	rec->n = 0;
}

static void push(struct csv_record *rec, struct buf *b)
{
	if (rec->n == rec->cap) {
		rec->cap = rec->cap ? rec->cap * 2 : 16;
		rec->field = xrealloc(rec->field, rec->cap * sizeof(*rec->field));
	}
	rec->field[rec->n++] = buf_detach(b);
}

/*
 * The length of the UTF-8 sequence at "p" (1 to 4), or 0 if it is not
 * well-formed (a stray continuation byte, an overlong form, a surrogate,
 * beyond U+10FFFF or cut off by the end).
 */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

static int bad(struct csv_reader *rd, int line, const char *why,
	       struct rd_err *e)
{
	rd->bad_line = line;
	rd->bad_why = why;
	return err_set(e, RD_EINVAL, "", NULL, "line %d: %s", line, why);
}

/* Copies one character (a whole UTF-8 sequence) at rd->p into "b". */
static int take(struct csv_reader *rd, struct buf *b, struct rd_err *e)
{
	const unsigned char *p = (const unsigned char *)rd->p;
	size_t n;

	if (*p == '\0')
		return bad(rd, rd->line, "a NUL byte (the file is not text)", e);
	n = utf8_len(p, (const unsigned char *)rd->end);
	if (!n)
		return bad(rd, rd->line,
			   "bytes that are not UTF-8 (save the file as CSV UTF-8)", e);
	buf_add(b, rd->p, n);
	rd->p += n;
	return 0;
}

/* The end of a record at rd->p: LF, CRLF or the end of the input.
 * Returns 1 (and moves past it) if there is one. */
static int record_end(struct csv_reader *rd)
{
	if (rd->p == rd->end)
		return 1;
	if (*rd->p == '\n') {
		rd->p++;
		rd->line++;
		return 1;
	}
	if (*rd->p == '\r' && rd->p + 1 < rd->end && rd->p[1] == '\n') {
		rd->p += 2;
		rd->line++;
		return 1;
	}
	return 0;
}

/* A quoted field, rd->p just past the opening quote.  0, or -1. */
static int quoted(struct csv_reader *rd, struct buf *b, struct rd_err *e)
{
	int start = rd->line;

	for (;;) {
		if (rd->p == rd->end)
			return bad(rd, start,
				   "a quoted field is not closed before the end of the file", e);
		if (*rd->p == '"') {
			if (rd->p + 1 < rd->end && rd->p[1] == '"') {
				buf_add(b, "\"", 1);
				rd->p += 2;
				continue;
			}
			rd->p++;
			return 0;
		}
		if (*rd->p == '\n')
			rd->line++;
		if (take(rd, b, e))
			return -1;
	}
}

int csv_read(struct csv_reader *rd, struct csv_record *rec, struct rd_err *e)
{
	struct buf b = BUF_INIT;

	clear(rec);
	if (rd->p >= rd->end)
		return 0;
	rec->line = rd->line;
	for (;;) {
		buf_reset(&b);
		if (rd->p < rd->end && *rd->p == '"') {
			rd->p++;
			if (quoted(rd, &b, e))
				goto fail;
			push(rec, &b);
			if (record_end(rd))
				return 1;
			if (*rd->p == ',') {
				rd->p++;
				continue;
			}
			bad(rd, rd->line, "text after the closing quote of a quoted field "
			    "(a quote inside a field is written twice: \"\")", e);
			goto fail;
		}
		for (;;) {
			if (rd->p == rd->end || *rd->p == '\n' ||
			    (*rd->p == '\r' && rd->p + 1 < rd->end && rd->p[1] == '\n')) {
				push(rec, &b);
				record_end(rd);
				return 1;
			}
			if (*rd->p == ',') {
				push(rec, &b);
				rd->p++;
				break;
			}
			if (*rd->p == '\r') {
				bad(rd, rd->line, "a carriage return that does not end a line "
				    "(lines end with CRLF or LF)", e);
				goto fail;
			}
			if (*rd->p == '"') {
				bad(rd, rd->line, "a quote in a field that is not quoted (a field "
				    "holding quotes must be enclosed in quotes, each quote written twice)", e);
				goto fail;
			}
			if (take(rd, &b, e))
				goto fail;
		}
	}
fail:
	buf_free(&b);
	clear(rec);
	return -1;
}

/* ---- writing -------------------------------------------------------- */

/* A spreadsheet may take a cell starting with one of these as a formula. */
static int formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	       c == '\r';
}

/* 1 if "s" is a run of single quotes (maybe none) and then a formula
 * start. */
static int quote_run_then_formula(const char *s)
{
	while (*s == '\'')
		s++;
	return *s && formula_start(*s);
}

const char *csv_unprotect(const char *s)
{
	if (s && s[0] == '\'' && quote_run_then_formula(s))
		return s + 1;
	return s;
}

void csv_put_field(struct buf *b, const char *s, unsigned flags)
{
	int protect, quote;
	size_t n;

	if (!s)
		s = "";
	n = strlen(s);
	protect = (flags & CSV_SPREADSHEET) && quote_run_then_formula(s);
	/* A field that starts with a byte-order mark is quoted too: at the
	 * start of a file, a reader would take the mark for the file's. */
	quote = strpbrk(s, ",\"\r\n") != NULL ||
		(n && (s[0] == ' ' || s[n - 1] == ' ')) ||
		!strncmp(s, "\xef\xbb\xbf", 3);
	if (quote)
		buf_add(b, "\"", 1);
	if (protect)
		buf_add(b, "'", 1);
	if (quote) {
		const char *q;

		while ((q = strchr(s, '"'))) {
			buf_add(b, s, (size_t)(q - s) + 1);
			buf_add(b, "\"", 1);
			s = q + 1;
		}
	}
	buf_puts(b, s);
	if (quote)
		buf_add(b, "\"", 1);
}

void csv_put_row(struct buf *b, const char *const *fields, size_t n,
		 unsigned flags)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_add(b, ",", 1);
		csv_put_field(b, fields[i], flags);
	}
	buf_add(b, "\r\n", 2);
}
