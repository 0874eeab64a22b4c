/*
 * improvement.c - learning and service improvements.
 */
#include "core/improvement.h"

#include <string.h>

#include "core/policy.h"
#include "util/json.h"

const char *const imp_statuses[] = {
	"planned", "in_progress", "completed", "cancelled", NULL
};

int imp_is_open(const json_t *st)
{
	const char *s = js_str0(st, "status");

	return !strcmp(s, "planned") || !strcmp(s, "in_progress");
}

void imp_derive(json_t *st)
{
	json_t *u;
	size_t i;

	json_array_foreach(json_object_get(st, "updates"), i, u) {
		static const char *const copy[] = { "status", "due_on", "owner", "outcome" };

		for (int k = 0; k < 4; k++)
			if (js_str(u, copy[k]))
				json_object_set(st, copy[k], json_object_get(u, copy[k]));
		if (!strcmp(js_str0(u, "status"), "completed") || !strcmp(js_str0(u, "status"), "cancelled"))
			json_object_set(st, "finished_on", json_object_get(u, "on"));
	}
	if (!json_object_get(st, "updates"))
		json_object_set_new(st, "updates", json_array());
}

static int recorded(const json_t *in, const char *ref, const struct reg_ctx *cx,
		    json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"title", "description", "complaints", "category", "owner", "due_on",
		"recorded_on", "status", NULL
	};
	static const char *const start[] = { "planned", "in_progress", NULL };
	const json_t *cl = json_object_get(in, "complaints"), *x;
	const char *s, *status;
	date_t on, due;
	size_t i;

	if (js_only_keys(in, keys, "the improvement", e) ||
	    js_need_str(in, "title", 1, "9.1", &s, e) ||
	    js_need_str(in, "description", 0, "9.1", &s, e) ||
	    js_need_str(in, "owner", 1, "9.1", &s, e) ||
	    js_need_str(in, "category", 0, "9.1", &s, e) ||
	    js_need_str(in, "status", 0, "9.1", &status, e) ||
	    js_need_date(in, "due_on", 1, "9.1", &due, e) ||
	    reg_on_date(in, "recorded_on", "9.1", cx->today, DATE_NONE, NULL, &on, e))
		return -1;
	if (s && !policy_is_category(s))
		return err_set(e, RD_EINVAL, "category", "9.1", "category \"%s\" is not a known category", s);
	if (status && reg_one_of(status, start, "status", "9.1", e))
		return -1;
	if (!json_is_array(cl) || !json_array_size(cl))
		return err_set(e, RD_EINVAL, "complaints", "9.1",
			       "complaints is required: the complaints that prompted the improvement (Code 9.1)");
	json_array_foreach(cl, i, x)
		if (!json_is_string(x))
			return err_set(e, RD_EINVAL, "complaints", "9.1",
				       "complaints must be a list of complaint references");
	if (due < on)
		return err_set(e, RD_EINVAL, "due_on", "9.1", "due_on is before recorded_on");
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "reference", json_string(ref));
	js_set_date(*payload, "recorded_on", on);
	js_set_date(*payload, "due_on", due);
	if (!status)
		json_object_set_new(*payload, "status", json_string("planned"));
	json_object_set_new(*payload, "updates", json_array());
	*eff = on;
	return 0;
}

static int updated(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		   json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"note", "on", "status", "due_on", "owner", "outcome", NULL
	};
	const char *s, *status;
	date_t on, due;
	json_t *last = json_array_get(json_object_get(st, "updates"),
				      json_array_size(json_object_get(st, "updates")) - 1);
	date_t floor = last ? js_date(last, "on") : js_date(st, "recorded_on");

	if (!imp_is_open(st))
		return err_set(e, RD_ESTATE, "status", NULL, "%s is %s: it takes no more updates",
			       js_str0(st, "reference"), js_str0(st, "status"));
	if (js_only_keys(in, keys, "the update", e) ||
	    js_need_str(in, "note", 1, "9.1", &s, e) ||
	    js_need_str(in, "owner", 0, "9.1", &s, e) ||
	    js_need_str(in, "outcome", 0, "9.3", &s, e) ||
	    js_need_str(in, "status", 0, "9.1", &status, e) ||
	    (status && reg_one_of(status, imp_statuses, "status", "9.1", e)) ||
	    js_need_date(in, "due_on", 0, "9.1", &due, e) ||
	    reg_on_date(in, "on", "9.1", cx->today, floor, "the last update", &on, e))
		return -1;
	if (due != DATE_NONE && due < js_date(st, "recorded_on"))
		return err_set(e, RD_EINVAL, "due_on", "9.1", "due_on is before the improvement was recorded");
	if (status && !strcmp(status, "completed") && !js_str(in, "outcome"))
		return err_set(e, RD_EINVAL, "outcome", "9.3",
			       "outcome is required to complete an improvement: what changed, to "
			       "report to residents, staff and the governing body (Code 9.3)");
	if (js_str(in, "outcome") && (!status || strcmp(status, "completed")))
		return err_set(e, RD_EINVAL, "outcome", "9.3",
			       "outcome is given when the improvement is completed (status completed)");
	*payload = json_deep_copy(in);
	js_set_date(*payload, "on", on);
	if (due != DATE_NONE)
		js_set_date(*payload, "due_on", due);
	*eff = on;
	return 0;
}

int imp_decide(const json_t *st, const char *action, const json_t *in,
	       const char *ref, const struct reg_ctx *cx, json_t **payload,
	       const char **type, date_t *eff, struct rd_err *e)
{
	if (!strcmp(action, "new")) {
		*type = "improvement.recorded";
		return recorded(in, ref, cx, payload, eff, e);
	}
	if (!strcmp(action, "update")) {
		*type = "improvement.updated";
		return updated(st, in, cx, payload, eff, e);
	}
	return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
}
