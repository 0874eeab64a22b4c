/*
 * sreq.h - service requests (Code 1.4, 1.5) and survey feedback (1.6).
 *
 * A service request is not a complaint, but it is logged and monitored.
 * When the resident is dissatisfied with how it is handled, they must be
 * offered a complaint (1.3); raising one leaves the request open (1.5).
 * Survey feedback that expresses dissatisfaction is not a complaint, but
 * it records that the complaint route was offered (1.6).
 */
#ifndef REDRESS_CORE_SREQ_H
#define REDRESS_CORE_SREQ_H

#include <jansson.h>

#include "util/date.h"
#include "util/err.h"

/* Service request actions: new, update, dissatisfied, complete. */
int sreq_decide(const json_t *state, const char *action, const json_t *in,
		const char *reference, date_t today, json_t **payload,
		const char **type, date_t *effective, struct rd_err *e);
void sreq_apply(json_t *state, const char *type, const json_t *payload);

/* Feedback has one action, "new". */
int feedback_decide(const json_t *in, const char *id, date_t today,
		    json_t **payload, const char **type, date_t *effective,
		    struct rd_err *e);
void feedback_apply(json_t *state, const char *type, const json_t *payload);

#endif
