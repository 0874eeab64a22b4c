/*
 * test_privacy.c - what anonymising keeps and what it replaces, and the
 * events table refusing every change but a listed redaction.
 */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/privacy.h"
#include "util/json.h"

static json_t *parse(const char *s)
{
	json_t *j = json_loads(s, 0, NULL);

	assert_non_null(j);
	return j;
}

static void same(json_t *got, const char *want)
{
	json_t *w = parse(want);

	if (!json_equal(got, w)) {
		char *g = js_dump(got);

		fail_msg("got %s\nwant %s", g, want);
	}
	json_decref(w);
}

static void complaint_received(void **ts)
{
	json_t *j = parse("{\"received_on\":\"2019-06-04\",\"channel\":\"web\",\"category\":\"repairs\","
			  "\"description\":\"Leak at 4 Mill Lane\",\"issue_date\":\"2019-04-27\","
			  "\"complainant\":{\"person_id\":\"P-000010\",\"name\":\"Ann Lee\","
			  "\"email\":\"ann@example.org\",\"phone\":\"07700900123\"},"
			  "\"estate\":\"Abbey Park\",\"tenure\":\"lcra\",\"reference\":\"CMP-2019-000004\","
			  "\"code_version\":2022,\"out_of_time\":false,\"flags\":{\"vulnerability\":true},"
			  "\"signers\":[{\"name\":\"Bo\"},{\"name\":\"Cy\"}]}");

	(void)ts;
	/* description, name, email, phone, the two signers: 6 */
	assert_int_equal(priv_anonymise(j), 6);
	same(j, "{\"received_on\":\"2019-06-04\",\"channel\":\"web\",\"category\":\"repairs\","
		"\"description\":\"[redacted]\",\"issue_date\":\"2019-04-27\","
		"\"complainant\":{\"person_id\":\"P-000010\",\"name\":\"[redacted]\","
		"\"email\":\"[redacted]\",\"phone\":\"[redacted]\"},"
		"\"estate\":\"Abbey Park\",\"tenure\":\"lcra\",\"reference\":\"CMP-2019-000004\","
		"\"code_version\":2022,\"out_of_time\":false,\"flags\":{\"vulnerability\":true},"
		"\"signers\":[{\"name\":\"[redacted]\"},{\"name\":\"[redacted]\"}]}");
	/* a second pass finds nothing more */
	assert_int_equal(priv_anonymise(j), 0);
	json_decref(j);
}

static void codes_dates_and_reasons(void **ts)
{
	json_t *j = parse("{\"decisions\":[{\"point\":1,\"outcome\":\"upheld\",\"reasons\":\"We were late\"}],"
			  "\"points\":[\"The leak\",\"The calls\"],"
			  "\"extensions\":[{\"reason\":\"A survey of Flat 2 is needed\",\"resident_informed_on\":\"2019-04-11\"}],"
			  "\"refusal\":{\"reason\":\"over_12_months\",\"reason_text\":\"Too late\"},"
			  "\"withdrawal\":{\"reason\":\"Moved to her sister's\"},"
			  "\"remedies\":[{\"type\":\"financial\",\"amount\":150.0,\"description\":\"For Ann\","
			  "\"due_on\":\"2019-05-02\",\"head_of_loss\":\"distress_and_inconvenience\"}],"
			  "\"due_on\":\"not a date\",\"handler\":\"amy\",\"recorded_at\":\"2019-05-02T10:00:00Z\"}");

	(void)ts;
	/* reasons, 2 points, the withdrawal reason, reason_text, the remedy's
	 * description, a "date" that is not one: 7; an extension's reason and
	 * a refusal's code are figures of the board pack and stay */
	assert_int_equal(priv_anonymise(j), 7);
	same(j, "{\"decisions\":[{\"point\":1,\"outcome\":\"upheld\",\"reasons\":\"[redacted]\"}],"
		"\"points\":[\"[redacted]\",\"[redacted]\"],"
		"\"extensions\":[{\"reason\":\"A survey of Flat 2 is needed\",\"resident_informed_on\":\"2019-04-11\"}],"
		"\"refusal\":{\"reason\":\"over_12_months\",\"reason_text\":\"[redacted]\"},"
		"\"withdrawal\":{\"reason\":\"[redacted]\"},"
		"\"remedies\":[{\"type\":\"financial\",\"amount\":150.0,\"description\":\"[redacted]\","
		"\"due_on\":\"2019-05-02\",\"head_of_loss\":\"distress_and_inconvenience\"}],"
		"\"due_on\":\"[redacted]\",\"handler\":\"amy\",\"recorded_at\":\"2019-05-02T10:00:00Z\"}");
	json_decref(j);
}

/* The events table: an update is refused unless the event is listed as a
 * pending redaction, and then only its payload may change. */
static void only_listed_payloads_change(void **ts)
{
	char dir[] = "/tmp/redress-test-XXXXXX", path[300];
	struct rec r;
	struct rd_err e;
	sqlite3 *db;

	(void)ts;
	setenv("REDRESS_TODAY", "2026-11-23", 1);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	assert_int_equal(rec_open(&r, path, 1, &e), 0);
	assert_int_equal(rec_policy_set(&r, "homes", "10", &e), 0);
	rec_close(&r);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE events SET payload = '{}' WHERE seq = 1",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO redactions VALUES ('policy:landlord', 1, 'x',"
				      " '2026-11-23', 1)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE events SET actor = 'eve' WHERE seq = 1",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE events SET payload = '{}' WHERE seq = 1",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE redactions SET pending = 0", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE events SET payload = '[]' WHERE seq = 1",
					  NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	/* and verify sees the change: no redaction event names it */
	assert_int_equal(rec_open(&r, path, 0, &e), 0);
	assert_int_equal(store_verify(r.st, NULL, NULL, NULL, &e), 1);
	rec_close(&r);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(complaint_received),
		cmocka_unit_test(codes_dates_and_reasons),
		cmocka_unit_test(only_listed_payloads_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
