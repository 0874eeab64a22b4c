/*
 * schedule.h - making many register records at once, in one transaction
 * (all or none), through rec_register():
 *
 * sched_quality_sample: a sample of the responses issued from "from" to
 *   "to" for quality review (core/quality.h).  The responses (stage 1 and
 *   stage 2, each once; those already sampled are left out) are put in
 *   order of the day issued, then reference, then stage; of n, k =
 *   ceil(n x percent / 100) are taken, the i-th (from 0) being the one at
 *   floor(i x n / k).  Each goes to the next of "reviewers" in turn who
 *   did not handle it.  Input {from, to, percent (default the policy's
 *   quality_sample_percent), reviewers: [NAME, ...], assigned_on}.
 *
 * sched_surveys: a survey record (core/survey.h) for each closed complaint
 *   whose survey falls due by today: the policy's feedback_survey_days
 *   working days after it closed (0: no surveys).  Complaints that have a
 *   survey already, and those whose complainant opted out of surveys
 *   (preference "surveys": false), get none.
 *
 * "*out" is the array of records made (new reference).
 */
#ifndef REDRESS_STORE_SCHEDULE_H
#define REDRESS_STORE_SCHEDULE_H

#include <jansson.h>

#include "store/record.h"

int sched_quality_sample(struct rec *r, const json_t *in, json_t **out,
			 struct rd_err *e);
int sched_surveys(struct rec *r, json_t **out, struct rd_err *e);

#endif
