/*
 * bench_append.c - appending one event with a durable commit, beside
 * SQLite's own rate for a one-row transaction, measured in the same run on
 * the same disk and the same settings (WAL, synchronous=FULL).
 *
 *   sqlite_one_row:  BEGIN IMMEDIATE; INSERT one ~1 KB row; COMMIT
 *   store_append:    one event appended to a hash-chained stream, with
 *                    its projection, in its own transaction
 *   complaint_note:  the whole path of a user action: load the case,
 *                    check it, append, fold, save (rec_complaint "note")
 *
 * Usage: bench_append DIR [N]; prints rates per second, medians of 5.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/record.h"
#include "util/json.h"

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

static void fresh(const char *path)
{
	char p[600];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static double sqlite_rate(const char *path, int n)
{
	sqlite3 *db;
	sqlite3_stmt *ins, *begin, *commit;
	char body[1024];
	double t0;

	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	fresh(path);
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
		     "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO t (body) VALUES (?1)", -1, &ins, NULL);
	sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL);
	sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL);
	t0 = now();
	for (int i = 0; i < n; i++) {
		sqlite3_step(begin);
		sqlite3_reset(begin);
		sqlite3_bind_text(ins, 1, body, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			abort();
		sqlite3_reset(ins);
		if (sqlite3_step(commit) != SQLITE_DONE)
			abort();
		sqlite3_reset(commit);
	}
	t0 = now() - t0;
	sqlite3_finalize(ins);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	return n / t0;
}

static double append_rate(const char *path, int n)
{
	struct rd_err e;
	store *s;
	char payload[1024];
	double t0;

	memset(payload, 0, sizeof(payload));
	snprintf(payload, sizeof(payload), "{\"text\": \"%0900d\"}", 0);
	fresh(path);
	s = store_open(path, 1, &e);
	if (!s)
		abort();
	t0 = now();
	for (int i = 0; i < n; i++) {
		struct store_event ev;
		char stream[64];

		snprintf(stream, sizeof(stream), "complaint:CMP-2026-%06d", i % 100);
		memset(&ev, 0, sizeof(ev));
		ev.stream = stream;
		ev.type = "complaint.note_added";
		ev.actor = "bench";
		ev.recorded_at = "2026-11-23T12:00:00Z";
		ev.effective_on = "2026-11-23";
		ev.payload = payload;
		if (store_begin(s, &e) || store_append(s, &ev, &e) ||
		    s->ops->state_put(s, stream, "complaint", ev.seq, ev.hash, payload, &e) ||
		    store_commit(s, &e)) {
			fprintf(stderr, "bench: %s\n", e.msg);
			abort();
		}
	}
	t0 = now() - t0;
	store_close(s);
	return n / t0;
}

static double action_rate(const char *path, int n)
{
	struct rec r;
	struct rd_err e;
	double t0;
	char refs[20][32];

	fresh(path);
	setenv("REDRESS_TODAY", "2026-11-23", 1);
	if (rec_open(&r, path, 1, &e))
		abort();
	for (int i = 0; i < 20; i++) {
		json_t *in = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}}", "channel", "phone",
				       "category", "repairs", "description", "Bench",
				       "complainant", "name", "B", "email", "b@example.org"), *st;

		if (rec_complaint(&r, NULL, "new", in, &st, &e))
			abort();
		snprintf(refs[i], sizeof(refs[i]), "%s", js_str0(st, "reference"));
		json_decref(st);
		json_decref(in);
	}
	t0 = now();
	for (int i = 0; i < n; i++) {
		json_t *in = json_pack("{s:s}", "text", "Called the resident to update them on the repair date");

		if (rec_complaint(&r, refs[i % 20], "note", in, NULL, &e)) {
			fprintf(stderr, "bench: %s\n", e.msg);
			abort();
		}
		json_decref(in);
	}
	t0 = now() - t0;
	rec_close(&r);
	return n / t0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	int n = argc > 2 ? atoi(argv[2]) : 2000;
	double a[RUNS], b[RUNS], c[RUNS];
	char path[512];

	snprintf(path, sizeof(path), "%s/bench-append.db", dir);
	for (int i = 0; i < RUNS; i++) {
		a[i] = sqlite_rate(path, n);
		b[i] = append_rate(path, n);
		c[i] = action_rate(path, n);
	}
	fresh(path);
	qsort(a, RUNS, sizeof(double), cmp_double);
	qsort(b, RUNS, sizeof(double), cmp_double);
	qsort(c, RUNS, sizeof(double), cmp_double);
	printf("sqlite_one_row: %.0f transactions/s (median of %d runs of %d)\n", a[RUNS / 2], RUNS, n);
	printf("store_append: %.0f events/s (%.2fx SQLite's rate)\n", b[RUNS / 2], a[RUNS / 2] / b[RUNS / 2]);
	printf("complaint_note: %.0f actions/s (%.2fx SQLite's rate)\n", c[RUNS / 2], a[RUNS / 2] / c[RUNS / 2]);
	return 0;
}
