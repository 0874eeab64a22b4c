/*
 * test_store.c - the SQLite store: the hash chain, verification against
 * tampering, reopening (migrations run once), transactions and
 * savepoints, and the record path leaving nothing behind on refusal.
 */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/record.h"
#include "util/json.h"

static char path[256];

static int setup(void **ts)
{
	char dir[] = "/tmp/redress-test-XXXXXX";

	(void)ts;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	setenv("REDRESS_TODAY", "2026-11-23", 1);
	return 0;
}

static int teardown(void **ts)
{
	char cmd[300];

	(void)ts;
	snprintf(cmd, sizeof(cmd), "rm -rf \"$(dirname '%s')\"", path);
	return system(cmd) == 0 ? 0 : -1;
}

static void append(store *s, const char *stream, const char *payload)
{
	struct store_event ev;
	struct rd_err e;

	memset(&ev, 0, sizeof(ev));
	ev.stream = stream;
	ev.type = "test.event";
	ev.actor = "tester";
	ev.recorded_at = "2026-11-23T12:00:00Z";
	ev.effective_on = "2026-11-23";
	ev.payload = payload;
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_append(s, &ev, &e), 0);
	assert_int_equal(s->ops->state_put(s, stream, "test", ev.seq, ev.hash, payload, &e), 0);
	assert_int_equal(store_commit(s, &e), 0);
}

static void sql(const char *q)
{
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, q, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", q, msg);
	sqlite3_close(db);
}

static int verify(void)
{
	struct rd_err e;
	store *s = store_open(path, 0, &e);
	FILE *devnull = fopen("/dev/null", "w");
	int n;

	assert_non_null(s);
	n = store_verify(s, devnull, NULL, NULL, &e);
	fclose(devnull);
	store_close(s);
	return n;
}

static void test_chain_and_tampering(void **ts)
{
	struct rd_err e;
	store *s;
	char h1[STORE_HASHLEN];
	int64_t seq;

	(void)ts;
	assert_null(store_open(path, 0, &e));	/* not created without "create" */
	assert_int_equal(e.kind, RD_ENOTFOUND);
	s = store_open(path, 1, &e);
	assert_non_null(s);
	append(s, "a:1", "{\"n\": 1}");
	append(s, "a:1", "{\"n\": 2}");
	append(s, "a:1", "{\"n\": 3}");
	append(s, "b:1", "{\"n\": 1}");
	assert_int_equal(s->ops->head(s, "a:1", &seq, h1, &e), 0);
	assert_int_equal(seq, 3);
	assert_int_equal(strlen(h1), 64);
	store_close(s);
	assert_int_equal(verify(), 0);
	/* Reopening runs no migration twice. */
	s = store_open(path, 0, &e);
	assert_non_null(s);
	store_close(s);
	assert_int_equal(verify(), 0);

	/* The log refuses changes in place. */
	{
		sqlite3 *db;

		sqlite3_open(path, &db);
		assert_int_not_equal(sqlite3_exec(db, "UPDATE events SET payload = '{}'", NULL, NULL, NULL), SQLITE_OK);
		assert_int_not_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	/* Someone with the file drops the guards and edits an event. */
	sql("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;"
	    "UPDATE events SET payload = '{\"n\": 20}' WHERE stream = 'a:1' AND seq = 2");
	assert_true(verify() >= 1);
	sql("UPDATE events SET payload = '{\"n\": 2}' WHERE stream = 'a:1' AND seq = 2");
	assert_int_equal(verify(), 0);
	/* Deleting the last event leaves the head pointing past the log. */
	sql("CREATE TABLE saved AS SELECT * FROM events WHERE stream = 'a:1' AND seq = 3;"
	    "DELETE FROM events WHERE stream = 'a:1' AND seq = 3");
	assert_true(verify() >= 1);
	sql("INSERT INTO events SELECT * FROM saved; DROP TABLE saved");
	assert_int_equal(verify(), 0);
	/* Swapping two events' places. */
	sql("UPDATE events SET seq = 100 WHERE stream = 'a:1' AND seq = 1;"
	    "UPDATE events SET seq = 1 WHERE stream = 'a:1' AND seq = 2;"
	    "UPDATE events SET seq = 2 WHERE stream = 'a:1' AND seq = 100");
	assert_true(verify() >= 2);
}

static void test_refused_action_leaves_nothing(void **ts)
{
	struct rec r;
	struct rd_err e;
	json_t *bad = json_pack("{s:s, s:s, s:s, s:{s:s}}", "channel", "phone", "category",
				"repairs", "description", "d", "complainant", "name", "No Contact");
	json_t *good = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}}", "channel", "phone", "category",
				 "repairs", "description", "d", "complainant", "name", "A",
				 "email", "a@example.org"), *st;

	(void)ts;
	assert_int_equal(rec_open(&r, path, 1, &e), 0);
	/* The complainant has no way to reply: refused after the person was
	 * made, so the person and the reference number must go too. */
	assert_int_equal(rec_complaint(&r, NULL, "new", bad, NULL, &e), -1);
	assert_int_equal(rec_complaint(&r, NULL, "new", good, &st, &e), 0);
	assert_string_equal(js_str0(st, "reference"), "CMP-2026-000001");
	assert_string_equal(js_str0(json_object_get(st, "complainant"), "person_id"), "P-000001");
	json_decref(st);

	/* The same inside a batch: savepoints undo only the refused action. */
	assert_int_equal(rec_batch_begin(&r, &e), 0);
	assert_int_equal(rec_complaint(&r, NULL, "new", bad, NULL, &e), -1);
	if (rec_complaint(&r, NULL, "new", good, &st, &e))
		fail_msg("after a refusal in a batch: %s", e.msg);
	assert_string_equal(js_str0(st, "reference"), "CMP-2026-000002");
	json_decref(st);
	assert_int_equal(rec_batch_commit(&r, &e), 0);
	rec_close(&r);
	json_decref(bad);
	json_decref(good);
	assert_int_equal(verify(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chain_and_tampering, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_action_leaves_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
