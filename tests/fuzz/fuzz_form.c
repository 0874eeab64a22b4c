/*
 * fuzz_form.c - any bytes as a form body, urlencoded and multipart: the
 * parser returns fields or a clear error; every field it returns, encoded
 * again, parses back to the same value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/form.h"

static void encode(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			buf_add(b, s, 1);
		else
			buf_printf(b, "%%%02X", c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_err e;
	json_t *f = form_parse((const char *)data, size, &e), *v, *g;
	const char *k;

	if (f) {
		json_object_foreach(f, k, v) {
			struct buf b = BUF_INIT;
			const char *want = form_str(f, k);

			encode(&b, k);
			buf_puts(&b, "=");
			encode(&b, want);
			g = form_parse(b.s, b.len, &e);
			if (!g || strcmp(form_str(g, k), want))
				abort();
			json_decref(g);
			buf_free(&b);
		}
		json_decref(f);
	} else if (e.kind != RD_EINVAL || !e.msg[0]) {
		abort();
	}
	f = form_multipart((const char *)data, size, "multipart/form-data; boundary=b", &e);
	json_decref(f);
	return 0;
}
