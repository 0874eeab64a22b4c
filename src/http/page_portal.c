/*
 * page_portal.c - the resident portal: /complain, a question flow with one
 * thing per page, and /track, following a complaint with a one-time code.
 *
 * The flow keeps no state on the server until the resident sends it: each
 * page posts every answer so far (as hidden fields) with its own, and the
 * complaint is made, with the resident's contact preferences and the
 * adjustments they asked for, in one transaction at the end.  The word
 * "complaint" is never required of the resident (Code 1.2).
 */
#include "http/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "http/api.h"
#include "util/form.h"
#include "http/throttle.h"
#include "letters/letters.h"
#include "store/auth.h"
#include "util/json.h"

#define N(f) (sizeof(f) / sizeof((f)[0]))

static const char *const for_whom[] = {
	"myself", "Myself", "someone_else", "Someone else, with their agreement", NULL
};
static const char *const about[] = {
	"repairs", "A repair, or a repair that was not done well", "damp_and_mould", "Damp or mould",
	"leaks", "A leak", "asb_handling", "How we dealt with anti-social behaviour",
	"staff_conduct", "How a member of staff treated me", "rent_and_service_charges",
	"Rent or service charges", "estate_services", "Cleaning, grounds or communal areas",
	"communication", "How we kept in touch with me", "other", "Something else", NULL
};
static const char *const contact_methods[] = {
	"email", "Email", "phone", "Phone", "letter", "Letter by post", NULL
};
static const char *const frequencies[] = {
	"at_each_step", "When something happens", "weekly", "Every week", "fortnightly",
	"Every two weeks", "monthly", "Every month", NULL
};
static const char *const formats[] = {
	"large_print", "Large print", "easy_read", "Easy read", "plain_text",
	"Plain text emails (no attachments)", NULL
};

static const struct page_field s_name[] = {
	{ "name", PF_TEXT, "What is your full name?", NULL, NULL, 0 },
};
static const struct page_field s_whom[] = {
	{ "for", PF_RADIOS, "Who is this about?", NULL, for_whom, 0 },
};
static const struct page_field s_someone[] = {
	{ "their_name", PF_TEXT, "Their full name", NULL, NULL, 0 },
	{ "relationship", PF_TEXT, "How do you know them?", "For example, their son, their support worker, their councillor", NULL, 0 },
	{ "their_address", PF_TEXTAREA, "Their address", NULL, NULL, PF_OPTIONAL },
	{ "consent", PF_BOOL, "They have agreed that I can act for them", NULL, NULL, 0 },
};
static const struct page_field s_about[] = {
	{ "category", PF_RADIOS, "What is it about?", NULL, about, 0 },
};
static const struct page_field s_what[] = {
	{ "description", PF_TEXTAREA, "What happened?", "Tell us in your own words. Include anything you have already told us.", NULL, 0 },
};
static const struct page_field s_when[] = {
	{ "issue_date", PF_DATE, "When did it happen, or when did you find out?", "For example, 27 3 2026. Leave it empty if you are not sure.", NULL, PF_OPTIONAL },
};
static const struct page_field s_outcome[] = {
	{ "outcomes_sought", PF_TEXTAREA, "What would you like us to do to put things right?", NULL, NULL, 0 },
};
static const struct page_field s_contact[] = {
	{ "method", PF_RADIOS, "How should we contact you?", NULL, contact_methods, 0 },
	{ "email", PF_EMAIL, "Email address", NULL, NULL, PF_OPTIONAL },
	{ "phone", PF_TEL, "Phone number", NULL, NULL, PF_OPTIONAL },
	{ "address", PF_TEXTAREA, "Postal address", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field s_often[] = {
	{ "frequency", PF_RADIOS, "How often would you like us to update you?", NULL, frequencies, 0 },
};
static const struct page_field s_needs[] = {
	{ "formats", PF_CHECKS, "Do you need our letters in another format?", "Choose any that apply", formats, PF_OPTIONAL },
	{ "language", PF_TEXT, "Would you like us to use a language other than English?", "Tell us which", NULL, PF_OPTIONAL },
	{ "adjustment", PF_TEXTAREA, "Is there anything else we should do to make this easier for you?", "For example, call at a set time, or speak to someone who supports you", NULL, PF_OPTIONAL },
};

static const struct step {
	const char *id, *title;
	const struct page_field *fields;
	size_t n;
} steps[] = {
	{ "name", "What is your full name?", s_name, N(s_name) },
	{ "for", "Who is this about?", s_whom, N(s_whom) },
	{ "someone", "About the person you are acting for", s_someone, N(s_someone) },
	{ "about", "What is it about?", s_about, N(s_about) },
	{ "what", "What happened?", s_what, N(s_what) },
	{ "when", "When did it happen?", s_when, N(s_when) },
	{ "outcome", "What would you like us to do?", s_outcome, N(s_outcome) },
	{ "contact", "How should we contact you?", s_contact, N(s_contact) },
	{ "often", "How often would you like updates?", s_often, N(s_often) },
	{ "needs", "Is there anything we can do to help you?", s_needs, N(s_needs) },
};

static const struct step *step_named(const char *id)
{
	for (size_t i = 0; id && i < N(steps); i++)
		if (!strcmp(steps[i].id, id))
			return &steps[i];
	return NULL;
}

/* Whether a field belongs to "st" (dates have three parts). */
static int in_step(const struct step *st, const char *name)
{
	for (size_t i = 0; st && i < st->n; i++) {
		size_t n = strlen(st->fields[i].name);

		if (!strcmp(st->fields[i].name, name) ||
		    (!strncmp(st->fields[i].name, name, n) && name[n] == '.'))
			return 1;
	}
	return 0;
}

/* Every answer so far, except the step's own, as hidden inputs. */
static void carry(struct buf *out, const json_t *answers, const struct step *st)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)answers, k, v) {
		size_t i;
		json_t *x;

		if (in_step(st, k) || !strcmp(k, "step") || !strcmp(k, "goto") || !strcmp(k, "send"))
			continue;
		if (json_is_array(v)) {
			json_array_foreach(v, i, x) {
				buf_printf(out, "<input type=\"hidden\" name=\"%s\" value=\"", k);
				page_esc(out, json_string_value(x));
				buf_puts(out, "\">\n");
			}
		} else {
			buf_printf(out, "<input type=\"hidden\" name=\"%s\" value=\"", k);
			page_esc(out, json_string_value(v));
			buf_puts(out, "\">\n");
		}
	}
}

static int ask(struct req *q, struct rec *r, int status, const struct step *st,
	       const json_t *answers, const struct rd_err *err)
{
	struct buf f = BUF_INIT, s = BUF_INIT;
	int single = st->n == 1;
	json_t *data;

	page_error_summary(&s, st->fields, st->n, err);
	carry(&f, answers, st);
	buf_printf(&f, "<input type=\"hidden\" name=\"step\" value=\"%s\">\n", st->id);
	page_fields_html(&f, st->fields, st->n, answers, err);
	data = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "action", "/complain", "submit", "Continue",
			 "fields", f.s ? f.s : "", "summary", s.s ? s.s : "", "error", err != NULL,
			 "caption", "Tell us what went wrong");
	(void)single;
	buf_free(&f);
	buf_free(&s);
	return page_show(q, r, status, st->title, "form", data);
}

/* The step after "st" for these answers; NULL: check the answers. */
static const struct step *after(const struct step *st, const json_t *answers)
{
	size_t i = (size_t)(st - steps) + 1;

	if (i < N(steps) && !strcmp(steps[i].id, "someone") &&
	    strcmp(form_str(answers, "for") ? form_str(answers, "for") : "", "someone_else"))
		i++;
	return i < N(steps) ? &steps[i] : NULL;
}

/* The rules of each page, in words a resident understands. */
static int check_step(const struct step *st, const json_t *a, struct rd_err *e)
{
	json_t *in;
	const char *m;

	err_clear(e);
	if (!(in = page_fields_json(st->fields, st->n, a, e)))
		return -1;
	json_decref(in);
#define NEED(field, msg) do { const char *v_ = form_str(a, field); \
	if (!v_ || !*v_ || strspn(v_, " \t\r\n") == strlen(v_)) \
		return err_set(e, RD_EINVAL, field, NULL, msg); } while (0)
	if (!strcmp(st->id, "name"))
		NEED("name", "Enter your full name");
	if (!strcmp(st->id, "for"))
		NEED("for", "Select who this is about");
	if (!strcmp(st->id, "someone")) {
		NEED("their_name", "Enter their full name");
		NEED("relationship", "Tell us how you know them");
		if (!form_str(a, "consent"))
			return err_set(e, RD_EINVAL, "consent", "3.6",
				       "We need their agreement before you can act for them");
	}
	if (!strcmp(st->id, "about"))
		NEED("category", "Select what it is about");
	if (!strcmp(st->id, "what"))
		NEED("description", "Tell us what happened");
	if (!strcmp(st->id, "outcome"))
		NEED("outcomes_sought", "Tell us what you would like us to do");
	if (!strcmp(st->id, "contact")) {
		NEED("method", "Select how we should contact you");
		m = form_str(a, "method");
		if (!strcmp(m, "email"))
			NEED("email", "Enter your email address");
		if (!strcmp(m, "phone"))
			NEED("phone", "Enter your phone number");
		if (!strcmp(m, "letter"))
			NEED("address", "Enter your postal address");
		if (form_str(a, "email") && *form_str(a, "email") && !strchr(form_str(a, "email"), '@'))
			return err_set(e, RD_EINVAL, "email", NULL,
				       "Enter an email address in the right format, like name@example.com");
	}
	if (!strcmp(st->id, "often"))
		NEED("frequency", "Select how often you would like updates");
#undef NEED
	return 0;
}

static const char *label_of(const char *const *opts, const char *v)
{
	for (int i = 0; opts[i] && v; i += 2)
		if (!strcmp(opts[i], v))
			return opts[i + 1];
	return v ? v : "";
}

static void row(json_t *rows, const char *step, const char *label, const char *value)
{
	json_array_append_new(rows, json_pack("{s:s, s:s, s:s}", "step", step, "label", label,
					      "value", value ? value : ""));
}

static int check_answers(struct req *q, struct rec *r, const json_t *a, const struct rd_err *err)
{
	struct buf hidden = BUF_INIT, s = BUF_INIT;
	json_t *rows = json_array(), *data;
	char when[32] = "";
	const char *fmts = "";
	char fmtbuf[160] = "";
	const json_t *fl = json_object_get(a, "formats");
	size_t i;
	json_t *x;

#define ROW(step, label, value) row(rows, step, label, value)
	ROW("name", "Your name", form_str(a, "name"));
	ROW("for", "About", label_of(for_whom, form_str(a, "for")));
	if (form_str(a, "for") && !strcmp(form_str(a, "for"), "someone_else")) {
		ROW("someone", "Their name", form_str(a, "their_name"));
		ROW("someone", "How you know them", form_str(a, "relationship"));
	}
	ROW("about", "What it is about", label_of(about, form_str(a, "category")));
	ROW("what", "What happened", form_str(a, "description"));
	{
		char k[3][40];
		const char *d, *m, *y;

		snprintf(k[0], 40, "issue_date.day");
		snprintf(k[1], 40, "issue_date.month");
		snprintf(k[2], 40, "issue_date.year");
		d = form_str(a, k[0]);
		m = form_str(a, k[1]);
		y = form_str(a, k[2]);
		if (d && m && y && *d && *m && *y)
			snprintf(when, sizeof(when), "%s/%s/%s", d, m, y);
	}
	ROW("when", "When it happened", *when ? when : "Not sure");
	ROW("outcome", "What you would like us to do", form_str(a, "outcomes_sought"));
	ROW("contact", "How to contact you", label_of(contact_methods, form_str(a, "method")));
	ROW("contact", "Email", form_str(a, "email"));
	ROW("contact", "Phone", form_str(a, "phone"));
	ROW("contact", "Address", form_str(a, "address"));
	ROW("often", "Updates", label_of(frequencies, form_str(a, "frequency")));
	if (json_is_string(fl))
		fmts = label_of(formats, json_string_value(fl));
	json_array_foreach(fl, i, x) {
		size_t n = strlen(fmtbuf);

		snprintf(fmtbuf + n, sizeof(fmtbuf) - n, "%s%s", n ? ", " : "",
			 label_of(formats, json_string_value(x)));
		fmts = fmtbuf;
	}
	ROW("needs", "Letters in", *fmts ? fmts : "Standard");
	ROW("needs", "Language", form_str(a, "language"));
	ROW("needs", "Anything else", form_str(a, "adjustment"));
#undef ROW
	carry(&hidden, a, NULL);
	page_error_summary(&s, NULL, 0, err);
	data = json_pack("{s:o, s:s, s:s, s:b}", "rows", rows, "hidden", hidden.s ? hidden.s : "",
			 "summary", s.s ? s.s : "", "error", err != NULL);
	buf_free(&hidden);
	buf_free(&s);
	return page_show(q, r, err ? 422 : 200, "Check your answers before sending", "complain_check", data);
}

/* The complaint, the resident's preferences and adjustments, in one
 * transaction. */
static int send_complaint(struct req *q, struct rec *r, const json_t *a)
{
	struct rd_err e;
	json_t *in, *st = NULL, *cp, *prefs, *fl;
	const char *pid;
	char ack[32], review[DATE_STRLEN];
	int status, someone = form_str(a, "for") && !strcmp(form_str(a, "for"), "someone_else");
	size_t i;
	json_t *x;

	err_clear(&e);
	in = page_fields_json(s_when, N(s_when), a, &e);
	if (!in)
		return check_answers(q, r, a, &e);
	json_object_set_new(in, "channel", json_string("web"));
	json_object_set_new(in, "category", json_string(form_str(a, "category") ? form_str(a, "category") : "other"));
	json_object_set_new(in, "description", json_string(form_str(a, "description") ? form_str(a, "description") : ""));
	if (form_str(a, "outcomes_sought") && *form_str(a, "outcomes_sought"))
		json_object_set_new(in, "outcomes_sought", json_string(form_str(a, "outcomes_sought")));
	cp = json_object();
	json_object_set_new(cp, "name", json_string(form_str(a, someone ? "their_name" : "name") ? form_str(a, someone ? "their_name" : "name") : ""));
	if (!someone || (form_str(a, "their_address") && *form_str(a, "their_address"))) {
		static const char *const keys[] = { "email", "phone", "address", NULL };

		for (int k = 0; keys[k]; k++) {
			const char *v = someone && !strcmp(keys[k], "address") ? form_str(a, "their_address")
				      : form_str(a, keys[k]);

			if (v && *v && (!someone || !strcmp(keys[k], "address")))
				json_object_set_new(cp, keys[k], json_string(v));
		}
	}
	if (someone) {
		json_t *rep = json_pack("{s:s, s:s, s:s}", "name", form_str(a, "name") ? form_str(a, "name") : "",
					"relationship", form_str(a, "relationship") ? form_str(a, "relationship") : "",
					"consent_on", date_format(r->today, review));
		static const char *const keys[] = { "email", "phone", "address", NULL };

		for (int k = 0; keys[k]; k++)
			if (form_str(a, keys[k]) && *form_str(a, keys[k])) {
				json_object_set_new(rep, keys[k], json_string(form_str(a, keys[k])));
				/* The complainant needs a way to be reached: through
				 * the person acting for them. */
				if (!json_object_get(cp, keys[k]) && strcmp(keys[k], "address"))
					json_object_set_new(cp, keys[k], json_string(form_str(a, keys[k])));
			}
		json_object_set_new(in, "representative", rep);
	}
	json_object_set_new(in, "complainant", cp);

	snprintf(r->role, sizeof(r->role), "resident");
	snprintf(r->actor, sizeof(r->actor), "resident (web form)");
	if (rec_batch_begin(r, &e))
		goto fail;
	if (rec_complaint(r, NULL, "new", in, &st, &e)) {
		rec_batch_rollback(r);
		goto fail;
	}
	pid = js_str(json_object_get(st, "complainant"), "person_id");
	prefs = json_object();
	if (form_str(a, "method"))
		json_object_set_new(prefs, "method", json_string(form_str(a, "method")));
	if (form_str(a, "frequency"))
		json_object_set_new(prefs, "frequency", json_string(form_str(a, "frequency")));
	if (form_str(a, "language") && *form_str(a, "language"))
		json_object_set_new(prefs, "language", json_string(form_str(a, "language")));
	fl = json_object_get(a, "formats");
	if (json_is_string(fl))
		json_object_set_new(prefs, "format", json_string(json_string_value(fl)));
	else if (json_array_size(fl))
		json_object_set_new(prefs, "format", json_string(json_string_value(json_array_get(fl, 0))));
	status = pid && !someone ? rec_person(r, pid, "preferences", prefs, NULL, &e) : 0;
	json_decref(prefs);
	/* Every adjustment asked for is recorded, to be reviewed in three
	 * months (Code 5.10); formats beyond the first become adjustments
	 * too. */
	date_format(date_add_months(r->today, 3), review);
	json_array_foreach(fl, i, x)
		if (!status && i > 0 && pid)
			status = rec_person(r, pid, "adjust", json_pack("{s:s, s:s}", "description",
					    label_of(formats, json_string_value(x)), "review_on", review), NULL, &e);
	if (!status && pid && form_str(a, "adjustment") && *form_str(a, "adjustment")) {
		json_t *adj = json_pack("{s:s, s:s}", "description", form_str(a, "adjustment"),
					"review_on", review);

		status = rec_person(r, pid, "adjust", adj, NULL, &e);
		json_decref(adj);
	}
	if (status || rec_batch_commit(r, &e)) {
		if (status)
			rec_batch_rollback(r);
		json_decref(st);
		goto fail;
	}
	json_decref(in);
	status = page_show(q, r, 200, "We have your complaint", "complain_done",
			   json_pack("{s:s, s:s, s:s?}", "reference", js_str0(st, "reference"),
				     "acknowledge_by", page_date(js_str(json_object_get(st, "deadlines"), "acknowledge_by"), ack),
				     "email", form_str(a, "email")));
	json_decref(st);
	return status;
fail:
	json_decref(in);
	return check_answers(q, r, a, &e);
}

int page_complain(struct req *q, struct rec *r)
{
	const struct step *st;
	struct rd_err e;
	json_t *a;
	int status;

	if (strcmp(q->method, "POST"))
		return page_show(q, r, 200, "Tell us what went wrong", "complain_start", json_object());
	if ((status = page_form(q, r, &a)))
		return status;
	if (form_str(a, "goto") && (st = step_named(form_str(a, "goto")))) {
		json_object_set_new(a, "checking", json_string("yes"));
		status = ask(q, r, 200, st, a, NULL);
	} else if (form_str(a, "send")) {
		status = send_complaint(q, r, a);
	} else if (!(st = step_named(form_str(a, "step")))) {
		status = ask(q, r, 200, &steps[0], a, NULL);
	} else if (check_step(st, a, &e)) {
		status = ask(q, r, 422, st, a, &e);
	} else {
		const struct step *next = after(st, a);

		/* From "check your answers", a change goes back there (unless
		 * it opens a page not yet answered). */
		if (form_str(a, "checking") && next && !strcmp(next->id, "someone") &&
		    !form_str(a, "their_name"))
			status = ask(q, r, 200, next, a, NULL);
		else if (form_str(a, "checking") || !next)
			status = check_answers(q, r, a, NULL);
		else
			status = ask(q, r, 200, next, a, NULL);
	}
	json_decref(a);
	return status;
}

/* ---- /track ----------------------------------------------------------------- */

static const struct page_field f_find[] = {
	{ "reference", PF_TEXT, "Complaint reference", "It is on our letters and emails, like CMP-2026-000123", NULL, PF_SMALL },
	{ "email", PF_EMAIL, "Email address", "The one you gave us", NULL, 0 },
};
static const struct page_field f_code[] = {
	{ "reference", PF_HIDDEN, "", NULL, NULL, 0 },
	{ "code", PF_TEXT, "Enter the 6-digit code", "We have sent it to your email address. It lasts 15 minutes.", NULL, PF_SMALL },
};

static int track_form(struct req *q, struct rec *r, int status, const struct page_field *f, size_t n,
		      const char *title, const char *submit, const json_t *values,
		      const struct rd_err *err, const char *intro)
{
	struct buf fields = BUF_INIT, s = BUF_INIT;
	json_t *data;

	page_error_summary(&s, f, n, err);
	buf_printf(&fields, "<input type=\"hidden\" name=\"step\" value=\"%s\">\n",
		   f == f_code ? "code" : "find");
	page_fields_html(&fields, f, n, values, err);
	data = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:[s?]}", "action", "/track", "submit", submit,
			 "fields", fields.s ? fields.s : "", "summary", s.s ? s.s : "", "error", err != NULL,
			 "caption", "Follow your complaint", "intro", intro);
	buf_free(&fields);
	buf_free(&s);
	return page_show(q, r, status, title, "form", data);
}

static int ref_ok(const char *ref)
{
	size_t n = ref ? strlen(ref) : 0;

	return n > 0 && n < 40 && strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static int matches(const char *a, const char *b)
{
	return a && b && *a && !strcasecmp(a, b);
}

int page_track(struct req *q, struct rec *r)
{
	const char *ref, *step;
	char code[7], stream[64], upper[40], key[96];
	struct rd_err e;
	json_t *form, *c;
	int status, wait;
	time_t now = time(NULL);

	if (strcmp(q->method, "POST"))
		return track_form(q, r, 200, f_find, N(f_find), "Follow your complaint", "Send me a code",
				  NULL, NULL, "We will email you a code to see your complaint.");
	if ((status = page_form(q, r, &form)))
		return status;
	ref = form_str(form, "reference");
	step = form_str(form, "step");
	snprintf(upper, sizeof(upper), "%s", ref ? ref : "");
	for (char *p = upper; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
	json_object_set_new(form, "reference", json_string(upper));
	err_clear(&e);
	if (step && !strcmp(step, "code")) {
		char token[AUTH_TOKEN_LEN];

		snprintf(key, sizeof(key), "track:%s", upper);
		if ((wait = throttle_wait(key, now))) {
			q->retry_after = wait;
			err_set(&e, RD_EDENIED, "code", NULL, "Too many wrong codes: try again in %d minutes",
				(wait + 59) / 60);
			status = track_form(q, r, 429, f_code, N(f_code), "Check your email", "Continue",
					    form, &e, NULL);
		} else if (!ref_ok(upper) || auth_track_session(r, upper, form_str(form, "code"), token, &e)) {
			if (e.kind == RD_OK)
				err_set(&e, RD_EDENIED, "code", NULL, "The code is not right, or it has expired");
			throttle_fail(key, THROTTLE_USER_LIMIT, now);
			json_object_del(form, "code");
			status = track_form(q, r, e.kind == RD_EINVAL ? 422 : 401, f_code, N(f_code),
					    "Check your email", "Continue", form, &e, NULL);
		} else {
			throttle_clear(key);
			snprintf(q->cookie, sizeof(q->cookie),
				 "redress_track=%s; Path=/track; HttpOnly; SameSite=Strict; Max-Age=%d", token,
				 AUTH_TRACK_SECONDS);
			memset(token, 0, sizeof(token));
			status = page_see_other(q, "/track/case");
		}
		json_decref(form);
		return status;
	}
	if (!ref_ok(upper)) {
		err_set(&e, RD_EINVAL, "reference", NULL,
			"Enter your complaint reference, like CMP-2026-000123");
	} else if (!form_str(form, "email") || !strchr(form_str(form, "email"), '@')) {
		err_set(&e, RD_EINVAL, "email", NULL,
			"Enter an email address in the right format, like name@example.com");
	}
	if (e.kind != RD_OK) {
		status = track_form(q, r, 422, f_find, N(f_find), "Follow your complaint", "Send me a code",
				    form, &e, NULL);
		json_decref(form);
		return status;
	}
	/* The same answer whether or not the details match: the page never
	 * says whether a reference exists. */
	snprintf(key, sizeof(key), "trackmail:%s", upper);
	snprintf(stream, sizeof(stream), "complaint:%s", upper);
	if (!throttle_wait(key, now) && !rec_load(r, stream, &c, NULL)) {
		const json_t *cp = json_object_get(c, "complainant"), *rep = json_object_get(c, "representative");
		const char *to = matches(js_str(cp, "email"), form_str(form, "email")) ? js_str(cp, "email")
			       : matches(js_str(rep, "email"), form_str(form, "email")) ? js_str(rep, "email") : NULL;

		if (to) {
			throttle_fail(key, THROTTLE_USER_LIMIT, now);
			if (auth_track_code(r, upper, code, &e) ||
			    letter_send_track_code(r, to, to == js_str(cp, "email") ? js_str(cp, "name")
						   : js_str(rep, "name"), upper, code, &e))
				fprintf(stderr, "redress: could not send a tracking code: %s\n", e.msg);
			memset(code, 0, sizeof(code));
		}
		json_decref(c);
	}
	json_object_del(form, "email");
	status = track_form(q, r, 200, f_code, N(f_code), "Check your email", "Continue", form, NULL,
			    "If the reference and email address match our records, we have sent a code to that address.");
	json_decref(form);
	return status;
}

static const char *plain_status(const char *s)
{
	static const struct { const char *status, *text; } t[] = {
		{ "received", "We have received your complaint and will acknowledge it" },
		{ "stage1", "We are looking into your complaint (stage 1)" },
		{ "stage1_responded", "We have sent our stage 1 response" },
		{ "stage2_requested", "You have asked us to look again (stage 2)" },
		{ "stage2", "We are looking at your complaint again (stage 2)" },
		{ "stage2_responded", "We have sent our final response (stage 2)" },
		{ "closed", "Your complaint is closed" },
		{ "withdrawn", "You withdrew your complaint" },
		{ "not_accepted", "We could not accept your complaint: see our letter" },
		{ "escalation_refused", "We could not take your complaint to stage 2: see our letter" },
	};
	for (size_t i = 0; i < N(t); i++)
		if (!strcmp(t[i].status, s))
			return t[i].text;
	return s;
}

static int tracked(struct req *q, struct rec *r, char *ref, size_t n)
{
	const char *tok = MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, "redress_track");

	return auth_track_ref(r, tok, ref, n, NULL);
}

int page_track_case(struct req *q, struct rec *r)
{
	char ref[40], stream[64], d[6][32];
	json_t *c, *letters, *s, *form;
	struct rd_err e;
	size_t i;
	int status;

	if (tracked(q, r, ref, sizeof(ref)))
		return page_see_other(q, "/track");
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	if (rec_load(r, stream, &c, NULL))
		return page_see_other(q, "/track");
	err_clear(&e);
	if (!strcmp(q->method, "POST")) {
		json_decref(c);
		if ((status = page_form(q, r, &form)))
			return status;
		if (form_str(form, "sign_out")) {
			const char *tok = MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, "redress_track");

			auth_revoke(r, tok, NULL);
			json_decref(form);
			snprintf(q->cookie, sizeof(q->cookie),
				 "redress_track=; Path=/track; HttpOnly; SameSite=Strict; Max-Age=0");
			return page_see_other(q, "/track");
		}
		{
			json_t *in = json_object();

			if (form_str(form, "reason") && *form_str(form, "reason"))
				json_object_set_new(in, "reason", json_string(form_str(form, "reason")));
			snprintf(r->role, sizeof(r->role), "resident");
			snprintf(r->actor, sizeof(r->actor), "resident (web)");
			status = rec_complaint(r, ref, "escalate", in, NULL, &e);
			json_decref(in);
		}
		json_decref(form);
		if (!status)
			return page_see_other(q, "/track/case?done=escalate");
		if (rec_load(r, stream, &c, NULL))
			return page_see_other(q, "/track");
	}
	letters = json_array();
	json_array_foreach(json_object_get(c, "stages"), i, s) {
		int n = (int)js_int(s, "stage", 1);
		char label[64];

		if (js_str(s, "acknowledged_on")) {
			snprintf(label, sizeof(label), "Stage %d acknowledgement", n);
			json_array_append_new(letters, json_pack("{s:s, s:s, s:i}", "label", label, "kind", "acknowledgement", "stage", n));
		}
		if (json_array_size(json_object_get(s, "extensions"))) {
			snprintf(label, sizeof(label), "Stage %d extension", n);
			json_array_append_new(letters, json_pack("{s:s, s:s, s:i}", "label", label, "kind", "extension", "stage", n));
		}
		if (js_str(s, "responded_on")) {
			snprintf(label, sizeof(label), "Stage %d response", n);
			json_array_append_new(letters, json_pack("{s:s, s:s, s:i}", "label", label, "kind", "response", "stage", n));
		}
	}
	{
		const json_t *dl = json_object_get(c, "deadlines");
		const char *st = js_str0(c, "status");
		json_t *data = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:o, s:s?, s:s?}",
			"reference", ref, "status", plain_status(st), "stage", (int)js_int(c, "stage", 1),
			"received", page_date(js_str(c, "received_on"), d[0]),
			"acknowledge_by", page_date(js_str(dl, "acknowledge_by"), d[1]),
			"acknowledged_on", page_date(js_str(dl, "acknowledged_on"), d[2]),
			"respond_by", page_date(js_str(dl, "respond_by"), d[3]),
			"responded_on", page_date(js_str(dl, "responded_on"), d[4]),
			"can_escalate", !strcmp(st, "stage1_responded") ||
				(!strcmp(st, "stage2_responded") && js_int(r->policy, "stages", 2) >= 3),
			"escalated", http_query(q, "done") != NULL,
			"letters", letters, "error", e.kind ? e.msg : NULL,
			"done", http_query(q, "done") ? "We have your request to take your complaint to the next stage" : NULL);

		json_decref(c);
		return page_show(q, r, e.kind ? (e.kind == RD_ESTATE ? 409 : 422) : 200,
				 "Your complaint", "track_case", data);
	}
}

int page_track_letter(struct req *q, struct rec *r)
{
	char ref[40], kind[40];

	if (tracked(q, r, ref, sizeof(ref)))
		return page_see_other(q, "/track");
	/* The letter route of the API, for the complaint the session
	 * follows and no other. */
	snprintf(kind, sizeof(kind), "%s", q->params[0] ? q->params[0] : "");
	free(q->param_buf);
	q->param_buf = xmalloc(strlen(ref) + strlen(kind) + 2);
	strcpy(q->param_buf, ref);
	strcpy(q->param_buf + strlen(ref) + 1, kind);
	q->params[1] = q->param_buf + strlen(ref) + 1;
	q->params[0] = q->param_buf;
	snprintf(r->role, sizeof(r->role), "resident");
	snprintf(r->actor, sizeof(r->actor), "resident (web)");
	return api_complaint_letter(q, r);
}
