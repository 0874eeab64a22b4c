/*
 * fuzz_govuk.c - any bytes as GOV.UK's bank-holidays.json, for each
 * region; the overrides, when accepted, build a calendar.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/calendar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int r = 0; r < CAL_NREGIONS; r++) {
		struct cal_override *ov = NULL;
		size_t n = 0;
		int from = 0, to = 0;
		struct rd_err e;

		if (cal_govuk_overrides((const char *)data, size, (enum cal_region)r, &ov, &n,
					&from, &to, &e) == 0) {
			calendar *c = cal_new((enum cal_region)r, ov, n, NULL, 0, 1);

			cal_free(c);
		}
		free(ov);
	}
	return 0;
}
