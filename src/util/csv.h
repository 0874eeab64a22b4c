/*
 * csv.h - reading and writing CSV (RFC 4180) in memory.
 *
 * Reading: fields are separated by commas and records end with CRLF or
 * LF.  A field that starts with a double quote is quoted: it may then hold
 * commas, line ends and quotes (written twice, ""), and ends at the
 * closing quote, which must be followed by a comma, a line end or the end
 * of the input.  A UTF-8 byte order mark at the very start is skipped.
 * Each record carries the physical line it starts on (a quoted field with
 * line ends spans several lines), so errors can name lines in the file as
 * an editor shows them.  Malformed input is refused, naming the line: a
 * quote inside an unquoted field, text after a closing quote, a quoted
 * field still open at the end of the input, a carriage return not followed
 * by a line feed outside quotes, a NUL byte, and bytes that are not UTF-8.
 * Field text is kept exactly as written (line ends inside quoted fields
 * too); a blank line reads as a record with one empty field.
 *
 * Writing: a field is quoted when it holds a comma, a quote, CR or LF, or
 * starts or ends with a space; quotes inside are doubled; records end with
 * CRLF.
 *
 * Spreadsheet (formula) injection: a spreadsheet opening a CSV file runs
 * a cell that starts with =, +, - or @ (and some also a leading tab or CR)
 * as a formula, so text a resident typed could run in the landlord's
 * spreadsheet.  With CSV_SPREADSHEET the writer puts a single quote '
 * before such a field, which spreadsheets show as text.  A field that
 * already starts with one or more quotes ' followed by one of those
 * characters gets one more, so csv_unprotect() gives back exactly the text
 * that was written.  Every export meant for people to open (complaints and
 * events) is written with CSV_SPREADSHEET; the importer unprotects each
 * cell, so such an export imports unchanged.
 *
 * No I/O here: the caller reads and writes the files.
 */
#ifndef REDRESS_UTIL_CSV_H
#define REDRESS_UTIL_CSV_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

struct csv_reader {
	const char *p;		/* the next byte to read */
	const char *end;
	int line;		/* physical line of "p", from 1 */
	int bad_line;		/* after an error: the line it names */
	const char *bad_why;	/* after an error: what is wrong (static text) */
};

struct csv_record {
	char **field;		/* "n" NUL-terminated texts */
	size_t n;
	size_t cap;
	int line;		/* the physical line the record starts on */
};

#define CSV_RECORD_INIT { NULL, 0, 0, 0 }

/* Reads "len" bytes of "text" (which must outlive the reader). */
void csv_reader_init(struct csv_reader *rd, const char *text, size_t len);

/*
 * Reads the next record into "rec" (replacing what it held).  Returns 1
 * with a record, 0 at the end of the input, or -1 for malformed input
 * with "e" (RD_EINVAL) saying "line N: what is wrong"; bad_line and
 * bad_why say the same in parts.  After -1 the reader stays at the error.
 */
int csv_read(struct csv_reader *rd, struct csv_record *rec, struct rd_err *e);

void csv_record_free(struct csv_record *rec);

/* Writer flags. */
#define CSV_SPREADSHEET 1u	/* protect against formula injection */

/* Appends one field (NULL is empty), quoted when needed; no separator. */
void csv_put_field(struct buf *b, const char *s, unsigned flags);

/* Appends "n" fields separated by commas and a CRLF. */
void csv_put_row(struct buf *b, const char *const *fields, size_t n,
		 unsigned flags);

/* The text that was given to a CSV_SPREADSHEET writer for field "s" (a
 * pointer into "s"; "s" itself when it was not protected). */
const char *csv_unprotect(const char *s);

#endif
