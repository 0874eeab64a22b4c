/*
 * store.h - where Redress keeps its records.
 *
 * One interface, a struct of function pointers, with a backend behind it
 * (SQLite now; PostgreSQL joins behind the same interface).  The store
 * keeps the event log and the projections of current state; it knows
 * nothing of what events mean (core/ does).
 *
 * Writes happen inside store_begin()/store_commit(): a write transaction
 * that takes the write lock at once (SQLite's BEGIN IMMEDIATE) so that two
 * writers never both read a stream's head and append after it.
 */
#ifndef REDRESS_STORE_STORE_H
#define REDRESS_STORE_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "util/date.h"
#include "util/err.h"

#define STORE_HASHLEN 65	/* SHA-256 in hex, and the NUL */

struct store_event {
	int64_t id;
	const char *stream;		/* "complaint:CMP-2026-000001" */
	int64_t seq;			/* 1, 2, ... within the stream */
	const char *type;		/* "complaint.acknowledged" */
	const char *actor;		/* who did it */
	const char *recorded_at;	/* "2026-11-23T10:15:00Z" */
	const char *effective_on;	/* "2026-11-23": the business date */
	const char *payload;		/* compact JSON text */
	char prev_hash[STORE_HASHLEN];
	char hash[STORE_HASHLEN];
};

/* The columns that complaint lists filter by. */
struct store_complaint_row {
	const char *reference, *status, *received_on, *category, *channel;
	const char *handler, *person_id, *due_on;	/* may be NULL */
	int stage, code_version, open;
	/* for reports: dates may be NULL; "within" flags are -1 until the
	 * stage is answered */
	const char *tenure, *s1_acknowledged_on, *s1_responded_on;
	const char *s2_requested_on, *s2_acknowledged_on, *s2_responded_on;
	int refused, s1_ack_within, s1_within, s1_within_no_ext;
	int s2_within, s2_within_no_ext, extended, extended_beyond_code;
};

struct store_filter {
	const char *status, *handler, *category, *person_id;
	int stage;		/* 0 = any */
	const char *due_before;	/* open cases due on or before */
	const char *due_from;	/* open cases due on or after */
	const char *overdue_on;	/* open cases due before this date */
	const char *received_from, *received_to;
	const char *text;	/* words anywhere in the complaint (any case) */
	int by_due;		/* order by the next deadline, not by receipt */
	int open;		/* only cases still open */
	long long *count;	/* not NULL: count the cases into it, and call
				 * nothing (limit and offset do not apply) */
	int limit, offset;	/* 0 = no limit */
};

/* What the Tenant Satisfaction Measures count, for one reporting year. */
struct store_tsm_query {
	const char *from, *to;		/* the year's first and last day */
	const char *tenure;		/* "lcra", "lcho" or NULL for all */
	int include_refused;		/* refused complaints count in CH01 */
	int stage2_by_ack;		/* a stage 2 belongs to its acknowledgement's year */
	int extensions_within;		/* permitted extensions move the deadline */
};

struct store_tsm {
	long long s1_received, s2_received;
	long long s1_responses, s1_within, s2_responses, s2_within;
};

/*
 * The rest of a complaint's report columns (migration 005), beside those
 * of struct store_complaint_row: what the board pack and the
 * self-assessment count.  Flags are -1 when not known yet.
 */
struct store_complaint_report {
	const char *reference;
	const char *estate, *building;		/* may be NULL */
	const char *closed_on, *withdrawn_on;	/* may be NULL */
	int s2_ack_within;	/* stage 2 acknowledged within the Code's limit */
	int s1_points[3];	/* points upheld, partly upheld, not upheld */
	int s2_points[3];
	int remedies;		/* remedies recorded on the complaint */
	int s1_defined, s2_defined;	/* definition and responsibility recorded */
	int s2_other_handler;	/* the stage 2 handler is not the stage 1 one */
	int about_staff;	/* the complaint is about a named member of staff */
	int handler_is_subject;	/* a handler was the person complained about */
};

/* One complaint as the period reports read it: both sets of columns. */
struct store_report_row {
	struct store_complaint_row c;
	struct store_complaint_report x;
};

/*
 * The parts of a complaint that come several to one: "extension",
 * "refusal", "remedy" and "action".  "on" is the day the fact counts in a
 * period: the day the resident was told of an extension, the day of a
 * refusal, and for remedies and actions the day their stage was answered
 * (NULL until then).
 */
struct store_fact {
	const char *reference;	/* filled when read back */
	const char *category;	/* the complaint's */
	const char *kind;
	int n;			/* 1, 2, ... within the complaint and kind */
	int stage;
	const char *on;
	const char *code;	/* extension: reason; refusal: exclusion; remedy: type */
	const char *detail;	/* extension: the good reason, if any */
	int days;		/* extension: working days */
	double amount;		/* remedy: pounds */
	const char *due_on, *completed_on;
	int flag;		/* extension: beyond the Code; refusal: explained */
};

typedef struct store store;

/* Called for each event; a non-zero return stops the walk and is passed
 * back. */
typedef int (*store_event_fn)(const struct store_event *ev, void *ctx);
/* Called for each projection row: stream name and state JSON text. */
typedef int (*store_state_fn)(const char *stream, const char *state,
			      void *ctx);
/* Called for each stream head: name, kind, seq and hash. */
typedef int (*store_head_fn)(const char *stream, int64_t seq,
			     const char *hash, void *ctx);

struct store_ops {
	const char *name;
	void (*close)(store *s);
	int (*begin)(store *s, struct rd_err *e);
	int (*commit)(store *s, struct rd_err *e);
	void (*rollback)(store *s);
	/* The stream's last seq and hash (0 and "" for a new stream). */
	int (*head)(store *s, const char *stream, int64_t *seq,
		    char hash[STORE_HASHLEN], struct rd_err *e);
	int (*insert_event)(store *s, struct store_event *ev, struct rd_err *e);
	/* Events of "stream" (NULL: every stream) in stream, seq order. */
	int (*events)(store *s, const char *stream, store_event_fn fn,
		      void *ctx, struct rd_err *e);
	/* The state of "stream": RD_ENOTFOUND if none. */
	int (*state_get)(store *s, const char *stream, char **json,
			 struct rd_err *e);
	int (*state_put)(store *s, const char *stream, const char *kind,
			 int64_t seq, const char *hash, const char *json,
			 struct rd_err *e);
	int (*states)(store *s, const char *kind, store_state_fn fn,
		      void *ctx, struct rd_err *e);
	int (*heads)(store *s, store_head_fn fn, void *ctx, struct rd_err *e);
	int (*complaint_put)(store *s, const struct store_complaint_row *r,
			     struct rd_err *e);
	int (*complaint_list)(store *s, const struct store_filter *f,
			      store_state_fn fn, void *ctx, struct rd_err *e);
	int (*next_number)(store *s, const char *counter, int64_t *out,
			   struct rd_err *e);
	/* Nested transactions: 0 opens a savepoint, 1 releases it, 2 rolls
	 * back to it (and releases it). */
	int (*savepoint)(store *s, int op, struct rd_err *e);
	/* Sign-in secrets (hashes only). */
	int (*password_set)(store *s, const char *user, const char *hash,
			    const char *at, struct rd_err *e);
	/* The hash into "out" (at most "n" bytes); RD_ENOTFOUND if none. */
	int (*password_get)(store *s, const char *user, char *out, size_t n,
			    struct rd_err *e);
	int (*token_add)(store *s, const char *token_hash, const char *user,
			 const char *kind, const char *at, const char *expires,
			 struct rd_err *e);
	/* The user of a token that has not expired by "now", and the
	 * user's role; RD_ENOTFOUND. */
	int (*token_user)(store *s, const char *token_hash, const char *now,
			  char *user, size_t n, char *role, size_t rn,
			  struct rd_err *e);
	/* The counts for all homes (out[0]), LCRA (out[1]) and LCHO
	 * (out[2]) in one pass; q->tenure is not used. */
	int (*tsm_counts)(store *s, const struct store_tsm_query *q,
			  struct store_tsm out[3], struct rd_err *e);
	/* The references behind one count: "metric" is s1_received,
	 * s2_received, s1_responses, s1_within, s1_late, s2_responses,
	 * s2_within or s2_late; "fn" gets (reference, NULL). */
	int (*tsm_cases)(store *s, const struct store_tsm_query *q,
			 const char *metric, store_state_fn fn, void *ctx,
			 struct rd_err *e);
	/* Moving a landlord between backends (store/copy.c): set a
	 * reference counter, and list the sign-in secrets (kind "password"
	 * with user, hash, at; kind "api"/"session" tokens with user, hash,
	 * created, expires or NULL). */
	int (*counter_set)(store *s, const char *counter, int64_t value,
			   struct rd_err *e);
	int (*secrets)(store *s,
		       int (*fn)(const char *kind, const char *user,
				 const char *hash, const char *at,
				 const char *expires, void *ctx),
		       void *ctx, struct rd_err *e);
	/* An online, consistent copy of the whole database into the new
	 * file "dest" (SQLite's backup API).  NULL where the backend has no
	 * such copy: backups then go through store/copy.c. */
	int (*backup_to)(store *s, const char *dest, struct rd_err *e);
	/* A read transaction: one consistent view for several reads. */
	int (*read_begin)(store *s, struct rd_err *e);
	void (*read_end)(store *s);
	int (*token_delete)(store *s, const char *token_hash, struct rd_err *e);
	/* The "user" (any text: a resident's one-time code names a
	 * complaint) and kind of a token that has not expired by "now";
	 * RD_ENOTFOUND. */
	/* Replaces the dates "person" has reviews due (n of them). */
	int (*reviews_put)(store *s, const char *person, const char *const *dates,
			   size_t n, struct rd_err *e);
	/* The people (stream, state) with a review due on or before "by". */
	int (*reviews_due)(store *s, const char *by, store_state_fn fn, void *ctx,
			   struct rd_err *e);
	int (*token_find)(store *s, const char *token_hash, const char *now,
			  char *user, size_t n, char *kind, size_t kn,
			  struct rd_err *e);
	/* Counts per status of open complaints, and how many are overdue on
	 * "today": calls "fn" with ("status", stage, count) and with
	 * ("overdue", stage, count). */
	int (*complaint_counts)(store *s, const char *today,
				int (*fn)(const char *what, int stage,
					  long long n, void *ctx),
				void *ctx, struct rd_err *e);
	/*
	 * The board pack and the self-assessment (migration 005).  A backend
	 * that lacks them leaves them NULL: the reports then say so, and
	 * recording still works.
	 *
	 * complaint_report_put: writes the report columns of the complaint
	 * row->reference (its row exists: complaint_put wrote it).
	 */
	int (*complaint_report_put)(store *s, const struct store_complaint_report *row,
				    struct rd_err *e);
	/* Replaces every fact of complaint "reference" with f[0..n-1]. */
	int (*facts_put)(store *s, const char *reference, const struct store_fact *f,
			 size_t n, struct rd_err *e);
	/* Each complaint with any of received_on, s1_acknowledged_on,
	 * s1_responded_on, s2_requested_on, s2_acknowledged_on,
	 * s2_responded_on, closed_on or withdrawn_on from "from" to "to"
	 * (inclusive), in no particular order; a non-zero return of "fn"
	 * stops the walk and is passed back.  Every field of row->x is
	 * filled; of row->c, those the reports read: reference, status,
	 * code_version, received_on, category, person_id, due_on, open and
	 * the s1_ and s2_ dates and flags (stage, channel, handler, tenure,
	 * refused and the extension flags are left 0 or NULL). */
	int (*report_rows)(store *s, const char *from, const char *to,
			   int (*fn)(const struct store_report_row *row, void *ctx),
			   void *ctx, struct rd_err *e);
	/* The facts of "kind" whose "on" is from "from" to "to" (inclusive),
	 * with their complaint's reference, in no particular order; "fn" as
	 * for report_rows. */
	int (*facts)(store *s, const char *kind, const char *from, const char *to,
		     int (*fn)(const struct store_fact *f, void *ctx), void *ctx,
		     struct rd_err *e);
	/* How many complaints were received from "from" to "to" (inclusive)
	 * in each category: "fn" gets each category with its count. */
	int (*received_by_category)(store *s, const char *from, const char *to,
				    int (*fn)(const char *category, long long n, void *ctx),
				    void *ctx, struct rd_err *e);
	/*
	 * Forgetting personal data (store/privacy.h, migration 007).
	 * redact: replaces the payload of event "seq" of "stream" by
	 * "payload", keeping "payload_sha256", the original's digest; nothing
	 * else of the event changes.  Inside a transaction.
	 * scrub: once redactions are committed, makes the replaced text
	 * unrecoverable from the database's files (SQLite: freed space zeroed
	 * and the write-ahead log checkpointed and truncated; PostgreSQL:
	 * VACUUM of the tables that held it).  Outside a transaction.
	 */
	int (*redact)(store *s, const char *stream, int64_t seq, const char *payload,
		      const char *payload_sha256, const char *on, struct rd_err *e);
	int (*scrub)(store *s, struct rd_err *e);
};

struct store {
	const struct store_ops *ops;
};

/*
 * Opens "where": "sqlite:PATH", "pg:URL" (postgres:// and postgresql://
 * also work) or a plain path (SQLite).  "create" non-zero creates a new
 * database; otherwise a database that does not exist is an error.  Runs
 * any migrations not yet applied.
 */
store *store_open(const char *where, int create, struct rd_err *e);
void store_close(store *s);

int store_begin(store *s, struct rd_err *e);
int store_commit(store *s, struct rd_err *e);
void store_rollback(store *s);

/*
 * Appends one event to "ev->stream", after its head: fills ev->seq,
 * ev->prev_hash, ev->hash and ev->id.  Inside a transaction.
 */
int store_append(store *s, struct store_event *ev, struct rd_err *e);

/* The chain hash of an event: SHA-256 over prev_hash and the event's
 * fields, in hex. */
void store_event_hash(const struct store_event *ev, char out[STORE_HASHLEN]);

/* Checks every stream's hash chain against the events and the heads;
 * prints each problem found to "report" (one line each) and returns how
 * many there were, or -1 on a database error. */
int store_verify(store *s, FILE *report, int64_t *nevents, int64_t *nstreams,
		 struct rd_err *e);

#endif
