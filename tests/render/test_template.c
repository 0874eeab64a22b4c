/*
 * test_template.c - the template engine: escaping by default, raw values,
 * lists, sections, inverted sections, dotted names, standalone lines, and
 * the errors for templates that do not parse.  Expected outputs written
 * out by hand.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "render/template.h"

struct row {
	const char *tmpl;
	const char *data;	/* JSON */
	enum tpl_escape esc;
	const char *want;
};

static const struct row rows[] = {
	{ "Hello {{name}}.", "{\"name\": \"Ann\"}", TPL_HTML, "Hello Ann." },
	/* escaped by default, raw only when asked */
	{ "{{x}}", "{\"x\": \"<b>&\\\"'</b>\"}", TPL_HTML, "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;" },
	{ "{{{x}}}", "{\"x\": \"<b>bold</b>\"}", TPL_HTML, "<b>bold</b>" },
	{ "{{&x}}", "{\"x\": \"<i>\"}", TPL_HTML, "<i>" },
	{ "{{x}}", "{\"x\": \"<b>\"}", TPL_NONE, "<b>" },
	{ "{{ x }}", "{\"x\": \"spaces\"}", TPL_HTML, "spaces" },
	/* missing, null, numbers, booleans */
	{ "[{{nope}}]", "{}", TPL_HTML, "[]" },
	{ "[{{n}}]", "{\"n\": null}", TPL_HTML, "[]" },
	{ "{{i}} {{r}} {{t}} [{{f}}]", "{\"i\": 42, \"r\": 1.5, \"t\": true, \"f\": false}",
	  TPL_HTML, "42 1.5 true []" },
	/* dotted names */
	{ "{{a.b.c}}", "{\"a\": {\"b\": {\"c\": \"deep\"}}}", TPL_HTML, "deep" },
	{ "{{a.x}}", "{\"a\": {\"b\": 1}}", TPL_HTML, "" },
	/* lists: once per item, the item on top, outer names still seen */
	{ "{{#l}}<{{.}}>{{/l}}", "{\"l\": [\"a\", \"b&c\"]}", TPL_HTML, "<a><b&amp;c>" },
	{ "{{#l}}{{n}}:{{who}} {{/l}}", "{\"who\": \"W\", \"l\": [{\"n\": 1}, {\"n\": 2, \"who\": \"X\"}]}",
	  TPL_HTML, "1:W 2:X " },
	{ "{{#l}}x{{/l}}", "{\"l\": []}", TPL_HTML, "" },
	/* sections on a value: once, without pushing it */
	{ "{{#s}}[{{s}}]{{/s}}", "{\"s\": \"yes\"}", TPL_HTML, "[yes]" },
	{ "{{#s}}[{{s}}]{{/s}}", "{\"s\": \"\"}", TPL_HTML, "" },
	{ "{{#b}}on{{/b}}{{^b}}off{{/b}}", "{\"b\": true}", TPL_HTML, "on" },
	{ "{{#b}}on{{/b}}{{^b}}off{{/b}}", "{\"b\": false}", TPL_HTML, "off" },
	{ "{{#o}}{{k}}{{/o}}", "{\"o\": {\"k\": \"v\"}}", TPL_HTML, "v" },
	/* inverted: absent, null, false, "" and [] */
	{ "{{^x}}none{{/x}}", "{}", TPL_HTML, "none" },
	{ "{{^x}}none{{/x}}", "{\"x\": null}", TPL_HTML, "none" },
	{ "{{^x}}none{{/x}}", "{\"x\": []}", TPL_HTML, "none" },
	{ "{{^x}}none{{/x}}", "{\"x\": [1]}", TPL_HTML, "" },
	/* comments vanish; a tag alone on its line takes the line with it */
	{ "a{{! note }}b", "{}", TPL_HTML, "ab" },
	{ "one\n{{#l}}\n- {{.}}\n{{/l}}\ntwo\n", "{\"l\": [\"x\", \"y\"]}", TPL_HTML,
	  "one\n- x\n- y\ntwo\n" },
	{ "one\n  {{! comment }}  \ntwo", "{}", TPL_HTML, "one\ntwo" },
	{ "{{#b}}\nyes\n{{/b}}", "{\"b\": true}", TPL_HTML, "yes\n" },
	/* a value tag alone on its line keeps its line */
	{ "a\n{{x}}\nb", "{\"x\": \"X\"}", TPL_HTML, "a\nX\nb" },
	/* a section tag sharing its line with text is not standalone */
	{ "a {{#b}}\nyes{{/b}} z", "{\"b\": true}", TPL_HTML, "a \nyes z" },
	/* nesting */
	{ "{{#a}}{{#b}}{{c}}{{/b}}{{/a}}", "{\"a\": {\"b\": [{\"c\": 1}, {\"c\": 2}]}}", TPL_HTML, "12" },
};

static void test_render(void **ts)
{
	(void)ts;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct rd_err e;
		json_error_t je;
		json_t *d = json_loads(rows[i].data, 0, &je);
		tpl *t = tpl_parse(rows[i].tmpl, &e);
		struct buf out = BUF_INIT;

		if (!d)
			fail_msg("row %zu: bad JSON: %s", i, je.text);
		if (!t)
			fail_msg("row %zu: %s", i, e.msg);
		tpl_render(t, d, rows[i].esc, &out);
		if (strcmp(buf_str(&out), rows[i].want))
			fail_msg("row %zu: %s: got [%s] want [%s]", i, rows[i].tmpl,
				 buf_str(&out), rows[i].want);
		buf_free(&out);
		tpl_free(t);
		json_decref(d);
	}
}

static void test_errors(void **ts)
{
	static const struct {
		const char *tmpl;
		const char *msg;	/* part of the message */
	} bad[] = {
		{ "a\n{{x", "line 2: a tag opened with {{ is never closed" },
		{ "{{{x}}", "line 1: a tag opened with {{ is never closed" },
		{ "{{#a}}x", "{{#a}} is never closed" },
		{ "\n\n{{#a}}{{/b}}", "line 3: {{/b}} closes {{#a}} (line 3)" },
		{ "{{/a}}", "closes a section that was never opened: a" },
		{ "{{}}", "a tag needs a name" },
		{ "{{a b}}", "a tag needs a name of letters, digits, _ and .: a b" },
		{ "{{#a}}{{#b}}{{/a}}{{/b}}", "{{/a}} closes {{#b}}" },
	};

	(void)ts;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rd_err e;

		err_clear(&e);
		if (tpl_parse(bad[i].tmpl, &e))
			fail_msg("row %zu: \"%s\" parsed", i, bad[i].tmpl);
		assert_int_equal(e.kind, RD_EINVAL);
		assert_string_equal(e.field, "template");
		if (!strstr(e.msg, bad[i].msg))
			fail_msg("row %zu: message [%s] lacks [%s]", i, e.msg, bad[i].msg);
	}
}

static void test_uses(void **ts)
{
	struct rd_err e;
	tpl *t = tpl_parse("{{a}} {{{b}}} {{#c}}{{/c}} {{^d}}{{/d}} {{! e }} f {{g.h}}", &e);

	(void)ts;
	assert_non_null(t);
	assert_true(tpl_uses(t, "a"));
	assert_true(tpl_uses(t, "b"));
	assert_true(tpl_uses(t, "c"));
	assert_true(tpl_uses(t, "d"));
	assert_false(tpl_uses(t, "e"));	/* a comment is not a use */
	assert_false(tpl_uses(t, "f"));	/* nor is text */
	assert_true(tpl_uses(t, "g.h"));
	assert_false(tpl_uses(t, "g"));
	tpl_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_uses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
