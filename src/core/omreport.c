/*
 * omreport.c - the Housing Ombudsman's reports about the landlord (Code
 * 8.1 e and f).
 */
#include "core/omreport.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/json.h"

const char *const omr_kinds[] = {
	"annual_landlord_report", "special_report", "spotlight_report",
	"severe_maladministration_report", "failure_order_report",
	"complaint_handling_failure_notice", "other", NULL
};

const char *const omr_kind_labels[] = {
	"annual_landlord_report", "Annual landlord performance report",
	"special_report", "Special report",
	"spotlight_report", "Spotlight report",
	"severe_maladministration_report", "Severe maladministration report",
	"failure_order_report", "Complaint handling failure order report",
	"complaint_handling_failure_notice", "Complaint handling failure notice",
	"other", "Other report", NULL
};

const char *omr_kind_label(const char *kind)
{
	for (size_t i = 0; kind && omr_kind_labels[i]; i += 2)
		if (!strcmp(omr_kind_labels[i], kind))
			return omr_kind_labels[i + 1];
	return kind ? kind : "";
}

/* "url", when given, is a web address: http:// or https://, a host, no
 * spaces. */
static int check_url(const json_t *in, struct rd_err *e)
{
	const char *u, *host;

	if (js_need_str(in, "url", 0, "8.1", &u, e))
		return -1;
	if (!u)
		return 0;
	host = !strncasecmp(u, "https://", 8) ? u + 8 : !strncasecmp(u, "http://", 7) ? u + 7 : NULL;
	if (!host || !*host || *host == '/' || strpbrk(u, " \t\n"))
		return err_set(e, RD_EINVAL, "url", "8.1",
			       "url must be a web address starting http:// or https://");
	return 0;
}

/* "key" (complaints, improvements), when given, is a list of references. */
static int check_refs(const json_t *in, const char *key, const char *what, struct rd_err *e)
{
	const json_t *l = json_object_get(in, key), *x;
	size_t i;

	if (!l)
		return 0;
	if (!json_is_array(l))
		return err_set(e, RD_EINVAL, key, "8.1", "%s must be a list of %s references", key, what);
	json_array_foreach(l, i, x)
		if (!json_is_string(x) || !*json_string_value(x) || json_string_length(x) > 40)
			return err_set(e, RD_EINVAL, key, "8.1", "%s must be a list of %s references",
				       key, what);
	return 0;
}

/* The earliest day the landlord can have answered: when it received the
 * report, or, not said, when it was published. */
static date_t answer_floor(const json_t *st)
{
	date_t rcv = js_date(st, "received_on"), pub = js_date(st, "published_on");

	return rcv != DATE_NONE && rcv < pub ? rcv : pub;
}

static int recorded(const json_t *in, const char *ref, const struct reg_ctx *cx,
		    json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"kind", "title", "published_on", "received_on", "year", "summary", "url",
		"landlord_response", "responded_on", "complaints", "improvements", NULL
	};
	const char *kind, *s;
	date_t pub, rcv, resp;
	long long year = 0;
	json_t *p;

	if (js_only_keys(in, keys, "the Ombudsman's report", e) ||
	    js_need_str(in, "kind", 1, "8.1", &kind, e) ||
	    reg_one_of(kind, omr_kinds, "kind", "8.1", e) ||
	    js_need_str(in, "title", 1, "8.1", &s, e) ||
	    js_need_date(in, "published_on", 1, "8.1", &pub, e) ||
	    js_need_date(in, "received_on", 0, "8.1", &rcv, e) ||
	    js_need_str(in, "summary", 1, "8.1", &s, e) ||
	    js_need_str(in, "landlord_response", 0, "8.1", &s, e) ||
	    js_need_date(in, "responded_on", 0, "8.1", &resp, e) ||
	    check_url(in, e) || check_refs(in, "complaints", "complaint", e) ||
	    check_refs(in, "improvements", "improvement", e))
		return -1;
	if (pub > cx->today)
		return err_set(e, RD_EINVAL, "published_on", "8.1",
			       "published_on is in the future: record the report once it is published");
	if (rcv != DATE_NONE && rcv > cx->today)
		return err_set(e, RD_EINVAL, "received_on", "8.1", "received_on is in the future");
	if (!strcmp(kind, "annual_landlord_report")) {
		date_t end;

		if (js_need_int(in, "year", 1, "8.1", CAL_FIRST_YEAR, CAL_LAST_YEAR - 1, &year, e))
			return -1;
		/* it covers a whole financial year, so comes out after it */
		date_from_ymd((int)year + 1, 3, 31, &end);
		if (pub <= end)
			return err_set(e, RD_EINVAL, "year", "8.1",
				       "year %lld (%lld/%02lld) had not ended when the report was published: "
				       "the annual landlord report covers a whole financial year",
				       year, year, (year + 1) % 100);
	} else if (json_object_get(in, "year")) {
		return err_set(e, RD_EINVAL, "year", "8.1",
			       "year is the financial year an annual landlord report covers: "
			       "a %s has none", kind);
	}
	if (resp != DATE_NONE && !js_str(in, "landlord_response"))
		return err_set(e, RD_EINVAL, "landlord_response", "8.1",
			       "landlord_response is required with responded_on: what did the landlord say or do?");
	p = json_deep_copy(in);
	js_set_date(p, "published_on", pub);
	if (rcv != DATE_NONE)
		js_set_date(p, "received_on", rcv);
	if (js_str(in, "landlord_response")) {
		if (resp == DATE_NONE)
			resp = cx->today;
		if (resp > cx->today) {
			json_decref(p);
			return err_set(e, RD_EINVAL, "responded_on", "8.1", "responded_on is in the future");
		}
		if (resp < answer_floor(p)) {
			json_decref(p);
			return err_set(e, RD_EINVAL, "responded_on", "8.1",
				       "responded_on is before the report was received or published");
		}
		js_set_date(p, "responded_on", resp);
	}
	if (!json_object_get(p, "complaints"))
		json_object_set_new(p, "complaints", json_array());
	if (!json_object_get(p, "improvements"))
		json_object_set_new(p, "improvements", json_array());
	json_object_set_new(p, "reference", json_string(ref));
	json_object_set_new(p, "recorded_by", json_string(cx->actor ? cx->actor : "system"));
	json_object_set_new(p, "updates", json_array());
	*payload = p;
	*eff = rcv != DATE_NONE && rcv < pub ? rcv : pub;
	return 0;
}

static int updated(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		   json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"on", "landlord_response", "note", "url", "complaints", "improvements", NULL
	};
	const json_t *ups = json_object_get(st, "updates");
	const json_t *last = json_array_get(ups, json_array_size(ups) - 1);
	date_t on, floor = last ? js_date(last, "on") : answer_floor(st);
	const char *s;

	if (js_only_keys(in, keys, "the update", e) ||
	    js_need_str(in, "landlord_response", 0, "8.1", &s, e) ||
	    js_need_str(in, "note", 0, "8.1", &s, e) ||
	    check_url(in, e) || check_refs(in, "complaints", "complaint", e) ||
	    check_refs(in, "improvements", "improvement", e))
		return -1;
	if (!js_str(in, "landlord_response") && !js_str(in, "note") && !js_str(in, "url") &&
	    !json_array_size(json_object_get(in, "complaints")) &&
	    !json_array_size(json_object_get(in, "improvements")))
		return err_set(e, RD_EINVAL, "landlord_response", "8.1",
			       "landlord_response is required: what did the landlord say or do about "
			       "the report? (or a note, a url, complaints or improvements to link)");
	if (reg_on_date(in, "on", "8.1", cx->today, floor,
			last ? "the last update" : "the report was received or published", &on, e))
		return -1;
	*payload = json_deep_copy(in);
	js_set_date(*payload, "on", on);
	json_object_set_new(*payload, "by", json_string(cx->actor ? cx->actor : "system"));
	*eff = on;
	return 0;
}

static int withdrawn(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		     json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "reason", "on", NULL };
	const char *s;
	date_t on;

	if (js_only_keys(in, keys, "the withdrawal", e) ||
	    js_need_str(in, "reason", 1, "8.1", &s, e) ||
	    reg_on_date(in, "on", "8.1", cx->today, answer_floor(st),
			"the report was received or published", &on, e))
		return -1;
	*payload = json_pack("{s:s, s:o, s:s}", "withdrawn_reason", s, "withdrawn_on",
			     js_from_date(on), "withdrawn_by", cx->actor ? cx->actor : "system");
	*eff = on;
	return 0;
}

int omr_decide(const json_t *st, const char *action, const json_t *in,
	       const char *ref, const struct reg_ctx *cx, json_t **payload,
	       const char **type, date_t *eff, struct rd_err *e)
{
	if (!strcmp(action, "new")) {
		*type = "ombudsman_report.recorded";
		return recorded(in, ref, cx, payload, eff, e);
	}
	if (strcmp(action, "update") && strcmp(action, "withdraw"))
		return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
	if (js_str(st, "withdrawn_on"))
		return err_set(e, RD_ESTATE, "reference", NULL, "%s was withdrawn on %s",
			       ref, js_str0(st, "withdrawn_on"));
	if (!strcmp(action, "update")) {
		*type = "ombudsman_report.updated";
		return updated(st, in, cx, payload, eff, e);
	}
	*type = "ombudsman_report.withdrawn";
	return withdrawn(st, in, cx, payload, eff, e);
}

/* Appends to the record's list "key" the references of "from" it lacks. */
static void add_links(json_t *st, const json_t *from, const char *key)
{
	json_t *l = json_object_get(st, key);
	const json_t *x, *y;
	size_t i, k;

	if (!json_is_array(l)) {
		l = json_array();
		json_object_set_new(st, key, l);
	}
	json_array_foreach(json_object_get(from, key), i, x) {
		int have = 0;

		json_array_foreach(l, k, y)
			have |= json_equal((json_t *)x, (json_t *)y);
		if (!have)
			json_array_append(l, (json_t *)x);
	}
}

void omr_derive(json_t *st)
{
	const json_t *u;
	size_t i;

	if (!json_is_array(json_object_get(st, "updates")))
		json_object_set_new(st, "updates", json_array());
	json_array_foreach(json_object_get(st, "updates"), i, u) {
		if (js_str(u, "landlord_response")) {
			json_object_set(st, "landlord_response", json_object_get(u, "landlord_response"));
			json_object_set(st, "responded_on", json_object_get(u, "on"));
		}
		if (js_str(u, "url"))
			json_object_set(st, "url", json_object_get(u, "url"));
		add_links(st, u, "complaints");
		add_links(st, u, "improvements");
	}
	if (json_is_integer(json_object_get(st, "year"))) {
		long long y = js_int(st, "year", 0);
		char covers[16];

		snprintf(covers, sizeof(covers), "%lld/%02lld", y, (y + 1) % 100);
		json_object_set_new(st, "covers", json_string(covers));
	}
	json_object_set_new(st, "status", json_string(js_str(st, "withdrawn_on") ? "withdrawn"
		: js_str(st, "landlord_response") ? "responded" : "received"));
}
