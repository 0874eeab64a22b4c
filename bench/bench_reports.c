/*
 * bench_reports.c - the TSM report over a generated set of 1,000,000
 * complaints.
 *
 * The report reads the per-complaint columns kept beside each complaint
 * (store/migrations/003), so the data set is generated straight into
 * them: received dates spread over three reporting years, about 20% going
 * to stage 2, responses late about one time in eight, tenures 86% LCRA.
 * Prints the median of 5 runs of the whole report (all homes and both
 * tenures).  Usage: bench_reports DIR [N]
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "reports/tsm.h"
#include "util/rng.h"

#define RUNS 5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void generate(const char *path, long n)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct rng g;
	date_t start;
	char recv[DATE_STRLEN], ack[DATE_STRLEN], resp[DATE_STRLEN], req[DATE_STRLEN],
	     ack2[DATE_STRLEN], resp2[DATE_STRLEN], ref[32];

	rng_seed(&g, 42);
	date_parse("2023-04-01", &start);
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO complaints (reference, status, stage, code_version,"
			   " received_on, category, channel, open, tenure, refused, s1_acknowledged_on,"
			   " s1_responded_on, s1_within, s1_within_no_ext, s2_requested_on,"
			   " s2_acknowledged_on, s2_responded_on, s2_within, s2_within_no_ext)"
			   " VALUES (?1, 'closed', ?2, 2024, ?3, 'repairs', 'phone', 0, ?4, ?5, ?6, ?7,"
			   " ?8, ?8, ?9, ?10, ?11, ?12, ?12)", -1, &st, NULL);
	for (long i = 0; i < n; i++) {
		date_t d = start + (date_t)rng_below(&g, 3 * 365);
		int s2 = rng_chance(&g, 0.2), refused = rng_chance(&g, 0.03);

		snprintf(ref, sizeof(ref), "CMP-BENCH-%07ld", i);
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, s2 ? 2 : 1);
		sqlite3_bind_text(st, 3, date_format(d, recv), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, rng_chance(&g, 0.86) ? "lcra" : "lcho", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, refused);
		sqlite3_bind_text(st, 6, date_format(d + 3, ack), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, date_format(d + 12, resp), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 8, !rng_chance(&g, 0.125));
		if (s2) {
			sqlite3_bind_text(st, 9, date_format(d + 20, req), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 10, date_format(d + 23, ack2), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 11, date_format(d + 45, resp2), -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(st, 12, !rng_chance(&g, 0.15));
		} else {
			for (int k = 9; k <= 12; k++)
				sqlite3_bind_null(st, k);
		}
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	long n = argc > 2 ? atol(argv[2]) : 1000000;
	char path[512];
	double t[RUNS];
	struct rec r;
	struct rd_err e;
	json_t *rep = NULL;

	snprintf(path, sizeof(path), "%s/bench-reports.db", dir);
	unlink(path);
	if (rec_open(&r, path, 1, &e) || rec_policy_set(&r, "homes", "8000000", &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return 1;
	}
	rec_close(&r);
	generate(path, n);
	rec_open(&r, path, 0, &e);
	for (int i = 0; i < RUNS; i++) {
		double t0 = now();

		json_decref(rep);
		if (tsm_report(&r, 2024, &rep, &e)) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
		t[i] = now() - t0;
	}
	qsort(t, RUNS, sizeof(double), cmp_double);
	printf("report_tsm_%ld: %.3f s (median of %d; CH01 stage 1 %lld received in 2024/25)\n",
	       n, t[RUNS / 2], RUNS,
	       (long long)json_integer_value(json_object_get(json_object_get(rep, "counts"),
							     "stage1_received")));
	json_decref(rep);
	rec_close(&r);
	unlink(path);
	return 0;
}
