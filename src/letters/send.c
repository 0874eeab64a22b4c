/*
 * send.c - issuing a letter: by email or to the print queue, recorded on
 * the case as correspondence in the same transaction.
 *
 * The correspondence is recorded first, inside a batch, then the letter
 * goes; if it cannot go the batch is rolled back, so the record never
 * claims a letter that was not sent.
 */
#include "letters/parts.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/json.h"

static void sha256_hex(const char *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)data, len);
	for (size_t i = 0; i < sizeof(h); i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* By email when that is the recipient's preference, or when they have
 * none and an email address; else by post. */
static int by_email(const struct letter *l, struct rd_err *e)
{
	const char *addr = js_str(l->data, "recipient_address");
	const char *who = js_str0(l->data, "recipient_name");

	if (!strcmp(l->method, "email")) {
		if (!l->email[0])
			return err_set(e, RD_EINVAL, "email", NULL,
				       "%s prefers email but has no email address recorded", who);
		return 1;
	}
	if (strcmp(l->method, "letter") && l->email[0])
		return 1;
	if (!addr || !*addr)
		return err_set(e, RD_EINVAL, "address", NULL,
			       "%s has no postal address to send the letter to%s", who,
			       l->email[0] ? " (and prefers letters to email)" : "");
	return 0;
}

static int write_file(const char *path, const char *data, size_t len,
		      struct rd_err *e)
{
	FILE *f = fopen(path, "wbx");

	if (!f)
		return err_set(e, RD_EIO, "print_queue", NULL, "cannot write %s: %s",
			       path, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fclose(f)) {
		unlink(path);
		return err_set(e, RD_EIO, "print_queue", NULL, "cannot write %s: %s",
			       path, strerror(errno));
	}
	return 0;
}

int letter_send(struct rec *r, const struct letter *l,
		struct letter_delivery *d, struct rd_err *e)
{
	const char *ref = js_str0(l->data, "reference");
	struct buf text = BUF_INIT, html = BUF_INIT, pdf = BUF_INIT;
	char subject[300], sha[65] = "", file[300] = "", stamp[20], name[120];
	json_t *in = NULL, *st = NULL;
	int email, rc = -1, y, m, dd;

	memset(d, 0, sizeof(*d));
	if (sodium_init() < 0)
		return err_set(e, RD_EIO, "", NULL, "libsodium cannot start");
	email = by_email(l, e);
	if (email < 0)
		return -1;
	if (letter_render(l, LETTER_TEXT, &text, e))
		goto out;
	if (!l->plain_text_only &&
	    ((email && letter_render(l, LETTER_HTML, &html, e)) ||
	     letter_render(l, LETTER_PDF, &pdf, e)))
		goto out;
	if (pdf.len)
		sha256_hex(pdf.s, pdf.len, sha);
	snprintf(subject, sizeof(subject), "%s (%s)", l->title, ref);
	date_to_ymd(r->today, &y, &m, &dd);
	snprintf(stamp, sizeof(stamp), "%04d%02d%02d", y, m, dd);
	if (email) {
		const char *at = strchr(js_str0(r->policy, "email"), '@');

		snprintf(d->method, sizeof(d->method), "email");
		snprintf(d->to, sizeof(d->to), "%s", l->email);
		snprintf(d->message_id, sizeof(d->message_id), "<%s.%s.%d.%s.%ld.%ld@%s>", ref,
			 letter_kind_name(l->kind), l->stage, stamp, (long)time(NULL),
			 (long)getpid(), at ? at + 1 : "redress.invalid");
		if (!getenv("REDRESS_SMTP_URL") || !*getenv("REDRESS_SMTP_URL")) {
			err_set(e, RD_EINVAL, "smtp", NULL,
				"no mail server to send by: set REDRESS_SMTP_URL (smtp://host:port)");
			goto out;
		}
		if (!at) {
			err_set(e, RD_EINVAL, "email", NULL,
				"the policy has no email for letters to come from: redress policy set email ADDRESS");
			goto out;
		}
	} else {
		const char *dir = getenv("REDRESS_PRINT_QUEUE");

		dir = dir && *dir ? dir : "print-queue";
		if (mkdir(dir, 0755) && errno != EEXIST) {
			err_set(e, RD_EIO, "print_queue", NULL, "cannot make the print queue %s: %s",
				dir, strerror(errno));
			goto out;
		}
		snprintf(d->method, sizeof(d->method), "post");
		snprintf(file, sizeof(file), "%s/%s-%s-stage%d-%s-%ld.%s", dir, ref,
			 letter_kind_name(l->kind), l->stage, stamp, (long)time(NULL),
			 pdf.len ? "pdf" : "txt");
		snprintf(d->to, sizeof(d->to), "%s", file);
	}

	in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s}",
		       "direction", "out", "party", js_str0(l->data, "recipient_name"),
		       "method", d->method, "summary", subject, "content", buf_str(&text),
		       "kind", letter_kind_name(l->kind), "to", d->to, "stage", l->stage,
		       "format", l->plain_text_only ? "text" : email ? "text, html and pdf" : "pdf",
		       "status", email ? "sent" : "queued_for_print");
	if (!in) {
		err_set(e, RD_EINVAL, "content", NULL, "the letter is not UTF-8 text");
		goto out;
	}
	if (sha[0])
		json_object_set_new(in, "sha256", json_string(sha));
	if (email)
		json_object_set_new(in, "message_id", json_string(d->message_id));
	if (rec_batch_begin(r, e))
		goto out;
	if (rec_complaint(r, ref, "correspondence", in, &st, e)) {
		rec_batch_rollback(r);
		goto out;
	}
	d->correspondence = (int)json_array_size(json_object_get(st, "correspondence"));
	if (!email) {
		json_t *q = json_pack("{s:s, s:i, s:s, s:i, s:s, s:s, s:s, s:s}", "reference", ref,
				      "correspondence", d->correspondence,
				      "kind", letter_kind_name(l->kind), "stage", l->stage,
				      "recipient", js_str0(l->data, "recipient_name"),
				      "address", js_str0(l->data, "recipient_address"),
				      "file", file, "format", pdf.len ? "pdf" : "text");

		rc = q ? rec_print(r, NULL, "queue", q, d->print_id, NULL, e)
		       : err_set(e, RD_EINVAL, "address", NULL, "the address is not UTF-8 text");
		json_decref(q);
		if (rc) {
			rec_batch_rollback(r);
			goto out;
		}
	}
	if (email) {
		struct letter_mail mail;

		memset(&mail, 0, sizeof(mail));
		mail.url = getenv("REDRESS_SMTP_URL");
		mail.from = js_str0(r->policy, "email");
		mail.from_name = js_str0(r->policy, "organisation");
		mail.to = l->email;
		mail.to_name = js_str0(l->data, "recipient_name");
		mail.subject = subject;
		mail.message_id = d->message_id;
		mail.text = buf_str(&text);
		mail.html = html.len ? buf_str(&html) : NULL;
		if (pdf.len) {
			snprintf(name, sizeof(name), "%s-%s.pdf", ref, letter_kind_name(l->kind));
			mail.attachment = pdf.s;
			mail.attachment_len = pdf.len;
			mail.attachment_name = name;
			mail.attachment_type = "application/pdf";
		}
		rc = letter_smtp_send(&mail, e);
	} else {
		rc = pdf.len ? write_file(file, pdf.s, pdf.len, e)
			     : write_file(file, text.s, text.len, e);
	}
	if (rc) {
		rec_batch_rollback(r);
		goto out;
	}
	rc = rec_batch_commit(r, e);
	if (rc && !email)
		unlink(file);
out:
	json_decref(in);
	json_decref(st);
	buf_free(&text);
	buf_free(&html);
	buf_free(&pdf);
	return rc;
}
