/*
 * aggregate.h - one entry point to fold any stream's events.
 *
 * Every record in Redress is a stream of events named "KIND:ID"
 * ("complaint:CMP-2026-000123", "person:P-000001", "policy:landlord").
 * agg_apply() folds one event into the stream's state by kind, so the
 * store can replay any stream (for "as at" views and for checks) without
 * knowing what the events mean.
 */
#ifndef REDRESS_CORE_AGGREGATE_H
#define REDRESS_CORE_AGGREGATE_H

#include <jansson.h>

#include "core/calendar.h"
#include "util/err.h"

/* The state a stream of "kind" starts from (new reference): the policy
 * starts from the defaults, the calendar from no changes, others {}. */
json_t *agg_initial(const char *kind);

void agg_apply(const char *kind, json_t *state, const char *type,
	       const json_t *payload);

/* The kind of "stream" ("complaint" for "complaint:CMP-..."), copied into
 * "out" (at least 32 bytes). */
void agg_kind(const char *stream, char *out, size_t n);

/* The calendar stream's state: {"version", "overrides": {region: [...]},
 * "closures": [{"date", "reason"}], "imports": [...]}. */
json_t *agg_calendar_empty(void);

/* Builds the working-day calendar of "region" from the calendar state. */
calendar *agg_calendar_build(const json_t *calstate, enum cal_region region);

/* Calendar actions: "closure-add" {date, reason}, "closure-remove" {date}. */
int agg_calendar_decide(const json_t *calstate, const char *action,
			const json_t *in, json_t **payload, const char **type,
			struct rd_err *e);

/* User actions: "add" {name, role, display_name}. */
extern const char *const agg_roles[];
int agg_user_decide(const json_t *state, const json_t *in, json_t **payload,
		    struct rd_err *e);

#endif
