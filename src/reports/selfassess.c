/*
 * selfassess.c - the 2024 Code's self-assessment form, with its evidence
 * computed from the records where they can show it.
 */
#include "reports/selfassess.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy.h"
#include "core/provision.h"
#include "reports/board.h"
#include "util/buf.h"
#include "util/json.h"

/* The complaints behind a computed provision: the figures (board.h keys)
 * that breach it, and those it counts.  "code" narrows them to 2024-Code
 * complaints. */
static const struct {
	const char *number;
	const char *breaches[2], *all[2];
	int code;
} case_keys[] = {
	{ "2.1", { "refusals_unlisted", "refusals_unexplained" }, { "refused", NULL }, 0 },
	{ "2.4", { "refusals_unexplained", "escalation_refusals_unexplained" },
	  { "refused", "escalation_refused" }, 0 },
	{ "2.5", { NULL, NULL }, { "refused", "escalation_refused" }, 0 },
	{ "5.6", { "s1_not_defined", "s2_not_defined" }, { "s1_acknowledged", "s2_acknowledged" }, 1 },
	{ "5.7", { "s1_not_defined", "s2_not_defined" }, { "s1_acknowledged", "s2_acknowledged" }, 1 },
	{ "5.8", { "handler_is_subject", NULL }, { "about_staff", NULL }, 1 },
	{ "5.11", { "escalation_refusals_unlisted", "escalation_refusals_unexplained" },
	  { "escalation_refused", NULL }, 0 },
	{ "5.13", { NULL, NULL }, { "s1_remedies", NULL }, 0 },
	{ "6.2", { "s1_ack_late", "s1_ack_overdue" }, { "s1_acknowledged", "s1_ack_overdue" }, 1 },
	{ "6.3", { "s1_late", "s1_overdue" }, { "s1_responses", "s1_overdue" }, 1 },
	{ "6.4", { "s1_extensions_without_good_reason", NULL }, { "s1_extensions", NULL }, 0 },
	{ "6.6", { "s1_actions_overdue", NULL }, { "s1_actions", NULL }, 0 },
	{ "6.7", { NULL, NULL }, { "s1_responses", NULL }, 1 },
	{ "6.11", { "s2_ack_late", "s2_ack_overdue" }, { "s2_acknowledged", "s2_ack_overdue" }, 1 },
	{ "6.13", { "s2_same_handler", NULL }, { "s2_acknowledged", NULL }, 1 },
	{ "6.14", { "s2_late", "s2_overdue" }, { "s2_responses", "s2_overdue" }, 1 },
	{ "6.15", { "s2_extensions_without_good_reason", NULL }, { "s2_extensions", NULL }, 0 },
	{ "6.17", { "s2_actions_overdue", NULL }, { "s2_actions", NULL }, 0 },
	{ "6.18", { NULL, NULL }, { "s2_responses", NULL }, 1 },
	{ "7.1", { "s1_upheld_without_remedy", "s2_upheld_without_remedy" },
	  { "s1_upheld_any", "s2_upheld_any" }, 1 },
	{ "7.3", { "remedies_overdue", NULL }, { "remedies", NULL }, 0 },
};

struct sa {
	struct rec *r;
	int year, version;
	struct board_period p;
	char today[DATE_STRLEN], from[DATE_STRLEN], to[DATE_STRLEN];
	json_t *figs;
	const json_t *all, *code;	/* every complaint; 2024-Code complaints */
	long long adjustments, adj_no_review, adj_overdue, disclosures;
	long long restrictions, restr_no_review, restr_overdue, restr_unbalanced;
	long long sr_recorded, sr_completed, sr_dissatisfied, sr_offered, sr_raised;
	long long fb_received, fb_dissatisfied, fb_offered;
	long long officers, seniors, boards;
	json_t *trained;	/* case work staff: name -> latest training or null */
	long long trainings;	/* training records completed in the year */
};

static long long A(const struct sa *s, const char *m)
{
	return js_int(s->all, m, 0);
}

/* A figure of the 2024-Code complaints. */
static long long K(const struct sa *s, const char *m)
{
	return js_int(s->code, m, 0);
}

static int in_year(const struct sa *s, const char *d)
{
	return d && strlen(d) == 10 && strcmp(d, s->from) >= 0 && strcmp(d, s->to) <= 0;
}

/* ---- what the other records say ------------------------------------- */

static int on_person(const char *stream, const char *text, void *ctx)
{
	struct sa *s = ctx;
	json_t *p = json_loads(text, 0, NULL), *x;
	size_t i;

	(void)stream;
	json_array_foreach(json_object_get(p, "adjustments"), i, x) {
		const char *rv = js_str(x, "review_on");

		s->adjustments++;
		if (!rv)
			s->adj_no_review++;
		else if (strcmp(rv, s->today) < 0)
			s->adj_overdue++;
	}
	s->disclosures += (long long)json_array_size(json_object_get(p, "disclosures"));
	json_array_foreach(json_object_get(p, "restrictions"), i, x) {
		const char *rv = js_str(x, "review_on");

		if (js_true(x, "ended"))
			continue;
		s->restrictions++;
		if (!rv)
			s->restr_no_review++;
		else if (strcmp(rv, s->today) < 0)
			s->restr_overdue++;
		if (!js_str(x, "proportionality") || !js_true(x, "equality_considered") ||
		    !js_str(x, "evidence") || !js_str(x, "reason"))
			s->restr_unbalanced++;
	}
	json_decref(p);
	return 0;
}

static int on_sreq(const char *stream, const char *text, void *ctx)
{
	struct sa *s = ctx;
	json_t *q = json_loads(text, 0, NULL), *h;
	size_t i;

	(void)stream;
	if (in_year(s, js_str(q, "received_on"))) {
		s->sr_recorded++;
		if (js_true(q, "completed"))
			s->sr_completed++;
	}
	json_array_foreach(json_object_get(q, "history"), i, h) {
		const json_t *d = json_object_get(h, "detail");

		if (strcmp(js_str0(h, "type"), "service_request.dissatisfaction") ||
		    !in_year(s, js_str(d, "on")))
			continue;
		s->sr_dissatisfied++;
		if (js_true(d, "complaint_offered") || js_str(d, "complaint"))
			s->sr_offered++;
		if (js_str(d, "complaint"))
			s->sr_raised++;
	}
	json_decref(q);
	return 0;
}

static int on_feedback(const char *stream, const char *text, void *ctx)
{
	struct sa *s = ctx;
	json_t *f = json_loads(text, 0, NULL);

	(void)stream;
	if (in_year(s, js_str(f, "received_on"))) {
		s->fb_received++;
		if (js_true(f, "dissatisfied")) {
			s->fb_dissatisfied++;
			if (js_true(f, "complaint_route_offered"))
				s->fb_offered++;
		}
	}
	json_decref(f);
	return 0;
}

static int on_user(const char *stream, const char *text, void *ctx)
{
	struct sa *s = ctx;
	json_t *u = json_loads(text, 0, NULL);
	const char *role = js_str0(u, "role");

	(void)stream;
	s->officers += !strcmp(role, "complaints_officer");
	s->seniors += !strcmp(role, "senior_lead");
	s->boards += !strcmp(role, "board");
	if (!strcmp(role, "handler") || !strcmp(role, "complaints_officer") ||
	    !strcmp(role, "senior_lead"))
		json_object_set_new(s->trained, js_str0(u, "name"), json_null());
	json_decref(u);
	return 0;
}

/* Training counts for a member of staff when completed by the year's end
 * and not expired before its start. */
static int on_training(const char *stream, const char *text, void *ctx)
{
	struct sa *s = ctx;
	json_t *t = json_loads(text, 0, NULL), *cur;
	const char *on = js_str0(t, "completed_on"), *exp = js_str(t, "expires_on");

	(void)stream;
	if (in_year(s, on))
		s->trainings++;
	cur = json_object_get(s->trained, js_str0(t, "user"));
	if (cur && strcmp(on, s->to) <= 0 && (!exp || strcmp(exp, s->from) >= 0) &&
	    (json_is_null(cur) || strcmp(json_string_value(cur), on) < 0))
		json_object_set_new(s->trained, js_str0(t, "user"), json_string(on));
	json_decref(t);
	return 0;
}

/* ---- each provision -------------------------------------------------- */

struct item {
	int comply;		/* 1 yes, 0 no, -1 not answered */
	int breach;
	struct buf ev;
	json_t *figures;
};

static void fig(struct item *it, const char *name, long long v)
{
	json_object_set_new(it->figures, name, json_integer(v));
}

/* " (95.8%)" of n out of d, nothing when d is 0. */
static void pct(struct buf *b, long long n, long long d)
{
	if (d > 0)
		buf_printf(b, " (%.1f%%)", round(n * 1000.0 / d) / 10.0);
}

/* "N of T WHAT within ...; L late": a Code timescale.  Late counts those
 * done late in the year and those not done whose deadline in the year has
 * passed ("overdue_m"). */
static void timescale(struct sa *s, struct item *it, const char *num, const char *what,
		      const char *limit, const char *within_m, const char *late_m,
		      const char *overdue_m, const char *not_done)
{
	long long w = K(s, within_m), l = K(s, late_m), o = K(s, overdue_m);

	fig(it, "total", w + l + o);
	fig(it, "within", w);
	fig(it, "late", l + o);
	fig(it, "not_done", o);
	json_object_set_new(it->figures, "percent", board_ratio(w, w + l + o, 100.0));
	if (!w && !l && !o) {
		buf_printf(&it->ev, "%s: no %s due in %s.", num, what, s->p.label);
	} else {
		buf_printf(&it->ev, "%s: %lld of %lld %s within %s", num, w, w + l + o, what, limit);
		pct(&it->ev, w, w + l + o);
		if (l + o)
			buf_printf(&it->ev, "; %lld late", l + o);
		if (o)
			buf_printf(&it->ev, ", of which %lld %s on %s", o, not_done, s->today);
		buf_puts(&it->ev, ".");
	}
	it->breach = l + o > 0;
}

static void extensions(struct sa *s, struct item *it, int stage)
{
	char k[4][48];
	long long n, beyond, noreason;
	int max = stage == 1 || s->version == 2022 ? 10 : 20;

	snprintf(k[0], sizeof(k[0]), "s%d_extensions", stage);
	snprintf(k[1], sizeof(k[1]), "s%d_extensions_beyond_code", stage);
	snprintf(k[2], sizeof(k[2]), "s%d_extensions_without_good_reason", stage);
	n = A(s, k[0]);
	beyond = A(s, k[1]);
	noreason = A(s, k[2]);
	fig(it, "extensions", n);
	fig(it, "within_limit", n - beyond);
	fig(it, "beyond_limit", beyond);
	fig(it, "beyond_without_good_reason", noreason);
	if (!n) {
		buf_printf(&it->ev, "%d.%d: no stage %d extensions in %s.", 6, stage == 1 ? 4 : 15,
			   stage, s->p.label);
	} else {
		buf_printf(&it->ev, "%s: %lld stage %d extension%s in %s: %lld within %d working days",
			   stage == 1 ? "6.4" : "6.15", n, stage, n == 1 ? "" : "s", s->p.label,
			   n - beyond, max);
		if (beyond)
			buf_printf(&it->ev, ", %lld beyond with a good reason recorded by a complaints officer",
				   beyond - noreason);
		if (noreason)
			buf_printf(&it->ev, ", %lld beyond without a good reason", noreason);
		buf_puts(&it->ev, "; the resident was told of each, with the reasons.");
	}
	it->breach = noreason > 0;
}

static void actions(struct sa *s, struct item *it, int stage)
{
	char k[2][32];
	long long n, overdue;

	snprintf(k[0], sizeof(k[0]), "s%d_actions", stage);
	snprintf(k[1], sizeof(k[1]), "s%d_actions_overdue", stage);
	n = A(s, k[0]);
	overdue = A(s, k[1]);
	fig(it, "actions", n);
	fig(it, "overdue", overdue);
	if (!n)
		buf_printf(&it->ev, "%s: no outstanding actions were promised in stage %d responses in %s.",
			   stage == 1 ? "6.6" : "6.17", stage, s->p.label);
	else
		buf_printf(&it->ev, "%s: %lld outstanding action%s promised in stage %d responses in %s, "
			   "each tracked with a due date; %lld past due and not done on %s.",
			   stage == 1 ? "6.6" : "6.17", n, n == 1 ? "" : "s", stage, s->p.label, overdue,
			   s->today);
	it->breach = overdue > 0;
}

static void points(struct sa *s, struct item *it, int stage)
{
	const json_t *p = json_object_get(json_object_get(json_object_get(s->figs, "points_by_code"),
							  "2024"), stage == 1 ? "stage1" : "stage2");
	long long n = 0, r = K(s, stage == 1 ? "s1_responses" : "s2_responses");

	for (size_t i = 0; i < 3; i++)
		n += json_integer_value(json_array_get(p, i));
	fig(it, "responses", r);
	fig(it, "points", n);
	if (!r)
		buf_printf(&it->ev, "%s: no stage %d responses in %s.", stage == 1 ? "6.7" : "6.18", stage,
			   s->p.label);
	else
		buf_printf(&it->ev, "%s: %lld stage %d response%s in %s decided all %lld points of their "
			   "complaint definitions, each with reasons (Redress records no response without "
			   "a decision on every point).", stage == 1 ? "6.7" : "6.18", r, stage,
			   r == 1 ? "" : "s", s->p.label, n);
}

static void users(struct item *it, const char *num, long long n, const char *role,
		  const char *what)
{
	fig(it, "users", n);
	buf_printf(&it->ev, "%s: %lld user%s with the %s role (%s).", num, n, n == 1 ? "" : "s", role,
		   what);
	it->breach = n == 0;
}

/* The evidence of computed provision "p": what 2024 provision "n" asks
 * (a 2022 provision names the 2024 one it matches). */
static void compute(struct sa *s, const struct provision *p, struct item *it)
{
	const char *n = p->as ? p->as : p->number;
	const json_t *pol = s->r->policy;
	int old = s->version == 2022;

	if (!strcmp(n, "1.3")) {
		fig(it, "dissatisfied", s->sr_dissatisfied);
		fig(it, "complaint_offered", s->sr_offered);
		buf_printf(&it->ev, "1.3: %lld expression%s of dissatisfaction with service requests in %s; "
			   "the choice to complain was offered in %lld", s->sr_dissatisfied,
			   s->sr_dissatisfied == 1 ? "" : "s", s->p.label, s->sr_offered);
		pct(&it->ev, s->sr_offered, s->sr_dissatisfied);
		buf_puts(&it->ev, ". Complaints made through a representative follow the same process.");
		it->breach = s->sr_offered < s->sr_dissatisfied;
	} else if (!strcmp(n, "1.4")) {
		fig(it, "service_requests", s->sr_recorded);
		fig(it, "completed", s->sr_completed);
		buf_printf(&it->ev, "1.4: %lld service requests recorded in %s, kept apart from "
			   "complaints; %lld completed, %lld still open and monitored.", s->sr_recorded,
			   s->p.label, s->sr_completed, s->sr_recorded - s->sr_completed);
	} else if (!strcmp(n, "1.5")) {
		fig(it, "complaints_raised", s->sr_raised);
		buf_printf(&it->ev, "1.5: %lld complaint%s raised in %s from dissatisfaction with a service "
			   "request, each leaving the request open.", s->sr_raised,
			   s->sr_raised == 1 ? "" : "s", s->p.label);
	} else if (!strcmp(n, "1.6")) {
		fig(it, "feedback", s->fb_received);
		fig(it, "dissatisfied", s->fb_dissatisfied);
		fig(it, "route_offered", s->fb_offered);
		buf_printf(&it->ev, "1.6: %lld survey responses in %s, %lld dissatisfied; how to complain "
			   "was given in %lld of them", s->fb_received, s->p.label, s->fb_dissatisfied,
			   s->fb_offered);
		pct(&it->ev, s->fb_offered, s->fb_dissatisfied);
		buf_puts(&it->ev, ".");
		it->breach = s->fb_offered < s->fb_dissatisfied;
	} else if (!strcmp(n, "2.1")) {
		long long ref = A(s, "refused"), un = A(s, "refusals_unlisted"),
			  ux = A(s, "refusals_unexplained");

		fig(it, "refused", ref);
		fig(it, "received", A(s, "received"));
		fig(it, "unlisted_reason", un);
		fig(it, "unexplained", ux);
		buf_printf(&it->ev, "2.1: %lld complaint%s not accepted in %s, of %lld received",
			   ref, ref == 1 ? "" : "s", s->p.label, A(s, "received"));
		pct(&it->ev, ref, A(s, "received"));
		if (!un && !ux)
			buf_puts(&it->ev, "; each for a reason the policy lists, with the reasons "
				 "explained to the resident.");
		if (un)
			buf_printf(&it->ev, "; %lld for a reason the policy does not list", un);
		if (ux)
			buf_printf(&it->ev, "; %lld without an explanation", ux);
		if (un || ux)
			buf_puts(&it->ev, ".");
		it->breach = un || ux;
	} else if (!strcmp(n, "2.2") || !strcmp(n, "2.5")) {
		struct buf l = BUF_INIT, bl = BUF_INIT;
		size_t i, nb = 0;
		json_t *x;

		json_array_foreach(json_object_get(pol, "exclusions"), i, x) {
			buf_printf(&l, "%s%s", i ? ", " : "", js_str0(x, "code"));
			if (js_true(x, "blanket"))
				buf_printf(&bl, "%s%s", nb++ ? ", " : "", js_str0(x, "code"));
		}
		fig(it, "exclusions", (long long)json_array_size(json_object_get(pol, "exclusions")));
		fig(it, "blanket", (long long)nb);
		if (!strcmp(n, "2.2"))
			buf_printf(&it->ev, "2.2: the policy lists %zu exclusions (%s)",
				   json_array_size(json_object_get(pol, "exclusions")), buf_str(&l));
		else
			buf_printf(&it->ev, "2.5: %lld complaint%s and %lld escalation%s refused in %s, each "
				   "decided on its own with its own explanation; the policy has",
				   A(s, "refused"), A(s, "refused") == 1 ? "" : "s",
				   A(s, "escalation_refused"), A(s, "escalation_refused") == 1 ? "" : "s",
				   s->p.label);
		if (nb)
			buf_printf(&it->ev, "%s a blanket exclusion, which the Code forbids: %s.",
				   !strcmp(n, "2.2") ? ", and" : "", buf_str(&bl));
		else
			buf_printf(&it->ev, "%s no blanket exclusion.", !strcmp(n, "2.2") ? ";" : "");
		it->breach = nb > 0;
		buf_free(&l);
		buf_free(&bl);
	} else if (!strcmp(n, "2.4")) {
		long long ref = A(s, "refused") + A(s, "escalation_refused");
		long long ux = A(s, "refusals_unexplained") + A(s, "escalation_refusals_unexplained");
		const char *ho = js_str0(pol, "ombudsman_contact");

		fig(it, "refusals", ref);
		fig(it, "unexplained", ux);
		buf_printf(&it->ev, "2.4: %lld refusal%s of complaints and escalations in %s; %lld with "
			   "the reasons explained to the resident", ref, ref == 1 ? "" : "s", s->p.label,
			   ref - ux);
		buf_printf(&it->ev, *ho ? ", and every refusal letter gives the right to take the "
			   "decision to the Ombudsman." : "; the policy has no Ombudsman contact details "
			   "for the letters.");
		it->breach = ux > 0 || !*ho;
	} else if (!strcmp(n, "3.7")) {
		const char *ho = js_str0(pol, "ombudsman_contact");

		if (*ho)
			buf_printf(&it->ev, "3.7: every letter, refusal and extension notice gives the "
				   "Ombudsman's details from the policy: %s", ho);
		else
			buf_puts(&it->ev, "3.7: the policy has no Ombudsman contact details to give "
				 "residents (redress policy set ombudsman_contact).");
		it->breach = !*ho;
	} else if (!strcmp(n, "4.1")) {
		users(it, "4.1", s->officers, "complaints_officer",
		      "assigns, watches deadlines, approves extensions beyond the Code and refusals");
	} else if (!strcmp(n, "5.2")) {
		int informal = js_true(pol, "informal_stage");

		buf_printf(&it->ev, "5.2: %s", informal
			   ? "the policy has an informal stage (informal_stage is true)."
			   : "the policy has no informal or \"stage 0\" stage, and Redress has none.");
		it->breach = informal;
	} else if (!strcmp(n, "5.3")) {
		long long st = js_int(pol, "stages", 2);

		fig(it, "stages", st);
		buf_printf(&it->ev, "5.3: the policy has %lld stage%s%s", st, st == 1 ? "" : "s",
			   st > 2 ? ", more than the Code allows." : "; 2024-Code complaints can have no third stage.");
		it->breach = st > 2;
	} else if (!strcmp(n, "5.6") || !strcmp(n, "5.7")) {
		long long ack = K(s, "s1_acknowledged") + K(s, "s2_acknowledged");
		long long def = K(s, "s1_defined") + K(s, "s2_defined");

		fig(it, "acknowledgements", ack);
		fig(it, "defined", def);
		buf_printf(&it->ev, "%s: %lld of %lld acknowledgements in %s (stage 1 and stage 2) "
			   "recorded %s", n, def, ack, s->p.label, !strcmp(n, "5.6")
			   ? "the complaint definition and the outcomes sought"
			   : "which aspects the landlord is and is not responsible for");
		pct(&it->ev, def, ack);
		buf_puts(&it->ev, ".");
		it->breach = def < ack;
	} else if (!strcmp(n, "5.8")) {
		long long about = K(s, "about_staff"), subj = K(s, "handler_is_subject");

		fig(it, "about_staff", about);
		fig(it, "handler_was_subject", subj);
		buf_printf(&it->ev, "5.8: %lld complaint%s received in %s %s about a named member of "
			   "staff; in %lld the handler was the person complained about.", about,
			   about == 1 ? "" : "s", s->p.label, about == 1 ? "was" : "were", subj);
		it->breach = subj > 0;
	} else if (!strcmp(n, "5.10")) {
		fig(it, "adjustments", s->adjustments);
		fig(it, "without_review_date", s->adj_no_review);
		fig(it, "reviews_overdue", s->adj_overdue);
		fig(it, "disclosures", s->disclosures);
		buf_printf(&it->ev, "5.10: on %s, %lld reasonable adjustment%s recorded, %lld with a review "
			   "date; %lld review%s overdue; %lld disclosed disabilit%s or vulnerabilit%s "
			   "recorded.", s->today, s->adjustments, s->adjustments == 1 ? "" : "s",
			   s->adjustments - s->adj_no_review, s->adj_overdue, s->adj_overdue == 1 ? "" : "s",
			   s->disclosures, s->disclosures == 1 ? "y" : "ies", s->disclosures == 1 ? "y" : "ies");
		it->breach = s->adj_no_review > 0 || s->adj_overdue > 0;
	} else if (!strcmp(n, "5.11")) {
		long long er = A(s, "escalation_refused");
		long long bad = A(s, "escalation_refusals_unlisted") + A(s, "escalation_refusals_unexplained");

		fig(it, "escalations_refused", er);
		fig(it, "stage2_requested", A(s, "stage2_requested"));
		fig(it, "without_valid_reason", bad);
		buf_printf(&it->ev, "5.11: %lld of %lld escalation requests in %s refused", er,
			   A(s, "stage2_requested"), s->p.label);
		buf_printf(&it->ev, bad ? "; %lld without a listed reason and an explanation."
			   : ", each for a reason the policy lists (Code section 2), explained to the resident.",
			   bad);
		it->breach = bad > 0;
	} else if (!strcmp(n, "5.13")) {
		fig(it, "stage1_remedies", A(s, "s1_remedies"));
		buf_printf(&it->ev, "5.13: %lld remed%s offered at stage 1 in %s, without escalation.",
			   A(s, "s1_remedies"), A(s, "s1_remedies") == 1 ? "y" : "ies", s->p.label);
	} else if (!strcmp(n, "5.14") || !strcmp(n, "5.15")) {
		fig(it, "restrictions", s->restrictions);
		fig(it, "reviews_overdue", s->restr_overdue);
		fig(it, "without_review_date", s->restr_no_review);
		fig(it, "without_grounds", s->restr_unbalanced);
		if (!strcmp(n, "5.14")) {
			buf_printf(&it->ev, "5.14: on %s, %lld contact restriction%s in force, each with its "
				   "reason and evidence and a review date; %lld review%s overdue.", s->today,
				   s->restrictions, s->restrictions == 1 ? "" : "s", s->restr_overdue,
				   s->restr_overdue == 1 ? "" : "s");
			it->breach = s->restr_overdue > 0 || s->restr_no_review > 0;
		} else {
			buf_printf(&it->ev, "5.15: %lld of %lld restrictions in force record why they are "
				   "proportionate and that the Equality Act 2010 was considered.",
				   s->restrictions - s->restr_unbalanced, s->restrictions);
			it->breach = s->restr_unbalanced > 0;
		}
	} else if (!strcmp(n, "6.2")) {
		timescale(s, it, n, "stage 1 complaints acknowledged", old ? "5 days" : "5 working days",
			  "s1_ack_within", "s1_ack_late", "s1_ack_overdue", "not yet acknowledged");
	} else if (!strcmp(n, "6.3")) {
		timescale(s, it, n, "stage 1 responses", old
			  ? "10 working days of logging, or of an extension the Code permits"
			  : "10 working days of the acknowledgement, or of an extension the Code permits",
			  "s1_within", "s1_late", "s1_overdue", "not yet answered");
	} else if (!strcmp(n, "6.11")) {
		timescale(s, it, n, "stage 2 requests acknowledged", "5 working days",
			  "s2_ack_within", "s2_ack_late", "s2_ack_overdue", "not yet acknowledged");
	} else if (!strcmp(n, "6.14")) {
		timescale(s, it, n, "stage 2 responses", old
			  ? "20 working days of the escalation request, or of an extension the Code permits"
			  : "20 working days of the acknowledgement, or of an extension the Code permits",
			  "s2_within", "s2_late", "s2_overdue", "not yet answered");
	} else if (!strcmp(n, "6.4") || !strcmp(n, "6.15")) {
		extensions(s, it, !strcmp(n, "6.4") ? 1 : 2);
	} else if (!strcmp(n, "6.6") || !strcmp(n, "6.17")) {
		actions(s, it, !strcmp(n, "6.6") ? 1 : 2);
	} else if (!strcmp(n, "6.7") || !strcmp(n, "6.18")) {
		points(s, it, !strcmp(n, "6.7") ? 1 : 2);
	} else if (!strcmp(n, "6.13")) {
		long long other = K(s, "s2_other_handler"), same = K(s, "s2_same_handler");

		fig(it, "stage2_acknowledged", other + same);
		fig(it, "same_handler", same);
		buf_printf(&it->ev, "6.13: %lld of %lld stage 2 complaints acknowledged in %s were "
			   "considered by someone other than the stage 1 handler", other, other + same,
			   s->p.label);
		pct(&it->ev, other, other + same);
		buf_puts(&it->ev, ".");
		it->breach = same > 0;
	} else if (!strcmp(n, "7.1")) {
		long long up = K(s, "s1_upheld_any") + K(s, "s2_upheld_any");
		long long none = K(s, "s1_upheld_without_remedy") + K(s, "s2_upheld_without_remedy");

		fig(it, "upheld", up);
		fig(it, "without_remedy", none);
		buf_printf(&it->ev, "7.1: %lld response%s in %s upheld the complaint in whole or part; "
			   "%lld set out a remedy", up, up == 1 ? "" : "s", s->p.label, up - none);
		pct(&it->ev, up - none, up);
		buf_puts(&it->ev, ".");
		it->breach = none > 0;
	} else if (!strcmp(n, "7.3")) {
		long long rem = A(s, "remedies"), done = A(s, "remedies_completed"),
			  late = A(s, "remedies_overdue");

		fig(it, "remedies", rem);
		fig(it, "completed", done);
		fig(it, "overdue", late);
		buf_printf(&it->ev, "7.3: %lld remed%s offered in %s, each saying what will happen and by "
			   "when; %lld completed, %lld past due and not done on %s.", rem,
			   rem == 1 ? "y" : "ies", s->p.label, done, late, s->today);
		it->breach = late > 0;
	} else if (!strcmp(n, "5.17")) {
		long long st = js_int(pol, "stages", 2);

		fig(it, "stages", st);
		buf_printf(&it->ev, "5.17: the policy has %lld stage%s%s", st, st == 1 ? "" : "s",
			   st > 3 ? ", more than the Code allows." : st == 3
			   ? "; the reasons for a third stage belong in the commentary." : ".");
		it->breach = st > 3;
	} else if (!strcmp(n, "4.13")) {
		long long w = js_int(pol, "escalation_window_days", 20);

		fig(it, "escalation_window_days", w);
		buf_printf(&it->ev, "4.13: the policy gives residents %lld working days after the stage "
			   "one response to ask for stage two, with discretion beyond.", w);
	} else if (!strcmp(n, "9.4")) {
		users(it, "9.4", s->seniors, "senior_lead",
		      "accountable for complaint handling; reads the board pack's themes and trends");
	} else if (!strcmp(n, "9.5")) {
		users(it, "9.5", s->boards, "board",
		      "the Member Responsible for Complaints and the governing body read the reports");
	}
	it->comply = !it->breach;
	/* The evidence names the provision of the form it is for. */
	if (strcmp(n, p->number) && it->ev.len > strlen(n) && !strncmp(it->ev.s, n, strlen(n)) &&
	    it->ev.s[strlen(n)] == ':') {
		struct buf b = BUF_INIT;

		buf_printf(&b, "%s%s", p->number, it->ev.s + strlen(n));
		buf_free(&it->ev);
		it->ev = b;
	}
}

/* Evidence the records offer for an organisational provision. */
static void organisational(struct sa *s, const struct provision *p, const json_t *state,
			   struct item *it)
{
	const char *n = p->number;

	buf_puts(&it->ev, "Organisational: evidence to be added.");
	if (s->version == 2024 && !strcmp(n, "3.3")) {
		long long homes = js_int(s->r->policy, "homes", 0);

		fig(it, "received", A(s, "received"));
		buf_printf(&it->ev, " For information: %lld complaints received in %s", A(s, "received"),
			   s->p.label);
		if (homes)
			buf_printf(&it->ev, ", %.1f per 1,000 homes", round(A(s, "received") * 10000.0 / homes) / 10.0);
		buf_puts(&it->ev, ".");
	} else if ((s->version == 2024 && !strcmp(n, "8.2")) ||
		   (s->version == 2022 && !strcmp(n, "8.3"))) {
		const json_t *ap = json_object_get(state, "approved"), *pu = json_object_get(state, "published");

		if (ap)
			buf_printf(&it->ev, " This self-assessment was approved by %s on %s.",
				   js_str0(ap, "body"), js_str0(ap, "approved_on"));
		if (pu)
			buf_printf(&it->ev, " Published on %s%s%s.", js_str0(pu, "published_on"),
				   js_str(pu, "url") ? " at " : "", js_str0(pu, "url"));
	} else if (s->version == 2024 && !strcmp(n, "4.3")) {
		struct buf missing = BUF_INIT;
		long long staff = (long long)json_object_size(s->trained), trained = 0;
		const char *name;
		json_t *v;

		json_object_foreach(s->trained, name, v) {
			if (json_is_string(v))
				trained++;
			else
				buf_printf(&missing, "%s%s", missing.len ? ", " : "", name);
		}
		fig(it, "staff", staff);
		fig(it, "trained", trained);
		fig(it, "training_records", s->trainings);
		buf_printf(&it->ev, " Training records: %lld of %lld staff who handle complaints "
			   "(handler, complaints officer, senior lead) completed complaint-handling "
			   "training by %s", trained, staff, s->to);
		pct(&it->ev, trained, staff);
		buf_printf(&it->ev, "; %lld training record%s in %s.", s->trainings,
			   s->trainings == 1 ? "" : "s", s->p.label);
		if (missing.len)
			buf_printf(&it->ev, " No training recorded for: %s.", buf_str(&missing));
		buf_free(&missing);
	} else if (s->version == 2024 && (!strcmp(n, "9.6") || !strcmp(n, "9.7"))) {
		buf_puts(&it->ev, " The board pack (redress report board) gives volumes, categories, "
			 "outcomes, performance against each timescale, and trends for any period.");
	}
}

/* ---- the form --------------------------------------------------------- */

static int gather(struct sa *s, struct rec *r, int year, json_t *figs, struct rd_err *e)
{
	memset(s, 0, sizeof(*s));
	s->r = r;
	s->year = year;
	s->version = prov_version_for(year);
	if (board_period(year, NULL, NULL, &s->p, e))
		return -1;
	if (!s->version)
		return err_set(e, RD_EINVAL, "year", NULL,
			       "%s is before the 2022 Code: Redress produces the self-assessment forms of "
			       "the 2022 and 2024 Codes, for 2022/23 onwards", s->p.label);
	date_format(r->today, s->today);
	date_format(s->p.from, s->from);
	date_format(s->p.to, s->to);
	if (figs)
		s->figs = json_incref(figs);
	else if (board_figures(r, &s->p, &s->figs, e))
		return -1;
	s->trained = json_object();
	s->all = json_object_get(s->figs, "all");
	s->code = json_object_get(json_object_get(s->figs, "by_code"), s->version == 2024 ? "2024" : "2022");
	if (r->st->ops->states(r->st, "person", on_person, s, e) < 0 ||
	    r->st->ops->states(r->st, "service_request", on_sreq, s, e) < 0 ||
	    r->st->ops->states(r->st, "feedback", on_feedback, s, e) < 0 ||
	    r->st->ops->states(r->st, "user", on_user, s, e) < 0 ||
	    r->st->ops->states(r->st, "training", on_training, s, e) < 0) {
		json_decref(s->figs);
		json_decref(s->trained);
		return -1;
	}
	return 0;
}

static int keys_of(const char *number)
{
	for (size_t i = 0; i < sizeof(case_keys) / sizeof(case_keys[0]); i++)
		if (!strcmp(case_keys[i].number, number))
			return (int)i;
	return -1;
}

static json_t *key_list(const char *const keys[2], int code, int version)
{
	json_t *l = json_array();

	for (int i = 0; i < 2; i++)
		if (keys[i]) {
			char k[80];

			if (code)
				snprintf(k, sizeof(k), "code:%d:%s", version, keys[i]);
			else
				snprintf(k, sizeof(k), "%s", keys[i]);
			json_array_append_new(l, json_string(k));
		}
	return l;
}

static const char *yes_no(int comply)
{
	return comply > 0 ? "yes" : comply == 0 ? "no" : NULL;
}

int sa_report(struct rec *r, int year, json_t **out, struct rd_err *e)
{
	return sa_report_figures(r, year, NULL, out, e);
}

int sa_report_figures(struct rec *r, int year, json_t *figs, json_t **out,
		      struct rd_err *e)
{
	struct sa s;
	json_t *state = NULL, *items = json_array(), *rep;
	const struct provision *list;
	size_t n;
	char stream[64];
	long long yes = 0, no = 0, open = 0, flagged = 0, by[3] = { 0, 0, 0 };

	*out = NULL;
	if (gather(&s, r, year, figs, e)) {
		json_decref(items);
		return -1;
	}
	snprintf(stream, sizeof(stream), "self_assessment:%d", year);
	if (rec_load(r, stream, &state, NULL))
		state = json_object();
	list = prov_list(s.version, &n);
	for (size_t i = 0; i < n; i++) {
		const struct provision *p = &list[i];
		const json_t *c = json_object_get(json_object_get(state, "commentary"), p->number);
		struct item it = { -1, 0, BUF_INIT, json_object() };
		json_t *o;
		int k = keys_of(p->as ? p->as : p->number);

		if (p->basis == PROV_COMPUTED) {
			compute(&s, p, &it);
		} else if (p->basis == PROV_ENFORCED) {
			it.comply = 1;
			buf_printf(&it.ev, "Enforced by Redress: %s", p->how);
		} else {
			organisational(&s, p, state, &it);
			if (js_str(c, "comply"))
				it.comply = !strcmp(js_str(c, "comply"), "yes");
		}
		o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:s}",
			"section", p->section, "section_name", prov_section(s.version, p->section),
			"provision", p->number, "modal", p->modal, "requirement", p->text,
			"basis", prov_basis_name(p->basis),
			"comply", yes_no(it.comply) ? json_string(yes_no(it.comply)) : json_null(),
			"flagged", it.breach, "evidence", buf_str(&it.ev));
		json_object_set_new(o, "figures", it.figures);
		if (k >= 0)
			json_object_set_new(o, "cases", json_pack("{s:o, s:o}",
				"breaches", key_list(case_keys[k].breaches, case_keys[k].code, s.version),
				"all", key_list(case_keys[k].all, case_keys[k].code, s.version)));
		json_object_set_new(o, "commentary", c ? json_pack("{s:s, s:s?, s:s?, s:s?}",
			"text", js_str0(c, "text"), "comply", js_str(c, "comply"),
			"by", js_str(c, "by"), "on", js_str(c, "on")) : json_null());
		json_array_append_new(items, o);
		yes += it.comply == 1;
		no += it.comply == 0;
		open += it.comply < 0;
		flagged += it.breach;
		by[p->basis]++;
		buf_free(&it.ev);
	}
	rep = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s}",
		"report", "self_assessment", "organisation", js_str0(r->policy, "organisation"),
		"year", s.p.label, "from", s.from, "to", s.to, "code", s.version,
		"form", s.version == 2024
			? "Housing Ombudsman Complaint Handling Code 2024: self-assessment form"
			: "Housing Ombudsman Complaint Handling Code 2022: self-assessment form",
		"as_at", s.today);
	json_object_set_new(rep, "summary", json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
		"provisions", (json_int_t)n, "comply_yes", (json_int_t)yes, "comply_no", (json_int_t)no,
		"not_answered", (json_int_t)open, "flagged", (json_int_t)flagged,
		"computed", (json_int_t)by[PROV_COMPUTED], "enforced", (json_int_t)by[PROV_ENFORCED],
		"organisational", (json_int_t)by[PROV_ORGANISATIONAL]));
	json_object_set(rep, "approved", json_object_get(state, "approved")
			? json_object_get(state, "approved") : json_null());
	json_object_set(rep, "published", json_object_get(state, "published")
			? json_object_get(state, "published") : json_null());
	json_object_set_new(rep, "provisions", items);
	json_decref(state);
	json_decref(s.figs);
	json_decref(s.trained);
	*out = rep;
	return 0;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sa_cases(struct rec *r, int year, const char *number, int all,
	     json_t **refs, struct rd_err *e)
{
	struct board_period p;
	const struct provision *pr;
	json_t *keys, *x, *out;
	size_t i;
	int k, version = prov_version_for(year);

	*refs = NULL;
	if (board_period(year, NULL, NULL, &p, e))
		return -1;
	if (!version)
		return err_set(e, RD_EINVAL, "year", NULL,
			       "%s is before the 2022 Code: Redress produces the self-assessment forms of "
			       "the 2022 and 2024 Codes, for 2022/23 onwards", p.label);
	pr = prov_find(version, number);
	if (!pr)
		return err_set(e, RD_EINVAL, "cases", NULL,
			       "\"%s\" is not a provision of the %d Code's self-assessment (%s)",
			       number ? number : "", version, version == 2024 ? "1.2 to 9.8" : "1.2 to 8.3");
	k = pr->basis == PROV_COMPUTED ? keys_of(pr->as ? pr->as : pr->number) : -1;
	if (k < 0)
		return err_set(e, RD_EINVAL, "cases", NULL,
			       "the evidence for %s is not a count of complaints, so it has no cases",
			       number);
	keys = key_list(all ? case_keys[k].all : case_keys[k].breaches, case_keys[k].code, version);
	out = json_array();
	json_array_foreach(keys, i, x) {
		json_t *one;

		if (board_cases(r, &p, json_string_value(x), &one, e)) {
			json_decref(keys);
			json_decref(out);
			return -1;
		}
		json_array_extend(out, one);
		json_decref(one);
	}
	json_decref(keys);
	/* two figures may name one complaint twice: sorted, each once */
	{
		size_t n = json_array_size(out);
		const char **v = xcalloc(n + 1, sizeof(*v));
		json_t *u = json_array();

		for (i = 0; i < n; i++)
			v[i] = json_string_value(json_array_get(out, i));
		qsort(v, n, sizeof(*v), by_text);
		for (i = 0; i < n; i++)
			if (!i || strcmp(v[i], v[i - 1]))
				json_array_append_new(u, json_string(v[i]));
		free(v);
		json_decref(out);
		out = u;
	}
	*refs = out;
	return 0;
}

/* ---- CSV and text ---------------------------------------------------- */

static void cell(struct buf *b, const char *s, int last)
{
	buf_puts(b, "\"");
	for (; *s; s++)
		buf_printf(b, *s == '"' ? "\"\"" : "%c", *s);
	buf_puts(b, last ? "\"\r\n" : "\",");
}

/* The evidence with the staff's commentary after it. */
static void evidence(struct buf *b, const json_t *it)
{
	const json_t *c = json_object_get(it, "commentary");

	buf_puts(b, js_str0(it, "evidence"));
	if (json_is_object(c))
		buf_printf(b, "\nCommentary (%s, %s): %s", js_str0(c, "by"), js_str0(c, "on"),
			   js_str0(c, "text"));
}

char *sa_csv(const json_t *rep)
{
	struct buf b = BUF_INIT, ev = BUF_INIT;
	const json_t *it, *ap = json_object_get(rep, "approved"), *pu = json_object_get(rep, "published");
	size_t i;
	long long section = 0;

	buf_puts(&b, "Code section,Code requirement,Comply: Yes/No,"
		 "\"Evidence, commentary and any explanations\"\r\n");
	json_array_foreach(json_object_get(rep, "provisions"), i, it) {
		const char *c = js_str(it, "comply");

		if (js_int(it, "section", 0) != section) {
			char head[160];

			section = js_int(it, "section", 0);
			snprintf(head, sizeof(head), "Section %lld - %s", section, js_str0(it, "section_name"));
			cell(&b, head, 0);
			buf_puts(&b, ",,\r\n");
		}
		buf_reset(&ev);
		evidence(&ev, it);
		cell(&b, js_str0(it, "provision"), 0);
		cell(&b, js_str0(it, "requirement"), 0);
		cell(&b, c ? (!strcmp(c, "yes") ? "Yes" : "No") : "", 0);
		cell(&b, buf_str(&ev) ? buf_str(&ev) : "", 1);
	}
	if (json_is_object(ap)) {
		buf_reset(&ev);
		buf_printf(&ev, "Approved by %s on %s%s%s", js_str0(ap, "body"), js_str0(ap, "approved_on"),
			   js_str(ap, "minute") ? ", minute " : "", js_str0(ap, "minute"));
		cell(&b, "Approval", 0);
		cell(&b, buf_str(&ev), 0);
		buf_puts(&b, ",\r\n");
	}
	if (json_is_object(pu)) {
		buf_reset(&ev);
		buf_printf(&ev, "Published on %s%s%s", js_str0(pu, "published_on"),
			   js_str(pu, "url") ? " at " : "", js_str0(pu, "url"));
		cell(&b, "Publication", 0);
		cell(&b, buf_str(&ev), 0);
		buf_puts(&b, ",\r\n");
	}
	buf_free(&ev);
	return buf_detach(&b);
}

char *sa_text(const json_t *rep)
{
	struct buf b = BUF_INIT;
	const json_t *sm = json_object_get(rep, "summary"), *it, *ap = json_object_get(rep, "approved"),
		     *pu = json_object_get(rep, "published");
	size_t i;
	long long section = 0;

	buf_printf(&b, "Self-assessment against the Complaint Handling Code (%lld), %s (%s to %s)\n%s\n",
		   js_int(rep, "code", 0), js_str0(rep, "year"), js_str0(rep, "from"), js_str0(rep, "to"),
		   js_str0(rep, "organisation"));
	buf_printf(&b, "%lld provisions: %lld Yes, %lld No (%lld flagged by the records), %lld to answer\n",
		   js_int(sm, "provisions", 0), js_int(sm, "comply_yes", 0), js_int(sm, "comply_no", 0),
		   js_int(sm, "flagged", 0), js_int(sm, "not_answered", 0));
	if (json_is_object(ap))
		buf_printf(&b, "Approved by %s on %s\n", js_str0(ap, "body"), js_str0(ap, "approved_on"));
	if (json_is_object(pu))
		buf_printf(&b, "Published on %s\n", js_str0(pu, "published_on"));
	json_array_foreach(json_object_get(rep, "provisions"), i, it) {
		const char *c = js_str(it, "comply");

		if (js_int(it, "section", 0) != section) {
			section = js_int(it, "section", 0);
			buf_printf(&b, "\nSection %lld - %s\n", section, js_str0(it, "section_name"));
		}
		buf_printf(&b, "  %-5s %-3s%s %s\n", js_str0(it, "provision"),
			   c ? (!strcmp(c, "yes") ? "Yes" : "No") : "-",
			   js_true(it, "flagged") ? "!" : " ", js_str0(it, "evidence"));
		if (json_is_object(json_object_get(it, "commentary")))
			buf_printf(&b, "              Commentary: %s\n",
				   js_str0(json_object_get(it, "commentary"), "text"));
	}
	return buf_detach(&b);
}
