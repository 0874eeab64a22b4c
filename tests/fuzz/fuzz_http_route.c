/*
 * fuzz_http_route.c - any bytes as a request line: the first byte picks
 * the method, the rest is the path and, after '?', the query.  The route
 * matcher (http/routes.c) answers a route or none, never a crash; a route
 * found has the method asked for, and its pattern with the captures put
 * back gives the path exactly, each capture one non-empty segment.  The
 * query helpers of http/api_util.c then take the query's parameters:
 * unknown ones are refused, and a whole number or a date they accept is
 * within its limits; a value refused has its problem body.
 *
 * libmicrohttpd parses the query of a real request; here the harness's own
 * MHD_lookup_connection_value and MHD_get_connection_values (below, which
 * take the place of the library's) give the fuzzed parameters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/api.h"
#include "http/http.h"

#define MAXARGS 16

static struct { char *key, *value; } args[MAXARGS];
static int nargs;

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind,
					const char *key)
{
	(void)c;
	(void)kind;
	for (int i = 0; i < nargs; i++)
		if (!strcmp(args[i].key, key))
			return args[i].value;
	return NULL;
}

int MHD_get_connection_values(struct MHD_Connection *c, enum MHD_ValueKind kind,
			      MHD_KeyValueIterator it, void *cls)
{
	int n = 0;

	(void)c;
	(void)kind;
	for (int i = 0; i < nargs; i++) {
		n++;
		if (it && it(cls, MHD_GET_ARGUMENT_KIND, args[i].key, args[i].value) != MHD_YES)
			break;
	}
	return n;
}

static void parse_query(char *q)
{
	nargs = 0;
	while (q && *q && nargs < MAXARGS) {
		char *amp = strchr(q, '&'), *eq;

		if (amp)
			*amp = '\0';
		eq = strchr(q, '=');
		if (eq)
			*eq = '\0';
		args[nargs].key = q;
		args[nargs].value = eq ? eq + 1 : (char *)"";
		nargs++;
		q = amp ? amp + 1 : NULL;
	}
}

/* The pattern with each {name} replaced by its capture. */
static void rebuild(const char *pattern, const char *const *params, struct buf *out)
{
	int n = 0;

	while (*pattern) {
		if (*pattern == '{') {
			buf_puts(out, params[n++]);
			pattern = strchr(pattern, '}') + 1;
		} else {
			buf_add(out, pattern++, 1);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" };
	static const char *const allowed[] = { "n", "date", "format", NULL };
	struct req q;
	const struct route *rt;
	char *text, *qmark;
	int path_ok;

	if (!size)
		return 0;
	text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	qmark = strchr(text, '?');
	if (qmark)
		*qmark++ = '\0';
	parse_query(qmark);
	memset(&q, 0, sizeof(q));
	q.method = methods[data[0] % 6];
	q.path = text;
	rt = http_route(&q, &path_ok);
	if (rt) {
		struct buf b = BUF_INIT;
		int want = 0;

		if (!path_ok || strcmp(rt->method, strcmp(q.method, "HEAD") ? q.method : "GET"))
			abort();
		for (const char *p = rt->pattern; (p = strchr(p, '{')); p++)
			want++;
		for (int i = 0; i < want; i++)
			if (!q.params[i] || !*q.params[i] || strchr(q.params[i], '/'))
				abort();
		rebuild(rt->pattern, q.params, &b);
		if (strcmp(buf_str(&b), text))
			abort();
		buf_free(&b);
	} else if (!path_ok && q.allow[0]) {
		abort();	/* methods to allow only for a path that exists */
	}
	{
		long n;
		date_t d;
		int bad = 0;

		for (int i = 0; i < nargs; i++)
			if (strcmp(args[i].key, "n") && strcmp(args[i].key, "date") &&
			    strcmp(args[i].key, "format"))
				bad = 1;
		if ((api_only_query(&q, allowed) != 0) != bad || (bad && !q.out))
			abort();	/* a refusal always has its problem body */
		json_decref(q.out);
		q.out = NULL;
		if (api_query_int(&q, "n", -5, 250, 7, &n) ? !q.out : (n < -5 || n > 250))
			abort();
		json_decref(q.out);
		q.out = NULL;
		if (api_query_date(&q, "date", &d) ? !q.out
		    : MHD_lookup_connection_value(NULL, 0, "date") && d == DATE_NONE)
			abort();
		json_decref(q.out);
		q.out = NULL;
	}
	free(q.param_buf);
	free(text);
	return 0;
}
