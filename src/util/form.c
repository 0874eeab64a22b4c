/*
 * form.c - decoding application/x-www-form-urlencoded bodies.
 */
#include "util/form.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into "out" (NUL-terminated); -1 on a bad escape or a
 * NUL byte. */
static int decode(const char *s, size_t n, struct buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi, lo;

			if (i + 2 >= n)
				return -1;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = hi * 16 + lo;
			i += 2;
		}
		if (c == 0)
			return -1;
		{
			char ch = (char)c;

			buf_add(out, &ch, 1);
		}
	}
	buf_add(out, "", 0);
	return 0;
}

static int good_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > FORM_MAX_NAME)
		return 0;
	for (; *s; s++)
		if (*s < 0x21 || *s > 0x7e)
			return 0;
	return 1;
}

static void put(json_t *form, const char *name, const char *value)
{
	json_t *old = json_object_get(form, name);

	if (!old) {
		json_object_set_new(form, name, json_string(value));
	} else if (json_is_array(old)) {
		json_array_append_new(old, json_string(value));
	} else {
		json_t *list = json_array();

		json_array_append(list, old);
		json_array_append_new(list, json_string(value));
		json_object_set_new(form, name, list);
	}
}

json_t *form_parse(const char *body, size_t len, struct rd_err *e)
{
	json_t *form = json_object();
	struct buf name = BUF_INIT, value = BUF_INIT;
	size_t i = 0, count = 0;

	while (i < len) {
		size_t end = i, eq;

		while (end < len && body[end] != '&')
			end++;
		if (end == i) {
			i++;
			continue;
		}
		for (eq = i; eq < end && body[eq] != '='; eq++)
			;
		if (++count > FORM_MAX_FIELDS) {
			err_set(e, RD_EINVAL, "", NULL, "the form has more than %d fields",
				FORM_MAX_FIELDS);
			goto fail;
		}
		if (decode(body + i, eq - i, &name) || !good_name(name.s)) {
			err_set(e, RD_EINVAL, "", NULL, "the form has a field whose name is not valid");
			goto fail;
		}
		if (decode(body + eq + (eq < end), end - eq - (eq < end), &value)) {
			err_set(e, RD_EINVAL, name.s, NULL,
				"%s: a value has a bad %%-escape or a NUL byte", name.s);
			goto fail;
		}
		{
			json_t *v = json_string(value.s);

			if (!v) {
				err_set(e, RD_EINVAL, name.s, NULL, "%s is not valid UTF-8 text",
					name.s);
				goto fail;
			}
			json_decref(v);
		}
		put(form, name.s, value.s);
		i = end + 1;
	}
	buf_free(&name);
	buf_free(&value);
	return form;
fail:
	buf_free(&name);
	buf_free(&value);
	json_decref(form);
	return NULL;
}

/* Finds "needle" (n bytes) in hay[0..len); NULL if absent. */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
	if (n == 0 || len < n)
		return NULL;
	for (size_t i = 0; i + n <= len; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, n))
			return hay + i;
	return NULL;
}

/* The value of parameter "key" (name="...") in a header line; 0 or -1. */
static int header_param(const char *line, size_t len, const char *key, char *out, size_t n)
{
	char pat[32];
	const char *p, *end;
	size_t plen;

	snprintf(pat, sizeof(pat), " %s=\"", key);
	plen = strlen(pat);
	p = find(line, len, pat, plen);
	if (!p) {
		snprintf(pat, sizeof(pat), ";%s=\"", key);
		p = find(line, len, pat, strlen(pat));
	}
	if (!p)
		return -1;
	p += strlen(pat);
	end = memchr(p, '"', len - (size_t)(p - line));
	if (!end || (size_t)(end - p) >= n)
		return -1;
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
	return 0;
}

json_t *form_multipart(const char *body, size_t len, const char *ctype, struct rd_err *e)
{
	char delim[96];
	const char *b, *p, *end = body + len;
	size_t dlen, count = 0;
	json_t *form;

	b = ctype ? strstr(ctype, "boundary=") : NULL;
	if (!b || strlen(b + 9) == 0 || strlen(b + 9) > 70) {
		err_set(e, RD_EINVAL, "", NULL, "the upload names no boundary (multipart/form-data)");
		return NULL;
	}
	b += 9;
	if (*b == '"')
		b++;
	snprintf(delim, sizeof(delim), "--%.*s", (int)strcspn(b, "\"; "), b);
	dlen = strlen(delim);
	form = json_object();
	p = find(body, len, delim, dlen);
	while (p) {
		const char *head, *head_end, *data, *next;
		char name[FORM_MAX_NAME + 1], file[256];
		json_t *v;

		p += dlen;
		if ((size_t)(end - p) >= 2 && !memcmp(p, "--", 2))
			return form;	/* the closing delimiter */
		if ((size_t)(end - p) < 2 || memcmp(p, "\r\n", 2))
			break;
		head = p + 2;
		head_end = find(head, (size_t)(end - head), "\r\n\r\n", 4);
		if (!head_end)
			break;
		data = head_end + 4;
		next = find(data, (size_t)(end - data), delim, dlen);
		if (!next || next - data < 2 || ++count > FORM_MAX_FIELDS)
			break;
		if (header_param(head, (size_t)(head_end - head), "name", name, sizeof(name)) ||
		    !good_name(name))
			break;
		v = json_stringn(data, (size_t)(next - data) - 2);
		if (!v) {
			err_set(e, RD_EINVAL, name, NULL, "%s is not UTF-8 text", name);
			json_decref(form);
			return NULL;
		}
		json_object_set_new(form, name, v);
		if (!header_param(head, (size_t)(head_end - head), "filename", file, sizeof(file))) {
			char key[FORM_MAX_NAME + 16];

			snprintf(key, sizeof(key), "%s.filename", name);
			json_object_set_new(form, key, json_string(file));
		}
		p = next;
	}
	err_set(e, RD_EINVAL, "", NULL, "the upload is not well-formed multipart/form-data");
	json_decref(form);
	return NULL;
}

const char *form_str(const json_t *form, const char *name)
{
	const json_t *v = json_object_get(form, name);

	if (json_is_array(v))
		v = json_array_get(v, json_array_size(v) - 1);
	return json_string_value(v);
}
