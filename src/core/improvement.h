/*
 * improvement.h - learning and service improvements (Code 9.1-9.3), each
 * linked to the complaints that prompted it, with an owner, a due date
 * and a status.
 *
 * Actions on "improvement:IMP-NNNNNN" (core/register.h):
 *   new     {title, description, complaints: [REF, ...], category, owner,
 *            due_on, recorded_on, status: planned|in_progress}
 *   update  {note, on, status, due_on, owner, outcome}: progress; status
 *           completed needs the outcome (what changed), and a finished
 *           improvement takes no more updates
 */
#ifndef REDRESS_CORE_IMPROVEMENT_H
#define REDRESS_CORE_IMPROVEMENT_H

#include "core/register.h"

extern const char *const imp_statuses[];

/* 1 while the improvement is planned or in progress. */
int imp_is_open(const json_t *state);

int imp_decide(const json_t *state, const char *action, const json_t *in,
	       const char *reference, const struct reg_ctx *cx, json_t **payload,
	       const char **type, date_t *effective, struct rd_err *e);

/* Folds the updates into the record's status, due date, owner and
 * completion. */
void imp_derive(json_t *state);

#endif
