/*
 * pg.c - the store on PostgreSQL (libpq).
 *
 * Many landlords share one database, each in a schema of its own: every
 * statement runs with the landlord's schema as the only search path, so no
 * query of one landlord can name another's tables.  Writers take a
 * transaction-scoped advisory lock on the landlord, so two Redress servers
 * on one database append to a record one after the other; the unique
 * (stream, seq) constraint is the backstop that turns any race into a
 * conflict instead of a broken chain.  A lost connection is reopened on
 * the next call.
 *
 * Every value is a bound parameter ($1, $2, ...); the only identifier put
 * into SQL text is the schema name, which is checked to be [a-z0-9_].
 */
#include "store/pg.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "util/buf.h"

struct pg_store {
	store base;
	PGconn *c;
	char *conninfo;
	char schema[64];
	int in_txn;	/* 1 write transaction, 2 read transaction */
};

#define PG(s) ((struct pg_store *)(s))

static int pg_err(store *s, PGresult *res, struct rd_err *e, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res && PQresultErrorMessage(res)[0] ? PQresultErrorMessage(res)
			  : PQerrorMessage(PG(s)->c);
	char clean[300];
	size_t n;

	snprintf(clean, sizeof(clean), "%s", msg ? msg : "unknown error");
	n = strlen(clean);
	while (n && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
		clean[--n] = '\0';
	if (res)
		PQclear(res);
	/* 23505: unique violation, 40001: serialization failure. */
	if (state && (!strcmp(state, "23505") || !strcmp(state, "40001")))
		return err_set(e, RD_ECONFLICT, "", NULL,
			       "someone else changed this record at the same moment; try again");
	return err_set(e, RD_EIO, "", NULL, "database error while %s: %s", what, clean);
}

/* Reconnects when the connection was lost outside a transaction. */
static int alive(store *s, struct rd_err *e)
{
	struct pg_store *p = PG(s);
	char set[128];
	PGresult *res;

	if (PQstatus(p->c) == CONNECTION_OK)
		return 0;
	if (p->in_txn) {
		p->in_txn = 0;
		return err_set(e, RD_EIO, "", NULL,
			       "the database connection was lost during a transaction; nothing of it was saved");
	}
	PQreset(p->c);
	if (PQstatus(p->c) != CONNECTION_OK)
		return err_set(e, RD_EIO, "", NULL, "cannot reach the database: %s",
			       PQerrorMessage(p->c));
	snprintf(set, sizeof(set), "SET search_path TO \"%s\"", p->schema);
	res = PQexec(p->c, set);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return pg_err(s, res, e, "choosing the landlord");
	PQclear(res);
	return 0;
}

/*
 * Runs "sql" with "n" text parameters; returns the result (caller clears)
 * or NULL with "e" filled.
 */
static PGresult *run(store *s, const char *sql, int n, const char *const *params,
		     struct rd_err *e, const char *what)
{
	PGresult *res;
	ExecStatusType st;

	if (alive(s, e))
		return NULL;
	res = PQexecParams(PG(s)->c, sql, n, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(res);
	/* A connection found broken outside a transaction: reconnect and
	 * try once more, so the first request after an outage succeeds. */
	if (st == PGRES_FATAL_ERROR && PQstatus(PG(s)->c) != CONNECTION_OK && !PG(s)->in_txn) {
		PQclear(res);
		if (alive(s, e))
			return NULL;
		res = PQexecParams(PG(s)->c, sql, n, NULL, params, NULL, NULL, 0);
		st = PQresultStatus(res);
	}
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		pg_err(s, res, e, what);
		return NULL;
	}
	return res;
}

/* Fixed SQL with no values (transaction control, migrations): the simple
 * protocol, which also runs a migration's several statements. */
static int exec0(store *s, const char *sql, struct rd_err *e, const char *what)
{
	PGresult *res;
	ExecStatusType st;

	if (alive(s, e))
		return -1;
	res = PQexec(PG(s)->c, sql);
	st = PQresultStatus(res);
	if (st == PGRES_FATAL_ERROR && PQstatus(PG(s)->c) != CONNECTION_OK && !PG(s)->in_txn) {
		PQclear(res);
		if (alive(s, e))
			return -1;
		res = PQexec(PG(s)->c, sql);
		st = PQresultStatus(res);
	}
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		return pg_err(s, res, e, what);
	PQclear(res);
	return 0;
}

static const char *val(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
}

static void pg_close(store *s)
{
	PQfinish(PG(s)->c);
	free(PG(s)->conninfo);
	free(s);
}

static int pg_begin(store *s, struct rd_err *e)
{
	const char *p[1] = { PG(s)->schema };
	PGresult *res;

	if (exec0(s, "BEGIN", e, "starting a transaction"))
		return -1;
	PG(s)->in_txn = 1;
	/* One writer per landlord at a time, across every server. */
	res = run(s, "SELECT pg_advisory_xact_lock(hashtext($1))", 1, p, e, "locking");
	if (!res) {
		exec0(s, "ROLLBACK", NULL, "");
		PG(s)->in_txn = 0;
		return -1;
	}
	PQclear(res);
	return 0;
}

static int pg_commit(store *s, struct rd_err *e)
{
	int rc = exec0(s, "COMMIT", e, "committing");

	if (rc)
		exec0(s, "ROLLBACK", NULL, "");
	PG(s)->in_txn = 0;
	return rc;
}

static void pg_rollback(store *s)
{
	if (PG(s)->in_txn)
		exec0(s, "ROLLBACK", NULL, "");
	PG(s)->in_txn = 0;
}

static int pg_savepoint(store *s, int op, struct rd_err *e)
{
	if (op == 0)
		return exec0(s, "SAVEPOINT action", e, "opening a savepoint");
	if (op == 2 && exec0(s, "ROLLBACK TO SAVEPOINT action", e, "rolling back to a savepoint"))
		return -1;
	return exec0(s, "RELEASE SAVEPOINT action", e, "releasing a savepoint");
}

static int pg_read_begin(store *s, struct rd_err *e)
{
	if (PG(s)->in_txn)
		return 0;
	if (exec0(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", e, "starting a read"))
		return -1;
	PG(s)->in_txn = 2;
	return 0;
}

static void pg_read_end(store *s)
{
	if (PG(s)->in_txn == 2) {
		exec0(s, "COMMIT", NULL, "");
		PG(s)->in_txn = 0;
	}
}

static int pg_head(store *s, const char *stream, int64_t *seq,
		   char hash[STORE_HASHLEN], struct rd_err *e)
{
	const char *p[1] = { stream };
	PGresult *res = run(s, "SELECT seq, head_hash FROM aggregates WHERE stream = $1",
			    1, p, e, "reading a record's head");

	*seq = 0;
	hash[0] = '\0';
	if (!res)
		return -1;
	if (PQntuples(res)) {
		*seq = strtoll(val(res, 0, 0), NULL, 10);
		snprintf(hash, STORE_HASHLEN, "%s", val(res, 0, 1));
	}
	PQclear(res);
	return 0;
}

static int pg_insert_event(store *s, struct store_event *ev, struct rd_err *e)
{
	char seq[24];
	const char *p[9];
	PGresult *res;

	snprintf(seq, sizeof(seq), "%lld", (long long)ev->seq);
	p[0] = ev->stream; p[1] = seq; p[2] = ev->type; p[3] = ev->actor;
	p[4] = ev->recorded_at; p[5] = ev->effective_on; p[6] = ev->payload;
	p[7] = ev->prev_hash; p[8] = ev->hash;
	res = run(s, "INSERT INTO events (stream, seq, type, actor, recorded_at, effective_on,"
		  " payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
		  " RETURNING id", 9, p, e, "appending an event");
	if (!res)
		return -1;
	ev->id = strtoll(val(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

/* Streams rows one at a time, so a walk over every event stays small. */
static int pg_events(store *s, const char *stream, store_event_fn fn, void *ctx,
		     struct rd_err *e)
{
	const char *p[1] = { stream };
	const char *sql = stream
		? "SELECT id, stream, seq, type, actor, recorded_at, effective_on, payload,"
		  " prev_hash, hash FROM events WHERE stream = $1 ORDER BY seq"
		: "SELECT id, stream, seq, type, actor, recorded_at, effective_on, payload,"
		  " prev_hash, hash FROM events ORDER BY stream COLLATE \"C\", seq";
	PGresult *res;
	int stop = 0, failed = 0;

	if (alive(s, e))
		return -1;
	if (!PQsendQueryParams(PG(s)->c, sql, stream ? 1 : 0, NULL, p, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(PG(s)->c))
		return pg_err(s, NULL, e, "reading events");
	while ((res = PQgetResult(PG(s)->c))) {
		ExecStatusType st = PQresultStatus(res);

		if (st == PGRES_SINGLE_TUPLE && !stop) {
			struct store_event ev;

			ev.id = strtoll(val(res, 0, 0), NULL, 10);
			ev.stream = val(res, 0, 1);
			ev.seq = strtoll(val(res, 0, 2), NULL, 10);
			ev.type = val(res, 0, 3);
			ev.actor = val(res, 0, 4);
			ev.recorded_at = val(res, 0, 5);
			ev.effective_on = val(res, 0, 6);
			ev.payload = val(res, 0, 7);
			snprintf(ev.prev_hash, sizeof(ev.prev_hash), "%s", val(res, 0, 8));
			snprintf(ev.hash, sizeof(ev.hash), "%s", val(res, 0, 9));
			stop = fn(&ev, ctx);
		} else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && !failed) {
			failed = 1;
			pg_err(s, res, e, "reading events");
			continue;
		}
		PQclear(res);
	}
	return failed ? -1 : stop;
}

static int pg_state_get(store *s, const char *stream, char **json, struct rd_err *e)
{
	const char *p[1] = { stream };
	PGresult *res = run(s, "SELECT state FROM aggregates WHERE stream = $1", 1, p, e,
			    "reading a record");

	*json = NULL;
	if (!res)
		return -1;
	if (!PQntuples(res)) {
		PQclear(res);
		return err_set(e, RD_ENOTFOUND, "", NULL, "%s not found", stream);
	}
	*json = xstrdup(val(res, 0, 0));
	PQclear(res);
	return 0;
}

static int pg_state_put(store *s, const char *stream, const char *kind, int64_t seq,
			const char *hash, const char *json, struct rd_err *e)
{
	char n[24];
	const char *p[5] = { stream, kind, n, hash, json };
	PGresult *res;

	snprintf(n, sizeof(n), "%lld", (long long)seq);
	res = run(s, "INSERT INTO aggregates (stream, kind, seq, head_hash, state)"
		  " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (stream) DO UPDATE SET"
		  " seq = excluded.seq, head_hash = excluded.head_hash, state = excluded.state",
		  5, p, e, "saving a record");
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

static int walk(PGresult *res, store_state_fn fn, void *ctx)
{
	int stop = 0;

	for (int i = 0; i < PQntuples(res) && !stop; i++)
		stop = fn(val(res, i, 0), PQnfields(res) > 1 ? val(res, i, 1) : NULL, ctx);
	PQclear(res);
	return stop;
}

static int pg_states(store *s, const char *kind, store_state_fn fn, void *ctx,
		     struct rd_err *e)
{
	const char *p[1] = { kind };
	PGresult *res = run(s, "SELECT stream, state FROM aggregates WHERE kind = $1"
			    " ORDER BY stream COLLATE \"C\"", 1, p, e, "listing records");

	return res ? walk(res, fn, ctx) : -1;
}

static int pg_heads(store *s, store_head_fn fn, void *ctx, struct rd_err *e)
{
	PGresult *res = run(s, "SELECT stream, seq, head_hash FROM aggregates", 0, NULL, e,
			    "reading heads");
	int stop = 0;

	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res) && !stop; i++)
		stop = fn(val(res, i, 0), strtoll(val(res, i, 1), NULL, 10), val(res, i, 2), ctx);
	PQclear(res);
	return stop;
}

/* A flag: -1 is NULL ("not known yet"). */
static const char *flag(int v, char *buf)
{
	if (v < 0)
		return NULL;
	snprintf(buf, 4, "%d", v ? 1 : 0);
	return buf;
}

static int pg_complaint_put(store *s, const struct store_complaint_row *r, struct rd_err *e)
{
	char stage[8], ver[8], open[4], refused[4], f[6][4], ext[4], beyond[4];
	const char *p[25];
	PGresult *res;

	snprintf(stage, sizeof(stage), "%d", r->stage);
	snprintf(ver, sizeof(ver), "%d", r->code_version);
	snprintf(open, sizeof(open), "%d", r->open ? 1 : 0);
	snprintf(refused, sizeof(refused), "%d", r->refused ? 1 : 0);
	snprintf(ext, sizeof(ext), "%d", r->extended ? 1 : 0);
	snprintf(beyond, sizeof(beyond), "%d", r->extended_beyond_code ? 1 : 0);
	p[0] = r->reference; p[1] = r->status; p[2] = stage; p[3] = ver;
	p[4] = r->received_on; p[5] = r->category; p[6] = r->channel; p[7] = r->handler;
	p[8] = r->person_id; p[9] = r->due_on; p[10] = open; p[11] = r->tenure;
	p[12] = refused; p[13] = r->s1_acknowledged_on; p[14] = flag(r->s1_ack_within, f[0]);
	p[15] = r->s1_responded_on; p[16] = flag(r->s1_within, f[1]);
	p[17] = flag(r->s1_within_no_ext, f[2]); p[18] = r->s2_requested_on;
	p[19] = r->s2_acknowledged_on; p[20] = r->s2_responded_on;
	p[21] = flag(r->s2_within, f[3]); p[22] = flag(r->s2_within_no_ext, f[4]);
	p[23] = ext; p[24] = beyond;
	res = run(s, "INSERT INTO complaints (reference, status, stage, code_version, received_on,"
		  " category, channel, handler, person_id, due_on, open, tenure, refused,"
		  " s1_acknowledged_on, s1_ack_within, s1_responded_on, s1_within, s1_within_no_ext,"
		  " s2_requested_on, s2_acknowledged_on, s2_responded_on, s2_within,"
		  " s2_within_no_ext, extended, extended_beyond_code) VALUES ($1, $2, $3, $4, $5,"
		  " $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
		  " $22, $23, $24, $25) ON CONFLICT (reference) DO UPDATE SET"
		  " status = excluded.status, stage = excluded.stage, handler = excluded.handler,"
		  " person_id = excluded.person_id, due_on = excluded.due_on, open = excluded.open,"
		  " tenure = excluded.tenure, refused = excluded.refused,"
		  " s1_acknowledged_on = excluded.s1_acknowledged_on,"
		  " s1_ack_within = excluded.s1_ack_within, s1_responded_on = excluded.s1_responded_on,"
		  " s1_within = excluded.s1_within, s1_within_no_ext = excluded.s1_within_no_ext,"
		  " s2_requested_on = excluded.s2_requested_on,"
		  " s2_acknowledged_on = excluded.s2_acknowledged_on,"
		  " s2_responded_on = excluded.s2_responded_on, s2_within = excluded.s2_within,"
		  " s2_within_no_ext = excluded.s2_within_no_ext, extended = excluded.extended,"
		  " extended_beyond_code = excluded.extended_beyond_code",
		  25, p, e, "indexing a complaint");
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

/* Built from fixed fragments; every value is a bound parameter. */
static int pg_complaint_list(store *s, const struct store_filter *f, store_state_fn fn,
			     void *ctx, struct rd_err *e)
{
	struct buf q = BUF_INIT;
	const char *vals[16];
	char stage[8], limit[16], offset[16];
	int n = 0;
	PGresult *res;

	buf_puts(&q, f->count ? "SELECT count(*) FROM complaints c JOIN aggregates a"
			      " ON a.stream = 'complaint:' || c.reference WHERE TRUE"
			      : "SELECT a.stream, a.state FROM complaints c JOIN aggregates a"
			      " ON a.stream = 'complaint:' || c.reference WHERE TRUE");
#define WHERE(cond, v) if (v) { vals[n] = (v); n++; buf_printf(&q, " AND " cond, n); }
	WHERE("c.status = $%d", f->status);
	WHERE("c.handler = $%d", f->handler);
	WHERE("c.category = $%d", f->category);
	WHERE("c.person_id = $%d", f->person_id);
	WHERE("c.open = 1 AND c.due_on <= $%d", f->due_before);
	WHERE("c.open = 1 AND c.due_on >= $%d", f->due_from);
	WHERE("c.open = 1 AND c.due_on < $%d", f->overdue_on);
	WHERE("c.received_on >= $%d", f->received_from);
	WHERE("c.received_on <= $%d", f->received_to);
	WHERE("strpos(lower(a.state::text), lower($%d)) > 0", f->text);
#undef WHERE
	if (f->open)
		buf_puts(&q, " AND c.open = 1");
	if (f->stage) {
		snprintf(stage, sizeof(stage), "%d", f->stage);
		vals[n++] = stage;
		buf_printf(&q, " AND c.stage = $%d::int", n);
	}
	if (!f->count)
		buf_puts(&q, f->by_due ? " ORDER BY c.due_on NULLS LAST, c.reference COLLATE \"C\""
				       : " ORDER BY c.received_on, c.reference COLLATE \"C\"");
	if (f->limit > 0 && !f->count) {
		snprintf(limit, sizeof(limit), "%d", f->limit);
		snprintf(offset, sizeof(offset), "%d", f->offset > 0 ? f->offset : 0);
		vals[n++] = limit;
		vals[n++] = offset;
		buf_printf(&q, " LIMIT $%d::int OFFSET $%d::int", n - 1, n);
	}
	res = run(s, buf_str(&q), n, vals, e, "listing complaints");
	buf_free(&q);
	if (res && f->count) {
		*f->count = strtoll(val(res, 0, 0), NULL, 10);
		PQclear(res);
		return 0;
	}
	return res ? walk(res, fn, ctx) : -1;
}

static int pg_reviews_put(store *s, const char *person, const char *const *dates, size_t n,
			  struct rd_err *e)
{
	const char *p[2] = { person, NULL };
	PGresult *res = run(s, "DELETE FROM person_reviews WHERE person = $1", 1, p, e,
			    "indexing reviews");

	if (!res)
		return -1;
	PQclear(res);
	for (size_t i = 0; i < n; i++) {
		p[1] = dates[i];
		if (!(res = run(s, "INSERT INTO person_reviews (person, review_on) VALUES ($1, $2)",
				2, p, e, "indexing reviews")))
			return -1;
		PQclear(res);
	}
	return 0;
}

static int pg_reviews_due(store *s, const char *by, store_state_fn fn, void *ctx,
			  struct rd_err *e)
{
	const char *p[1] = { by };
	PGresult *res = run(s, "SELECT stream, state FROM aggregates WHERE stream IN"
			    " (SELECT 'person:' || person FROM person_reviews WHERE review_on <= $1)"
			    " ORDER BY stream COLLATE \"C\"", 1, p, e, "listing reviews");

	return res ? walk(res, fn, ctx) : -1;
}

static int pg_next_number(store *s, const char *counter, int64_t *out, struct rd_err *e)
{
	const char *p[1] = { counter };
	PGresult *res = run(s, "INSERT INTO counters (name, value) VALUES ($1, 1)"
			    " ON CONFLICT (name) DO UPDATE SET value = counters.value + 1"
			    " RETURNING value", 1, p, e, "numbering");

	if (!res)
		return -1;
	*out = strtoll(val(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

static int pg_password_set(store *s, const char *user, const char *hash, const char *at,
			   struct rd_err *e)
{
	const char *p[3] = { user, hash, at };
	PGresult *res = run(s, "INSERT INTO credentials (\"user\", password_hash, changed_at)"
			    " VALUES ($1, $2, $3) ON CONFLICT (\"user\") DO UPDATE SET"
			    " password_hash = excluded.password_hash, changed_at = excluded.changed_at",
			    3, p, e, "saving a password");

	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

static int pg_password_get(store *s, const char *user, char *out, size_t n, struct rd_err *e)
{
	const char *p[1] = { user };
	PGresult *res = run(s, "SELECT password_hash FROM credentials WHERE \"user\" = $1",
			    1, p, e, "reading a password");

	if (!res)
		return -1;
	if (!PQntuples(res)) {
		PQclear(res);
		return err_set(e, RD_ENOTFOUND, "", NULL, "no password");
	}
	snprintf(out, n, "%s", val(res, 0, 0));
	PQclear(res);
	return 0;
}

static int pg_token_add(store *s, const char *hash, const char *user, const char *kind,
			const char *at, const char *expires, struct rd_err *e)
{
	const char *p[5] = { hash, user, kind, at, expires };
	PGresult *res = run(s, "INSERT INTO tokens (token_hash, \"user\", kind, created_at,"
			    " expires_at) VALUES ($1, $2, $3, $4, $5)", 5, p, e, "saving a token");

	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

/* A token's two columns (user and role, or user and kind) by "sql". */
static int token_row(store *s, const char *sql, const char *hash, const char *now,
		     char *a, size_t an, char *b, size_t bn, struct rd_err *e)
{
	const char *p[2] = { hash, now };
	PGresult *res = run(s, sql, 2, p, e, "reading a token");

	if (!res)
		return -1;
	if (!PQntuples(res)) {
		PQclear(res);
		return err_set(e, RD_ENOTFOUND, "", NULL, "no such token");
	}
	snprintf(a, an, "%s", val(res, 0, 0));
	snprintf(b, bn, "%s", val(res, 0, 1));
	PQclear(res);
	return 0;
}

static int pg_token_user(store *s, const char *hash, const char *now, char *user, size_t n,
			 char *role, size_t rn, struct rd_err *e)
{
	return token_row(s, "SELECT t.\"user\", a.state::json->>'role' FROM tokens t"
			 " JOIN aggregates a ON a.stream = 'user:' || t.\"user\""
			 " WHERE t.token_hash = $1 AND (t.expires_at IS NULL OR t.expires_at > $2)",
			 hash, now, user, n, role, rn, e);
}

static int pg_token_find(store *s, const char *hash, const char *now, char *user, size_t n,
			 char *kind, size_t kn, struct rd_err *e)
{
	return token_row(s, "SELECT \"user\", kind FROM tokens"
			 " WHERE token_hash = $1 AND (expires_at IS NULL OR expires_at > $2)",
			 hash, now, user, n, kind, kn, e);
}

static int pg_token_delete(store *s, const char *hash, struct rd_err *e)
{
	const char *p[1] = { hash };
	PGresult *res = run(s, "DELETE FROM tokens WHERE token_hash = $1", 1, p, e,
			    "deleting a token");

	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

static int pg_complaint_counts(store *s, const char *today,
			       int (*fn)(const char *what, int stage, long long n, void *ctx),
			       void *ctx, struct rd_err *e)
{
	const char *p[1] = { today };
	PGresult *res = run(s, "SELECT status, stage, count(*) FROM complaints WHERE open = 1"
			    " GROUP BY status, stage", 0, NULL, e, "counting complaints");

	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res); i++)
		fn(val(res, i, 0), atoi(val(res, i, 1)), strtoll(val(res, i, 2), NULL, 10), ctx);
	PQclear(res);
	res = run(s, "SELECT stage, count(*) FROM complaints WHERE open = 1 AND due_on < $1"
		  " GROUP BY stage", 1, p, e, "counting complaints");
	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res); i++)
		fn("overdue", atoi(val(res, i, 0)), strtoll(val(res, i, 1), NULL, 10), ctx);
	PQclear(res);
	return 0;
}

/*
 * The TSM counts, as in sqlite.c.  Parameters: $1 first day, $2 last day,
 * $3 refused count (0/1), $4 stage 2 by acknowledgement (0/1), $5
 * permitted extensions count as within (0/1).
 */
static const struct {
	const char *metric, *cond;
} tsm_metrics[] = {
	{ "s1_received", "received_on BETWEEN $1 AND $2 AND ($3::int = 1 OR refused = 0)" },
	{ "s2_received", "(CASE WHEN $4::int = 1 THEN s2_acknowledged_on ELSE s2_requested_on END)"
			 " BETWEEN $1 AND $2 AND ($3::int = 1 OR status <> 'escalation_refused')" },
	{ "s1_responses", "s1_responded_on BETWEEN $1 AND $2" },
	{ "s1_within", "s1_responded_on BETWEEN $1 AND $2 AND"
		       " (CASE WHEN $5::int = 1 THEN s1_within ELSE s1_within_no_ext END) = 1" },
	{ "s1_late", "s1_responded_on BETWEEN $1 AND $2 AND"
		     " (CASE WHEN $5::int = 1 THEN s1_within ELSE s1_within_no_ext END) = 0" },
	{ "s2_responses", "s2_responded_on BETWEEN $1 AND $2" },
	{ "s2_within", "s2_responded_on BETWEEN $1 AND $2 AND"
		       " (CASE WHEN $5::int = 1 THEN s2_within ELSE s2_within_no_ext END) = 1" },
	{ "s2_late", "s2_responded_on BETWEEN $1 AND $2 AND"
		     " (CASE WHEN $5::int = 1 THEN s2_within ELSE s2_within_no_ext END) = 0" },
};

static void tsm_params(const struct store_tsm_query *q, const char **p, char *b)
{
	snprintf(b, 4, "%d", q->include_refused ? 1 : 0);
	snprintf(b + 4, 4, "%d", q->stage2_by_ack ? 1 : 0);
	snprintf(b + 8, 4, "%d", q->extensions_within ? 1 : 0);
	p[0] = q->from;
	p[1] = q->to;
	p[2] = b;
	p[3] = b + 4;
	p[4] = b + 8;
	p[5] = q->tenure;
}

static int pg_tsm_counts(store *s, const struct store_tsm_query *q, struct store_tsm out[3],
			 struct rd_err *e)
{
	struct buf b = BUF_INIT;
	const char *p[6];
	char flags[12];
	PGresult *res;

	tsm_params(q, p, flags);
	buf_puts(&b, "SELECT coalesce(tenure, '')");
	for (size_t i = 0; i < sizeof(tsm_metrics) / sizeof(tsm_metrics[0]); i++)
		buf_printf(&b, ", count(*) FILTER (WHERE %s)", tsm_metrics[i].cond);
	buf_puts(&b, " FROM complaints WHERE received_on BETWEEN $1 AND $2"
		 " OR s1_responded_on BETWEEN $1 AND $2 OR s2_requested_on BETWEEN $1 AND $2"
		 " OR s2_acknowledged_on BETWEEN $1 AND $2 OR s2_responded_on BETWEEN $1 AND $2"
		 " GROUP BY 1");
	res = run(s, buf_str(&b), 5, p, e, "counting for the TSMs");
	buf_free(&b);
	if (!res)
		return -1;
	memset(out, 0, 3 * sizeof(*out));
	for (int i = 0; i < PQntuples(res); i++) {
		const char *t = val(res, i, 0);
		struct store_tsm *g = !strcmp(t, "lcra") ? &out[1] : !strcmp(t, "lcho") ? &out[2] : NULL;
		long long v[8];

		for (int k = 0; k < 8; k++)
			v[k] = strtoll(val(res, i, k + 1), NULL, 10);
		for (int which = 0; which < 2; which++) {
			struct store_tsm *o = which ? g : &out[0];

			if (!o)
				continue;
			o->s1_received += v[0];
			o->s2_received += v[1];
			o->s1_responses += v[2];
			o->s1_within += v[3];
			o->s2_responses += v[5];
			o->s2_within += v[6];
		}
	}
	PQclear(res);
	return 0;
}

static int pg_tsm_cases(store *s, const struct store_tsm_query *q, const char *metric,
			store_state_fn fn, void *ctx, struct rd_err *e)
{
	struct buf b = BUF_INIT;
	const char *p[6], *cond = NULL;
	char flags[12];
	PGresult *res;

	for (size_t i = 0; i < sizeof(tsm_metrics) / sizeof(tsm_metrics[0]); i++)
		if (!strcmp(tsm_metrics[i].metric, metric))
			cond = tsm_metrics[i].cond;
	if (!cond)
		return err_set(e, RD_EINVAL, "cases", NULL,
			       "unknown measure \"%s\": use s1_received, s2_received, s1_responses, s1_within, s1_late, s2_responses, s2_within or s2_late",
			       metric);
	tsm_params(q, p, flags);
	/* Every parameter is typed here, whichever the measure uses. */
	buf_printf(&b, "SELECT reference FROM complaints WHERE ($6::text IS NULL OR tenure = $6)"
		   " AND $3::int >= 0 AND $4::int >= 0 AND $5::int >= 0"
		   " AND %s ORDER BY reference COLLATE \"C\"", cond);
	res = run(s, buf_str(&b), 6, p, e, "listing the cases behind a count");
	buf_free(&b);
	return res ? (walk(res, fn, ctx), 0) : -1;
}

static int pg_counter_set(store *s, const char *counter, int64_t value, struct rd_err *e)
{
	char v[24];
	const char *p[2] = { counter, v };
	PGresult *res;

	snprintf(v, sizeof(v), "%lld", (long long)value);
	res = run(s, "INSERT INTO counters (name, value) VALUES ($1, $2::bigint)"
		  " ON CONFLICT (name) DO UPDATE SET value = greatest(counters.value, excluded.value)",
		  2, p, e, "setting a counter");
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

static int pg_secrets(store *s,
		      int (*fn)(const char *kind, const char *user, const char *hash,
				const char *at, const char *expires, void *ctx),
		      void *ctx, struct rd_err *e)
{
	PGresult *res = run(s, "SELECT 'password', \"user\", password_hash, changed_at, NULL"
			    " FROM credentials UNION ALL SELECT kind, \"user\", token_hash, created_at,"
			    " expires_at FROM tokens", 0, NULL, e, "reading sign-in secrets");
	int stop = 0;

	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res) && !stop; i++)
		stop = fn(val(res, i, 0), val(res, i, 1), val(res, i, 2), val(res, i, 3),
			  PQgetisnull(res, i, 4) ? NULL : val(res, i, 4), ctx);
	PQclear(res);
	return 0;
}

/* ---- the board pack and the self-assessment (migration pg/002) ------- */

static int pg_complaint_report_put(store *s, const struct store_complaint_report *r,
				   struct rd_err *e)
{
	char f[4][4], pts[6][12], rem[12], staff[4], subj[4];
	const char *p[18];
	PGresult *res;

	for (int i = 0; i < 3; i++) {
		snprintf(pts[i], sizeof(pts[i]), "%d", r->s1_points[i]);
		snprintf(pts[3 + i], sizeof(pts[3 + i]), "%d", r->s2_points[i]);
	}
	snprintf(rem, sizeof(rem), "%d", r->remedies);
	snprintf(staff, sizeof(staff), "%d", r->about_staff ? 1 : 0);
	snprintf(subj, sizeof(subj), "%d", r->handler_is_subject ? 1 : 0);
	p[0] = r->reference; p[1] = r->estate; p[2] = r->building; p[3] = r->closed_on;
	p[4] = r->withdrawn_on; p[5] = flag(r->s2_ack_within, f[0]);
	for (int i = 0; i < 6; i++)
		p[6 + i] = pts[i];
	p[12] = rem; p[13] = flag(r->s1_defined, f[1]); p[14] = flag(r->s2_defined, f[2]);
	p[15] = flag(r->s2_other_handler, f[3]); p[16] = staff; p[17] = subj;
	res = run(s, "UPDATE complaints SET estate = $2, building = $3, closed_on = $4,"
		  " withdrawn_on = $5, s2_ack_within = $6::int, s1_upheld = $7::int,"
		  " s1_partly_upheld = $8::int, s1_not_upheld = $9::int, s2_upheld = $10::int,"
		  " s2_partly_upheld = $11::int, s2_not_upheld = $12::int, remedies = $13::int,"
		  " s1_defined = $14::int, s2_defined = $15::int, s2_other_handler = $16::int,"
		  " about_staff = $17::int, handler_is_subject = $18::int WHERE reference = $1",
		  18, p, e, "indexing a complaint for reports");
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

static int pg_facts_put(store *s, const char *reference, const struct store_fact *f,
			size_t n, struct rd_err *e)
{
	const char *del[1] = { reference };
	PGresult *res = run(s, "DELETE FROM complaint_facts WHERE reference = $1", 1, del, e,
			    "indexing a complaint for reports");

	if (!res)
		return -1;
	PQclear(res);
	for (size_t i = 0; i < n; i++) {
		char num[12], stage[12], days[12], amount[40], fl[4];
		const char *p[13];

		snprintf(num, sizeof(num), "%d", f[i].n);
		snprintf(stage, sizeof(stage), "%d", f[i].stage);
		snprintf(days, sizeof(days), "%d", f[i].days);
		snprintf(amount, sizeof(amount), "%.17g", f[i].amount);
		snprintf(fl, sizeof(fl), "%d", f[i].flag ? 1 : 0);
		p[0] = reference; p[1] = f[i].kind; p[2] = num; p[3] = stage; p[4] = f[i].on;
		p[5] = f[i].code; p[6] = f[i].detail; p[7] = days; p[8] = amount;
		p[9] = f[i].due_on; p[10] = f[i].completed_on; p[11] = fl; p[12] = f[i].category;
		res = run(s, "INSERT INTO complaint_facts (reference, kind, n, stage, on_date, code,"
			  " detail, days, amount, due_on, completed_on, flag, category) VALUES ($1, $2,"
			  " $3::int, $4::int, $5, $6, $7, $8::int, $9::float8, $10, $11, $12::int, $13)",
			  13, p, e, "indexing a complaint for reports");
		if (!res)
			return -1;
		PQclear(res);
	}
	return 0;
}

/* A nullable text column, and a flag column (NULL is -1). */
static const char *valn(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

static int valflag(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? -1 : atoi(PQgetvalue(res, row, col));
}

static int pg_report_rows(store *s, const char *from, const char *to,
			  int (*fn)(const struct store_report_row *row, void *ctx),
			  void *ctx, struct rd_err *e)
{
	const char *p[2] = { from, to };
	PGresult *res = run(s,
		"SELECT reference, status, stage, code_version, received_on, category, channel,"
		" handler, person_id, due_on, open, tenure, refused, s1_acknowledged_on,"
		" s1_ack_within, s1_responded_on, s1_within, s1_within_no_ext, s2_requested_on,"
		" s2_acknowledged_on, s2_responded_on, s2_within, s2_within_no_ext, extended,"
		" extended_beyond_code, estate, building, closed_on, withdrawn_on, s2_ack_within,"
		" s1_upheld, s1_partly_upheld, s1_not_upheld, s2_upheld, s2_partly_upheld,"
		" s2_not_upheld, remedies, s1_defined, s2_defined, s2_other_handler, about_staff,"
		" handler_is_subject FROM complaints"
		" WHERE received_on <= $2 AND (received_on >= $1 OR s1_acknowledged_on BETWEEN $1 AND $2"
		" OR s1_responded_on BETWEEN $1 AND $2 OR s2_requested_on BETWEEN $1 AND $2"
		" OR s2_acknowledged_on BETWEEN $1 AND $2 OR s2_responded_on BETWEEN $1 AND $2"
		" OR closed_on BETWEEN $1 AND $2 OR withdrawn_on BETWEEN $1 AND $2)",
		2, p, e, "reading complaints for a report");
	int stop = 0;

	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res) && !stop; i++) {
		struct store_report_row r;
		struct store_complaint_row *c = &r.c;
		struct store_complaint_report *x = &r.x;

		memset(&r, 0, sizeof(r));
		c->reference = val(res, i, 0);
		c->status = val(res, i, 1);
		c->stage = atoi(val(res, i, 2));
		c->code_version = atoi(val(res, i, 3));
		c->received_on = val(res, i, 4);
		c->category = val(res, i, 5);
		c->channel = val(res, i, 6);
		c->handler = valn(res, i, 7);
		c->person_id = valn(res, i, 8);
		c->due_on = valn(res, i, 9);
		c->open = atoi(val(res, i, 10));
		c->tenure = valn(res, i, 11);
		c->refused = atoi(val(res, i, 12));
		c->s1_acknowledged_on = valn(res, i, 13);
		c->s1_ack_within = valflag(res, i, 14);
		c->s1_responded_on = valn(res, i, 15);
		c->s1_within = valflag(res, i, 16);
		c->s1_within_no_ext = valflag(res, i, 17);
		c->s2_requested_on = valn(res, i, 18);
		c->s2_acknowledged_on = valn(res, i, 19);
		c->s2_responded_on = valn(res, i, 20);
		c->s2_within = valflag(res, i, 21);
		c->s2_within_no_ext = valflag(res, i, 22);
		c->extended = atoi(val(res, i, 23));
		c->extended_beyond_code = atoi(val(res, i, 24));
		x->reference = c->reference;
		x->estate = valn(res, i, 25);
		x->building = valn(res, i, 26);
		x->closed_on = valn(res, i, 27);
		x->withdrawn_on = valn(res, i, 28);
		x->s2_ack_within = valflag(res, i, 29);
		for (int k = 0; k < 3; k++) {
			x->s1_points[k] = atoi(val(res, i, 30 + k));
			x->s2_points[k] = atoi(val(res, i, 33 + k));
		}
		x->remedies = atoi(val(res, i, 36));
		x->s1_defined = valflag(res, i, 37);
		x->s2_defined = valflag(res, i, 38);
		x->s2_other_handler = valflag(res, i, 39);
		x->about_staff = atoi(val(res, i, 40));
		x->handler_is_subject = atoi(val(res, i, 41));
		stop = fn(&r, ctx);
	}
	PQclear(res);
	return stop;
}

static int pg_facts(store *s, const char *kind, const char *from, const char *to,
		    int (*fn)(const struct store_fact *f, void *ctx), void *ctx,
		    struct rd_err *e)
{
	const char *p[3] = { kind, from, to };
	PGresult *res = run(s,
		"SELECT reference, category, kind, n, stage, on_date, code, detail, days, amount,"
		" due_on, completed_on, flag FROM complaint_facts"
		" WHERE kind = $1 AND on_date BETWEEN $2 AND $3",
		3, p, e, "reading complaints for a report");
	int stop = 0;

	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res) && !stop; i++) {
		struct store_fact f;

		f.reference = val(res, i, 0);
		f.category = val(res, i, 1);
		f.kind = val(res, i, 2);
		f.n = atoi(val(res, i, 3));
		f.stage = atoi(val(res, i, 4));
		f.on = valn(res, i, 5);
		f.code = valn(res, i, 6);
		f.detail = valn(res, i, 7);
		f.days = PQgetisnull(res, i, 8) ? 0 : atoi(val(res, i, 8));
		f.amount = PQgetisnull(res, i, 9) ? 0 : strtod(val(res, i, 9), NULL);
		f.due_on = valn(res, i, 10);
		f.completed_on = valn(res, i, 11);
		f.flag = atoi(val(res, i, 12));
		stop = fn(&f, ctx);
	}
	PQclear(res);
	return stop;
}

static int pg_received_by_category(store *s, const char *from, const char *to,
				   int (*fn)(const char *category, long long n, void *ctx),
				   void *ctx, struct rd_err *e)
{
	const char *p[2] = { from, to };
	PGresult *res = run(s, "SELECT category, count(*) FROM complaints"
			    " WHERE received_on BETWEEN $1 AND $2 GROUP BY category",
			    2, p, e, "counting complaints received");
	int stop = 0;

	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res) && !stop; i++)
		stop = fn(val(res, i, 0), strtoll(val(res, i, 1), NULL, 10), ctx);
	PQclear(res);
	return stop;
}

/* ---- forgetting personal data (migration 004) ------------------------ */

static int pg_redact(store *s, const char *stream, int64_t seq, const char *payload,
		     const char *payload_sha256, const char *on, struct rd_err *e)
{
	char n[24];
	const char *a[5] = { stream, n, payload_sha256, on, payload };
	PGresult *res;

	snprintf(n, sizeof(n), "%lld", (long long)seq);
	if (!(res = run(s, "INSERT INTO redactions (stream, seq, payload_sha256, redacted_on, pending)"
			" VALUES ($1, $2::bigint, $3, $4, 1) ON CONFLICT (stream, seq)"
			" DO UPDATE SET pending = 1, redacted_on = excluded.redacted_on",
			4, a, e, "redacting an event")))
		return -1;
	PQclear(res);
	if (!(res = run(s, "UPDATE events SET payload = $3 WHERE stream = $1 AND seq = $2::bigint",
			3, (const char *const[]){ stream, n, payload }, e, "redacting an event")))
		return -1;
	PQclear(res);
	if (!(res = run(s, "UPDATE redactions SET pending = 0 WHERE stream = $1 AND seq = $2::bigint",
			2, a, e, "redacting an event")))
		return -1;
	PQclear(res);
	return 0;
}

/* Dead row versions still hold the replaced text until VACUUM. */
static int pg_scrub(store *s, struct rd_err *e)
{
	return exec0(s, "VACUUM events, aggregates", e,
		     "clearing forgotten data from the database");
}

static const struct store_ops pg_ops = {
	.name = "pg",
	.close = pg_close,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.head = pg_head,
	.insert_event = pg_insert_event,
	.events = pg_events,
	.state_get = pg_state_get,
	.state_put = pg_state_put,
	.states = pg_states,
	.heads = pg_heads,
	.complaint_put = pg_complaint_put,
	.complaint_list = pg_complaint_list,
	.next_number = pg_next_number,
	.savepoint = pg_savepoint,
	.password_set = pg_password_set,
	.password_get = pg_password_get,
	.token_add = pg_token_add,
	.token_user = pg_token_user,
	.token_delete = pg_token_delete,
	.token_find = pg_token_find,
	.reviews_put = pg_reviews_put,
	.reviews_due = pg_reviews_due,
	.complaint_counts = pg_complaint_counts,
	.tsm_counts = pg_tsm_counts,
	.tsm_cases = pg_tsm_cases,
	.counter_set = pg_counter_set,
	.secrets = pg_secrets,
	.read_begin = pg_read_begin,
	.read_end = pg_read_end,
	.complaint_report_put = pg_complaint_report_put,
	.facts_put = pg_facts_put,
	.report_rows = pg_report_rows,
	.facts = pg_facts,
	.received_by_category = pg_received_by_category,
	.redact = pg_redact,
	.scrub = pg_scrub,
};

/*
 * Creates the landlord's schema if asked, chooses it, and applies the
 * migrations it has not had, one transaction each, under the landlord's
 * advisory lock so two servers starting together do not race.
 */
static int migrate(store *s, int create, struct rd_err *e)
{
	struct pg_store *p = PG(s);
	char sql[256];
	const char *args[1] = { p->schema };
	PGresult *res;
	int have = 0, exists;

	res = run(s, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", 1, args, e,
		  "looking for the landlord");
	if (!res)
		return -1;
	exists = atoi(val(res, 0, 0)) > 0;
	PQclear(res);
	if (!exists && !create)
		return err_set(e, RD_ENOTFOUND, "db", NULL,
			       "no landlord \"%s\" in that database: create it with \"redress init\"",
			       p->schema);
	snprintf(sql, sizeof(sql), "CREATE SCHEMA IF NOT EXISTS \"%s\"", p->schema);
	if (exec0(s, sql, e, "creating the landlord"))
		return -1;
	snprintf(sql, sizeof(sql), "SET search_path TO \"%s\"", p->schema);
	if (exec0(s, sql, e, "choosing the landlord") ||
	    exec0(s, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
		  " name TEXT NOT NULL)", e, "preparing migrations"))
		return -1;
	for (int i = 0; i < store_pg_migrations_count; i++) {
		const struct store_migration *m = &store_pg_migrations[i];
		char v[16];
		const char *mp[2] = { v, m->name };

		if (pg_begin(s, e))
			return -1;
		res = run(s, "SELECT coalesce(max(version), 0) FROM schema_migrations", 0, NULL, e,
			  "reading migrations");
		if (!res) {
			pg_rollback(s);
			return -1;
		}
		have = atoi(val(res, 0, 0));
		PQclear(res);
		if (m->version <= have) {
			pg_rollback(s);
			continue;
		}
		snprintf(v, sizeof(v), "%d", m->version);
		if (exec0(s, m->sql, e, m->name) ||
		    !(res = run(s, "INSERT INTO schema_migrations VALUES ($1::int, $2)", 2, mp, e,
				"recording a migration"))) {
			pg_rollback(s);
			return -1;
		}
		PQclear(res);
		if (pg_commit(s, e))
			return -1;
	}
	return 0;
}

/* Notices ("schema already exists, skipping") are not for the user. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Takes "landlord=NAME" out of the URL's query string (libpq would refuse
 * it); the rest goes to libpq as it is. */
static char *split_landlord(const char *url, char *schema, size_t n)
{
	char *copy = xstrdup(url), *q = strchr(copy, '?'), *k;

	snprintf(schema, n, "redress");
	if (!q)
		return copy;
	for (k = q + 1; k && *k;) {
		char *amp = strchr(k, '&');
		size_t len = amp ? (size_t)(amp - k) : strlen(k);

		if (!strncmp(k, "landlord=", 9)) {
			snprintf(schema, n, "%.*s", (int)(len - 9), k + 9);
			memmove(k, amp ? amp + 1 : k + len, strlen(amp ? amp + 1 : k + len) + 1);
			continue;
		}
		k = amp ? amp + 1 : NULL;
	}
	n = strlen(copy);
	while (n && (copy[n - 1] == '&' || copy[n - 1] == '?'))
		copy[--n] = '\0';
	return copy;
}

store *store_pg_open(const char *url, int create, struct rd_err *e)
{
	struct pg_store *p = xcalloc(1, sizeof(*p));
	size_t len;

	p->base.ops = &pg_ops;
	p->conninfo = split_landlord(url, p->schema, sizeof(p->schema));
	len = strlen(p->schema);
	if (!len || len > 40 || strspn(p->schema, "abcdefghijklmnopqrstuvwxyz0123456789_") != len) {
		err_set(e, RD_EINVAL, "landlord", NULL,
			"a landlord name is 1 to 40 lower-case letters, digits or _");
		goto fail;
	}
	p->c = PQconnectdb(p->conninfo);
	if (PQstatus(p->c) != CONNECTION_OK) {
		err_set(e, RD_EIO, "pg", NULL, "cannot connect to PostgreSQL: %s",
			PQerrorMessage(p->c));
		goto fail;
	}
	PQsetNoticeProcessor(p->c, quiet, NULL);
	if (migrate(&p->base, create, e))
		goto fail;
	return &p->base;
fail:
	PQfinish(p->c);
	free(p->conninfo);
	free(p);
	return NULL;
}
