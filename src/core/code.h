/*
 * code.h - the Complaint Handling Code's rule sets, as data.
 *
 * Complaints received on or after 2024-04-01 follow the 2024 (statutory)
 * Code; earlier ones the 2022 Code, with its own clocks and, only where
 * the landlord's policy has one, a third stage.
 */
#ifndef REDRESS_CORE_CODE_H
#define REDRESS_CORE_CODE_H

#include "util/date.h"

struct code_rules {
	int version;			/* 2022 or 2024 */
	int ack_days;			/* stage 1 acknowledgement window */
	int ack_working;		/* ... in working days (else calendar days) */
	int s1_response_days;		/* working days from acknowledgement */
	int s1_extension_max;		/* working days without good reason */
	int s2_ack_days;		/* 0: no stage 2 acknowledgement deadline */
	int s2_response_days;
	int s2_response_from_request;	/* 2022: from the escalation request */
	int s2_extension_max;
	int s3_response_days;		/* 2022 optional third stage; 0 = none */
	int max_stages;			/* 2; the 2022 Code tolerated 3 */
	/* the clauses that each rule comes from */
	const char *c_ack, *c_s1_response, *c_s1_extension, *c_definition,
		*c_responsibility, *c_triage, *c_s2_ack, *c_s2_response,
		*c_s2_extension, *c_s2_handler, *c_points, *c_letter1,
		*c_letter2, *c_remedy, *c_close, *c_new_issue, *c_stages,
		*c_independence, *c_refuse, *c_refuse_escalation;
};

/* The first day the 2024 Code governs: 2024-04-01. */
date_t code_2024_start(void);

/* The rule set for a complaint received on "received_on". */
const struct code_rules *code_for(date_t received_on);
/* The rule set of "version" (2022 or 2024), or NULL. */
const struct code_rules *code_version(int version);

/* Complaints may be refused as out of time when the issue arose (or the
 * resident became aware of it) more than this many months before. */
#define CODE_TIME_LIMIT_MONTHS 12

#endif
