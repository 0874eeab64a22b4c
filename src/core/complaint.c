/*
 * complaint.c - the state machine and the Code's rules for one complaint.
 *
 * Each action has a decide function (checks, then builds the event
 * payload) and each event type has its effect in cmp_apply().  Decide
 * functions read the state and never change it.
 */
#include "core/complaint.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/code.h"
#include "core/policy.h"
#include "core/triage.h"
#include "util/json.h"

const char *const cmp_actions[] = {
	"new", "acknowledge", "refuse", "extend", "respond", "escalate",
	"refuse-escalation", "close", "withdraw", "reopen", "assign",
	"add-issue", "correspondence", "action", "complete-action", "remedy",
	"complete-remedy", "note", "link", "agree-updates", NULL
};

static const char *const outcomes[] = {
	"upheld", "partly_upheld", "not_upheld", NULL
};

/* Code 7.1's remedies. */
static const char *const remedy_types[] = {
	"apology", "acknowledgement", "explanation", "action_on_delay",
	"reconsider_decision", "amend_record", "financial", "policy_change",
	NULL
};

static const char *const subject_kinds[] = {
	"landlord", "team", "staff", "contractor", NULL
};

static const char *const officer_roles[] = {
	"complaints_officer", "senior_lead", "system", NULL
};

static int in_list(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

static void join(char *out, size_t n, const char *const *list)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; list[i] && used < n; i++)
		used += (size_t)snprintf(out + used, n - used, "%s%s",
					 i ? ", " : "", list[i]);
}

static int one_of(const json_t *in, const char *key, int required,
		  const char *const *list, const char *clause,
		  const char **out, struct rd_err *e)
{
	char all[400];

	if (js_need_str(in, key, required, clause, out, e))
		return -1;
	if (*out && !in_list(list, *out)) {
		join(all, sizeof(all), list);
		return err_set(e, RD_EINVAL, key, clause,
			       "%s \"%s\" is not one of: %s", key, *out, all);
	}
	return 0;
}

static const char *status(const json_t *st)
{
	return js_str0(st, "status");
}

static int stage_no(const json_t *st)
{
	return (int)js_int(st, "stage", 0);
}

static const struct code_rules *rules(const json_t *st)
{
	const struct code_rules *r = code_version((int)js_int(st, "code_version", 2024));

	return r ? r : code_version(2024);
}

int cmp_within_code(const json_t *st, int stage, const calendar *cal,
		    int with_extensions)
{
	const struct code_rules *r = rules(st);
	const json_t *sj = cmp_stage(st, stage), *x;
	date_t resp = js_date(sj, "responded_on");
	date_t due = js_date(sj, "respond_by_original");
	int max = stage == 1 ? r->s1_extension_max : stage == 2 ? r->s2_extension_max : 0;
	int used = 0;
	size_t i;

	if (!sj || resp == DATE_NONE || due == DATE_NONE)
		return -1;
	if (with_extensions) {
		json_array_foreach(json_object_get(sj, "extensions"), i, x) {
			int days = (int)js_int(x, "working_days", 0);

			if (used + days <= max) {
				due = js_date(x, "respond_by");
				used += days;
				continue;
			}
			if (max > used && cal_add(cal, due, max - used, &due, NULL))
				return -1;
			break;
		}
	}
	return resp <= due;
}

int cmp_is_status(const char *s)
{
	static const char *const states[] = {
		"received", "not_accepted", "stage1", "stage1_responded",
		"stage2_requested", "escalation_refused", "stage2",
		"stage2_responded", "stage3_requested", "stage3",
		"stage3_responded", "closed", "withdrawn", NULL
	};

	return in_list(states, s);
}

json_t *cmp_stage(const json_t *state, int stage)
{
	return json_array_get(json_object_get(state, "stages"), (size_t)stage - 1);
}

int cmp_is_open(const json_t *state)
{
	const char *s = status(state);

	return strcmp(s, "closed") && strcmp(s, "withdrawn") &&
	       strcmp(s, "not_accepted") && strcmp(s, "escalation_refused");
}

static int wrong_state(const json_t *st, const char *action,
		       const char *allowed, struct rd_err *e)
{
	return err_set(e, RD_ESTATE, "status", NULL,
		       "cannot %s complaint %s: it is %s (%s only applies when it is %s)",
		       action, js_str0(st, "reference"), status(st), action,
		       allowed);
}

/*
 * A date field that defaults to today, may not be in the future and may
 * not be before "floor" (named "floor_what").
 */
static int when(const json_t *in, const char *key, const struct cmp_ctx *ctx,
		date_t floor, const char *floor_what, date_t *out,
		struct rd_err *e)
{
	char a[DATE_STRLEN], b[DATE_STRLEN];

	if (js_need_date(in, key, 0, NULL, out, e))
		return -1;
	if (*out == DATE_NONE)
		*out = ctx->today;
	if (*out > ctx->today)
		return err_set(e, RD_EINVAL, key, NULL,
			       "%s %s is in the future (today is %s)", key,
			       date_format(*out, a), date_format(ctx->today, b));
	if (floor != DATE_NONE && *out < floor)
		return err_set(e, RD_EINVAL, key, NULL,
			       "%s %s is before %s (%s)", key,
			       date_format(*out, a), floor_what,
			       date_format(floor, b));
	return 0;
}

static int add_wd(const struct cmp_ctx *ctx, date_t from, int n, date_t *out,
		  struct rd_err *e)
{
	return cal_add(ctx->cal, from, n, out, e);
}

static int is_officer(const struct cmp_ctx *ctx)
{
	return !ctx->role || in_list(officer_roles, ctx->role);
}

static int same_person(const char *a, const char *b)
{
	return a && b && *a && *b && !strcasecmp(a, b);
}

/* Code 5.8: the handler is never the person the complaint is about. */
static int check_independent(const json_t *st, const char *handler,
			     struct rd_err *e)
{
	const json_t *subj = json_object_get(st, "subject");

	if (same_person(handler, js_str(subj, "user")) ||
	    same_person(handler, js_str(subj, "name")))
		return err_set(e, RD_ERULE, "handler", rules(st)->c_independence,
			       "%s cannot handle complaint %s because the complaint is about them (Code %s)",
			       handler, js_str0(st, "reference"),
			       rules(st)->c_independence);
	return 0;
}

/* ---- new ------------------------------------------------------------ */

static const char *const new_keys[] = {
	"received_on", "channel", "complainant", "signers", "representative",
	"description", "category", "issue_date", "subject", "flags",
	"service_request", "linked_to", "person_id", "building", "estate",
	"tenure", "outcomes_sought", NULL
};

static int check_party(const json_t *p, const char *where, int need_contact,
		       struct rd_err *e)
{
	static const char *const keys[] = {
		"name", "email", "phone", "address", "person_id",
		"relationship", "consent_on", NULL
	};
	const char *s;
	date_t d;

	if (js_only_keys(p, keys, where, e))
		return err_in(e, where);
	if (js_need_str(p, "name", 1, NULL, &s, e) ||
	    js_need_str(p, "email", 0, NULL, &s, e) ||
	    js_need_str(p, "phone", 0, NULL, &s, e) ||
	    js_need_str(p, "address", 0, NULL, &s, e) ||
	    js_need_str(p, "person_id", 0, NULL, &s, e) ||
	    js_need_str(p, "relationship", 0, NULL, &s, e) ||
	    js_need_date(p, "consent_on", 0, NULL, &d, e))
		return err_in(e, where);
	s = js_str(p, "email");
	if (s && !strchr(s, '@')) {
		err_set(e, RD_EINVAL, "email", NULL,
			"%s.email \"%s\" is not an email address", where, s);
		return err_in(e, where);
	}
	if (need_contact && !js_str(p, "email") && !js_str(p, "phone") &&
	    !js_str(p, "address"))
		return err_set(e, RD_EINVAL, where, NULL,
			       "%s needs a way to reply: email, phone or address",
			       where);
	return 0;
}

static int decide_new(const json_t *in, const struct cmp_ctx *ctx,
		      json_t **payload, date_t *eff, struct rd_err *e)
{
	const char *channel, *category, *s;
	const json_t *cp = json_object_get(in, "complainant");
	const json_t *rep = json_object_get(in, "representative");
	const json_t *subj = json_object_get(in, "subject");
	const json_t *flags = json_object_get(in, "flags");
	const json_t *signers = json_object_get(in, "signers");
	const struct code_rules *r;
	date_t received, issue, ack_by;
	json_t *p;
	char a[DATE_STRLEN];

	if (js_only_keys(in, new_keys, "the complaint", e))
		return -1;
	if (js_need_date(in, "received_on", 0, NULL, &received, e))
		return -1;
	if (received == DATE_NONE)
		received = ctx->today;
	if (received > ctx->today)
		return err_set(e, RD_EINVAL, "received_on", NULL,
			       "received_on %s is in the future",
			       date_format(received, a));
	if (one_of(in, "channel", 1, policy_channels, "3.1", &channel, e) ||
	    one_of(in, "category", 1, policy_categories, NULL, &category, e) ||
	    js_need_str(in, "description", 1, "5.12", &s, e) ||
	    js_need_date(in, "issue_date", 0, "2.3", &issue, e) ||
	    js_need_str(in, "service_request", 0, NULL, &s, e) ||
	    js_need_str(in, "linked_to", 0, NULL, &s, e) ||
	    js_need_str(in, "building", 0, NULL, &s, e) ||
	    js_need_str(in, "estate", 0, NULL, &s, e) ||
	    js_need_str(in, "outcomes_sought", 0, NULL, &s, e))
		return -1;
	if (one_of(in, "tenure", 0, (const char *const[]){ "lcra", "lcho", "other", NULL },
		   NULL, &s, e))
		return -1;
	if (!cp)
		return err_set(e, RD_EINVAL, "complainant", NULL,
			       "complainant is required: who is complaining and how to reply");
	if (check_party(cp, "complainant", 1, e))
		return -1;
	if (rep && !json_is_null(rep)) {
		if (check_party(rep, "representative", 0, e))
			return -1;
		if (js_date(rep, "consent_on") == DATE_NONE)
			return err_set(e, RD_EINVAL, "representative.consent_on", "3.6",
				       "a representative needs the date the resident consented (Code 3.6)");
	}
	if (signers && !json_is_null(signers)) {
		size_t i;
		json_t *sg;

		if (!json_is_array(signers))
			return err_set(e, RD_EINVAL, "signers", NULL,
				       "signers must be a list of people");
		json_array_foreach(signers, i, sg)
			if (check_party(sg, "signers[]", 0, e))
				return -1;
	}
	if (subj && !json_is_null(subj)) {
		static const char *const keys[] = { "kind", "name", "user", NULL };

		if (js_only_keys(subj, keys, "subject", e) ||
		    one_of(subj, "kind", 1, subject_kinds, NULL, &s, e) ||
		    js_need_str(subj, "name", 0, NULL, &s, e) ||
		    js_need_str(subj, "user", 0, NULL, &s, e))
			return err_in(e, "subject");
	}
	if (flags && !json_is_null(flags)) {
		static const char *const keys[] = {
			"building_safety", "staff_conduct", "discrimination",
			"vulnerability", NULL
		};
		int b;

		if (js_only_keys(flags, keys, "flags", e))
			return err_in(e, "flags");
		for (int i = 0; keys[i]; i++)
			if (js_need_bool(flags, keys[i], 0, NULL, &b, e))
				return err_in(e, "flags");
	}
	if (issue != DATE_NONE && issue > received)
		return err_set(e, RD_EINVAL, "issue_date", NULL,
			       "issue_date %s is after received_on", date_format(issue, a));

	r = code_for(received);
	if (r->ack_working) {
		if (add_wd(ctx, received, policy_days(ctx->policy, "acknowledge_days",
						      r->ack_days), &ack_by, e))
			return -1;
	} else {
		ack_by = received + r->ack_days;
	}

	p = json_deep_copy(in);
	json_object_set_new(p, "reference", json_string(ctx->reference));
	js_set_date(p, "received_on", received);
	json_object_set_new(p, "code_version", json_integer(r->version));
	js_set_date(p, "acknowledge_by", ack_by);
	json_object_set_new(p, "calendar_version", json_integer(cal_version(ctx->cal)));
	if (issue != DATE_NONE) {
		int months = (int)js_int(ctx->policy, "time_limit_months",
					 CODE_TIME_LIMIT_MONTHS);

		json_object_set_new(p, "out_of_time", json_boolean(
			date_add_months(issue, months) < received));
	}
	if (!json_object_get(p, "flags"))
		json_object_set_new(p, "flags", json_object());
	if (!strcmp(category, "staff_conduct"))
		json_object_set_new(json_object_get(p, "flags"), "staff_conduct", json_true());
	if (!strcmp(category, "building_safety"))
		json_object_set_new(json_object_get(p, "flags"), "building_safety", json_true());
	*payload = p;
	*eff = received;
	return 0;
}

/* ---- acknowledge ---------------------------------------------------- */

static int check_definition(const json_t *def, const struct code_rules *r,
			    struct rd_err *e)
{
	static const char *const keys[] = {
		"summary", "outcomes_sought", "responsible", "not_responsible",
		"points", NULL
	};
	const char *s;
	const json_t *pts;

	if (!def || json_is_null(def))
		return err_set(e, RD_EINVAL, "definition", r->c_definition,
			       "the complaint definition is required before acknowledging: the summary and the outcomes sought (Code %s)",
			       r->c_definition);
	if (js_only_keys(def, keys, "definition", e))
		return err_in(e, "definition");
	if (js_need_str(def, "summary", 1, r->c_definition, &s, e) ||
	    js_need_str(def, "outcomes_sought", 1, r->c_definition, &s, e) ||
	    js_need_str(def, "responsible", 1, r->c_responsibility, &s, e) ||
	    js_need_str(def, "not_responsible", 1, r->c_responsibility, &s, e))
		return err_in(e, "definition");
	pts = json_object_get(def, "points");
	if (pts && !json_is_null(pts)) {
		size_t i;
		json_t *pt;

		if (!json_is_array(pts) || json_array_size(pts) == 0)
			return err_set(e, RD_EINVAL, "definition.points", r->c_points,
				       "definition.points must be a non-empty list of the points to answer");
		json_array_foreach(pts, i, pt)
			if (!json_is_string(pt) || !*json_string_value(pt))
				return err_set(e, RD_EINVAL, "definition.points", r->c_points,
					       "point %zu of the definition must be text", i + 1);
	}
	return 0;
}

static int check_triage(const json_t *t, const struct code_rules *r,
			struct rd_err *e)
{
	static const char *const keys[] = { "complex", "vulnerable", "notes", NULL };
	int b;
	const char *s;

	if (!t || json_is_null(t))
		return err_set(e, RD_EINVAL, "triage", "6.1",
			       "triage is required: is the complaint complex, and is there vulnerability or risk? (Code 6.1)");
	if (js_only_keys(t, keys, "triage", e))
		return err_in(e, "triage");
	if (js_need_bool(t, "complex", 1, "6.1", &b, e) ||
	    js_need_bool(t, "vulnerable", 1, "6.1", &b, e) ||
	    js_need_str(t, "notes", 0, NULL, &s, e))
		return err_in(e, "triage");
	(void)r;
	return 0;
}

static int decide_acknowledge(const json_t *st, const json_t *in,
			      const struct cmp_ctx *ctx, json_t **payload,
			      date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"acknowledged_on", "handler", "definition", "triage", NULL
	};
	const struct code_rules *r = rules(st);
	const char *s = status(st), *handler;
	int stage;
	date_t on, from, respond_by;
	json_t *p;

	if (!strcmp(s, "received"))
		stage = 1;
	else if (!strcmp(s, "stage2_requested"))
		stage = 2;
	else if (!strcmp(s, "stage3_requested"))
		stage = 3;
	else
		return wrong_state(st, "acknowledge",
				   "received, or a stage 2 request awaiting acknowledgement", e);
	if (js_only_keys(in, keys, "the acknowledgement", e))
		return -1;
	from = stage == 1 ? js_date(st, "received_on")
			  : js_date(cmp_stage(st, stage), "requested_on");
	if (when(in, "acknowledged_on", ctx, from,
		 stage == 1 ? "the date received" : "the escalation request", &on, e))
		return -1;
	if (js_need_str(in, "handler", 1, r->c_independence, &handler, e))
		return -1;
	if (check_definition(json_object_get(in, "definition"), r, e) ||
	    check_triage(json_object_get(in, "triage"), r, e))
		return -1;
	if (check_independent(st, handler, e))
		return -1;
	if (stage >= 2) {
		for (int i = 1; i < stage; i++) {
			const char *prev = js_str(cmp_stage(st, i), "handler");

			if (same_person(prev, handler))
				return err_set(e, RD_ERULE, "handler", r->c_s2_handler,
					       "%s handled stage %d, so cannot handle stage %d: the stage 2 decision-maker must be a different person (Code %s)",
					       handler, i, stage, r->c_s2_handler);
		}
	}
	if (stage == 1)
		respond_by = DATE_NONE, from = on;
	else if (stage == 2 && r->s2_response_from_request)
		from = js_date(cmp_stage(st, 2), "requested_on");
	else if (stage == 3)
		from = js_date(cmp_stage(st, 3), "requested_on");
	else
		from = on;
	{
		int days = stage == 1 ? policy_days(ctx->policy, "stage1_response_days", r->s1_response_days)
			 : stage == 2 ? policy_days(ctx->policy, "stage2_response_days", r->s2_response_days)
			 : r->s3_response_days;

		if (add_wd(ctx, from, days, &respond_by, e))
			return -1;
	}
	p = json_deep_copy(in);
	js_set_date(p, "acknowledged_on", on);
	json_object_set_new(p, "stage", json_integer(stage));
	js_set_date(p, "respond_by", respond_by);
	json_object_set_new(p, "calendar_version", json_integer(cal_version(ctx->cal)));
	{
		date_t due = js_date(cmp_stage(st, stage), "acknowledge_by");

		json_object_set_new(p, "late", json_boolean(due != DATE_NONE && on > due));
	}
	*payload = p;
	*eff = on;
	return 0;
}

/* ---- refuse, refuse-escalation, reopen ------------------------------- */

static int decide_refusal(const json_t *st, const json_t *in, int escalation,
			  const struct cmp_ctx *ctx, json_t **payload,
			  date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"reason", "explanation", "discretion_considered", "refused_on", NULL
	};
	const struct code_rules *r = rules(st);
	const char *clause = escalation ? r->c_refuse_escalation : r->c_refuse;
	const char *reason, *expl, *s = status(st);
	const json_t *ex;
	int discretion = 0;
	date_t on;
	json_t *p;

	if (!escalation && strcmp(s, "received"))
		return wrong_state(st, "refuse", "received (not yet acknowledged)", e);
	if (escalation && strcmp(s, "stage2_requested") && strcmp(s, "stage3_requested"))
		return wrong_state(st, "refuse-escalation",
				   "a stage 2 request awaiting acknowledgement", e);
	if (js_only_keys(in, keys, "the refusal", e))
		return -1;
	if (!is_officer(ctx))
		return err_set(e, RD_EDENIED, "actor", NULL,
			       "refusing %s needs a complaints officer; %s is a %s",
			       escalation ? "an escalation" : "a complaint",
			       ctx->actor ? ctx->actor : "the actor", ctx->role);
	if (js_need_str(in, "reason", 1, "2.2", &reason, e) ||
	    js_need_str(in, "explanation", 1, "2.4", &expl, e) ||
	    js_need_bool(in, "discretion_considered", 0, "2.3", &discretion, e))
		return -1;
	if (when(in, "refused_on", ctx, js_date(st, "received_on"),
		 "the date received", &on, e))
		return -1;
	ex = policy_exclusion(ctx->policy, reason);
	if (!ex && !(escalation && !strcmp(reason, "escalation_out_of_time"))) {
		char all[600] = "";
		size_t i, used = 0;
		json_t *x;

		json_array_foreach(json_object_get(ctx->policy, "exclusions"), i, x)
			used += (size_t)snprintf(all + used, used < sizeof(all) ? sizeof(all) - used : 0,
						 "%s%s", i ? ", " : "", js_str0(x, "code"));
		return err_set(e, RD_ERULE, "reason", "2.2",
			       "\"%s\" is not an exclusion in the landlord's policy; a complaint can only be refused for a listed reason (Code 2.1, 2.2): %s%s",
			       reason, all, escalation ? ", escalation_out_of_time" : "");
	}
	if (ex && js_true(ex, "blanket"))
		return err_set(e, RD_ERULE, "reason", "2.5",
			       "\"%s\" is a blanket exclusion, which the Code forbids: each case must be considered on its merits (Code 2.5)",
			       reason);
	if (!strcmp(reason, "over_12_months")) {
		if (!js_true(st, "out_of_time"))
			return err_set(e, RD_ERULE, "reason", "2.3",
				       js_date(st, "issue_date") == DATE_NONE
				       ? "cannot refuse as out of time: the complaint has no issue_date to show the issue arose more than 12 months before it was made (Code 2.3)"
				       : "cannot refuse as out of time: the complaint was made within 12 months of the issue (Code 2.3)");
		if (!discretion)
			return err_set(e, RD_ERULE, "discretion_considered", "2.3",
				       "an out-of-time refusal must record that discretion was considered (Code 2.3)");
	}
	if (!strcmp(reason, "escalation_out_of_time")) {
		if (!js_true(cmp_stage(st, stage_no(st) + 0), "outside_window"))
			return err_set(e, RD_ERULE, "reason", "5.11",
				       "the escalation request was made within the policy's escalation window, so it cannot be refused as out of time (Code 5.11)");
		if (!discretion)
			return err_set(e, RD_ERULE, "discretion_considered", "2.3",
				       "an out-of-time refusal must record that discretion was considered (Code 2.3)");
	}
	p = json_deep_copy(in);
	js_set_date(p, "refused_on", on);
	json_object_set_new(p, "discretion_considered", json_boolean(discretion));
	json_object_set_new(p, "reason_text", json_string(ex ? js_str0(ex, "text")
		: "The request to escalate was made after the policy's escalation window"));
	json_object_set_new(p, "ombudsman_signposted", json_true());
	json_object_set_new(p, "clause", json_string(clause));
	*payload = p;
	*eff = on;
	return 0;
}

static int decide_reopen(const json_t *st, const json_t *in,
			 const struct cmp_ctx *ctx, json_t **payload,
			 date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "reason", "reopened_on", NULL };
	const char *s = status(st), *reason;
	date_t on;
	json_t *p;

	if (strcmp(s, "not_accepted") && strcmp(s, "escalation_refused"))
		return wrong_state(st, "reopen", "not accepted or escalation refused", e);
	if (js_only_keys(in, keys, "the reopening", e) ||
	    js_need_str(in, "reason", 1, NULL, &reason, e) ||
	    when(in, "reopened_on", ctx, js_date(st, "received_on"),
		 "the date received", &on, e))
		return -1;
	p = json_deep_copy(in);
	js_set_date(p, "reopened_on", on);
	json_object_set_new(p, "to", json_string(!strcmp(s, "not_accepted")
						 ? "received" : "stage2_requested"));
	if (!strcmp(s, "not_accepted")) {
		const struct code_rules *r = rules(st);
		date_t ack_by;

		if (r->ack_working) {
			if (add_wd(ctx, on, r->ack_days, &ack_by, e)) {
				json_decref(p);
				return -1;
			}
		} else {
			ack_by = on + r->ack_days;
		}
		js_set_date(p, "acknowledge_by", ack_by);
	}
	*payload = p;
	*eff = on;
	return 0;
}

/* ---- extend --------------------------------------------------------- */

static int decide_extend(const json_t *st, const json_t *in,
			 const struct cmp_ctx *ctx, json_t **payload,
			 date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"working_days", "reason", "resident_informed_on", "good_reason",
		"update_interval_days", NULL
	};
	const struct code_rules *r = rules(st);
	const char *s = status(st), *reason, *good;
	int stage = stage_no(st), max;
	long long n, interval = 0;
	const json_t *sj;
	date_t informed, due, next;
	json_t *p;
	const char *clause;

	if (strcmp(s, "stage1") && strcmp(s, "stage2") && strcmp(s, "stage3"))
		return wrong_state(st, "extend", "being investigated at stage 1 or 2", e);
	sj = cmp_stage(st, stage);
	clause = stage == 1 ? r->c_s1_extension : r->c_s2_extension;
	max = stage == 1 ? policy_days(ctx->policy, "stage1_extension_days", r->s1_extension_max)
	    : stage == 2 ? policy_days(ctx->policy, "stage2_extension_days", r->s2_extension_max)
	    : 0;
	if (js_only_keys(in, keys, "the extension", e) ||
	    js_need_int(in, "working_days", 1, clause, 1, 120, &n, e) ||
	    js_need_str(in, "reason", 1, clause, &reason, e) ||
	    js_need_str(in, "good_reason", 0, clause, &good, e) ||
	    js_need_int(in, "update_interval_days", 0, "5.9", 1, 60, &interval, e))
		return -1;
	if (js_need_date(in, "resident_informed_on", 1, clause, &informed, e))
		return -1;
	if (when(in, "resident_informed_on", ctx, js_date(sj, "acknowledged_on"),
		 "the acknowledgement", &informed, e))
		return -1;
	{
		long long total = js_int(sj, "extended_days", 0) + n;
		int beyond = total > max;

		if (beyond && !good)
			return err_set(e, RD_ERULE, "good_reason", clause,
				       "extending stage %d by %lld working days in all goes beyond the %d the Code allows without good reason: record the good reason (Code %s)",
				       stage, total, max, clause);
		if (beyond && !is_officer(ctx))
			return err_set(e, RD_EDENIED, "actor", clause,
				       "an extension beyond %d working days needs a complaints officer (Code %s); %s is a %s",
				       max, clause, ctx->actor ? ctx->actor : "the actor",
				       ctx->role ? ctx->role : "user");
		due = js_date(sj, "respond_by");
		if (add_wd(ctx, due, (int)n, &next, e))
			return -1;
		p = json_deep_copy(in);
		json_object_set_new(p, "stage", json_integer(stage));
		js_set_date(p, "resident_informed_on", informed);
		js_set_date(p, "previous_respond_by", due);
		js_set_date(p, "respond_by", next);
		json_object_set_new(p, "beyond_code", json_boolean(beyond));
		json_object_set_new(p, "approved_by", ctx->actor ? json_string(ctx->actor) : json_null());
		json_object_set_new(p, "ombudsman_details_given", json_true());
		json_object_set_new(p, "calendar_version", json_integer(cal_version(ctx->cal)));
	}
	*payload = p;
	*eff = informed;
	return 0;
}

/* ---- respond -------------------------------------------------------- */

static int check_remedy(const json_t *rm, const char *where, int need_due,
			struct rd_err *e)
{
	static const char *const keys[] = {
		"type", "description", "amount", "head_of_loss", "due_on",
		"completed_on", "impact", NULL
	};
	const char *s;
	date_t d;
	json_t *amt;

	if (js_only_keys(rm, keys, where, e) ||
	    one_of(rm, "type", 1, remedy_types, "7.1", &s, e) ||
	    js_need_str(rm, "description", 1, "7.1", &s, e) ||
	    js_need_str(rm, "head_of_loss", 0, NULL, &s, e) ||
	    js_need_str(rm, "impact", 0, "7.2", &s, e) ||
	    js_need_date(rm, "due_on", 0, "7.3", &d, e) ||
	    js_need_date(rm, "completed_on", 0, NULL, &d, e))
		goto field;
	amt = json_object_get(rm, "amount");
	if (!strcmp(js_str0(rm, "type"), "financial") &&
	    (!json_is_number(amt) || json_number_value(amt) <= 0 ||
	     json_number_value(amt) > 1000000)) {
		err_set(e, RD_EINVAL, "amount", "7.1",
			"a financial remedy needs an amount in pounds greater than 0");
		goto field;
	}
	if (need_due && js_date(rm, "due_on") == DATE_NONE &&
	    js_date(rm, "completed_on") == DATE_NONE) {
		err_set(e, RD_EINVAL, "due_on", "7.3",
			"a remedy must say by when it will happen (Code 7.3)");
		goto field;
	}
	return 0;
field:
	return err_in(e, where);
}

static int check_action(const json_t *a, const char *where, struct rd_err *e)
{
	static const char *const keys[] = {
		"description", "due_on", "owner", "completed_on", NULL
	};
	const char *s;
	date_t d;

	if (js_only_keys(a, keys, where, e) ||
	    js_need_str(a, "description", 1, "6.6", &s, e) ||
	    js_need_date(a, "due_on", 1, "6.6", &d, e) ||
	    js_need_str(a, "owner", 0, NULL, &s, e) ||
	    js_need_date(a, "completed_on", 0, NULL, &d, e))
		return err_in(e, where);
	return 0;
}

/* The points of the definition the response must answer: the listed
 * points, or the summary as point 1. */
static json_t *points_of(const json_t *sj)
{
	const json_t *def = json_object_get(sj, "definition");
	json_t *pts = json_object_get(def, "points");

	if (json_is_array(pts) && json_array_size(pts))
		return json_incref(pts);
	return json_pack("[s]", js_str0(def, "summary"));
}

static int point_index(const json_t *d, const json_t *pts)
{
	json_t *pt = json_object_get(d, "point");

	if (json_is_integer(pt)) {
		json_int_t i = json_integer_value(pt);

		return i >= 1 && (size_t)i <= json_array_size(pts) ? (int)i : 0;
	}
	if (json_is_string(pt)) {
		const char *s = json_string_value(pt);
		size_t i;
		json_t *x;
		char num[24];

		json_array_foreach(pts, i, x) {
			snprintf(num, sizeof(num), "%zu", i + 1);
			if (!strcmp(s, json_string_value(x)) || !strcmp(s, num))
				return (int)i + 1;
		}
	}
	return 0;
}

static int decide_respond(const json_t *st, const json_t *in,
			  const struct cmp_ctx *ctx, json_t **payload,
			  date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"responded_on", "decisions", "remedies", "outstanding_actions",
		"summary", NULL
	};
	const struct code_rules *r = rules(st);
	const char *s = status(st);
	int stage = stage_no(st), upheld = 0, ok = -1;
	const char *clause;
	const json_t *decisions = json_object_get(in, "decisions");
	const json_t *remedies = json_object_get(in, "remedies");
	const json_t *acts = json_object_get(in, "outstanding_actions");
	json_t *sj, *pts, *seen, *p, *d, *x;
	size_t i;
	date_t on;

	if (strcmp(s, "stage1") && strcmp(s, "stage2") && strcmp(s, "stage3"))
		return wrong_state(st, "respond", "acknowledged and being investigated", e);
	clause = stage == 1 ? r->c_points : (r->version == 2024 ? "6.18" : r->c_points);
	sj = cmp_stage(st, stage);
	{
		/* Not before the acknowledgement, nor before the resident was
		 * told of an extension of this stage. */
		date_t floor = js_date(sj, "acknowledged_on");
		const char *what = "the acknowledgement";

		json_array_foreach(json_object_get(sj, "extensions"), i, x)
			if (js_date(x, "resident_informed_on") > floor) {
				floor = js_date(x, "resident_informed_on");
				what = "the extension the resident was told of";
			}
		if (js_only_keys(in, keys, "the response", e) ||
		    when(in, "responded_on", ctx, floor, what, &on, e))
			return -1;
	}
	if (!json_is_array(decisions) || json_array_size(decisions) == 0)
		return err_set(e, RD_ERULE, "decisions", clause,
			       "the response needs a decision, with reasons, on every point of the complaint definition (Code %s)",
			       clause);
	if (remedies && !json_is_null(remedies) && !json_is_array(remedies))
		return err_set(e, RD_EINVAL, "remedies", "7.1", "remedies must be a list");
	if (acts && !json_is_null(acts) && !json_is_array(acts))
		return err_set(e, RD_EINVAL, "outstanding_actions", "6.6",
			       "outstanding_actions must be a list");

	pts = points_of(sj);
	seen = json_array();
	json_array_foreach(decisions, i, d) {
		static const char *const dkeys[] = { "point", "outcome", "reasons", NULL };
		const char *str;
		int k;

		if (js_only_keys(d, dkeys, "decisions[]", e) ||
		    one_of(d, "outcome", 1, outcomes, clause, &str, e) ||
		    js_need_str(d, "reasons", 1, clause, &str, e)) {
			err_in(e, "decisions[]");
			goto out;
		}
		k = point_index(d, pts);
		if (!k) {
			err_set(e, RD_EINVAL, "decisions.point", clause,
				"decision %zu names a point that is not in the complaint definition (points are numbered 1 to %zu)",
				i + 1, json_array_size(pts));
			goto out;
		}
		json_array_append_new(seen, json_integer(k));
		if (strcmp(js_str0(d, "outcome"), "not_upheld"))
			upheld = 1;
	}
	json_array_foreach(pts, i, x) {
		size_t j;
		json_t *y;
		int found = 0;

		json_array_foreach(seen, j, y)
			if (json_integer_value(y) == (json_int_t)i + 1)
				found = 1;
		if (!found) {
			err_set(e, RD_ERULE, "decisions", clause,
				"no decision on point %zu of the complaint definition (\"%s\"): every point must be answered with reasons (Code %s)",
				i + 1, json_string_value(x), clause);
			goto out;
		}
	}
	json_array_foreach(remedies, i, x)
		if (check_remedy(x, "remedies[]", 1, e))
			goto out;
	json_array_foreach(acts, i, x)
		if (check_action(x, "outstanding_actions[]", e))
			goto out;
	if (upheld && json_array_size(remedies) == 0) {
		int earlier = 0;

		json_array_foreach(json_object_get(st, "remedies"), i, x)
			earlier = 1;
		if (!earlier) {
			err_set(e, RD_ERULE, "remedies", r->c_remedy,
				"a complaint upheld in whole or part needs a remedy that puts things right (Code %s)",
				r->c_remedy);
			goto out;
		}
	}
	p = json_deep_copy(in);
	json_object_set_new(p, "stage", json_integer(stage));
	js_set_date(p, "responded_on", on);
	json_object_set_new(p, "late", json_boolean(on > js_date(sj, "respond_by")));
	json_object_set_new(p, "final", json_boolean(stage >= 2));
	*payload = p;
	*eff = on;
	ok = 0;
out:
	json_decref(pts);
	json_decref(seen);
	return ok;
}

/* ---- escalate ------------------------------------------------------- */

static int decide_escalate(const json_t *st, const json_t *in,
			   const struct cmp_ctx *ctx, json_t **payload,
			   date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "requested_on", "reason", NULL };
	const struct code_rules *r = rules(st);
	const char *s = status(st), *reason;
	int last = stage_no(st), next, window;
	json_t *p, *sj;
	date_t on, limit, ack_by = DATE_NONE;

	if (!strcmp(s, "closed") && last == 1 && js_date(cmp_stage(st, 1), "responded_on") != DATE_NONE)
		s = "stage1_responded";
	if (!strcmp(s, "stage2_responded") || (!strcmp(s, "closed") && last >= 2)) {
		int stages = (int)js_int(ctx->policy, "stages", 2);

		if (r->version == 2024 || stages < 3 || last >= 3)
			return err_set(e, RD_ERULE, "status", r->c_stages,
				       "stage %d was the landlord's final response: there is no further stage (Code %s); the resident can take the complaint to the Housing Ombudsman",
				       last, r->c_stages);
		if (!strcmp(s, "closed"))
			return wrong_state(st, "escalate", "stage 2 responded", e);
	} else if (strcmp(s, "stage1_responded")) {
		return wrong_state(st, "escalate",
				   "responded at stage 1 (a complaint reaches stage 2 only after the stage 1 response, at the resident's request)", e);
	}
	next = last + 1;
	sj = cmp_stage(st, last);
	if (js_only_keys(in, keys, "the escalation request", e) ||
	    js_need_str(in, "reason", 0, "6.12", &reason, e) ||
	    when(in, "requested_on", ctx, js_date(sj, "responded_on"),
		 "the response", &on, e))
		return -1;
	window = (int)js_int(ctx->policy, "escalation_window_days", 20);
	if (add_wd(ctx, js_date(sj, "responded_on"), window, &limit, e))
		return -1;
	if (next == 2 && r->s2_ack_days &&
	    add_wd(ctx, on, policy_days(ctx->policy, "stage2_acknowledge_days",
					r->s2_ack_days), &ack_by, e))
		return -1;
	p = json_deep_copy(in);
	json_object_set_new(p, "stage", json_integer(next));
	js_set_date(p, "requested_on", on);
	js_set_date(p, "acknowledge_by", ack_by);
	json_object_set_new(p, "outside_window", json_boolean(on > limit));
	js_set_date(p, "window_ends", limit);
	json_object_set_new(p, "calendar_version", json_integer(cal_version(ctx->cal)));
	*payload = p;
	*eff = on;
	return 0;
}

/* ---- close and withdraw --------------------------------------------- */

static int first_open(const json_t *list, const char **what)
{
	size_t i;
	json_t *x;

	json_array_foreach(list, i, x) {
		if (js_date(x, "completed_on") == DATE_NONE) {
			*what = js_str0(x, "description");
			return (int)js_int(x, "id", (json_int_t)i + 1);
		}
	}
	return 0;
}

static int decide_close(const json_t *st, const json_t *in,
			const struct cmp_ctx *ctx, json_t **payload,
			date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "closed_on", "summary", NULL };
	const struct code_rules *r = rules(st);
	const char *s = status(st), *what;
	json_t *p;
	date_t on;
	int id;

	if (strcmp(s, "stage1_responded") && strcmp(s, "stage2_responded") &&
	    strcmp(s, "stage3_responded"))
		return wrong_state(st, "close", "responded", e);
	if (js_only_keys(in, keys, "the closure", e) ||
	    when(in, "closed_on", ctx, js_date(cmp_stage(st, stage_no(st)), "responded_on"),
		 "the response", &on, e))
		return -1;
	if ((id = first_open(json_object_get(st, "actions"), &what)))
		return err_set(e, RD_ERULE, "actions", stage_no(st) >= 2 && r->version == 2024 ? "6.17" : r->c_close,
			       "cannot close %s: outstanding action %d (\"%s\") is not complete; it must be tracked to completion (Code %s)",
			       js_str0(st, "reference"), id, what,
			       stage_no(st) >= 2 && r->version == 2024 ? "6.17" : r->c_close);
	if ((id = first_open(json_object_get(st, "remedies"), &what)))
		return err_set(e, RD_ERULE, "remedies", "7.3",
			       "cannot close %s: remedy %d (\"%s\") has not been completed; remedies must be followed through (Code 7.3)",
			       js_str0(st, "reference"), id, what);
	p = json_deep_copy(in);
	js_set_date(p, "closed_on", on);
	*payload = p;
	*eff = on;
	return 0;
}

static int decide_withdraw(const json_t *st, const json_t *in,
			   const struct cmp_ctx *ctx, json_t **payload,
			   date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "withdrawn_on", "reason", NULL };
	const char *reason;
	json_t *p;
	date_t on;

	if (!cmp_is_open(st))
		return wrong_state(st, "withdraw", "open", e);
	if (js_only_keys(in, keys, "the withdrawal", e) ||
	    js_need_str(in, "reason", 1, "5.12", &reason, e) ||
	    when(in, "withdrawn_on", ctx, js_date(st, "received_on"),
		 "the date received", &on, e))
		return -1;
	p = json_deep_copy(in);
	js_set_date(p, "withdrawn_on", on);
	*payload = p;
	*eff = on;
	return 0;
}

/* ---- the record: assignment, issues, correspondence, actions, ... ---- */

static int decide_assign(const json_t *st, const json_t *in,
			 const struct cmp_ctx *ctx, json_t **payload,
			 date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "handler", NULL };
	const struct code_rules *r = rules(st);
	const char *handler;
	int stage = stage_no(st);

	if (!cmp_is_open(st))
		return wrong_state(st, "assign", "open", e);
	if (js_only_keys(in, keys, "the assignment", e) ||
	    js_need_str(in, "handler", 1, NULL, &handler, e) ||
	    check_independent(st, handler, e))
		return -1;
	for (int i = 1; i < stage; i++)
		if (same_person(js_str(cmp_stage(st, i), "handler"), handler))
			return err_set(e, RD_ERULE, "handler", r->c_s2_handler,
				       "%s handled stage %d, so cannot handle stage %d (Code %s)",
				       handler, i, stage, r->c_s2_handler);
	*payload = json_pack("{s:s, s:i}", "handler", handler, "stage", stage ? stage : 1);
	*eff = ctx->today;
	return 0;
}

static int decide_add_issue(const json_t *st, const json_t *in,
			    const struct cmp_ctx *ctx, json_t **payload,
			    date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "point", "raised_on", NULL };
	const struct code_rules *r = rules(st);
	const char *s = status(st), *point;
	date_t on;

	if (strcmp(s, "received") && strcmp(s, "stage1"))
		return err_set(e, RD_ERULE, "status", r->c_new_issue,
			       "complaint %s has had its stage 1 response (or is %s): a new issue must be logged as a new complaint, linked to this one (Code %s): redress complaint new --linked-to %s",
			       js_str0(st, "reference"), s, r->c_new_issue,
			       js_str0(st, "reference"));
	if (js_only_keys(in, keys, "the new issue", e) ||
	    js_need_str(in, "point", 1, r->c_new_issue, &point, e) ||
	    when(in, "raised_on", ctx, js_date(st, "received_on"),
		 "the date received", &on, e))
		return -1;
	*payload = json_deep_copy(in);
	js_set_date(*payload, "raised_on", on);
	*eff = on;
	return 0;
}

static int decide_correspondence(const json_t *st, const json_t *in,
				 const struct cmp_ctx *ctx, json_t **payload,
				 date_t *eff, struct rd_err *e)
{
	/* A letter sent by Redress also records where it went ("to": an
	 * email address or the print queue's file), its "stage", "format",
	 * "status" (sent, queued_for_print), the SHA-256 of the attached
	 * PDF and the email's Message-ID.  Mail taken in from the mailbox
	 * records its "from" address and name, "sent_at" (its Date header),
	 * the names of its "attachments" and the "triage" item it was. */
	static const char *const keys[] = {
		"direction", "party", "method", "on", "summary", "content",
		"kind", "to", "stage", "format", "status", "sha256", "message_id",
		"from", "from_name", "sent_at", "attachments", "triage", NULL
	};
	static const char *const dirs[] = { "in", "out", NULL };
	const char *s;
	long long n;
	date_t on;

	if (js_only_keys(in, keys, "the correspondence", e) ||
	    one_of(in, "direction", 1, dirs, "5.12", &s, e) ||
	    js_need_str(in, "party", 1, "5.12", &s, e) ||
	    js_need_str(in, "method", 0, NULL, &s, e) ||
	    js_need_str(in, "summary", 1, "5.12", &s, e) ||
	    js_need_str(in, "content", 0, NULL, &s, e) ||
	    js_need_str(in, "kind", 0, NULL, &s, e) ||
	    js_need_str(in, "to", 0, NULL, &s, e) ||
	    js_need_int(in, "stage", 0, NULL, 1, 3, &n, e) ||
	    js_need_str(in, "format", 0, NULL, &s, e) ||
	    js_need_str(in, "status", 0, NULL, &s, e) ||
	    js_need_str(in, "sha256", 0, NULL, &s, e) ||
	    js_need_str(in, "message_id", 0, NULL, &s, e) ||
	    js_need_str(in, "triage", 0, NULL, &s, e) ||
	    triage_check_message(in, e) ||
	    when(in, "on", ctx, js_date(st, "received_on"), "the date received",
		 &on, e))
		return -1;
	*payload = json_deep_copy(in);
	js_set_date(*payload, "on", on);
	json_object_set_new(*payload, "id", json_integer(
		(json_int_t)json_array_size(json_object_get(st, "correspondence")) + 1));
	*eff = on;
	return 0;
}

static int decide_item(const json_t *st, const json_t *in, int remedy,
		       const struct cmp_ctx *ctx, json_t **payload,
		       date_t *eff, struct rd_err *e)
{
	const char *list = remedy ? "remedies" : "actions";

	if (!cmp_is_open(st) && strcmp(status(st), "closed"))
		return wrong_state(st, remedy ? "add a remedy to" : "add an action to", "open", e);
	if (remedy ? check_remedy(in, "remedy", 1, e) : check_action(in, "action", e))
		return -1;
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "id", json_integer(
		(json_int_t)json_array_size(json_object_get(st, list)) + 1));
	json_object_set_new(*payload, "stage", json_integer(stage_no(st) ? stage_no(st) : 1));
	*eff = ctx->today;
	return 0;
}

static int decide_complete(const json_t *st, const json_t *in, int remedy,
			   const struct cmp_ctx *ctx, json_t **payload,
			   date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "id", "completed_on", "evidence", NULL };
	const char *list = remedy ? "remedies" : "actions", *s;
	long long id;
	json_t *item;
	date_t on;

	if (js_only_keys(in, keys, "the completion", e) ||
	    js_need_int(in, "id", 1, NULL, 1, 1000000, &id, e) ||
	    js_need_str(in, "evidence", 0, NULL, &s, e))
		return -1;
	item = json_array_get(json_object_get(st, list), (size_t)id - 1);
	if (!item)
		return err_set(e, RD_ENOTFOUND, "id", NULL,
			       "complaint %s has no %s %lld", js_str0(st, "reference"),
			       remedy ? "remedy" : "action", id);
	if (js_date(item, "completed_on") != DATE_NONE)
		return err_set(e, RD_ESTATE, "id", NULL, "%s %lld is already complete",
			       remedy ? "remedy" : "action", id);
	if (when(in, "completed_on", ctx, js_date(st, "received_on"),
		 "the date received", &on, e))
		return -1;
	*payload = json_deep_copy(in);
	js_set_date(*payload, "completed_on", on);
	*eff = on;
	return 0;
}

static int decide_note(const json_t *st, const json_t *in,
		       const struct cmp_ctx *ctx, json_t **payload,
		       date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "text", NULL };
	const char *s;

	(void)st;
	if (js_only_keys(in, keys, "the note", e) ||
	    js_need_str(in, "text", 1, NULL, &s, e))
		return -1;
	*payload = json_deep_copy(in);
	*eff = ctx->today;
	return 0;
}

static int decide_link(const json_t *st, const json_t *in,
		       const struct cmp_ctx *ctx, json_t **payload,
		       date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "to", "relation", NULL };
	static const char *const rels[] = {
		"related", "new_issue", "service_request", "duplicate", NULL
	};
	const char *to, *rel;

	if (js_only_keys(in, keys, "the link", e) ||
	    js_need_str(in, "to", 1, NULL, &to, e) ||
	    one_of(in, "relation", 0, rels, NULL, &rel, e))
		return -1;
	if (!strcmp(to, js_str0(st, "reference")))
		return err_set(e, RD_EINVAL, "to", NULL, "a complaint cannot be linked to itself");
	*payload = json_pack("{s:s, s:s}", "to", to, "relation", rel ? rel : "related");
	*eff = ctx->today;
	return 0;
}

static int decide_updates(const json_t *st, const json_t *in,
			  const struct cmp_ctx *ctx, json_t **payload,
			  date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "interval_days", "method", "agreed_on", NULL };
	long long n;
	const char *s;
	date_t on;

	if (!cmp_is_open(st))
		return wrong_state(st, "agree updates for", "open", e);
	if (js_only_keys(in, keys, "the update schedule", e) ||
	    js_need_int(in, "interval_days", 1, "5.9", 1, 60, &n, e) ||
	    js_need_str(in, "method", 0, NULL, &s, e) ||
	    when(in, "agreed_on", ctx, js_date(st, "received_on"),
		 "the date received", &on, e))
		return -1;
	*payload = json_deep_copy(in);
	js_set_date(*payload, "agreed_on", on);
	*eff = on;
	return 0;
}

/* ---- dispatch ------------------------------------------------------- */

int cmp_decide(const json_t *state, const char *action, const json_t *in,
	       const struct cmp_ctx *ctx, json_t **payload,
	       const char **type, date_t *effective, struct rd_err *e)
{
	json_t *empty = NULL;
	int rc;

	*payload = NULL;
	if (!in)
		in = empty = json_object();
	if (!json_is_object(in)) {
		rc = err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
		goto out;
	}
	if (!strcmp(action, "new")) {
		*type = "complaint.received";
		rc = decide_new(in, ctx, payload, effective, e);
		goto out;
	}
	if (!state) {
		rc = err_set(e, RD_ENOTFOUND, "reference", NULL, "no such complaint");
		goto out;
	}
#define ACT(name, t, call) \
	if (!strcmp(action, name)) { *type = t; rc = call; goto out; }
	ACT("acknowledge", "complaint.acknowledged",
	    decide_acknowledge(state, in, ctx, payload, effective, e));
	ACT("refuse", "complaint.refused",
	    decide_refusal(state, in, 0, ctx, payload, effective, e));
	ACT("refuse-escalation", "complaint.escalation_refused",
	    decide_refusal(state, in, 1, ctx, payload, effective, e));
	ACT("reopen", "complaint.reopened",
	    decide_reopen(state, in, ctx, payload, effective, e));
	ACT("extend", "complaint.extended",
	    decide_extend(state, in, ctx, payload, effective, e));
	ACT("respond", "complaint.responded",
	    decide_respond(state, in, ctx, payload, effective, e));
	ACT("escalate", "complaint.escalated",
	    decide_escalate(state, in, ctx, payload, effective, e));
	ACT("close", "complaint.closed",
	    decide_close(state, in, ctx, payload, effective, e));
	ACT("withdraw", "complaint.withdrawn",
	    decide_withdraw(state, in, ctx, payload, effective, e));
	ACT("assign", "complaint.assigned",
	    decide_assign(state, in, ctx, payload, effective, e));
	ACT("add-issue", "complaint.issue_added",
	    decide_add_issue(state, in, ctx, payload, effective, e));
	ACT("correspondence", "complaint.correspondence",
	    decide_correspondence(state, in, ctx, payload, effective, e));
	ACT("action", "complaint.action_added",
	    decide_item(state, in, 0, ctx, payload, effective, e));
	ACT("remedy", "complaint.remedy_added",
	    decide_item(state, in, 1, ctx, payload, effective, e));
	ACT("complete-action", "complaint.action_completed",
	    decide_complete(state, in, 0, ctx, payload, effective, e));
	ACT("complete-remedy", "complaint.remedy_completed",
	    decide_complete(state, in, 1, ctx, payload, effective, e));
	ACT("note", "complaint.note_added",
	    decide_note(state, in, ctx, payload, effective, e));
	ACT("link", "complaint.linked",
	    decide_link(state, in, ctx, payload, effective, e));
	ACT("agree-updates", "complaint.updates_agreed",
	    decide_updates(state, in, ctx, payload, effective, e));
#undef ACT
	if (!strncmp(action, "stage", 5) || !strcmp(action, "informal"))
		rc = err_set(e, RD_ERULE, "action", "5.2",
			     "there is no \"%s\": the Code allows no extra named stages (Code 5.2, 5.3)",
			     action);
	else
		rc = err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
out:
	json_decref(empty);
	if (rc) {
		json_decref(*payload);
		*payload = NULL;
	}
	return rc;
}

/* ---- apply ---------------------------------------------------------- */

static json_t *list(json_t *st, const char *key)
{
	json_t *l = json_object_get(st, key);

	if (!json_is_array(l)) {
		l = json_array();
		json_object_set_new(st, key, l);
	}
	return l;
}

/* Keeps the summary "deadlines" object in step with the current stage. */
static void sync_deadlines(json_t *st)
{
	json_t *sj = cmp_stage(st, stage_no(st) ? stage_no(st) : 1);
	json_t *dl = json_object();

	json_object_set(dl, "acknowledge_by", json_object_get(sj, "acknowledge_by"));
	json_object_set(dl, "acknowledged_on", json_object_get(sj, "acknowledged_on"));
	json_object_set(dl, "respond_by", json_object_get(sj, "respond_by"));
	json_object_set(dl, "responded_on", json_object_get(sj, "responded_on"));
	json_object_set_new(st, "deadlines", dl);
}

static json_t *new_stage(json_t *st, int n)
{
	json_t *stages = list(st, "stages");
	json_t *sj;

	while (json_array_size(stages) < (size_t)n) {
		sj = json_object();
		json_object_set_new(sj, "stage", json_integer((json_int_t)json_array_size(stages) + 1));
		json_object_set_new(sj, "acknowledge_by", json_null());
		json_object_set_new(sj, "acknowledged_on", json_null());
		json_object_set_new(sj, "respond_by", json_null());
		json_object_set_new(sj, "responded_on", json_null());
		json_object_set_new(sj, "handler", json_null());
		json_object_set_new(sj, "extended_days", json_integer(0));
		json_object_set_new(sj, "extensions", json_array());
		json_array_append_new(stages, sj);
	}
	return cmp_stage(st, n);
}

static void copy(json_t *dst, const json_t *src, const char *key)
{
	json_t *v = json_object_get(src, key);

	if (v)
		json_object_set(dst, key, v);
}

static void add_items(json_t *st, const char *key, const json_t *items, int stage)
{
	json_t *l = list(st, key), *x;
	size_t i;

	json_array_foreach(items, i, x) {
		json_t *c = json_deep_copy(x);

		json_object_set_new(c, "id", json_integer((json_int_t)json_array_size(l) + 1));
		json_object_set_new(c, "stage", json_integer(stage));
		if (!json_object_get(c, "completed_on"))
			json_object_set_new(c, "completed_on", json_null());
		json_array_append_new(l, c);
	}
}

static void apply_received(json_t *st, const json_t *p)
{
	static const char *const keys[] = {
		"reference", "received_on", "channel", "category", "description",
		"issue_date", "complainant", "signers", "representative",
		"subject", "flags", "service_request", "linked_to", "person_id",
		"building", "estate", "tenure", "out_of_time", "calendar_version",
		"outcomes_sought", NULL
	};
	json_t *sj;

	json_object_set_new(st, "status", json_string("received"));
	json_object_set_new(st, "stage", json_integer(1));
	copy(st, p, "code_version");
	for (int i = 0; keys[i]; i++)
		copy(st, p, keys[i]);
	json_object_set_new(st, "handler", json_null());
	sj = new_stage(st, 1);
	copy(sj, p, "acknowledge_by");
	list(st, "actions");
	list(st, "remedies");
	list(st, "correspondence");
	list(st, "notes");
	list(st, "links");
	if (js_str(p, "linked_to"))
		json_array_append_new(list(st, "links"), json_pack(
			"{s:s, s:s}", "to", js_str(p, "linked_to"), "relation", "related"));
	if (js_str(p, "service_request"))
		json_array_append_new(list(st, "links"), json_pack(
			"{s:s, s:s}", "to", js_str(p, "service_request"),
			"relation", "service_request"));
}

void cmp_apply(json_t *st, const char *type, const json_t *p)
{
	int stage = (int)js_int(p, "stage", stage_no(st));
	json_t *sj;

	if (!strcmp(type, "complaint.received")) {
		apply_received(st, p);
	} else if (!strcmp(type, "complaint.acknowledged")) {
		const json_t *def = json_object_get(p, "definition");
		json_t *pending = json_object_get(st, "pending_points");

		sj = new_stage(st, stage);
		copy(sj, p, "acknowledged_on");
		copy(sj, p, "handler");
		json_object_set_new(sj, "definition", json_deep_copy(def));
		copy(sj, p, "triage");
		copy(sj, p, "respond_by");
		json_object_set(sj, "respond_by_original", json_object_get(p, "respond_by"));
		copy(sj, p, "calendar_version");
		json_object_set(sj, "acknowledged_late", json_object_get(p, "late"));
		if (json_array_size(pending)) {
			json_t *d = json_object_get(sj, "definition");
			json_t *pts = json_object_get(d, "points");
			size_t i;
			json_t *x;

			if (!json_is_array(pts)) {
				pts = json_pack("[s]", js_str0(d, "summary"));
				json_object_set_new(d, "points", pts);
			}
			json_array_foreach(pending, i, x)
				json_array_append(pts, x);
			json_object_del(st, "pending_points");
		}
		copy(st, p, "handler");
		json_object_set_new(st, "stage", json_integer(stage));
		json_object_set_new(st, "status", json_string(
			stage == 1 ? "stage1" : stage == 2 ? "stage2" : "stage3"));
		if (js_true(json_object_get(p, "triage"), "vulnerable"))
			if (json_is_object(json_object_get(st, "flags")))
				json_object_set_new(json_object_get(st, "flags"),
						    "vulnerability", json_true());
	} else if (!strcmp(type, "complaint.refused") ||
		   !strcmp(type, "complaint.escalation_refused")) {
		int esc = !strcmp(type, "complaint.escalation_refused");

		json_object_set_new(st, esc ? "escalation_refusal" : "refusal", json_deep_copy(p));
		json_object_set_new(st, "status", json_string(esc ? "escalation_refused" : "not_accepted"));
	} else if (!strcmp(type, "complaint.reopened")) {
		json_object_set_new(st, "status", json_string(js_str0(p, "to")));
		if (!strcmp(js_str0(p, "to"), "received"))
			copy(cmp_stage(st, 1), p, "acknowledge_by");
		json_array_append(list(st, "reopenings"), (json_t *)p);
	} else if (!strcmp(type, "complaint.extended")) {
		sj = cmp_stage(st, stage);
		json_array_append(list(sj, "extensions"), (json_t *)p);
		json_object_set_new(sj, "extended_days", json_integer(
			js_int(sj, "extended_days", 0) + js_int(p, "working_days", 0)));
		copy(sj, p, "respond_by");
		if (js_true(p, "beyond_code"))
			json_object_set_new(sj, "extended_beyond_code", json_true());
	} else if (!strcmp(type, "complaint.responded")) {
		sj = cmp_stage(st, stage);
		copy(sj, p, "responded_on");
		copy(sj, p, "decisions");
		copy(sj, p, "summary");
		json_object_set(sj, "responded_late", json_object_get(p, "late"));
		add_items(st, "remedies", json_object_get(p, "remedies"), stage);
		add_items(st, "actions", json_object_get(p, "outstanding_actions"), stage);
		json_object_set_new(st, "status", json_string(
			stage == 1 ? "stage1_responded" : stage == 2 ? "stage2_responded" : "stage3_responded"));
	} else if (!strcmp(type, "complaint.escalated")) {
		sj = new_stage(st, stage);
		copy(sj, p, "requested_on");
		copy(sj, p, "reason");
		copy(sj, p, "acknowledge_by");
		copy(sj, p, "outside_window");
		copy(sj, p, "window_ends");
		json_object_set_new(st, "stage", json_integer(stage));
		json_object_set_new(st, "handler", json_null());
		json_object_set_new(st, "status", json_string(stage == 2 ? "stage2_requested" : "stage3_requested"));
		json_object_del(st, "closed_on");
	} else if (!strcmp(type, "complaint.closed")) {
		copy(st, p, "closed_on");
		json_object_set_new(st, "status", json_string("closed"));
	} else if (!strcmp(type, "complaint.withdrawn")) {
		copy(st, p, "withdrawn_on");
		json_object_set(st, "withdrawal_reason", json_object_get(p, "reason"));
		json_object_set_new(st, "status", json_string("withdrawn"));
	} else if (!strcmp(type, "complaint.assigned")) {
		copy(st, p, "handler");
		copy(new_stage(st, stage), p, "handler");
	} else if (!strcmp(type, "complaint.issue_added")) {
		sj = cmp_stage(st, 1);
		if (json_object_get(sj, "definition")) {
			json_t *d = json_object_get(sj, "definition");
			json_t *pts = json_object_get(d, "points");

			if (!json_is_array(pts)) {
				pts = json_pack("[s]", js_str0(d, "summary"));
				json_object_set_new(d, "points", pts);
			}
			json_array_append(pts, json_object_get(p, "point"));
		} else {
			json_array_append(list(st, "pending_points"), json_object_get(p, "point"));
		}
	} else if (!strcmp(type, "complaint.correspondence")) {
		json_array_append(list(st, "correspondence"), (json_t *)p);
	} else if (!strcmp(type, "complaint.action_added") ||
		   !strcmp(type, "complaint.remedy_added")) {
		json_t *one = json_pack("[O]", p);

		add_items(st, !strcmp(type, "complaint.action_added") ? "actions" : "remedies",
			  one, stage);
		json_decref(one);
	} else if (!strcmp(type, "complaint.action_completed") ||
		   !strcmp(type, "complaint.remedy_completed")) {
		json_t *item = json_array_get(json_object_get(st,
			!strcmp(type, "complaint.action_completed") ? "actions" : "remedies"),
			(size_t)js_int(p, "id", 0) - 1);

		if (item) {
			copy(item, p, "completed_on");
			copy(item, p, "evidence");
		}
	} else if (!strcmp(type, "complaint.note_added")) {
		json_array_append(list(st, "notes"), (json_t *)p);
	} else if (!strcmp(type, "complaint.linked")) {
		json_array_append(list(st, "links"), (json_t *)p);
	} else if (!strcmp(type, "complaint.updates_agreed")) {
		json_object_set(st, "update_schedule", (json_t *)p);
	}
	sync_deadlines(st);
}
