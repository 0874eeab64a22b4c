/*
 * bench_reports.c - the reports over a generated set of 1,000,000
 * complaints: the TSMs, the board pack and the self-assessment.
 *
 * The reports read the per-complaint columns and facts kept beside each
 * complaint (store/migrations/003 and 005), so the data set is generated
 * straight into them: received dates spread over three reporting years,
 * about 20% going to stage 2, responses late about one time in eight,
 * tenures 86% LCRA, twelve categories, six estates and three tower
 * blocks, 700,000 people (so some complain more than once), and beside
 * the complaints their facts: extensions (12%, a tenth of them beyond the
 * Code), refusals (3%), remedies (one or two for upheld complaints) and
 * outstanding actions (a quarter).  Prints the median of 5 runs of each
 * whole report: the TSMs, the board pack, the self-assessment, the annual
 * report and the cases behind one board figure.
 *
 * With a PostgreSQL URL the same rows are copied (COPY) into a landlord
 * "bench_reports" there and every report is timed again, the figures'
 * names ending in _pg, so both backends are measured side by side on the
 * same data.  Usage: bench_reports DIR [N [POSTGRESQL-URL]]
 */
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "reports/annual.h"
#include "reports/board.h"
#include "reports/selfassess.h"
#include "reports/tsm.h"
#include "util/json.h"
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

static const char *const categories[] = {
	"repairs", "repairs", "repairs", "repairs", "repairs", "damp_and_mould", "leaks",
	"asb_handling", "staff_conduct", "communication", "rent_and_service_charges",
	"estate_services", "pests", "building_safety", "allocations", "complaint_handling"
};
static const char *const estates[] = {
	"Northfield", "Riverside", "Greenhill", "Abbey Park", "Southgate", "Westbrook"
};
static const char *const towers[] = { "Beacon House", "Kestrel Tower", "Marlowe Point" };
static const char *const reasons[] = {
	"A contractor's survey is needed", "Waiting for a damp and mould inspection",
	"The staff member involved is on leave", "Records are needed from the contractor"
};
static const char *const exclusions[] = { "over_12_months", "legal_proceedings", "already_considered" };

#define PICK(g, a) (a[rng_below(g, sizeof(a) / sizeof(a[0]))])

static void bind_date(sqlite3_stmt *st, int i, date_t d)
{
	char buf[DATE_STRLEN];

	if (d == DATE_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, date_format(d, buf), -1, SQLITE_TRANSIENT);
}

static void fact(sqlite3_stmt *st, const char *ref, const char *cat, const char *kind, int n,
		 int stage, date_t on, const char *code, int days, double amount, date_t due,
		 date_t done, int flag)
{
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, n);
	sqlite3_bind_int(st, 4, stage);
	bind_date(st, 5, on);
	if (code)
		sqlite3_bind_text(st, 6, code, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_int(st, 7, days);
	sqlite3_bind_double(st, 8, amount);
	bind_date(st, 9, due);
	bind_date(st, 10, done);
	sqlite3_bind_int(st, 11, flag);
	sqlite3_bind_text(st, 12, cat, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_reset(st);
}

static void generate(const char *path, long n)
{
	sqlite3 *db;
	sqlite3_stmt *st, *fs;
	struct rng g;
	date_t start;
	char ref[32], person[32];

	rng_seed(&g, 42);
	date_parse("2023-04-01", &start);
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO complaints (reference, status, stage, code_version,"
			   " received_on, category, channel, open, tenure, refused, s1_acknowledged_on,"
			   " s1_responded_on, s1_within, s1_within_no_ext, s2_requested_on,"
			   " s2_acknowledged_on, s2_responded_on, s2_within, s2_within_no_ext,"
			   " person_id, s1_ack_within, estate, building, closed_on, s2_ack_within,"
			   " s1_upheld, s1_partly_upheld, s1_not_upheld, s2_upheld, s2_not_upheld,"
			   " remedies, s1_defined, s2_defined, s2_other_handler, extended,"
			   " extended_beyond_code)"
			   " VALUES (?1, ?2, ?3, 2024, ?4, ?5, 'phone', 0, ?6, ?7, ?8, ?9,"
			   " ?10, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
			   " ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?28, ?29, ?30)", -1, &st, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO complaint_facts (reference, kind, n, stage, on_date, code,"
			   " days, amount, due_on, completed_on, flag, category)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", -1, &fs, NULL);
	for (long i = 0; i < n; i++) {
		date_t d = start + (date_t)rng_below(&g, 3 * 365);
		int refused = rng_chance(&g, 0.03), s2 = !refused && rng_chance(&g, 0.2);
		int upheld = !refused && rng_chance(&g, 0.55), ext = !refused && rng_chance(&g, 0.12);
		int beyond = ext && rng_chance(&g, 0.1), nrem = upheld ? 1 + (int)rng_below(&g, 2) : 0;
		date_t resp = d + 12, resp2 = d + 45;
		const char *cat = PICK(&g, categories);

		snprintf(ref, sizeof(ref), "CMP-BENCH-%07ld", i);
		snprintf(person, sizeof(person), "P-%07u", rng_below(&g, 700000));
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, refused ? "not_accepted" : "closed", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, s2 ? 2 : 1);
		bind_date(st, 4, d);
		sqlite3_bind_text(st, 5, cat, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, rng_chance(&g, 0.86) ? "lcra" : "lcho", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, refused);
		bind_date(st, 8, refused ? DATE_NONE : d + 3);
		bind_date(st, 9, refused ? DATE_NONE : resp);
		if (refused)
			sqlite3_bind_null(st, 10);
		else
			sqlite3_bind_int(st, 10, !rng_chance(&g, 0.125));
		bind_date(st, 11, s2 ? d + 20 : DATE_NONE);
		bind_date(st, 12, s2 ? d + 23 : DATE_NONE);
		bind_date(st, 13, s2 ? resp2 : DATE_NONE);
		if (s2)
			sqlite3_bind_int(st, 14, !rng_chance(&g, 0.15));
		else
			sqlite3_bind_null(st, 14);
		sqlite3_bind_text(st, 15, person, -1, SQLITE_TRANSIENT);
		if (refused)
			sqlite3_bind_null(st, 16);
		else
			sqlite3_bind_int(st, 16, !rng_chance(&g, 0.05));
		sqlite3_bind_text(st, 17, PICK(&g, estates), -1, SQLITE_STATIC);
		if (rng_chance(&g, 0.05))
			sqlite3_bind_text(st, 18, PICK(&g, towers), -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 18);
		bind_date(st, 19, refused ? DATE_NONE : s2 ? resp2 + 3 : resp + 3);
		if (s2)
			sqlite3_bind_int(st, 20, !rng_chance(&g, 0.08));
		else
			sqlite3_bind_null(st, 20);
		sqlite3_bind_int(st, 21, upheld);
		sqlite3_bind_int(st, 22, upheld && rng_chance(&g, 0.4));
		sqlite3_bind_int(st, 23, refused ? 0 : 1 + (int)rng_below(&g, 2));
		sqlite3_bind_int(st, 24, s2 && rng_chance(&g, 0.3));
		sqlite3_bind_int(st, 25, s2);
		sqlite3_bind_int(st, 26, nrem);
		if (refused)
			sqlite3_bind_null(st, 27);
		else
			sqlite3_bind_int(st, 27, 1);
		if (s2)
			sqlite3_bind_int(st, 28, 1);
		else
			sqlite3_bind_null(st, 28);
		sqlite3_bind_int(st, 29, ext);
		sqlite3_bind_int(st, 30, beyond);
		sqlite3_step(st);
		sqlite3_reset(st);
		if (refused)
			fact(fs, ref, cat, "refusal", 1, 1, d + 2, PICK(&g, exclusions), 0, 0, DATE_NONE,
			     DATE_NONE, 1);
		if (ext)
			fact(fs, ref, cat, "extension", 1, 1, d + 8, PICK(&g, reasons), beyond ? 15 : 10, 0,
			     DATE_NONE, DATE_NONE, beyond);
		for (int k = 0; k < nrem; k++) {
			int fin = rng_chance(&g, 0.6);

			fact(fs, ref, cat, "remedy", k + 1, 1, resp, fin ? "financial" : "apology", 0,
			     fin ? 50.0 * (1 + rng_below(&g, 8)) : 0, resp + 14,
			     rng_chance(&g, 0.95) ? resp + 10 : DATE_NONE, 0);
		}
		if (!refused && rng_chance(&g, 0.25))
			fact(fs, ref, cat, "action", 1, 1, resp, NULL, 0, 0, resp + 30,
			     rng_chance(&g, 0.9) ? resp + 25 : DATE_NONE, 0);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(fs);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
}

/* The median of RUNS runs of "fn". */
static double timed(int (*fn)(struct rec *r, json_t **rep, struct rd_err *e), struct rec *r,
		    json_t **rep)
{
	double t[RUNS];
	struct rd_err e;

	for (int i = 0; i < RUNS; i++) {
		double t0 = now();

		json_decref(*rep);
		*rep = NULL;
		if (fn(r, rep, &e)) {
			fprintf(stderr, "bench: %s\n", e.msg);
			exit(1);
		}
		t[i] = now() - t0;
	}
	qsort(t, RUNS, sizeof(double), cmp_double);
	return t[RUNS / 2];
}

static int run_tsm(struct rec *r, json_t **rep, struct rd_err *e)
{
	return tsm_report(r, 2024, rep, e);
}

static int run_board(struct rec *r, json_t **rep, struct rd_err *e)
{
	struct board_period p;

	return board_period(2024, NULL, NULL, &p, e) || board_report(r, &p, rep, e);
}

static int run_sa(struct rec *r, json_t **rep, struct rd_err *e)
{
	return sa_report(r, 2024, rep, e);
}

static int run_annual(struct rec *r, json_t **rep, struct rd_err *e)
{
	return annual_report(r, 2024, rep, e);
}

static int run_board_cases(struct rec *r, json_t **rep, struct rd_err *e)
{
	struct board_period p;

	return board_period(2024, NULL, NULL, &p, e) || board_cases(r, &p, "s1_late", rep, e);
}

/* ---- the same rows on PostgreSQL --------------------------------------- */

static const char complaint_cols[] =
	"reference, status, stage, code_version, received_on, category, channel, open, tenure,"
	" refused, s1_acknowledged_on, s1_responded_on, s1_within, s1_within_no_ext,"
	" s2_requested_on, s2_acknowledged_on, s2_responded_on, s2_within, s2_within_no_ext,"
	" person_id, s1_ack_within, estate, building, closed_on, s2_ack_within, s1_upheld,"
	" s1_partly_upheld, s1_not_upheld, s2_upheld, s2_not_upheld, remedies, s1_defined,"
	" s2_defined, s2_other_handler, extended, extended_beyond_code";
static const char fact_cols[] =
	"reference, kind, n, stage, on_date, code, days, amount, due_on, completed_on, flag, category";

/* Streams "SELECT cols FROM table" of the SQLite file into COPY on "pg". */
static void copy_table(sqlite3 *db, PGconn *pg, const char *table, const char *cols)
{
	char sql[1024];
	sqlite3_stmt *st;
	PGresult *res;
	char *line = malloc(8192);

	snprintf(sql, sizeof(sql), "SELECT %s FROM %s", cols, table);
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	snprintf(sql, sizeof(sql), "COPY %s (%s) FROM STDIN", table, cols);
	res = PQexec(pg, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		fprintf(stderr, "bench: %s", PQerrorMessage(pg));
		exit(1);
	}
	PQclear(res);
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t len = 0;

		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);

			len += (size_t)snprintf(line + len, 8192 - len, "%s%s", i ? "\t" : "",
						v ? v : "\\N");
		}
		line[len++] = '\n';
		if (PQputCopyData(pg, line, (int)len) != 1) {
			fprintf(stderr, "bench: %s", PQerrorMessage(pg));
			exit(1);
		}
	}
	sqlite3_finalize(st);
	free(line);
	if (PQputCopyEnd(pg, NULL) != 1 || PQresultStatus(res = PQgetResult(pg)) != PGRES_COMMAND_OK) {
		fprintf(stderr, "bench: %s", PQerrorMessage(pg));
		exit(1);
	}
	PQclear(res);
}

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static void to_pg(const char *sqlite_path, const char *url)
{
	char where[1200];
	struct rec r;
	struct rd_err e;
	sqlite3 *db;
	PGconn *pg;

	snprintf(where, sizeof(where), "pg:%s?landlord=bench_reports", url);
	pg = PQconnectdb(url);
	if (PQstatus(pg) != CONNECTION_OK) {
		fprintf(stderr, "bench: %s", PQerrorMessage(pg));
		exit(1);
	}
	PQsetNoticeProcessor(pg, quiet, NULL);
	PQclear(PQexec(pg, "DROP SCHEMA IF EXISTS bench_reports CASCADE"));
	if (rec_open(&r, where, 1, &e) || rec_policy_set(&r, "homes", "8000000", &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		exit(1);
	}
	rec_close(&r);
	PQclear(PQexec(pg, "SET search_path TO bench_reports"));
	sqlite3_open(sqlite_path, &db);
	copy_table(db, pg, "complaints", complaint_cols);
	copy_table(db, pg, "complaint_facts", fact_cols);
	sqlite3_close(db);
	PQclear(PQexec(pg, "ANALYZE complaints; ANALYZE complaint_facts"));
	PQfinish(pg);
}

static void run_all(struct rec *r, long n, const char *sfx)
{
	json_t *rep = NULL;
	double t;

	r->today = 20000;	/* 2024-10-04: some actions still open */
	t = timed(run_tsm, r, &rep);
	printf("report_tsm_%ld%s: %.3f s (median of %d; CH01 stage 1 %lld received in 2024/25)\n",
	       n, sfx, t, RUNS,
	       (long long)json_integer_value(json_object_get(json_object_get(rep, "counts"),
							     "stage1_received")));
	t = timed(run_board, r, &rep);
	printf("report_board_%ld%s: %.3f s (median of %d; 2024/25: %lld received, %lld stage 1 "
	       "responses, %lld repeat complaints, %lld extensions)\n", n, sfx, t, RUNS,
	       js_int(json_object_get(rep, "volumes"), "received", 0),
	       js_int(json_object_get(rep, "volumes"), "s1_responses", 0),
	       js_int(json_object_get(rep, "repeat_complainants"), "repeat", 0),
	       js_int(json_object_get(rep, "extensions"), "extensions", 0));
	t = timed(run_sa, r, &rep);
	printf("report_self_assessment_%ld%s: %.3f s (median of %d; 2024/25: %lld of 72 provisions "
	       "flagged)\n", n, sfx, t, RUNS, js_int(json_object_get(rep, "summary"), "flagged", 0));
	t = timed(run_annual, r, &rep);
	printf("report_annual_%ld%s: %.3f s (median of %d; 2024/25)\n", n, sfx, t, RUNS);
	t = timed(run_board_cases, r, &rep);
	printf("report_board_cases_%ld%s: %.3f s (median of %d; the %zu late stage 1 responses)\n",
	       n, sfx, t, RUNS, json_array_size(rep));
	json_decref(rep);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	long n = argc > 2 ? atol(argv[2]) : 1000000;
	const char *pgurl = argc > 3 ? argv[3] : NULL;
	char path[512];
	struct rec r;
	struct rd_err e;

	snprintf(path, sizeof(path), "%s/bench-reports.db", dir);
	/* BENCH_KEEP=1 keeps the generated set for the next run. */
	if (!getenv("BENCH_KEEP") || access(path, F_OK)) {
		unlink(path);
		if (rec_open(&r, path, 1, &e) || rec_policy_set(&r, "homes", "8000000", &e)) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
		rec_close(&r);
		generate(path, n);
	}
	if (rec_open(&r, path, 0, &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return 1;
	}
	run_all(&r, n, "");
	rec_close(&r);
	if (pgurl) {
		char where[1200];

		to_pg(path, pgurl);
		snprintf(where, sizeof(where), "pg:%s?landlord=bench_reports", pgurl);
		if (rec_open(&r, where, 0, &e)) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
		run_all(&r, n, "_pg");
		rec_close(&r);
	}
	if (!getenv("BENCH_KEEP"))
		unlink(path);
	return 0;
}
