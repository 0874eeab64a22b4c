/*
 * sreq.c - service requests and survey feedback.
 */
#include "core/sreq.h"

#include <string.h>

#include "core/policy.h"
#include "util/json.h"

static int on_date(const json_t *in, const char *key, date_t today,
		   date_t floor, date_t *out, struct rd_err *e)
{
	if (js_need_date(in, key, 0, NULL, out, e))
		return -1;
	if (*out == DATE_NONE)
		*out = today;
	if (*out > today)
		return err_set(e, RD_EINVAL, key, NULL, "%s is in the future", key);
	if (floor != DATE_NONE && *out < floor)
		return err_set(e, RD_EINVAL, key, NULL,
			       "%s is before the request was received", key);
	return 0;
}

int sreq_decide(const json_t *st, const char *action, const json_t *in,
		const char *reference, date_t today, json_t **payload,
		const char **type, date_t *eff, struct rd_err *e)
{
	const char *s;
	date_t on, floor = js_date(st, "received_on");

	*payload = NULL;
	if (!json_is_object(in))
		return err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
	if (!strcmp(action, "new")) {
		static const char *const keys[] = {
			"person_id", "category", "description", "received_on",
			"channel", "due_on", NULL
		};
		date_t due;

		*type = "service_request.raised";
		if (js_only_keys(in, keys, "the service request", e) ||
		    js_need_str(in, "person_id", 0, NULL, &s, e) ||
		    js_need_str(in, "description", 1, "1.4", &s, e) ||
		    js_need_str(in, "category", 1, "1.4", &s, e) ||
		    js_need_date(in, "due_on", 0, NULL, &due, e) ||
		    on_date(in, "received_on", today, DATE_NONE, &on, e))
			return -1;
		if (!policy_is_category(js_str(in, "category")))
			return err_set(e, RD_EINVAL, "category", NULL,
				       "category \"%s\" is not a known category", js_str(in, "category"));
		if ((s = js_str(in, "channel")) && !policy_is_channel(s))
			return err_set(e, RD_EINVAL, "channel", NULL,
				       "channel \"%s\" is not a known channel", s);
		*payload = json_deep_copy(in);
		json_object_set_new(*payload, "reference", json_string(reference));
		js_set_date(*payload, "received_on", on);
		*eff = on;
		return 0;
	}
	if (!st)
		return err_set(e, RD_ENOTFOUND, "reference", NULL, "no such service request");
	if (!strcmp(action, "update")) {
		static const char *const keys[] = { "note", "on", NULL };

		*type = "service_request.updated";
		if (js_only_keys(in, keys, "the update", e) ||
		    js_need_str(in, "note", 1, "1.4", &s, e) ||
		    on_date(in, "on", today, floor, &on, e))
			return -1;
	} else if (!strcmp(action, "dissatisfied")) {
		static const char *const keys[] = {
			"on", "complaint_offered", "details", "complaint", NULL
		};
		int offered;

		*type = "service_request.dissatisfaction";
		if (js_only_keys(in, keys, "the dissatisfaction", e) ||
		    js_need_str(in, "details", 1, "1.3", &s, e) ||
		    js_need_bool(in, "complaint_offered", 1, "1.3", &offered, e) ||
		    js_need_str(in, "complaint", 0, NULL, &s, e) ||
		    on_date(in, "on", today, floor, &on, e))
			return -1;
		if (!offered && !js_str(in, "complaint"))
			return err_set(e, RD_ERULE, "complaint_offered", "1.3",
				       "the resident is dissatisfied: they must be offered the choice to make a complaint (Code 1.3, 1.5)");
	} else if (!strcmp(action, "complete")) {
		static const char *const keys[] = { "on", "note", NULL };

		*type = "service_request.completed";
		if (js_true(st, "completed"))
			return err_set(e, RD_ESTATE, "reference", NULL,
				       "service request %s is already complete", js_str0(st, "reference"));
		if (js_only_keys(in, keys, "the completion", e) ||
		    js_need_str(in, "note", 0, NULL, &s, e) ||
		    on_date(in, "on", today, floor, &on, e))
			return -1;
	} else {
		return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
	}
	*payload = json_deep_copy(in);
	js_set_date(*payload, "on", on);
	*eff = on;
	return 0;
}

void sreq_apply(json_t *st, const char *type, const json_t *p)
{
	json_t *l;

	if (!strcmp(type, "service_request.raised")) {
		json_object_update(st, (json_t *)p);
		json_object_set_new(st, "status", json_string("open"));
		json_object_set_new(st, "completed", json_false());
		json_object_set_new(st, "history", json_array());
		json_object_set_new(st, "complaints", json_array());
		return;
	}
	l = json_object_get(st, "history");
	if (json_is_array(l))
		json_array_append_new(l, json_pack("{s:s, s:O}", "type", type, "detail", p));
	if (!strcmp(type, "service_request.dissatisfaction")) {
		json_object_set_new(st, "dissatisfied", json_true());
		if (js_str(p, "complaint"))
			json_array_append(json_object_get(st, "complaints"),
					  json_object_get(p, "complaint"));
	} else if (!strcmp(type, "service_request.completed")) {
		json_object_set_new(st, "completed", json_true());
		json_object_set_new(st, "status", json_string("completed"));
		json_object_set(st, "completed_on", json_object_get(p, "on"));
	}
}

int feedback_decide(const json_t *in, const char *id, date_t today,
		    json_t **payload, const char **type, date_t *eff,
		    struct rd_err *e)
{
	static const char *const keys[] = {
		"person_id", "survey", "text", "dissatisfied",
		"complaint_route_offered", "received_on", NULL
	};
	const char *s;
	int dissatisfied, offered;
	date_t on;

	*type = "feedback.recorded";
	*payload = NULL;
	if (js_only_keys(in, keys, "the feedback", e) ||
	    js_need_str(in, "person_id", 0, NULL, &s, e) ||
	    js_need_str(in, "survey", 1, NULL, &s, e) ||
	    js_need_str(in, "text", 0, NULL, &s, e) ||
	    js_need_bool(in, "dissatisfied", 1, "1.6", &dissatisfied, e) ||
	    js_need_bool(in, "complaint_route_offered", dissatisfied, "1.6", &offered, e) ||
	    on_date(in, "received_on", today, DATE_NONE, &on, e))
		return -1;
	if (dissatisfied && !offered)
		return err_set(e, RD_ERULE, "complaint_route_offered", "1.6",
			       "survey feedback expressed dissatisfaction: the respondent must be told how to make a complaint (Code 1.6)");
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "id", json_string(id));
	js_set_date(*payload, "received_on", on);
	*eff = on;
	return 0;
}

void feedback_apply(json_t *st, const char *type, const json_t *p)
{
	if (!strcmp(type, "feedback.recorded"))
		json_object_update(st, (json_t *)p);
}
