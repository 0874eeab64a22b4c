/*
 * survey.c - surveys of complaint handling.
 */
#include "core/survey.h"

#include <string.h>

#include "util/json.h"

const char *const survey_questions[] = {
	"ease_of_complaining", "kept_informed", "treated_fairly", "outcome",
	"overall", NULL
};

static int scheduled(const json_t *in, const char *ref, const struct reg_ctx *cx,
		     json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"complaint", "person_id", "closed_on", "due_on", NULL
	};
	const char *s;
	date_t closed, due;

	if (js_only_keys(in, keys, "the survey", e) ||
	    js_need_str(in, "complaint", 1, "1.6", &s, e) ||
	    js_need_str(in, "person_id", 0, "1.6", &s, e) ||
	    js_need_date(in, "closed_on", 1, "1.6", &closed, e) ||
	    js_need_date(in, "due_on", 1, "1.6", &due, e))
		return -1;
	if (due < closed)
		return err_set(e, RD_EINVAL, "due_on", "1.6", "due_on is before the complaint closed");
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "reference", json_string(ref));
	json_object_set_new(*payload, "status", json_string("due"));
	*eff = cx->today;
	return 0;
}

static int sent(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "sent_on", "method", NULL };
	const char *s;
	date_t on;

	if (strcmp(js_str0(st, "status"), "due"))
		return err_set(e, RD_ESTATE, "reference", NULL, "%s is %s, not due to be sent",
			       js_str0(st, "reference"), js_str0(st, "status"));
	if (js_only_keys(in, keys, "the sending", e) ||
	    js_need_str(in, "method", 0, "1.6", &s, e) ||
	    reg_on_date(in, "sent_on", "1.6", cx->today, js_date(st, "closed_on"),
			"the complaint closed", &on, e))
		return -1;
	*payload = json_deep_copy(in);
	js_set_date(*payload, "sent_on", on);
	json_object_set_new(*payload, "status", json_string("sent"));
	*eff = on;
	return 0;
}

static int answered(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		    json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "answered_on", "answers", "comments", NULL };
	const json_t *a = json_object_get(in, "answers");
	const char *s, *key;
	json_t *v;
	long long x;
	date_t on;
	int any = 0;

	if (strcmp(js_str0(st, "status"), "sent") && strcmp(js_str0(st, "status"), "due"))
		return err_set(e, RD_ESTATE, "reference", NULL, "%s is %s",
			       js_str0(st, "reference"), js_str0(st, "status"));
	if (js_only_keys(in, keys, "the answers", e) ||
	    js_need_str(in, "comments", 0, "1.6", &s, e) ||
	    reg_on_date(in, "answered_on", "1.6", cx->today, js_date(st, "closed_on"),
			"the complaint closed", &on, e))
		return -1;
	if (!json_is_object(a))
		return err_set(e, RD_EINVAL, "answers", "1.6",
			       "answers is required: a score from 1 to 5 for one or more questions");
	json_object_foreach((json_t *)a, key, v) {
		if (reg_one_of(key, survey_questions, "answers", "1.6", e) ||
		    js_need_int(a, key, 1, "1.6", 1, 5, &x, e))
			return err_in(e, "answers");
		any = 1;
	}
	if (!any)
		return err_set(e, RD_EINVAL, "answers", "1.6", "answers has no scores");
	*payload = json_deep_copy(in);
	js_set_date(*payload, "answered_on", on);
	json_object_set_new(*payload, "status", json_string("answered"));
	*eff = on;
	return 0;
}

static int declined(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		    json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "on", "reason", NULL };
	const char *s;
	date_t on;

	if (strcmp(js_str0(st, "status"), "sent") && strcmp(js_str0(st, "status"), "due"))
		return err_set(e, RD_ESTATE, "reference", NULL, "%s is %s",
			       js_str0(st, "reference"), js_str0(st, "status"));
	if (js_only_keys(in, keys, "the declined survey", e) ||
	    js_need_str(in, "reason", 0, "1.6", &s, e) ||
	    reg_on_date(in, "on", "1.6", cx->today, js_date(st, "closed_on"),
			"the complaint closed", &on, e))
		return -1;
	*payload = json_deep_copy(in);
	js_set_date(*payload, "declined_on", on);
	json_object_del(*payload, "on");
	json_object_set_new(*payload, "status", json_string("declined"));
	*eff = on;
	return 0;
}

int survey_decide(const json_t *st, const char *action, const json_t *in,
		  const char *ref, const struct reg_ctx *cx, json_t **payload,
		  const char **type, date_t *eff, struct rd_err *e)
{
	if (!strcmp(action, "new")) {
		*type = "survey.scheduled";
		return scheduled(in, ref, cx, payload, eff, e);
	}
	if (!strcmp(action, "send")) {
		*type = "survey.sent";
		return sent(st, in, cx, payload, eff, e);
	}
	if (!strcmp(action, "answer")) {
		*type = "survey.answered";
		return answered(st, in, cx, payload, eff, e);
	}
	if (!strcmp(action, "decline")) {
		*type = "survey.declined";
		return declined(st, in, cx, payload, eff, e);
	}
	return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
}
