/*
 * fuzz_csv.c - any bytes as a CSV file: the reader returns records or a
 * clear error; every record it returns, written back with the writer and
 * read again, gives the same fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader rd, again;
	struct csv_record rec = CSV_RECORD_INIT, rec2 = CSV_RECORD_INIT;
	struct rd_err e;
	int got;

	csv_reader_init(&rd, (const char *)data, size);
	while ((got = csv_read(&rd, &rec, &e)) > 0) {
		struct buf b = BUF_INIT;

		csv_put_row(&b, (const char *const *)rec.field, rec.n, 0);
		csv_reader_init(&again, buf_str(&b), b.len);
		if (csv_read(&again, &rec2, &e) != 1 || rec2.n != rec.n)
			abort();
		for (size_t i = 0; i < rec.n; i++)
			if (strcmp(rec.field[i], rec2.field[i]))
				abort();
		buf_free(&b);
	}
	csv_record_free(&rec);
	csv_record_free(&rec2);
	return 0;
}
