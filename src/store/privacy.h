/*
 * privacy.h - data protection: retention, erasure and subject access.
 *
 * The record is an append-only, hash-chained log, yet the law says
 * personal data must not be kept longer than needed (UK GDPR art. 5(1)(e))
 * and must be erased on request where no reason to keep it applies
 * (art. 17).  Redress forgets by redaction:
 *
 *  - priv_anonymise() replaces every personal value in a payload or a
 *    state with "[redacted]": every string except dates, reference
 *    numbers, pseudonymous ids (P-000001), staff user names and the codes
 *    the reports count (category, channel, estate, building, tenure,
 *    outcomes, remedy types, refusal and extension reasons).  Numbers,
 *    booleans, arrays and objects keep their shape, so every statistic
 *    and every replay of the record stays as it was.
 *  - Each event of the record whose payload changes is rewritten in place
 *    (store_ops.redact: the only change the events table allows, and only
 *    for an event first listed in the redactions table) and one event
 *    "record.redacted" is appended to the stream with, for each, its seq,
 *    its original hash, the SHA-256 of its original payload and the hash
 *    of its redacted form.  store_verify() accepts a redacted event only
 *    when a later redaction names it with exactly that hash, so the chain
 *    still proves that nothing else was changed, and the digest of the
 *    original still identifies it for anyone who kept a copy.
 *  - The projections (the state) are anonymised the same way; the report
 *    columns (dates, flags, codes) hold no personal data and are kept.
 *  - store_ops.scrub then clears the replaced text from the files.
 */
#ifndef REDRESS_STORE_PRIVACY_H
#define REDRESS_STORE_PRIVACY_H

#include <jansson.h>

#include "store/record.h"
#include "util/buf.h"
#include "util/err.h"

#define PRIV_REDACTED "[redacted]"

/* Anonymises "j" in place; returns how many values were replaced.
 * "type" is the event type ("" for a state). */
int priv_anonymise(json_t *j);

/*
 * Anonymises every complaint, service request and piece of feedback that
 * ended more than the policy's retention_years (default 6) before today,
 * and every person all of whose records did and whose own record has not
 * A complaint ends when it is closed, withdrawn or refused, a service
 * request when it is completed; the date of its last event is the day it
 * ended.  A person goes when every record naming them (as complainant,
 * representative, signer, ...) does; a person named in none, when their
 * own record last changed before the cut-off.  "dry_run" counts
 * and changes nothing.  Admin or the console.  "*summary" (new reference):
 * {"retention_years", "cutoff", "dry_run", "complaints", "service_requests",
 *  "feedback", "people", "events_redacted", "records": [stream, ...]}.
 */
int priv_retention_run(struct rec *r, int dry_run, json_t **summary,
		       struct rd_err *e);

/*
 * An erasure request (UK GDPR art. 17) from person "id" on "grounds".
 * Each record of the person is erased (anonymised) unless a reason to
 * keep it applies, checked in this order:
 *   open_complaint        a complaint still being handled (Code 5, 6)
 *   open_service_request  a service request not yet completed (Code 1.4)
 *   ombudsman_window      the final response was less than 12 months ago:
 *                         the resident may still bring the complaint to
 *                         the Housing Ombudsman (Code 6.19, 7)
 *   retention_period      ended less than retention_years ago (art.
 *                         17(3)(e), legal claims: Limitation Act 1980)
 * The person's own record is erased only when none of theirs is kept
 * (reason kept: linked_records_kept).  The decision is recorded first as
 * "person.erasure_decided" on the person: {requested_on, grounds,
 * outcome (erased, partly_erased, refused), erased: [stream],
 * kept: [{record, reason, until}]}.  Complaints officer, senior lead,
 * admin or the console.  "*decision" (new reference) is that payload.
 */
int priv_erase(struct rec *r, const char *id, const char *grounds,
	       json_t **decision, struct rd_err *e);

/*
 * Everything held about person "id" (a subject access request, art. 15):
 * {"person", "organisation", "exported_on", "records": {stream: {"state",
 * "events"}}} with the person's record including what they disclosed and
 * every complaint, service request and piece of feedback that is theirs.
 * Recorded on the person as a read of special category data ("purpose",
 * default "Subject access request").  Handlers and complaints officers.
 */
int priv_subject_access(struct rec *r, const char *id, const char *purpose,
			json_t **out, struct rd_err *e);

/* The subject access export "sar" as an A4 PDF appended to "out". */
int priv_subject_access_pdf(const json_t *sar, struct buf *out,
			    struct rd_err *e);

/* The text of a keep reason code ("open_complaint", ...). */
const char *priv_reason_text(const char *code);

#endif
