/*
 * auth.c - passwords, tokens and sessions.
 */
#include "store/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"
#include "util/json.h"

/* OWASP's argon2id floor: 19 MiB, 2 passes. */
#define PW_OPS 2
#define PW_MEM (19u << 20)

int auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

static void token_hash(const char *token, char out[STORE_HASHLEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, STORE_HASHLEN, h, sizeof(h));
}

static int user_role(struct rec *r, const char *user, char *role, size_t n)
{
	char stream[128];
	json_t *u;

	snprintf(stream, sizeof(stream), "user:%s", user);
	if (rec_load(r, stream, &u, NULL))
		return -1;
	if (role)
		snprintf(role, n, "%s", js_str0(u, "role"));
	json_decref(u);
	return 0;
}

static void stamp_in(long seconds, char *out, size_t n)
{
	time_t t = time(NULL) + seconds;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int auth_set_password(struct rec *r, const char *user, const char *password,
		      struct rd_err *e)
{
	char hash[crypto_pwhash_STRBYTES], at[CLOCK_STAMPLEN];
	size_t len = password ? strlen(password) : 0;
	int rc;

	if (user_role(r, user, NULL, 0))
		return err_set(e, RD_ENOTFOUND, "name", NULL, "no user called \"%s\"", user);
	if (len < AUTH_PASSWORD_MIN || len > 1024)
		return err_set(e, RD_EINVAL, "password", NULL,
			       "a password must be %d to 1024 characters long", AUTH_PASSWORD_MIN);
	if (crypto_pwhash_str(hash, password, len, PW_OPS, PW_MEM) != 0)
		return err_set(e, RD_EIO, "password", NULL, "out of memory hashing the password");
	stamp_in(0, at, sizeof(at));
	if (rec_txn_begin(r, e))
		return -1;
	rc = r->st->ops->password_set(r->st, user, hash, at, e);
	sodium_memzero(hash, sizeof(hash));
	return rec_txn_end(r, rc, e);
}

int auth_check_password(struct rec *r, const char *user, const char *password,
			struct rd_err *e)
{
	char hash[crypto_pwhash_STRBYTES + 1];
	int ok;

	if (!user || !password ||
	    r->st->ops->password_get(r->st, user, hash, sizeof(hash), NULL)) {
		/* Spend the same effort, so timing does not tell who exists. */
		char dummy[crypto_pwhash_STRBYTES];

		if (crypto_pwhash_str(dummy, "x", 1, PW_OPS, PW_MEM) != 0)
			return err_set(e, RD_EIO, "password", NULL, "out of memory");
		return err_set(e, RD_EDENIED, "password", NULL, "the user name or password is wrong");
	}
	ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	sodium_memzero(hash, sizeof(hash));
	if (!ok)
		return err_set(e, RD_EDENIED, "password", NULL, "the user name or password is wrong");
	return 0;
}

int auth_new_token(struct rec *r, const char *user, const char *kind,
		   long ttl_seconds, char out[AUTH_TOKEN_LEN], struct rd_err *e)
{
	unsigned char raw[32];
	char b64[48], hash[STORE_HASHLEN], at[CLOCK_STAMPLEN], exp[CLOCK_STAMPLEN];
	int rc;

	if (user_role(r, user, NULL, 0))
		return err_set(e, RD_ENOTFOUND, "name", NULL, "no user called \"%s\"", user);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	memcpy(out, "rd_", 3);
	memcpy(out + 3, b64, strlen(b64) + 1);
	token_hash(out, hash);
	stamp_in(0, at, sizeof(at));
	stamp_in(ttl_seconds, exp, sizeof(exp));
	if (rec_txn_begin(r, e))
		return -1;
	rc = r->st->ops->token_add(r->st, hash, user, kind, at, ttl_seconds ? exp : NULL, e);
	return rec_txn_end(r, rc, e);
}

int auth_token_user(struct rec *r, const char *token, char *user, size_t n,
		    char *role, size_t rn, struct rd_err *e)
{
	char hash[STORE_HASHLEN], now[CLOCK_STAMPLEN];

	if (!token || strncmp(token, "rd_", 3) || strlen(token) > AUTH_TOKEN_LEN)
		return err_set(e, RD_EDENIED, "authorization", NULL, "the token is not valid");
	token_hash(token, hash);
	stamp_in(0, now, sizeof(now));
	if (r->st->ops->token_user(r->st, hash, now, user, n, role, rn, NULL))
		return err_set(e, RD_EDENIED, "authorization", NULL,
			       "the token is not valid or has expired");
	return 0;
}

int auth_revoke(struct rec *r, const char *token, struct rd_err *e)
{
	char hash[STORE_HASHLEN];

	token_hash(token, hash);
	return r->st->ops->token_delete(r->st, hash, e);
}

/* ---- residents following a complaint --------------------------------- */

static void code_hash(const char *ref, const char *code, char out[STORE_HASHLEN])
{
	char text[96];

	snprintf(text, sizeof(text), "track:%s:%s", ref, code);
	token_hash(text, out);
}

int auth_track_code(struct rec *r, const char *ref, char code[7], struct rd_err *e)
{
	char hash[STORE_HASHLEN], at[CLOCK_STAMPLEN], exp[CLOCK_STAMPLEN];
	int rc;

	snprintf(code, 7, "%06u", (unsigned)(randombytes_uniform(1000000)));
	code_hash(ref, code, hash);
	stamp_in(0, at, sizeof(at));
	stamp_in(AUTH_CODE_SECONDS, exp, sizeof(exp));
	if (rec_txn_begin(r, e))
		return -1;
	rc = r->st->ops->token_add(r->st, hash, ref, "track_code", at, exp, e);
	return rec_txn_end(r, rc, e);
}

int auth_track_session(struct rec *r, const char *ref, const char *code,
		       char out[AUTH_TOKEN_LEN], struct rd_err *e)
{
	char hash[STORE_HASHLEN], now[CLOCK_STAMPLEN], at[CLOCK_STAMPLEN], exp[CLOCK_STAMPLEN];
	char user[64], kind[16];
	unsigned char raw[32];
	char b64[48];
	int rc;

	if (!code || strlen(code) != 6 || strspn(code, "0123456789") != 6)
		return err_set(e, RD_EINVAL, "code", NULL, "Enter the 6-digit code we sent you");
	code_hash(ref, code, hash);
	stamp_in(0, now, sizeof(now));
	if (r->st->ops->token_find(r->st, hash, now, user, sizeof(user), kind, sizeof(kind), NULL) ||
	    strcmp(kind, "track_code") || strcmp(user, ref))
		return err_set(e, RD_EDENIED, "code", NULL,
			       "The code is not right, or it has expired: codes last 15 minutes");
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	snprintf(out, AUTH_TOKEN_LEN, "rt_%s", b64);
	stamp_in(0, at, sizeof(at));
	stamp_in(AUTH_TRACK_SECONDS, exp, sizeof(exp));
	if (rec_txn_begin(r, e))
		return -1;
	/* A code is used once. */
	rc = r->st->ops->token_delete(r->st, hash, e);
	if (!rc) {
		char th[STORE_HASHLEN];

		token_hash(out, th);
		rc = r->st->ops->token_add(r->st, th, ref, "track", at, exp, e);
	}
	return rec_txn_end(r, rc, e);
}

int auth_track_ref(struct rec *r, const char *token, char *ref, size_t n, struct rd_err *e)
{
	char hash[STORE_HASHLEN], now[CLOCK_STAMPLEN], kind[16];

	if (!token || strncmp(token, "rt_", 3) || strlen(token) > AUTH_TOKEN_LEN)
		return err_set(e, RD_EDENIED, "", NULL, "not following a complaint");
	token_hash(token, hash);
	stamp_in(0, now, sizeof(now));
	if (r->st->ops->token_find(r->st, hash, now, ref, n, kind, sizeof(kind), NULL) ||
	    strcmp(kind, "track"))
		return err_set(e, RD_EDENIED, "", NULL, "the session has expired");
	return 0;
}
