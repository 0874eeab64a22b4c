/*
 * err.c - filling struct rd_err.
 */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void copy(char *dst, size_t n, const char *src)
{
	if (!src)
		src = "";
	snprintf(dst, n, "%s", src);
}

int err_set(struct rd_err *e, enum rd_err_kind kind, const char *field,
	    const char *clause, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	e->kind = kind;
	copy(e->field, sizeof(e->field), field);
	copy(e->clause, sizeof(e->clause), clause);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	/* Every refusal that rests on the Code names its clause. */
	if (clause && *clause && !strstr(e->msg, clause)) {
		size_t n = strlen(e->msg);

		snprintf(e->msg + n, sizeof(e->msg) - n, " (Code %s)", clause);
	}
	return -1;
}

void err_clear(struct rd_err *e)
{
	if (e)
		memset(e, 0, sizeof(*e));
}

const char *err_kind_name(enum rd_err_kind kind)
{
	switch (kind) {
	case RD_OK: return "ok";
	case RD_EINVAL: return "invalid";
	case RD_ERULE: return "rule";
	case RD_ESTATE: return "state";
	case RD_ENOTFOUND: return "not_found";
	case RD_ECONFLICT: return "conflict";
	case RD_EDENIED: return "denied";
	case RD_EIO: return "io";
	}
	return "unknown";
}

int err_in(struct rd_err *e, const char *where)
{
	char f[sizeof(e->field)];
	size_t n;

	if (!e)
		return -1;
	if (!e->field[0]) {
		snprintf(e->field, sizeof(e->field), "%s", where);
		return -1;
	}
	n = strlen(where);
	if (n + 1 + strlen(e->field) >= sizeof(f))
		return -1;
	memcpy(f, where, n);
	f[n] = '.';
	memcpy(f + n + 1, e->field, strlen(e->field) + 1);
	memcpy(e->field, f, sizeof(f));
	return -1;
}
