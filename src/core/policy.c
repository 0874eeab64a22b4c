/*
 * policy.c - defaults, validated settings and the Code check.
 */
#include "core/policy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "util/json.h"

const char *const policy_categories[] = {
	"repairs", "damp_and_mould", "leaks", "pests", "asb_handling",
	"staff_conduct", "communication", "rent_and_service_charges",
	"estate_services", "building_safety", "allocations", "lettings",
	"complaint_handling", "other", NULL
};

const char *const policy_channels[] = {
	"phone", "letter", "email", "in_person", "social_media", "web",
	"live_chat", "mp_or_councillor", "third_party", "petition", NULL
};

static int in_list(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int policy_is_category(const char *s)
{
	return in_list(policy_categories, s);
}

int policy_is_channel(const char *s)
{
	return in_list(policy_channels, s);
}

/* Integer settings: name, default, lowest and highest accepted value, and
 * the Code's limit with its clause (0 = no limit). */
static const struct int_setting {
	const char *key;
	int dflt, min, max, code_max;
	const char *clause, *what;
} ints[] = {
	{ "homes", 0, 0, 10000000, 0, NULL, NULL },
	{ "homes_lcra", 0, 0, 10000000, 0, NULL, NULL },
	{ "homes_lcho", 0, 0, 10000000, 0, NULL, NULL },
	{ "acknowledge_days", 5, 1, 60, 5, "6.2",
	  "stage 1 must be acknowledged within 5 working days of receipt" },
	{ "stage1_response_days", 10, 1, 120, 10, "6.3",
	  "stage 1 must be answered within 10 working days of acknowledgement" },
	{ "stage1_extension_days", 10, 0, 120, 10, "6.4",
	  "a stage 1 extension is at most 10 working days without good reason" },
	{ "stage2_acknowledge_days", 5, 1, 60, 5, "6.11",
	  "stage 2 must be acknowledged within 5 working days of the request" },
	{ "stage2_response_days", 20, 1, 120, 20, "6.14",
	  "stage 2 must be answered within 20 working days of acknowledgement" },
	{ "stage2_extension_days", 20, 0, 120, 20, "6.15",
	  "a stage 2 extension is at most 20 working days without good reason" },
	{ "escalation_window_days", 20, 1, 250, 0, NULL, NULL },
	{ "time_limit_months", 12, 1, 120, 0, NULL, NULL },
	{ "stages", 2, 1, 5, 2, "5.3",
	  "more than two stages is never acceptable" },
	{ "feedback_survey_days", 20, 0, 250, 0, NULL, NULL },
	{ "quality_sample_percent", 10, 1, 100, 0, NULL, NULL },
	{ "readability_threshold", 60, 0, 100, 0, NULL, NULL },
	/* years after a case closes before its personal data is anonymised
	 * (redress retention run) */
	{ "retention_years", 6, 1, 100, 0, NULL, NULL },
};

static const struct int_setting *int_setting(const char *key)
{
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		if (!strcmp(ints[i].key, key))
			return &ints[i];
	return NULL;
}

/*
 * Booleans.  The tsm_ settings are the choices the Regulator's TSM
 * definitions leave open: whether refused complaints count in CH01,
 * whether a response within an extension the Code permits counts as
 * within the Code's timescales in CH02, and (tsm_stage2_year, text)
 * whether a stage 2 complaint belongs to the year it was requested or
 * acknowledged.
 */
static const char *const bool_settings[] = {
	"informal_stage", "tsm_include_refused", "tsm_extensions_within", NULL
};

static const char *const text_settings[] = {
	"organisation", "ombudsman_contact", "address", "phone", "email",
	"website", NULL
};

static void add_exclusion(json_t *list, const char *code, const char *text)
{
	json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "code", code,
					      "text", text, "blanket", 0));
}

json_t *policy_default(void)
{
	json_t *p = json_object(), *ex = json_array();

	json_object_set_new(p, "organisation", json_string("Redress Demo Homes"));
	json_object_set_new(p, "region", json_string("england-and-wales"));
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		json_object_set_new(p, ints[i].key, json_integer(ints[i].dflt));
	json_object_set_new(p, "informal_stage", json_false());
	json_object_set_new(p, "tsm_include_refused", json_false());
	json_object_set_new(p, "tsm_extensions_within", json_true());
	json_object_set_new(p, "tsm_stage2_year", json_string("request"));
	json_object_set_new(p, "ombudsman_contact", json_string(
		"Housing Ombudsman Service, PO Box 1484, Unit D, Preston, "
		"PR2 0ET. Telephone 0300 111 3000. "
		"Email info@housing-ombudsman.org.uk. "
		"Website www.housing-ombudsman.org.uk"));
	json_object_set_new(p, "address", json_string(""));
	json_object_set_new(p, "phone", json_string(""));
	json_object_set_new(p, "email", json_string(""));
	json_object_set_new(p, "website", json_string(""));
	add_exclusion(ex, "over_12_months",
		      "The issue arose, or the resident became aware of it, "
		      "more than 12 months ago (Code 2.2, 2.3)");
	add_exclusion(ex, "legal_proceedings",
		      "Legal proceedings have started: a claim has been "
		      "filed at court (Code 2.2)");
	add_exclusion(ex, "already_considered",
		      "The matter has already been considered under the "
		      "complaints policy (Code 2.2)");
	add_exclusion(ex, "first_asb_report",
		      "A first report of anti-social behaviour, handled "
		      "under the ASB policy");
	add_exclusion(ex, "other_appeal_route",
		      "A decision with its own appeal route (mutual "
		      "exchange, succession)");
	add_exclusion(ex, "liability_claim",
		      "A liability or personal injury claim");
	add_exclusion(ex, "service_charge_tribunal",
		      "Service charge setting that can go to the First-tier "
		      "Tribunal");
	json_object_set_new(p, "exclusions", ex);
	return p;
}

static int parse_int(const char *s, long *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || *end ? -1 : 0;
}

json_t *policy_decide_set(const json_t *policy, const char *key,
			  const char *value, struct rd_err *e)
{
	const struct int_setting *is = int_setting(key ? key : "");
	json_t *v = NULL;

	(void)policy;
	if (!key || !*key) {
		err_set(e, RD_EINVAL, "key", NULL, "a setting name is required");
		return NULL;
	}
	if (!value) {
		err_set(e, RD_EINVAL, "value", NULL, "a value for %s is required", key);
		return NULL;
	}
	if (is) {
		long n;

		if (parse_int(value, &n) || n < is->min || n > is->max) {
			err_set(e, RD_EINVAL, "value", NULL,
				"%s must be a whole number from %d to %d, not \"%s\"",
				key, is->min, is->max, value);
			return NULL;
		}
		v = json_integer(n);
	} else if (!strcmp(key, "region")) {
		enum cal_region r;

		if (cal_region_parse(value, &r, e))
			return NULL;
		v = json_string(cal_region_name(r));
	} else if (in_list(bool_settings, key)) {
		if (strcmp(value, "true") && strcmp(value, "false")) {
			err_set(e, RD_EINVAL, "value", NULL, "%s must be true or false", key);
			return NULL;
		}
		v = json_boolean(!strcmp(value, "true"));
	} else if (!strcmp(key, "tsm_stage2_year")) {
		if (strcmp(value, "request") && strcmp(value, "acknowledgement")) {
			err_set(e, RD_EINVAL, "value", NULL,
				"tsm_stage2_year is request or acknowledgement");
			return NULL;
		}
		v = json_string(value);
	} else if (in_list(text_settings, key)) {
		json_t *tmp = json_pack("{s:s}", "v", value);
		const char *s;

		if (!tmp || js_need_str(tmp, "v", !strcmp(key, "organisation") ||
					!strcmp(key, "ombudsman_contact"),
					NULL, &s, e)) {
			if (e)
				snprintf(e->field, sizeof(e->field), "value");
			json_decref(tmp);
			if (!tmp)
				err_set(e, RD_EINVAL, "value", NULL,
					"%s must be UTF-8 text", key);
			return NULL;
		}
		json_decref(tmp);
		v = json_string(value);
	} else {
		err_set(e, RD_EINVAL, "key", NULL,
			"unknown policy setting \"%s\" (see redress policy show)",
			key);
		return NULL;
	}
	return json_pack("{s:s, s:o}", "key", key, "value", v);
}

const json_t *policy_exclusion(const json_t *policy, const char *code)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(policy, "exclusions"), i, x)
		if (code && !strcmp(js_str0(x, "code"), code))
			return x;
	return NULL;
}

json_t *policy_decide_exclusion(const json_t *policy, const char *code,
				const char *text, int blanket, int remove,
				struct rd_err *e)
{
	if (!code || !*code || strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(code)) {
		err_set(e, RD_EINVAL, "code", NULL,
			"an exclusion code is lower-case letters, digits and _");
		return NULL;
	}
	if (remove) {
		if (!policy_exclusion(policy, code)) {
			err_set(e, RD_ENOTFOUND, "code", NULL,
				"no exclusion \"%s\" in the policy", code);
			return NULL;
		}
		return json_pack("{s:s}", "code", code);
	}
	if (!text || !*text) {
		err_set(e, RD_EINVAL, "text", "2.2",
			"an exclusion needs the text residents will read (Code 2.2)");
		return NULL;
	}
	if (policy_exclusion(policy, code)) {
		err_set(e, RD_ECONFLICT, "code", NULL,
			"the policy already has an exclusion \"%s\"", code);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:b}", "code", code, "text", text,
			 "blanket", blanket);
}

void policy_apply(json_t *policy, const char *type, const json_t *payload)
{
	json_t *list = json_object_get(policy, "exclusions");

	if (!strcmp(type, "policy.set")) {
		json_object_set(policy, js_str0(payload, "key"),
				json_object_get(payload, "value"));
	} else if (!strcmp(type, "policy.exclusion_added")) {
		json_array_append(list, (json_t *)payload);
	} else if (!strcmp(type, "policy.exclusion_removed")) {
		size_t i;
		json_t *x;

		json_array_foreach(list, i, x) {
			if (!strcmp(js_str0(x, "code"), js_str0(payload, "code"))) {
				json_array_remove(list, i);
				break;
			}
		}
	}
}

static void breach(json_t *out, const char *setting, json_t *value,
		   const char *clause, const char *problem)
{
	json_array_append_new(out, json_pack("{s:s, s:O?, s:s, s:s}",
					     "setting", setting, "value", value,
					     "clause", clause, "problem", problem));
}

json_t *policy_check(const json_t *policy)
{
	json_t *out = json_array(), *x;
	size_t i;

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		json_t *v = json_object_get(policy, ints[i].key);

		if (ints[i].code_max && json_integer_value(v) > ints[i].code_max)
			breach(out, ints[i].key, v, ints[i].clause, ints[i].what);
	}
	if (json_integer_value(json_object_get(policy, "time_limit_months")) < 12)
		breach(out, "time_limit_months",
		       json_object_get(policy, "time_limit_months"), "2.3",
		       "complaints made within 12 months of the issue must be accepted");
	if (js_true(policy, "informal_stage"))
		breach(out, "informal_stage", json_true(), "5.2",
		       "there must be no extra named stage such as \"stage 0\" or an informal complaint stage");
	if (!*js_str0(policy, "ombudsman_contact"))
		breach(out, "ombudsman_contact",
		       json_object_get(policy, "ombudsman_contact"), "3.7",
		       "residents must be told how to contact the Housing Ombudsman");
	json_array_foreach(json_object_get(policy, "exclusions"), i, x) {
		if (js_true(x, "blanket")) {
			char what[200];

			snprintf(what, sizeof(what), "exclusions.%s", js_str0(x, "code"));
			breach(out, what, json_true(), "2.5",
			       "a blanket exclusion refuses complaints without considering each case");
		}
	}
	if (!json_integer_value(json_object_get(policy, "homes")))
		breach(out, "homes", json_object_get(policy, "homes"), "3.3",
		       "the number of homes is needed to report complaints per 1,000 homes (TSM CH01)");
	return out;
}

int policy_days(const json_t *policy, const char *key, int code_limit)
{
	long long v = js_int(policy, key, code_limit);

	return v > 0 && v < code_limit ? (int)v : code_limit;
}
