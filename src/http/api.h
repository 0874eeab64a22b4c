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
int api_print_queue_list(struct req *q, struct rec *r);
int api_print_queue_printed(struct req *q, struct rec *r);
int api_letter_templates_list(struct req *q, struct rec *r);
int api_letter_template(struct req *q, struct rec *r);

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

/* The oversight registers (api_registers.c); the route's name says which. */
int api_register_list(struct req *q, struct rec *r);
int api_register_get(struct req *q, struct rec *r);
int api_register_act(struct req *q, struct rec *r);
int api_quality_sample(struct req *q, struct rec *r);
int api_survey_schedule(struct req *q, struct rec *r);

int api_mail_triage_list(struct req *q, struct rec *r);
int api_mail_triage_get(struct req *q, struct rec *r);
int api_mail_triage_act(struct req *q, struct rec *r);
int api_import(struct req *q, struct rec *r);
int api_export(struct req *q, struct rec *r);

/* Signs "name" in with "password" for a session of 8 hours: refused
 * after too many failures (429, q->retry_after set), or when the name or
 * password is wrong (401, the same message either way); else the session
 * cookie is set in q, q->user is the name and "role" the user's role.
 * 0, or the status with "e" saying why. */
int api_sign_in(struct req *q, struct rec *r, const char *name, const char *pw,
		char *role, size_t rn, struct rd_err *e);

/* Shared by the handlers (api_util.c). */

/* Rejects query parameters not in "allowed" (NULL-terminated): 0 or the
 * 400 status. */
int api_only_query(struct req *q, const char *const *allowed);
/* A date query parameter: 0 (and DATE_NONE if absent) or 400. */
int api_query_date(struct req *q, const char *name, date_t *out);
/* A whole-number query parameter in [min, max]: 0 or 400. */
int api_query_int(struct req *q, const char *name, long min, long max,
		  long dflt, long *out);
/* Answers with the PDF of a report's "text" (taken: freed here) and the
 * charts of its HTML, from "html" (rhtml_tsm, ...) on q->out, in place of
 * q->out: 200, or the failure's status. */
int api_report_pdf(struct req *q, const char *title, const char *organisation, char *text,
		   void (*html)(struct buf *, const json_t *, const char *));

#endif
