/*
 * fuzz_mail.c - any bytes as a message from the complaints mailbox: the
 * parser returns a message or a clear reason; a message it returns has a
 * From address, valid UTF-8 text without NUL or control characters other
 * than tab and newline (what the record accepts), and makes a record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mail.h"

static void check_text(const char *s, int multiline)
{
	json_t *j;

	if (!s)
		abort();
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 32 && *p != '\t' && !(multiline && *p == '\n')) || *p == 127)
			abort();
	/* jansson refuses what is not UTF-8 */
	j = json_string(s);
	if (!j)
		abort();
	json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mail_msg m;
	struct rd_err e;
	json_t *j;

	if (mail_parse((const char *)data, size, &m, &e)) {
		if (!e.msg[0] || !e.field[0])
			abort();
		mail_msg_free(&m);
		return 0;
	}
	if (!m.from_addr || !strchr(m.from_addr, '@'))
		abort();
	check_text(m.from_name, 0);
	check_text(m.subject, 0);
	check_text(m.date, 0);
	check_text(m.message_id, 0);
	check_text(m.text, 1);
	if (strlen(m.text) > 20000 || strlen(m.subject) > 998 || strlen(m.from_name) > 998)
		abort();
	for (size_t i = 0; i < m.nattachments; i++) {
		check_text(m.attachments[i], 0);
		/* a name, never a path ("(unnamed image/png)" says what it is) */
		if ((strchr(m.attachments[i], '/') && strncmp(m.attachments[i], "(unnamed ", 9)) ||
		    !*m.attachments[i])
			abort();
	}
	j = mail_to_json(&m, (const char *)data, size);
	if (!j)
		abort();
	json_decref(j);
	mail_msg_free(&m);
	return 0;
}
