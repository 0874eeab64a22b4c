/*
 * smtp.c - one email over SMTP with libcurl: with libcurl's MIME API the
 * text and the HTML as multipart/alternative, and the PDF attached
 * (base64); or, for a recipient who reads plain text only, a single
 * text/plain message (quoted-printable).
 *
 * Header values come from the case (names, addresses), so any that holds
 * a line break is refused rather than sent, and a display name that is
 * not plain ASCII is left out (the address alone is a valid header).
 */
#include "letters/parts.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int header_safe(const char *s)
{
	return s && !strpbrk(s, "\r\n");
}

static int plain_name(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e || *s == '"' || *s == '\\')
			return 0;
	return s != NULL;
}

static struct curl_slist *header(struct curl_slist *h, const char *name,
				 const char *display, const char *addr)
{
	char line[700];

	if (display && *display && plain_name(display))
		snprintf(line, sizeof(line), "%s: \"%s\" <%s>", name, display, addr);
	else
		snprintf(line, sizeof(line), "%s: <%s>", name, addr);
	return curl_slist_append(h, line);
}

/* Appends "s" as quoted-printable (RFC 2045): lines end CRLF, soft
 * breaks keep every line within 76 characters. */
static void quoted_printable(struct buf *b, const char *s)
{
	int col = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char enc[4];
		int lit = (c >= 33 && c <= 126 && c != '=') ||
			  ((c == ' ' || c == '\t') && s[1] && s[1] != '\n');

		if (c == '\n') {
			buf_puts(b, "\r\n");
			col = 0;
			continue;
		}
		if (lit)
			enc[0] = (char)c, enc[1] = '\0';
		else
			snprintf(enc, sizeof(enc), "=%02X", c);
		if (col + (int)strlen(enc) > 75) {
			buf_puts(b, "=\r\n");
			col = 0;
		}
		buf_puts(b, enc);
		col += (int)strlen(enc);
	}
	if (col)
		buf_puts(b, "\r\n");
}

struct reader {
	const char *p;
	size_t left;
};

static size_t read_out(char *to, size_t size, size_t n, void *arg)
{
	struct reader *rd = arg;
	size_t k = size * n < rd->left ? size * n : rd->left;

	memcpy(to, rd->p, k);
	rd->p += k;
	rd->left -= k;
	return k;
}

int letter_smtp_send(const struct letter_mail *m, struct rd_err *e)
{
	CURL *c;
	curl_mime *mime = NULL, *alt = NULL;
	curl_mimepart *part;
	struct curl_slist *rcpt = NULL, *h = NULL;
	struct buf plain = BUF_INIT;
	struct reader rd;
	char line[700], date[64], from[300];
	time_t now = time(NULL);
	struct tm tm;
	CURLcode res;

	if (!header_safe(m->from) || !header_safe(m->to) || !header_safe(m->subject) ||
	    !header_safe(m->message_id) || (m->to_name && !header_safe(m->to_name)) ||
	    (m->from_name && !header_safe(m->from_name)) || !strchr(m->to, '@') ||
	    !strchr(m->from, '@'))
		return err_set(e, RD_EINVAL, "email", NULL,
			       "the email address or subject is not fit to send: an address needs an @ and no line breaks");
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(c = curl_easy_init()))
		return err_set(e, RD_EIO, "smtp", NULL, "cannot start libcurl");
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "Date: %a, %d %b %Y %H:%M:%S +0000", &tm);
	h = curl_slist_append(h, date);
	h = header(h, "From", m->from_name, m->from);
	h = header(h, "To", m->to_name, m->to);
	snprintf(line, sizeof(line), "Subject: %s", m->subject);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "Message-ID: %s", m->message_id);
	h = curl_slist_append(h, line);
	h = curl_slist_append(h, "MIME-Version: 1.0");
	snprintf(line, sizeof(line), "<%s>", m->to);
	rcpt = curl_slist_append(rcpt, line);
	snprintf(from, sizeof(from), "<%s>", m->from);

	if (!m->html && !m->attachment) {
		/* Text alone: one text/plain message, not a multipart one. */
		struct curl_slist *x;

		for (x = h; x; x = x->next) {
			buf_puts(&plain, x->data);
			buf_puts(&plain, "\r\n");
		}
		buf_puts(&plain, "Content-Type: text/plain; charset=utf-8\r\n"
			 "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
		quoted_printable(&plain, m->text);
		rd.p = plain.s;
		rd.left = plain.len;
		curl_easy_setopt(c, CURLOPT_READFUNCTION, read_out);
		curl_easy_setopt(c, CURLOPT_READDATA, &rd);
		curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
		goto send;
	}
	mime = curl_mime_init(c);
	if (m->html) {
		alt = curl_mime_init(c);
		part = curl_mime_addpart(alt);
		curl_mime_data(part, m->text, CURL_ZERO_TERMINATED);
		curl_mime_type(part, "text/plain; charset=utf-8");
		curl_mime_encoder(part, "quoted-printable");
		part = curl_mime_addpart(alt);
		curl_mime_data(part, m->html, CURL_ZERO_TERMINATED);
		curl_mime_type(part, "text/html; charset=utf-8");
		curl_mime_encoder(part, "quoted-printable");
		part = curl_mime_addpart(mime);
		curl_mime_subparts(part, alt);
		curl_mime_type(part, "multipart/alternative");
	} else {
		part = curl_mime_addpart(mime);
		curl_mime_data(part, m->text, CURL_ZERO_TERMINATED);
		curl_mime_type(part, "text/plain; charset=utf-8");
		curl_mime_encoder(part, "quoted-printable");
	}
	if (m->attachment) {
		part = curl_mime_addpart(mime);
		curl_mime_data(part, m->attachment, m->attachment_len);
		curl_mime_type(part, m->attachment_type);
		curl_mime_filename(part, m->attachment_name);
		curl_mime_encoder(part, "base64");
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
send:
	curl_easy_setopt(c, CURLOPT_URL, m->url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	res = curl_easy_perform(c);
	curl_easy_cleanup(c);
	curl_mime_free(mime);
	curl_slist_free_all(rcpt);
	curl_slist_free_all(h);
	buf_free(&plain);
	if (res != CURLE_OK)
		return err_set(e, RD_EIO, "smtp", NULL,
			       "the mail server at %s did not take the letter: %s", m->url,
			       curl_easy_strerror(res));
	return 0;
}
