/*
 * board.h - the Board and Member Responsible for Complaints pack (Code
 * 9.6, 9.7): what the governing body must see each period, computed from
 * the records.
 *
 *   volumes      received, refused, escalated, escalations refused,
 *                responses issued at each stage, closed, withdrawn, and
 *                complaints per 1,000 homes
 *   outcomes     the decision on every point of the definition (upheld,
 *                partly upheld, not upheld), per stage
 *   timescales   each Code timescale with its counts: stage 1
 *                acknowledgement (6.2), response (6.3), stage 2
 *                acknowledgement (6.11), response (6.14)
 *   extensions   per stage, within the Code's limit or beyond it with a
 *                good reason, and their reasons
 *   refusals     stage 1 refusals and refused escalations by reason
 *   months       month by month; categories, category by category against
 *                the period before
 *   repeat complainants (2 or more complaints received in the period),
 *   hotspots by estate and building, remedies (count, financial total)
 *   and the outstanding actions promised in responses.
 *
 * Everything counts by the day it happened: a complaint received in one
 * year and answered in the next is received in the first and answered in
 * the second.  A response is within the Code's timescale when it is on or
 * before the deadline of the Code that governs the complaint (2022 or
 * 2024), moved by any extension the Code permits without good reason; the
 * acknowledgement deadline is the complaint's own (2024 Code: 5 working
 * days; 2022 Code: 5 days).  Remedies and outstanding actions count with
 * the response of their stage.
 *
 * Every figure links to its cases: board_cases() lists the references
 * behind a key.  A key is a figure's name ("received", "s1_late",
 * "extensions_beyond_code", ...), optionally after one DIMENSION:VALUE:
 * that narrows it the way the report's tables do: category:repairs:received,
 * month:2025-04:s1_responses, estate:Riverside:received,
 * building:Kestrel Tower:received, code:2022:s1_late,
 * reason:legal_proceedings:refused, type:financial:remedies.
 */
#ifndef REDRESS_REPORTS_BOARD_H
#define REDRESS_REPORTS_BOARD_H

#include <jansson.h>

#include "store/record.h"

/* A reporting period: a reporting year (1 April to 31 March) or any
 * span of days up to 10 years. */
struct board_period {
	date_t from, to;
	char label[32];		/* "2025/26" or "2025-04-01 to 2025-09-30" */
	int year;		/* the reporting year, or 0 */
};

/* The period of reporting year "year" (2025 is 2025/26), or, with year 0,
 * from "from" to "to" (YYYY-MM-DD, both needed).  Fails naming "year",
 * "from" or "to". */
int board_period(int year, const char *from, const char *to,
		 struct board_period *p, struct rd_err *e);

/* The pack for period "p" (new reference). */
int board_report(struct rec *r, const struct board_period *p, json_t **out,
		 struct rd_err *e);

/* The pack and, from the same pass over the period, board_figures()'s
 * figures into "*figs" (when not NULL; new reference). */
int board_report_figures(struct rec *r, const struct board_period *p, json_t **out,
			 json_t **figs, struct rd_err *e);

/* Every figure of period "p" by its name (the keys of board_cases), for
 * the other reports: {"all": {FIGURE: n, ...}, "by_code": {"2022": {...},
 * "2024": {...}} (the figures read from the complaints, by the Code that
 * governs each), "points": {"stage1": [upheld, partly upheld, not
 * upheld], "stage2": [...]}, "points_by_code": {"2022": {...}, "2024":
 * {...}}, "financial_total", "repeat_people"} (new reference). */
int board_figures(struct rec *r, const struct board_period *p, json_t **out,
		  struct rd_err *e);

/* The references behind "key" (a new array, sorted); RD_EINVAL naming
 * "cases" for an unknown key. */
int board_cases(struct rec *r, const struct board_period *p, const char *key,
		json_t **refs, struct rd_err *e);

/* 1 if "name" is a figure's name, a key board_cases() knows. */
int board_is_figure(const char *name);

/* The pack as CSV: section, item, figure, value, cases key. */
char *board_csv(const json_t *report);

/* The pack as text for the console. */
char *board_text(const json_t *report);

/* One decimal place, halves away from zero; JSON null when den is 0. */
json_t *board_ratio(long long num, long long den, double scale);

#endif
