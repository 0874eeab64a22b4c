/*
 * register.h - the oversight registers: Ombudsman cases, learning and
 * service improvements, exceptional circumstances (Code 8.5), training
 * records (4.3), quality reviews of issued responses, surveys of
 * complaint handling, and the Ombudsman's reports about the landlord
 * (8.1 e and f).
 *
 * Each record is a stream "KIND:REF" ("ombudsman_case:OMB-2026-000001")
 * whose events are folded by reg_apply().  reg_decide() checks one action's
 * input against the Code and the record's state, and builds the event; it
 * refuses bad input naming the field and the clause.  What lies outside
 * the record (the complaint it links to, whether a user exists) is looked
 * up by the caller (store/record.c) and handed in through struct reg_ctx.
 * No I/O, no clock.
 *
 * Items of a record (information requests, determinations, orders, ...)
 * are numbered 1, 2, ... in the order they were added; an action on an
 * item names it by "n".
 */
#ifndef REDRESS_CORE_REGISTER_H
#define REDRESS_CORE_REGISTER_H

#include <jansson.h>

#include "core/calendar.h"
#include "util/date.h"
#include "util/err.h"

enum reg_kind {
	REG_OMBUDSMAN,		/* ombudsman_case: OMB-YYYY-NNNNNN */
	REG_IMPROVEMENT,	/* improvement: IMP-NNNNNN */
	REG_EXCEPTIONAL,	/* exceptional: EXC-NNNNNN */
	REG_TRAINING,		/* training: TRN-NNNNNN */
	REG_QUALITY,		/* quality_review: QR-NNNNNN */
	REG_SURVEY,		/* survey: SV-NNNNNN */
	REG_OMBUDSMAN_REPORT,	/* ombudsman_report: OMR-NNNNNN */
	REG_NKINDS
};

/* What the decision needs from outside the record. */
struct reg_ctx {
	date_t today;
	const calendar *cal;		/* working days (policy's region) */
	const char *actor;		/* who acts ("system" at the console) */
	const json_t *complaint;	/* the complaint the input names, or NULL */
	const json_t *policy;
};

/* The stream kind ("ombudsman_case"), the reference prefix ("OMB") and
 * whether references carry the year (OMB-2026-000001). */
const char *reg_kind_name(enum reg_kind k);
const char *reg_prefix(enum reg_kind k);
int reg_yearly(enum reg_kind k);
/* 0 and the kind of stream kind "name"; -1 if it is no register. */
int reg_kind_of(const char *name, enum reg_kind *k);

/* The roles that may take "action" on a register of kind "k"
 * (NULL-terminated; the console may do anything). */
const char *const *reg_roles(enum reg_kind k, const char *action);

/*
 * Decides "action" ("new" creates; "state" is NULL then) with input "in"
 * on the record "reference".  On success "*payload" (new reference),
 * "*type" and "*effective" (the business date) describe the event.
 */
int reg_decide(enum reg_kind k, const json_t *state, const char *action,
	       const json_t *in, const char *reference, const struct reg_ctx *cx,
	       json_t **payload, const char **type, date_t *effective,
	       struct rd_err *e);

/* Folds one event of any register into its state. */
void reg_apply(json_t *state, const char *type, const json_t *payload);

/* ---- shared by the register modules ---- */

/* The date at "key" (today when absent), refused in the future or before
 * "floor" (DATE_NONE: no floor; "floor_what" names it). */
int reg_on_date(const json_t *in, const char *key, const char *clause,
		date_t today, date_t floor, const char *floor_what, date_t *out,
		struct rd_err *e);
/* 0 if "s" is one of the NULL-terminated "list"; else RD_EINVAL naming
 * "field" and listing the values. */
int reg_one_of(const char *s, const char *const *list, const char *field,
	       const char *clause, struct rd_err *e);
/* Item "n" (1, 2, ...) of "state"'s array "list", or NULL. */
const json_t *reg_item(const json_t *state, const char *list, long long n);
/* The "n" of the input, which must name an item of "list": RD_EINVAL or
 * RD_ENOTFOUND naming "n". */
int reg_need_item(const json_t *state, const char *list, const json_t *in,
		  const char *what, const json_t **item, long long *n,
		  struct rd_err *e);

/* The Housing Ombudsman's information requests and orders of the open
 * case "c" due by "by" and not yet answered or complied with, appended to
 * "out" as {"reference", "what", "due_on", "overdue"}. */
void reg_ombudsman_due(const json_t *c, date_t today, date_t by, json_t *out);

#endif
