/*
 * printq.h - the print queue: letters to be posted to residents who do
 * not take letters by email.
 *
 * Each queued letter is the stream "print:Q-000001": "queue" {reference,
 * correspondence, kind, stage, recipient, address, file, format} when the
 * letter is issued (status "queued"), and "printed" {} when someone has
 * printed and posted it (status "printed", with the day and who).
 */
#ifndef REDRESS_CORE_PRINTQ_H
#define REDRESS_CORE_PRINTQ_H

#include <jansson.h>

#include "util/date.h"
#include "util/err.h"

int printq_decide(const json_t *state, const char *action, const json_t *in,
		  const char *id, const char *actor, date_t today,
		  json_t **payload, const char **type, struct rd_err *e);
void printq_apply(json_t *state, const char *type, const json_t *payload);

#endif
