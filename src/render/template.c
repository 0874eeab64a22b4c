/*
 * template.c - parsing templates into a flat list of nodes, and rendering.
 *
 * A parsed template is an array of nodes.  A section node records the
 * index just past its closing tag, so a section's body is the nodes
 * between the two and rendering is a walk over index ranges.
 */
#include "render/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32

enum node_type { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED };

struct node {
	enum node_type type;
	const char *s;		/* text, or the name (NUL-terminated) */
	size_t len;		/* length of the text */
	size_t end;		/* sections: the index after the body */
};

struct tpl {
	char *src;		/* a copy of the text; names are cut into it */
	struct node *n;
	size_t nn, cap;
};

static struct node *add(tpl *t, enum node_type type, const char *s, size_t len)
{
	struct node *n;

	if (t->nn == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->n = xrealloc(t->n, t->cap * sizeof(*t->n));
	}
	n = &t->n[t->nn++];
	n->type = type;
	n->s = s;
	n->len = len;
	n->end = 0;
	return n;
}

static int line_of(const char *src, const char *at)
{
	int line = 1;

	for (const char *p = src; p < at; p++)
		line += *p == '\n';
	return line;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int name_ok(const char *s)
{
	if (!*s)
		return 0;
	if (!strcmp(s, "."))
		return 1;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789_.") == strlen(s);
}

/* Cuts the trimmed name out of [p, q) in place; returns it. */
static char *cut_name(char *p, char *q)
{
	while (p < q && (is_blank(*p) || *p == '\n'))
		p++;
	while (q > p && (is_blank(q[-1]) || q[-1] == '\n'))
		q--;
	*q = '\0';
	return p;
}

static int fail(tpl *t, struct rd_err *e, const char *at, const char *fmt,
		const char *what)
{
	err_set(e, RD_EINVAL, "template", NULL, "template line %d: %s%s",
		line_of(t->src, at), fmt, what ? what : "");
	tpl_free(t);
	return -1;
}

tpl *tpl_parse(const char *text, struct rd_err *e)
{
	tpl *t = xcalloc(1, sizeof(*t));
	size_t open[MAX_DEPTH];
	const char *open_at[MAX_DEPTH];
	int depth = 0;
	char *p, *end;

	t->src = xstrdup(text ? text : "");
	p = t->src;
	end = t->src + strlen(t->src);
	while (p < end) {
		char *tag = strstr(p, "{{"), *body, *close, *after, *name;
		char *emit_to, *resume;
		char sigil = 0;
		int raw = 0;

		if (!tag) {
			add(t, N_TEXT, p, (size_t)(end - p));
			break;
		}
		body = tag + 2;
		if (*body == '{') {
			raw = 1;
			body++;
			close = strstr(body, "}}}");
			after = close ? close + 3 : NULL;
		} else {
			close = strstr(body, "}}");
			after = close ? close + 2 : NULL;
		}
		if (!close) {
			fail(t, e, tag, "a tag opened with {{ is never closed with }}", NULL);
			return NULL;
		}
		if (!raw && strchr("#^/!&", *body))
			sigil = *body++;
		if (sigil == '&')
			raw = 1, sigil = 0;

		/* A section, close or comment tag alone on its line takes the
		 * line (and its newline) with it. */
		emit_to = tag;
		resume = after;
		if (sigil) {
			char *ls = tag, *le = after;

			while (ls > p && is_blank(ls[-1]))
				ls--;
			while (le < end && is_blank(*le))
				le++;
			if ((ls == t->src || ls[-1] == '\n') && ls >= p &&
			    (le == end || *le == '\n')) {
				emit_to = ls;
				resume = le < end ? le + 1 : le;
			}
		}
		if (emit_to > p)
			add(t, N_TEXT, p, (size_t)(emit_to - p));
		p = resume;
		if (sigil == '!')
			continue;
		name = cut_name(body, close);
		if (!name_ok(name)) {
			fail(t, e, tag, "a tag needs a name of letters, digits, _ and .: ",
			     *name ? name : "(empty)");
			return NULL;
		}
		if (sigil == '#' || sigil == '^') {
			if (depth == MAX_DEPTH) {
				fail(t, e, tag, "sections nest too deeply", NULL);
				return NULL;
			}
			open_at[depth] = tag;
			open[depth++] = t->nn;
			add(t, sigil == '#' ? N_SECTION : N_INVERTED, name, 0);
		} else if (sigil == '/') {
			struct node *o;

			if (!depth) {
				fail(t, e, tag, "this closes a section that was never opened: ", name);
				return NULL;
			}
			o = &t->n[open[depth - 1]];
			if (strcmp(o->s, name)) {
				char what[200];

				snprintf(what, sizeof(what), "{{/%s}} closes {{#%s}} (line %d)",
					 name, o->s, line_of(t->src, open_at[depth - 1]));
				fail(t, e, tag, "", what);
				return NULL;
			}
			o->end = t->nn;
			depth--;
		} else {
			add(t, raw ? N_RAW : N_VAR, name, 0);
		}
	}
	if (depth) {
		char what[120];

		snprintf(what, sizeof(what), "{{#%s}} is never closed",
			 t->n[open[depth - 1]].s);
		fail(t, e, open_at[depth - 1], "", what);
		return NULL;
	}
	return t;
}

void tpl_free(tpl *t)
{
	if (!t)
		return;
	free(t->n);
	free(t->src);
	free(t);
}

int tpl_uses(const tpl *t, const char *name)
{
	for (size_t i = 0; t && i < t->nn; i++)
		if (t->n[i].type != N_TEXT && !strcmp(t->n[i].s, name))
			return 1;
	return 0;
}

void tpl_escape_html(struct buf *out, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(out, run, (size_t)(s - run));
		buf_puts(out, rep);
		run = s + 1;
	}
	buf_add(out, run, (size_t)(s - run));
}

struct ctx {
	const json_t *stack[MAX_DEPTH + 1];
	int depth;
	enum tpl_escape esc;
	struct buf *out;
};

static const json_t *lookup(const struct ctx *c, const char *name)
{
	char first[128];
	const char *dot = strchr(name, '.');
	const json_t *v = NULL;
	size_t n;

	if (!strcmp(name, "."))
		return c->stack[c->depth - 1];
	n = dot ? (size_t)(dot - name) : strlen(name);
	if (n >= sizeof(first))
		return NULL;
	memcpy(first, name, n);
	first[n] = '\0';
	for (int i = c->depth - 1; i >= 0 && !v; i--)
		if (json_is_object(c->stack[i]))
			v = json_object_get(c->stack[i], first);
	while (v && dot) {
		const char *next = strchr(dot + 1, '.');

		n = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
		if (n >= sizeof(first))
			return NULL;
		memcpy(first, dot + 1, n);
		first[n] = '\0';
		v = json_is_object(v) ? json_object_get(v, first) : NULL;
		dot = next;
	}
	return v;
}

static int truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return 1;
}

static void value(struct ctx *c, const json_t *v, int raw)
{
	char num[64];
	const char *s = NULL;

	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_integer(v))
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v)), s = num;
	else if (json_is_real(v))
		snprintf(num, sizeof(num), "%g", json_real_value(v)), s = num;
	else if (json_is_true(v))
		s = "true";
	if (!s)
		return;
	if (raw || c->esc == TPL_NONE)
		buf_puts(c->out, s);
	else
		tpl_escape_html(c->out, s);
}

static void render(const tpl *t, size_t from, size_t to, struct ctx *c)
{
	for (size_t i = from; i < to; i++) {
		const struct node *n = &t->n[i];
		const json_t *v;

		switch (n->type) {
		case N_TEXT:
			buf_add(c->out, n->s, n->len);
			break;
		case N_VAR:
		case N_RAW:
			value(c, lookup(c, n->s), n->type == N_RAW);
			break;
		case N_INVERTED:
			if (!truthy(lookup(c, n->s)))
				render(t, i + 1, n->end, c);
			i = n->end - 1;
			break;
		case N_SECTION:
			v = lookup(c, n->s);
			if (truthy(v) && c->depth <= MAX_DEPTH - 1) {
				if (json_is_array(v)) {
					size_t k;
					json_t *item;

					json_array_foreach(v, k, item) {
						c->stack[c->depth++] = item;
						render(t, i + 1, n->end, c);
						c->depth--;
					}
				} else if (json_is_object(v)) {
					c->stack[c->depth++] = v;
					render(t, i + 1, n->end, c);
					c->depth--;
				} else {
					render(t, i + 1, n->end, c);
				}
			}
			i = n->end - 1;
			break;
		}
	}
}

void tpl_render(const tpl *t, const json_t *data, enum tpl_escape esc,
		struct buf *out)
{
	struct ctx c;

	c.stack[0] = data;
	c.depth = 1;
	c.esc = esc;
	c.out = out;
	buf_puts(out, "");
	render(t, 0, t->nn, &c);
}
