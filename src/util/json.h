/*
 * json.h - reading and writing fields of jansson objects with Redress's
 * error convention: a missing or wrong-typed field fills struct rd_err
 * with the field's name (and the Code clause that needs it, if any).
 */
#ifndef REDRESS_UTIL_JSON_H
#define REDRESS_UTIL_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "util/date.h"
#include "util/err.h"

#define JS_TEXT_MAX 20000	/* longest free text accepted in one field */

/* How Redress writes JSON: in key order, with numbers such as 41.2
 * written as 41.2 (15 significant digits), not 41.200000000000003. */
#define JS_FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* The string at "key", or NULL if absent, null or not a string. */
const char *js_str(const json_t *o, const char *key);
/* The string at "key" or "" */
const char *js_str0(const json_t *o, const char *key);
/* The date at "key", or DATE_NONE. */
date_t js_date(const json_t *o, const char *key);
/* The integer at "key", or "dflt". */
long long js_int(const json_t *o, const char *key, long long dflt);
/* 1 if true, 0 if false or absent. */
int js_true(const json_t *o, const char *key);

/*
 * Validating getters: "required" non-zero makes an absent (or null) field
 * an error whose message names "field" and "clause".  Blank text counts
 * as absent.  A present value of the wrong type, or a string longer than
 * JS_TEXT_MAX, or contains control characters other than newline and tab,
 * is always an error.
 */
int js_need_str(const json_t *o, const char *key, int required,
		const char *clause, const char **out, struct rd_err *e);
int js_need_date(const json_t *o, const char *key, int required,
		 const char *clause, date_t *out, struct rd_err *e);
int js_need_bool(const json_t *o, const char *key, int required,
		 const char *clause, int *out, struct rd_err *e);
int js_need_int(const json_t *o, const char *key, int required,
		const char *clause, long long min, long long max,
		long long *out, struct rd_err *e);

/* Rejects any key of "o" not in the NULL-terminated "allowed" list. */
int js_only_keys(const json_t *o, const char *const *allowed,
		 const char *where, struct rd_err *e);

/* A date as a JSON string, or JSON null for DATE_NONE (new reference). */
json_t *js_from_date(date_t d);
/* Sets "key" to the date (null for DATE_NONE). */
void js_set_date(json_t *o, const char *key, date_t d);
/* Sets "key" to a string, or null when "s" is NULL. */
void js_set_str(json_t *o, const char *key, const char *s);

/* Compact, key-order-preserving text (malloc'ed), the form events keep. */
char *js_dump(const json_t *o);

#endif
