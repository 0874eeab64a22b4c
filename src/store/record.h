/*
 * record.h - recording actions: the one path by which anything changes.
 *
 * A struct rec is an open landlord: its store, its policy, its working-day
 * calendar, who is acting and what day it is.  Each rec_* action runs in
 * one transaction: load the record's state, let core/ decide (which
 * refuses a non-compliant action with the clause), append the event to
 * the hash chain, fold it into the state and save the projections.  On
 * any error nothing is stored.
 */
#ifndef REDRESS_STORE_RECORD_H
#define REDRESS_STORE_RECORD_H

#include <jansson.h>

#include "core/calendar.h"
#include "store/store.h"
#include "util/date.h"
#include "util/err.h"

struct rec {
	store *st;
	json_t *policy;		/* the policy's state */
	json_t *calstate;	/* the calendar stream's state */
	calendar *cal;		/* working days of the policy's region */
	char actor[80];		/* "system" unless someone signed in */
	char role[32];		/* the actor's role; "system" at the console */
	date_t today;
	int batch;		/* non-zero: the caller holds one transaction */
	char *where;		/* what it was opened from (rec_reader_open) */
	int reader;		/* 1: a reader of another rec (rec_reader_open) */
};

/* Opens the landlord at "where" (see store_open).  "today" and the actor
 * "system"/"admin" are set; rec_as() changes the actor. */
int rec_open(struct rec *r, const char *where, int create, struct rd_err *e);
void rec_close(struct rec *r);

/*
 * A second connection to r's landlord, for reading in another thread while
 * "r" goes on (a report's independent passes).  It shares r's policy and
 * calendar, which neither may change while it is open, and is closed with
 * rec_reader_close() before "r" is.  -1 and "e" when it cannot be opened
 * (an in-memory database): the caller then reads through "r" itself.
 */
/* The states of every record of stream kind "kind" ("ombudsman_case"),
 * as a new array; NULL and "e" if the store fails. */
json_t *rec_states(struct rec *r, const char *kind, struct rd_err *e);

int rec_reader_open(struct rec *r, struct rec *reader, struct rd_err *e);
void rec_reader_close(struct rec *reader);

/* Act as user "name": RD_ENOTFOUND if there is no such user. */
int rec_as(struct rec *r, const char *name, struct rd_err *e);

/* Reloads the policy and calendar (after they changed). */
int rec_reload(struct rec *r, struct rd_err *e);

/* Builds a calendar for "region" from the stored calendar state; the
 * caller frees it with cal_free(). */
calendar *rec_calendar(struct rec *r, enum cal_region region);

/* The current state of "stream" (new reference), or RD_ENOTFOUND. */
int rec_load(struct rec *r, const char *stream, json_t **state,
	     struct rd_err *e);

/* The state of "stream" from its events with effective date on or before
 * "as_at" (DATE_NONE: all events). */
int rec_replay(struct rec *r, const char *stream, date_t as_at,
	       json_t **state, struct rd_err *e);

/* Runs a complaint action ("new" with ref NULL).  On success "*out" (if
 * not NULL) is the new state (new reference). */
int rec_complaint(struct rec *r, const char *ref, const char *action,
		  const json_t *in, json_t **out, struct rd_err *e);
int rec_person(struct rec *r, const char *id, const char *action,
	       const json_t *in, json_t **out, struct rd_err *e);
int rec_service_request(struct rec *r, const char *ref, const char *action,
			const json_t *in, json_t **out, struct rd_err *e);
/* The resident is dissatisfied with service request "ref" and wants a
 * complaint: logs the complaint (linked to the request) and records the
 * dissatisfaction on the request, which stays open (Code 1.5), in one
 * transaction.  "cref" gets the complaint's reference. */
int rec_service_request_raise(struct rec *r, const char *ref, const json_t *in,
			      json_t **out, char *cref, size_t n, struct rd_err *e);
int rec_feedback(struct rec *r, const json_t *in, json_t **out,
		 struct rd_err *e);
int rec_policy_set(struct rec *r, const char *key, const char *value,
		   struct rd_err *e);
/* Sets every "key": value of "in" (text, whole numbers, true/false) in
 * one transaction: all of them, or none when one is refused. */
int rec_policy_update(struct rec *r, const json_t *in, struct rd_err *e);
int rec_policy_exclusion(struct rec *r, const char *code, const char *text,
			 int blanket, int remove, struct rd_err *e);
int rec_calendar_closure(struct rec *r, const char *action,
			 const json_t *in, struct rd_err *e);
/* Imports GOV.UK bank-holidays.json text; "*summary" (new reference) is
 * {"regions": [{"region", "years_from", "years_to", "added", "removed"}],
 * "calendar_version"}. */
int rec_calendar_import(struct rec *r, const char *text, size_t len,
			const char *source, json_t **summary, struct rd_err *e);
int rec_user_add(struct rec *r, const json_t *in, struct rd_err *e);

/* Stores the landlord's own text of letter template "name" as an event on
 * the "template:NAME" stream (admin role); "text" NULL removes the
 * override.  The caller checks the text first (letter_template_set). */
int rec_template_set(struct rec *r, const char *name, const char *text,
		     struct rd_err *e);

/*
 * Mail that reached the complaints mailbox: "msg" is {"key" (what
 * duplicates are known by), "reference" (the complaint it names, if any),
 * "from", "from_name", "subject", "sent_at", "message_id", "text",
 * "attachments"}.  It becomes correspondence on the complaint named (when
 * there is one and it takes it) or a new item to triage ("mail:M-NNNNNN",
 * core/triage.h), in one transaction with the record of its key.  A
 * message whose key was already taken is RD_ECONFLICT on field "key" and
 * changes nothing.  "*out" (if not NULL) is {"outcome": "correspondence"
 * or "triage", "complaint", "correspondence", "triage", "note"}.
 */
int rec_mail_receive(struct rec *r, const json_t *msg, json_t **out,
		     struct rd_err *e);

/* Triage actions on mail item "id" (staff): "assign" {complaint} makes it
 * correspondence on the complaint; "dismiss" {reason}.  "*out" (if not
 * NULL) is the item's new state. */
int rec_mail(struct rec *r, const char *id, const char *action,
	     const json_t *in, json_t **out, struct rd_err *e);

/* The print queue (core/printq.h): "queue" with "id" NULL makes a new
 * item (its id into "newid", at least 16 bytes), "printed" marks item
 * "id" printed (staff).  "*out" (if not NULL) is the item's new state. */
int rec_print(struct rec *r, const char *id, const char *action,
	      const json_t *in, char *newid, json_t **out, struct rd_err *e);

/* Records that the daily reminders went today ("sent" emails) on the
 * stream "reminders:daily" (its state's "last_sent_on" says when they
 * last went, so a restarted server does not send them twice). */
int rec_reminders_sent(struct rec *r, int sent, struct rd_err *e);

/* The self-assessment of reporting year "year" (2025 is 2025/26), on the
 * stream "self_assessment:YYYY": "comment" {provision, text, comply},
 * "approve" {approved_on, body, minute}, "publish" {published_on, url};
 * and "respond" {text, responded_on, body}, the governing body's response
 * to the year's annual report, on "annual_report:YYYY" (core/provision.h).
 * Senior lead or admin.  "*out" (if not NULL) is the stream's new state. */
int rec_self_assessment(struct rec *r, int year, const char *action,
			const json_t *in, json_t **out, struct rd_err *e);

/*
 * An action on an oversight register (core/register.h): "kind" is the
 * register's stream kind ("ombudsman_case", "improvement", "exceptional",
 * "training", "quality_review", "survey", "ombudsman_report"); "new" (ref
 * NULL) makes a record with the next reference.  The complaint the input
 * names ("complaint", each of "complaints") must exist, and so must each
 * improvement ("improvements") and the user it names ("user",
 * "reviewer").  "*out" (if not NULL) is the record's new state.
 */
int rec_register(struct rec *r, const char *kind, const char *ref,
		 const char *action, const json_t *in, json_t **out,
		 struct rd_err *e);

/* Reads a person's special category data, recording the read as an
 * event on the person ("purpose" is why). */
int rec_person_sensitive(struct rec *r, const char *id, const char *purpose,
			 json_t **out, struct rd_err *e);

/* Writes the columns lists and reports read for one complaint's state
 * (done by every complaint action; exposed for rebuilding after a copy). */
int rec_index_complaint(struct rec *r, const json_t *state, struct rd_err *e);

/* Writes when a person's reviews fall due (done by every person action;
 * exposed for rebuilding after a copy). */
int rec_index_person(struct rec *r, const json_t *state, struct rd_err *e);

/* Appends one event of "type" to "stream" dated today, folds it into
 * "state" and saves the projection; inside the caller's transaction
 * (rec_txn_begin).  For store/privacy.c, whose actions are not rec_*
 * decisions of core/. */
int rec_append(struct rec *r, const char *stream, const char *type,
	       const json_t *payload, json_t *state, struct rd_err *e);

/* 0 if the actor's role is one of "roles" (or the console); else
 * RD_EDENIED naming "what". */
int rec_allow(struct rec *r, const char *const *roles, const char *what,
	      struct rd_err *e);

/* 0 if the actor may do case work (handler, complaints officer, senior
 * lead, or the console); else RD_EDENIED naming "what". */
int rec_allow_staff(struct rec *r, const char *what, struct rd_err *e);

/* For callers that run many actions in one transaction (the demo, the
 * server's group commit, an import).  Batches nest: an inner batch is a
 * savepoint, so rolling it back leaves the outer one whole. */
int rec_batch_begin(struct rec *r, struct rd_err *e);
int rec_batch_commit(struct rec *r, struct rd_err *e);
void rec_batch_rollback(struct rec *r);

/* One unit of change outside the rec_* actions (sign-in secrets): its own
 * transaction, or a savepoint inside a batch.  rec_txn_end() commits when
 * "rc" is 0 and rolls back otherwise, and returns the outcome. */
int rec_txn_begin(struct rec *r, struct rd_err *e);
int rec_txn_end(struct rec *r, int rc, struct rd_err *e);

#endif
