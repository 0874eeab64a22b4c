/*
 * api_admin.c - sessions, users, the policy, the calendar and working
 * days.
 */
#include "http/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/calendar.h"
#include "core/policy.h"
#include "http/throttle.h"
#include "store/auth.h"
#include "util/json.h"

#define SESSION_SECONDS (8 * 3600)

/* ---- sessions ------------------------------------------------------- */

int api_sign_in(struct req *q, struct rec *r, const char *name, const char *pw,
		char *role, size_t rn, struct rd_err *e)
{
	const char *proto = http_header(q, "X-Forwarded-Proto");
	char token[AUTH_TOKEN_LEN], ukey[96], ikey[96];
	time_t now = time(NULL);
	int wait;

	snprintf(ukey, sizeof(ukey), "user:%s", name);
	snprintf(ikey, sizeof(ikey), "ip:%s", http_client_address(q));
	wait = throttle_wait(ukey, now);
	if (throttle_wait(ikey, now) > wait)
		wait = throttle_wait(ikey, now);
	if (wait) {
		q->retry_after = wait;
		err_set(e, RD_EDENIED, "name", NULL,
			"too many failed sign-ins: try again in %d minutes", (wait + 59) / 60);
		return 429;
	}
	if (auth_check_password(r, name, pw, e) ||
	    auth_new_token(r, name, "session", SESSION_SECONDS, token, e) ||
	    auth_token_user(r, token, q->user, sizeof(q->user), role, rn, e)) {
		if (e->kind == RD_EDENIED) {
			throttle_fail(ukey, THROTTLE_USER_LIMIT, now);
			throttle_fail(ikey, THROTTLE_IP_LIMIT, now);
		}
		q->user[0] = '\0';
		snprintf(e->field, sizeof(e->field), "password");
		return 401;
	}
	throttle_clear(ukey);
	snprintf(q->cookie, sizeof(q->cookie),
		 "redress_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
		 token, SESSION_SECONDS, proto && !strcmp(proto, "https") ? "; Secure" : "");
	memset(token, 0, sizeof(token));
	return 0;
}

int api_session_new(struct req *q, struct rec *r)
{
	static const char *const keys[] = { "name", "password", NULL };
	const char *name, *pw;
	char role[32];
	struct rd_err e;
	json_t *in;
	int status;

	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	if (js_only_keys(in, keys, "the sign-in", &e) ||
	    js_need_str(in, "name", 1, NULL, &name, &e) ||
	    js_need_str(in, "password", 1, NULL, &pw, &e)) {
		json_decref(in);
		return http_fail(q, &e);
	}
	status = api_sign_in(q, r, name, pw, role, sizeof(role), &e);
	json_decref(in);
	if (status)
		return http_problem(q, status, e.field, "%s", e.msg);
	q->out = json_pack("{s:s, s:s}", "user", q->user, "role", role);
	return 200;
}

int api_session_get(struct req *q, struct rec *r)
{
	int status;

	(void)r;
	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	q->out = json_pack("{s:s, s:s}", "user", q->user, "role", q->role);
	return 200;
}

int api_session_end(struct req *q, struct rec *r)
{
	const char *token = MHD_lookup_connection_value(q->conn, MHD_COOKIE_KIND, "redress_session");

	if (token)
		auth_revoke(r, token, NULL);
	snprintf(q->cookie, sizeof(q->cookie),
		 "redress_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return 204;
}

/* ---- users ---------------------------------------------------------- */

int api_user_list(struct req *q, struct rec *r)
{
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	q->out = rec_states(r, "user", NULL);
	return q->out ? 200 : http_problem(q, 500, "", "cannot list users");
}

int api_user_new(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in, *pw;
	char *password = NULL;
	int status;

	if (!(in = http_json_body(q, &status)))
		return status;
	pw = json_object_get(in, "password");
	if (pw) {
		if (!json_is_string(pw)) {
			json_decref(in);
			return http_problem(q, 422, "password", "password must be text");
		}
		if (json_string_length(pw) < AUTH_PASSWORD_MIN) {
			json_decref(in);
			return http_problem(q, 422, "password",
					    "a password must be %d to 1024 characters long", AUTH_PASSWORD_MIN);
		}
		password = xstrdup(json_string_value(pw));
		json_object_del(in, "password");
	}
	err_clear(&e);
	if (rec_user_add(r, in, &e) ||
	    (password && auth_set_password(r, js_str0(in, "name"), password, &e))) {
		free(password);
		json_decref(in);
		return http_fail(q, &e);
	}
	free(password);
	snprintf(q->location, sizeof(q->location), "/api/v1/users/%s", js_str0(in, "name"));
	q->out = in;
	return 201;
}

/* Admins manage everyone; anyone manages themselves. */
static int self_or_admin(struct req *q)
{
	if (!strcmp(q->role, "admin") || !strcmp(q->user, q->params[0]))
		return 0;
	return http_problem(q, 403, "name", "only an administrator may do that for another user");
}

int api_user_get(struct req *q, struct rec *r)
{
	char stream[128];
	int status;

	if ((status = self_or_admin(q)) ||
	    (status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	snprintf(stream, sizeof(stream), "user:%s", q->params[0]);
	if (strlen(q->params[0]) > 64 || rec_load(r, stream, &q->out, NULL))
		return http_problem(q, 404, "name", "no user called \"%s\"", q->params[0]);
	return 200;
}

int api_user_token(struct req *q, struct rec *r)
{
	char token[AUTH_TOKEN_LEN];
	struct rd_err e;
	int status;

	if ((status = self_or_admin(q)))
		return status;
	err_clear(&e);
	if (auth_new_token(r, q->params[0], "api", 0, token, &e))
		return http_fail(q, &e);
	q->out = json_pack("{s:s, s:s}", "user", q->params[0], "token", token);
	memset(token, 0, sizeof(token));
	return 201;
}

int api_user_password(struct req *q, struct rec *r)
{
	static const char *const keys[] = { "password", NULL };
	const char *pw;
	struct rd_err e;
	json_t *in;
	int status;

	if ((status = self_or_admin(q)))
		return status;
	if (!(in = http_json_body(q, &status)))
		return status;
	err_clear(&e);
	if (js_only_keys(in, keys, "the password change", &e) ||
	    js_need_str(in, "password", 1, NULL, &pw, &e) ||
	    auth_set_password(r, q->params[0], pw, &e)) {
		json_decref(in);
		return http_fail(q, &e);
	}
	json_decref(in);
	return 204;
}

/* ---- policy --------------------------------------------------------- */

static json_t *policy_view(struct rec *r)
{
	json_t *p = json_deep_copy(r->policy), *days = json_array(), *x;
	size_t i;

	json_array_foreach(json_object_get(r->calstate, "closures"), i, x)
		json_array_append(days, json_object_get(x, "date"));
	json_object_set_new(p, "closure_days", days);
	return p;
}

int api_policy_get(struct req *q, struct rec *r)
{
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	q->out = policy_view(r);
	return 200;
}

int api_policy_check(struct req *q, struct rec *r)
{
	json_t *b;
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL })))
		return status;
	b = policy_check(r->policy);

	q->out = json_pack("{s:b, s:o}", "compliant", json_array_size(b) == 0, "breaches", b);
	return 200;
}

/* All the settings in one transaction: every one is applied, or none. */
int api_policy_patch(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in;
	int status, rc;

	if (!(in = http_json_body(q, &status)))
		return status;
	if (!json_object_size(in)) {
		json_decref(in);
		return http_problem(q, 422, "", "name at least one setting to change");
	}
	err_clear(&e);
	rc = rec_policy_update(r, in, &e);
	json_decref(in);
	if (rc)
		return http_fail(q, &e);
	http_config_changed();
	q->out = policy_view(r);
	return 200;
}

/* ---- calendar and working days -------------------------------------- */

static int region_of(struct req *q, struct rec *r, enum cal_region *region)
{
	const char *s = http_query(q, "region");
	struct rd_err e;

	err_clear(&e);
	if (cal_region_parse(s ? s : js_str0(r->policy, "region"), region, &e))
		return http_problem(q, 400, "region", "%s", e.msg);
	return 0;
}

int api_calendar_get(struct req *q, struct rec *r)
{
	static const char *const allowed[] = { "year", "region", NULL };
	struct cal_holiday h[64];
	enum cal_region region;
	calendar *cal;
	long year;
	int y, m, d, n, status;
	date_t from, to;
	json_t *list;

	date_to_ymd(r->today, &y, &m, &d);
	if ((status = api_only_query(q, allowed)) ||
	    (status = api_query_int(q, "year", CAL_FIRST_YEAR, CAL_LAST_YEAR, y, &year)) ||
	    (status = region_of(q, r, &region)))
		return status;
	cal = rec_calendar(r, region);
	if (!cal)
		return http_problem(q, 500, "", "out of memory");
	date_from_ymd((int)year, 1, 1, &from);
	date_from_ymd((int)year, 12, 31, &to);
	n = cal_holidays_between(cal, from, to, h, 64);
	list = json_array();
	for (int i = 0; i < n && i < 64; i++) {
		char s[DATE_STRLEN];

		json_array_append_new(list, json_pack("{s:s, s:s}", "date",
						      date_format(h[i].date, s), "title", h[i].title));
	}
	q->out = json_pack("{s:s, s:i, s:i, s:o, s:O}", "region", cal_region_name(region),
			   "year", (int)year, "calendar_version", cal_version(cal),
			   "bank_holidays", list, "closures", json_object_get(r->calstate, "closures"));
	cal_free(cal);
	return 200;
}

int api_calendar_import(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *sum;

	if (!q->body.len)
		return http_problem(q, 400, "", "send GOV.UK's bank-holidays.json as the body");
	err_clear(&e);
	if (rec_calendar_import(r, q->body.s, q->body.len, "api", &sum, &e))
		return http_fail(q, &e);
	http_config_changed();
	q->out = sum;
	return 200;
}

int api_calendar_closure(struct req *q, struct rec *r)
{
	struct rd_err e;
	json_t *in;
	int status, rc;

	err_clear(&e);
	if (!strcmp(q->method, "DELETE")) {
		in = json_pack("{s:s}", "date", q->params[0]);
		rc = rec_calendar_closure(r, "closure-remove", in, &e);
		json_decref(in);
		if (rc)
			return http_fail(q, &e);
		http_config_changed();
		return 204;
	}
	if (!(in = http_json_body(q, &status)))
		return status;
	if (js_only_keys(in, (const char *const[]){ "date", "reason", NULL }, "the closure", &e)) {
		json_decref(in);
		return http_fail(q, &e);
	}
	rc = rec_calendar_closure(r, "closure-add", in, &e);
	json_decref(in);
	if (rc)
		return http_fail(q, &e);
	http_config_changed();
	q->out = json_incref(json_object_get(r->calstate, "closures"));
	return 201;
}

int api_workdays(struct req *q, struct rec *r)
{
	static const char *const add_q[] = { "date", "n", "region", NULL };
	static const char *const count_q[] = { "from", "to", "region", NULL };
	int add = !strcmp(q->route->name, "workdays.add");
	enum cal_region region;
	char s1[DATE_STRLEN], s2[DATE_STRLEN];
	struct rd_err e;
	calendar *cal;
	date_t a, b, out;
	long n;
	int status, count;

	if ((status = api_only_query(q, add ? add_q : count_q)) ||
	    (status = api_query_date(q, add ? "date" : "from", &a)) ||
	    (status = region_of(q, r, &region)))
		return status;
	if (add ? (status = api_query_int(q, "n", -100000, 100000, 0, &n))
		: (status = api_query_date(q, "to", &b)))
		return status;
	if (a == DATE_NONE || (add ? !http_query(q, "n") : b == DATE_NONE))
		return http_problem(q, 400, add ? (a == DATE_NONE ? "date" : "n") : (a == DATE_NONE ? "from" : "to"),
				    add ? "give date and n" : "give from and to");
	cal = rec_calendar(r, region);
	if (!cal)
		return http_problem(q, 500, "", "out of memory");
	err_clear(&e);
	if (add ? cal_add(cal, a, (int)n, &out, &e) : cal_count(cal, a, b, &count, &e)) {
		cal_free(cal);
		return http_problem(q, 422, "date", "%s", e.msg);
	}
	if (add)
		q->out = json_pack("{s:s, s:i, s:s, s:s, s:i}", "from", date_format(a, s1),
				   "working_days", (int)n, "date", date_format(out, s2),
				   "region", cal_region_name(region), "calendar_version", cal_version(cal));
	else
		q->out = json_pack("{s:s, s:s, s:i, s:s, s:i}", "from", date_format(a, s1),
				   "to", date_format(b, s2), "working_days", count,
				   "region", cal_region_name(region), "calendar_version", cal_version(cal));
	cal_free(cal);
	return 200;
}
