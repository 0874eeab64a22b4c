/*
 * survey.h - feedback on complaint handling: a short survey sent to the
 * complainant a set number of working days after the complaint closes
 * (the policy's feedback_survey_days; 0 sends none), unless they opted out
 * of surveys (their preference "surveys": false).  Results are a few
 * questions scored 1 (very dissatisfied) to 5 (very satisfied).  Every
 * survey says how to complain (Code 1.6).
 *
 * Actions on "survey:SV-NNNNNN" (core/register.h):
 *   new      {complaint, person_id, closed_on, due_on}: made by scheduling
 *   send     {sent_on, method}
 *   answer   {answered_on, answers: {QUESTION: 1..5, ...}, comments}
 *   decline  {on, reason}: the resident did not want to answer
 */
#ifndef REDRESS_CORE_SURVEY_H
#define REDRESS_CORE_SURVEY_H

#include "core/register.h"

extern const char *const survey_questions[];

int survey_decide(const json_t *state, const char *action, const json_t *in,
		  const char *reference, const struct reg_ctx *cx, json_t **payload,
		  const char **type, date_t *effective, struct rd_err *e);

#endif
