/*
 * form.h - HTML form bodies (application/x-www-form-urlencoded).
 *
 * A browser sends "name=value&name=value" with spaces as "+" and other
 * bytes as "%XX".  form_parse() turns that into a JSON object of strings;
 * a name sent more than once (checkboxes) becomes an array of its values
 * in the order they came.
 */
#ifndef REDRESS_UTIL_FORM_H
#define REDRESS_UTIL_FORM_H

#include <stddef.h>

#include <jansson.h>

#include "util/err.h"

#define FORM_MAX_FIELDS 400
#define FORM_MAX_NAME 64

/* The fields of "body" (new reference), or NULL and "e" (RD_EINVAL, field
 * the name at fault) when an escape is malformed, a name is empty, longer
 * than FORM_MAX_NAME or not printable ASCII, a value is not UTF-8 or
 * holds a NUL, or there are more than FORM_MAX_FIELDS fields. */
json_t *form_parse(const char *body, size_t len, struct rd_err *e);

/* The parts of a multipart/form-data "body" (a form with a file): a JSON
 * object of each part's name and its content as text, and for a file
 * "NAME.filename".  "ctype" is the request's Content-Type, which names
 * the boundary.  NULL and "e" when the body is not well formed, a part
 * is not UTF-8 text, or there are more than FORM_MAX_FIELDS parts. */
json_t *form_multipart(const char *body, size_t len, const char *ctype,
		       struct rd_err *e);

/* The value of "name" as a string: the last one when it was sent more
 * than once; NULL if absent. */
const char *form_str(const json_t *form, const char *name);

#endif
