/*
 * triage.h - mail that reached the complaints mailbox without a complaint
 * to belong to, waiting for a member of staff to triage it.
 *
 * An item is the stream "mail:M-000001": "receive" {from, from_name,
 * subject, date, message_id, text, attachments, note} makes it (status
 * "open"); "assign" {complaint, correspondence} records that it became
 * correspondence on a complaint; "dismiss" {reason} that it needs nothing
 * (spam, a newsletter).  Once assigned or dismissed it stays so.
 */
#ifndef REDRESS_CORE_TRIAGE_H
#define REDRESS_CORE_TRIAGE_H

#include <jansson.h>

#include "util/date.h"
#include "util/err.h"

int triage_decide(const json_t *state, const char *action, const json_t *in,
		  const char *id, date_t today, json_t **payload,
		  const char **type, struct rd_err *e);
void triage_apply(json_t *state, const char *type, const json_t *payload);

/* Checks the message fields of correspondence or a triage item: "from"
 * an address, "attachments" an array of at most 64 names. */
int triage_check_message(const json_t *in, struct rd_err *e);

#endif
