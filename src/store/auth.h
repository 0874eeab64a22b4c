/*
 * auth.h - staff sign-in: passwords (argon2id), API tokens and session
 * ids (random, stored only as SHA-256 hashes).
 *
 * Secrets live in their own tables, never in the event log; the log only
 * records that a password was changed or a token issued, and by whom.
 */
#ifndef REDRESS_STORE_AUTH_H
#define REDRESS_STORE_AUTH_H

#include "store/record.h"

#define AUTH_TOKEN_LEN 64	/* "rd_" and 43 characters, with room */
#define AUTH_PASSWORD_MIN 10

/* Sets "user"'s password (at least AUTH_PASSWORD_MIN characters). */
int auth_set_password(struct rec *r, const char *user, const char *password,
		      struct rd_err *e);

/* 0 if "password" is "user"'s; -1 (RD_EDENIED) otherwise, with the same
 * message whether the user or the password was wrong. */
int auth_check_password(struct rec *r, const char *user, const char *password,
			struct rd_err *e);

/* A new token of "kind" ("api" or "session") for "user" into "out";
 * sessions expire after "ttl_seconds" (0: never). */
int auth_new_token(struct rec *r, const char *user, const char *kind,
		   long ttl_seconds, char out[AUTH_TOKEN_LEN], struct rd_err *e);

/* The user and role a token belongs to (RD_EDENIED if none or expired). */
int auth_token_user(struct rec *r, const char *token, char *user, size_t n,
		    char *role, size_t rn, struct rd_err *e);

int auth_revoke(struct rec *r, const char *token, struct rd_err *e);

/*
 * Residents following their complaint (/track): a one-time six-digit
 * code, sent to the contact details on the complaint, is exchanged for a
 * session on that one complaint.  Codes and sessions are stored as
 * hashes, like every other token.
 */
#define AUTH_CODE_SECONDS (15 * 60)
#define AUTH_TRACK_SECONDS (60 * 60)

/* A new code for complaint "ref" into "code" (six digits and a NUL). */
int auth_track_code(struct rec *r, const char *ref, char code[7], struct rd_err *e);

/* Checks "code" for "ref": RD_EINVAL when it is not six digits, RD_EDENIED
 * when it is not right or has expired; else the code is used up and "out"
 * is a session token for the complaint. */
int auth_track_session(struct rec *r, const char *ref, const char *code,
		       char out[AUTH_TOKEN_LEN], struct rd_err *e);

/* The complaint a tracking session is for; RD_EDENIED if none. */
int auth_track_ref(struct rec *r, const char *token, char *ref, size_t n,
		   struct rd_err *e);

/* Must run once before anything else here (it initialises libsodium). */
int auth_init(void);

#endif
