/*
 * reminders.c - the daily email to each handler and officer of what is
 * due and overdue on their complaints, and the reviews due of reasonable
 * adjustments and contact restrictions.
 *
 * A member of staff's complaints are those they handle (the complaint's
 * handler, or the handler of its latest stage while a stage 2 request
 * waits for one).  Complaints officers and senior leads also get the
 * complaints no one handles yet, every review due, and what is due to the
 * Housing Ombudsman: its information requests not yet answered and its
 * orders not yet complied with (liaison with the Ombudsman is theirs,
 * Code 4.1); handlers get the reviews of the people whose open complaints
 * they handle.
 */
#include "letters/parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/person.h"
#include "core/register.h"
#include "util/json.h"

struct gather {
	json_t *list;
	struct rd_err *e;
};

static int collect(const char *stream, const char *state, void *ctx)
{
	struct gather *g = ctx;
	json_t *st = json_loads(state, 0, NULL);

	(void)stream;
	if (st)
		json_array_append_new(g->list, st);
	return 0;
}

static const char *handler_of(const json_t *st)
{
	const char *h = js_str(st, "handler");

	for (int s = (int)js_int(st, "stage", 1); !h && s >= 1; s--)
		h = js_str(cmp_stage(st, s), "handler");
	return h;
}

static int officer(const char *role)
{
	return !strcmp(role, "complaints_officer") || !strcmp(role, "senior_lead");
}

static void long_date(date_t d, char *out, size_t n)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, n, "%d %s %d", dd, months[m - 1], y);
}

/* The complaint's own deadline (acknowledge or respond), if due by "by". */
static void deadline(const json_t *st, date_t today, date_t by, json_t *out)
{
	const char *status = js_str0(st, "status");
	int stage = (int)js_int(st, "stage", 1);
	const json_t *sj = cmp_stage(st, stage);
	int ack = !strcmp(status, "received") || strstr(status, "_requested");
	date_t due = js_date(sj, ack ? "acknowledge_by" : "respond_by");
	char what[64];

	if (!cmp_is_open(st) || (!ack && strcmp(status, "stage1") && strcmp(status, "stage2") &&
				 strcmp(status, "stage3")))
		return;
	if (due == DATE_NONE || due > by)
		return;
	snprintf(what, sizeof(what), "%s at stage %d", ack ? "acknowledge" : "respond", stage);
	json_array_append_new(out, json_pack("{s:s, s:s, s:o, s:b}",
		"reference", js_str0(st, "reference"), "what", what,
		"due_on", js_from_date(due), "overdue", due < today));
}

/* Open actions and remedies due by "by". */
static void items(const json_t *st, date_t today, date_t by, json_t *out)
{
	static const char *const lists[][2] = {
		{ "actions", "action" }, { "remedies", "remedy" }
	};

	for (int l = 0; l < 2; l++) {
		size_t i;
		json_t *x;

		json_array_foreach(json_object_get(st, lists[l][0]), i, x) {
			date_t due = js_date(x, "due_on");
			char what[300];

			if (js_date(x, "completed_on") != DATE_NONE || due == DATE_NONE || due > by)
				continue;
			snprintf(what, sizeof(what), "%s %lld: %s", lists[l][1],
				 js_int(x, "id", (long long)i + 1), js_str0(x, "description"));
			json_array_append_new(out, json_pack("{s:s, s:s, s:o, s:b}",
				"reference", js_str0(st, "reference"), "what", what,
				"due_on", js_from_date(due), "overdue", due < today));
		}
	}
}

static void text_of(json_t *dg, date_t today, date_t by)
{
	static const char *const parts[][2] = {
		{ "complaints", "Complaints" }, { "items", "Actions and remedies" },
		{ "reviews", "Reviews of adjustments and restrictions" },
		{ "ombudsman", "The Housing Ombudsman" },
	};
	struct buf b = BUF_INIT;
	char d[32], subject[160];
	long long overdue = 0, due = 0;

	long_date(by, d, sizeof(d));
	buf_printf(&b, "Hello %s,\n\nThis is what is due on your complaints by %s.\n",
		   js_str0(dg, "display_name"), d);
	for (int p = 0; p < 4; p++) {
		json_t *l = json_object_get(dg, parts[p][0]), *x;
		size_t i;

		if (!json_array_size(l))
			continue;
		buf_printf(&b, "\n%s\n", parts[p][1]);
		json_array_foreach(l, i, x) {
			date_t on = js_date(x, p == 2 ? "review_on" : "due_on");
			int late = on < today;

			long_date(on, d, sizeof(d));
			if (p == 2)
				buf_printf(&b, "- %s %s: review the %s \"%s\" by %s%s\n",
					   js_str0(x, "person"), js_str0(x, "name"), js_str0(x, "kind"),
					   js_str0(x, "what"), d, late ? " (OVERDUE)" : "");
			else
				buf_printf(&b, "- %s: %s by %s%s\n", js_str0(x, "reference"),
					   js_str0(x, "what"), d, late ? " (OVERDUE)" : "");
			overdue += late;
			due += !late;
		}
	}
	buf_puts(&b, "\nThis reminder comes every working day from Redress.\n");
	snprintf(subject, sizeof(subject), "Complaints: %lld overdue, %lld due soon", overdue, due);
	json_object_set_new(dg, "subject", json_string(subject));
	json_object_set_new(dg, "text", json_string(buf_str(&b)));
	json_object_set_new(dg, "overdue", json_integer(overdue));
	json_object_set_new(dg, "due", json_integer(due));
	buf_free(&b);
}

int letter_reminders(struct rec *r, int days, json_t **out, struct rd_err *e)
{
	struct gather users = { json_array(), e }, cases = { json_array(), e };
	struct gather people = { json_array(), e }, omb = { json_array(), e };
	struct store_filter f;
	json_t *all = json_array(), *u;
	date_t by;
	size_t i;
	int rc = -1;

	*out = NULL;
	if (rec_allow_staff(r, "see what is due", e) ||
	    cal_add(r->cal, r->today, days, &by, e))
		goto out;
	memset(&f, 0, sizeof(f));
	if (r->st->ops->states(r->st, "user", collect, &users, e) < 0 ||
	    r->st->ops->complaint_list(r->st, &f, collect, &cases, e) < 0 ||
	    r->st->ops->states(r->st, "person", collect, &people, e) < 0 ||
	    r->st->ops->states(r->st, "ombudsman_case", collect, &omb, e) < 0)
		goto out;
	json_array_foreach(users.list, i, u) {
		const char *name = js_str0(u, "name"), *role = js_str0(u, "role");
		json_t *dg, *cl = json_array(), *il = json_array(), *rl = json_array(), *seen, *st, *p;
		json_t *ol = json_array();
		size_t k;

		if (strcmp(role, "handler") && !officer(role)) {
			json_decref(cl), json_decref(il), json_decref(rl), json_decref(ol);
			continue;
		}
		seen = json_object();
		json_array_foreach(cases.list, k, st) {
			const char *h = handler_of(st);

			if (h ? strcmp(h, name) : !officer(role))
				continue;
			deadline(st, r->today, by, cl);
			if (h && cmp_is_open(st)) {
				items(st, r->today, by, il);
				if (js_str(json_object_get(st, "complainant"), "person_id"))
					json_object_set_new(seen, js_str(json_object_get(st, "complainant"),
									 "person_id"), json_true());
			}
		}
		json_array_foreach(people.list, k, p)
			if (officer(role) || json_object_get(seen, js_str0(p, "id")))
				person_reviews_due(p, by, rl);
		json_decref(seen);
		if (officer(role))
			json_array_foreach(omb.list, k, p)
				reg_ombudsman_due(p, r->today, by, ol);
		dg = json_pack("{s:s, s:s, s:s, s:s?, s:o, s:o, s:o, s:o}", "user", name,
			       "display_name", js_str(u, "display_name") ? js_str(u, "display_name") : name,
			       "role", role, "email", js_str(u, "email"),
			       "complaints", cl, "items", il, "reviews", rl, "ombudsman", ol);
		text_of(dg, r->today, by);
		json_array_append_new(all, dg);
	}
	*out = json_incref(all);
	rc = 0;
out:
	json_decref(all);
	json_decref(users.list);
	json_decref(cases.list);
	json_decref(people.list);
	json_decref(omb.list);
	return rc;
}

int letter_reminders_send(struct rec *r, const json_t *digests, int *sent,
			  struct rd_err *e)
{
	const char *url = getenv("REDRESS_SMTP_URL"), *from = js_str0(r->policy, "email");
	size_t i;
	json_t *dg;

	*sent = 0;
	if (!url || !*url)
		return err_set(e, RD_EINVAL, "smtp", NULL,
			       "no mail server to send by: set REDRESS_SMTP_URL (smtp://host:port)");
	if (!strchr(from, '@'))
		return err_set(e, RD_EINVAL, "email", NULL,
			       "the policy has no email for reminders to come from: redress policy set email ADDRESS");
	json_array_foreach(digests, i, dg) {
		struct letter_mail m;
		char id[200];

		if (!js_str(dg, "email") || js_int(dg, "overdue", 0) + js_int(dg, "due", 0) == 0)
			continue;
		snprintf(id, sizeof(id), "<reminder.%s.%d.%ld@%s>", js_str0(dg, "user"),
			 (int)r->today, (long)i, strchr(from, '@') + 1);
		memset(&m, 0, sizeof(m));
		m.url = url;
		m.from = from;
		m.from_name = js_str0(r->policy, "organisation");
		m.to = js_str(dg, "email");
		m.to_name = js_str0(dg, "display_name");
		m.subject = js_str0(dg, "subject");
		m.message_id = id;
		m.text = js_str0(dg, "text");
		if (letter_smtp_send(&m, e))
			return -1;
		(*sent)++;
	}
	return 0;
}
