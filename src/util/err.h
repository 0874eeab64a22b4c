/*
 * err.h - the one error convention of Redress.
 *
 * Every function that can fail returns 0 on success and -1 on failure, and
 * on failure fills the caller's struct rd_err (which may be NULL when the
 * caller does not care why).  The error says what went wrong in words a
 * member of staff can act on, which input field was at fault (if any) and,
 * when a rule of the Complaint Handling Code refused the action, the clause.
 */
#ifndef REDRESS_UTIL_ERR_H
#define REDRESS_UTIL_ERR_H

enum rd_err_kind {
	RD_OK = 0,
	RD_EINVAL,	/* bad input: a field is missing, malformed or impossible */
	RD_ERULE,	/* a Code rule (or the landlord's policy) refuses it */
	RD_ESTATE,	/* the action does not apply in the case's current state */
	RD_ENOTFOUND,	/* no such complaint, person, user, ... */
	RD_ECONFLICT,	/* someone else changed it first */
	RD_EDENIED,	/* the actor's role may not do this */
	RD_EIO		/* the database or a file failed */
};

struct rd_err {
	enum rd_err_kind kind;
	char field[64];		/* input field at fault, "" if none */
	char clause[32];	/* Code clause, e.g. "6.13", "" if none */
	char msg[512];		/* one sentence, no trailing newline */
};

/* Fill "e" (if not NULL) and return -1, so callers can write
 * "return err_set(e, RD_EINVAL, "received_on", NULL, "...", ...);".
 * A message that does not yet name "clause" gets " (Code CLAUSE)". */
int err_set(struct rd_err *e, enum rd_err_kind kind, const char *field,
	    const char *clause, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

void err_clear(struct rd_err *e);

/* Puts "where." before the field at fault ("summary" becomes
 * "definition.summary"); returns -1 so it can end an error path. */
int err_in(struct rd_err *e, const char *where);

/* A short name for the kind: "invalid", "rule", "state", ... */
const char *err_kind_name(enum rd_err_kind kind);

#endif
