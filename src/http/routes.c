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
#include "http/page.h"

#define R(m, p, f, roles, w, name) { m, p, f, roles, w, 0, name, 0 }
/* HTML pages (http/page.h): the staff workspace and the resident portal. */
#define P(m, p, f, roles, w, name) { m, p, f, roles, w, 0, name, 1 }
#define PU(m, p, f, roles, w, max, name) { m, p, f, roles, w, max, name, 1 }
#define REPORT_ROLES (ROLE_OFFICER | ROLE_SENIOR | ROLE_BOARD | ROLE_ADMIN)

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

	R("GET", "/api/v1/print-queue", api_print_queue_list, ROLE_STAFF, 0, "print_queue.list"),
	R("POST", "/api/v1/print-queue/{id}/printed", api_print_queue_printed, ROLE_STAFF, 1, "print_queue.printed"),
	R("GET", "/api/v1/letter-templates", api_letter_templates_list, ROLE_STAFF | ROLE_ADMIN, 0, "letter_templates.list"),
	R("GET", "/api/v1/letter-templates/{name}", api_letter_template, ROLE_STAFF | ROLE_ADMIN, 0, "letter_templates.get"),
	R("PUT", "/api/v1/letter-templates/{name}", api_letter_template, ROLE_ADMIN, 1, "letter_templates.set"),
	R("DELETE", "/api/v1/letter-templates/{name}", api_letter_template, ROLE_ADMIN, 1, "letter_templates.reset"),
	R("GET", "/api/v1/mail/triage", api_mail_triage_list, ROLE_STAFF, 0, "mail.triage.list"),
	R("GET", "/api/v1/mail/triage/{id}", api_mail_triage_get, ROLE_STAFF, 0, "mail.triage.get"),
	R("POST", "/api/v1/mail/triage/{id}/assign", api_mail_triage_act, ROLE_STAFF, 1, "mail.triage.assign"),
	R("POST", "/api/v1/mail/triage/{id}/dismiss", api_mail_triage_act, ROLE_STAFF, 1, "mail.triage.dismiss"),

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
	{ "POST", "/api/v1/calendar/import", api_calendar_import, ROLE_ADMIN, 1, 4 << 20, "calendar.import", 0 },
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
	R("GET", "/api/v1/ombudsman-cases", api_register_list, ROLE_STAFF, 0, "ombudsman_cases.list"),
	R("POST", "/api/v1/ombudsman-cases", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.create"),
	R("GET", "/api/v1/ombudsman-cases/{ref}", api_register_get, ROLE_STAFF, 0, "ombudsman_cases.get"),
	R("POST", "/api/v1/ombudsman-cases/{ref}/information-requests", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.information_requests.create"),
	R("POST", "/api/v1/ombudsman-cases/{ref}/information-requests/{n}/answer", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.information_requests.answer"),
	R("POST", "/api/v1/ombudsman-cases/{ref}/determinations", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.determinations.create"),
	R("POST", "/api/v1/ombudsman-cases/{ref}/orders", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.orders.create"),
	R("POST", "/api/v1/ombudsman-cases/{ref}/orders/{n}/compliance", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.orders.compliance"),
	R("POST", "/api/v1/ombudsman-cases/{ref}/failure-orders", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.failure_orders.create"),
	R("POST", "/api/v1/ombudsman-cases/{ref}/failure-orders/{n}/compliance", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.failure_orders.compliance"),
	R("POST", "/api/v1/ombudsman-cases/{ref}/close", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "ombudsman_cases.close"),
	R("GET", "/api/v1/improvements", api_register_list, ROLE_STAFF, 0, "improvements.list"),
	R("POST", "/api/v1/improvements", api_register_act, ROLE_STAFF, 1, "improvements.create"),
	R("GET", "/api/v1/improvements/{ref}", api_register_get, ROLE_STAFF, 0, "improvements.get"),
	R("POST", "/api/v1/improvements/{ref}/updates", api_register_act, ROLE_STAFF, 1, "improvements.updates.create"),
	R("GET", "/api/v1/exceptional-circumstances", api_register_list, ROLE_ANY, 0, "exceptional_circumstances.list"),
	R("POST", "/api/v1/exceptional-circumstances", api_register_act, ROLE_SENIOR | ROLE_ADMIN, 1, "exceptional_circumstances.create"),
	R("GET", "/api/v1/exceptional-circumstances/{ref}", api_register_get, ROLE_ANY, 0, "exceptional_circumstances.get"),
	R("POST", "/api/v1/exceptional-circumstances/{ref}/updates", api_register_act, ROLE_SENIOR | ROLE_ADMIN, 1, "exceptional_circumstances.update"),
	R("POST", "/api/v1/exceptional-circumstances/{ref}/end", api_register_act, ROLE_SENIOR | ROLE_ADMIN, 1, "exceptional_circumstances.end"),
	R("GET", "/api/v1/training-records", api_register_list, ROLE_STAFF | ROLE_ADMIN, 0, "training_records.list"),
	R("POST", "/api/v1/training-records", api_register_act, ROLE_OFFICER | ROLE_SENIOR | ROLE_ADMIN, 1, "training_records.create"),
	R("GET", "/api/v1/training-records/{ref}", api_register_get, ROLE_STAFF | ROLE_ADMIN, 0, "training_records.get"),
	R("GET", "/api/v1/quality-reviews", api_register_list, ROLE_STAFF, 0, "quality_reviews.list"),
	R("POST", "/api/v1/quality-reviews", api_register_act, ROLE_OFFICER | ROLE_SENIOR, 1, "quality_reviews.create"),
	R("POST", "/api/v1/quality-reviews/sample", api_quality_sample, ROLE_OFFICER | ROLE_SENIOR, 1, "quality_reviews.sample"),
	R("GET", "/api/v1/quality-reviews/{ref}", api_register_get, ROLE_STAFF, 0, "quality_reviews.get"),
	R("POST", "/api/v1/quality-reviews/{ref}/score", api_register_act, ROLE_STAFF, 1, "quality_reviews.score"),
	R("GET", "/api/v1/surveys", api_register_list, ROLE_STAFF, 0, "surveys.list"),
	R("POST", "/api/v1/surveys/schedule", api_survey_schedule, ROLE_STAFF, 1, "surveys.schedule"),
	R("GET", "/api/v1/surveys/{ref}", api_register_get, ROLE_STAFF, 0, "surveys.get"),
	R("POST", "/api/v1/surveys/{ref}/sent", api_register_act, ROLE_STAFF, 1, "surveys.sent"),
	R("POST", "/api/v1/surveys/{ref}/answers", api_register_act, ROLE_STAFF, 1, "surveys.answers"),
	R("POST", "/api/v1/surveys/{ref}/declined", api_register_act, ROLE_STAFF, 1, "surveys.declined"),
	R("GET", "/api/v1/ombudsman-reports", api_register_list, ROLE_ANY, 0, "ombudsman_reports.list"),
	R("POST", "/api/v1/ombudsman-reports", api_register_act, ROLE_OFFICER | ROLE_SENIOR | ROLE_ADMIN, 1, "ombudsman_reports.create"),
	R("GET", "/api/v1/ombudsman-reports/{ref}", api_register_get, ROLE_ANY, 0, "ombudsman_reports.get"),
	R("POST", "/api/v1/ombudsman-reports/{ref}/updates", api_register_act, ROLE_OFFICER | ROLE_SENIOR | ROLE_ADMIN, 1, "ombudsman_reports.updates.create"),
	R("POST", "/api/v1/ombudsman-reports/{ref}/withdraw", api_register_act, ROLE_OFFICER | ROLE_SENIOR | ROLE_ADMIN, 1, "ombudsman_reports.withdraw"),
	{ "POST", "/api/v1/import/complaints", api_import, ROLE_ADMIN, WRITE_GROUP, HTTP_UPLOAD_MAX, "import.complaints", 0 },
	R("GET", "/api/v1/export/complaints", api_export, ROLE_ADMIN | ROLE_SENIOR, 0, "export.complaints"),
	R("GET", "/api/v1/export/events", api_export, ROLE_ADMIN | ROLE_SENIOR, 0, "export.events"),

	P("GET", "/assets/{file}", page_asset, ROLE_PUBLIC, 0, "page.asset"),
	P("GET", "/sign-in", page_sign_in, ROLE_PUBLIC, 0, "page.sign_in"),
	P("POST", "/sign-in", page_sign_in, ROLE_PUBLIC, WRITE_OWN, "page.sign_in.post"),
	P("POST", "/sign-out", page_sign_out, ROLE_ANY, WRITE_OWN, "page.sign_out"),
	P("GET", "/", page_dashboard, ROLE_ANY, 0, "page.dashboard"),
	P("GET", "/cases", page_cases, ROLE_STAFF, 0, "page.cases"),
	P("GET", "/cases/new", page_case_new, ROLE_STAFF, 0, "page.cases.new"),
	P("POST", "/cases/new", page_case_new, ROLE_STAFF, WRITE_GROUP, "page.cases.new.post"),
	P("GET", "/cases/{ref}", page_case, ROLE_STAFF, 0, "page.case"),
	P("GET", "/cases/{ref}/{action}", page_case_action, ROLE_STAFF, 0, "page.case.action"),
	P("POST", "/cases/{ref}/{action}", page_case_action, ROLE_STAFF, WRITE_GROUP, "page.case.action.post"),
	P("GET", "/cases/{ref}/{action}/{id}", page_case_action, ROLE_STAFF, 0, "page.case.item"),
	P("POST", "/cases/{ref}/{action}/{id}", page_case_action, ROLE_STAFF, WRITE_GROUP, "page.case.item.post"),
	P("GET", "/people", page_people, ROLE_STAFF, 0, "page.people"),
	P("GET", "/people/{id}", page_person, ROLE_STAFF, 0, "page.person"),
	P("POST", "/people/{id}", page_person, ROLE_STAFF, WRITE_GROUP, "page.person.post"),
	P("GET", "/people/{id}/{action}", page_person_action, ROLE_STAFF, 0, "page.person.action"),
	P("POST", "/people/{id}/{action}", page_person_action, ROLE_STAFF, WRITE_GROUP, "page.person.action.post"),
	P("GET", "/service-requests", page_sreqs, ROLE_STAFF, 0, "page.sreqs"),
	P("GET", "/service-requests/{ref}", page_sreq, ROLE_STAFF, 0, "page.sreq"),
	P("POST", "/service-requests/{ref}", page_sreq, ROLE_STAFF, WRITE_GROUP, "page.sreq.post"),
	P("GET", "/service-requests/{ref}/{action}", page_sreq_action, ROLE_STAFF, 0, "page.sreq.action"),
	P("POST", "/service-requests/{ref}/{action}", page_sreq_action, ROLE_STAFF, WRITE_GROUP, "page.sreq.action.post"),
	P("GET", "/reports", page_reports, REPORT_ROLES, 0, "page.reports"),
	P("GET", "/reports/tsm", page_report, REPORT_ROLES, 0, "page.reports.tsm"),
	P("GET", "/reports/board", page_report, REPORT_ROLES, 0, "page.reports.board"),
	P("GET", "/reports/annual", page_report, REPORT_ROLES, 0, "page.reports.annual"),
	P("GET", "/reports/self-assessment", page_report, REPORT_ROLES, 0, "page.reports.self_assessment"),
	P("GET", "/reports/cases", page_report_cases, REPORT_ROLES, 0, "page.reports.cases"),
	P("GET", "/registers", page_registers, ROLE_ANY, 0, "page.registers"),
	P("GET", "/registers/{register}", page_register_list, ROLE_ANY, 0, "page.register.list"),
	P("GET", "/registers/{register}/{ref}", page_register_record, ROLE_ANY, 0, "page.register.record"),
	P("POST", "/registers/{register}/{ref}", page_register_record, ROLE_STAFF | ROLE_ADMIN, WRITE_GROUP,
	  "page.register.record.post"),
	P("GET", "/registers/{register}/{ref}/{action}", page_register_action, ROLE_ANY, 0, "page.register.action"),
	P("POST", "/registers/{register}/{ref}/{action}", page_register_action, ROLE_STAFF | ROLE_ADMIN,
	  WRITE_GROUP, "page.register.action.post"),
	P("GET", "/admin", page_admin, ROLE_ADMIN, 0, "page.admin"),
	P("GET", "/admin/{section}", page_admin, ROLE_ADMIN, 0, "page.admin.section"),
	P("POST", "/admin/{section}", page_admin, ROLE_ADMIN, WRITE_GROUP, "page.admin.post"),
	PU("POST", "/admin/calendar/import", page_admin_import, ROLE_ADMIN, WRITE_GROUP, 4 << 20,
	   "page.admin.calendar_import"),
	P("GET", "/complain", page_complain, ROLE_PUBLIC, 0, "page.complain"),
	P("POST", "/complain", page_complain, ROLE_PUBLIC, WRITE_GROUP, "page.complain.post"),
	P("GET", "/track", page_track, ROLE_PUBLIC, 0, "page.track"),
	P("POST", "/track", page_track, ROLE_PUBLIC, WRITE_OWN, "page.track.post"),
	P("GET", "/track/case", page_track_case, ROLE_PUBLIC, 0, "page.track.case"),
	P("POST", "/track/case", page_track_case, ROLE_PUBLIC, WRITE_GROUP, "page.track.case.post"),
	P("GET", "/track/letters/{kind}", page_track_letter, ROLE_PUBLIC, 0, "page.track.letter"),
	{ NULL, NULL, NULL, 0, 0, 0, NULL, 0 }
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
