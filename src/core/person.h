/*
 * person.h - residents and representatives: communication preferences,
 * reasonable adjustments (Code 5.10), disclosed disabilities and
 * vulnerabilities (special category data) and contact restrictions for
 * unacceptable behaviour (5.14, 5.15), each with a review date.
 *
 * Same shape as complaint.h: person_decide() checks an action and builds
 * the event payload; person_apply() folds an event into the state.
 */
#ifndef REDRESS_CORE_PERSON_H
#define REDRESS_CORE_PERSON_H

#include <jansson.h>

#include "util/date.h"
#include "util/err.h"

/* Actions: new, preferences, adjust, review-adjustment, disclose,
 * restrict, review-restriction, end-restriction. */
extern const char *const person_actions[];

/* "id" is the person's id for "new" (P-000001); "today" the date. */
int person_decide(const json_t *state, const char *action, const json_t *in,
		  const char *id, date_t today, json_t **payload,
		  const char **type, date_t *effective, struct rd_err *e);
void person_apply(json_t *state, const char *type, const json_t *payload);

/* A copy of "state" without the special category data (disclosures). */
json_t *person_redacted(const json_t *state);

/* Reviews of adjustments and restrictions due on or before "by":
 * [{"person", "name", "kind", "id", "review_on", "what"}], appended to
 * "out". */
void person_reviews_due(const json_t *state, date_t by, json_t *out);

#endif
