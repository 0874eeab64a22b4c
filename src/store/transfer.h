/*
 * transfer.h - bringing a landlord's complaint history in from a
 * spreadsheet, and taking complaints and the event log out.
 *
 * The column layout is documented in docs/import.md.  An import runs each
 * row's whole history (received, refused, acknowledged, extended,
 * responded, escalated, ... closed or withdrawn) through the same rules
 * and record path as any other change (rec_complaint), each action on its
 * historical date, so the imported record is one the Code's rules
 * accepted, with events effective on the dates they happened and the
 * actor "import".  Everything happens in one transaction: one bad row
 * and nothing is imported.
 */
#ifndef REDRESS_STORE_TRANSFER_H
#define REDRESS_STORE_TRANSFER_H

#include <jansson.h>
#include <stddef.h>

#include "store/record.h"
#include "util/buf.h"
#include "util/err.h"

/*
 * Imports the complaints in "csv" ("len" bytes).  Needs the admin role or
 * the console ("system"); else RD_EDENIED.  Every row is checked; "*report"
 * (new reference) is {"rows": N, "imported": N, "references": [...],
 * "errors": [{"line", "field", "reason", "clause"?}, ...]}, with
 * "dry_run": true and "would_import" under "dry_run".  If any row (or the
 * header, or the CSV itself) is bad, nothing is stored and -1 is returned
 * with RD_EINVAL and the report listing every error.  "dry_run" non-zero
 * checks and reports but always rolls back.
 */
int xfer_import_complaints(struct rec *r, const char *csv, size_t len,
			   int dry_run, json_t **report, struct rd_err *e);

/*
 * Every complaint, in reference order: "csv" in the import layout
 * (written with CSV_SPREADSHEET, so it imports again unchanged) or "json"
 * (an array of the complaints' states).  Needs admin, senior_lead or the
 * console; else RD_EDENIED.  Appends to "out".
 */
int xfer_export_complaints(struct rec *r, const char *format, struct buf *out,
			   struct rd_err *e);

/*
 * Every event of every record, in stream and sequence order: id, stream,
 * seq, type, actor, recorded_at, effective_on, payload, prev_hash, hash;
 * "csv" (the payload as JSON text) or "json" (an array, the payload as a
 * JSON value).  Roles as for xfer_export_complaints.
 */
int xfer_export_events(struct rec *r, const char *format, struct buf *out,
		       struct rd_err *e);

#endif
