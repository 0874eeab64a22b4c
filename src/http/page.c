/*
 * page.c - the layout, the CSRF tokens, forms and their errors.
 */
#include "http/page.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "util/form.h"
#include "render/template.h"
#include "util/date.h"
#include "util/json.h"

/* web/templates/pages/NAME.html, compiled in by scripts/embed-pages.sh */
struct page_text {
	const char *name, *text;
};
extern const struct page_text page_texts[];
extern const int page_ntexts;

static tpl **parsed;

int page_init(const char *assets)
{
	struct rd_err e;
	int page_assets_load(const char *dir);

	parsed = xcalloc((size_t)page_ntexts, sizeof(*parsed));
	for (int i = 0; i < page_ntexts; i++) {
		err_clear(&e);
		parsed[i] = tpl_parse(page_texts[i].text, &e);
		if (!parsed[i]) {
			fprintf(stderr, "redress: page template %s: %s\n", page_texts[i].name, e.msg);
			return -1;
		}
	}
	return assets ? page_assets_load(assets) : 0;
}

void page_done(void)
{
	for (int i = 0; parsed && i < page_ntexts; i++)
		tpl_free(parsed[i]);
	free(parsed);
	parsed = NULL;
}

static const tpl *find(const char *name)
{
	for (int i = 0; parsed && i < page_ntexts; i++)
		if (!strcmp(page_texts[i].name, name))
			return parsed[i];
	return NULL;
}

void page_render_into(struct buf *out, const char *name, const json_t *data)
{
	const tpl *t = find(name);

	if (t)
		tpl_render(t, data, TPL_HTML, out);
	else
		buf_printf(out, "<p>(no page template %s)</p>", name);
}

void page_esc(struct buf *out, const char *s)
{
	tpl_escape_html(out, s ? s : "");
}

const char *page_date(const char *iso, char out[32])
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	date_t d;
	int y, m, dd;

	out[0] = '\0';
	if (!iso || date_parse(iso, &d))
		return out;
	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, 32, "%d %s %d", dd, months[m - 1], y);
	return out;
}

/* ---- CSRF ----------------------------------------------------------- */

static const char *cookie(struct req *q, const char *name)
{
	return MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, name);
}

void page_csrf(struct req *q, char out[65])
{
	const char *secret = cookie(q, "redress_session");
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	char fresh[48];

	if (!secret || !*secret)
		secret = cookie(q, "redress_visitor");
	if (!secret || strlen(secret) < 20) {
		unsigned char raw[24];

		randombytes_buf(raw, sizeof(raw));
		sodium_bin2base64(fresh, sizeof(fresh), raw, sizeof(raw),
				  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		/* A visitor's cookie lasts the browser session. */
		if (!q->cookie[0])
			snprintf(q->cookie, sizeof(q->cookie),
				 "redress_visitor=%s; Path=/; HttpOnly; SameSite=Strict", fresh);
		secret = fresh;
	}
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)"redress-csrf:", 13);
	crypto_hash_sha256_update(&st, (const unsigned char *)secret, strlen(secret));
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int page_form(struct req *q, struct rec *r, json_t **form)
{
	const char *ct = http_header(q, "Content-Type");
	char want[65];
	const char *got;
	struct rd_err e;

	*form = NULL;
	int multipart = ct && !strncasecmp(ct, "multipart/form-data", 19);

	if (!ct || (!multipart && strncasecmp(ct, "application/x-www-form-urlencoded", 33)))
		return page_message(q, r, 415, "The form could not be read",
				    "Send the form from its page (application/x-www-form-urlencoded).");
	err_clear(&e);
	*form = multipart ? form_multipart(q->body.s ? q->body.s : "", q->body.len, ct, &e)
			  : form_parse(q->body.s ? q->body.s : "", q->body.len, &e);
	if (!*form)
		return page_message(q, r, 400, "The form could not be read", e.msg);
	got = form_str(*form, "csrf");
	if (!cookie(q, "redress_session") && !cookie(q, "redress_visitor"))
		got = NULL;
	page_csrf(q, want);
	if (!got || strlen(got) != 64 || sodium_memcmp(got, want, 64)) {
		json_decref(*form);
		*form = NULL;
		q->cookie[0] = '\0';
		return page_message(q, r, 403, "The form has expired",
				    "Go back, reload the page and send the form again. "
				    "(The form's security token did not match this browser.)");
	}
	json_object_del(*form, "csrf");
	return 0;
}

/* ---- the layout ------------------------------------------------------ */

static const struct {
	const char *href, *text;
	int roles;
} nav[] = {
	{ "/", "Dashboard", ROLE_STAFF },
	{ "/cases", "Complaints", ROLE_STAFF },
	{ "/people", "People", ROLE_STAFF },
	{ "/service-requests", "Service requests", ROLE_STAFF },
	{ "/registers", "Registers", ROLE_ANY },
	{ "/reports", "Reports", ROLE_OFFICER | ROLE_SENIOR | ROLE_BOARD | ROLE_ADMIN },
	{ "/admin", "Administration", ROLE_ADMIN },
};

int page_show(struct req *q, struct rec *r, int status, const char *title,
	      const char *tpl_name, json_t *data)
{
	struct buf content = BUF_INIT, page = BUF_INIT;
	char csrf[65];
	int portal = strncmp(q->path, "/complain", 9) == 0 || strncmp(q->path, "/track", 6) == 0;
	const char *org = r ? js_str(r->policy, "organisation") : NULL;
	const char *ombudsman = r ? js_str(r->policy, "ombudsman_contact") : NULL;

	if (!data)
		data = json_object();
	page_csrf(q, csrf);
	json_object_set_new(data, "csrf", json_string(csrf));
	json_object_set_new(data, "title", json_string(title));
	json_object_set_new(data, "organisation", json_string(org && *org ? org : "Redress"));
	json_object_set_new(data, "ombudsman", json_string(ombudsman ? ombudsman : "Housing Ombudsman Service, PO Box 152, Liverpool L33 7WQ; 0300 111 3000; "
		  "info@housing-ombudsman.org.uk; www.housing-ombudsman.org.uk"));
	if (portal) {
		json_object_set_new(data, "portal", json_true());
	} else if (q->user[0]) {
		json_t *items = json_array();
		int bit = http_role_bit(q->role);

		json_object_set_new(data, "user", json_string(q->user));
		json_object_set_new(data, "role", json_string(q->role));
		for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
			size_t n = strlen(nav[i].href);
			int here = n == 1 ? !strcmp(q->path, "/")
					  : !strncmp(q->path, nav[i].href, n);

			if (nav[i].roles & bit)
				json_array_append_new(items, json_pack("{s:s, s:s, s:b}",
					"href", nav[i].href, "text", nav[i].text, "current", here));
		}
		json_object_set_new(data, "has_nav", json_boolean(json_array_size(items) > 0));
		json_object_set_new(data, "nav", items);
	}
	page_render_into(&content, tpl_name, data);
	json_object_set_new(data, "content", json_string(content.s ? content.s : ""));
	page_render_into(&page, "layout", data);
	buf_free(&content);
	json_decref(data);
	free(q->text);
	q->text = buf_detach(&page);
	q->text_len = 0;
	q->ctype = "text/html; charset=utf-8";
	json_decref(q->out);
	q->out = NULL;
	return status;
}

int page_message(struct req *q, struct rec *r, int status, const char *title,
		 const char *text)
{
	return page_show(q, r, status, title, "message",
			 json_pack("{s:s}", "text", text ? text : ""));
}

int page_see_other(struct req *q, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q->location, sizeof(q->location), fmt, ap);
	va_end(ap);
	free(q->text);
	q->text = xstrdup("");
	q->text_len = 0;
	q->ctype = "text/plain; charset=utf-8";
	return 303;
}

/* ---- fields ---------------------------------------------------------- */

/* The element id of a field: "f-" and the name with "." as "-". */
static void field_id(const char *name, char out[96])
{
	size_t i;

	snprintf(out, 96, "f-%s", name);
	for (i = 2; out[i]; i++)
		if (out[i] == '.')
			out[i] = '-';
}

/* The name as the rules name it: list indexes become "[]"
 * ("decisions.0.reasons" is "decisions[].reasons"). */
static void rule_name(const char *name, char out[96])
{
	size_t o = 0;

	while (*name && o < 90) {
		const char *seg = name;
		size_t n = strcspn(name, ".");
		int digits = n > 0 && strspn(seg, "0123456789") == n;

		if (digits) {
			if (o && out[o - 1] == '.')
				o--;
			memcpy(out + o, "[]", 2);
			o += 2;
		} else {
			if (n > 90 - o)
				n = 90 - o;
			memcpy(out + o, seg, n);
			o += n;
		}
		name += n;
		if (*name == '.') {
			out[o++] = '.';
			name++;
		}
	}
	out[o] = '\0';
}

/* The field "err" names, or -1.  The first field whose name (or, for a
 * date, its parts) matches; a list's field matches its rule name. */
static long field_of(const struct page_field *f, size_t n, const struct rd_err *err)
{
	char rn[96];

	if (!err || !err->field[0])
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].name, err->field))
			return (long)i;
	for (size_t i = 0; i < n; i++) {
		rule_name(f[i].name, rn);
		if (!strcmp(rn, err->field))
			return (long)i;
	}
	/* "complainant" names the group of "complainant.*" fields */
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(err->field);

		if (!strncmp(f[i].name, err->field, k) && f[i].name[k] == '.')
			return (long)i;
	}
	return -1;
}

static const char *value(const json_t *values, const char *name)
{
	return form_str(values, name);
}

static int checked(const json_t *values, const char *name, const char *v)
{
	const json_t *x = json_object_get(values, name);
	size_t i;
	json_t *it;

	if (json_is_string(x))
		return !strcmp(json_string_value(x), v);
	if (json_is_true(x))
		return !strcmp(v, "true");
	json_array_foreach(x, i, it)
		if (json_is_string(it) && !strcmp(json_string_value(it), v))
			return 1;
	return 0;
}

static void open_group(struct buf *o, const struct page_field *f, const char *id,
		       const char *msg, int fieldset)
{
	buf_printf(o, "<div class=\"govuk-form-group%s\">\n", msg ? " govuk-form-group--error" : "");
	if (fieldset) {
		buf_printf(o, "<fieldset class=\"govuk-fieldset\"%s aria-describedby=\"%s-hint%s%s%s\">\n"
			   "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">",
			   f->type == PF_DATE ? " role=\"group\"" : "", id,
			   msg ? " " : "", msg ? id : "", msg ? "-error" : "");
		page_esc(o, f->label);
		if (f->flags & PF_OPTIONAL)
			buf_puts(o, " (optional)");
		buf_puts(o, "</legend>\n");
	} else if (f->type != PF_BOOL) {
		buf_printf(o, "<label class=\"govuk-label govuk-label--s\" for=\"%s\">", id);
		page_esc(o, f->label);
		if (f->flags & PF_OPTIONAL)
			buf_puts(o, " (optional)");
		buf_puts(o, "</label>\n");
	}
	buf_printf(o, "<div id=\"%s-hint\" class=\"govuk-hint\">", id);
	page_esc(o, f->hint ? f->hint : "");
	buf_puts(o, "</div>\n");
	if (msg) {
		buf_printf(o, "<p id=\"%s-error\" class=\"govuk-error-message\">"
			   "<span class=\"govuk-visually-hidden\">Error:</span> ", id);
		page_esc(o, msg);
		buf_puts(o, "</p>\n");
	}
}

static void close_group(struct buf *o, int fieldset)
{
	if (fieldset)
		buf_puts(o, "</fieldset>\n");
	buf_puts(o, "</div>\n");
}

static void one_field(struct buf *o, const struct page_field *f, const json_t *values,
		      const char *msg)
{
	char id[96], described[220];
	const char *v = value(values, f->name);
	const char *err_cls = msg ? " govuk-input--error" : "";
	int fieldset = f->type == PF_DATE || f->type == PF_RADIOS || f->type == PF_CHECKS;

	field_id(f->name, id);
	snprintf(described, sizeof(described), "%s-hint%s%s%s", id, msg ? " " : "", msg ? id : "",
		 msg ? "-error" : "");
	if (f->type == PF_HIDDEN) {
		buf_printf(o, "<input type=\"hidden\" name=\"%s\" value=\"", f->name);
		page_esc(o, v);
		buf_puts(o, "\">\n");
		return;
	}
	open_group(o, f, id, msg, fieldset);
	switch (f->type) {
	case PF_TEXT: case PF_EMAIL: case PF_TEL: case PF_PASSWORD: case PF_INT: case PF_MONEY: {
		const char *type = f->type == PF_EMAIL ? "email" : f->type == PF_TEL ? "tel"
				 : f->type == PF_PASSWORD ? "password" : "text";
		const char *width = (f->flags & PF_SMALL) || f->type == PF_INT || f->type == PF_MONEY
				  ? " govuk-input--width-10" : (f->flags & PF_WIDE) ? "" : " govuk-!-width-two-thirds";

		buf_printf(o, "<input class=\"govuk-input%s%s\" id=\"%s\" name=\"%s\" type=\"%s\"%s%s"
			   " aria-describedby=\"%s\" value=\"", width, err_cls, id, f->name, type,
			   f->type == PF_INT ? " inputmode=\"numeric\"" : "",
			   f->type == PF_PASSWORD ? " autocomplete=\"current-password\""
			   : f->type == PF_EMAIL ? " autocomplete=\"email\" spellcheck=\"false\""
			   : f->type == PF_TEL ? " autocomplete=\"tel\"" : "",
			   described);
		if (f->type != PF_PASSWORD)
			page_esc(o, v);
		buf_puts(o, "\">\n");
		break;
	}
	case PF_TEXTAREA: case PF_LINES:
		buf_printf(o, "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"%s\" rows=\"%d\""
			   " aria-describedby=\"%s\">", msg ? " govuk-textarea--error" : "", id,
			   f->name, f->type == PF_LINES ? 4 : 5, described);
		page_esc(o, v);
		buf_puts(o, "</textarea>\n");
		break;
	case PF_DATE: {
		static const char *const parts[] = { "day", "Day", "month", "Month", "year", "Year" };

		buf_printf(o, "<div class=\"govuk-date-input\" id=\"%s\">\n", id);
		for (int i = 0; i < 6; i += 2) {
			char pname[96];

			snprintf(pname, sizeof(pname), "%s.%s", f->name, parts[i]);
			buf_printf(o, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">"
				   "<label class=\"govuk-label govuk-date-input__label\" for=\"%s-%s\">%s</label>"
				   "<input class=\"govuk-input govuk-date-input__input govuk-input--width-%d%s\""
				   " id=\"%s-%s\" name=\"%s\" type=\"text\" inputmode=\"numeric\" value=\"",
				   id, parts[i], parts[i + 1], i == 4 ? 4 : 2, err_cls, id, parts[i], pname);
			page_esc(o, value(values, pname));
			buf_puts(o, "\"></div></div>\n");
		}
		buf_puts(o, "</div>\n");
		break;
	}
	case PF_BOOL: {
		int on = checked(values, f->name, "true");

		buf_printf(o, "<div class=\"govuk-checkboxes govuk-checkboxes--small\">"
			   "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\""
			   " id=\"%s\" name=\"%s\" type=\"checkbox\" value=\"true\"%s aria-describedby=\"%s\">"
			   "<label class=\"govuk-label govuk-checkboxes__label\" for=\"%s\">", id, f->name,
			   on ? " checked" : "", described, id);
		page_esc(o, f->label);
		buf_puts(o, "</label></div></div>\n");
		break;
	}
	case PF_RADIOS: case PF_CHECKS: {
		int radio = f->type == PF_RADIOS;

		buf_printf(o, "<div class=\"govuk-%s govuk-%s--small\" data-module=\"govuk-%s\">\n",
			   radio ? "radios" : "checkboxes", radio ? "radios" : "checkboxes",
			   radio ? "radios" : "checkboxes");
		for (int i = 0; f->options && f->options[i]; i += 2) {
			const char *cls = radio ? "radios" : "checkboxes";

			buf_printf(o, "<div class=\"govuk-%s__item\"><input class=\"govuk-%s__input\""
				   " id=\"%s%s%d\" name=\"%s\" type=\"%s\" value=\"", cls, cls, id,
				   i ? "-" : "", i ? i / 2 : 0, f->name, radio ? "radio" : "checkbox");
			page_esc(o, f->options[i]);
			buf_printf(o, "\"%s><label class=\"govuk-label govuk-%s__label\" for=\"%s%s%d\">",
				   checked(values, f->name, f->options[i]) ? " checked" : "", cls, id,
				   i ? "-" : "", i ? i / 2 : 0);
			page_esc(o, f->options[i + 1]);
			buf_puts(o, "</label></div>\n");
		}
		buf_puts(o, "</div>\n");
		break;
	}
	case PF_SELECT:
		buf_printf(o, "<select class=\"govuk-select%s\" id=\"%s\" name=\"%s\" aria-describedby=\"%s\">\n"
			   "<option value=\"\">Choose</option>\n", msg ? " govuk-select--error" : "",
			   id, f->name, described);
		for (int i = 0; f->options && f->options[i]; i += 2) {
			buf_puts(o, "<option value=\"");
			page_esc(o, f->options[i]);
			buf_printf(o, "\"%s>", v && !strcmp(v, f->options[i]) ? " selected" : "");
			page_esc(o, f->options[i + 1]);
			buf_puts(o, "</option>\n");
		}
		buf_puts(o, "</select>\n");
		break;
	case PF_HIDDEN:
		break;
	}
	close_group(o, fieldset);
}

void page_fields_html(struct buf *out, const struct page_field *fields, size_t n,
		      const json_t *values, const struct rd_err *err)
{
	long at = field_of(fields, n, err);

	for (size_t i = 0; i < n; i++)
		one_field(out, &fields[i], values, (long)i == at ? err->msg : NULL);
}

void page_error_summary(struct buf *out, const struct page_field *fields, size_t n,
			const struct rd_err *err)
{
	long at = field_of(fields, n, err);
	char id[96];

	if (!err || err->kind == RD_OK)
		return;
	buf_puts(out, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
		 "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2>"
		 "<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\"><li>");
	if (at >= 0) {
		field_id(fields[at].name, id);
		/* A date's first box; a list's first option has the field's id. */
		if (fields[at].type == PF_DATE)
			strncat(id, "-day", sizeof(id) - strlen(id) - 1);
		buf_printf(out, "<a href=\"#%s\">", id);
		page_esc(out, err->msg);
		buf_puts(out, "</a>");
	} else {
		page_esc(out, err->msg);
	}
	buf_puts(out, "</li></ul>");
	if (err->clause[0]) {
		buf_puts(out, "<p class=\"govuk-body\">The Complaint Handling Code, clause ");
		page_esc(out, err->clause);
		buf_puts(out, ", does not allow this.</p>");
	}
	buf_puts(out, "</div></div></div>\n");
}

/* ---- form -> JSON ---------------------------------------------------- */

/* Sets "v" (taken) at the dotted path "name" in "root", making objects
 * and lists ("decisions.0.reasons") on the way. */
static void put_path(json_t *root, const char *name, json_t *v)
{
	char seg[FORM_MAX_NAME + 1];
	json_t *at = root;

	for (;;) {
		size_t n = strcspn(name, ".");
		const char *next = name[n] == '.' ? name + n + 1 : NULL;
		json_t *child;
		int index_next;

		if (n > FORM_MAX_NAME)
			n = FORM_MAX_NAME;
		memcpy(seg, name, n);
		seg[n] = '\0';
		if (!next) {
			if (json_is_array(at)) {
				json_array_append_new(at, v);
			} else {
				json_object_set_new(at, seg, v);
			}
			return;
		}
		index_next = isdigit((unsigned char)*next);
		if (json_is_array(at)) {
			size_t idx = (size_t)atoi(seg);

			while (json_array_size(at) <= idx)
				json_array_append_new(at, index_next ? json_array() : json_object());
			child = json_array_get(at, idx);
		} else {
			child = json_object_get(at, seg);
			if (!child) {
				child = index_next ? json_array() : json_object();
				json_object_set_new(at, seg, child);
			}
		}
		at = child;
		name = next;
	}
}

/* Drops list items that are empty objects (a remedy row left blank). */
static void prune(json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach(v, k, x)
			prune(x);
	} else if (json_is_array(v)) {
		for (i = json_array_size(v); i-- > 0;) {
			x = json_array_get(v, i);
			prune(x);
			if (json_is_object(x) && !json_object_size(x))
				json_array_remove(v, i);
		}
	}
}

static const char *trimmed(const char *s, char *buf, size_t n)
{
	size_t len;

	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	if (len >= n)
		return NULL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

static int to_date(const json_t *form, const struct page_field *f, json_t *out,
		   struct rd_err *e)
{
	char k[96], t[3][16];
	const char *p[3];
	static const char *const parts[] = { "day", "month", "year" };
	int empty = 0, ymd[3];
	date_t d;

	for (int i = 0; i < 3; i++) {
		snprintf(k, sizeof(k), "%s.%s", f->name, parts[i]);
		p[i] = trimmed(form_str(form, k), t[i], sizeof(t[i]));
		empty += !p[i] || !*p[i];
	}
	if (empty == 3)
		return 0;
	for (int i = 0; i < 3; i++) {
		char *end;

		if (!p[i] || !*p[i])
			return err_set(e, RD_EINVAL, f->name, NULL, "%s must include a %s",
				       f->label, parts[i]);
		ymd[i] = (int)strtol(p[i], &end, 10);
		if (*end)
			return err_set(e, RD_EINVAL, f->name, NULL, "%s must be a real date",
				       f->label);
	}
	if (ymd[2] < 1900 || ymd[2] > 2200 || date_from_ymd(ymd[2], ymd[1], ymd[0], &d))
		return err_set(e, RD_EINVAL, f->name, NULL, "%s must be a real date", f->label);
	{
		char iso[DATE_STRLEN];

		put_path(out, f->name, json_string(date_format(d, iso)));
	}
	return 0;
}

json_t *page_fields_json(const struct page_field *fields, size_t n, const json_t *form,
			 struct rd_err *e)
{
	json_t *out = json_object();

	for (size_t i = 0; i < n; i++) {
		const struct page_field *f = &fields[i];
		const char *raw = form_str(form, f->name);
		char *buf = NULL;
		const char *v;

		if (f->type == PF_DATE) {
			if (to_date(form, f, out, e))
				goto fail;
			continue;
		}
		if (f->type == PF_BOOL) {
			put_path(out, f->name, json_boolean(raw && !strcmp(raw, "true")));
			continue;
		}
		if (f->type == PF_CHECKS) {
			json_t *list = json_array(), *x = json_object_get(form, f->name);
			size_t j;
			json_t *it;

			if (json_is_string(x))
				json_array_append(list, x);
			json_array_foreach(x, j, it)
				json_array_append(list, it);
			put_path(out, f->name, list);
			continue;
		}
		if (!raw)
			continue;
		buf = xmalloc(strlen(raw) + 1);
		v = trimmed(raw, buf, strlen(raw) + 1);
		if (!v || !*v) {
			free(buf);
			continue;
		}
		if (f->type == PF_INT) {
			char *end;
			long long x = strtoll(v, &end, 10);

			if (*end || end == v || x < -1000000000LL || x > 1000000000LL) {
				err_set(e, RD_EINVAL, f->name, NULL, "%s must be a whole number, like 10",
					f->label);
				free(buf);
				goto fail;
			}
			put_path(out, f->name, json_integer(x));
		} else if (f->type == PF_MONEY) {
			char *end;
			double x = strtod(!strncmp(v, "\xc2\xa3", 2) ? v + 2 : v, &end);

			if (*end || end == v || x < 0 || x > 1e9) {
				err_set(e, RD_EINVAL, f->name, NULL,
					"%s must be an amount in pounds, like 150 or 75.50", f->label);
				free(buf);
				goto fail;
			}
			put_path(out, f->name, json_real(x));
		} else if (f->type == PF_LINES) {
			json_t *list = json_array();
			const char *s = v;

			while (*s) {
				size_t len = strcspn(s, "\r\n");
				char line[2048];

				if (len && len < sizeof(line)) {
					memcpy(line, s, len);
					line[len] = '\0';
					if (trimmed(line, line, sizeof(line)) && *trimmed(line, line, sizeof(line)))
						json_array_append_new(list, json_string(line));
				}
				s += len;
				s += strspn(s, "\r\n");
			}
			put_path(out, f->name, list);
		} else {
			put_path(out, f->name, json_string(v));
		}
		free(buf);
	}
	prune(out);
	return out;
fail:
	json_decref(out);
	return NULL;
}

/* ---- option lists ------------------------------------------------------ */

static int add_user(const char *stream, const char *state, void *ctx)
{
	json_t *u = json_loads(state, 0, NULL), *list = ctx;
	const char *role = js_str(u, "role");

	(void)stream;
	if (role && (!strcmp(role, "handler") || !strcmp(role, "complaints_officer") ||
		     !strcmp(role, "senior_lead")) && !js_true(u, "disabled"))
		json_array_append(list, u);
	json_decref(u);
	return 0;
}

const char *const *page_handler_options(struct rec *r)
{
	static __thread char *opts[2 * 64 + 1];
	static __thread char text[64][160];
	json_t *list = json_array(), *u;
	size_t i, k = 0;

	r->st->ops->states(r->st, "user", add_user, list, NULL);
	json_array_foreach(list, i, u) {
		if (k >= 64)
			break;
		snprintf(text[k], sizeof(text[k]), "%s", js_str0(u, "name"));
		opts[2 * k] = text[k];
		opts[2 * k + 1] = text[k];
		k++;
	}
	opts[2 * k] = NULL;
	json_decref(list);
	return (const char *const *)opts;
}
