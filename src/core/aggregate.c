/*
 * aggregate.c - folding events by kind; the calendar and user streams.
 */
#include "core/aggregate.h"

#include <string.h>

#include "core/complaint.h"
#include "core/person.h"
#include "core/policy.h"
#include "core/printq.h"
#include "core/provision.h"
#include "core/register.h"
#include "core/sreq.h"
#include "core/triage.h"
#include "util/buf.h"
#include "util/json.h"

const char *const agg_roles[] = {
	"handler", "complaints_officer", "senior_lead", "board", "admin", NULL
};

void agg_kind(const char *stream, char *out, size_t n)
{
	const char *colon = strchr(stream, ':');
	size_t len = colon ? (size_t)(colon - stream) : strlen(stream);

	if (len >= n)
		len = n - 1;
	memcpy(out, stream, len);
	out[len] = '\0';
}

static void calendar_apply(json_t *st, const char *type, const json_t *p)
{
	json_object_set_new(st, "version", json_integer(js_int(st, "version", 0) + 1));
	if (!strcmp(type, "calendar.imported")) {
		json_t *ov = json_object_get(st, "overrides");
		const char *region = js_str0(p, "region");
		json_t *old = json_object_get(ov, region), *keep = json_array(), *x;
		int from = (int)js_int(p, "years_from", 0), to = (int)js_int(p, "years_to", 0);
		size_t i;

		json_array_foreach(old, i, x) {
			int y, m, d;

			date_to_ymd(js_date(x, "date"), &y, &m, &d);
			if (y < from || y > to)
				json_array_append(keep, x);
		}
		json_array_extend(keep, json_object_get(p, "overrides"));
		json_object_set_new(ov, region, keep);
		json_array_append_new(json_object_get(st, "imports"), json_pack(
			"{s:s, s:i, s:i, s:O?}", "region", region, "years_from", from,
			"years_to", to, "source", json_object_get(p, "source")));
	} else if (!strcmp(type, "calendar.closure_added")) {
		json_array_append(json_object_get(st, "closures"), (json_t *)p);
	} else if (!strcmp(type, "calendar.closure_removed")) {
		json_t *l = json_object_get(st, "closures"), *x;
		size_t i;

		json_array_foreach(l, i, x) {
			if (!strcmp(js_str0(x, "date"), js_str0(p, "date"))) {
				json_array_remove(l, i);
				break;
			}
		}
	}
}

json_t *agg_calendar_empty(void)
{
	return json_pack("{s:i, s:{s:[], s:[], s:[]}, s:[], s:[]}", "version", 0,
			 "overrides", "england-and-wales", "scotland",
			 "northern-ireland", "closures", "imports");
}

calendar *agg_calendar_build(const json_t *st, enum cal_region region)
{
	const json_t *ov = json_object_get(json_object_get(st, "overrides"),
					   cal_region_name(region));
	const json_t *cl = json_object_get(st, "closures");
	size_t nov = json_array_size(ov), ncl = json_array_size(cl), i;
	struct cal_override *o = xcalloc(nov ? nov : 1, sizeof(*o));
	date_t *c = xcalloc(ncl ? ncl : 1, sizeof(*c));
	calendar *cal;
	json_t *x;

	json_array_foreach(ov, i, x) {
		o[i].date = js_date(x, "date");
		o[i].add = js_true(x, "add");
		snprintf(o[i].title, sizeof(o[i].title), "%s", js_str0(x, "title"));
	}
	json_array_foreach(cl, i, x)
		c[i] = js_date(x, "date");
	cal = cal_new(region, o, nov, c, ncl, (int)js_int(st, "version", 0));
	free(o);
	free(c);
	return cal;
}

int agg_calendar_decide(const json_t *st, const char *action, const json_t *in,
			json_t **payload, const char **type, struct rd_err *e)
{
	const char *s;
	date_t d;
	size_t i;
	json_t *x;
	int found = 0;

	*payload = NULL;
	if (js_need_date(in, "date", 1, NULL, &d, e))
		return -1;
	if (d < 0 || d > 84000)
		return err_set(e, RD_EINVAL, "date", NULL, "date is outside the calendar's years");
	json_array_foreach(json_object_get(st, "closures"), i, x)
		if (js_date(x, "date") == d)
			found = 1;
	if (!strcmp(action, "closure-add")) {
		*type = "calendar.closure_added";
		if (js_need_str(in, "reason", 0, NULL, &s, e))
			return -1;
		if (found)
			return err_set(e, RD_ECONFLICT, "date", NULL, "that date is already a closure day");
	} else if (!strcmp(action, "closure-remove")) {
		*type = "calendar.closure_removed";
		if (!found)
			return err_set(e, RD_ENOTFOUND, "date", NULL, "that date is not a closure day");
	} else {
		return err_set(e, RD_EINVAL, "action", NULL, "unknown calendar action");
	}
	*payload = json_deep_copy(in);
	js_set_date(*payload, "date", d);
	return 0;
}

int agg_user_decide(const json_t *state, const json_t *in, json_t **payload,
		    struct rd_err *e)
{
	static const char *const keys[] = {
		"name", "role", "display_name", "email", NULL
	};
	const char *name, *role, *s;
	int ok = 0;

	*payload = NULL;
	if (js_only_keys(in, keys, "the user", e) ||
	    js_need_str(in, "name", 1, NULL, &name, e) ||
	    js_need_str(in, "role", 1, NULL, &role, e) ||
	    js_need_str(in, "display_name", 0, NULL, &s, e) ||
	    js_need_str(in, "email", 0, NULL, &s, e))
		return -1;
	if (s && (!strchr(s, '@') || strpbrk(s, " \t\r\n")))
		return err_set(e, RD_EINVAL, "email", NULL, "\"%s\" is not an email address", s);
	if (strlen(name) > 64 || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@") != strlen(name))
		return err_set(e, RD_EINVAL, "name", NULL,
			       "a user name is up to 64 letters, digits, '.', '_', '-' or '@'");
	for (int i = 0; agg_roles[i]; i++)
		if (!strcmp(agg_roles[i], role))
			ok = 1;
	if (!ok)
		return err_set(e, RD_EINVAL, "role", NULL,
			       "unknown role \"%s\": use handler, complaints_officer, senior_lead, board or admin", role);
	if (state)
		return err_set(e, RD_ECONFLICT, "name", NULL, "user %s already exists", name);
	*payload = json_deep_copy(in);
	return 0;
}

json_t *agg_initial(const char *kind)
{
	if (!strcmp(kind, "policy"))
		return policy_default();
	if (!strcmp(kind, "calendar"))
		return agg_calendar_empty();
	return json_object();
}

void agg_apply(const char *kind, json_t *state, const char *type,
	       const json_t *payload)
{
	if (!strcmp(kind, "complaint"))
		cmp_apply(state, type, payload);
	else if (!strcmp(kind, "person"))
		person_apply(state, type, payload);
	else if (!strcmp(kind, "service_request"))
		sreq_apply(state, type, payload);
	else if (!strcmp(kind, "feedback"))
		feedback_apply(state, type, payload);
	else if (!strcmp(kind, "policy"))
		policy_apply(state, type, payload);
	else if (!strcmp(kind, "calendar"))
		calendar_apply(state, type, payload);
	else if (!strcmp(kind, "self_assessment") || !strcmp(kind, "annual_report"))
		prov_apply(state, type, payload);
	else if (!strcmp(kind, "print"))
		printq_apply(state, type, payload);
	else if (!strcmp(kind, "mail"))
		triage_apply(state, type, payload);
	else if (!strcmp(kind, "user") || !strcmp(kind, "template") ||
		 !strcmp(kind, "message") || !strcmp(kind, "reminders"))
		json_object_update(state, (json_t *)payload);
	else {
		enum reg_kind k;

		if (!reg_kind_of(kind, &k))
			reg_apply(state, type, payload);
	}
}
