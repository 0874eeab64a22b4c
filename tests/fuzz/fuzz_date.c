/*
 * fuzz_date.c - date parsing round trips: what parses formats back to the
 * same text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[32], out[DATE_STRLEN];
	date_t d;

	if (size >= sizeof(in))
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	if (date_parse(in, &d) == 0 && strcmp(date_format(d, out), in))
		abort();
	return 0;
}
