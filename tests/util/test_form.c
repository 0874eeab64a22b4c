/*
 * test_form.c - src/util/form.c: HTML form bodies.  Every expected value
 * is written out by hand from the HTML specification's encoding
 * (application/x-www-form-urlencoded: "+" is a space, "%XX" a byte) and
 * RFC 7578 (multipart/form-data).
 */
#include "testutil.h"

#include <string.h>

#include <jansson.h>

#include "util/form.h"

static json_t *parse(const char *s)
{
	struct rd_err e;

	return form_parse(s, strlen(s), &e);
}

static void decodes_escapes_and_plus(void **state)
{
	json_t *f = parse("name=Dana+Okafor&note=50%25+off%21&empty=&amp=%26%3D");

	(void)state;
	assert_non_null(f);
	assert_string_equal(form_str(f, "name"), "Dana Okafor");
	assert_string_equal(form_str(f, "note"), "50% off!");
	assert_string_equal(form_str(f, "empty"), "");
	assert_string_equal(form_str(f, "amp"), "&=");
	assert_null(form_str(f, "missing"));
	json_decref(f);
}

static void utf8_and_names_with_dots(void **state)
{
	/* "£5" is C2 A3 35 in UTF-8. */
	json_t *f = parse("definition.summary=%C2%A35&decisions.0.reasons=ok");

	(void)state;
	assert_non_null(f);
	assert_string_equal(form_str(f, "definition.summary"), "\xc2\xa3" "5");
	assert_string_equal(form_str(f, "decisions.0.reasons"), "ok");
	json_decref(f);
}

static void repeated_names_become_a_list(void **state)
{
	json_t *f = parse("formats=large_print&x=1&formats=easy_read");
	json_t *l;

	(void)state;
	assert_non_null(f);
	l = json_object_get(f, "formats");
	assert_true(json_is_array(l));
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(json_string_value(json_array_get(l, 0)), "large_print");
	assert_string_equal(json_string_value(json_array_get(l, 1)), "easy_read");
	/* form_str gives the last */
	assert_string_equal(form_str(f, "formats"), "easy_read");
	json_decref(f);
}

static void skips_empty_pairs(void **state)
{
	json_t *f = parse("&&a=1&&b&");

	(void)state;
	assert_non_null(f);
	assert_string_equal(form_str(f, "a"), "1");
	assert_string_equal(form_str(f, "b"), "");
	assert_int_equal(json_object_size(f), 2);
	json_decref(f);
}

static void refuses_malformed(void **state)
{
	static const char *const bad[] = {
		"a=%G1",		/* not hex */
		"a=%4",			/* cut short */
		"a=%",
		"a=x%00y",		/* a NUL byte */
		"=nameless",		/* an empty name */
		"na%20me=1",		/* a space in a name */
		"a=%FF%FE",		/* not UTF-8 */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=1", /* 65 */
		NULL
	};
	struct rd_err e;
	json_t *ok;

	(void)state;
	for (int i = 0; bad[i]; i++) {
		err_clear(&e);
		assert_null(form_parse(bad[i], strlen(bad[i]), &e));
		assert_int_equal(e.kind, RD_EINVAL);
		assert_true(strlen(e.msg) > 0);
	}
	/* A 64-byte name is fine. */
	ok = parse("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=1");
	assert_non_null(ok);
	json_decref(ok);
}

static void refuses_too_many_fields(void **state)
{
	char body[FORM_MAX_FIELDS * 4 + 8];
	struct rd_err e;
	size_t n = 0;

	(void)state;
	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		n += (size_t)snprintf(body + n, sizeof(body) - n, "a=1&");
	err_clear(&e);
	assert_null(form_parse(body, n, &e));
	assert_int_equal(e.kind, RD_EINVAL);
	assert_non_null(strstr(e.msg, "more than"));
}

static void multipart_with_a_file(void **state)
{
	static const char body[] =
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
		"abc\r\n"
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"file\"; filename=\"bank-holidays.json\"\r\n"
		"Content-Type: application/json\r\n\r\n"
		"{\"a\":\r\n1}\r\n"
		"--XyZ--\r\n";
	struct rd_err e;
	json_t *f;

	(void)state;
	f = form_multipart(body, sizeof(body) - 1, "multipart/form-data; boundary=XyZ", &e);
	assert_non_null(f);
	assert_string_equal(form_str(f, "csrf"), "abc");
	assert_string_equal(form_str(f, "file"), "{\"a\":\r\n1}");
	assert_string_equal(form_str(f, "file.filename"), "bank-holidays.json");
	json_decref(f);
	/* A quoted boundary. */
	f = form_multipart(body, sizeof(body) - 1, "multipart/form-data; boundary=\"XyZ\"", &e);
	assert_non_null(f);
	json_decref(f);
}

static void multipart_refuses_malformed(void **state)
{
	static const char cut[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing delimiter";
	static const char noname[] =
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n";
	struct rd_err e;

	(void)state;
	err_clear(&e);
	assert_null(form_multipart(cut, sizeof(cut) - 1, "multipart/form-data; boundary=XyZ", &e));
	assert_int_equal(e.kind, RD_EINVAL);
	assert_null(form_multipart(noname, sizeof(noname) - 1, "multipart/form-data; boundary=XyZ", &e));
	assert_null(form_multipart(noname, sizeof(noname) - 1, "multipart/form-data", &e));
	assert_non_null(strstr(e.msg, "boundary"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_escapes_and_plus),
		cmocka_unit_test(utf8_and_names_with_dots),
		cmocka_unit_test(repeated_names_become_a_list),
		cmocka_unit_test(skips_empty_pairs),
		cmocka_unit_test(refuses_malformed),
		cmocka_unit_test(refuses_too_many_fields),
		cmocka_unit_test(multipart_with_a_file),
		cmocka_unit_test(multipart_refuses_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
