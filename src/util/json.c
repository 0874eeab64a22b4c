/*
 * json.c - field helpers over jansson.
 */
#include "util/json.h"

#include <string.h>

#include "util/buf.h"

const char *js_str(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

const char *js_str0(const json_t *o, const char *key)
{
	const char *s = js_str(o, key);

	return s ? s : "";
}

date_t js_date(const json_t *o, const char *key)
{
	const char *s = js_str(o, key);
	date_t d;

	if (!s || date_parse(s, &d))
		return DATE_NONE;
	return d;
}

long long js_int(const json_t *o, const char *key, long long dflt)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? json_integer_value(v) : dflt;
}

int js_true(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

static int missing(const char *key, const char *clause, struct rd_err *e)
{
	if (clause && *clause)
		return err_set(e, RD_EINVAL, key, clause,
			       "%s is required (Code %s)", key, clause);
	return err_set(e, RD_EINVAL, key, NULL, "%s is required", key);
}

static int absent(const json_t *v)
{
	return !v || json_is_null(v);
}

int js_need_str(const json_t *o, const char *key, int required,
		const char *clause, const char **out, struct rd_err *e)
{
	json_t *v = json_object_get(o, key);
	const char *s;
	size_t n;

	*out = NULL;
	if (absent(v))
		return required ? missing(key, clause, e) : 0;
	if (!json_is_string(v))
		return err_set(e, RD_EINVAL, key, clause,
			       "%s must be text", key);
	s = json_string_value(v);
	n = json_string_length(v);
	if (n > JS_TEXT_MAX)
		return err_set(e, RD_EINVAL, key, clause,
			       "%s is too long (%zu characters, at most %d)",
			       key, n, JS_TEXT_MAX);
	if (strlen(s) != n)
		return err_set(e, RD_EINVAL, key, clause,
			       "%s contains a NUL character", key);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
			return err_set(e, RD_EINVAL, key, clause,
				       "%s contains a control character", key);
	}
	{
		size_t i = 0;

		while (i < n && strchr(" \t\r\n", s[i]))
			i++;
		/* Blank text is no text: an error when required, absent
		 * otherwise. */
		if (i == n)
			return required ? missing(key, clause, e) : 0;
	}
	*out = s;
	return 0;
}

int js_need_date(const json_t *o, const char *key, int required,
		 const char *clause, date_t *out, struct rd_err *e)
{
	json_t *v = json_object_get(o, key);

	*out = DATE_NONE;
	if (absent(v))
		return required ? missing(key, clause, e) : 0;
	if (!json_is_string(v) || date_parse(json_string_value(v), out))
		return err_set(e, RD_EINVAL, key, clause,
			       "%s must be a real date written YYYY-MM-DD",
			       key);
	return 0;
}

int js_need_bool(const json_t *o, const char *key, int required,
		 const char *clause, int *out, struct rd_err *e)
{
	json_t *v = json_object_get(o, key);

	*out = 0;
	if (absent(v))
		return required ? missing(key, clause, e) : 0;
	if (!json_is_boolean(v))
		return err_set(e, RD_EINVAL, key, clause,
			       "%s must be true or false", key);
	*out = json_is_true(v);
	return 0;
}

int js_need_int(const json_t *o, const char *key, int required,
		const char *clause, long long min, long long max,
		long long *out, struct rd_err *e)
{
	json_t *v = json_object_get(o, key);

	if (absent(v))
		return required ? missing(key, clause, e) : 0;
	if (!json_is_integer(v))
		return err_set(e, RD_EINVAL, key, clause,
			       "%s must be a whole number", key);
	*out = json_integer_value(v);
	if (*out < min || *out > max)
		return err_set(e, RD_EINVAL, key, clause,
			       "%s must be between %lld and %lld", key, min,
			       max);
	return 0;
}

int js_only_keys(const json_t *o, const char *const *allowed,
		 const char *where, struct rd_err *e)
{
	const char *key;
	json_t *v;

	if (!json_is_object(o))
		return err_set(e, RD_EINVAL, "", NULL,
			       "%s must be a JSON object", where);
	json_object_foreach((json_t *)o, key, v) {
		int ok = 0;

		for (int i = 0; allowed[i]; i++)
			if (!strcmp(allowed[i], key))
				ok = 1;
		if (!ok)
			return err_set(e, RD_EINVAL, key, NULL,
				       "unknown field \"%s\" in %s", key,
				       where);
	}
	return 0;
}

json_t *js_from_date(date_t d)
{
	char s[DATE_STRLEN];

	if (d == DATE_NONE)
		return json_null();
	return json_string(date_format(d, s));
}

void js_set_date(json_t *o, const char *key, date_t d)
{
	json_object_set_new(o, key, js_from_date(d));
}

void js_set_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, s ? json_string(s) : json_null());
}

char *js_dump(const json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JS_FLAGS);

	if (!s)
		s = xstrdup("null");
	return s;
}
