/*
 * routes.c - every route of the API, who may call it, and the matcher.
 *
 * Patterns are literal segments and "{name}" captures.  The table is the
 * single list of what the server answers; docs/openapi.yaml describes the
 * same routes.
 */
#include "http/http.h"

#include <string.h>

#include "http/api.h"

#define R(m, p, f, roles, w, name) { m, p, f, roles, w, 0, name }

const struct route http_routes[] = {
	R("GET", "/livez", api_livez, ROLE_PUBLIC, 0, "livez"),
	R("GET", "/healthz", api_healthz, ROLE_PUBLIC, 0, "healthz"),
	R("GET", "/metrics", api_metrics, ROLE_PUBLIC, 0, "metrics"),
	R("GET", "/api/v1/openapi.json", api_openapi, ROLE_PUBLIC, 0, "openapi"),

	R("POST", "/api/v1/session", api_session_new, ROLE_PUBLIC, WRITE_OWN, "session.create"),
	R("GET", "/api/v1/session", api_session_get, ROLE_ANY, 0, "session.get"),
	R("DELETE", "/api/v1/session", api_session_end, ROLE_ANY, WRITE_OWN, "session.delete"),

	R("GET", "/api/v1/complaints", api_complaint_list, ROLE_STAFF, 0, "complaints.list"),
	R("POST", "/api/v1/complaints", api_complaint_new, ROLE_STAFF, 1, "complaints.create"),
	R("GET", "/api/v1/complaints/{ref}", api_complaint_get, ROLE_STAFF, 0, "complaints.get"),
	R("GET", "/api/v1/complaints/{ref}/events", api_complaint_events, ROLE_STAFF, 0, "complaints.events"),
	R("GET", "/api/v1/complaints/{ref}/correspondence", api_complaint_part, ROLE_STAFF, 0, "complaints.correspondence.list"),
	R("GET", "/api/v1/complaints/{ref}/actions", api_complaint_part, ROLE_STAFF, 0, "complaints.actions.list"),
	R("GET", "/api/v1/complaints/{ref}/remedies", api_complaint_part, ROLE_STAFF, 0, "complaints.remedies.list"),
	R("GET", "/api/v1/complaints/{ref}/letters/{kind}", api_complaint_letter, ROLE_STAFF, 0, "complaints.letters.get"),
	R("POST", "/api/v1/complaints/{ref}/acknowledge", api_complaint_act, ROLE_STAFF, 1, "complaints.acknowledge"),
	R("POST", "/api/v1/complaints/{ref}/refuse", api_complaint_act, ROLE_STAFF, 1, "complaints.refuse"),
	R("POST", "/api/v1/complaints/{ref}/extend", api_complaint_act, ROLE_STAFF, 1, "complaints.extend"),
	R("POST", "/api/v1/complaints/{ref}/respond", api_complaint_act, ROLE_STAFF, 1, "complaints.respond"),
	R("POST", "/api/v1/complaints/{ref}/escalate", api_complaint_act, ROLE_STAFF, 1, "complaints.escalate"),
	R("POST", "/api/v1/complaints/{ref}/refuse-escalation", api_complaint_act, ROLE_STAFF, 1, "complaints.refuse_escalation"),
	R("POST", "/api/v1/complaints/{ref}/close", api_complaint_act, ROLE_STAFF, 1, "complaints.close"),
	R("POST", "/api/v1/complaints/{ref}/withdraw", api_complaint_act, ROLE_STAFF, 1, "complaints.withdraw"),
	R("POST", "/api/v1/complaints/{ref}/reopen", api_complaint_act, ROLE_STAFF, 1, "complaints.reopen"),
	R("POST", "/api/v1/complaints/{ref}/assign", api_complaint_act, ROLE_STAFF, 1, "complaints.assign"),
	R("POST", "/api/v1/complaints/{ref}/issues", api_complaint_act, ROLE_STAFF, 1, "complaints.issues.create"),
	R("POST", "/api/v1/complaints/{ref}/correspondence", api_complaint_act, ROLE_STAFF, 1, "complaints.correspondence.create"),
	R("POST", "/api/v1/complaints/{ref}/actions", api_complaint_act, ROLE_STAFF, 1, "complaints.actions.create"),
	R("POST", "/api/v1/complaints/{ref}/actions/{id}/complete", api_complaint_act, ROLE_STAFF, 1, "complaints.actions.complete"),
	R("POST", "/api/v1/complaints/{ref}/remedies", api_complaint_act, ROLE_STAFF, 1, "complaints.remedies.create"),
	R("POST", "/api/v1/complaints/{ref}/remedies/{id}/complete", api_complaint_act, ROLE_STAFF, 1, "complaints.remedies.complete"),
	R("POST", "/api/v1/complaints/{ref}/notes", api_complaint_act, ROLE_STAFF, 1, "complaints.notes.create"),
	R("POST", "/api/v1/complaints/{ref}/links", api_complaint_act, ROLE_STAFF, 1, "complaints.links.create"),
	R("POST", "/api/v1/complaints/{ref}/update-schedule", api_complaint_act, ROLE_STAFF, 1, "complaints.update_schedule"),

	R("GET", "/api/v1/people", api_person_list, ROLE_STAFF, 0, "people.list"),
	R("POST", "/api/v1/people", api_person_new, ROLE_STAFF, 1, "people.create"),
	R("GET", "/api/v1/people/reviews", api_person_reviews, ROLE_STAFF, 0, "people.reviews"),
	R("GET", "/api/v1/people/{id}", api_person_get, ROLE_STAFF, 1, "people.get"),
	R("GET", "/api/v1/people/{id}/export", api_person_export, ROLE_HANDLER | ROLE_OFFICER, 1, "people.export"),
	R("POST", "/api/v1/people/{id}/erasure", api_person_erasure, ROLE_OFFICER | ROLE_SENIOR | ROLE_ADMIN, 1, "people.erasure"),
	R("POST", "/api/v1/people/{id}/preferences", api_person_act, ROLE_STAFF, 1, "people.preferences"),
	R("POST", "/api/v1/people/{id}/adjustments", api_person_act, ROLE_STAFF, 1, "people.adjustments.create"),
	R("POST", "/api/v1/people/{id}/adjustments/{n}/review", api_person_act, ROLE_STAFF, 1, "people.adjustments.review"),
	R("POST", "/api/v1/people/{id}/disclosures", api_person_act, ROLE_HANDLER | ROLE_OFFICER, 1, "people.disclosures.create"),
	R("POST", "/api/v1/people/{id}/restrictions", api_person_act, ROLE_STAFF, 1, "people.restrictions.create"),
	R("POST", "/api/v1/people/{id}/restrictions/{n}/review", api_person_act, ROLE_STAFF, 1, "people.restrictions.review"),
	R("POST", "/api/v1/people/{id}/restrictions/{n}/end", api_person_act, ROLE_STAFF, 1, "people.restrictions.end"),

	R("GET", "/api/v1/service-requests", api_sreq_list, ROLE_STAFF, 0, "service_requests.list"),
	R("POST", "/api/v1/service-requests", api_sreq_new, ROLE_STAFF, 1, "service_requests.create"),
	R("GET", "/api/v1/service-requests/{ref}", api_sreq_get, ROLE_STAFF, 0, "service_requests.get"),
	R("POST", "/api/v1/service-requests/{ref}/updates", api_sreq_act, ROLE_STAFF, 1, "service_requests.update"),
	R("POST", "/api/v1/service-requests/{ref}/dissatisfaction", api_sreq_act, ROLE_STAFF, 1, "service_requests.dissatisfaction"),
	R("POST", "/api/v1/service-requests/{ref}/complete", api_sreq_act, ROLE_STAFF, 1, "service_requests.complete"),
	R("GET", "/api/v1/feedback", api_feedback_list, ROLE_STAFF, 0, "feedback.list"),
	R("POST", "/api/v1/feedback", api_feedback_new, ROLE_STAFF, 1, "feedback.create"),

	R("GET", "/api/v1/users", api_user_list, ROLE_ADMIN, 0, "users.list"),
	R("POST", "/api/v1/users", api_user_new, ROLE_ADMIN, WRITE_OWN, "users.create"),
	R("GET", "/api/v1/users/{name}", api_user_get, ROLE_ANY, 0, "users.get"),
	R("POST", "/api/v1/users/{name}/tokens", api_user_token, ROLE_ANY, WRITE_OWN, "users.tokens.create"),
	R("PUT", "/api/v1/users/{name}/password", api_user_password, ROLE_ANY, WRITE_OWN, "users.password"),

	R("GET", "/api/v1/policy", api_policy_get, ROLE_ANY, 0, "policy.get"),
	R("PATCH", "/api/v1/policy", api_policy_patch, ROLE_ADMIN, 1, "policy.update"),
	R("GET", "/api/v1/policy/check", api_policy_check, ROLE_ANY, 0, "policy.check"),
	R("GET", "/api/v1/calendar", api_calendar_get, ROLE_ANY, 0, "calendar.get"),
	{ "POST", "/api/v1/calendar/import", api_calendar_import, ROLE_ADMIN, 1, 4 << 20, "calendar.import" },
	R("POST", "/api/v1/calendar/closures", api_calendar_closure, ROLE_ADMIN, 1, "calendar.closures.create"),
	R("DELETE", "/api/v1/calendar/closures/{date}", api_calendar_closure, ROLE_ADMIN, 1, "calendar.closures.delete"),
	R("GET", "/api/v1/workdays/add", api_workdays, ROLE_ANY, 0, "workdays.add"),
	R("GET", "/api/v1/workdays/count", api_workdays, ROLE_ANY, 0, "workdays.count"),

	R("GET", "/api/v1/reports/tsm", api_report_tsm, ROLE_OFFICER | ROLE_SENIOR | ROLE_BOARD | ROLE_ADMIN, 0, "reports.tsm"),
	R("GET", "/api/v1/reports/board", api_report_board, ROLE_OFFICER | ROLE_SENIOR | ROLE_BOARD | ROLE_ADMIN, 0, "reports.board"),
	R("GET", "/api/v1/self-assessments", api_self_assessment, ROLE_OFFICER | ROLE_SENIOR | ROLE_BOARD | ROLE_ADMIN, 0, "self_assessments.get"),
	R("POST", "/api/v1/self-assessments/{year}/commentary", api_self_assessment_act, ROLE_SENIOR | ROLE_ADMIN, 1, "self_assessments.commentary"),
	R("POST", "/api/v1/self-assessments/{year}/approval", api_self_assessment_act, ROLE_SENIOR | ROLE_ADMIN, 1, "self_assessments.approval"),
	R("POST", "/api/v1/self-assessments/{year}/publication", api_self_assessment_act, ROLE_SENIOR | ROLE_ADMIN, 1, "self_assessments.publication"),
	R("GET", "/api/v1/reports/annual", api_report_annual, ROLE_OFFICER | ROLE_SENIOR | ROLE_BOARD | ROLE_ADMIN, 0, "reports.annual"),
	R("POST", "/api/v1/reports/annual/{year}/response", api_self_assessment_act, ROLE_SENIOR | ROLE_ADMIN, 1, "reports.annual.response"),
	{ "POST", "/api/v1/import/complaints", api_import, ROLE_ADMIN, WRITE_GROUP, HTTP_UPLOAD_MAX, "import.complaints" },
	R("GET", "/api/v1/export/complaints", api_export, ROLE_ADMIN | ROLE_SENIOR, 0, "export.complaints"),
	R("GET", "/api/v1/export/events", api_export, ROLE_ADMIN | ROLE_SENIOR, 0, "export.events"),
	{ NULL, NULL, NULL, 0, 0, 0, NULL }
};

/*
 * Matches "path" against "pattern", copying captures into "params" (which
 * point into "scratch").  1 on a match.
 */
static int match(const char *pattern, const char *path, const char **params,
		 char *scratch)
{
	int n = 0;

	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *end = strchr(pattern, '}');
			size_t len = strcspn(path, "/");

			if (!end || len == 0 || n == HTTP_MAX_PARAMS)
				return 0;
			memcpy(scratch, path, len);
			scratch[len] = '\0';
			params[n++] = scratch;
			scratch += len + 1;
			path += len;
			pattern = end + 1;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return !*pattern && !*path;
}

/*
 * HEAD is answered as GET (the server sends the headers only).  When the
 * path exists but not with this method, q->allow lists the methods it
 * takes, for the Allow header of the 405.
 */
const struct route *http_route(struct req *q, int *path_ok)
{
	size_t n = strlen(q->path) + 1, used = 0;
	const char *method = strcmp(q->method, "HEAD") ? q->method : "GET";
	const struct route *found = NULL;

	*path_ok = 0;
	q->allow[0] = '\0';
	if (n > 512)
		return NULL;
	free(q->param_buf);
	q->param_buf = xmalloc(n * 2);
	for (const struct route *rt = http_routes; rt->method; rt++) {
		const char *params[HTTP_MAX_PARAMS] = { NULL };

		if (!match(rt->pattern, q->path, params, q->param_buf))
			continue;
		*path_ok = 1;
		if (strcmp(rt->method, method)) {
			if (!strstr(q->allow, rt->method) && used + strlen(rt->method) + 3 < sizeof(q->allow))
				used += (size_t)snprintf(q->allow + used, sizeof(q->allow) - used, "%s%s",
							 used ? ", " : "", rt->method);
			continue;
		}
		memcpy(q->params, params, sizeof(params));
		found = rt;
		break;
	}
	return found;
}
