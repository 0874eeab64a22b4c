/*
 * template.h - a small template engine that HTML-escapes by default.
 *
 * The syntax is a subset of Mustache:
 *
 *   {{name}}            the value of "name", escaped (TPL_HTML: & < > " ')
 *   {{{name}}}          the value, not escaped: only for trusted fragments
 *                       the program rendered itself ({{&name}} is the same)
 *   {{#name}}...{{/name}}   a list: once per item, the item on top of the
 *                       context; a non-empty object: once, with the object
 *                       on top; any other present value that is not false,
 *                       null or "": once
 *   {{^name}}...{{/name}}   once when "name" is absent, null, false, "" or
 *                       an empty list
 *   {{! comment }}      nothing
 *   {{.}}               the current item (a list of strings)
 *
 * Names are letters, digits, "_" and "."; "a.b" looks up "a" from the
 * innermost context outwards, then "b" inside it.  A missing name renders
 * as nothing.  A section, inverted section, close or comment tag alone on
 * its line takes the whole line with it, so templates can put each tag on
 * its own line without leaving blank lines behind.
 */
#ifndef REDRESS_RENDER_TEMPLATE_H
#define REDRESS_RENDER_TEMPLATE_H

#include <jansson.h>

#include "util/buf.h"
#include "util/err.h"

enum tpl_escape {
	TPL_HTML,	/* {{x}} escapes for HTML and XML (also Pango markup) */
	TPL_NONE	/* plain text: nothing is escaped */
};

typedef struct tpl tpl;

/* Parses "text".  NULL and "e" (RD_EINVAL, field "template", with the line
 * number) on an unterminated tag, a bad name, or sections that do not
 * nest. */
tpl *tpl_parse(const char *text, struct rd_err *e);
void tpl_free(tpl *t);

/* Appends the template rendered with "data" (a JSON object) to "out". */
void tpl_render(const tpl *t, const json_t *data, enum tpl_escape esc,
		struct buf *out);

/* 1 if any tag of the template (a value, raw value, section or inverted
 * section) names "name"; 0 if not. */
int tpl_uses(const tpl *t, const char *name);

/* Appends "s" to "out" with & < > " ' escaped. */
void tpl_escape_html(struct buf *out, const char *s);

#endif
