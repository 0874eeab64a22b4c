/*
 * ombudsman.c - the Ombudsman track: referral, information requests,
 * determinations per issue, orders, failure orders.
 */
#include "core/ombudsman.h"

#include <string.h>

#include "util/json.h"

/* The Ombudsman's eight findings (requirements.md section 4). */
const char *const omb_findings[] = {
	"no_maladministration", "service_failure", "maladministration",
	"severe_maladministration", "mediation", "reasonable_redress",
	"outside_jurisdiction", "withdrawn", NULL
};

const char *const omb_order_kinds[] = {
	"apology", "compensation", "repairs", "policy_review", "staff_training",
	"action_plan", "meeting", "other", NULL
};

int omb_is_failure(const char *f)
{
	return f && (!strcmp(f, "service_failure") || !strcmp(f, "maladministration") ||
		     !strcmp(f, "severe_maladministration"));
}

void omb_derive(json_t *st)
{
	const char *status = js_str(st, "closed_on") ? "closed"
		: json_array_size(json_object_get(st, "determinations")) ? "determined" : "open";

	json_object_set_new(st, "status", json_string(status));
}

static int referral(const json_t *in, const char *ref, const struct reg_ctx *cx,
		    json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"complaint", "referred_on", "ombudsman_reference", "summary", NULL
	};
	const char *s;
	date_t on;

	if (js_only_keys(in, keys, "the referral", e) ||
	    js_need_str(in, "complaint", 1, "4.1", &s, e) ||
	    js_need_str(in, "ombudsman_reference", 0, "4.1", &s, e) ||
	    js_need_str(in, "summary", 0, "4.1", &s, e) ||
	    reg_on_date(in, "referred_on", "4.1", cx->today, js_date(cx->complaint, "received_on"),
			"the complaint was received", &on, e))
		return -1;
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "reference", json_string(ref));
	js_set_date(*payload, "referred_on", on);
	json_object_set_new(*payload, "information_requests", json_array());
	json_object_set_new(*payload, "determinations", json_array());
	json_object_set_new(*payload, "orders", json_array());
	json_object_set_new(*payload, "failure_orders", json_array());
	*eff = on;
	return 0;
}

static int request(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		   json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "what", "requested_on", "due_on", "working_days", NULL };
	const char *s;
	date_t on, due;
	long long wd = 0;

	if (js_only_keys(in, keys, "the information request", e) ||
	    js_need_str(in, "what", 1, "4.1", &s, e) ||
	    reg_on_date(in, "requested_on", "4.1", cx->today, js_date(st, "referred_on"),
			"the referral", &on, e) ||
	    js_need_date(in, "due_on", 0, "4.1", &due, e) ||
	    js_need_int(in, "working_days", 0, "4.1", 1, 250, &wd, e))
		return -1;
	if ((due == DATE_NONE) == (wd == 0))
		return err_set(e, RD_EINVAL, "due_on", "4.1",
			       "give the due date of the Ombudsman's request as due_on or as "
			       "working_days, one of them");
	if (wd && cal_add(cx->cal, on, (int)wd, &due, e))
		return -1;
	if (due < on)
		return err_set(e, RD_EINVAL, "due_on", "4.1", "due_on is before requested_on");
	*payload = json_pack("{s:I, s:s}", "n",
			     (json_int_t)json_array_size(json_object_get(st, "information_requests")) + 1,
			     "what", js_str(in, "what"));
	js_set_date(*payload, "requested_on", on);
	js_set_date(*payload, "due_on", due);
	if (wd)
		json_object_set_new(*payload, "working_days", json_integer(wd));
	json_object_set_new(*payload, "answered_on", json_null());
	*eff = on;
	return 0;
}

static int answer(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		  json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "n", "answered_on", "summary", NULL };
	const json_t *it;
	const char *s;
	long long n;
	date_t on;

	if (js_only_keys(in, keys, "the answer", e) ||
	    reg_need_item(st, "information_requests", in, "information request", &it, &n, e))
		return -1;
	if (js_str(it, "answered_on"))
		return err_set(e, RD_ESTATE, "n", NULL, "information request %lld was answered on %s",
			       n, js_str(it, "answered_on"));
	if (js_need_str(in, "summary", 1, "4.1", &s, e) ||
	    reg_on_date(in, "answered_on", "4.1", cx->today, js_date(it, "requested_on"),
			"the request", &on, e))
		return -1;
	*payload = json_pack("{s:I, s:s, s:b}", "n", (json_int_t)n, "summary", s,
			     "on_time", on <= js_date(it, "due_on"));
	js_set_date(*payload, "answered_on", on);
	*eff = on;
	return 0;
}

static int determine(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		     json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "issue", "finding", "determined_on", "reasons", NULL };
	const char *s, *finding;
	date_t on;

	if (js_only_keys(in, keys, "the determination", e) ||
	    js_need_str(in, "issue", 1, "9.7", &s, e) ||
	    js_need_str(in, "reasons", 0, "9.7", &s, e) ||
	    js_need_str(in, "finding", 1, "9.7", &finding, e) ||
	    reg_one_of(finding, omb_findings, "finding", "9.7", e) ||
	    reg_on_date(in, "determined_on", "9.7", cx->today, js_date(st, "referred_on"),
			"the referral", &on, e))
		return -1;
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "n", json_integer(
		(json_int_t)json_array_size(json_object_get(st, "determinations")) + 1));
	js_set_date(*payload, "determined_on", on);
	*eff = on;
	return 0;
}

static int order(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		 json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"kind", "description", "due_on", "made_on", "amount", "determination", NULL
	};
	const json_t *det = NULL, *amount = json_object_get(in, "amount");
	const char *s, *kind;
	long long dn = 0;
	date_t on, due;

	if (js_only_keys(in, keys, "the order", e) ||
	    js_need_str(in, "kind", 1, "9.7", &kind, e) ||
	    reg_one_of(kind, omb_order_kinds, "kind", "9.7", e) ||
	    js_need_str(in, "description", 1, "9.7", &s, e) ||
	    js_need_int(in, "determination", 0, "9.7", 1, 1000000, &dn, e) ||
	    reg_on_date(in, "made_on", "9.7", cx->today, js_date(st, "referred_on"),
			"the referral", &on, e) ||
	    js_need_date(in, "due_on", 1, "9.7", &due, e))
		return -1;
	if (due < on)
		return err_set(e, RD_EINVAL, "due_on", "9.7", "due_on is before the order was made");
	if (amount && !json_is_null(amount) &&
	    (!json_is_number(amount) || json_number_value(amount) <= 0 ||
	     json_number_value(amount) > 10000000))
		return err_set(e, RD_EINVAL, "amount", "9.7", "amount must be a sum of money above 0");
	if (!strcmp(kind, "compensation") && (!amount || json_is_null(amount)))
		return err_set(e, RD_EINVAL, "amount", "9.7",
			       "amount is required for an order to pay compensation (Code 9.7)");
	if (dn) {
		det = reg_item(st, "determinations", dn);
		if (!det)
			return err_set(e, RD_ENOTFOUND, "determination", "9.7",
				       "%s has no determination %lld", js_str0(st, "reference"), dn);
		if (!omb_is_failure(js_str(det, "finding")))
			return err_set(e, RD_ERULE, "determination", "9.7",
				       "determination %lld found %s: orders follow a finding of service "
				       "failure, maladministration or severe maladministration",
				       dn, js_str0(det, "finding"));
	}
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "n", json_integer(
		(json_int_t)json_array_size(json_object_get(st, "orders")) + 1));
	js_set_date(*payload, "made_on", on);
	js_set_date(*payload, "due_on", due);
	if (det)
		json_object_set(*payload, "finding", json_object_get(det, "finding"));
	json_object_set_new(*payload, "complied_on", json_null());
	*eff = on;
	return 0;
}

static int comply(const json_t *st, const char *list, const char *what,
		  const json_t *in, const struct reg_ctx *cx, json_t **payload,
		  date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "n", "complied_on", "evidence", NULL };
	const json_t *it;
	const char *s;
	long long n;
	date_t on, due;

	if (js_only_keys(in, keys, "the compliance", e) ||
	    reg_need_item(st, list, in, what, &it, &n, e))
		return -1;
	if (js_str(it, "complied_on"))
		return err_set(e, RD_ESTATE, "n", NULL, "%s %lld was complied with on %s", what, n,
			       js_str(it, "complied_on"));
	if (js_need_str(in, "evidence", 1, "9.7", &s, e) ||
	    reg_on_date(in, "complied_on", "9.7", cx->today,
			js_date(it, js_str(it, "made_on") ? "made_on" : "issued_on"),
			"the order was made", &on, e))
		return -1;
	due = js_date(it, "due_on");
	*payload = json_pack("{s:I, s:s, s:b}", "n", (json_int_t)n, "evidence", s,
			     "on_time", due == DATE_NONE || on <= due);
	js_set_date(*payload, "complied_on", on);
	*eff = on;
	return 0;
}

static int failure_order(const json_t *st, const json_t *in, const struct reg_ctx *cx,
			 json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "type", "ground", "issued_on", "due_on", NULL };
	const char *s;
	long long type = 0;
	date_t on, due;

	if (js_only_keys(in, keys, "the complaint handling failure order", e) ||
	    js_need_int(in, "type", 1, "9.7", 1, 3, &type, e) ||
	    js_need_str(in, "ground", 1, "9.7", &s, e) ||
	    reg_on_date(in, "issued_on", "9.7", cx->today, js_date(st, "referred_on"),
			"the referral", &on, e) ||
	    js_need_date(in, "due_on", 0, "9.7", &due, e))
		return -1;
	if (due != DATE_NONE && due < on)
		return err_set(e, RD_EINVAL, "due_on", "9.7", "due_on is before the order was issued");
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "n", json_integer(
		(json_int_t)json_array_size(json_object_get(st, "failure_orders")) + 1));
	js_set_date(*payload, "issued_on", on);
	js_set_date(*payload, "due_on", due);
	json_object_set_new(*payload, "complied_on", json_null());
	*eff = on;
	return 0;
}

static int outstanding(const json_t *st, const char *list)
{
	const json_t *x;
	size_t i;

	json_array_foreach(json_object_get(st, list), i, x)
		if (!js_str(x, "complied_on"))
			return (int)i + 1;
	return 0;
}

static int close_case(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		      json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "closed_on", NULL };
	date_t on;
	int n;

	if (js_only_keys(in, keys, "the closure", e) ||
	    reg_on_date(in, "closed_on", "9.7", cx->today, js_date(st, "referred_on"),
			"the referral", &on, e))
		return -1;
	if (!json_array_size(json_object_get(st, "determinations")))
		return err_set(e, RD_ERULE, "determinations", "9.7",
			       "%s has no determination yet: record the Ombudsman's findings first",
			       js_str0(st, "reference"));
	if ((n = outstanding(st, "orders")))
		return err_set(e, RD_ERULE, "orders", "9.7",
			       "order %d has not been complied with: a case closes only when every "
			       "order is complied with (Code 9.7)", n);
	if ((n = outstanding(st, "failure_orders")))
		return err_set(e, RD_ERULE, "failure_orders", "9.7",
			       "complaint handling failure order %d has not been complied with", n);
	*payload = json_object();
	js_set_date(*payload, "closed_on", on);
	*eff = on;
	return 0;
}

int omb_decide(const json_t *st, const char *action, const json_t *in,
	       const char *ref, const struct reg_ctx *cx, json_t **payload,
	       const char **type, date_t *eff, struct rd_err *e)
{
	if (!strcmp(action, "new")) {
		*type = "ombudsman.referred";
		if (!cx->complaint)
			return err_set(e, RD_EINVAL, "complaint", "4.1",
				       "complaint is required: the complaint the Ombudsman is considering");
		return referral(in, ref, cx, payload, eff, e);
	}
	if (js_str(st, "closed_on"))
		return err_set(e, RD_ESTATE, "reference", NULL, "%s was closed on %s", ref,
			       js_str(st, "closed_on"));
	if (!strcmp(action, "request")) {
		*type = "ombudsman.information_requested";
		return request(st, in, cx, payload, eff, e);
	} else if (!strcmp(action, "answer")) {
		*type = "ombudsman.information_answered";
		return answer(st, in, cx, payload, eff, e);
	} else if (!strcmp(action, "determine")) {
		*type = "ombudsman.determined";
		return determine(st, in, cx, payload, eff, e);
	} else if (!strcmp(action, "order")) {
		*type = "ombudsman.order_made";
		return order(st, in, cx, payload, eff, e);
	} else if (!strcmp(action, "comply")) {
		*type = "ombudsman.order_complied";
		return comply(st, "orders", "order", in, cx, payload, eff, e);
	} else if (!strcmp(action, "failure-order")) {
		*type = "ombudsman.failure_order_issued";
		return failure_order(st, in, cx, payload, eff, e);
	} else if (!strcmp(action, "comply-failure-order")) {
		*type = "ombudsman.failure_order_complied";
		return comply(st, "failure_orders", "failure order", in, cx, payload, eff, e);
	} else if (!strcmp(action, "close")) {
		*type = "ombudsman.closed";
		return close_case(st, in, cx, payload, eff, e);
	}
	return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
}
