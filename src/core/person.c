/*
 * person.c - people, their preferences, adjustments, disclosures and
 * restrictions.
 */
#include "core/person.h"

#include <string.h>

#include "util/json.h"

const char *const person_actions[] = {
	"new", "preferences", "adjust", "review-adjustment", "disclose",
	"restrict", "review-restriction", "end-restriction", NULL
};

static const char *const methods[] = {
	"email", "phone", "letter", "text_message", "in_person", NULL
};
static const char *const formats[] = {
	"standard", "large_print", "plain_text", "easy_read", "braille",
	"audio", NULL
};
static const char *const frequencies[] = {
	"weekly", "fortnightly", "monthly", "at_each_step", NULL
};
static const char *const disclosure_kinds[] = {
	"disability", "vulnerability", NULL
};

static int one_of(const json_t *in, const char *key, const char *const *list,
		  struct rd_err *e)
{
	const char *s;

	if (js_need_str(in, key, 0, NULL, &s, e))
		return -1;
	if (!s)
		return 0;
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return 0;
	return err_set(e, RD_EINVAL, key, NULL, "%s \"%s\" is not one of the known values", key, s);
}

static int check_prefs(const json_t *in, struct rd_err *e)
{
	const char *s;

	return one_of(in, "method", methods, e) ||
	       one_of(in, "frequency", frequencies, e) ||
	       one_of(in, "format", formats, e) ||
	       js_need_str(in, "language", 0, NULL, &s, e);
}

/* A date defaulting to today and not in the future. */
static int past(const json_t *in, const char *key, date_t today, date_t *out,
		struct rd_err *e)
{
	if (js_need_date(in, key, 0, NULL, out, e))
		return -1;
	if (*out == DATE_NONE)
		*out = today;
	if (*out > today)
		return err_set(e, RD_EINVAL, key, NULL, "%s is in the future", key);
	return 0;
}

static int review_date(const json_t *in, date_t from, const char *clause,
		       struct rd_err *e)
{
	date_t d;

	if (js_need_date(in, "review_on", 1, clause, &d, e))
		return -1;
	if (d <= from)
		return err_set(e, RD_EINVAL, "review_on", clause,
			       "review_on must be after the date it was agreed");
	return 0;
}

static json_t *item(const json_t *st, const char *list, long long id)
{
	return json_array_get(json_object_get(st, list), (size_t)id - 1);
}

static int next_id(const json_t *st, const char *list)
{
	return (int)json_array_size(json_object_get(st, list)) + 1;
}

int person_decide(const json_t *st, const char *action, const json_t *in,
		  const char *id, date_t today, json_t **payload,
		  const char **type, date_t *eff, struct rd_err *e)
{
	const char *s;
	date_t on;
	long long n;

	*payload = NULL;
	*eff = today;
	if (!json_is_object(in))
		return err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
	if (!strcmp(action, "new")) {
		static const char *const keys[] = {
			"name", "email", "phone", "address", "method",
			"frequency", "format", "language", NULL
		};
		*type = "person.created";
		if (js_only_keys(in, keys, "the person", e) ||
		    js_need_str(in, "name", 1, NULL, &s, e) ||
		    js_need_str(in, "email", 0, NULL, &s, e) ||
		    js_need_str(in, "phone", 0, NULL, &s, e) ||
		    js_need_str(in, "address", 0, NULL, &s, e) ||
		    check_prefs(in, e))
			return -1;
		if ((s = js_str(in, "email")) && !strchr(s, '@'))
			return err_set(e, RD_EINVAL, "email", NULL, "\"%s\" is not an email address", s);
		*payload = json_deep_copy(in);
		json_object_set_new(*payload, "id", json_string(id));
		return 0;
	}
	if (!st)
		return err_set(e, RD_ENOTFOUND, "person", NULL, "no such person");
	if (!strcmp(action, "preferences")) {
		static const char *const keys[] = {
			"method", "frequency", "format", "language", "surveys", NULL
		};
		int surveys;

		*type = "person.preferences_set";
		if (js_need_bool(in, "surveys", 0, "1.6", &surveys, e))
			return -1;
		if (js_only_keys(in, keys, "the preferences", e) || check_prefs(in, e))
			return -1;
		*payload = json_deep_copy(in);
		return 0;
	}
	if (!strcmp(action, "adjust")) {
		static const char *const keys[] = {
			"description", "agreed_on", "review_on", NULL
		};
		*type = "person.adjustment_added";
		if (js_only_keys(in, keys, "the adjustment", e) ||
		    js_need_str(in, "description", 1, "5.10", &s, e) ||
		    past(in, "agreed_on", today, &on, e) ||
		    review_date(in, on, "5.10", e))
			return -1;
		*payload = json_deep_copy(in);
		js_set_date(*payload, "agreed_on", on);
		json_object_set_new(*payload, "id", json_integer(next_id(st, "adjustments")));
		*eff = on;
		return 0;
	}
	if (!strcmp(action, "disclose")) {
		static const char *const keys[] = {
			"kind", "detail", "disclosed_on", "review_on", NULL
		};
		*type = "person.disclosed";
		if (js_only_keys(in, keys, "the disclosure", e) ||
		    js_need_str(in, "kind", 1, "5.10", &s, e) ||
		    one_of(in, "kind", disclosure_kinds, e) ||
		    js_need_str(in, "detail", 1, "5.10", &s, e) ||
		    past(in, "disclosed_on", today, &on, e) ||
		    review_date(in, on, "5.10", e))
			return -1;
		*payload = json_deep_copy(in);
		js_set_date(*payload, "disclosed_on", on);
		json_object_set_new(*payload, "id", json_integer(next_id(st, "disclosures")));
		*eff = on;
		return 0;
	}
	if (!strcmp(action, "restrict")) {
		static const char *const keys[] = {
			"reason", "evidence", "proportionality", "restriction",
			"equality_considered", "starts_on", "review_on", NULL
		};
		int b;

		*type = "person.restricted";
		if (js_only_keys(in, keys, "the restriction", e) ||
		    js_need_str(in, "restriction", 1, "5.14", &s, e) ||
		    js_need_str(in, "reason", 1, "5.14", &s, e) ||
		    js_need_str(in, "evidence", 1, "5.14", &s, e) ||
		    js_need_str(in, "proportionality", 1, "5.15", &s, e) ||
		    js_need_bool(in, "equality_considered", 1, "5.15", &b, e))
			return -1;
		if (!b)
			return err_set(e, RD_ERULE, "equality_considered", "5.15",
				       "a restriction must have regard to the Equality Act 2010 (Code 5.15)");
		if (js_need_date(in, "starts_on", 0, NULL, &on, e))
			return -1;
		if (on == DATE_NONE)
			on = today;
		if (review_date(in, on, "5.14", e))
			return -1;
		*payload = json_deep_copy(in);
		js_set_date(*payload, "starts_on", on);
		json_object_set_new(*payload, "id", json_integer(next_id(st, "restrictions")));
		return 0;
	}
	if (!strcmp(action, "review-adjustment") || !strcmp(action, "review-restriction") ||
	    !strcmp(action, "end-restriction")) {
		static const char *const keys[] = {
			"id", "reviewed_on", "review_on", "outcome", NULL
		};
		int end = !strcmp(action, "end-restriction");
		const char *list = strstr(action, "adjustment") ? "adjustments" : "restrictions";
		const char *clause = strstr(action, "adjustment") ? "5.10" : "5.14";
		json_t *it;

		*type = !strcmp(action, "review-adjustment") ? "person.adjustment_reviewed"
		      : end ? "person.restriction_ended" : "person.restriction_reviewed";
		if (js_only_keys(in, keys, "the review", e) ||
		    js_need_int(in, "id", 1, NULL, 1, 100000, &n, e) ||
		    js_need_str(in, "outcome", 1, clause, &s, e) ||
		    past(in, "reviewed_on", today, &on, e))
			return -1;
		it = item(st, list, n);
		if (!it)
			return err_set(e, RD_ENOTFOUND, "id", NULL, "no %s %lld for this person",
				       list, n);
		if (js_true(it, "ended"))
			return err_set(e, RD_ESTATE, "id", NULL, "restriction %lld has ended", n);
		if (!end && review_date(in, on, clause, e))
			return -1;
		*payload = json_deep_copy(in);
		js_set_date(*payload, "reviewed_on", on);
		*eff = on;
		return 0;
	}
	return err_set(e, RD_EINVAL, "action", NULL, "unknown action \"%s\"", action);
}

static json_t *list(json_t *st, const char *key)
{
	json_t *l = json_object_get(st, key);

	if (!json_is_array(l)) {
		l = json_array();
		json_object_set_new(st, key, l);
	}
	return l;
}

void person_apply(json_t *st, const char *type, const json_t *p)
{
	if (!strcmp(type, "person.created")) {
		json_object_update(st, (json_t *)p);
		list(st, "adjustments");
		list(st, "disclosures");
		list(st, "restrictions");
	} else if (!strcmp(type, "person.preferences_set")) {
		json_object_update(st, (json_t *)p);
	} else if (!strcmp(type, "person.adjustment_added")) {
		json_array_append(list(st, "adjustments"), (json_t *)p);
	} else if (!strcmp(type, "person.disclosed")) {
		json_array_append(list(st, "disclosures"), (json_t *)p);
	} else if (!strcmp(type, "person.restricted")) {
		json_t *r = json_deep_copy(p);

		json_object_set_new(r, "ended", json_false());
		json_array_append_new(list(st, "restrictions"), r);
	} else if (!strcmp(type, "person.adjustment_reviewed") ||
		   !strcmp(type, "person.restriction_reviewed") ||
		   !strcmp(type, "person.restriction_ended")) {
		const char *l = strstr(type, "adjustment") ? "adjustments" : "restrictions";
		json_t *it = item(st, l, js_int(p, "id", 0));

		if (!it)
			return;
		json_array_append(list(it, "reviews"), (json_t *)p);
		if (json_object_get(p, "review_on"))
			json_object_set(it, "review_on", json_object_get(p, "review_on"));
		if (!strcmp(type, "person.restriction_ended")) {
			json_object_set_new(it, "ended", json_true());
			json_object_set(it, "ended_on", json_object_get(p, "reviewed_on"));
		}
	} else if (!strcmp(type, "person.special_category_read")) {
		json_object_set_new(st, "special_category_reads", json_integer(
			js_int(st, "special_category_reads", 0) + 1));
	}
}

json_t *person_redacted(const json_t *st)
{
	json_t *c = json_deep_copy(st);
	size_t n = json_array_size(json_object_get(st, "disclosures"));

	json_object_del(c, "disclosures");
	json_object_set_new(c, "disclosures_held", json_integer((json_int_t)n));
	return c;
}

static void due(const json_t *st, const char *listname, const char *kind,
		const char *what_key, date_t by, json_t *out)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(st, listname), i, x) {
		date_t d = js_date(x, "review_on");

		if (js_true(x, "ended") || d == DATE_NONE || d > by)
			continue;
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:I, s:O, s:s}",
			"person", js_str0(st, "id"), "name", js_str0(st, "name"),
			"kind", kind, "id", (json_int_t)i + 1,
			"review_on", json_object_get(x, "review_on"),
			"what", !strcmp(what_key, "review_what") ? "disclosed information"
							       : js_str0(x, what_key)));
	}
}

void person_reviews_due(const json_t *st, date_t by, json_t *out)
{
	due(st, "adjustments", "adjustment", "description", by, out);
	due(st, "restrictions", "restriction", "restriction", by, out);
	/* What was disclosed stays out of the list (special category). */
	due(st, "disclosures", "disclosure", "review_what", by, out);
}
