/*
 * templates.c - the built-in letter templates (web/templates/letters/,
 * compiled in) and the landlord's overrides, kept as events on the
 * "template:NAME" streams.
 */
#include "letters/parts.h"

#include <stdio.h>
#include <string.h>

#include "util/json.h"

const char *const letter_template_names[] = {
	"acknowledgement", "refusal", "escalation-refusal", "extension",
	"response-stage1", "response-stage2", "response-stage3", "update", NULL
};

const char *letter_template_builtin(const char *name)
{
	for (int i = 0; name && i < letter_nbuiltins; i++)
		if (!strcmp(letter_builtins[i].name, name))
			return letter_builtins[i].text;
	return NULL;
}

static int known(const char *name, struct rd_err *e)
{
	for (int i = 0; letter_template_names[i]; i++)
		if (name && !strcmp(letter_template_names[i], name))
			return 0;
	return err_set(e, RD_ENOTFOUND, "name", NULL,
		       "there is no letter template \"%s\" (the templates are: acknowledgement, refusal, escalation-refusal, extension, response-stage1, response-stage2, response-stage3, update)",
		       name ? name : "");
}

int letter_template_check(const char *name, const char *text, struct rd_err *e)
{
	tpl *t;
	int rc;

	if (known(name, e))
		return -1;
	t = tpl_parse(text, e);
	if (!t)
		return -1;
	rc = letter_check_template(name, t, 0, 0, NULL, NULL, e);
	tpl_free(t);
	return rc;
}

char *letter_template_get(struct rec *r, const char *name, int *overridden,
			  struct rd_err *e)
{
	char stream[96];
	json_t *st;
	char *text = NULL;

	*overridden = 0;
	if (known(name, e))
		return NULL;
	snprintf(stream, sizeof(stream), "template:%s", name);
	if (rec_load(r, stream, &st, NULL) == 0) {
		if (js_str(st, "text")) {
			text = xstrdup(js_str(st, "text"));
			*overridden = 1;
		}
		json_decref(st);
	}
	if (!text) {
		const char *b = letter_template_builtin(name);

		if (!b) {
			err_set(e, RD_EIO, "name", NULL, "the built-in template %s is missing", name);
			return NULL;
		}
		text = xstrdup(b);
	}
	return text;
}

int letter_template_set(struct rec *r, const char *name, const char *text,
			struct rd_err *e)
{
	if (known(name, e))
		return -1;
	if (text && letter_template_check(name, text, e))
		return -1;
	return rec_template_set(r, name, text, e);
}
