/*
 * policy.h - the landlord's complaints policy as data, checked against the
 * Code.
 *
 * A policy is a JSON object (the state of the "policy" stream).  Settings
 * that would breach the Code can be recorded, since a landlord's written
 * policy may say them, but policy_check() names each breach and its clause,
 * and the deadlines Redress computes never exceed the Code's.
 */
#ifndef REDRESS_CORE_POLICY_H
#define REDRESS_CORE_POLICY_H

#include <jansson.h>

#include "util/err.h"

/* A new policy with Redress's defaults (the Code's own limits, the 2.2
 * exclusions, the Housing Ombudsman's contact details). */
json_t *policy_default(void);

/* Validates "value" for "key" and returns the event payload
 * {"key": ..., "value": ...} with the value in its JSON type; NULL and "e"
 * filled (field "key" or "value") when the key is unknown or the value is
 * malformed. */
json_t *policy_decide_set(const json_t *policy, const char *key,
			  const char *value, struct rd_err *e);

/* Exclusion reasons: add (code, text, blanket) or remove (code). */
json_t *policy_decide_exclusion(const json_t *policy, const char *code,
				const char *text, int blanket, int remove,
				struct rd_err *e);

/* Folds a policy event ("policy.set", "policy.exclusion_added",
 * "policy.exclusion_removed") into "policy". */
void policy_apply(json_t *policy, const char *type, const json_t *payload);

/* The settings that would breach the Code: an array of
 * {"setting", "value", "clause", "problem"}; empty when compliant. */
json_t *policy_check(const json_t *policy);

/* The exclusion with "code", or NULL. */
const json_t *policy_exclusion(const json_t *policy, const char *code);

/* Working-day settings, never looser than the Code (min of the two). */
int policy_days(const json_t *policy, const char *key, int code_limit);

/* The known complaint categories and channels (NULL-terminated). */
extern const char *const policy_categories[];
extern const char *const policy_channels[];
int policy_is_category(const char *s);
int policy_is_channel(const char *s);

#endif
