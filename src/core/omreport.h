/*
 * omreport.h - the Housing Ombudsman's reports about the landlord, for
 * parts (e) and (f) of the annual complaints performance and service
 * improvement report (Code 8.1): its annual landlord performance report
 * (formerly the annual landlord letter), and its other reports that name
 * the landlord.
 *
 * Kinds (omr_kinds):
 *   annual_landlord_report            the annual landlord performance report
 *                                     (8.1 e); "year" says which financial
 *                                     year it covers (2024 is 2024/25)
 *   special_report                    a special report after an investigation
 *                                     under paragraph 49 of the Housing
 *                                     Ombudsman Scheme
 *   spotlight_report                  a spotlight (systemic, thematic) report
 *                                     naming the landlord
 *   severe_maladministration_report   a published severe maladministration
 *                                     finding about the landlord
 *   failure_order_report              a complaint handling failure order
 *                                     report naming the landlord
 *   complaint_handling_failure_notice a notice for failing to make the
 *                                     annual submission
 *   other                             any other relevant report (8.1 f)
 *
 * Actions on "ombudsman_report:OMR-NNNNNN" (core/register.h), all under
 * clause 8.1:
 *   new      {kind, title, published_on, received_on, year, summary, url,
 *             landlord_response, responded_on, complaints: [REF, ...],
 *             improvements: [REF, ...]}
 *   update   {on, landlord_response, note, url, complaints, improvements}:
 *             the landlord's response and what it did; links are added to
 *             those already made
 *   withdraw {reason, on}: recorded in error (the wrong landlord, twice);
 *             a withdrawn record takes no more actions and is left out of
 *             the annual report
 *
 * Dates are not in the future; the report may be received before it is
 * published (the Ombudsman shares drafts), but not answered before it was
 * received or, with no received_on, published.  The complaints and
 * improvements named are checked to exist by the store.
 */
#ifndef REDRESS_CORE_OMREPORT_H
#define REDRESS_CORE_OMREPORT_H

#include "core/register.h"

extern const char *const omr_kinds[];

/* The kinds as people read them: "kind", "Label", ..., NULL (the order of
 * omr_kinds; for option lists). */
extern const char *const omr_kind_labels[];

/* "spotlight_report" as "Spotlight report"; an unknown kind as it is, NULL
 * as "". */
const char *omr_kind_label(const char *kind);

int omr_decide(const json_t *state, const char *action, const json_t *in,
	       const char *reference, const struct reg_ctx *cx, json_t **payload,
	       const char **type, date_t *effective, struct rd_err *e);

/* Folds the updates into the record's response, links and status
 * (received, responded, withdrawn), and names the year an annual report
 * covers ("covers": "2024/25"). */
void omr_derive(json_t *state);

#endif
