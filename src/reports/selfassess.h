/*
 * selfassess.h - the self-assessment against the Complaint Handling Code
 * (Code 8.1a): all 72 provisions of the 2024 Code's form (from 2024/25;
 * the 2022 Code's form of 72 for 2022/23 and 2023/24), each with Comply
 * Yes/No and its evidence, for a reporting year.
 *
 * Where the records can show whether a provision was met, the evidence is
 * computed from them ("6.2: 412 of 430 stage 1 complaints acknowledged
 * within 5 working days (95.8%)") and a provision whose figures show a
 * breach answers No and is flagged; the cases behind it are listed by
 * sa_cases().  Provisions Redress enforces answer Yes with what it does.
 * The rest are the landlord's to answer, in staff commentary
 * (rec_self_assessment), which any provision can carry; the governing
 * body's approval and the publication date are recorded beside them.
 *
 * The figures about complaints count the complaints the form's Code
 * governs (2024: received from 1 April 2024) on the days things happened
 * in the year, as the board pack does (board.h); people's adjustments and
 * restrictions are counted as at today.
 */
#ifndef REDRESS_REPORTS_SELFASSESS_H
#define REDRESS_REPORTS_SELFASSESS_H

#include <jansson.h>

#include "store/record.h"

/* The self-assessment of reporting year "year" (new reference). */
int sa_report(struct rec *r, int year, json_t **out, struct rd_err *e);
/* The same, with the year's board_figures() already made ("figs", not
 * taken), so a report that needs both reads the period once. */
int sa_report_figures(struct rec *r, int year, json_t *figs, json_t **out,
		      struct rd_err *e);

/* The complaints behind provision "number": those that breached it, or
 * with "all" every one it counted (a new sorted array); RD_EINVAL naming
 * "cases" for a provision whose evidence is not a count of complaints. */
int sa_cases(struct rec *r, int year, const char *number, int all,
	     json_t **refs, struct rd_err *e);

/* The form as CSV, in the layout of the Ombudsman's form: Code section,
 * Code requirement, Comply: Yes/No, Evidence, commentary and any
 * explanations. */
char *sa_csv(const json_t *report);

/* The form as text for the console. */
char *sa_text(const json_t *report);

#endif
