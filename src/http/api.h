/*
 * api.h - the route handlers (api_*.c).  Each returns the HTTP status and
 * leaves its answer in the request (see http.h).
 */
#ifndef REDRESS_HTTP_API_H
#define REDRESS_HTTP_API_H

#include "http/http.h"

int api_livez(struct req *q, struct rec *r);
int api_healthz(struct req *q, struct rec *r);
int api_metrics(struct req *q, struct rec *r);
int api_openapi(struct req *q, struct rec *r);
int api_session_new(struct req *q, struct rec *r);
int api_session_get(struct req *q, struct rec *r);
int api_session_end(struct req *q, struct rec *r);

int api_complaint_list(struct req *q, struct rec *r);
int api_complaint_new(struct req *q, struct rec *r);
int api_complaint_get(struct req *q, struct rec *r);
int api_complaint_events(struct req *q, struct rec *r);
int api_complaint_part(struct req *q, struct rec *r);
int api_complaint_act(struct req *q, struct rec *r);
int api_complaint_letter(struct req *q, struct rec *r);

int api_person_list(struct req *q, struct rec *r);
int api_person_new(struct req *q, struct rec *r);
int api_person_get(struct req *q, struct rec *r);
int api_person_reviews(struct req *q, struct rec *r);
int api_person_act(struct req *q, struct rec *r);
int api_person_export(struct req *q, struct rec *r);
int api_person_erasure(struct req *q, struct rec *r);

int api_sreq_list(struct req *q, struct rec *r);
int api_sreq_new(struct req *q, struct rec *r);
int api_sreq_get(struct req *q, struct rec *r);
int api_sreq_act(struct req *q, struct rec *r);
int api_feedback_list(struct req *q, struct rec *r);
int api_feedback_new(struct req *q, struct rec *r);

int api_user_list(struct req *q, struct rec *r);
int api_user_new(struct req *q, struct rec *r);
int api_user_get(struct req *q, struct rec *r);
int api_user_token(struct req *q, struct rec *r);
int api_user_password(struct req *q, struct rec *r);

int api_policy_get(struct req *q, struct rec *r);
int api_policy_patch(struct req *q, struct rec *r);
int api_policy_check(struct req *q, struct rec *r);
int api_calendar_get(struct req *q, struct rec *r);
int api_calendar_import(struct req *q, struct rec *r);
int api_calendar_closure(struct req *q, struct rec *r);
int api_workdays(struct req *q, struct rec *r);

int api_report_tsm(struct req *q, struct rec *r);
int api_report_board(struct req *q, struct rec *r);
int api_self_assessment(struct req *q, struct rec *r);
int api_self_assessment_act(struct req *q, struct rec *r);
int api_report_annual(struct req *q, struct rec *r);

int api_import(struct req *q, struct rec *r);
int api_export(struct req *q, struct rec *r);

/* Shared by the handlers (api_util.c). */

/* Rejects query parameters not in "allowed" (NULL-terminated): 0 or the
 * 400 status. */
int api_only_query(struct req *q, const char *const *allowed);
/* A date query parameter: 0 (and DATE_NONE if absent) or 400. */
int api_query_date(struct req *q, const char *name, date_t *out);
/* A whole-number query parameter in [min, max]: 0 or 400. */
int api_query_int(struct req *q, const char *name, long min, long max,
		  long dflt, long *out);
/* Every state of "kind" as a JSON array (new reference). */
json_t *api_states(struct rec *r, const char *kind);

#endif
