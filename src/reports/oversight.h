/*
 * oversight.h - what the oversight registers add to the board pack (Code
 * 9.6, 9.7) and the annual report (8.1 c, d): Ombudsman cases,
 * determinations and compliance with orders; learning and service
 * improvements; quality reviews of responses; surveys of complaint
 * handling; exceptional circumstances (8.5).
 *
 * Every count is of the period from "from" to "to" by the day the thing
 * happened:
 *   ombudsman      referred (referred_on), determinations and findings
 *                  (determined_on), information requests (requested_on)
 *                  and of those answered, answered by their due date, and
 *                  unanswered past it on the day the report is made
 *                  ("as_at"); orders (made_on) and of those complied with,
 *                  complied with by their due date, outstanding, and
 *                  outstanding past their due date as at today; the same
 *                  for orders on severe maladministration findings (9.7c)
 *                  and for complaint handling failure orders (issued_on);
 *                  "cases" lists each case with anything in the period or
 *                  still open
 *   improvements   recorded (recorded_on), completed (finished with status
 *                  completed), and, as at today, open (planned or in
 *                  progress, recorded by the period's end) and overdue
 *                  (open past due_on); "items" lists them
 *   quality        reviews assigned (assigned_on), scored (scored_on), the
 *                  mean percentage of those scored, each checklist point's
 *                  met / partly / not met, and the findings
 *   surveys        sent (sent_on), answered and declined (their day), the
 *                  response rate (answered of sent) and each question's
 *                  mean score
 *   exceptional    the exceptional circumstances that overlap the period
 * Ratios are one decimal place, null when there is nothing to divide by.
 */
#ifndef REDRESS_REPORTS_OVERSIGHT_H
#define REDRESS_REPORTS_OVERSIGHT_H

#include <jansson.h>

#include "store/record.h"
#include "util/buf.h"

/* {"ombudsman", "improvements", "quality_reviews", "surveys",
 * "exceptional_circumstances"} for the period (new reference). */
int ovs_report(struct rec *r, const char *from, const char *to, json_t **out,
	       struct rd_err *e);

/* The sections as text for the console, and as CSV lines (section, item,
 * figure, value, cases) of the board pack's CSV. */
void ovs_text(struct buf *b, const json_t *rep);
void ovs_csv(struct buf *b, const json_t *rep);

#endif
