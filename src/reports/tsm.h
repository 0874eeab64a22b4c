/*
 * tsm.h - the Regulator of Social Housing's Tenant Satisfaction Measures
 * for complaints, computed from Redress's own records.
 *
 *   CH01: complaints received per 1,000 homes, stage 1 and stage 2.
 *   CH02: the share of responses issued within the Complaint Handling
 *         Code's timescales, stage 1 and stage 2, as a percentage.
 *
 * A reporting year runs from 1 April to 31 March; year 2025 is "2025/26".
 * Each measure is given for all homes and separately for low-cost rental
 * (LCRA) and low-cost home ownership (LCHO), with the counts behind it.
 *
 * Where the Regulator's definitions leave a choice, the landlord's policy
 * makes it (tsm_include_refused, tsm_extensions_within, tsm_stage2_year)
 * and the report says which was made:
 *   - refused complaints (and refused escalations) are left out of CH01
 *     unless tsm_include_refused is true;
 *   - a response on or before the deadline moved by the extensions the
 *     Code permits without good reason counts as within the Code's
 *     timescales, unless tsm_extensions_within is false (then only the
 *     deadline set at acknowledgement counts);
 *   - a stage 2 complaint belongs to the year it was requested, or with
 *     tsm_stage2_year "acknowledgement" the year it was acknowledged;
 *   - responses count in the year they were issued.
 */
#ifndef REDRESS_REPORTS_TSM_H
#define REDRESS_REPORTS_TSM_H

#include <jansson.h>

#include "store/record.h"

/* The reporting year "today" falls in (2026-03-31 is in 2025). */
int tsm_year_of(date_t today);

/* The report for reporting year "year" (new reference). */
int tsm_report(struct rec *r, int year, json_t **out, struct rd_err *e);

/* The references behind one count of the report: "metric" is one of
 * s1_received, s2_received, s1_responses, s1_within, s1_late,
 * s2_responses, s2_within, s2_late; "tenure" NULL, "lcra" or "lcho". */
int tsm_cases(struct rec *r, int year, const char *tenure, const char *metric,
	      json_t **refs, struct rd_err *e);

/* The report as CSV: one row per measure, stage and tenure. */
char *tsm_csv(const json_t *report);

/* The report as text for the console: all homes, then LCRA and LCHO. */
char *tsm_text(const json_t *report);

#endif
