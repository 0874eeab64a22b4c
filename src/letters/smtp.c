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

#include "util/dl.h"

/* libcurl, loaded on the first email (util/dl.h) */
static __typeof__(curl_global_init) *p_curl_global_init;
static __typeof__(curl_easy_init) *p_curl_easy_init;
static __typeof__(curl_easy_setopt) *p_curl_easy_setopt;
static __typeof__(curl_easy_perform) *p_curl_easy_perform;
static __typeof__(curl_easy_cleanup) *p_curl_easy_cleanup;
static __typeof__(curl_easy_strerror) *p_curl_easy_strerror;
static __typeof__(curl_mime_init) *p_curl_mime_init;
static __typeof__(curl_mime_addpart) *p_curl_mime_addpart;
static __typeof__(curl_mime_data) *p_curl_mime_data;
static __typeof__(curl_mime_type) *p_curl_mime_type;
static __typeof__(curl_mime_encoder) *p_curl_mime_encoder;
static __typeof__(curl_mime_subparts) *p_curl_mime_subparts;
static __typeof__(curl_mime_filename) *p_curl_mime_filename;
static __typeof__(curl_mime_free) *p_curl_mime_free;
static __typeof__(curl_slist_append) *p_curl_slist_append;
static __typeof__(curl_slist_free_all) *p_curl_slist_free_all;
static void **const curl_fns[] = {
	(void **)&p_curl_global_init,
	(void **)&p_curl_easy_init,
	(void **)&p_curl_easy_setopt,
	(void **)&p_curl_easy_perform,
	(void **)&p_curl_easy_cleanup,
	(void **)&p_curl_easy_strerror,
	(void **)&p_curl_mime_init,
	(void **)&p_curl_mime_addpart,
	(void **)&p_curl_mime_data,
	(void **)&p_curl_mime_type,
	(void **)&p_curl_mime_encoder,
	(void **)&p_curl_mime_subparts,
	(void **)&p_curl_mime_filename,
	(void **)&p_curl_mime_free,
	(void **)&p_curl_slist_append,
	(void **)&p_curl_slist_free_all,
};
static const char *const curl_names[] = {
	"curl_global_init",
	"curl_easy_init",
	"curl_easy_setopt",
	"curl_easy_perform",
	"curl_easy_cleanup",
	"curl_easy_strerror",
	"curl_mime_init",
	"curl_mime_addpart",
	"curl_mime_data",
	"curl_mime_type",
	"curl_mime_encoder",
	"curl_mime_subparts",
	"curl_mime_filename",
	"curl_mime_free",
	"curl_slist_append",
	"curl_slist_free_all",
};
static struct dl_lib curl = {
	"libcurl.so.4", "sending email", curl_names, curl_fns,
	sizeof(curl_names) / sizeof(curl_names[0]), 0
};

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
	return p_curl_slist_append(h, line);
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
	if (dl_bind(&curl, e))
		return -1;
	if (p_curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(c = p_curl_easy_init()))
		return err_set(e, RD_EIO, "smtp", NULL, "cannot start libcurl");
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "Date: %a, %d %b %Y %H:%M:%S +0000", &tm);
	h = p_curl_slist_append(h, date);
	h = header(h, "From", m->from_name, m->from);
	h = header(h, "To", m->to_name, m->to);
	snprintf(line, sizeof(line), "Subject: %s", m->subject);
	h = p_curl_slist_append(h, line);
	snprintf(line, sizeof(line), "Message-ID: %s", m->message_id);
	h = p_curl_slist_append(h, line);
	h = p_curl_slist_append(h, "MIME-Version: 1.0");
	snprintf(line, sizeof(line), "<%s>", m->to);
	rcpt = p_curl_slist_append(rcpt, line);
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
		p_curl_easy_setopt(c, CURLOPT_READFUNCTION, read_out);
		p_curl_easy_setopt(c, CURLOPT_READDATA, &rd);
		p_curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
		goto send;
	}
	mime = p_curl_mime_init(c);
	if (m->html) {
		alt = p_curl_mime_init(c);
		part = p_curl_mime_addpart(alt);
		p_curl_mime_data(part, m->text, CURL_ZERO_TERMINATED);
		p_curl_mime_type(part, "text/plain; charset=utf-8");
		p_curl_mime_encoder(part, "quoted-printable");
		part = p_curl_mime_addpart(alt);
		p_curl_mime_data(part, m->html, CURL_ZERO_TERMINATED);
		p_curl_mime_type(part, "text/html; charset=utf-8");
		p_curl_mime_encoder(part, "quoted-printable");
		part = p_curl_mime_addpart(mime);
		p_curl_mime_subparts(part, alt);
		p_curl_mime_type(part, "multipart/alternative");
	} else {
		part = p_curl_mime_addpart(mime);
		p_curl_mime_data(part, m->text, CURL_ZERO_TERMINATED);
		p_curl_mime_type(part, "text/plain; charset=utf-8");
		p_curl_mime_encoder(part, "quoted-printable");
	}
	if (m->attachment) {
		part = p_curl_mime_addpart(mime);
		p_curl_mime_data(part, m->attachment, m->attachment_len);
		p_curl_mime_type(part, m->attachment_type);
		p_curl_mime_filename(part, m->attachment_name);
		p_curl_mime_encoder(part, "base64");
	}
	p_curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	p_curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
send:
	p_curl_easy_setopt(c, CURLOPT_URL, m->url);
	p_curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	p_curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	p_curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	p_curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	p_curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	res = p_curl_easy_perform(c);
	p_curl_easy_cleanup(c);
	p_curl_mime_free(mime);
	p_curl_slist_free_all(rcpt);
	p_curl_slist_free_all(h);
	buf_free(&plain);
	if (res != CURLE_OK)
		return err_set(e, RD_EIO, "smtp", NULL,
			       "the mail server at %s did not take the letter: %s", m->url,
			       p_curl_easy_strerror(res));
	return 0;
}
