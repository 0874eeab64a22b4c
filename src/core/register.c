/*
 * register.c - the registers' names, who may act on them, folding their
 * events, and the two smallest registers: exceptional circumstances (Code
 * 8.5) and training records (4.3).
 */
#include "core/register.h"

#include <stdio.h>
#include <string.h>

#include "core/improvement.h"
#include "core/ombudsman.h"
#include "core/omreport.h"
#include "core/quality.h"
#include "core/survey.h"
#include "util/json.h"

static const struct {
	const char *kind, *prefix;
	int yearly;
} kinds[REG_NKINDS] = {
	[REG_OMBUDSMAN] = { "ombudsman_case", "OMB", 1 },
	[REG_IMPROVEMENT] = { "improvement", "IMP", 0 },
	[REG_EXCEPTIONAL] = { "exceptional", "EXC", 0 },
	[REG_TRAINING] = { "training", "TRN", 0 },
	[REG_QUALITY] = { "quality_review", "QR", 0 },
	[REG_SURVEY] = { "survey", "SV", 0 },
	[REG_OMBUDSMAN_REPORT] = { "ombudsman_report", "OMR", 0 },
};

const char *reg_kind_name(enum reg_kind k)
{
	return kinds[k].kind;
}

const char *reg_prefix(enum reg_kind k)
{
	return kinds[k].prefix;
}

int reg_yearly(enum reg_kind k)
{
	return kinds[k].yearly;
}

int reg_kind_of(const char *name, enum reg_kind *k)
{
	for (int i = 0; i < REG_NKINDS; i++)
		if (!strcmp(kinds[i].kind, name)) {
			*k = (enum reg_kind)i;
			return 0;
		}
	return -1;
}

const char *const *reg_roles(enum reg_kind k, const char *action)
{
	/* Liaison with the Ombudsman is the complaints officer's (4.1). */
	static const char *const officer[] = { "complaints_officer", "senior_lead", NULL };
	static const char *const staff[] = {
		"handler", "complaints_officer", "senior_lead", NULL
	};
	static const char *const senior[] = { "senior_lead", "admin", NULL };
	static const char *const records[] = {
		"complaints_officer", "senior_lead", "admin", NULL
	};

	switch (k) {
	case REG_OMBUDSMAN:
		return officer;
	case REG_IMPROVEMENT:
		return staff;
	case REG_EXCEPTIONAL:
		return senior;
	case REG_TRAINING:
		return records;
	case REG_QUALITY:
		/* the reviewer scores; who may review is checked on the
		 * record (not the handler of the response) */
		return !strcmp(action, "score") ? staff : officer;
	case REG_SURVEY:
		return staff;
	case REG_OMBUDSMAN_REPORT:
		/* the complaints officer liaises with the Ombudsman (4.1);
		 * the senior lead and admin keep the annual report's sources */
		return records;
	default:
		return senior;
	}
}

/* ---- shared helpers ------------------------------------------------- */

int reg_on_date(const json_t *in, const char *key, const char *clause,
		date_t today, date_t floor, const char *floor_what, date_t *out,
		struct rd_err *e)
{
	if (js_need_date(in, key, 0, clause, out, e))
		return -1;
	if (*out == DATE_NONE)
		*out = today;
	if (*out > today)
		return err_set(e, RD_EINVAL, key, clause, "%s is in the future", key);
	if (floor != DATE_NONE && *out < floor)
		return err_set(e, RD_EINVAL, key, clause, "%s is before %s", key, floor_what);
	return 0;
}

int reg_one_of(const char *s, const char *const *list, const char *field,
	       const char *clause, struct rd_err *e)
{
	char all[400] = "";
	size_t used = 0;

	for (int i = 0; list[i]; i++) {
		if (s && !strcmp(s, list[i]))
			return 0;
		used += (size_t)snprintf(all + used, used < sizeof(all) ? sizeof(all) - used : 0,
					 "%s%s", i ? ", " : "", list[i]);
	}
	return err_set(e, RD_EINVAL, field, clause, "%s \"%s\" is not one of: %s", field,
		       s ? s : "", all);
}

const json_t *reg_item(const json_t *state, const char *list, long long n)
{
	const json_t *l = json_object_get(state, list);

	if (n < 1 || (size_t)n > json_array_size(l))
		return NULL;
	return json_array_get(l, (size_t)(n - 1));
}

int reg_need_item(const json_t *state, const char *list, const json_t *in,
		  const char *what, const json_t **item, long long *n,
		  struct rd_err *e)
{
	*n = 0;
	if (js_need_int(in, "n", 1, NULL, 1, 1000000, n, e))
		return -1;
	*item = reg_item(state, list, *n);
	if (!*item)
		return err_set(e, RD_ENOTFOUND, "n", NULL, "%s has no %s %lld",
			       js_str0(state, "reference"), what, *n);
	return 0;
}

/* ---- exceptional circumstances (8.5) -------------------------------- */

static const char *const exc_fields[] = {
	"started_on", "reason", "description", "expected_return_on",
	"ombudsman_informed_on", "ombudsman_told", "residents_informed_on",
	"residents_told", "published_on", "url", NULL
};

static int exc_dates(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		     json_t *p, struct rd_err *e)
{
	static const char *const told[] = {
		"ombudsman_informed_on", "residents_informed_on", "published_on"
	};
	date_t start = js_date(st, "started_on"), d, ret;
	const char *s;

	if (!st && reg_on_date(in, "started_on", "8.5", cx->today, DATE_NONE, NULL, &start, e))
		return -1;
	js_set_date(p, "started_on", start);
	if (js_need_date(in, "expected_return_on", !st, "8.5", &ret, e))
		return -1;
	if (ret != DATE_NONE && ret < start)
		return err_set(e, RD_EINVAL, "expected_return_on", "8.5",
			       "expected_return_on is before the circumstances began");
	if (ret != DATE_NONE)
		js_set_date(p, "expected_return_on", ret);
	for (int i = 0; i < 3; i++) {
		if (js_need_date(in, told[i], 0, "8.5", &d, e))
			return -1;
		if (d == DATE_NONE)
			continue;
		if (d > cx->today)
			return err_set(e, RD_EINVAL, told[i], "8.5", "%s is in the future", told[i]);
		if (d < start)
			return err_set(e, RD_EINVAL, told[i], "8.5",
				       "%s is before the circumstances began", told[i]);
		js_set_date(p, told[i], d);
	}
	if (js_need_str(in, "ombudsman_told", 0, "8.5", &s, e) ||
	    js_need_str(in, "residents_told", 0, "8.5", &s, e) ||
	    js_need_str(in, "url", 0, "8.5", &s, e))
		return -1;
	if (js_date(in, "ombudsman_informed_on") != DATE_NONE && !js_str(in, "ombudsman_told") &&
	    !js_str(st, "ombudsman_told"))
		return err_set(e, RD_EINVAL, "ombudsman_told", "8.5",
			       "ombudsman_told is required: what was the Ombudsman told? (Code 8.5)");
	if (js_date(in, "residents_informed_on") != DATE_NONE && !js_str(in, "residents_told") &&
	    !js_str(st, "residents_told"))
		return err_set(e, RD_EINVAL, "residents_told", "8.5",
			       "residents_told is required: what were residents told? (Code 8.5)");
	return 0;
}

static int exc_decide(const json_t *st, const char *action, const json_t *in,
		      const char *ref, const struct reg_ctx *cx, json_t **payload,
		      const char **type, date_t *eff, struct rd_err *e)
{
	const char *s;
	json_t *p;

	if (!strcmp(action, "end")) {
		static const char *const keys[] = { "returned_on", "note", NULL };
		date_t on;

		*type = "exceptional.ended";
		if (js_date(st, "returned_on") != DATE_NONE)
			return err_set(e, RD_ESTATE, "reference", NULL,
				       "%s already ended on %s", ref, js_str0(st, "returned_on"));
		if (js_only_keys(in, keys, "the return to compliance", e) ||
		    js_need_str(in, "note", 0, "8.5", &s, e) ||
		    reg_on_date(in, "returned_on", "8.5", cx->today, js_date(st, "started_on"),
				"the circumstances began", &on, e))
			return -1;
		if (!js_str(st, "ombudsman_informed_on"))
			return err_set(e, RD_ERULE, "ombudsman_informed_on", "8.5",
				       "the Ombudsman was never told that the Code could not be met: "
				       "record when and what they were told first (Code 8.5)");
		if (!js_str(st, "residents_informed_on"))
			return err_set(e, RD_ERULE, "residents_informed_on", "8.5",
				       "residents were never told that the Code could not be met: "
				       "record when and what they were told first (Code 8.5)");
		*payload = json_deep_copy(in);
		js_set_date(*payload, "returned_on", on);
		*eff = on;
		return 0;
	}
	if (strcmp(action, "new") && strcmp(action, "update"))
		return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
	*type = st ? "exceptional.updated" : "exceptional.declared";
	if (st && js_date(st, "returned_on") != DATE_NONE)
		return err_set(e, RD_ESTATE, "reference", NULL, "%s has ended", ref);
	if (js_only_keys(in, exc_fields, "the exceptional circumstances", e) ||
	    js_need_str(in, "reason", !st, "8.5", &s, e) ||
	    js_need_str(in, "description", 0, "8.5", &s, e))
		return -1;
	if (st && json_object_get(in, "started_on"))
		return err_set(e, RD_EINVAL, "started_on", "8.5",
			       "started_on cannot change once recorded");
	p = json_deep_copy(in);
	if (exc_dates(st, in, cx, p, e)) {
		json_decref(p);
		return -1;
	}
	if (!st)
		json_object_set_new(p, "reference", json_string(ref));
	*payload = p;
	*eff = st ? cx->today : js_date(p, "started_on");
	return 0;
}

/* ---- training records (4.3) ----------------------------------------- */

static int trn_decide(const json_t *st, const char *action, const json_t *in,
		      const char *ref, const struct reg_ctx *cx, json_t **payload,
		      const char **type, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"user", "course", "completed_on", "provider", "expires_on", "notes", NULL
	};
	const char *s;
	date_t on, exp;

	(void)st;
	if (strcmp(action, "new"))
		return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
	*type = "training.recorded";
	if (js_only_keys(in, keys, "the training record", e) ||
	    js_need_str(in, "user", 1, "4.3", &s, e) ||
	    js_need_str(in, "course", 1, "4.3", &s, e) ||
	    js_need_str(in, "provider", 0, "4.3", &s, e) ||
	    js_need_str(in, "notes", 0, "4.3", &s, e) ||
	    js_need_date(in, "completed_on", 1, "4.3", &on, e) ||
	    js_need_date(in, "expires_on", 0, "4.3", &exp, e))
		return -1;
	if (on > cx->today)
		return err_set(e, RD_EINVAL, "completed_on", "4.3",
			       "completed_on is in the future: record training once it is done");
	if (exp != DATE_NONE && exp <= on)
		return err_set(e, RD_EINVAL, "expires_on", "4.3",
			       "expires_on must be after completed_on");
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "reference", json_string(ref));
	js_set_date(*payload, "completed_on", on);
	if (exp != DATE_NONE)
		js_set_date(*payload, "expires_on", exp);
	*eff = on;
	return 0;
}

/* ---- dispatch and folding ------------------------------------------- */

int reg_decide(enum reg_kind k, const json_t *st, const char *action,
	       const json_t *in, const char *ref, const struct reg_ctx *cx,
	       json_t **payload, const char **type, date_t *eff,
	       struct rd_err *e)
{
	*payload = NULL;
	*eff = cx->today;
	if (!json_is_object(in))
		return err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
	if (!st && strcmp(action, "new"))
		return err_set(e, RD_ENOTFOUND, "reference", NULL, "no such record %s", ref);
	if (st && !strcmp(action, "new"))
		return err_set(e, RD_ECONFLICT, "reference", NULL, "%s already exists", ref);
	switch (k) {
	case REG_OMBUDSMAN:
		return omb_decide(st, action, in, ref, cx, payload, type, eff, e);
	case REG_IMPROVEMENT:
		return imp_decide(st, action, in, ref, cx, payload, type, eff, e);
	case REG_EXCEPTIONAL:
		return exc_decide(st, action, in, ref, cx, payload, type, eff, e);
	case REG_TRAINING:
		return trn_decide(st, action, in, ref, cx, payload, type, eff, e);
	case REG_QUALITY:
		return qual_decide(st, action, in, ref, cx, payload, type, eff, e);
	case REG_SURVEY:
		return survey_decide(st, action, in, ref, cx, payload, type, eff, e);
	case REG_OMBUDSMAN_REPORT:
		return omr_decide(st, action, in, ref, cx, payload, type, eff, e);
	default:
		return err_set(e, RD_EINVAL, "kind", NULL, "no such register");
	}
}

enum { SET, ADD, MERGE };

/* How each event changes its record: SET merges the payload into the
 * record, ADD appends it to a list, MERGE merges it into item "n". */
static const struct {
	const char *type, *list;
	int op;
} folds[] = {
	{ "ombudsman.referred", NULL, SET },
	{ "ombudsman.information_requested", "information_requests", ADD },
	{ "ombudsman.information_answered", "information_requests", MERGE },
	{ "ombudsman.determined", "determinations", ADD },
	{ "ombudsman.order_made", "orders", ADD },
	{ "ombudsman.order_complied", "orders", MERGE },
	{ "ombudsman.failure_order_issued", "failure_orders", ADD },
	{ "ombudsman.failure_order_complied", "failure_orders", MERGE },
	{ "ombudsman.closed", NULL, SET },
	{ "improvement.recorded", NULL, SET },
	{ "improvement.updated", "updates", ADD },
	{ "exceptional.declared", NULL, SET },
	{ "exceptional.updated", NULL, SET },
	{ "exceptional.ended", NULL, SET },
	{ "training.recorded", NULL, SET },
	{ "quality.assigned", NULL, SET },
	{ "quality.scored", NULL, SET },
	{ "survey.scheduled", NULL, SET },
	{ "survey.sent", NULL, SET },
	{ "survey.answered", NULL, SET },
	{ "survey.declined", NULL, SET },
	{ "ombudsman_report.recorded", NULL, SET },
	{ "ombudsman_report.updated", "updates", ADD },
	{ "ombudsman_report.withdrawn", NULL, SET },
};

void reg_apply(json_t *st, const char *type, const json_t *p)
{
	for (size_t i = 0; i < sizeof(folds) / sizeof(folds[0]); i++) {
		json_t *l, *item;

		if (strcmp(folds[i].type, type))
			continue;
		switch (folds[i].op) {
		case SET:
			json_object_update(st, (json_t *)p);
			break;
		case ADD:
			l = json_object_get(st, folds[i].list);
			if (!json_is_array(l)) {
				l = json_array();
				json_object_set_new(st, folds[i].list, l);
			}
			json_array_append_new(l, json_deep_copy(p));
			break;
		case MERGE:
			item = (json_t *)reg_item(st, folds[i].list, js_int(p, "n", 0));
			if (item)
				json_object_update(item, (json_t *)p);
			break;
		}
		break;
	}
	if (!strncmp(type, "ombudsman.", 10))
		omb_derive(st);
	else if (!strncmp(type, "ombudsman_report.", 17))
		omr_derive(st);
	else if (!strncmp(type, "improvement.", 12))
		imp_derive(st);
	else if (!strncmp(type, "exceptional.", 12))
		json_object_set_new(st, "status", json_string(
			js_str(st, "returned_on") ? "ended" : "current"));
}

/* The Ombudsman's information requests and orders of case "c" due by "by". */
void reg_ombudsman_due(const json_t *c, date_t today, date_t by, json_t *out)
{
	static const char *const lists[][3] = {
		{ "information_requests", "answered_on", "information request" },
		{ "orders", "complied_on", "order" },
		{ "failure_orders", "complied_on", "complaint handling failure order" },
	};

	if (!strcmp(js_str0(c, "status"), "closed"))
		return;
	for (int l = 0; l < 3; l++) {
		const json_t *x;
		size_t i;

		json_array_foreach(json_object_get(c, lists[l][0]), i, x) {
			date_t due = js_date(x, "due_on");
			char what[400];

			if (js_str(x, lists[l][1]) || due == DATE_NONE || due > by)
				continue;
			snprintf(what, sizeof(what), "Ombudsman %s %lld (%s): %s", lists[l][2],
				 js_int(x, "n", (long long)i + 1), js_str0(c, "complaint"),
				 js_str(x, "what") ? js_str(x, "what") : js_str(x, "description")
				 ? js_str(x, "description") : js_str0(x, "ground"));
			json_array_append_new(out, json_pack("{s:s, s:s, s:o, s:b}",
				"reference", js_str0(c, "reference"), "what", what,
				"due_on", js_from_date(due), "overdue", due < today));
		}
	}
}
