/*
 * complaint.h - a complaint's life under the Complaint Handling Code.
 *
 * A complaint is a JSON document (its state), built by folding its events
 * in order with cmp_apply().  Every change starts as an action checked by
 * cmp_decide() against the state, the Code's rule set for the complaint
 * (2022 or 2024, by date received), the landlord's policy and the working
 * day calendar.  A non-compliant action is refused with the clause that
 * forbids it; an accepted one becomes the payload of the event to record,
 * with everything derived at that moment (deadlines and the calendar
 * version they were computed with) written into it, so replaying the
 * events never recomputes a date a resident was already given.
 *
 * States (2024 Code):
 *   received -acknowledge-> stage1 -respond-> stage1_responded
 *   stage1_responded -escalate-> stage2_requested -acknowledge-> stage2
 *   stage2 -respond-> stage2_responded; stage*_responded -close-> closed
 *   received -refuse-> not_accepted -reopen-> received
 *   stage2_requested -refuse-escalation-> escalation_refused -reopen->
 *   stage2_requested; any open state -withdraw-> withdrawn.
 * 2022-Code complaints whose landlord policy has three stages also have
 * stage3_requested, stage3 and stage3_responded.
 *
 * No I/O, no clock: "today" and the calendar come in struct cmp_ctx.
 */
#ifndef REDRESS_CORE_COMPLAINT_H
#define REDRESS_CORE_COMPLAINT_H

#include <jansson.h>

#include "core/calendar.h"
#include "util/date.h"
#include "util/err.h"

struct cmp_ctx {
	const calendar *cal;	/* the landlord's working days */
	const json_t *policy;	/* the landlord's policy */
	date_t today;
	const char *actor;	/* who acts (a user name) */
	const char *role;	/* the actor's role */
	const char *reference;	/* "new": the reference to give */
};

/* The actions, as the command line and API name them (NULL-terminated):
 * new acknowledge refuse extend respond escalate refuse-escalation close
 * withdraw reopen assign add-issue correspondence action complete-action
 * remedy complete-remedy note link agree-updates. */
extern const char *const cmp_actions[];

/*
 * Checks "action" with the user's input "in" (a JSON object) against
 * "state" (NULL for "new").  On success returns 0 with "*payload" (new
 * reference) the event payload, "*type" the event type and "*effective"
 * the date the event takes effect; on refusal -1 with "e" saying which
 * field, what was wrong and which clause.
 */
int cmp_decide(const json_t *state, const char *action, const json_t *in,
	       const struct cmp_ctx *ctx, json_t **payload,
	       const char **type, date_t *effective, struct rd_err *e);

/* Folds one event into "state" (an empty object before the first). */
void cmp_apply(json_t *state, const char *type, const json_t *payload);

/* 1 if the complaint is still open (not closed, withdrawn, not accepted or
 * escalation refused). */
int cmp_is_open(const json_t *state);

/*
 * Whether stage "stage" was answered within the Code's timescale: 1 yes,
 * 0 no, -1 not answered yet.  With "with_extensions" the deadline moves
 * by the extensions the Code permits without good reason (6.4, 6.15; the
 * 2022 Code's 10 working days), whatever was granted beyond them; without,
 * it is the deadline set at acknowledgement.
 */
int cmp_within_code(const json_t *state, int stage, const calendar *cal,
		    int with_extensions);

/* 1 if "s" names a state of the state machine. */
int cmp_is_status(const char *s);

/* The current stage's object in "stages", or NULL. */
json_t *cmp_stage(const json_t *state, int stage);

#endif
