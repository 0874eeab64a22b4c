/*
 * page_admin.c - administration in the staff workspace: users and roles,
 * the landlord's policy (with the check against the Code), and the
 * working-day calendar (closures, and importing GOV.UK's
 * bank-holidays.json).
 */
#include "http/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy.h"
#include "http/api.h"
#include "util/form.h"
#include "store/auth.h"
#include "util/json.h"

#define N(f) (sizeof(f) / sizeof((f)[0]))

static const char *const roles[] = {
	"handler", "Complaint handler", "complaints_officer", "Complaints officer",
	"senior_lead", "Senior lead", "board", "Board member (reports only)",
	"admin", "Administrator", NULL
};
static const char *const regions[] = {
	"england-and-wales", "England and Wales", "scotland", "Scotland",
	"northern-ireland", "Northern Ireland", NULL
};

static const struct page_field f_user[] = {
	{ "name", PF_TEXT, "User name", "Letters, digits, dots and hyphens", NULL, PF_SMALL },
	{ "display_name", PF_TEXT, "Full name", NULL, NULL, PF_OPTIONAL },
	{ "email", PF_EMAIL, "Email address", "For reminders of what is due", NULL, PF_OPTIONAL },
	{ "role", PF_RADIOS, "Role", NULL, roles, 0 },
	{ "password", PF_PASSWORD, "Password", "At least 10 characters", NULL, PF_OPTIONAL },
};

static const struct page_field f_policy[] = {
	{ "organisation", PF_TEXT, "Landlord's name", NULL, NULL, 0 },
	{ "region", PF_RADIOS, "Bank holidays of", NULL, regions, 0 },
	{ "homes_lcra", PF_INT, "Low-cost rental homes", NULL, NULL, 0 },
	{ "homes_lcho", PF_INT, "Low-cost home ownership homes", NULL, NULL, 0 },
	{ "acknowledge_days", PF_INT, "Acknowledge within (working days)", "The Code: 5 (5.6, 6.11)", NULL, 0 },
	{ "stage1_response_days", PF_INT, "Stage 1 response within (working days)", "The Code: 10 from acknowledgement (6.3)", NULL, 0 },
	{ "stage1_extension_days", PF_INT, "Stage 1 extension up to (working days)", "The Code: 10 (6.4)", NULL, 0 },
	{ "stage2_acknowledge_days", PF_INT, "Stage 2 acknowledge within (working days)", NULL, NULL, 0 },
	{ "stage2_response_days", PF_INT, "Stage 2 response within (working days)", "The Code: 20 from acknowledgement (6.14)", NULL, 0 },
	{ "stage2_extension_days", PF_INT, "Stage 2 extension up to (working days)", "The Code: 20 (6.15)", NULL, 0 },
	{ "escalation_window_days", PF_INT, "Residents may ask for stage 2 within (working days)", NULL, NULL, 0 },
	{ "time_limit_months", PF_INT, "Complaints about events up to (months) ago", "The Code: at least 12 (2.3)", NULL, 0 },
	{ "stages", PF_INT, "Stages", "The Code: 2 (5.1)", NULL, 0 },
	{ "readability_threshold", PF_INT, "Warn below this reading ease score", NULL, NULL, PF_OPTIONAL },
	{ "ombudsman_contact", PF_TEXTAREA, "How to contact the Housing Ombudsman", "Shown on every letter and page (3.7)", NULL, 0 },
	{ "address", PF_TEXTAREA, "Our address", NULL, NULL, PF_OPTIONAL },
	{ "phone", PF_TEL, "Our phone number", NULL, NULL, PF_OPTIONAL },
	{ "email", PF_EMAIL, "Our complaints email address", NULL, NULL, PF_OPTIONAL },
	{ "website", PF_TEXT, "Our website", NULL, NULL, PF_OPTIONAL },
};

static const struct page_field f_closure[] = {
	{ "date", PF_DATE, "Closure date", "A day the office is closed that is not a bank holiday", NULL, 0 },
	{ "reason", PF_TEXT, "Reason", NULL, NULL, PF_OPTIONAL },
};

static int status_of(const struct rd_err *e)
{
	return e->kind == RD_EDENIED ? 403 : e->kind == RD_ECONFLICT || e->kind == RD_ESTATE ? 409
	       : e->kind == RD_EIO ? 500 : 422;
}

/* The policy's values as the form shows them (strings). */
static json_t *policy_values(struct rec *r)
{
	json_t *v = json_object();

	for (size_t i = 0; i < N(f_policy); i++) {
		const json_t *x = json_object_get(r->policy, f_policy[i].name);
		char text[32];

		if (json_is_string(x))
			json_object_set(v, f_policy[i].name, (json_t *)x);
		else if (json_is_integer(x)) {
			snprintf(text, sizeof(text), "%lld", (long long)json_integer_value(x));
			json_object_set_new(v, f_policy[i].name, json_string(text));
		}
	}
	return v;
}

static int admin_page(struct req *q, struct rec *r, int status, const char *section,
		      const json_t *values, const struct rd_err *err, json_t *extra)
{
	struct buf user = BUF_INIT, policy = BUF_INIT, closure = BUF_INIT, summary = BUF_INIT;
	json_t *pv = NULL, *users, *check, *data;
	const struct page_field *sf = NULL;
	size_t sn = 0;

	if (!strcmp(section, "users"))
		sf = f_user, sn = N(f_user);
	else if (!strcmp(section, "policy"))
		sf = f_policy, sn = N(f_policy);
	else if (!strcmp(section, "calendar"))
		sf = f_closure, sn = N(f_closure);
	if (sf)
		page_error_summary(&summary, sf, sn, err);
	page_fields_html(&user, f_user, N(f_user), !strcmp(section, "users") ? values : NULL,
			 !strcmp(section, "users") ? err : NULL);
	if (strcmp(section, "policy") || !values)
		values = pv = policy_values(r);
	page_fields_html(&policy, f_policy, N(f_policy), values, !strcmp(section, "policy") ? err : NULL);
	page_fields_html(&closure, f_closure, N(f_closure), !strcmp(section, "calendar") ? values : NULL,
			 !strcmp(section, "calendar") ? err : NULL);
	json_decref(pv);
	users = rec_states(r, "user", NULL);
	check = policy_check(r->policy);
	data = json_pack("{s:o, s:o, s:b, s:s, s:s, s:s, s:s, s:b, s:O?, s:O?}",
			 "users", users ? users : json_array(), "breaches", check,
			 "compliant", json_array_size(check) == 0,
			 "user_fields", user.s ? user.s : "", "policy_fields", policy.s ? policy.s : "",
			 "closure_fields", closure.s ? closure.s : "", "summary", summary.s ? summary.s : "",
			 "error", err != NULL, "closures", json_object_get(r->calstate, "closures"),
			 "calendar", r->calstate);
	if (extra) {
		json_object_update(data, extra);
		json_decref(extra);
	}
	buf_free(&user);
	buf_free(&policy);
	buf_free(&closure);
	buf_free(&summary);
	return page_show(q, r, status, "Administration", "admin", data);
}

static int add_user(struct req *q, struct rec *r, json_t *form)
{
	struct rd_err e;
	json_t *in;
	char *password = NULL;
	int status;

	err_clear(&e);
	in = page_fields_json(f_user, N(f_user), form, &e);
	if (in && js_str(in, "password")) {
		password = xstrdup(js_str(in, "password"));
		json_object_del(in, "password");
		if (strlen(password) < AUTH_PASSWORD_MIN) {
			err_set(&e, RD_EINVAL, "password", NULL,
				"The password must be at least %d characters long", AUTH_PASSWORD_MIN);
			json_decref(in);
			in = NULL;
		}
	}
	if (!in || rec_user_add(r, in, &e) ||
	    (password && auth_set_password(r, js_str0(in, "name"), password, &e))) {
		json_object_del(form, "password");
		status = admin_page(q, r, in ? status_of(&e) : 422, "users", form, &e, NULL);
		free(password);
		json_decref(in);
		return status;
	}
	free(password);
	json_decref(in);
	return page_see_other(q, "/admin?done=user");
}

static int set_policy(struct req *q, struct rec *r, json_t *form)
{
	struct rd_err e;
	json_t *in, *changed = json_object();
	const char *k;
	json_t *v;
	int status;

	err_clear(&e);
	in = page_fields_json(f_policy, N(f_policy), form, &e);
	/* Only what changed is set: each setting is an event. */
	json_object_foreach(in, k, v)
		if (!json_equal(v, json_object_get(r->policy, k)))
			json_object_set(changed, k, v);
	if (!in || (json_object_size(changed) && rec_policy_update(r, changed, &e))) {
		status = admin_page(q, r, in ? status_of(&e) : 422, "policy", form, &e, NULL);
		json_decref(in);
		json_decref(changed);
		return status;
	}
	json_decref(in);
	json_decref(changed);
	http_config_changed();
	return page_see_other(q, "/admin?done=policy");
}

static int add_closure(struct req *q, struct rec *r, json_t *form)
{
	struct rd_err e;
	json_t *in;
	int status;

	err_clear(&e);
	in = page_fields_json(f_closure, N(f_closure), form, &e);
	if (!in || rec_calendar_closure(r, "closure-add", in, &e)) {
		status = admin_page(q, r, in ? status_of(&e) : 422, "calendar", form, &e, NULL);
		json_decref(in);
		return status;
	}
	json_decref(in);
	http_config_changed();
	rec_reload(r, NULL);
	return page_see_other(q, "/admin?done=closure");
}

int page_admin(struct req *q, struct rec *r)
{
	static const struct { const char *slug, *text; } done[] = {
		{ "user", "The user has been added" },
		{ "policy", "The policy has been saved" },
		{ "closure", "The closure day has been added" },
		{ "import", "The bank holidays have been imported" },
	};
	const char *section = q->params[0] ? q->params[0] : "";
	json_t *form;
	int status;

	if (!strcmp(q->method, "POST")) {
		if ((status = page_form(q, r, &form)))
			return status;
		if (!strcmp(section, "users"))
			status = add_user(q, r, form);
		else if (!strcmp(section, "policy"))
			status = set_policy(q, r, form);
		else if (!strcmp(section, "calendar"))
			status = add_closure(q, r, form);
		else
			status = page_message(q, r, 404, "Page not found", "There is no such page.");
		json_decref(form);
		return status;
	}
	if (*section && strcmp(section, "users") && strcmp(section, "policy") && strcmp(section, "calendar"))
		return page_message(q, r, 404, "Page not found", "There is no such page.");
	{
		const char *d = http_query(q, "done");
		const char *text = NULL;

		for (size_t i = 0; d && i < N(done); i++)
			if (!strcmp(done[i].slug, d))
				text = done[i].text;
		return admin_page(q, r, 200, section, NULL, NULL,
				  text ? json_pack("{s:s}", "done", text) : NULL);
	}
}

int page_admin_import(struct req *q, struct rec *r)
{
	const char *text;
	struct rd_err e;
	json_t *form, *summary = NULL;
	int status;

	if ((status = page_form(q, r, &form)))
		return status;
	text = form_str(form, "file");
	err_clear(&e);
	if (!text || !*text) {
		err_set(&e, RD_EINVAL, "file", NULL, "Choose the bank-holidays.json file to import");
	} else if (!rec_calendar_import(r, text, strlen(text), "upload", &summary, &e)) {
		json_decref(summary);
		json_decref(form);
		http_config_changed();
		rec_reload(r, NULL);
		return page_see_other(q, "/admin?done=import");
	}
	json_decref(form);
	return admin_page(q, r, status_of(&e), "import", NULL, &e,
			  json_pack("{s:s}", "import_error", e.msg));
}
