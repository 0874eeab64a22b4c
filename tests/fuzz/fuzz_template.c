/*
 * fuzz_template.c - any bytes as a letter template (the text before the
 * first NUL) and as the data it is rendered with (the bytes after it, as
 * a string value "v" and, when they parse, a JSON object).  The parser
 * answers a template or a clear error, never a crash; rendering never
 * crashes; and a value rendered through {{v}} comes out HTML-escaped:
 * none of < > " ' and, with the escapes undone, the value itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/template.h"

static void unescape(char *s)
{
	static const struct { const char *from; char to; } ent[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
	};
	char *w = s;

	while (*s) {
		size_t i;

		for (i = 0; i < sizeof(ent) / sizeof(ent[0]); i++)
			if (!strncmp(s, ent[i].from, strlen(ent[i].from)))
				break;
		if (i < sizeof(ent) / sizeof(ent[0])) {
			*w++ = ent[i].to;
			s += strlen(ent[i].from);
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	const char *rest;
	struct rd_err e;
	json_t *d, *j;
	tpl *t;

	memcpy(text, data, size);
	text[size] = '\0';
	rest = strlen(text) < size ? text + strlen(text) + 1 : "";
	d = json_object();
	json_object_set_new(d, "v", json_stringn_nocheck(rest, strlen(rest)));
	if ((j = json_loads(rest, JSON_DECODE_ANY, NULL))) {
		json_object_set_new(d, "data", j);
		if (json_is_object(j))
			json_object_update_missing(d, j);
	}
	json_object_set_new(d, "list", json_pack("[s, s, {s:s}]", "a", "<b>", "v", "&"));
	if ((t = tpl_parse(text, &e))) {
		struct buf out = BUF_INIT;

		tpl_render(t, d, TPL_HTML, &out);
		buf_reset(&out);
		tpl_render(t, d, TPL_NONE, &out);
		buf_free(&out);
		tpl_free(t);
	} else if (!e.msg[0] || strcmp(e.field, "template")) {
		abort();	/* a refusal always says what was wrong, and where */
	}
	if (json_is_string(json_object_get(d, "v")) && (t = tpl_parse("{{v}}", &e))) {
		struct buf out = BUF_INIT;
		char *s;

		json_object_set_new(d, "v", json_string(rest));
		if (json_is_string(json_object_get(d, "v"))) {
			tpl_render(t, d, TPL_HTML, &out);
			s = xstrdup(buf_str(&out));
			if (strpbrk(s, "<>\"'"))
				abort();
			unescape(s);
			if (strcmp(s, json_string_value(json_object_get(d, "v"))))
				abort();
			free(s);
		}
		buf_free(&out);
		tpl_free(t);
	}
	json_decref(d);
	free(text);
	return 0;
}
