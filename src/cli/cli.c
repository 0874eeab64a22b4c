/*
 * cli.c - shared command-line plumbing.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json.h"

#define INPUT_MAX (4 << 20)

static const struct cli_opt globals[] = {
	{ "db", NULL, O_STR },
	{ "pg", NULL, O_STR },
	{ "as", NULL, O_STR },
	{ "json", NULL, O_FLAG },
	{ "input", NULL, O_STR },
	{ NULL, NULL, 0 }
};

int cli_usage(const char *usage)
{
	fprintf(stderr, "usage: redress %s\n", usage);
	return 2;
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("redress: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int cli_fail(const struct rd_err *e)
{
	fprintf(stderr, "redress: %s\n", e->msg[0] ? e->msg : "failed");
	if (e->field[0])
		fprintf(stderr, "  field: %s\n", e->field);
	if (e->clause[0])
		fprintf(stderr, "  Code clause: %s\n", e->clause);
	return 1;
}

void cli_print_json(const json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JS_FLAGS);

	if (s) {
		puts(s);
		free(s);
	}
}

char *cli_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;

	if (!f) {
		cli_error("cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > max) {
			cli_error("%s is too large (more than %zu bytes)", path, max);
			buf_free(&b);
			if (f != stdin)
				fclose(f);
			return NULL;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		cli_error("cannot read %s: %s", path, strerror(errno));
		buf_free(&b);
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	if (len)
		*len = b.len;
	return buf_detach(&b);
}

static const struct cli_opt *find(const struct cli_opt *opts, const char *flag)
{
	for (int i = 0; opts && opts[i].flag; i++)
		if (!strcmp(opts[i].flag, flag))
			return &opts[i];
	for (int i = 0; globals[i].flag; i++)
		if (!strcmp(globals[i].flag, flag))
			return &globals[i];
	return NULL;
}

/* Sets "path" ("a.b.c") in "root" to "v" (stolen). */
static void set_path(json_t *root, const char *path, json_t *v, int append)
{
	char key[128];
	const char *dot;
	json_t *node = root;

	while ((dot = strchr(path, '.'))) {
		json_t *next;

		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		next = json_object_get(node, key);
		if (!json_is_object(next)) {
			next = json_object();
			json_object_set_new(node, key, next);
		}
		node = next;
		path = dot + 1;
	}
	if (append) {
		json_t *arr = json_object_get(node, path);

		if (!json_is_array(arr)) {
			arr = json_array();
			json_object_set_new(node, path, arr);
		}
		json_array_append_new(arr, v);
	} else {
		json_object_set_new(node, path, v);
	}
}

/* Splits "s" at the first "n - 1" colons into parts[0..n-1]. */
static int split(char *s, char **parts, int n)
{
	int k = 0;

	parts[k++] = s;
	while (k < n) {
		char *colon = strchr(parts[k - 1], ':');

		if (!colon)
			return k;
		*colon = '\0';
		parts[k++] = colon + 1;
	}
	return k;
}

static json_t *value(const struct cli_opt *o, const char *arg, char *why, size_t n)
{
	char *copy, *p[4];
	json_t *v = NULL;
	char *end;
	int k;

	switch (o->type) {
	case O_FLAG:
		return json_true();
	case O_STR:
	case O_LIST:
		return json_string(arg);
	case O_PARTY:
		return json_pack("{s:s}", "name", arg);
	case O_INT: {
		long long x;

		errno = 0;
		x = strtoll(arg, &end, 10);
		if (errno || !*arg || *end) {
			snprintf(why, n, "--%s takes a whole number, not \"%s\"", o->flag, arg);
			return NULL;
		}
		return json_integer(x);
	}
	case O_NUM: {
		double x;

		errno = 0;
		x = strtod(arg, &end);
		if (errno || !*arg || *end) {
			snprintf(why, n, "--%s takes a number, not \"%s\"", o->flag, arg);
			return NULL;
		}
		return json_real(x);
	}
	case O_YESNO:
		if (!strcmp(arg, "yes") || !strcmp(arg, "true"))
			return json_true();
		if (!strcmp(arg, "no") || !strcmp(arg, "false"))
			return json_false();
		snprintf(why, n, "--%s takes yes or no, not \"%s\"", o->flag, arg);
		return NULL;
	case O_FILE: {
		size_t len;
		char *text = cli_read_file(arg, INPUT_MAX, &len);

		if (!text) {
			snprintf(why, n, "--%s: cannot read %s", o->flag, arg);
			return NULL;
		}
		v = json_stringn(text, len);
		free(text);
		if (!v)
			snprintf(why, n, "--%s: %s is not UTF-8 text", o->flag, arg);
		return v;
	}
	case O_DECISION:
		copy = xstrdup(arg);
		k = split(copy, p, 3);
		if (k == 3) {
			long long pt = strtoll(p[0], &end, 10);

			v = json_pack("{s:o, s:s, s:s}", "point",
				      *p[0] && !*end ? json_integer(pt) : json_string(p[0]),
				      "outcome", p[1], "reasons", p[2]);
		} else {
			snprintf(why, n, "--decision is POINT:OUTCOME:REASONS, e.g. 1:upheld:The repair was late");
		}
		free(copy);
		return v;
	case O_REMEDY:
		copy = xstrdup(arg);
		k = split(copy, p, 2);
		if (k == 2 && !strcmp(p[0], "financial")) {
			char *q[3];

			if (split(p[1], q, 3) == 3) {
				double amount = strtod(q[1], &end);

				if (*q[1] && !*end)
					v = json_pack("{s:s, s:s, s:f, s:s}", "type", p[0],
						      "due_on", q[0], "amount", amount,
						      "description", q[2]);
			}
		} else if (k == 2) {
			char *q[2];

			if (split(p[1], q, 2) == 2)
				v = json_pack("{s:s, s:s, s:s}", "type", p[0], "due_on", q[0],
					      "description", q[1]);
		}
		if (!v)
			snprintf(why, n, "--remedy is TYPE:DUE_ON:DESCRIPTION, or financial:DUE_ON:AMOUNT:DESCRIPTION");
		free(copy);
		return v;
	case O_ACTION:
		copy = xstrdup(arg);
		if (split(copy, p, 2) == 2)
			v = json_pack("{s:s, s:s}", "due_on", p[0], "description", p[1]);
		else
			snprintf(why, n, "--%s is DUE_ON:DESCRIPTION", o->flag);
		free(copy);
		return v;
	}
	return NULL;
}

static int repeatable(enum cli_type t)
{
	return t == O_LIST || t == O_DECISION || t == O_REMEDY || t == O_ACTION ||
	       t == O_PARTY;
}

static int parse(struct cli *c, int argc, char **argv,
		 const struct cli_opt *opts, const char *usage)
{
	const char *input = NULL;

	memset(c, 0, sizeof(*c));
	c->in = json_object();
	c->opts = json_object();
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *arg = NULL;
		const struct cli_opt *o;
		char why[200] = "";
		json_t *v;

		if (strncmp(a, "--", 2) || !a[2]) {
			if (c->npos == (int)(sizeof(c->pos) / sizeof(c->pos[0])))
				return cli_usage(usage);
			c->pos[c->npos++] = argv[i];
			continue;
		}
		o = find(opts, a + 2);
		if (!o) {
			cli_error("unknown option %s", a);
			return cli_usage(usage);
		}
		if (o->type != O_FLAG) {
			if (i + 1 >= argc) {
				cli_error("%s needs a value", a);
				return cli_usage(usage);
			}
			arg = argv[++i];
		}
		if (!strcmp(o->flag, "db"))
			c->db = arg;
		else if (!strcmp(o->flag, "pg")) {
			/* Any libpq connection string, URL or key=value. */
			snprintf(c->pg, sizeof(c->pg), "pg:%s", arg);
			c->db = c->pg;
		}
		else if (!strcmp(o->flag, "as"))
			c->as = arg;
		else if (!strcmp(o->flag, "json"))
			c->json = 1;
		else if (!strcmp(o->flag, "input"))
			input = arg;
		json_object_set_new(c->opts, o->flag, arg ? json_string(arg) : json_true());
		if (!o->path && o->type != O_INT && o->type != O_NUM)
			continue;
		/* Every value is checked against its type, even one that is
		 * not part of the JSON input. */
		v = value(o, arg, why, sizeof(why));
		if (!v) {
			cli_error("%s", why[0] ? why : "bad value");
			return 2;
		}
		if (o->path)
			set_path(c->in, o->path, v, repeatable(o->type));
		else
			json_decref(v);
	}
	if (input) {
		size_t len;
		char *text = cli_read_file(input, INPUT_MAX, &len);
		json_error_t je;
		json_t *j;

		if (!text)
			return 1;
		j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
		free(text);
		if (!json_is_object(j)) {
			if (j)
				cli_error("%s: the input must be a JSON object", input);
			else
				cli_error("%s: not valid JSON: %s (line %d, column %d)",
					  input, je.text, je.line, je.column);
			json_decref(j);
			return 1;
		}
		/* Options given on the command line win over the file. */
		json_object_update_missing(c->in, j);
		json_decref(j);
	}
	if (!c->db)
		c->db = getenv("REDRESS_DB");
	return 0;
}

/* On an error nothing is left allocated: callers just return. */
int cli_parse(struct cli *c, int argc, char **argv,
	      const struct cli_opt *opts, const char *usage)
{
	int rc = parse(c, argc, argv, opts, usage);

	if (rc)
		cli_free(c);
	return rc;
}

void cli_free(struct cli *c)
{
	json_decref(c->in);
	json_decref(c->opts);
	c->in = c->opts = NULL;
}

int cli_only(const struct cli *c, const char *const *flags, const char *what)
{
	static const char *const global[] = { "db", "pg", "as", "json", "input", NULL };
	const char *k;
	json_t *v;

	json_object_foreach(c->opts, k, v) {
		int found = 0;

		for (int i = 0; global[i] && !found; i++)
			found = !strcmp(global[i], k);
		for (int i = 0; flags[i] && !found; i++)
			found = !strcmp(flags[i], k);
		if (!found) {
			cli_error("--%s does not apply to \"%s\"", k, what);
			return 2;
		}
	}
	return 0;
}

const char *cli_opt(const struct cli *c, const char *flag)
{
	return js_str(c->opts, flag);
}

int cli_open(struct cli *c, struct rec *r, int create)
{
	struct rd_err e;

	err_clear(&e);
	if (rec_open(r, c->db ? c->db : "redress.db", create, &e))
		return cli_fail(&e);
	if (c->as && rec_as(r, c->as, &e)) {
		rec_close(r);
		return cli_fail(&e);
	}
	return 0;
}
