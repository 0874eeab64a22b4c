/*
 * annual.h - the annual complaints performance and service improvement
 * report (Code 8.1 a-f), assembled from the other reports of the year,
 * with the governing body's response (8.2) beside it:
 *
 *   (a) the self-assessment: its summary, the provisions not met, those
 *       still to answer, its approval and publication (selfassess.h)
 *   (b) performance: the Tenant Satisfaction Measures (tsm.h), volumes,
 *       outcomes, each Code timescale, categories, extensions, remedies,
 *       and the types of complaint refused (board.h)
 *   (c) Ombudsman findings of non-compliance: the year's determinations
 *       finding service failure, maladministration or severe
 *       maladministration, and compliance with the orders made in the
 *       year (the Ombudsman register, core/ombudsman.h)
 *   (d) service improvements: those completed in the year, with their
 *       outcome, and those under way (core/improvement.h)
 *   (e) the Ombudsman's annual landlord performance reports and (f) its
 *       other reports about the landlord, published in the year and not
 *       withdrawn, with the landlord's response (the register of them,
 *       core/omreport.h); when there were none the note says so
 *
 * The response is recorded with rec_self_assessment(..., "respond", ...).
 */
#ifndef REDRESS_REPORTS_ANNUAL_H
#define REDRESS_REPORTS_ANNUAL_H

#include <jansson.h>

#include "store/record.h"

/* The annual report of reporting year "year" (new reference). */
int annual_report(struct rec *r, int year, json_t **out, struct rd_err *e);

/* The report as text, ready to read and publish. */
char *annual_text(const json_t *report);

/*
 * The report as CSV, one row per value: "section,item,figure,value".
 * The section is the report's part ("b_performance"; "report" for the
 * year and organisation, "governing_body_response" for the response), the
 * item the path to the value inside it, names joined by "." and list
 * entries numbered from 1 ("tsm.ch01", "refusals.types.2"), the figure
 * the value's own name, or its number in a list of plain values.
 * Numbers are written as the JSON has them (one decimal for ratios, two
 * for sums of money), true and false as such, a missing figure (null)
 * empty; text is protected against spreadsheet formulas (util/csv.h).
 */
char *annual_csv(const json_t *report);

#endif
