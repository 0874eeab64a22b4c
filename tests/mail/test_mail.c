/*
 * test_mail.c - src/mail/parse.c: headers (folded, encoded words in
 * Subject and the From name), addresses in their several forms,
 * quoted-printable and base64 text, Latin-1 made UTF-8, multipart
 * messages with attachments (nested, RFC 2231 names, no closing
 * delimiter), HTML-only mail, references found, and every malformed
 * message refused with its reason.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mail.h"
#include "util/buf.h"

static void parse_ok(const char *raw, struct mail_msg *m)
{
	struct rd_err e;

	err_clear(&e);
	if (mail_parse(raw, strlen(raw), m, &e))
		fail_msg("refused: %s", e.msg);
}

static void test_headers(void **state)
{
	struct mail_msg m;

	(void)state;
	parse_ok("Return-Path: <x@y>\r\n"
		 "From: \"Lee, Ann\" <ann@example.org>\r\n"
		 "Subject: =?UTF-8?B?Q2Fmw6k=?= =?UTF-8?Q?_r=C3=B4le?= and\r\n"
		 " more\r\n"
		 "Date:  Mon, 23 Nov 2026 10:00:00 +0000 \r\n"
		 "Message-ID: <a.b@example.org> (comment)\r\n"
		 "\r\n"
		 "Hello\r\nthere\r\n", &m);
	assert_string_equal(m.from_addr, "ann@example.org");
	assert_string_equal(m.from_name, "Lee, Ann");
	/* "Café" and " rôle" joined (the space between encoded words goes),
	 * then the unfolded " and more" */
	assert_string_equal(m.subject, "Caf\xc3\xa9 r\xc3\xb4le and more");
	assert_string_equal(m.date, "Mon, 23 Nov 2026 10:00:00 +0000");
	assert_string_equal(m.message_id, "<a.b@example.org>");
	assert_string_equal(m.text, "Hello\nthere");
	assert_int_equal(m.nattachments, 0);
	mail_msg_free(&m);
}

static void test_from_forms(void **state)
{
	static const struct {
		const char *from, *addr, *name;
	} cases[] = {
		{ "ann@example.org", "ann@example.org", "" },
		{ "ann@example.org (Ann Lee)", "ann@example.org", "Ann Lee" },
		{ "Ann Lee <ann@example.org>", "ann@example.org", "Ann Lee" },
		{ "=?iso-8859-1?Q?Ren=E9e?= <r@example.org>", "r@example.org", "Ren\xc3\xa9" "e" },
		{ "\"O\\\"Neil\" <o@example.org>", "o@example.org", "O\"Neil" },
	};
	char raw[300];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mail_msg m;

		snprintf(raw, sizeof(raw), "From: %s\nSubject: x\n\nbody\n", cases[i].from);
		parse_ok(raw, &m);
		assert_string_equal(m.from_addr, cases[i].addr);
		assert_string_equal(m.from_name, cases[i].name);
		assert_string_equal(m.message_id, "");
		mail_msg_free(&m);
	}
}

static void test_encodings(void **state)
{
	struct mail_msg m;

	(void)state;
	parse_ok("From: a@b.c\nContent-Type: text/plain; charset=utf-8\n"
		 "Content-Transfer-Encoding: quoted-printable\n\n"
		 "Caf=C3=A9 is =\nopen =3D yes\n", &m);
	assert_string_equal(m.text, "Caf\xc3\xa9 is open = yes");
	mail_msg_free(&m);
	/* "Hello world" in base64, with a line break inside */
	parse_ok("From: a@b.c\nContent-Transfer-Encoding: base64\n\nSGVsbG8g\nd29ybGQ=\n", &m);
	assert_string_equal(m.text, "Hello world");
	mail_msg_free(&m);
	/* Latin-1 "é" (0xE9) becomes UTF-8 C3 A9; a stray byte in UTF-8
	 * text becomes U+FFFD */
	parse_ok("From: a@b.c\nContent-Type: text/plain; charset=\"ISO-8859-1\"\n\nd\xe9j\xe0\n", &m);
	assert_string_equal(m.text, "d\xc3\xa9j\xc3\xa0");
	mail_msg_free(&m);
	parse_ok("From: a@b.c\n\nbad \xff byte\n", &m);
	assert_string_equal(m.text, "bad \xef\xbf\xbd byte");
	mail_msg_free(&m);
}

static void test_multipart(void **state)
{
	struct mail_msg m;

	(void)state;
	parse_ok("From: Ann <ann@example.org>\n"
		 "Subject: Re: your complaint CMP-2026-000123\n"
		 "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
		 "This is a MIME message.\n"
		 "--outer\n"
		 "Content-Type: multipart/alternative; boundary=inner\n\n"
		 "--inner\n"
		 "Content-Type: text/plain\n\n"
		 "Plain words.\n"
		 "--inner\n"
		 "Content-Type: text/html\n\n"
		 "<p>HTML words</p>\n"
		 "--inner--\n"
		 "--outer\n"
		 "Content-Type: application/pdf; name=\"letter.pdf\"\n"
		 "Content-Transfer-Encoding: base64\n\n"
		 "JVBERi0=\n"
		 "--outer\n"
		 "Content-Type: image/png\n"
		 "Content-Disposition: attachment; filename*=utf-8''damp%20wall.png\n\n"
		 "xx\n"
		 "--outer\n"
		 "Content-Type: text/plain\n"
		 "Content-Disposition: attachment; filename=\"../../etc/notes.txt\"\n\n"
		 "a note\n"
		 "--outer\n"
		 "Content-Type: image/gif\n\n"
		 "GIF\n"
		 "--outer--\n"
		 "epilogue\n", &m);
	assert_string_equal(m.text, "Plain words.");
	assert_int_equal(m.nattachments, 4);
	assert_string_equal(m.attachments[0], "letter.pdf");
	assert_string_equal(m.attachments[1], "damp wall.png");
	assert_string_equal(m.attachments[2], "notes.txt");	/* no path */
	assert_string_equal(m.attachments[3], "(unnamed image/gif)");
	{
		char ref[16];

		assert_int_equal(mail_find_reference(m.subject, ref), 0);
		assert_string_equal(ref, "CMP-2026-000123");
	}
	mail_msg_free(&m);

	/* HTML only, and no closing delimiter */
	parse_ok("From: a@b.c\nContent-Type: multipart/alternative; boundary=b\n\n"
		 "--b\nContent-Type: text/html\n\n"
		 "<html><style>p{x}</style><p>Tom &amp; Jerry</p><p>CMP-2026-000007 here</p>\n", &m);
	assert_string_equal(m.text, "Tom & Jerry\nCMP-2026-000007 here");
	mail_msg_free(&m);
}

static void test_limits(void **state)
{
	struct buf raw = BUF_INIT;
	struct mail_msg m;

	(void)state;
	/* a 3,000-byte subject of two-byte characters: cut to 998 bytes, at
	 * a character boundary (499 characters) */
	buf_puts(&raw, "From: a@b.c\nSubject: ");
	for (int i = 0; i < 1500; i++)
		buf_puts(&raw, "\xc3\xa9");
	buf_puts(&raw, "\n\n");
	/* 30,000 bytes of text: kept to 19,000 and a note */
	for (int i = 0; i < 3000; i++)
		buf_puts(&raw, "abcdefghi\n");
	parse_ok(buf_str(&raw), &m);
	assert_int_equal(strlen(m.subject), 998);
	assert_true(strlen(m.text) < 20000);
	assert_non_null(strstr(m.text, "[The rest of the message is longer than Redress keeps.]"));
	mail_msg_free(&m);
	buf_free(&raw);
}

static void test_references(void **state)
{
	char ref[16];

	(void)state;
	assert_int_equal(mail_find_reference("about CMP-2026-000001.", ref), 0);
	assert_string_equal(ref, "CMP-2026-000001");
	/* too many digits, too few, a letter before: none */
	assert_int_equal(mail_find_reference("CMP-2026-0000012", ref), -1);
	assert_int_equal(mail_find_reference("CMP-2026-00001", ref), -1);
	assert_int_equal(mail_find_reference("XCMP-2026-000001", ref), -1);
	assert_int_equal(mail_find_reference("CMP-2026-00001 then CMP-2025-000002", ref), 0);
	assert_string_equal(ref, "CMP-2025-000002");
	assert_int_equal(mail_find_reference(NULL, ref), -1);
}

static void test_malformed(void **state)
{
	static const struct {
		const char *raw, *field, *says;
	} cases[] = {
		{ "", "message", "empty" },
		{ "Subject: hi\n\nbody\n", "From", "no From header" },
		{ "From: Ann Lee\n\nbody\n", "From", "no email address" },
		{ "From: <@example.org>\n\nbody\n", "From", "no email address" },
		{ "From: a@b.c\nthis is not a header\n\nbody\n", "headers", "line 2" },
		{ " folded: first\nFrom: a@b.c\n\n", "headers", "continuation" },
		{ "From: a@b.c\nBad Name: x\n\n", "headers", "space" },
		{ "From: a@b.c\nContent-Type: multipart/mixed\n\n--x\n\nhi\n", "Content-Type", "boundary" },
		{ "From: a@b.c\nContent-Type: multipart/mixed; boundary=q\n\nno parts here\n",
		  "Content-Type", "no part" },
		{ "From: a@b.c\nContent-Type: multipart/mixed; boundary=a\n\n--a\n"
		  "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
		  "Content-Type: multipart/mixed; boundary=c\n\n--c\n"
		  "Content-Type: multipart/mixed; boundary=d\n\n--d\n"
		  "Content-Type: multipart/mixed; boundary=e\n\n--e\n\nx\n", "Content-Type", "nested" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mail_msg m;
		struct rd_err e;

		err_clear(&e);
		if (!mail_parse(cases[i].raw, strlen(cases[i].raw), &m, &e))
			fail_msg("case %zu was taken", i);
		assert_string_equal(e.field, cases[i].field);
		if (!strstr(e.msg, cases[i].says))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, cases[i].says);
		mail_msg_free(&m);
	}
	{
		/* a NUL byte in the headers */
		static const char raw[] = "From: a@b.c\nX: a\0b\n\nbody";
		struct mail_msg m;
		struct rd_err e;

		assert_int_equal(mail_parse(raw, sizeof(raw) - 1, &m, &e), -1);
		assert_non_null(strstr(e.msg, "NUL"));
		mail_msg_free(&m);
	}
}

static void test_to_json(void **state)
{
	static const char a[] = "From: a@b.c\nMessage-ID: <1@b.c>\n\nfirst\n";
	static const char b[] = "From: a@b.c\nMessage-ID: <1@b.c>\n\nresent, other bytes\n";
	static const char c[] = "From: a@b.c\n\nno id CMP-2026-000004\n";
	struct mail_msg m;
	json_t *ja, *jb, *jc;

	(void)state;
	parse_ok(a, &m);
	ja = mail_to_json(&m, a, strlen(a));
	mail_msg_free(&m);
	parse_ok(b, &m);
	jb = mail_to_json(&m, b, strlen(b));
	mail_msg_free(&m);
	parse_ok(c, &m);
	jc = mail_to_json(&m, c, strlen(c));
	mail_msg_free(&m);
	/* one Message-ID, one key, whatever the bytes */
	assert_string_equal(json_string_value(json_object_get(ja, "key")),
			    json_string_value(json_object_get(jb, "key")));
	assert_int_equal(strncmp(json_string_value(json_object_get(ja, "key")), "id-", 3), 0);
	assert_int_equal(strncmp(json_string_value(json_object_get(jc, "key")), "sha-", 4), 0);
	assert_null(json_object_get(ja, "reference"));
	assert_string_equal(json_string_value(json_object_get(jc, "reference")), "CMP-2026-000004");
	json_decref(ja);
	json_decref(jb);
	json_decref(jc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_from_forms),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_to_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
