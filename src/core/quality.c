/*
 * quality.c - quality review of issued responses.
 */
#include "core/quality.h"

#include <math.h>
#include <string.h>

#include "core/complaint.h"
#include "util/json.h"

const char *const qual_points[] = {
	"points_answered", "required_elements", "plain_language", "tone",
	"remedy_proportionate", NULL
};

const char *qual_handler(const json_t *c, int stage)
{
	return js_str(cmp_stage(c, stage), "handler");
}

static int assign(const json_t *in, const char *ref, const struct reg_ctx *cx,
		  json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = {
		"complaint", "stage", "reviewer", "assigned_on", NULL
	};
	const char *s, *reviewer, *handler;
	long long stage = 0;
	date_t on, responded;

	if (js_only_keys(in, keys, "the quality review", e) ||
	    js_need_str(in, "complaint", 1, "6.7", &s, e) ||
	    js_need_int(in, "stage", 1, "6.7", 1, 2, &stage, e) ||
	    js_need_str(in, "reviewer", 1, "6.7", &reviewer, e))
		return -1;
	if (!cx->complaint)
		return err_set(e, RD_EINVAL, "complaint", "6.7", "no complaint %s", s);
	responded = js_date(cmp_stage(cx->complaint, (int)stage), "responded_on");
	if (responded == DATE_NONE)
		return err_set(e, RD_ESTATE, "stage", "6.7",
			       "%s has no stage %lld response to review yet", s, stage);
	handler = qual_handler(cx->complaint, (int)stage);
	if (handler && !strcmp(handler, reviewer))
		return err_set(e, RD_ERULE, "reviewer", "6.7",
			       "%s handled the stage %lld response: a response is reviewed by someone "
			       "other than its handler", reviewer, stage);
	if (reg_on_date(in, "assigned_on", "6.7", cx->today, responded, "the response was issued",
			&on, e))
		return -1;
	*payload = json_deep_copy(in);
	json_object_set_new(*payload, "reference", json_string(ref));
	js_set_date(*payload, "assigned_on", on);
	js_set_date(*payload, "responded_on", responded);
	js_set_str(*payload, "handler", handler);
	json_object_set_new(*payload, "status", json_string("assigned"));
	*eff = on;
	return 0;
}

static int score(const json_t *st, const json_t *in, const struct reg_ctx *cx,
		 json_t **payload, date_t *eff, struct rd_err *e)
{
	static const char *const keys[] = { "scores", "findings", "scored_on", NULL };
	const json_t *sc = json_object_get(in, "scores");
	const char *s, *key;
	json_t *v;
	long long total = 0, x;
	date_t on;

	if (js_str(st, "scored_on"))
		return err_set(e, RD_ESTATE, "reference", NULL, "%s was scored on %s",
			       js_str0(st, "reference"), js_str(st, "scored_on"));
	if (strcmp(cx->actor, "system") && strcmp(cx->actor, js_str0(st, "reviewer")))
		return err_set(e, RD_EDENIED, "as", NULL, "%s is assigned to %s: only they may score it",
			       js_str0(st, "reference"), js_str0(st, "reviewer"));
	if (js_only_keys(in, keys, "the score", e) ||
	    js_need_str(in, "findings", 1, "6.7", &s, e) ||
	    reg_on_date(in, "scored_on", "6.7", cx->today, js_date(st, "assigned_on"),
			"the review was assigned", &on, e))
		return -1;
	if (!json_is_object(sc))
		return err_set(e, RD_EINVAL, "scores", "6.7",
			       "scores is required: 0, 1 or 2 for each point of the checklist");
	json_object_foreach((json_t *)sc, key, v) {
		int known = 0;

		for (int i = 0; qual_points[i]; i++)
			known |= !strcmp(qual_points[i], key);
		if (!known)
			return reg_one_of(key, qual_points, "scores", "6.7", e);
	}
	for (int i = 0; qual_points[i]; i++) {
		x = -1;
		if (js_need_int(sc, qual_points[i], 1, "6.7", 0, 2, &x, e))
			return err_in(e, "scores");
		total += x;
	}
	*payload = json_pack("{s:O, s:s, s:I, s:i, s:f, s:s}", "scores", sc, "findings", s,
			     "score", (json_int_t)total, "out_of", QUAL_MAX,
			     "percent", round(total * 1000.0 / QUAL_MAX) / 10.0, "status", "scored");
	js_set_date(*payload, "scored_on", on);
	*eff = on;
	return 0;
}

int qual_decide(const json_t *st, const char *action, const json_t *in,
		const char *ref, const struct reg_ctx *cx, json_t **payload,
		const char **type, date_t *eff, struct rd_err *e)
{
	if (!strcmp(action, "new")) {
		*type = "quality.assigned";
		return assign(in, ref, cx, payload, eff, e);
	}
	if (!strcmp(action, "score")) {
		*type = "quality.scored";
		return score(st, in, cx, payload, eff, e);
	}
	return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
}
