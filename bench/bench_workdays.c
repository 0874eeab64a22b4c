/*
 * bench_workdays.c - how fast cal_add() and cal_count() are on the
 * England & Wales calendar.
 *
 * Each run makes 50 million calls over a table of varied dates (1990 to
 * 2150) and day counts (-60 to 60), sums the results so the compiler
 * cannot drop the calls, and the median of 5 runs is printed.  Building
 * a calendar is timed too, as the store builds one per region and
 * calendar version.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/calendar.h"

#define CALLS 50000000L
#define RUNS 5
#define NTAB 8192		/* a power of two */

static date_t from_tab[NTAB], to_tab[NTAB];
static int n_tab[NTAB];
static volatile int64_t sink;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t next_rand(uint32_t *s)
{
	/* xorshift32 */
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v)
{
	qsort(v, RUNS, sizeof(*v), cmp_double);
	return v[RUNS / 2];
}

static void fill_tables(void)
{
	date_t lo, hi;
	uint32_t s = 2463534242u;

	date_parse("1990-01-01", &lo);
	date_parse("2150-12-31", &hi);
	for (int i = 0; i < NTAB; i++) {
		from_tab[i] = lo +
			      (date_t)(next_rand(&s) % (uint32_t)(hi - lo));
		n_tab[i] = (int)(next_rand(&s) % 121) - 60;
		to_tab[i] = from_tab[i] + (date_t)(next_rand(&s) % 801) - 400;
	}
}

static double run_add(const calendar *c)
{
	int64_t sum = 0;
	double t0 = now();

	for (long i = 0; i < CALLS; i++) {
		long j = i & (NTAB - 1);
		date_t out;

		if (cal_add(c, from_tab[j], n_tab[j], &out, NULL) == 0)
			sum += out;
	}
	t0 = now() - t0;
	sink += sum;
	return (double)CALLS / t0;
}

static double run_count(const calendar *c)
{
	int64_t sum = 0;
	double t0 = now();

	for (long i = 0; i < CALLS; i++) {
		long j = i & (NTAB - 1);
		int out;

		if (cal_count(c, from_tab[j], to_tab[j], &out, NULL) == 0)
			sum += out;
	}
	t0 = now() - t0;
	sink += sum;
	return (double)CALLS / t0;
}

int main(void)
{
	double add[RUNS], count[RUNS], build[RUNS];
	calendar *c = NULL;

	fill_tables();
	for (int r = 0; r < RUNS; r++) {
		double t0 = now();

		cal_free(c);
		c = cal_new(CAL_ENGLAND_WALES, NULL, 0, NULL, 0, 0);
		build[r] = (now() - t0) * 1e3;
		if (!c) {
			fprintf(stderr, "bench_workdays: out of memory\n");
			return 1;
		}
	}
	for (int r = 0; r < RUNS; r++)
		add[r] = run_add(c);
	for (int r = 0; r < RUNS; r++)
		count[r] = run_count(c);
	cal_free(c);

	printf("workdays_add: %.0f calls/s (median of %d)\n", median(add),
	       RUNS);
	printf("workdays_count: %.0f calls/s (median of %d)\n", median(count),
	       RUNS);
	printf("workdays_cal_new: %.2f ms per calendar (median of %d)\n",
	       median(build), RUNS);
	return 0;
}
