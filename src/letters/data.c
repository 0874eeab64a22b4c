/*
 * data.c - a complaint's state as the data a letter template is rendered
 * with.
 *
 * Dates are written out ("18 November 2026"), outcomes and amounts in
 * words and pounds, every text field on one line with its spaces
 * collapsed, and on a staff conduct complaint the name of the person
 * complained about is replaced wherever it appears.
 */
#include "letters/parts.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/complaint.h"
#include "util/json.h"

#define STAFF_WORDS "the member of staff"

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static void set_date(json_t *d, const char *key, date_t day)
{
	char s[32];
	int y, m, dd;

	if (day == DATE_NONE)
		return;
	date_to_ymd(day, &y, &m, &dd);
	snprintf(s, sizeof(s), "%d %s %d", dd, months[m - 1], y);
	json_object_set_new(d, key, json_string(s));
}

static void set_str(json_t *d, const char *key, const char *s)
{
	if (s)
		json_object_set_new(d, key, json_string(s));
}

static void money(double pounds, char *out, size_t n)
{
	long long pence = (long long)(pounds * 100 + 0.5) % 100000000000LL;
	char digits[32], grouped[48];
	int len, k = 0;

	len = snprintf(digits, sizeof(digits), "%lld", pence / 100);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	snprintf(out, n, "\xc2\xa3%s.%02lld", grouped, pence % 100);
}

/* ---- the recipient ---- */

/* The representative (with consent, Code 3.6), else the first signer of
 * a petition, else the complainant. */
const json_t *letter_recipient(const json_t *st, int *is_rep)
{
	const json_t *rep = json_object_get(st, "representative");
	const json_t *signers = json_object_get(st, "signers");

	*is_rep = 0;
	if (json_is_object(rep) && js_str(rep, "name") && js_str(rep, "consent_on")) {
		*is_rep = 1;
		return rep;
	}
	if (json_array_size(signers) && js_str(json_array_get(signers, 0), "name"))
		return json_array_get(signers, 0);
	return json_object_get(st, "complainant");
}

static void preferences(const json_t *person, struct letter *l)
{
	const char *fmt = js_str(person, "format"), *lang = js_str(person, "language");
	static const char *const english[] = {
		"english", "en", "en-gb", "en_gb", "en-us", NULL
	};

	snprintf(l->method, sizeof(l->method), "%s", js_str0(person, "method"));
	l->large_print = fmt && !strcmp(fmt, "large_print");
	l->plain_text_only = fmt && !strcmp(fmt, "plain_text");
	l->easy_read = fmt && !strcmp(fmt, "easy_read");
	l->language[0] = '\0';
	if (!lang || !*lang)
		return;
	for (int i = 0; english[i]; i++)
		if (!strcasecmp(lang, english[i]))
			return;
	snprintf(l->language, sizeof(l->language), "%s", lang);
}

/* ---- text clean-up and the staff member's name ---- */

static int word_char(int c)
{
	return isalnum(c) || c >= 0x80;
}

/* "s" with whitespace runs as one space, trimmed, and each whole-word,
 * case-insensitive occurrence of names[] replaced. */
static char *clean(const char *s, const char *const *names, int nnames)
{
	struct buf b = BUF_INIT;
	const char *p = s;

	while (*p && isspace((unsigned char)*p))
		p++;
	while (*p) {
		int hit = 0;

		if (isspace((unsigned char)*p)) {
			while (isspace((unsigned char)*p))
				p++;
			if (*p)
				buf_puts(&b, " ");
			continue;
		}
		if (p == s || !word_char((unsigned char)p[-1])) {
			for (int i = 0; i < nnames && !hit; i++) {
				size_t n = strlen(names[i]);

				if (!strncasecmp(p, names[i], n) &&
				    !word_char((unsigned char)p[n])) {
					buf_puts(&b, STAFF_WORDS);
					p += n;
					hit = 1;
				}
			}
		}
		if (!hit)
			buf_add(&b, p++, 1);
	}
	buf_puts(&b, "");
	return buf_detach(&b);
}

static void clean_all(json_t *v, const char *const *names, int nnames)
{
	const char *key;
	json_t *x;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach(v, key, x) {
			if (json_is_string(x)) {
				char *c = clean(json_string_value(x), names, nnames);

				json_object_set_new(v, key, json_string(c));
				free(c);
			} else {
				clean_all(x, names, nnames);
			}
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			if (json_is_string(x)) {
				char *c = clean(json_string_value(x), names, nnames);

				json_array_set_new(v, i, json_string(c));
				free(c);
			} else {
				clean_all(x, names, nnames);
			}
		}
	}
}

/* The subject's name, user name and each part of the name of three or
 * more letters, longest first, when the complaint is about staff. */
static void redact(const json_t *st, json_t *d)
{
	const json_t *subj = json_object_get(st, "subject");
	const char *names[12];
	char parts[256], *save = NULL, *tok;
	int n = 0;
	int staff = js_true(json_object_get(st, "flags"), "staff_conduct") ||
		    !strcmp(js_str0(subj, "kind"), "staff");

	if (staff) {
		if (js_str(subj, "name"))
			names[n++] = js_str(subj, "name");
		if (js_str(subj, "user"))
			names[n++] = js_str(subj, "user");
		snprintf(parts, sizeof(parts), "%s", js_str0(subj, "name"));
		for (tok = strtok_r(parts, " \t", &save); tok && n < 12;
		     tok = strtok_r(NULL, " \t", &save))
			if (strlen(tok) >= 3)
				names[n++] = tok;
	}
	clean_all(d, names, n);
}

/* ---- the landlord ---- */

static void landlord(const json_t *policy, json_t *d)
{
	const char *phone = js_str(policy, "phone"), *email = js_str(policy, "email");
	const char *addr = js_str(policy, "address"), *web = js_str(policy, "website");
	const char *ways[3];
	char text[1200];
	int n = 0;
	size_t used = 0;

	set_str(d, "organisation", js_str0(policy, "organisation"));
	set_str(d, "ombudsman_contact", js_str(policy, "ombudsman_contact"));
	set_str(d, "landlord_phone", phone);
	set_str(d, "landlord_email", email);
	set_str(d, "landlord_address", addr);
	set_str(d, "landlord_website", web);
	if (phone && *phone)
		ways[n++] = "phone";
	if (email && *email)
		ways[n++] = "email";
	if (addr && *addr)
		ways[n++] = "address";
	text[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";

		if (!strcmp(ways[i], "phone"))
			used += (size_t)snprintf(text + used, sizeof(text) - used,
						 "%sphone us on %s", sep, phone);
		else if (!strcmp(ways[i], "email"))
			used += (size_t)snprintf(text + used, sizeof(text) - used,
						 "%semail us at %s", sep, email);
		else
			used += (size_t)snprintf(text + used, sizeof(text) - used,
						 "%swrite to us at %s", sep, addr);
		if (used >= sizeof(text))
			break;
	}
	set_str(d, "landlord_contact", text);
}

/* ---- the case ---- */

static json_t *points_of(const json_t *sj)
{
	const json_t *def = json_object_get(sj, "definition");
	json_t *pts = json_object_get(def, "points");

	if (json_is_array(pts) && json_array_size(pts))
		return json_incref(pts);
	return js_str(def, "summary") ? json_pack("[s]", js_str(def, "summary")) : json_array();
}

static void definition(const json_t *sj, json_t *d)
{
	const json_t *def = json_object_get(sj, "definition");
	json_t *pts = json_object_get(def, "points");

	set_str(d, "summary", js_str(def, "summary"));
	set_str(d, "outcomes_sought", js_str(def, "outcomes_sought"));
	set_str(d, "responsible", js_str(def, "responsible"));
	set_str(d, "not_responsible", js_str(def, "not_responsible"));
	if (json_array_size(pts) > 1) {
		json_object_set(d, "points", pts);
		json_object_set_new(d, "several_points", json_true());
	}
}

static int point_index(const json_t *dec, const json_t *pts)
{
	json_t *pt = json_object_get(dec, "point");
	size_t i;
	json_t *x;
	char num[24];

	if (json_is_integer(pt)) {
		json_int_t k = json_integer_value(pt);

		return k >= 1 && (size_t)k <= json_array_size(pts) ? (int)k : 0;
	}
	json_array_foreach(pts, i, x) {
		snprintf(num, sizeof(num), "%zu", i + 1);
		if (json_is_string(pt) && (!strcmp(json_string_value(pt), json_string_value(x)) ||
					   !strcmp(json_string_value(pt), num)))
			return (int)i + 1;
	}
	return 0;
}

static const char *outcome_words(const char *o)
{
	if (!o)
		return NULL;
	if (!strcmp(o, "upheld"))
		return "Upheld";
	if (!strcmp(o, "partly_upheld"))
		return "Partly upheld";
	if (!strcmp(o, "not_upheld"))
		return "Not upheld";
	return NULL;
}

static void decisions(const json_t *sj, json_t *d)
{
	json_t *pts = points_of(sj), *out = json_array(), *x;
	size_t i;
	int upheld = 0;

	json_array_foreach(json_object_get(sj, "decisions"), i, x) {
		int k = point_index(x, pts);
		const char *o = js_str(x, "outcome");
		json_t *one = json_object();

		json_object_set_new(one, "number", json_integer(k ? k : (int)i + 1));
		set_str(one, "point", k ? json_string_value(json_array_get(pts, (size_t)k - 1)) : "");
		set_str(one, "outcome", outcome_words(o));
		set_str(one, "reasons", js_str(x, "reasons"));
		if (o && strcmp(o, "not_upheld"))
			upheld = 1;
		json_array_append_new(out, one);
	}
	json_object_set_new(d, "decisions", out);
	json_object_set_new(d, "upheld", json_boolean(upheld));
	json_decref(pts);
}

static json_t *item(const json_t *x)
{
	json_t *one = json_object();
	json_t *amt = json_object_get(x, "amount");

	set_str(one, "description", js_str(x, "description"));
	set_date(one, "due_on", js_date(x, "due_on"));
	set_date(one, "completed_on", js_date(x, "completed_on"));
	if (json_is_number(amt) && json_number_value(amt) > 0) {
		char m[64];

		money(json_number_value(amt), m, sizeof(m));
		set_str(one, "amount", m);
	}
	return one;
}

/* Items of "list": of stage "stage" (0: any), and those of earlier
 * stages still open; only those still open with "open_only". */
static json_t *items(const json_t *st, const char *list, int stage, int open_only)
{
	json_t *out = json_array(), *x;
	size_t i;

	json_array_foreach(json_object_get(st, list), i, x) {
		int open = js_date(x, "completed_on") == DATE_NONE;
		int of = (int)js_int(x, "stage", 1);

		if (stage && of != stage && !(of < stage && open))
			continue;
		if (open_only && !open)
			continue;
		json_array_append_new(out, item(x));
	}
	return out;
}

static int no_letter(const json_t *st, const char *why, struct rd_err *e)
{
	return err_set(e, RD_ESTATE, "kind", NULL, "complaint %s %s",
		       js_str0(st, "reference"), why);
}

static int response(const struct letter_src *src, const json_t *sj, json_t *d,
		    int stage, int final, struct rd_err *e)
{
	const json_t *st = src->complaint;
	json_t *rem;
	date_t resp = js_date(sj, "responded_on");

	if (resp == DATE_NONE) {
		char why[80];

		snprintf(why, sizeof(why), "has had no response at stage %d yet", stage);
		return no_letter(st, why, e);
	}
	definition(sj, d);
	decisions(sj, d);
	set_date(d, "responded_on", resp);
	rem = items(st, "remedies", stage, 0);
	if (!json_array_size(rem) && js_true(d, "upheld")) {
		/* upheld again: the remedies already offered stand */
		json_decref(rem);
		rem = items(st, "remedies", 0, 0);
	}
	json_object_set_new(d, "remedies", rem);
	json_object_set_new(d, "actions", items(st, "actions", stage, 0));
	if (stage < final) {
		int window = (int)js_int(src->policy, "escalation_window_days", 20);
		date_t by;

		json_object_set_new(d, "escalation_window_days", json_integer(window));
		if (src->cal && cal_add(src->cal, resp, window, &by, NULL) == 0)
			set_date(d, "escalate_by", by);
	}
	return 0;
}

static int update_interval(const json_t *st, const json_t *sj)
{
	const json_t *ext = json_object_get(sj, "extensions");
	long long n = js_int(json_object_get(st, "update_schedule"), "interval_days", 0);
	size_t i = json_array_size(ext);

	while (!n && i > 0)
		n = js_int(json_array_get(ext, --i), "update_interval_days", 0);
	return (int)n;
}

static int kind_data(const struct letter_src *src, const json_t *sj, json_t *d,
		     int stage, struct rd_err *e)
{
	const json_t *st = src->complaint, *x;
	char why[96];

	switch (src->kind) {
	case LETTER_ACKNOWLEDGEMENT:
		if (js_date(sj, "acknowledged_on") == DATE_NONE) {
			snprintf(why, sizeof(why), "has not been acknowledged at stage %d", stage);
			return no_letter(st, why, e);
		}
		definition(sj, d);
		set_date(d, "acknowledged_on", js_date(sj, "acknowledged_on"));
		/* The date given at acknowledgement, not one moved later. */
		set_date(d, "respond_by", js_date(sj, "respond_by_original") != DATE_NONE
			 ? js_date(sj, "respond_by_original") : js_date(sj, "respond_by"));
		set_date(d, "requested_on", js_date(sj, "requested_on"));
		return 0;
	case LETTER_REFUSAL:
	case LETTER_ESCALATION_REFUSAL:
		x = json_object_get(st, src->kind == LETTER_REFUSAL ? "refusal" : "escalation_refusal");
		if (!json_is_object(x))
			return no_letter(st, src->kind == LETTER_REFUSAL ? "was not refused"
					 : "has had no stage 2 request refused", e);
		set_str(d, "reason_text", js_str(x, "reason_text"));
		set_str(d, "explanation", js_str(x, "explanation"));
		set_date(d, "refused_on", js_date(x, "refused_on"));
		json_object_set_new(d, "discretion_considered",
				    json_boolean(js_true(x, "discretion_considered")));
		return 0;
	case LETTER_EXTENSION:
		x = json_array_get(json_object_get(sj, "extensions"),
				   json_array_size(json_object_get(sj, "extensions")) - 1);
		if (!x) {
			snprintf(why, sizeof(why), "has no extension at stage %d", stage);
			return no_letter(st, why, e);
		}
		set_date(d, "respond_by", js_date(x, "respond_by"));
		set_date(d, "previous_respond_by", js_date(x, "previous_respond_by"));
		json_object_set_new(d, "working_days", json_integer(js_int(x, "working_days", 0)));
		set_str(d, "reason", js_str(x, "reason"));
		if (js_int(x, "update_interval_days", 0) > 0) {
			json_object_set_new(d, "update_interval_days",
					    json_integer(js_int(x, "update_interval_days", 0)));
			set_date(d, "next_update", src->today + (date_t)js_int(x, "update_interval_days", 0));
		}
		return 0;
	case LETTER_RESPONSE:
		return response(src, sj, d, stage, letter_final_stage(st, src->policy), e);
	case LETTER_UPDATE: {
		int n = update_interval(st, sj);
		date_t due = js_date(sj, "respond_by");
		int responded = js_date(sj, "responded_on") != DATE_NONE;

		if (!cmp_is_open(st))
			return no_letter(st, "is not open, so there is nothing to update", e);
		json_object_set_new(d, "responded", json_boolean(responded));
		if (!responded) {
			set_date(d, "respond_by", due);
			json_object_set_new(d, "late", json_boolean(due != DATE_NONE && src->today > due));
		}
		if (n > 0) {
			json_object_set_new(d, "update_interval_days", json_integer(n));
			set_date(d, "next_update", src->today + n);
		}
		json_object_set_new(d, "actions", items(st, "actions", 0, 1));
		json_object_set_new(d, "remedies", items(st, "remedies", 0, 1));
		return 0;
	}
	default:
		return err_set(e, RD_EINVAL, "kind", NULL, "unknown letter kind");
	}
}

int letter_data(const struct letter_src *src, struct letter *l, struct rd_err *e)
{
	const json_t *st = src->complaint, *to, *sj;
	json_t *d = json_object();
	int is_rep;

	sj = cmp_stage(st, l->stage);
	if (!sj && src->kind != LETTER_REFUSAL) {
		json_decref(d);
		return err_set(e, RD_ESTATE, "stage", NULL, "complaint %s has not reached stage %d",
			       js_str0(st, "reference"), l->stage);
	}
	to = letter_recipient(st, &is_rep);
	preferences(src->person, l);
	snprintf(l->email, sizeof(l->email), "%s", js_str(to, "email") ? js_str(to, "email")
		 : js_str0(src->person, "email"));
	set_str(d, "reference", js_str0(st, "reference"));
	set_date(d, "date", src->today);
	set_date(d, "received_on", js_date(st, "received_on"));
	set_str(d, "recipient_name", js_str(to, "name"));
	if (js_str(to, "address")) {
		/* Lines of an address survive the clean-up as ", ". */
		struct buf a = BUF_INIT;

		for (const char *p = js_str(to, "address"); *p; p++) {
			if (*p == '\n')
				buf_puts(&a, ", ");
			else if (*p != '\r')
				buf_add(&a, p, 1);
		}
		set_str(d, "recipient_address", buf_str(&a));
		buf_free(&a);
	}
	json_object_set_new(d, "representative", json_boolean(is_rep));
	if (is_rep)
		set_str(d, "resident_name", js_str(json_object_get(st, "complainant"), "name"));
	json_object_set_new(d, "stage", json_integer(l->stage));
	json_object_set_new(d, "stage1", json_boolean(l->stage == 1));
	json_object_set_new(d, "stage2", json_boolean(l->stage == 2));
	json_object_set_new(d, "stage3", json_boolean(l->stage == 3));
	json_object_set_new(d, "last_stage", json_boolean(l->stage >= l->final_stage));
	if (l->stage < l->final_stage)
		json_object_set_new(d, "next_stage", json_integer(l->stage + 1));
	json_object_set_new(d, "staff_conduct", json_boolean(
		js_true(json_object_get(st, "flags"), "staff_conduct")));
	landlord(src->policy, d);
	if (kind_data(src, sj, d, l->stage, e)) {
		json_decref(d);
		return -1;
	}
	json_object_set_new(d, "has_actions", json_boolean(
		json_array_size(json_object_get(d, "actions")) > 0));
	json_object_set_new(d, "has_remedies", json_boolean(
		json_array_size(json_object_get(d, "remedies")) > 0));
	redact(st, d);
	l->data = d;
	return 0;
}
