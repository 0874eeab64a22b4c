/*
 * parse.c - one RFC 5322 message, read safely.
 *
 * Nothing here trusts the input: every length is checked against what is
 * left, headers are unfolded into copies, text is made valid UTF-8 before
 * anyone sees it, and multipart nesting is bounded.  A message is refused
 * (RD_EINVAL) only for what makes it unusable: a NUL byte or a line that
 * is not a header in the header section, no From address, a multipart
 * message without a boundary or without any part, nesting deeper than
 * MAIL_MAX_DEPTH, or more than MAIL_MAX_SIZE bytes.
 */
#include "mail/mail.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"

#define MAX_HEADERS 1000
#define MAX_TEXT 19000		/* bytes of text kept (under JS_TEXT_MAX) */
#define MAX_NAME 200		/* bytes of an attachment's name */
#define MAX_LINE 998		/* bytes of a subject or a name (RFC 5322 2.1.1) */

struct header {
	char *name, *value;	/* unfolded, NUL-terminated copies */
};

struct headers {
	struct header h[MAX_HEADERS];
	size_t n;
};

static void headers_free(struct headers *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		free(hs->h[i].name);
		free(hs->h[i].value);
	}
	hs->n = 0;
}

static const char *header(const struct headers *hs, const char *name)
{
	for (size_t i = 0; i < hs->n; i++)
		if (!strcasecmp(hs->h[i].name, name))
			return hs->h[i].value;
	return NULL;
}

/*
 * Reads the header section of "p" (n bytes) into "hs"; "*body" is the
 * offset of the body (n when there is none).  "where" names the message
 * or part in errors.
 */
static int parse_headers(const char *p, size_t n, struct headers *hs,
			 size_t *body, const char *where, struct rd_err *e)
{
	size_t i = 0, line = 0;
	struct buf v = BUF_INIT;

	hs->n = 0;
	*body = n;
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - p) : n, len = end - i;
		const char *s = p + i;

		line++;
		if (len && s[len - 1] == '\r')
			len--;
		if (memchr(s, '\0', len)) {
			buf_free(&v);
			headers_free(hs);
			return err_set(e, RD_EINVAL, "headers", NULL,
				       "%s: header line %zu contains a NUL byte", where, line);
		}
		if (len == 0) {
			*body = nl ? end + 1 : n;
			break;
		}
		if (s[0] == ' ' || s[0] == '\t') {
			if (!hs->n) {
				buf_free(&v);
				return err_set(e, RD_EINVAL, "headers", NULL,
					       "%s: the first header line is a continuation (it starts with a space)",
					       where);
			}
			buf_reset(&v);
			buf_puts(&v, hs->h[hs->n - 1].value);
			buf_add(&v, s, len);
			free(hs->h[hs->n - 1].value);
			hs->h[hs->n - 1].value = buf_detach(&v);
		} else {
			const char *colon = memchr(s, ':', len);
			size_t k;

			if (!colon || colon == s) {
				buf_free(&v);
				headers_free(hs);
				return err_set(e, RD_EINVAL, "headers", NULL,
					       "%s: header line %zu is not \"Name: value\" (no colon)",
					       where, line);
			}
			for (k = 0; s + k < colon; k++) {
				unsigned char c = (unsigned char)s[k];

				if (c < 33 || c > 126) {
					buf_free(&v);
					headers_free(hs);
					return err_set(e, RD_EINVAL, "headers", NULL,
						       "%s: header line %zu has a name with a space or a character outside ASCII",
						       where, line);
				}
			}
			if (hs->n == MAX_HEADERS) {
				buf_free(&v);
				headers_free(hs);
				return err_set(e, RD_EINVAL, "headers", NULL,
					       "%s: more than %d header lines", where, MAX_HEADERS);
			}
			hs->h[hs->n].name = xmalloc(k + 1);
			memcpy(hs->h[hs->n].name, s, k);
			hs->h[hs->n].name[k] = '\0';
			buf_reset(&v);
			buf_add(&v, colon + 1, len - k - 1);
			buf_puts(&v, "");
			hs->h[hs->n].value = buf_detach(&v);
			hs->n++;
		}
		i = nl ? end + 1 : n;
	}
	buf_free(&v);
	return 0;
}

/* ---- UTF-8 ---- */

/* Length of the valid UTF-8 sequence at "s" (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

static int latin1(const char *charset)
{
	static const char *const names[] = {
		"iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso-8859-15",
		"windows-1252", "cp1252", "us-ascii", "ascii", NULL
	};

	for (int i = 0; charset && names[i]; i++)
		if (!strcasecmp(charset, names[i]))
			return 1;
	return 0;
}

/*
 * Appends "n" bytes in "charset" to "out" as UTF-8: Latin-1 (and its
 * relatives) converted, anything else taken as UTF-8 with each invalid
 * byte replaced by U+FFFD.  CR LF becomes LF; other control characters
 * but tab and newline become spaces ("oneline": newlines too).
 */
static void to_utf8(struct buf *out, const char *s, size_t n,
		    const char *charset, int oneline)
{
	const unsigned char *u = (const unsigned char *)s;
	int l1 = latin1(charset);

	for (size_t i = 0; i < n;) {
		unsigned c = u[i];

		if (c < 0x80) {
			if (c == '\r' && i + 1 < n && u[i + 1] == '\n') {
				i++;
				continue;
			}
			if (c == '\0') {
				i++;
				continue;
			}
			if ((c < 32 && c != '\t' && (c != '\n' || oneline)) || c == 127)
				c = ' ';
			if (oneline && c == '\t')
				c = ' ';
			{
				char ch = (char)c;

				buf_add(out, &ch, 1);
			}
			i++;
		} else if (l1) {
			char two[2] = { (char)(0xc0 | (c >> 6)), (char)(0x80 | (c & 0x3f)) };

			buf_add(out, two, 2);
			i++;
		} else {
			size_t len = utf8_seq(u + i, n - i);

			if (len) {
				buf_add(out, s + i, len);
				i += len;
			} else {
				buf_puts(out, "\xef\xbf\xbd");
				i++;
			}
		}
	}
	buf_puts(out, "");
}

/* ---- transfer encodings ---- */

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Characters outside the alphabet are ignored (RFC 2045 6.8). */
static void base64(struct buf *out, const char *s, size_t n)
{
	unsigned acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n && s[i] != '='; i++) {
		int v = b64val((unsigned char)s[i]);

		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			char c = (char)((acc >> (bits - 8)) & 0xff);

			buf_add(out, &c, 1);
			bits -= 8;
		}
		acc &= 0xff;
	}
	buf_puts(out, "");
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "under" non-zero: "_" is a space (RFC 2047 Q). */
static void qp(struct buf *out, const char *s, size_t n, int under)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '=' && i + 1 < n && s[i + 1] == '\n') {
			i++;
		} else if (s[i] == '=' && i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
		} else if (s[i] == '=' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
			   hexval((unsigned char)s[i + 2]) >= 0) {
			char c = (char)(hexval((unsigned char)s[i + 1]) * 16 +
					hexval((unsigned char)s[i + 2]));

			buf_add(out, &c, 1);
			i += 2;
		} else if (under && s[i] == '_') {
			buf_puts(out, " ");
		} else {
			buf_add(out, s + i, 1);
		}
	}
	buf_puts(out, "");
}

static void decode_body(struct buf *out, const char *s, size_t n, const char *cte)
{
	if (cte && !strcasecmp(cte, "base64"))
		base64(out, s, n);
	else if (cte && !strcasecmp(cte, "quoted-printable"))
		qp(out, s, n, 0);
	else {
		buf_add(out, s, n);
		buf_puts(out, "");
	}
}

/* ---- header values ---- */

static char *trim(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	{
		char *t = xmalloc(n + 1);

		memcpy(t, s, n);
		t[n] = '\0';
		return t;
	}
}

/* "s" cut to at most "max" bytes at a character boundary. */
static char *cut(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		s[n] = '\0';
	}
	return s;
}

/*
 * Decodes RFC 2047 encoded words ("=?utf-8?B?...?=") in an unstructured
 * header value into UTF-8 on one line; white space between two encoded
 * words goes.
 */
static char *decode_words(const char *s)
{
	struct buf out = BUF_INIT, raw = BUF_INIT;
	const char *p = s;
	int last_word_end = 0;

	while (*p) {
		const char *q1, *q2, *q3, *end;

		if (p[0] == '=' && p[1] == '?' && (q1 = strchr(p + 2, '?')) &&
		    (q1[1] == 'B' || q1[1] == 'b' || q1[1] == 'Q' || q1[1] == 'q') &&
		    q1[2] == '?' && (q2 = q1 + 2) && (end = strstr(q2 + 1, "?=")) &&
		    !memchr(p, ' ', (size_t)(end - p)) && q1 - p - 2 < 40) {
			char charset[41];
			struct buf bytes = BUF_INIT;
			char *star;

			q3 = q2 + 1;
			memcpy(charset, p + 2, (size_t)(q1 - p - 2));
			charset[q1 - p - 2] = '\0';
			if ((star = strchr(charset, '*')))	/* RFC 2231 language */
				*star = '\0';
			/* drop white space between adjacent encoded words */
			if (last_word_end) {
				size_t k = 0;

				while (k < raw.len && (raw.s[k] == ' ' || raw.s[k] == '\t'))
					k++;
				if (k == raw.len)
					buf_reset(&raw);
			}
			if (raw.len) {
				to_utf8(&out, raw.s, raw.len, "utf-8", 1);
				buf_reset(&raw);
			}
			if (q1[1] == 'B' || q1[1] == 'b')
				base64(&bytes, q3, (size_t)(end - q3));
			else
				qp(&bytes, q3, (size_t)(end - q3), 1);
			to_utf8(&out, bytes.s ? bytes.s : "", bytes.len, charset, 1);
			buf_free(&bytes);
			p = end + 2;
			last_word_end = 1;
			continue;
		}
		if (*p != ' ' && *p != '\t')
			last_word_end = 0;
		buf_add(&raw, p, 1);
		p++;
	}
	if (raw.len)
		to_utf8(&out, raw.s, raw.len, "utf-8", 1);
	buf_free(&raw);
	buf_puts(&out, "");
	{
		char *t = trim(buf_str(&out));

		buf_free(&out);
		return t;
	}
}

/* The media type of a Content-Type value, lower case, into "type". */
static void media_type(const char *v, char *type, size_t n)
{
	size_t k = 0;

	while (*v == ' ' || *v == '\t')
		v++;
	while (*v && *v != ';' && *v != ' ' && *v != '\t' && k + 1 < n)
		type[k++] = (char)tolower((unsigned char)*v++);
	type[k] = '\0';
}

/*
 * The value of parameter "name" of a Content-Type or Content-Disposition
 * header (new string), or NULL: token or quoted string, and the RFC 2231
 * "name*=charset''percent-encoded" form.
 */
static char *param(const char *v, const char *name)
{
	size_t nl = strlen(name);
	const char *p = strchr(v ? v : "", ';');

	while (p) {
		int ext = 0;

		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!strncasecmp(p, name, nl) && (p[nl] == '=' || (p[nl] == '*' && p[nl + 1] == '='))) {
			struct buf b = BUF_INIT;

			ext = p[nl] == '*';
			p += nl + 1 + ext;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '"') {
				for (p++; *p && *p != '"'; p++) {
					if (*p == '\\' && p[1])
						p++;
					buf_add(&b, p, 1);
				}
			} else {
				while (*p && *p != ';' && *p != ' ' && *p != '\t')
					buf_add(&b, p++, 1);
			}
			buf_puts(&b, "");
			if (ext) {
				/* charset'lang'%XX... */
				const char *q = strchr(b.s, '\''), *r2 = q ? strchr(q + 1, '\'') : NULL;
				struct buf dec = BUF_INIT, u = BUF_INIT;
				char charset[41] = "";

				if (q && r2) {
					size_t cl = (size_t)(q - b.s) < 40 ? (size_t)(q - b.s) : 40;

					memcpy(charset, b.s, cl);
					charset[cl] = '\0';
					for (const char *s = r2 + 1; *s; s++) {
						if (*s == '%' && hexval((unsigned char)s[1]) >= 0 &&
						    hexval((unsigned char)s[2]) >= 0) {
							char c = (char)(hexval((unsigned char)s[1]) * 16 +
									hexval((unsigned char)s[2]));

							buf_add(&dec, &c, 1);
							s += 2;
						} else {
							buf_add(&dec, s, 1);
						}
					}
					to_utf8(&u, dec.s ? dec.s : "", dec.len, charset, 1);
					buf_free(&dec);
					buf_free(&b);
					return buf_detach(&u);
				}
			}
			return buf_detach(&b);
		}
		/* skip this parameter, minding quoted strings */
		while (*p && *p != ';') {
			if (*p == '"') {
				for (p++; *p && *p != '"'; p++)
					if (*p == '\\' && p[1])
						p++;
				if (!*p)
					break;
			}
			p++;
		}
		p = *p == ';' ? p : NULL;
	}
	return NULL;
}

/* ---- From ---- */

static int valid_addr(const char *a)
{
	const char *at = strrchr(a, '@');
	size_t n = strlen(a);

	if (!at || at == a || !at[1] || n > 254)
		return 0;
	for (const char *p = a; *p; p++)
		if ((unsigned char)*p <= 32 || (unsigned char)*p >= 127 ||
		    strchr("<>()[],;:\\\"", *p))
			return 0;
	return 1;
}

/* Removes (comments) from "s" in place, keeping the last one's text in
 * "comment" when it is given. */
static void strip_comments(char *s, struct buf *comment)
{
	char *w = s;
	int depth = 0, quoted = 0;

	for (char *p = s; *p; p++) {
		if (quoted) {
			if (*p == '\\' && p[1])
				*w++ = *p++;
			else if (*p == '"')
				quoted = 0;
			*w++ = *p;
			continue;
		}
		if (*p == '"' && !depth) {
			quoted = 1;
			*w++ = *p;
		} else if (*p == '(') {
			if (!depth++ && comment)
				buf_reset(comment);
		} else if (*p == ')' && depth) {
			depth--;
		} else if (depth) {
			if (comment)
				buf_add(comment, p, 1);
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
}

static int parse_from(const char *v, struct mail_msg *m, struct rd_err *e)
{
	char *s = xstrdup(v), *lt, *gt, *name;
	struct buf comment = BUF_INIT, nb = BUF_INIT;

	strip_comments(s, &comment);
	lt = strchr(s, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt) {
		*gt = '\0';
		m->from_addr = trim(lt + 1);
		*lt = '\0';
		name = trim(s);
	} else {
		char *tok = s, *save = NULL, *t;

		m->from_addr = NULL;
		for (t = strtok_r(tok, " \t,", &save); t; t = strtok_r(NULL, " \t,", &save)) {
			if (strchr(t, '@')) {
				m->from_addr = xstrdup(t);
				break;
			}
		}
		name = xstrdup(comment.len ? buf_str(&comment) : "");
	}
	/* a quoted display name: take the quotes and escapes away */
	{
		size_t n = strlen(name);
		const char *p = name;

		if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
			name[n - 1] = '\0';
			p = name + 1;
		}
		for (; *p; p++) {
			if (*p == '\\' && p[1])
				p++;
			buf_add(&nb, p, 1);
		}
		buf_puts(&nb, "");
	}
	m->from_name = cut(decode_words(buf_str(&nb)), MAX_LINE);
	free(name);
	free(s);
	buf_free(&comment);
	buf_free(&nb);
	if (!m->from_addr || !valid_addr(m->from_addr)) {
		free(m->from_addr);
		m->from_addr = NULL;
		return err_set(e, RD_EINVAL, "From", NULL,
			       "the From header has no email address to answer (\"%.80s\")", v);
	}
	return 0;
}

/* A printable one-line header value of at most "max" bytes, or "". */
static char *plain(const char *v, size_t max)
{
	char *t = v ? trim(v) : xstrdup("");

	for (const char *p = t; *p; p++)
		if ((unsigned char)*p < 32 || (unsigned char)*p > 126)
			return free(t), xstrdup("");
	if (strlen(t) > max)
		return free(t), xstrdup("");
	return t;
}

/* ---- the body ---- */

struct walk {
	struct mail_msg *m;
	char *text, *html;
	int parts;
};

static void add_attachment(struct walk *w, const char *name, const char *type)
{
	struct buf b = BUF_INIT;
	char *dec, *base;
	size_t n;

	if (w->m->nattachments == MAIL_MAX_ATTACHMENTS)
		return;
	if (name && *name) {
		dec = decode_words(name);
		base = dec;
		for (char *p = dec; *p; p++)
			if (*p == '/' || *p == '\\')
				base = p + 1;
		buf_puts(&b, *base ? base : "(unnamed)");
		free(dec);
	} else {
		struct buf t = BUF_INIT;

		buf_printf(&t, "(unnamed %s)", type);
		to_utf8(&b, t.s, t.len, "utf-8", 1);
		buf_free(&t);
	}
	/* cut at a character boundary */
	n = b.len;
	if (n > MAX_NAME) {
		n = MAX_NAME;
		while (n && ((unsigned char)b.s[n] & 0xc0) == 0x80)
			n--;
		b.s[n] = '\0';
		b.len = n;
	}
	w->m->attachments[w->m->nattachments++] = buf_detach(&b);
}

static int part(struct walk *w, const char *p, size_t n, int depth,
		const char *where, const char *dflt_type, struct rd_err *e);

static int multipart(struct walk *w, const char *p, size_t n, const char *ctype,
		     int depth, const char *where, struct rd_err *e)
{
	char *boundary = param(ctype, "boundary");
	char delim[80];
	size_t dl, i = 0, start = 0;
	int found = 0, inpart = 0, rc = 0;

	if (!boundary || !*boundary || strlen(boundary) > 70) {
		free(boundary);
		return err_set(e, RD_EINVAL, "Content-Type", NULL,
			       "%s: a multipart message needs a boundary of 1 to 70 characters", where);
	}
	if (depth >= MAIL_MAX_DEPTH) {
		free(boundary);
		return err_set(e, RD_EINVAL, "Content-Type", NULL,
			       "%s: multipart parts are nested more than %d deep", where, MAIL_MAX_DEPTH);
	}
	dl = (size_t)snprintf(delim, sizeof(delim), "--%s", boundary);
	free(boundary);
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - p) : n;

		if (end - i >= dl && !memcmp(p + i, delim, dl)) {
			int close = end - i >= dl + 2 && p[i + dl] == '-' && p[i + dl + 1] == '-';
			size_t k = i + dl + (close ? 2 : 0);

			while (k < end && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
				k++;
			if (k == end) {
				if (inpart) {
					/* the line break before a delimiter belongs to it */
					size_t pe = i;
					char sub[64];

					if (pe > start && p[pe - 1] == '\n')
						pe--;
					if (pe > start && p[pe - 1] == '\r')
						pe--;
					snprintf(sub, sizeof(sub), "part %d", ++w->parts);
					if (part(w, p + start, pe - start, depth + 1, sub,
						 "text/plain", e)) {
						rc = -1;
						break;
					}
				}
				found = 1;
				if (close) {
					inpart = 0;
					break;
				}
				inpart = 1;
				start = nl ? end + 1 : n;
			}
		}
		i = nl ? end + 1 : n;
	}
	if (!rc && inpart && start < n) {
		/* no closing delimiter: the last part runs to the end */
		char sub[64];

		snprintf(sub, sizeof(sub), "part %d", ++w->parts);
		rc = part(w, p + start, n - start, depth + 1, sub, "text/plain", e);
	}
	if (!rc && !found)
		return err_set(e, RD_EINVAL, "Content-Type", NULL,
			       "%s: a multipart message has no part marked with its boundary", where);
	return rc;
}

static int part(struct walk *w, const char *p, size_t n, int depth,
		const char *where, const char *dflt_type, struct rd_err *e)
{
	struct headers *hs = xcalloc(1, sizeof(*hs));
	const char *ctype, *disp, *cte;
	char type[80];
	size_t body;
	int rc = 0;

	if (parse_headers(p, n, hs, &body, where, e)) {
		free(hs);
		return -1;
	}
	ctype = header(hs, "Content-Type");
	disp = header(hs, "Content-Disposition");
	cte = header(hs, "Content-Transfer-Encoding");
	media_type(ctype ? ctype : dflt_type, type, sizeof(type));
	if (!type[0])
		snprintf(type, sizeof(type), "%s", dflt_type);
	if (!strncmp(type, "multipart/", 10)) {
		rc = multipart(w, p + body, n - body, ctype, depth, where, e);
	} else {
		char *fname = param(disp, "filename"), *name = param(ctype, "name");
		char *enc = cte ? trim(cte) : NULL;
		char *charset = param(ctype, "charset");
		char dtype[20];
		int attach, textual = !strcmp(type, "text/plain") || !strcmp(type, "text/html");

		media_type(disp ? disp : "", dtype, sizeof(dtype));
		attach = !strcmp(dtype, "attachment") || (fname && *fname) || (name && *name) ||
			 !textual;
		if (attach) {
			add_attachment(w, fname && *fname ? fname : name, type);
		} else if ((!strcmp(type, "text/plain") && !w->text) ||
			   (!strcmp(type, "text/html") && !w->html)) {
			struct buf raw = BUF_INIT, u = BUF_INIT;

			decode_body(&raw, p + body, n - body, enc);
			to_utf8(&u, raw.s ? raw.s : "", raw.len, charset ? charset : "utf-8", 0);
			if (!strcmp(type, "text/plain"))
				w->text = buf_detach(&u);
			else
				w->html = buf_detach(&u);
			buf_free(&raw);
			buf_free(&u);
		}
		free(fname);
		free(name);
		free(enc);
		free(charset);
	}
	headers_free(hs);
	free(hs);
	return rc;
}

/* The first case-insensitive "tag" in "s", or NULL. */
static const char *find_close(const char *s, const char *tag)
{
	size_t n = strlen(tag);

	for (; *s; s++)
		if (!strncasecmp(s, tag, n))
			return s;
	return NULL;
}

/* The text of an HTML body: tags out, the common entities in, and a line
 * break for each paragraph, break and list item. */
static char *html_text(const char *h)
{
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		{ "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " },
	};
	struct buf b = BUF_INIT;
	const char *p = h;

	while (*p) {
		if (*p == '<') {
			const char *end = strchr(p, '>');
			size_t skip;

			if (!end)
				break;
			if (!strncasecmp(p, "<style", 6) || !strncasecmp(p, "<script", 7)) {
				const char *close = find_close(end, p[2] == 't' || p[2] == 'T'
							       ? "</style" : "</script");

				if (!close)
					break;
				end = strchr(close, '>');
				if (!end)
					break;
			} else if (!strncasecmp(p, "<br", 3) || !strncasecmp(p, "</p", 3) ||
				   !strncasecmp(p, "<li", 3) || !strncasecmp(p, "</div", 5)) {
				buf_puts(&b, "\n");
			}
			skip = (size_t)(end - p) + 1;
			p += skip;
			continue;
		}
		if (*p == '&') {
			size_t i;

			for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
				size_t l = strlen(ents[i].ent);

				if (!strncasecmp(p, ents[i].ent, l)) {
					buf_puts(&b, ents[i].ch);
					p += l;
					break;
				}
			}
			if (i < sizeof(ents) / sizeof(ents[0]))
				continue;
		}
		buf_add(&b, p++, 1);
	}
	buf_puts(&b, "");
	return buf_detach(&b);
}

/* "s" trimmed of blank lines at either end, at most MAX_TEXT bytes. */
static char *tidy_text(const char *s)
{
	struct buf b = BUF_INIT;
	const char *start = s, *end = s + strlen(s);
	size_t n;

	while (*start == '\n' || *start == ' ' || *start == '\t')
		start++;
	while (end > start && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - start);
	if (n > MAX_TEXT) {
		n = MAX_TEXT;
		while (n && ((unsigned char)start[n] & 0xc0) == 0x80)
			n--;
		buf_add(&b, start, n);
		buf_puts(&b, "\n[The rest of the message is longer than Redress keeps.]");
	} else {
		buf_add(&b, start, n);
	}
	buf_puts(&b, "");
	return buf_detach(&b);
}

int mail_parse(const char *data, size_t len, struct mail_msg *m,
	       struct rd_err *e)
{
	struct headers *hs;
	struct walk w;
	const char *from;
	size_t body;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	m->size = len;
	if (len > MAIL_MAX_SIZE)
		return err_set(e, RD_EINVAL, "message", NULL,
			       "the message is %zu bytes, more than the %u taken", len, MAIL_MAX_SIZE);
	if (len == 0)
		return err_set(e, RD_EINVAL, "message", NULL, "the message is empty");
	hs = xcalloc(1, sizeof(*hs));
	if (parse_headers(data, len, hs, &body, "the message", e))
		goto out;
	from = header(hs, "From");
	if (!from) {
		err_set(e, RD_EINVAL, "From", NULL,
			"the message has no From header, so there is no one to answer");
		goto out;
	}
	if (parse_from(from, m, e))
		goto out;
	m->subject = cut(decode_words(header(hs, "Subject") ? header(hs, "Subject") : ""), MAX_LINE);
	m->date = plain(header(hs, "Date"), 100);
	{
		char *id = plain(header(hs, "Message-ID"), 250);
		char *lt = strchr(id, '<'), *gt = lt ? strchr(lt, '>') : NULL;

		if (lt && gt) {
			gt[1] = '\0';
			m->message_id = xstrdup(lt);
			free(id);
		} else {
			m->message_id = id;
		}
	}
	memset(&w, 0, sizeof(w));
	w.m = m;
	{
		/* The top level is a part whose headers are the message's. */
		const char *ctype = header(hs, "Content-Type");
		char type[80];

		media_type(ctype ? ctype : "text/plain", type, sizeof(type));
		if (!strncmp(type, "multipart/", 10)) {
			rc = multipart(&w, data + body, len - body, ctype, 0, "the message", e);
		} else {
			/* reuse part() on the whole message: same headers */
			rc = part(&w, data, len, 0, "the message", "text/plain", e);
		}
	}
	if (!rc) {
		char *t = w.text ? xstrdup(w.text) : w.html ? html_text(w.html) : xstrdup("");

		m->text = tidy_text(t);
		free(t);
	}
	free(w.text);
	free(w.html);
out:
	headers_free(hs);
	free(hs);
	return rc;
}

void mail_msg_free(struct mail_msg *m)
{
	free(m->from_name);
	free(m->from_addr);
	free(m->subject);
	free(m->date);
	free(m->message_id);
	free(m->text);
	for (size_t i = 0; i < m->nattachments; i++)
		free(m->attachments[i]);
	memset(m, 0, sizeof(*m));
}

int mail_find_reference(const char *s, char out[16])
{
	for (const char *p = s ? strstr(s, "CMP-") : NULL; p; p = strstr(p + 1, "CMP-")) {
		int ok = 1;

		for (int i = 4; i < 15 && ok; i++)
			ok = i == 8 ? p[i] == '-' : isdigit((unsigned char)p[i]);
		if (ok && !isdigit((unsigned char)p[15]) &&
		    (p == s || !isalnum((unsigned char)p[-1]))) {
			memcpy(out, p, 15);
			out[15] = '\0';
			return 0;
		}
	}
	return -1;
}
