/*
 * sqlite.c - the store on SQLite.
 *
 * Prepared statements only, kept for the life of the connection.  Every
 * write transaction is BEGIN IMMEDIATE with a busy timeout, so concurrent
 * writers queue instead of failing with "database is locked".
 */
#include "store/sqlite.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/migrations.h"
#include "util/buf.h"

enum {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_HEAD, Q_INSERT, Q_EVENTS_ALL,
	Q_EVENTS_ONE, Q_STATE_GET, Q_STATE_PUT, Q_STATES, Q_HEADS,
	Q_COMPLAINT_PUT, Q_NEXT_INSERT, Q_NEXT_GET, Q_SAVE, Q_RELEASE,
	Q_ROLLBACK_TO, Q_PW_SET, Q_PW_GET, Q_TOKEN_ADD, Q_TOKEN_USER, Q_TOKEN_FIND,
	Q_TOKEN_DEL, Q_COUNTS, Q_OVERDUE, Q_READ_BEGIN, Q_REPORT_PUT, Q_FACTS_DEL,
	Q_FACTS_INS, Q_RECEIVED_CAT, NQ
};

static const char *const sql[NQ] = {
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_HEAD] = "SELECT seq, head_hash FROM aggregates WHERE stream = ?1",
	[Q_INSERT] = "INSERT INTO events (stream, seq, type, actor, recorded_at,"
		     " effective_on, payload, prev_hash, hash)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_EVENTS_ALL] = "SELECT id, stream, seq, type, actor, recorded_at,"
			 " effective_on, payload, prev_hash, hash FROM events"
			 " ORDER BY stream, seq",
	[Q_EVENTS_ONE] = "SELECT id, stream, seq, type, actor, recorded_at,"
			 " effective_on, payload, prev_hash, hash FROM events"
			 " WHERE stream = ?1 ORDER BY seq",
	[Q_STATE_GET] = "SELECT state FROM aggregates WHERE stream = ?1",
	[Q_STATE_PUT] = "INSERT INTO aggregates (stream, kind, seq, head_hash, state)"
			" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (stream) DO UPDATE"
			" SET seq = excluded.seq, head_hash = excluded.head_hash,"
			" state = excluded.state",
	[Q_STATES] = "SELECT stream, state FROM aggregates WHERE kind = ?1"
		     " ORDER BY stream",
	[Q_HEADS] = "SELECT stream, seq, head_hash FROM aggregates",
	[Q_COMPLAINT_PUT] = "INSERT INTO complaints (reference, status,"
			    " stage, code_version, received_on, category, channel,"
			    " handler, person_id, due_on, open, tenure, refused,"
			    " s1_acknowledged_on, s1_ack_within, s1_responded_on, s1_within,"
			    " s1_within_no_ext, s2_requested_on, s2_acknowledged_on,"
			    " s2_responded_on, s2_within, s2_within_no_ext, extended,"
			    " extended_beyond_code)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
			    " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)"
			    " ON CONFLICT (reference) DO UPDATE SET status = excluded.status,"
			    " stage = excluded.stage, handler = excluded.handler,"
			    " person_id = excluded.person_id, due_on = excluded.due_on,"
			    " open = excluded.open, tenure = excluded.tenure,"
			    " refused = excluded.refused,"
			    " s1_acknowledged_on = excluded.s1_acknowledged_on,"
			    " s1_ack_within = excluded.s1_ack_within,"
			    " s1_responded_on = excluded.s1_responded_on,"
			    " s1_within = excluded.s1_within, s1_within_no_ext = excluded.s1_within_no_ext,"
			    " s2_requested_on = excluded.s2_requested_on,"
			    " s2_acknowledged_on = excluded.s2_acknowledged_on,"
			    " s2_responded_on = excluded.s2_responded_on,"
			    " s2_within = excluded.s2_within, s2_within_no_ext = excluded.s2_within_no_ext,"
			    " extended = excluded.extended,"
			    " extended_beyond_code = excluded.extended_beyond_code",
	[Q_NEXT_INSERT] = "INSERT INTO counters (name, value) VALUES (?1, 1)"
			  " ON CONFLICT (name) DO UPDATE SET value = value + 1",
	[Q_NEXT_GET] = "SELECT value FROM counters WHERE name = ?1",
	[Q_SAVE] = "SAVEPOINT action",
	[Q_RELEASE] = "RELEASE action",
	[Q_ROLLBACK_TO] = "ROLLBACK TO action",
	[Q_PW_SET] = "INSERT INTO credentials (user, password_hash, changed_at)"
		     " VALUES (?1, ?2, ?3) ON CONFLICT (user) DO UPDATE SET"
		     " password_hash = excluded.password_hash, changed_at = excluded.changed_at",
	[Q_PW_GET] = "SELECT password_hash FROM credentials WHERE user = ?1",
	[Q_TOKEN_ADD] = "INSERT INTO tokens (token_hash, user, kind, created_at, expires_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_TOKEN_USER] = "SELECT t.user, json_extract(a.state, '$.role') FROM tokens t"
			 " JOIN aggregates a ON a.stream = 'user:' || t.user"
			 " WHERE t.token_hash = ?1 AND (t.expires_at IS NULL OR t.expires_at > ?2)",
	[Q_TOKEN_FIND] = "SELECT user, kind FROM tokens"
			 " WHERE token_hash = ?1 AND (expires_at IS NULL OR expires_at > ?2)",
	[Q_READ_BEGIN] = "BEGIN",
	[Q_TOKEN_DEL] = "DELETE FROM tokens WHERE token_hash = ?1",
	[Q_COUNTS] = "SELECT status, stage, count(*) FROM complaints WHERE open = 1"
		     " GROUP BY status, stage",
	[Q_OVERDUE] = "SELECT stage, count(*) FROM complaints WHERE open = 1"
		      " AND due_on < ?1 GROUP BY stage",
	[Q_REPORT_PUT] = "UPDATE complaints SET estate = ?2, building = ?3, closed_on = ?4,"
			 " withdrawn_on = ?5, s2_ack_within = ?6, s1_upheld = ?7,"
			 " s1_partly_upheld = ?8, s1_not_upheld = ?9, s2_upheld = ?10,"
			 " s2_partly_upheld = ?11, s2_not_upheld = ?12, remedies = ?13,"
			 " s1_defined = ?14, s2_defined = ?15, s2_other_handler = ?16,"
			 " about_staff = ?17, handler_is_subject = ?18 WHERE reference = ?1",
	[Q_FACTS_DEL] = "DELETE FROM complaint_facts WHERE reference = ?1",
	[Q_RECEIVED_CAT] = "SELECT category, count(*) FROM complaints"
			   " WHERE received_on BETWEEN ?1 AND ?2 GROUP BY category",
	[Q_FACTS_INS] = "INSERT INTO complaint_facts (reference, kind, n, stage, on_date, code,"
			" detail, days, amount, due_on, completed_on, flag, category)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
};

struct sqlite_store {
	store base;
	sqlite3 *db;
	sqlite3_stmt *q[NQ];
	int in_txn;
};

#define DB(s) (((struct sqlite_store *)(s))->db)

static int db_err(sqlite3 *db, struct rd_err *e, const char *what)
{
	return err_set(e, RD_EIO, "", NULL, "database error while %s: %s", what,
		       sqlite3_errmsg(db));
}

static sqlite3_stmt *stmt(store *s, int q)
{
	sqlite3_stmt *st = ((struct sqlite_store *)s)->q[q];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

static int run(store *s, int q, struct rd_err *e, const char *what)
{
	sqlite3_stmt *st = stmt(s, q);
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_err(DB(s), e, what);
	return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* -1 is NULL: "not known yet". */
static void bind_flag(sqlite3_stmt *st, int i, int v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v);
}

static const char *col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	return v ? v : "";
}

static void sq_close(store *s)
{
	struct sqlite_store *ss = (struct sqlite_store *)s;

	for (int i = 0; i < NQ; i++)
		sqlite3_finalize(ss->q[i]);
	sqlite3_close(ss->db);
	free(ss);
}

static int sq_begin(store *s, struct rd_err *e)
{
	if (run(s, Q_BEGIN, e, "starting a transaction"))
		return -1;
	((struct sqlite_store *)s)->in_txn = 1;
	return 0;
}

static int sq_commit(store *s, struct rd_err *e)
{
	if (run(s, Q_COMMIT, e, "committing")) {
		run(s, Q_ROLLBACK, NULL, "rolling back");
		((struct sqlite_store *)s)->in_txn = 0;
		return -1;
	}
	((struct sqlite_store *)s)->in_txn = 0;
	return 0;
}

static void sq_rollback(store *s)
{
	if (((struct sqlite_store *)s)->in_txn)
		run(s, Q_ROLLBACK, NULL, "rolling back");
	((struct sqlite_store *)s)->in_txn = 0;
}

static int sq_head(store *s, const char *stream, int64_t *seq,
		   char hash[STORE_HASHLEN], struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_HEAD);
	int rc;

	bind_text(st, 1, stream);
	rc = sqlite3_step(st);
	*seq = 0;
	hash[0] = '\0';
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		snprintf(hash, STORE_HASHLEN, "%s", col(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(DB(s), e, "reading a record's head");
	return 0;
}

static int sq_insert_event(store *s, struct store_event *ev, struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_INSERT);
	int rc;

	bind_text(st, 1, ev->stream);
	sqlite3_bind_int64(st, 2, ev->seq);
	bind_text(st, 3, ev->type);
	bind_text(st, 4, ev->actor);
	bind_text(st, 5, ev->recorded_at);
	bind_text(st, 6, ev->effective_on);
	bind_text(st, 7, ev->payload);
	bind_text(st, 8, ev->prev_hash);
	bind_text(st, 9, ev->hash);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(DB(s), e, "appending an event");
	ev->id = sqlite3_last_insert_rowid(DB(s));
	return 0;
}

static int sq_events(store *s, const char *stream, store_event_fn fn,
		     void *ctx, struct rd_err *e)
{
	sqlite3_stmt *st;
	int rc, stop = 0;

	/* A walk may run while the caller uses the other statements, so it
	 * gets a statement of its own. */
	if (sqlite3_prepare_v2(DB(s), sql[stream ? Q_EVENTS_ONE : Q_EVENTS_ALL],
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "reading events");
	if (stream)
		bind_text(st, 1, stream);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_event ev;

		ev.id = sqlite3_column_int64(st, 0);
		ev.stream = col(st, 1);
		ev.seq = sqlite3_column_int64(st, 2);
		ev.type = col(st, 3);
		ev.actor = col(st, 4);
		ev.recorded_at = col(st, 5);
		ev.effective_on = col(st, 6);
		ev.payload = col(st, 7);
		snprintf(ev.prev_hash, sizeof(ev.prev_hash), "%s", col(st, 8));
		snprintf(ev.hash, sizeof(ev.hash), "%s", col(st, 9));
		stop = fn(&ev, ctx);
	}
	if (!stop && rc != SQLITE_DONE) {
		db_err(DB(s), e, "reading events");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return stop;
}

static int sq_state_get(store *s, const char *stream, char **json,
			struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_STATE_GET);
	int rc;

	*json = NULL;
	bind_text(st, 1, stream);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*json = xstrdup(col(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(e, RD_ENOTFOUND, "", NULL, "%s not found", stream);
	if (rc != SQLITE_ROW)
		return db_err(DB(s), e, "reading a record");
	return 0;
}

static int sq_state_put(store *s, const char *stream, const char *kind,
			int64_t seq, const char *hash, const char *json,
			struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_STATE_PUT);
	int rc;

	bind_text(st, 1, stream);
	bind_text(st, 2, kind);
	sqlite3_bind_int64(st, 3, seq);
	bind_text(st, 4, hash);
	bind_text(st, 5, json);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(DB(s), e, "saving a record");
	return 0;
}

static int walk_states(store *s, sqlite3_stmt *st, store_state_fn fn,
		       void *ctx, struct rd_err *e)
{
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(col(st, 0), col(st, 1), ctx);
	if (!stop && rc != SQLITE_DONE) {
		db_err(DB(s), e, "listing records");
		stop = -1;
	}
	sqlite3_finalize(st);
	return stop;
}

static int sq_states(store *s, const char *kind, store_state_fn fn,
		     void *ctx, struct rd_err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(DB(s), sql[Q_STATES], -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "listing records");
	bind_text(st, 1, kind);
	return walk_states(s, st, fn, ctx, e);
}

static int sq_heads(store *s, store_head_fn fn, void *ctx, struct rd_err *e)
{
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(DB(s), sql[Q_HEADS], -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "reading heads");
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(col(st, 0), sqlite3_column_int64(st, 1), col(st, 2), ctx);
	if (!stop && rc != SQLITE_DONE) {
		db_err(DB(s), e, "reading heads");
		stop = -1;
	}
	sqlite3_finalize(st);
	return stop;
}

static int sq_complaint_put(store *s, const struct store_complaint_row *r,
			    struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_COMPLAINT_PUT);
	int rc;

	bind_text(st, 1, r->reference);
	bind_text(st, 2, r->status);
	sqlite3_bind_int(st, 3, r->stage);
	sqlite3_bind_int(st, 4, r->code_version);
	bind_text(st, 5, r->received_on);
	bind_text(st, 6, r->category);
	bind_text(st, 7, r->channel);
	bind_text(st, 8, r->handler);
	bind_text(st, 9, r->person_id);
	bind_text(st, 10, r->due_on);
	sqlite3_bind_int(st, 11, r->open);
	bind_text(st, 12, r->tenure);
	sqlite3_bind_int(st, 13, r->refused);
	bind_text(st, 14, r->s1_acknowledged_on);
	bind_flag(st, 15, r->s1_ack_within);
	bind_text(st, 16, r->s1_responded_on);
	bind_flag(st, 17, r->s1_within);
	bind_flag(st, 18, r->s1_within_no_ext);
	bind_text(st, 19, r->s2_requested_on);
	bind_text(st, 20, r->s2_acknowledged_on);
	bind_text(st, 21, r->s2_responded_on);
	bind_flag(st, 22, r->s2_within);
	bind_flag(st, 23, r->s2_within_no_ext);
	sqlite3_bind_int(st, 24, r->extended);
	sqlite3_bind_int(st, 25, r->extended_beyond_code);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(DB(s), e, "indexing a complaint");
	return 0;
}

/*
 * The list query is built from fixed fragments; every value is a bound
 * parameter.
 */
static int sq_complaint_list(store *s, const struct store_filter *f,
			     store_state_fn fn, void *ctx, struct rd_err *e)
{
	struct buf q = BUF_INIT;
	const char *vals[16];
	int n = 0, i;
	sqlite3_stmt *st;

	buf_puts(&q, f->count ? "SELECT count(*) FROM complaints c JOIN aggregates a"
			      " ON a.stream = 'complaint:' || c.reference WHERE 1"
			      : "SELECT a.stream, a.state FROM complaints c JOIN aggregates a"
			      " ON a.stream = 'complaint:' || c.reference WHERE 1");
#define WHERE(cond, v) if (v) { buf_printf(&q, " AND " cond, n + 1); vals[n++] = (v); }
	WHERE("c.status = ?%d", f->status);
	WHERE("c.handler = ?%d", f->handler);
	WHERE("c.category = ?%d", f->category);
	WHERE("c.person_id = ?%d", f->person_id);
	WHERE("c.open = 1 AND c.due_on <= ?%d", f->due_before);
	WHERE("c.open = 1 AND c.due_on >= ?%d", f->due_from);
	WHERE("c.open = 1 AND c.due_on < ?%d", f->overdue_on);
	WHERE("c.received_on >= ?%d", f->received_from);
	WHERE("c.received_on <= ?%d", f->received_to);
	WHERE("instr(lower(a.state), lower(?%d)) > 0", f->text);
#undef WHERE
	if (f->stage)
		buf_printf(&q, " AND c.stage = %d", f->stage);
	if (f->open)
		buf_puts(&q, " AND c.open = 1");
	if (!f->count)
		buf_puts(&q, f->by_due ? " ORDER BY c.due_on IS NULL, c.due_on, c.reference"
				       : " ORDER BY c.received_on, c.reference");
	if (f->limit > 0 && !f->count)
		buf_printf(&q, " LIMIT %d OFFSET %d", f->limit, f->offset > 0 ? f->offset : 0);
	if (sqlite3_prepare_v2(DB(s), buf_str(&q), -1, &st, NULL) != SQLITE_OK) {
		buf_free(&q);
		return db_err(DB(s), e, "listing complaints");
	}
	buf_free(&q);
	for (i = 0; i < n; i++)
		bind_text(st, i + 1, vals[i]);
	if (f->count) {
		int rc = sqlite3_step(st);

		*f->count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		return rc == SQLITE_ROW ? 0 : db_err(DB(s), e, "counting complaints");
	}
	return walk_states(s, st, fn, ctx, e);
}

static int sq_reviews_put(store *s, const char *person, const char *const *dates, size_t n,
			  struct rd_err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(DB(s), "DELETE FROM person_reviews WHERE person = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		return db_err(DB(s), e, "indexing reviews");
	bind_text(st, 1, person);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return db_err(DB(s), e, "indexing reviews");
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(DB(s), "INSERT INTO person_reviews (person, review_on) VALUES (?1, ?2)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "indexing reviews");
	for (size_t i = 0; i < n; i++) {
		bind_text(st, 1, person);
		bind_text(st, 2, dates[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_err(DB(s), e, "indexing reviews");
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

static int sq_reviews_due(store *s, const char *by, store_state_fn fn, void *ctx,
			  struct rd_err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(DB(s), "SELECT stream, state FROM aggregates WHERE stream IN"
			       " (SELECT 'person:' || person FROM person_reviews WHERE review_on <= ?1)"
			       " ORDER BY stream", -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "listing reviews");
	bind_text(st, 1, by);
	return walk_states(s, st, fn, ctx, e);
}

static int sq_next_number(store *s, const char *counter, int64_t *out,
			  struct rd_err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = stmt(s, Q_NEXT_INSERT);
	bind_text(st, 1, counter);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(DB(s), e, "numbering");
	st = stmt(s, Q_NEXT_GET);
	bind_text(st, 1, counter);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_err(DB(s), e, "numbering");
	return 0;
}

static int sq_savepoint(store *s, int op, struct rd_err *e)
{
	if (op == 0)
		return run(s, Q_SAVE, e, "opening a savepoint");
	if (op == 2 && run(s, Q_ROLLBACK_TO, e, "rolling back to a savepoint"))
		return -1;
	return run(s, Q_RELEASE, e, "releasing a savepoint");
}

static int sq_password_set(store *s, const char *user, const char *hash,
			   const char *at, struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_PW_SET);
	int rc;

	bind_text(st, 1, user);
	bind_text(st, 2, hash);
	bind_text(st, 3, at);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "saving a password");
}

/* One text column of the first row of "q" bound to a and b. */
static int one_text(store *s, int q, const char *a, const char *b, char *out,
		    size_t n, struct rd_err *e, const char *what)
{
	sqlite3_stmt *st = stmt(s, q);
	int rc;

	bind_text(st, 1, a);
	if (b)
		bind_text(st, 2, b);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, n, "%s", col(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(e, RD_ENOTFOUND, "", NULL, "no %s", what);
	return rc == SQLITE_ROW ? 0 : db_err(DB(s), e, what);
}

static int sq_password_get(store *s, const char *user, char *out, size_t n,
			   struct rd_err *e)
{
	return one_text(s, Q_PW_GET, user, NULL, out, n, e, "password");
}

static int sq_token_add(store *s, const char *hash, const char *user,
			const char *kind, const char *at, const char *expires,
			struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_TOKEN_ADD);
	int rc;

	bind_text(st, 1, hash);
	bind_text(st, 2, user);
	bind_text(st, 3, kind);
	bind_text(st, 4, at);
	bind_text(st, 5, expires);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "saving a token");
}

/* A token's two columns (user and role, or user and kind) by query "q". */
static int token_row(store *s, int q, const char *hash, const char *now,
		     char *a, size_t an, char *b, size_t bn, struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, q);
	int rc;

	bind_text(st, 1, hash);
	bind_text(st, 2, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(a, an, "%s", col(st, 0));
		snprintf(b, bn, "%s", col(st, 1));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(e, RD_ENOTFOUND, "", NULL, "no such token");
	return rc == SQLITE_ROW ? 0 : db_err(DB(s), e, "reading a token");
}

static int sq_token_user(store *s, const char *hash, const char *now,
			 char *user, size_t n, char *role, size_t rn,
			 struct rd_err *e)
{
	return token_row(s, Q_TOKEN_USER, hash, now, user, n, role, rn, e);
}

static int sq_token_find(store *s, const char *hash, const char *now,
			 char *user, size_t n, char *kind, size_t kn,
			 struct rd_err *e)
{
	return token_row(s, Q_TOKEN_FIND, hash, now, user, n, kind, kn, e);
}

static int sq_read_begin(store *s, struct rd_err *e)
{
	if (((struct sqlite_store *)s)->in_txn)
		return 0;
	if (run(s, Q_READ_BEGIN, e, "starting a read"))
		return -1;
	((struct sqlite_store *)s)->in_txn = 2;
	return 0;
}

static void sq_read_end(store *s)
{
	if (((struct sqlite_store *)s)->in_txn == 2) {
		run(s, Q_COMMIT, NULL, "ending a read");
		((struct sqlite_store *)s)->in_txn = 0;
	}
}

static int sq_token_delete(store *s, const char *hash, struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_TOKEN_DEL);
	int rc;

	bind_text(st, 1, hash);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "deleting a token");
}

static int sq_complaint_counts(store *s, const char *today,
			       int (*fn)(const char *what, int stage, long long n, void *ctx),
			       void *ctx, struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_COUNTS);
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(col(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int64(st, 2), ctx);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(DB(s), e, "counting complaints");
	st = stmt(s, Q_OVERDUE);
	bind_text(st, 1, today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn("overdue", sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1), ctx);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "counting complaints");
}

/*
 * The TSM counts.  Parameters: ?1 first day, ?2 last day, ?3 refused
 * count, ?4 tenure or NULL, ?5 stage 2 by acknowledgement, ?6 permitted
 * extensions count as within.
 */
#define TSM_S2_DAY "coalesce(CASE WHEN ?5 THEN s2_acknowledged_on ELSE s2_requested_on END, '')"
#define TSM_S1_WITHIN "(CASE WHEN ?6 THEN s1_within ELSE s1_within_no_ext END)"
#define TSM_S2_WITHIN "(CASE WHEN ?6 THEN s2_within ELSE s2_within_no_ext END)"

static const struct {
	const char *metric, *cond;
} tsm_metrics[] = {
	{ "s1_received", "received_on BETWEEN ?1 AND ?2 AND (?3 OR refused = 0)" },
	{ "s2_received", TSM_S2_DAY " BETWEEN ?1 AND ?2 AND (?3 OR status <> 'escalation_refused')" },
	{ "s1_responses", "s1_responded_on BETWEEN ?1 AND ?2" },
	{ "s1_within", "s1_responded_on BETWEEN ?1 AND ?2 AND " TSM_S1_WITHIN " = 1" },
	{ "s1_late", "s1_responded_on BETWEEN ?1 AND ?2 AND " TSM_S1_WITHIN " = 0" },
	{ "s2_responses", "s2_responded_on BETWEEN ?1 AND ?2" },
	{ "s2_within", "s2_responded_on BETWEEN ?1 AND ?2 AND " TSM_S2_WITHIN " = 1" },
	{ "s2_late", "s2_responded_on BETWEEN ?1 AND ?2 AND " TSM_S2_WITHIN " = 0" },
};

static void tsm_bind(sqlite3_stmt *st, const struct store_tsm_query *q)
{
	bind_text(st, 1, q->from);
	bind_text(st, 2, q->to);
	sqlite3_bind_int(st, 3, q->include_refused);
	bind_text(st, 4, q->tenure);
	sqlite3_bind_int(st, 5, q->stage2_by_ack);
	sqlite3_bind_int(st, 6, q->extensions_within);
}

/* Adds one grouped count query's rows into out[] (0 all, 1 LCRA, 2 LCHO):
 * each row is (tenure, a, b, c); "fn" places a, b and c. */
static int tsm_pass(store *s, const struct store_tsm_query *q, const char *query,
		    void (*fn)(struct store_tsm *o, const long long *v),
		    struct store_tsm out[3], struct rd_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(DB(s), query, -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "counting for the TSMs");
	tsm_bind(st, q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = col(st, 0);
		long long v[3];

		for (int k = 0; k < 3; k++)
			v[k] = sqlite3_column_int64(st, k + 1);
		fn(&out[0], v);
		if (!strcmp(t, "lcra"))
			fn(&out[1], v);
		else if (!strcmp(t, "lcho"))
			fn(&out[2], v);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "counting for the TSMs");
}

static void put_s1_received(struct store_tsm *o, const long long *v) { o->s1_received += v[0]; }
static void put_s2_received(struct store_tsm *o, const long long *v) { o->s2_received += v[0]; }
static void put_s1_responses(struct store_tsm *o, const long long *v)
{
	o->s1_responses += v[0];
	o->s1_within += v[1];
}
static void put_s2_responses(struct store_tsm *o, const long long *v)
{
	o->s2_responses += v[0];
	o->s2_within += v[1];
}

/*
 * Four passes, each over one range of one covering index (migration 004):
 * the cost is the year's complaints, not the whole history.
 */
static int sq_tsm_counts(store *s, const struct store_tsm_query *q,
			 struct store_tsm out[3], struct rd_err *e)
{
	memset(out, 0, 3 * sizeof(*out));
	if (tsm_pass(s, q, "SELECT coalesce(tenure, ''), count(*), 0, 0 FROM complaints"
		     " WHERE received_on BETWEEN ?1 AND ?2 AND (?3 OR refused = 0)"
		     " AND ?4 IS NULL AND ?5 = ?5 AND ?6 = ?6 GROUP BY 1",
		     put_s1_received, out, e) ||
	    tsm_pass(s, q, q->stage2_by_ack
		     ? "SELECT coalesce(tenure, ''), count(*), 0, 0 FROM complaints"
		       " WHERE s2_acknowledged_on BETWEEN ?1 AND ?2"
		       " AND (?3 OR status <> 'escalation_refused')"
		       " AND ?4 IS NULL AND ?5 = ?5 AND ?6 = ?6 GROUP BY 1"
		     : "SELECT coalesce(tenure, ''), count(*), 0, 0 FROM complaints"
		       " WHERE s2_requested_on BETWEEN ?1 AND ?2"
		       " AND (?3 OR status <> 'escalation_refused')"
		       " AND ?4 IS NULL AND ?5 = ?5 AND ?6 = ?6 GROUP BY 1",
		     put_s2_received, out, e) ||
	    tsm_pass(s, q, "SELECT coalesce(tenure, ''), count(*),"
		     " coalesce(sum(CASE WHEN ?6 THEN s1_within ELSE s1_within_no_ext END), 0), 0"
		     " FROM complaints WHERE s1_responded_on BETWEEN ?1 AND ?2"
		     " AND ?3 = ?3 AND ?4 IS NULL AND ?5 = ?5 GROUP BY 1",
		     put_s1_responses, out, e) ||
	    tsm_pass(s, q, "SELECT coalesce(tenure, ''), count(*),"
		     " coalesce(sum(CASE WHEN ?6 THEN s2_within ELSE s2_within_no_ext END), 0), 0"
		     " FROM complaints WHERE s2_responded_on BETWEEN ?1 AND ?2"
		     " AND ?3 = ?3 AND ?4 IS NULL AND ?5 = ?5 GROUP BY 1",
		     put_s2_responses, out, e))
		return -1;
	return 0;
}

static int sq_tsm_cases(store *s, const struct store_tsm_query *q, const char *metric,
			store_state_fn fn, void *ctx, struct rd_err *e)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;
	const char *cond = NULL;
	int rc, stop = 0;

	for (size_t i = 0; i < sizeof(tsm_metrics) / sizeof(tsm_metrics[0]); i++)
		if (!strcmp(tsm_metrics[i].metric, metric))
			cond = tsm_metrics[i].cond;
	if (!cond)
		return err_set(e, RD_EINVAL, "cases", NULL,
			       "unknown measure \"%s\": use s1_received, s2_received, s1_responses, s1_within, s1_late, s2_responses, s2_within or s2_late",
			       metric);
	buf_printf(&b, "SELECT reference FROM complaints WHERE (?4 IS NULL OR tenure = ?4)"
		   " AND %s ORDER BY reference", cond);
	rc = sqlite3_prepare_v2(DB(s), buf_str(&b), -1, &st, NULL);
	buf_free(&b);
	if (rc != SQLITE_OK)
		return db_err(DB(s), e, "listing the cases behind a count");
	tsm_bind(st, q);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(col(st, 0), NULL, ctx);
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "listing the cases behind a count");
}

static int sq_counter_set(store *s, const char *counter, int64_t value, struct rd_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(DB(s), "INSERT INTO counters (name, value) VALUES (?1, ?2)"
			       " ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "setting a counter");
	bind_text(st, 1, counter);
	sqlite3_bind_int64(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "setting a counter");
}

static int sq_secrets(store *s,
		      int (*fn)(const char *kind, const char *user, const char *hash,
				const char *at, const char *expires, void *ctx),
		      void *ctx, struct rd_err *e)
{
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(DB(s), "SELECT 'password', user, password_hash, changed_at, NULL"
			       " FROM credentials UNION ALL SELECT kind, user, token_hash, created_at,"
			       " expires_at FROM tokens", -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "reading sign-in secrets");
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(col(st, 0), col(st, 1), col(st, 2), col(st, 3),
			  sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : col(st, 4), ctx);
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "reading sign-in secrets");
}

/* ---- forgetting personal data (migration 007) ------------------------ */

static int exec_bound(store *s, const char *q, int n, const char *const *args,
		      struct rd_err *e, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(DB(s), q, -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, what);
	for (int i = 0; i < n; i++)
		bind_text(st, i + 1, args[i]);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(DB(s), e, what);
}

static int sq_redact(store *s, const char *stream, int64_t seq, const char *payload,
		     const char *payload_sha256, const char *on, struct rd_err *e)
{
	char n[24];
	const char *a[5] = { stream, n, payload_sha256, on, payload };

	snprintf(n, sizeof(n), "%lld", (long long)seq);
	/* The replaced text's space is zeroed, not merely freed. */
	if (sqlite3_exec(DB(s), "PRAGMA secure_delete=ON", NULL, NULL, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "redacting an event");
	if (exec_bound(s, "INSERT INTO redactions (stream, seq, payload_sha256, redacted_on, pending)"
		       " VALUES (?1, CAST(?2 AS INTEGER), ?3, ?4, 1) ON CONFLICT (stream, seq)"
		       " DO UPDATE SET pending = 1, redacted_on = excluded.redacted_on",
		       4, a, e, "redacting an event") ||
	    exec_bound(s, "UPDATE events SET payload = ?2 WHERE stream = ?1 AND seq = CAST(?3 AS INTEGER)",
		       3, (const char *const[]){ stream, payload, n }, e, "redacting an event") ||
	    exec_bound(s, "UPDATE redactions SET pending = 0 WHERE stream = ?1 AND seq = CAST(?2 AS INTEGER)",
		       2, a, e, "redacting an event"))
		return -1;
	return 0;
}

static int sq_scrub(store *s, struct rd_err *e)
{
	if (sqlite3_exec(DB(s), "PRAGMA secure_delete=ON;"
			 " PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "clearing forgotten data from the database file");
	return 0;
}

/* ---- the board pack and the self-assessment (migration 005) ---------- */

static int sq_complaint_report_put(store *s, const struct store_complaint_report *r,
				   struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_REPORT_PUT);
	int rc;

	bind_text(st, 1, r->reference);
	bind_text(st, 2, r->estate);
	bind_text(st, 3, r->building);
	bind_text(st, 4, r->closed_on);
	bind_text(st, 5, r->withdrawn_on);
	bind_flag(st, 6, r->s2_ack_within);
	for (int i = 0; i < 3; i++) {
		sqlite3_bind_int(st, 7 + i, r->s1_points[i]);
		sqlite3_bind_int(st, 10 + i, r->s2_points[i]);
	}
	sqlite3_bind_int(st, 13, r->remedies);
	bind_flag(st, 14, r->s1_defined);
	bind_flag(st, 15, r->s2_defined);
	bind_flag(st, 16, r->s2_other_handler);
	sqlite3_bind_int(st, 17, r->about_staff);
	sqlite3_bind_int(st, 18, r->handler_is_subject);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_err(DB(s), e, "indexing a complaint for reports");
}

static int sq_facts_put(store *s, const char *reference, const struct store_fact *f,
			size_t n, struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_FACTS_DEL);
	int rc;

	bind_text(st, 1, reference);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(DB(s), e, "indexing a complaint for reports");
	for (size_t i = 0; i < n; i++) {
		st = stmt(s, Q_FACTS_INS);
		bind_text(st, 1, reference);
		bind_text(st, 2, f[i].kind);
		sqlite3_bind_int(st, 3, f[i].n);
		sqlite3_bind_int(st, 4, f[i].stage);
		bind_text(st, 5, f[i].on ? f[i].on : "");	/* NOT NULL: the table's order */
		bind_text(st, 6, f[i].code);
		bind_text(st, 7, f[i].detail);
		sqlite3_bind_int(st, 8, f[i].days);
		sqlite3_bind_double(st, 9, f[i].amount);
		bind_text(st, 10, f[i].due_on);
		bind_text(st, 11, f[i].completed_on);
		sqlite3_bind_int(st, 12, f[i].flag);
		bind_text(st, 13, f[i].category);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_err(DB(s), e, "indexing a complaint for reports");
	}
	return 0;
}

static const char *coln(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/*
 * One sequential scan.  A year's complaints are a large share of the
 * table and their dates are spread over every date index, so reading them
 * through the indexes means a random read per row: over a million
 * complaints the union of the index ranges took 1.5 to 2.3 s and the scan
 * 0.4 s.  Every date of a complaint is on or after the day it was
 * received, so "received_on <= ?2" settles most rows at once.
 */
static int sq_report_rows(store *s, const char *from, const char *to,
			  int (*fn)(const struct store_report_row *row, void *ctx),
			  void *ctx, struct rd_err *e)
{
	static const char q[] =
		"SELECT reference, status, code_version, received_on, category, person_id, due_on,"
		" open, s1_acknowledged_on, coalesce(s1_ack_within, -1), s1_responded_on,"
		" coalesce(s1_within, -1), coalesce(s1_within_no_ext, -1), s2_requested_on,"
		" s2_acknowledged_on, s2_responded_on, coalesce(s2_within, -1),"
		" coalesce(s2_within_no_ext, -1), estate, building, closed_on, withdrawn_on,"
		" coalesce(s2_ack_within, -1), s1_upheld, s1_partly_upheld, s1_not_upheld, s2_upheld,"
		" s2_partly_upheld, s2_not_upheld, remedies, coalesce(s1_defined, -1),"
		" coalesce(s2_defined, -1), coalesce(s2_other_handler, -1), about_staff,"
		" handler_is_subject FROM complaints NOT INDEXED"
		" WHERE received_on <= ?2 AND (received_on >= ?1 OR s1_acknowledged_on BETWEEN ?1 AND ?2"
		" OR s1_responded_on BETWEEN ?1 AND ?2 OR s2_requested_on BETWEEN ?1 AND ?2"
		" OR s2_acknowledged_on BETWEEN ?1 AND ?2 OR s2_responded_on BETWEEN ?1 AND ?2"
		" OR closed_on BETWEEN ?1 AND ?2 OR withdrawn_on BETWEEN ?1 AND ?2)";
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(DB(s), q, -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "reading complaints for a report");
	bind_text(st, 1, from);
	bind_text(st, 2, to);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_report_row r;
		struct store_complaint_row *c = &r.c;
		struct store_complaint_report *x = &r.x;

		/* the flags come as -1 for NULL, so each column is one call */
		memset(&r, 0, sizeof(r));
		c->reference = col(st, 0);
		c->status = col(st, 1);
		c->code_version = sqlite3_column_int(st, 2);
		c->received_on = col(st, 3);
		c->category = col(st, 4);
		c->person_id = coln(st, 5);
		c->due_on = coln(st, 6);
		c->open = sqlite3_column_int(st, 7);
		c->s1_acknowledged_on = coln(st, 8);
		c->s1_ack_within = sqlite3_column_int(st, 9);
		c->s1_responded_on = coln(st, 10);
		c->s1_within = sqlite3_column_int(st, 11);
		c->s1_within_no_ext = sqlite3_column_int(st, 12);
		c->s2_requested_on = coln(st, 13);
		c->s2_acknowledged_on = coln(st, 14);
		c->s2_responded_on = coln(st, 15);
		c->s2_within = sqlite3_column_int(st, 16);
		c->s2_within_no_ext = sqlite3_column_int(st, 17);
		x->reference = c->reference;
		x->estate = coln(st, 18);
		x->building = coln(st, 19);
		x->closed_on = coln(st, 20);
		x->withdrawn_on = coln(st, 21);
		x->s2_ack_within = sqlite3_column_int(st, 22);
		for (int i = 0; i < 3; i++) {
			x->s1_points[i] = sqlite3_column_int(st, 23 + i);
			x->s2_points[i] = sqlite3_column_int(st, 26 + i);
		}
		x->remedies = sqlite3_column_int(st, 29);
		x->s1_defined = sqlite3_column_int(st, 30);
		x->s2_defined = sqlite3_column_int(st, 31);
		x->s2_other_handler = sqlite3_column_int(st, 32);
		x->about_staff = sqlite3_column_int(st, 33);
		x->handler_is_subject = sqlite3_column_int(st, 34);
		stop = fn(&r, ctx);
	}
	sqlite3_finalize(st);
	if (!stop && rc != SQLITE_DONE)
		return db_err(DB(s), e, "reading complaints for a report");
	return stop;
}

static int sq_facts(store *s, const char *kind, const char *from, const char *to,
		    int (*fn)(const struct store_fact *f, void *ctx), void *ctx,
		    struct rd_err *e)
{
	static const char q[] =
		"SELECT reference, category, kind, n, stage, on_date, code, detail, days, amount,"
		" due_on, completed_on, flag FROM complaint_facts"
		" WHERE kind = ?1 AND on_date BETWEEN ?2 AND ?3";
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(DB(s), q, -1, &st, NULL) != SQLITE_OK)
		return db_err(DB(s), e, "reading complaints for a report");
	bind_text(st, 1, kind);
	bind_text(st, 2, from);
	bind_text(st, 3, to);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_fact f;

		f.reference = col(st, 0);
		f.category = col(st, 1);
		f.kind = col(st, 2);
		f.n = sqlite3_column_int(st, 3);
		f.stage = sqlite3_column_int(st, 4);
		f.on = coln(st, 5);
		f.code = coln(st, 6);
		f.detail = coln(st, 7);
		f.days = sqlite3_column_int(st, 8);
		f.amount = sqlite3_column_double(st, 9);
		f.due_on = coln(st, 10);
		f.completed_on = coln(st, 11);
		f.flag = sqlite3_column_int(st, 12);
		stop = fn(&f, ctx);
	}
	sqlite3_finalize(st);
	if (!stop && rc != SQLITE_DONE)
		return db_err(DB(s), e, "reading complaints for a report");
	return stop;
}

/*
 * The backup API copies the database page by page inside one read
 * transaction, so writers go on and the copy is the database as it was
 * when the backup began.
 */
static int sq_backup_to(store *s, const char *dest, struct rd_err *e)
{
	sqlite3 *to;
	sqlite3_backup *b;
	int rc;

	if (access(dest, F_OK) == 0)
		return err_set(e, RD_ECONFLICT, "dest", NULL, "%s already exists", dest);
	if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err_set(e, RD_EIO, "dest", NULL, "cannot create %s: %s", dest, sqlite3_errmsg(to));
		sqlite3_close(to);
		return -1;
	}
	b = sqlite3_backup_init(to, "main", DB(s), "main");
	if (!b) {
		err_set(e, RD_EIO, "dest", NULL, "cannot start the backup: %s", sqlite3_errmsg(to));
		sqlite3_close(to);
		unlink(dest);
		return -1;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		err_set(e, RD_EIO, "dest", NULL, "the backup failed: %s", sqlite3_errstr(rc));
		sqlite3_close(to);
		unlink(dest);
		return -1;
	}
	sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	return sqlite3_close(to) == SQLITE_OK ? 0 : err_set(e, RD_EIO, "dest", NULL, "cannot close %s", dest);
}

/* From the (received_on, category) index alone (migration 005). */
static int sq_received_by_category(store *s, const char *from, const char *to,
				   int (*fn)(const char *category, long long n, void *ctx),
				   void *ctx, struct rd_err *e)
{
	sqlite3_stmt *st = stmt(s, Q_RECEIVED_CAT);
	int rc, stop = 0;

	bind_text(st, 1, from);
	bind_text(st, 2, to);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(col(st, 0), sqlite3_column_int64(st, 1), ctx);
	sqlite3_reset(st);
	if (!stop && rc != SQLITE_DONE)
		return db_err(DB(s), e, "counting complaints received");
	return stop;
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.head = sq_head,
	.insert_event = sq_insert_event,
	.events = sq_events,
	.state_get = sq_state_get,
	.state_put = sq_state_put,
	.states = sq_states,
	.heads = sq_heads,
	.complaint_put = sq_complaint_put,
	.complaint_list = sq_complaint_list,
	.next_number = sq_next_number,
	.savepoint = sq_savepoint,
	.password_set = sq_password_set,
	.password_get = sq_password_get,
	.token_add = sq_token_add,
	.token_user = sq_token_user,
	.token_delete = sq_token_delete,
	.token_find = sq_token_find,
	.reviews_put = sq_reviews_put,
	.reviews_due = sq_reviews_due,
	.tsm_counts = sq_tsm_counts,
	.tsm_cases = sq_tsm_cases,
	.counter_set = sq_counter_set,
	.backup_to = sq_backup_to,
	.secrets = sq_secrets,
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.complaint_counts = sq_complaint_counts,
	.complaint_report_put = sq_complaint_report_put,
	.facts_put = sq_facts_put,
	.report_rows = sq_report_rows,
	.facts = sq_facts,
	.received_by_category = sq_received_by_category,
	.redact = sq_redact,
	.scrub = sq_scrub,
};

static int migrate(sqlite3 *db, struct rd_err *e)
{
	sqlite3_stmt *st;
	int have = 0;
	char *msg = NULL;

	if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			 "version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
			 NULL, NULL, NULL) != SQLITE_OK)
		return db_err(db, e, "preparing migrations");
	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(version), 0) FROM schema_migrations",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(db, e, "reading migrations");
	if (sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	for (int i = 0; i < store_migrations_count; i++) {
		const struct store_migration *m = &store_migrations[i];
		char rec[200];

		if (m->version <= have)
			continue;
		snprintf(rec, sizeof(rec),
			 "INSERT INTO schema_migrations VALUES (%d, '%s')",
			 m->version, m->name);
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(db, m->sql, NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(db, rec, NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
			err_set(e, RD_EIO, "", NULL, "migration %s failed: %s",
				m->name, msg ? msg : sqlite3_errmsg(db));
			sqlite3_free(msg);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

store *store_sqlite_open(const char *path, int create, struct rd_err *e)
{
	struct sqlite_store *ss;
	/* One connection per thread (the server opens one in each), so
	 * SQLite's own locking of the connection is not needed. */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);

	if (!create && access(path, F_OK) != 0) {
		err_set(e, RD_ENOTFOUND, "db", NULL,
			"no database at %s: create one with \"redress init\" or \"redress demo\"",
			path);
		return NULL;
	}
	ss = xcalloc(1, sizeof(*ss));
	ss->base.ops = &sqlite_ops;
	if (sqlite3_open_v2(path, &ss->db, flags, NULL) != SQLITE_OK) {
		err_set(e, RD_EIO, "db", NULL, "cannot open %s: %s", path,
			ss->db ? sqlite3_errmsg(ss->db) : "out of memory");
		sqlite3_close(ss->db);
		free(ss);
		return NULL;
	}
	sqlite3_busy_timeout(ss->db, 10000);
	/* Reads map the file (no read() per page) and keep up to 64 MiB of
	 * pages per connection. */
	if (sqlite3_exec(ss->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 " PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		db_err(ss->db, e, "opening");
		goto fail;
	}
	if (migrate(ss->db, e))
		goto fail;
	for (int i = 0; i < NQ; i++) {
		if (sqlite3_prepare_v2(ss->db, sql[i], -1, &ss->q[i], NULL) != SQLITE_OK) {
			db_err(ss->db, e, "preparing statements");
			goto fail;
		}
	}
	return &ss->base;
fail:
	sq_close(&ss->base);
	return NULL;
}
