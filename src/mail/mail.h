/*
 * mail.h - mail arriving at the complaints mailbox.
 *
 * mail_parse() reads one RFC 5322 message safely: any bytes in, either a
 * message or a clear reason it is malformed out.  It keeps From (name and
 * address), Subject and the display name decoded from RFC 2047 words,
 * Date, Message-ID, the text of the message (a text/plain part, else a
 * text/html part with its tags taken out; quoted-printable and base64
 * decoded, Latin-1 turned into UTF-8, anything else not UTF-8 replaced)
 * and the file names of its attachments, through multipart messages
 * nested up to MAIL_MAX_DEPTH deep.
 *
 * mail_intake() takes every message waiting in a Maildir's new/ folder:
 * one that carries a complaint's reference (in the subject, else the
 * body) becomes correspondence on that complaint; any other becomes an
 * item to triage; a message already taken (the same Message-ID) is not
 * recorded twice.  Each file taken is moved to cur/; a malformed one is
 * moved to parked/ beside a NAME.why file that says what was wrong.
 */
#ifndef REDRESS_MAIL_MAIL_H
#define REDRESS_MAIL_MAIL_H

#include <jansson.h>
#include <stddef.h>

#include "store/record.h"
#include "util/err.h"

#define MAIL_MAX_SIZE (10u << 20)	/* bytes of one message */
#define MAIL_MAX_DEPTH 4		/* multipart inside multipart */
#define MAIL_MAX_ATTACHMENTS 64

struct mail_msg {
	char *from_name;	/* "" when none; at most 998 bytes */
	char *from_addr;	/* "ann@example.org" */
	char *subject;		/* "" when none; at most 998 bytes */
	char *date;		/* the Date header as written, or "" */
	char *message_id;	/* "<...>", or "" when the message has none */
	char *text;		/* the message's text, UTF-8 */
	char *attachments[MAIL_MAX_ATTACHMENTS];
	size_t nattachments;
	size_t size;		/* bytes of the whole message */
};

/* Parses "len" bytes; 0, or -1 with RD_EINVAL naming what is wrong (the
 * field is the header or part at fault).  mail_msg_free() either way. */
int mail_parse(const char *data, size_t len, struct mail_msg *m,
	       struct rd_err *e);
void mail_msg_free(struct mail_msg *m);

/* The first complaint reference (CMP-YYYY-NNNNNN) in "s" into "out" (at
 * least 16 bytes); 0 when there is one. */
int mail_find_reference(const char *s, char out[16]);

/* The message as the record keeps it: {"from", "from_name", "subject",
 * "date", "message_id", "text", "attachments", "reference", "key"}, where
 * "reference" is the complaint reference it carries (or absent) and "key"
 * what duplicates are known by (new reference). */
json_t *mail_to_json(const struct mail_msg *m, const char *raw, size_t len);

struct mail_intake_result {
	int correspondence, triage, duplicates, parked, failed;
	json_t *files;		/* [{"file", "outcome", ...}] (new reference) */
};

/* Takes every message in "dir"/new (see above).  -1 only when the Maildir
 * cannot be read; a message that fails is counted and left in new/ (a
 * database error) or parked (malformed). */
int mail_intake(struct rec *r, const char *dir, struct mail_intake_result *res,
		struct rd_err *e);

/* ---- the triage list ---- */

/* Triage items with "status" (open, assigned, dismissed; NULL all), newest
 * first: "*out" (new reference) is an array of the items' states. */
int mail_triage_list(struct rec *r, const char *status, json_t **out,
		     struct rd_err *e);

#endif
