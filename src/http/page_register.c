/*
 * page_register.c - the oversight registers in the staff workspace:
 * Ombudsman cases, learning and service improvements, exceptional
 * circumstances (Code 8.5), training records (4.3), quality reviews,
 * surveys and the Ombudsman's reports about the landlord (8.1 e, f).
 *
 *   /registers                          the registers this role may see
 *   /registers/{register}               one register's records
 *   /registers/{register}/new           the form that makes a record
 *   /registers/{register}/{ref}         a record: its items and history
 *   /registers/{register}/{ref}/{action}  the form of one action
 *
 * "{register}" is the API's resource name ("ombudsman-cases").  Each
 * register is one entry of the table "registers" below: its columns, its
 * items, and its actions, each a table of struct page_field posted as the
 * JSON input of the same rec_register() action the API takes.  Each
 * action names its API route, and has that route's roles; seeing a
 * register needs the roles of its ".get" route.
 */
#include "http/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/omreport.h"
#include "core/register.h"
#include "http/api.h"
#include "store/schedule.h"
#include "util/form.h"
#include "util/json.h"

#define N(f) (sizeof(f) / sizeof((f)[0]))

/* ---- how values are shown ------------------------------------------------ */

enum vfmt {
	V_TEXT,		/* as it is */
	V_WORDS,	/* "service_failure" as "service failure" */
	V_DATE,		/* "3 December 2026" */
	V_MONEY,	/* "£150.00" */
	V_YESNO,	/* true: "Yes", false: "No" */
	V_CASE,		/* a complaint's reference, linked */
	V_CASES,	/* a list of them */
	V_PERSON,	/* a person's id, linked */
	V_LINK,		/* a web address, linked */
	V_IMPS,		/* a list of improvements' references, linked */
	V_OMR_KIND	/* an Ombudsman report's kind in words */
};

struct reg_col {
	const char *key;	/* "due_on", "scores.tone" */
	const char *label;
	enum vfmt fmt;
};

/* A list of items of a record ("information_requests"), with the action
 * on an item that is offered while "open_key" is unset. */
struct reg_items {
	const char *list, *heading, *none;
	const struct reg_col *cols;
	size_t ncols;
	const char *action, *action_text, *open_key;
};

typedef int (*reg_run_fn)(struct rec *r, const char *kind, const char *ref,
			  const json_t *in, json_t **out, struct rd_err *e);

struct reg_act {
	const char *slug;	/* URL segment; "new" makes a record */
	const char *action;	/* rec_register()'s action */
	const char *route;	/* the API route whose roles it has */
	const char *title, *submit, *done;
	const struct page_field *fields;
	size_t n;
	const char *statuses;	/* offered on records in one of these
				 * (space-separated); NULL: any */
	const char *item;	/* acts on item ?n= of this list */
	const char *ints;	/* fields posted as whole numbers */
	reg_run_fn run;		/* instead of rec_register() (a whole
				 * register's action, "ref" NULL) */
};

struct reg_page {
	const char *path;	/* "ombudsman-cases", as in the API */
	const char *kind;	/* the stream kind: "ombudsman_case" */
	const char *collection;	/* the API's route names: "ombudsman_cases" */
	const char *title, *one, *intro;
	const struct reg_col *cols;	/* the list; the reference comes first */
	size_t ncols;
	const struct reg_col *show;	/* the record's summary */
	size_t nshow;
	const struct reg_items *items;
	size_t nitems;
	const struct reg_act *acts;
	size_t nacts;
	void (*derive)(struct rec *r, json_t *st);	/* adds shown values */
};

static const char *const optional_today = "Leave empty for today";

/* ---- Ombudsman cases (Code 4.1, 9.7) -------------------------------------- */

static const char *const findings[] = {
	"no_maladministration", "No maladministration", "service_failure", "Service failure",
	"maladministration", "Maladministration", "severe_maladministration", "Severe maladministration",
	"mediation", "Mediation", "reasonable_redress", "Reasonable redress",
	"outside_jurisdiction", "Outside jurisdiction", "withdrawn", "Withdrawn", NULL
};
static const char *const order_kinds[] = {
	"apology", "Apology", "compensation", "Compensation", "repairs", "Repairs",
	"policy_review", "Policy review", "staff_training", "Staff training",
	"action_plan", "Action plan", "meeting", "Meeting", "other", "Something else", NULL
};
static const char *const chfo_types[] = {
	"1", "Type 1", "2", "Type 2", "3", "Type 3: not complying with the Code", NULL
};

static const struct page_field f_omb_new[] = {
	{ "complaint", PF_TEXT, "Complaint", "The reference of the complaint the Ombudsman is considering, like CMP-2026-000123", NULL, PF_SMALL },
	{ "referred_on", PF_DATE, "Date referred", optional_today, NULL, PF_OPTIONAL },
	{ "ombudsman_reference", PF_TEXT, "The Ombudsman's reference", NULL, NULL, PF_OPTIONAL | PF_SMALL },
	{ "summary", PF_TEXTAREA, "Summary", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_omb_request[] = {
	{ "what", PF_TEXTAREA, "What the Ombudsman asked for", NULL, NULL, 0 },
	{ "requested_on", PF_DATE, "Date requested", optional_today, NULL, PF_OPTIONAL },
	{ "due_on", PF_DATE, "Due by", "Give the due date, or the working days allowed below (Code 4.1)", NULL, PF_OPTIONAL },
	{ "working_days", PF_INT, "Working days allowed", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_omb_answer[] = {
	{ "n", PF_HIDDEN, "", NULL, NULL, 0 },
	{ "summary", PF_TEXTAREA, "What we sent", NULL, NULL, 0 },
	{ "answered_on", PF_DATE, "Date sent", optional_today, NULL, PF_OPTIONAL },
};
static const struct page_field f_omb_determine[] = {
	{ "issue", PF_TEXT, "Issue", "One determination for each issue the Ombudsman decided", NULL, PF_WIDE },
	{ "finding", PF_RADIOS, "Finding", NULL, findings, 0 },
	{ "reasons", PF_TEXTAREA, "Reasons", NULL, NULL, PF_OPTIONAL },
	{ "determined_on", PF_DATE, "Date of the determination", optional_today, NULL, PF_OPTIONAL },
};
static const struct page_field f_omb_order[] = {
	{ "kind", PF_SELECT, "Kind of order", NULL, order_kinds, 0 },
	{ "description", PF_TEXTAREA, "What the Ombudsman ordered", NULL, NULL, 0 },
	{ "determination", PF_INT, "The determination it follows", "Its number, like 1: orders follow a finding of service failure or maladministration", NULL, PF_OPTIONAL },
	{ "amount", PF_MONEY, "Amount", "For compensation", NULL, PF_OPTIONAL },
	{ "made_on", PF_DATE, "Date made", optional_today, NULL, PF_OPTIONAL },
	{ "due_on", PF_DATE, "Comply by", NULL, NULL, 0 },
};
static const struct page_field f_omb_comply[] = {
	{ "n", PF_HIDDEN, "", NULL, NULL, 0 },
	{ "evidence", PF_TEXTAREA, "Evidence of compliance", "What was done, and what we sent the Ombudsman to show it (Code 9.7)", NULL, 0 },
	{ "complied_on", PF_DATE, "Date complied with", optional_today, NULL, PF_OPTIONAL },
};
static const struct page_field f_omb_failure[] = {
	{ "type", PF_RADIOS, "Type", "Types 1 and 2: the process is not accessible, consistent or timely", chfo_types, 0 },
	{ "ground", PF_TEXTAREA, "Ground", "For example: unreasonable delay in giving the Ombudsman information", NULL, 0 },
	{ "issued_on", PF_DATE, "Date issued", optional_today, NULL, PF_OPTIONAL },
	{ "due_on", PF_DATE, "Comply by", NULL, NULL, PF_OPTIONAL },
};
static const struct page_field f_omb_close[] = {
	{ "closed_on", PF_DATE, "Date closed", optional_today, NULL, PF_OPTIONAL },
};

static const struct reg_act omb_acts[] = {
	{ "new", "new", "ombudsman_cases.create", "Record a referral to the Ombudsman", "Record the referral",
	  "The referral has been recorded", f_omb_new, N(f_omb_new), NULL, NULL, NULL, NULL },
	{ "request", "request", "ombudsman_cases.information_requests.create", "Record an information request",
	  "Record the request", "The information request has been recorded", f_omb_request, N(f_omb_request),
	  "open determined", NULL, NULL, NULL },
	{ "answer", "answer", "ombudsman_cases.information_requests.answer", "Record our answer", "Record the answer",
	  "The answer has been recorded", f_omb_answer, N(f_omb_answer), "open determined",
	  "information_requests", NULL, NULL },
	{ "determine", "determine", "ombudsman_cases.determinations.create", "Record a determination",
	  "Record the determination", "The determination has been recorded", f_omb_determine,
	  N(f_omb_determine), "open determined", NULL, NULL, NULL },
	{ "order", "order", "ombudsman_cases.orders.create", "Record an order", "Record the order",
	  "The order has been recorded", f_omb_order, N(f_omb_order), "open determined", NULL, NULL, NULL },
	{ "comply", "comply", "ombudsman_cases.orders.compliance", "Record compliance with an order",
	  "Record compliance", "Compliance with the order has been recorded", f_omb_comply, N(f_omb_comply),
	  "open determined", "orders", NULL, NULL },
	{ "failure-order", "failure-order", "ombudsman_cases.failure_orders.create",
	  "Record a complaint handling failure order", "Record the order",
	  "The complaint handling failure order has been recorded", f_omb_failure, N(f_omb_failure),
	  "open determined", NULL, "type", NULL },
	{ "comply-failure-order", "comply-failure-order", "ombudsman_cases.failure_orders.compliance",
	  "Record compliance with a complaint handling failure order", "Record compliance",
	  "Compliance with the complaint handling failure order has been recorded", f_omb_comply,
	  N(f_omb_comply), "open determined", "failure_orders", NULL, NULL },
	{ "close", "close", "ombudsman_cases.close", "Close the Ombudsman case", "Close the case",
	  "The Ombudsman case has been closed", f_omb_close, N(f_omb_close), "determined", NULL, NULL, NULL },
};

static const struct reg_col omb_cols[] = {
	{ "reference", "Reference", V_TEXT },
	{ "complaint", "Complaint", V_CASE },
	{ "ombudsman_reference", "Ombudsman's reference", V_TEXT },
	{ "referred_on", "Referred", V_DATE },
	{ "next_due_on", "Next due", V_DATE },
	{ "status", "Status", V_WORDS },
};
static const struct reg_col omb_show[] = {
	{ "complaint", "Complaint", V_CASE },
	{ "ombudsman_reference", "Ombudsman's reference", V_TEXT },
	{ "referred_on", "Referred", V_DATE },
	{ "summary", "Summary", V_TEXT },
	{ "next_due_on", "Next due", V_DATE },
	{ "closed_on", "Closed", V_DATE },
};
static const struct reg_col omb_requests[] = {
	{ "n", "Number", V_TEXT },
	{ "what", "Request", V_TEXT },
	{ "requested_on", "Requested", V_DATE },
	{ "due_on", "Due", V_DATE },
	{ "answered_on", "Answered", V_DATE },
	{ "on_time", "On time", V_YESNO },
	{ "summary", "What we sent", V_TEXT },
};
static const struct reg_col omb_determinations[] = {
	{ "n", "Number", V_TEXT },
	{ "issue", "Issue", V_TEXT },
	{ "finding", "Finding", V_WORDS },
	{ "reasons", "Reasons", V_TEXT },
	{ "determined_on", "Determined", V_DATE },
};
static const struct reg_col omb_orders[] = {
	{ "n", "Number", V_TEXT },
	{ "kind", "Kind", V_WORDS },
	{ "description", "Order", V_TEXT },
	{ "amount", "Amount", V_MONEY },
	{ "determination", "Determination", V_TEXT },
	{ "due_on", "Due", V_DATE },
	{ "complied_on", "Complied with", V_DATE },
	{ "on_time", "On time", V_YESNO },
	{ "evidence", "Evidence", V_TEXT },
};
static const struct reg_col omb_failures[] = {
	{ "n", "Number", V_TEXT },
	{ "type", "Type", V_TEXT },
	{ "ground", "Ground", V_TEXT },
	{ "issued_on", "Issued", V_DATE },
	{ "due_on", "Due", V_DATE },
	{ "complied_on", "Complied with", V_DATE },
	{ "evidence", "Evidence", V_TEXT },
};
static const struct reg_items omb_items[] = {
	{ "information_requests", "Information requests", "No information requests.", omb_requests,
	  N(omb_requests), "answer", "Record our answer", "answered_on" },
	{ "determinations", "Determinations", "No determinations yet.", omb_determinations,
	  N(omb_determinations), NULL, NULL, NULL },
	{ "orders", "Orders", "No orders.", omb_orders, N(omb_orders), "comply", "Record compliance",
	  "complied_on" },
	{ "failure_orders", "Complaint handling failure orders", "No complaint handling failure orders.",
	  omb_failures, N(omb_failures), "comply-failure-order", "Record compliance", "complied_on" },
};

/* "next_due_on": the first date something is due to the Ombudsman. */
static void omb_next_due(struct rec *r, json_t *st)
{
	json_t *due = json_array(), *x;
	const char *first = NULL;
	size_t i;

	reg_ombudsman_due(st, r->today, r->today + 100000, due);
	json_array_foreach(due, i, x)
		if (!first || strcmp(js_str0(x, "due_on"), first) < 0)
			first = js_str(x, "due_on");
	if (first)
		json_object_set_new(st, "next_due_on", json_string(first));
	json_decref(due);
}

/* ---- learning and service improvements (Code 9.1, 9.3) ------------------- */

static const char *const imp_start[] = { "planned", "Planned", "in_progress", "In progress", NULL };
static const char *const imp_statuses[] = {
	"planned", "Planned", "in_progress", "In progress", "completed", "Completed",
	"cancelled", "Cancelled", NULL
};

static const struct page_field f_imp_new[] = {
	{ "title", PF_TEXT, "Title", NULL, NULL, PF_WIDE },
	{ "description", PF_TEXTAREA, "What will change", NULL, NULL, PF_OPTIONAL },
	{ "complaints", PF_LINES, "Complaints that prompted it", "One reference per line, like CMP-2026-000123 (Code 9.1)", NULL, 0 },
	{ "category", PF_SELECT, "Category", NULL, page_categories, PF_OPTIONAL },
	{ "owner", PF_TEXT, "Owner", "Who is responsible for it", NULL, 0 },
	{ "due_on", PF_DATE, "Due by", NULL, NULL, 0 },
	{ "status", PF_RADIOS, "Status", NULL, imp_start, PF_OPTIONAL },
	{ "recorded_on", PF_DATE, "Date recorded", optional_today, NULL, PF_OPTIONAL },
};
static const struct page_field f_imp_update[] = {
	{ "note", PF_TEXTAREA, "Update", NULL, NULL, 0 },
	{ "status", PF_RADIOS, "Status", "Leave unselected to keep it as it is", imp_statuses, PF_OPTIONAL },
	{ "outcome", PF_TEXTAREA, "Outcome", "When completing it: what changed, to report to residents, staff and the governing body (Code 9.3)", NULL, PF_OPTIONAL },
	{ "owner", PF_TEXT, "New owner", NULL, NULL, PF_OPTIONAL },
	{ "due_on", PF_DATE, "New due date", NULL, NULL, PF_OPTIONAL },
	{ "on", PF_DATE, "Date", optional_today, NULL, PF_OPTIONAL },
};
static const struct reg_act imp_acts[] = {
	{ "new", "new", "improvements.create", "Record an improvement", "Record the improvement",
	  "The improvement has been recorded", f_imp_new, N(f_imp_new), NULL, NULL, NULL, NULL },
	{ "update", "update", "improvements.updates.create", "Update the improvement", "Add the update",
	  "The update has been added", f_imp_update, N(f_imp_update), "planned in_progress", NULL, NULL, NULL },
};
static const struct reg_col imp_cols[] = {
	{ "reference", "Reference", V_TEXT },
	{ "title", "Title", V_TEXT },
	{ "owner", "Owner", V_TEXT },
	{ "due_on", "Due", V_DATE },
	{ "status", "Status", V_WORDS },
};
static const struct reg_col imp_show[] = {
	{ "title", "Title", V_TEXT },
	{ "description", "What will change", V_TEXT },
	{ "complaints", "Complaints", V_CASES },
	{ "category", "Category", V_WORDS },
	{ "owner", "Owner", V_TEXT },
	{ "recorded_on", "Recorded", V_DATE },
	{ "due_on", "Due", V_DATE },
	{ "finished_on", "Finished", V_DATE },
	{ "outcome", "Outcome", V_TEXT },
};
static const struct reg_col imp_updates[] = {
	{ "on", "Date", V_DATE },
	{ "note", "Update", V_TEXT },
	{ "status", "Status", V_WORDS },
	{ "owner", "Owner", V_TEXT },
	{ "due_on", "Due", V_DATE },
	{ "outcome", "Outcome", V_TEXT },
};
static const struct reg_items imp_items[] = {
	{ "updates", "Updates", "No updates yet.", imp_updates, N(imp_updates), NULL, NULL, NULL },
};

/* ---- exceptional circumstances (Code 8.5) --------------------------------- */

static const struct page_field f_exc_new[] = {
	{ "reason", PF_TEXT, "Reason", "What stops us meeting the Code, for example: a cyber attack", NULL, PF_WIDE },
	{ "description", PF_TEXTAREA, "Description", NULL, NULL, PF_OPTIONAL },
	{ "started_on", PF_DATE, "Began on", optional_today, NULL, PF_OPTIONAL },
	{ "expected_return_on", PF_DATE, "Expected return to the Code by", NULL, NULL, 0 },
	{ "ombudsman_informed_on", PF_DATE, "Date the Ombudsman was told", NULL, NULL, PF_OPTIONAL },
	{ "ombudsman_told", PF_TEXTAREA, "What the Ombudsman was told", NULL, NULL, PF_OPTIONAL },
	{ "residents_informed_on", PF_DATE, "Date residents were told", NULL, NULL, PF_OPTIONAL },
	{ "residents_told", PF_TEXTAREA, "What residents were told", NULL, NULL, PF_OPTIONAL },
	{ "published_on", PF_DATE, "Date published on our website", NULL, NULL, PF_OPTIONAL },
	{ "url", PF_TEXT, "Web address of the notice", NULL, NULL, PF_OPTIONAL | PF_WIDE },
};
static const struct page_field f_exc_update[] = {
	{ "reason", PF_TEXT, "Reason", NULL, NULL, PF_OPTIONAL | PF_WIDE },
	{ "description", PF_TEXTAREA, "Description", NULL, NULL, PF_OPTIONAL },
	{ "expected_return_on", PF_DATE, "Expected return to the Code by", NULL, NULL, PF_OPTIONAL },
	{ "ombudsman_informed_on", PF_DATE, "Date the Ombudsman was told", NULL, NULL, PF_OPTIONAL },
	{ "ombudsman_told", PF_TEXTAREA, "What the Ombudsman was told", NULL, NULL, PF_OPTIONAL },
	{ "residents_informed_on", PF_DATE, "Date residents were told", NULL, NULL, PF_OPTIONAL },
	{ "residents_told", PF_TEXTAREA, "What residents were told", NULL, NULL, PF_OPTIONAL },
	{ "published_on", PF_DATE, "Date published on our website", NULL, NULL, PF_OPTIONAL },
	{ "url", PF_TEXT, "Web address of the notice", NULL, NULL, PF_OPTIONAL | PF_WIDE },
};
static const struct page_field f_exc_end[] = {
	{ "returned_on", PF_DATE, "Date we met the Code again", optional_today, NULL, PF_OPTIONAL },
	{ "note", PF_TEXTAREA, "Note", NULL, NULL, PF_OPTIONAL },
};
static const struct reg_act exc_acts[] = {
	{ "new", "new", "exceptional_circumstances.create", "Record exceptional circumstances",
	  "Record them", "The exceptional circumstances have been recorded", f_exc_new, N(f_exc_new),
	  NULL, NULL, NULL, NULL },
	{ "update", "update", "exceptional_circumstances.update", "Update the exceptional circumstances",
	  "Save", "The exceptional circumstances have been updated", f_exc_update, N(f_exc_update),
	  "current", NULL, NULL, NULL },
	{ "end", "end", "exceptional_circumstances.end", "End the exceptional circumstances",
	  "End them", "The return to the Code has been recorded", f_exc_end, N(f_exc_end), "current",
	  NULL, NULL, NULL },
};
static const struct reg_col exc_cols[] = {
	{ "reference", "Reference", V_TEXT },
	{ "reason", "Reason", V_TEXT },
	{ "started_on", "Began", V_DATE },
	{ "expected_return_on", "Expected return", V_DATE },
	{ "returned_on", "Returned", V_DATE },
	{ "status", "Status", V_WORDS },
};
static const struct reg_col exc_show[] = {
	{ "reason", "Reason", V_TEXT },
	{ "description", "Description", V_TEXT },
	{ "started_on", "Began", V_DATE },
	{ "expected_return_on", "Expected return", V_DATE },
	{ "ombudsman_informed_on", "Ombudsman told on", V_DATE },
	{ "ombudsman_told", "Ombudsman told", V_TEXT },
	{ "residents_informed_on", "Residents told on", V_DATE },
	{ "residents_told", "Residents told", V_TEXT },
	{ "published_on", "Published", V_DATE },
	{ "url", "Notice", V_LINK },
	{ "returned_on", "Returned to the Code", V_DATE },
	{ "note", "Note", V_TEXT },
};

/* ---- training records (Code 4.3) ------------------------------------------ */

static const struct page_field f_trn_new[] = {
	{ "user", PF_SELECT, "Member of staff", NULL, NULL, 0 },
	{ "course", PF_TEXT, "Course", "For example: the Housing Ombudsman's Complaint Handling Code e-learning", NULL, PF_WIDE },
	{ "completed_on", PF_DATE, "Date completed", NULL, NULL, 0 },
	{ "provider", PF_TEXT, "Provider", NULL, NULL, PF_OPTIONAL },
	{ "expires_on", PF_DATE, "Refresh by", NULL, NULL, PF_OPTIONAL },
	{ "notes", PF_TEXTAREA, "Notes", NULL, NULL, PF_OPTIONAL },
};
static const struct reg_act trn_acts[] = {
	{ "new", "new", "training_records.create", "Record training", "Record it",
	  "The training has been recorded", f_trn_new, N(f_trn_new), NULL, NULL, NULL, NULL },
};
static const struct reg_col trn_cols[] = {
	{ "reference", "Reference", V_TEXT },
	{ "user", "Member of staff", V_TEXT },
	{ "course", "Course", V_TEXT },
	{ "completed_on", "Completed", V_DATE },
	{ "expires_on", "Refresh by", V_DATE },
};
static const struct reg_col trn_show[] = {
	{ "user", "Member of staff", V_TEXT },
	{ "course", "Course", V_TEXT },
	{ "provider", "Provider", V_TEXT },
	{ "completed_on", "Completed", V_DATE },
	{ "expires_on", "Refresh by", V_DATE },
	{ "notes", "Notes", V_TEXT },
};

/* ---- quality reviews (Code 6.7) ------------------------------------------- */

static const char *const stages[] = { "1", "Stage 1", "2", "Stage 2", NULL };

static const struct page_field f_qr_new[] = {
	{ "complaint", PF_TEXT, "Complaint", "Its reference, like CMP-2026-000123", NULL, PF_SMALL },
	{ "stage", PF_RADIOS, "Response to review", NULL, stages, 0 },
	{ "reviewer", PF_SELECT, "Reviewer", "Not the person who handled the response (Code 6.7)", NULL, 0 },
	{ "assigned_on", PF_DATE, "Date assigned", optional_today, NULL, PF_OPTIONAL },
};
static const struct page_field f_qr_sample[] = {
	{ "from", PF_DATE, "Responses issued from", NULL, NULL, 0 },
	{ "to", PF_DATE, "Responses issued to", NULL, NULL, 0 },
	{ "percent", PF_INT, "Percentage to sample", "Leave empty for our policy's", NULL, PF_OPTIONAL },
	{ "reviewers", PF_CHECKS, "Reviewers", "Each response goes to the next who did not handle it", NULL, 0 },
	{ "assigned_on", PF_DATE, "Date assigned", optional_today, NULL, PF_OPTIONAL },
};
#define SCORE_HINT "0, 1 or 2"
static const struct page_field f_qr_score[] = {
	{ "scores.points_answered", PF_INT, "Every point of the complaint answered", SCORE_HINT, NULL, 0 },
	{ "scores.required_elements", PF_INT, "Everything the Code requires in a response", SCORE_HINT, NULL, 0 },
	{ "scores.plain_language", PF_INT, "Plain language", SCORE_HINT, NULL, 0 },
	{ "scores.tone", PF_INT, "Tone", SCORE_HINT, NULL, 0 },
	{ "scores.remedy_proportionate", PF_INT, "Remedy proportionate", SCORE_HINT, NULL, 0 },
	{ "findings", PF_TEXTAREA, "Findings", NULL, NULL, 0 },
	{ "scored_on", PF_DATE, "Date reviewed", optional_today, NULL, PF_OPTIONAL },
};

static int run_sample(struct rec *r, const char *kind, const char *ref, const json_t *in,
		      json_t **out, struct rd_err *e)
{
	(void)kind;
	(void)ref;
	return sched_quality_sample(r, in, out, e);
}

static const struct reg_act qr_acts[] = {
	{ "new", "new", "quality_reviews.create", "Assign a quality review", "Assign it",
	  "The review has been assigned", f_qr_new, N(f_qr_new), NULL, NULL, "stage", NULL },
	{ "sample", "sample", "quality_reviews.sample", "Sample responses for review", "Assign the sample",
	  "The sample has been assigned", f_qr_sample, N(f_qr_sample), NULL, NULL, NULL, run_sample },
	{ "score", "score", "quality_reviews.score", "Score the response", "Record the scores",
	  "The scores have been recorded", f_qr_score, N(f_qr_score), "assigned", NULL, NULL, NULL },
};
static const struct reg_col qr_cols[] = {
	{ "reference", "Reference", V_TEXT },
	{ "complaint", "Complaint", V_CASE },
	{ "stage", "Stage", V_TEXT },
	{ "reviewer", "Reviewer", V_TEXT },
	{ "assigned_on", "Assigned", V_DATE },
	{ "percent", "Score (%)", V_TEXT },
	{ "status", "Status", V_WORDS },
};
static const struct reg_col qr_show[] = {
	{ "complaint", "Complaint", V_CASE },
	{ "stage", "Stage", V_TEXT },
	{ "handler", "Handled by", V_TEXT },
	{ "responded_on", "Response issued", V_DATE },
	{ "reviewer", "Reviewer", V_TEXT },
	{ "assigned_on", "Assigned", V_DATE },
	{ "scores.points_answered", "Every point answered", V_TEXT },
	{ "scores.required_elements", "What the Code requires", V_TEXT },
	{ "scores.plain_language", "Plain language", V_TEXT },
	{ "scores.tone", "Tone", V_TEXT },
	{ "scores.remedy_proportionate", "Remedy proportionate", V_TEXT },
	{ "score", "Score", V_TEXT },
	{ "percent", "Score (%)", V_TEXT },
	{ "findings", "Findings", V_TEXT },
	{ "scored_on", "Reviewed", V_DATE },
};

/* ---- surveys (Code 1.6) ---------------------------------------------------- */

#define ANSWER_HINT "From 1 (very poor) to 5 (very good); leave empty if not answered"
static const struct page_field f_sv_send[] = {
	{ "method", PF_TEXT, "How it was sent", "For example: email", NULL, PF_OPTIONAL },
	{ "sent_on", PF_DATE, "Date sent", optional_today, NULL, PF_OPTIONAL },
};
static const struct page_field f_sv_answer[] = {
	{ "answers.ease_of_complaining", PF_INT, "How easy it was to complain", ANSWER_HINT, NULL, PF_OPTIONAL },
	{ "answers.kept_informed", PF_INT, "How well we kept them informed", ANSWER_HINT, NULL, PF_OPTIONAL },
	{ "answers.treated_fairly", PF_INT, "How fairly they were treated", ANSWER_HINT, NULL, PF_OPTIONAL },
	{ "answers.outcome", PF_INT, "The outcome", ANSWER_HINT, NULL, PF_OPTIONAL },
	{ "answers.overall", PF_INT, "Overall", ANSWER_HINT, NULL, PF_OPTIONAL },
	{ "comments", PF_TEXTAREA, "Comments", NULL, NULL, PF_OPTIONAL },
	{ "answered_on", PF_DATE, "Date answered", optional_today, NULL, PF_OPTIONAL },
};
static const struct page_field f_sv_decline[] = {
	{ "reason", PF_TEXTAREA, "Reason", NULL, NULL, PF_OPTIONAL },
	{ "on", PF_DATE, "Date", optional_today, NULL, PF_OPTIONAL },
};

static int run_schedule(struct rec *r, const char *kind, const char *ref, const json_t *in,
			json_t **out, struct rd_err *e)
{
	(void)kind;
	(void)ref;
	(void)in;
	return sched_surveys(r, out, e);
}

static const struct reg_act sv_acts[] = {
	{ "schedule", "schedule", "surveys.schedule", "Schedule the surveys that are due",
	  "Schedule them", "The surveys due have been scheduled", NULL, 0, NULL, NULL, NULL, run_schedule },
	{ "send", "send", "surveys.sent", "Record that the survey was sent", "Record it",
	  "The survey has been recorded as sent", f_sv_send, N(f_sv_send), "due", NULL, NULL, NULL },
	{ "answer", "answer", "surveys.answers", "Record the answers", "Record them",
	  "The answers have been recorded", f_sv_answer, N(f_sv_answer), "due sent", NULL, NULL, NULL },
	{ "decline", "decline", "surveys.declined", "Record that they declined", "Record it",
	  "The survey has been recorded as declined", f_sv_decline, N(f_sv_decline), "due sent", NULL,
	  NULL, NULL },
};
static const struct reg_col sv_cols[] = {
	{ "reference", "Reference", V_TEXT },
	{ "complaint", "Complaint", V_CASE },
	{ "closed_on", "Complaint closed", V_DATE },
	{ "due_on", "Due", V_DATE },
	{ "status", "Status", V_WORDS },
};
static const struct reg_col sv_show[] = {
	{ "complaint", "Complaint", V_CASE },
	{ "person_id", "Person", V_PERSON },
	{ "closed_on", "Complaint closed", V_DATE },
	{ "due_on", "Due", V_DATE },
	{ "sent_on", "Sent", V_DATE },
	{ "method", "Sent by", V_TEXT },
	{ "answered_on", "Answered", V_DATE },
	{ "answers.ease_of_complaining", "Ease of complaining", V_TEXT },
	{ "answers.kept_informed", "Kept informed", V_TEXT },
	{ "answers.treated_fairly", "Treated fairly", V_TEXT },
	{ "answers.outcome", "Outcome", V_TEXT },
	{ "answers.overall", "Overall", V_TEXT },
	{ "comments", "Comments", V_TEXT },
	{ "declined_on", "Declined", V_DATE },
	{ "reason", "Reason", V_TEXT },
};

/* ---- the Ombudsman's reports about the landlord (Code 8.1 e, f) ----------- */

static const struct page_field f_omr_new[] = {
	{ "kind", PF_RADIOS, "Kind of report", NULL, omr_kind_labels, 0 },
	{ "title", PF_TEXT, "Title", "As the Ombudsman published it", NULL, PF_WIDE },
	{ "published_on", PF_DATE, "Date published", NULL, NULL, 0 },
	{ "received_on", PF_DATE, "Date received", "If the Ombudsman shared it with us before it was published", NULL, PF_OPTIONAL },
	{ "year", PF_INT, "Financial year it covers", "For an annual landlord performance report only: its first year, like 2025 for 2025/26", NULL, PF_OPTIONAL | PF_SMALL },
	{ "summary", PF_TEXTAREA, "Summary", "What the report says about us", NULL, 0 },
	{ "url", PF_TEXT, "Web address", "Where the Ombudsman published it, starting https://", NULL, PF_OPTIONAL | PF_WIDE },
	{ "landlord_response", PF_TEXTAREA, "Our response", "What we said or did about it, for the annual report (Code 8.1)", NULL, PF_OPTIONAL },
	{ "responded_on", PF_DATE, "Date of our response", "Leave empty for today, if there is a response", NULL, PF_OPTIONAL },
	{ "complaints", PF_LINES, "Complaints it names", "One reference per line, like CMP-2026-000123", NULL, PF_OPTIONAL },
	{ "improvements", PF_LINES, "Improvements it led to", "One reference per line, like IMP-000012", NULL, PF_OPTIONAL },
};
static const struct page_field f_omr_update[] = {
	{ "landlord_response", PF_TEXTAREA, "Our response", "What we said or did about the report; it replaces the response shown", NULL, PF_OPTIONAL },
	{ "note", PF_TEXTAREA, "Note", NULL, NULL, PF_OPTIONAL },
	{ "url", PF_TEXT, "Web address", "Starting https://", NULL, PF_OPTIONAL | PF_WIDE },
	{ "complaints", PF_LINES, "Complaints to link", "One reference per line; they are added to those already linked", NULL, PF_OPTIONAL },
	{ "improvements", PF_LINES, "Improvements to link", "One reference per line; they are added to those already linked", NULL, PF_OPTIONAL },
	{ "on", PF_DATE, "Date", optional_today, NULL, PF_OPTIONAL },
};
static const struct page_field f_omr_withdraw[] = {
	{ "reason", PF_TEXTAREA, "Reason", "Withdraw a record made in error, for example twice or about another landlord: it stays in the register but leaves the annual report", NULL, 0 },
	{ "on", PF_DATE, "Date", optional_today, NULL, PF_OPTIONAL },
};
static const struct reg_act omr_acts[] = {
	{ "new", "new", "ombudsman_reports.create", "Record a report of the Ombudsman", "Record the report",
	  "The report has been recorded", f_omr_new, N(f_omr_new), NULL, NULL, NULL, NULL },
	{ "update", "update", "ombudsman_reports.updates.create", "Record our response or an update",
	  "Add the update", "The update has been added", f_omr_update, N(f_omr_update),
	  "received responded", NULL, NULL, NULL },
	{ "withdraw", "withdraw", "ombudsman_reports.withdraw", "Withdraw the record", "Withdraw it",
	  "The record has been withdrawn", f_omr_withdraw, N(f_omr_withdraw), "received responded",
	  NULL, NULL, NULL },
};
static const struct reg_col omr_cols[] = {
	{ "reference", "Reference", V_TEXT },
	{ "kind", "Kind", V_OMR_KIND },
	{ "title", "Title", V_TEXT },
	{ "published_on", "Published", V_DATE },
	{ "covers", "Year covered", V_TEXT },
	{ "status", "Status", V_WORDS },
};
static const struct reg_col omr_show[] = {
	{ "kind", "Kind", V_OMR_KIND },
	{ "title", "Title", V_TEXT },
	{ "covers", "Year covered", V_TEXT },
	{ "published_on", "Published", V_DATE },
	{ "received_on", "Received", V_DATE },
	{ "summary", "Summary", V_TEXT },
	{ "url", "Web address", V_LINK },
	{ "complaints", "Complaints", V_CASES },
	{ "improvements", "Improvements", V_IMPS },
	{ "landlord_response", "Our response", V_TEXT },
	{ "responded_on", "Responded", V_DATE },
	{ "recorded_by", "Recorded by", V_TEXT },
	{ "withdrawn_on", "Withdrawn", V_DATE },
	{ "withdrawn_reason", "Reason withdrawn", V_TEXT },
};
static const struct reg_col omr_updates[] = {
	{ "on", "Date", V_DATE },
	{ "landlord_response", "Our response", V_TEXT },
	{ "note", "Note", V_TEXT },
	{ "url", "Web address", V_LINK },
	{ "complaints", "Complaints", V_CASES },
	{ "improvements", "Improvements", V_IMPS },
	{ "by", "By", V_TEXT },
};
static const struct reg_items omr_items[] = {
	{ "updates", "Updates", "No updates yet.", omr_updates, N(omr_updates), NULL, NULL, NULL },
};

/* ---- the registers ------------------------------------------------------- */

static const struct reg_page registers[] = {
	{ "ombudsman-cases", "ombudsman_case", "ombudsman_cases", "Ombudsman cases", "Ombudsman case",
	  "Complaints the Housing Ombudsman is considering: its requests for information, its "
	  "determinations and orders, and our compliance with them (Code 4.1, 9.7).",
	  omb_cols, N(omb_cols), omb_show, N(omb_show), omb_items, N(omb_items), omb_acts, N(omb_acts),
	  omb_next_due },
	{ "improvements", "improvement", "improvements", "Improvements", "Improvement",
	  "What we are changing because of complaints, and what changed (Code 9.1, 9.3).",
	  imp_cols, N(imp_cols), imp_show, N(imp_show), imp_items, N(imp_items), imp_acts, N(imp_acts),
	  NULL },
	{ "exceptional-circumstances", "exceptional", "exceptional_circumstances",
	  "Exceptional circumstances", "Exceptional circumstances",
	  "Times we could not meet the Code, and who we told (Code 8.5).",
	  exc_cols, N(exc_cols), exc_show, N(exc_show), NULL, 0, exc_acts, N(exc_acts), NULL },
	{ "training-records", "training", "training_records", "Training records", "Training record",
	  "Complaint handling training of our staff (Code 4.3).",
	  trn_cols, N(trn_cols), trn_show, N(trn_show), NULL, 0, trn_acts, N(trn_acts), NULL },
	{ "quality-reviews", "quality_review", "quality_reviews", "Quality reviews", "Quality review",
	  "Responses reviewed by someone other than their handler (Code 6.7).",
	  qr_cols, N(qr_cols), qr_show, N(qr_show), NULL, 0, qr_acts, N(qr_acts), NULL },
	{ "surveys", "survey", "surveys", "Surveys", "Survey",
	  "Surveys of residents about how we handled their complaint (Code 1.6).",
	  sv_cols, N(sv_cols), sv_show, N(sv_show), NULL, 0, sv_acts, N(sv_acts), NULL },
	{ "ombudsman-reports", "ombudsman_report", "ombudsman_reports", "Ombudsman reports",
	  "Ombudsman report",
	  "The Housing Ombudsman's reports about us: its annual landlord performance reports, "
	  "special and spotlight reports naming us, and our response to each, for the annual "
	  "report (Code 8.1 e, f).",
	  omr_cols, N(omr_cols), omr_show, N(omr_show), omr_items, N(omr_items), omr_acts, N(omr_acts),
	  NULL },
};

/* ---- roles ----------------------------------------------------------------- */

/* The roles of the route named "<collection><suffix>" (0 if none). */
static int route_roles(const char *collection, const char *suffix)
{
	char name[128];

	snprintf(name, sizeof(name), "%s%s", collection, suffix);
	for (const struct route *rt = http_routes; rt->method; rt++)
		if (rt->name && !strcmp(rt->name, name))
			return rt->roles;
	return 0;
}

int page_may(const struct req *q, const char *route)
{
	return (route_roles(route, "") & http_role_bit(q->role)) != 0;
}

static int may_see(const struct req *q, const struct reg_page *g)
{
	return (route_roles(g->collection, ".get") & http_role_bit(q->role)) != 0;
}

static int may_do(const struct req *q, const struct reg_act *a)
{
	return page_may(q, a->route);
}

static int not_allowed(struct req *q, struct rec *r)
{
	char text[200];

	snprintf(text, sizeof(text), "The %s role may not see this page or send this form.", q->role);
	return page_message(q, r, 403, "You cannot see this page", text);
}

static int not_found(struct req *q, struct rec *r)
{
	return page_message(q, r, 404, "Page not found", "There is no such page.");
}

static const struct reg_page *find_register(const char *path)
{
	for (size_t i = 0; i < N(registers); i++)
		if (!strcmp(registers[i].path, path))
			return &registers[i];
	return NULL;
}

static const struct reg_act *find_act(const struct reg_page *g, const char *slug)
{
	for (size_t i = 0; i < g->nacts; i++)
		if (!strcmp(g->acts[i].slug, slug))
			return &g->acts[i];
	return NULL;
}

/* A whole register's action: "new", or one with its own run. */
static int whole(const struct reg_act *a)
{
	return !strcmp(a->action, "new") || a->run;
}

static int valid_ref(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < 40 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

/* 1 if "word" is one of the space-separated "list". */
static int among(const char *list, const char *word)
{
	size_t n = strlen(word);

	while (list && *list) {
		size_t k = strcspn(list, " ");

		if (k == n && n && !strncmp(list, word, n))
			return 1;
		list += k;
		list += strspn(list, " ");
	}
	return 0;
}

/* ---- values ---------------------------------------------------------------- */

/* The value at dotted path "key" ("scores.tone"). */
static const json_t *at(const json_t *o, const char *key)
{
	char seg[64];

	while (o) {
		size_t n = strcspn(key, ".");

		if (!key[n])
			return json_object_get(o, key);
		if (n >= sizeof(seg))
			return NULL;
		memcpy(seg, key, n);
		seg[n] = '\0';
		o = json_object_get(o, seg);
		key += n + 1;
	}
	return NULL;
}

static json_t *href_to(const char *text, const char *fmt, const char *id)
{
	char href[200];

	snprintf(href, sizeof(href), fmt, id);
	return json_pack("{s:s, s:s}", "text", text, "href", href);
}

/* A cell: {"text", "links": [{"text", "href"}]}; "text" is "" when the
 * value is absent. */
static json_t *cell(const json_t *st, const struct reg_col *c)
{
	const json_t *v = at(st, c->key);
	json_t *links = json_array(), *x;
	char text[64] = "";
	const char *s = text;
	size_t i;

	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_integer(v))
		snprintf(text, sizeof(text), "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(text, sizeof(text), "%g", json_real_value(v));
	switch (c->fmt) {
	case V_TEXT:
		break;
	case V_WORDS: {
		char *w = xstrdup(s);

		for (char *p = w; *p; p++)
			if (*p == '_')
				*p = ' ';
		if (*w >= 'a' && *w <= 'z')
			*w = (char)(*w - 'a' + 'A');
		x = json_pack("{s:s, s:o}", "text", w, "links", links);
		free(w);
		return x;
	}
	case V_DATE:
		s = page_date(json_string_value(v), text);
		break;
	case V_MONEY:
		if (json_is_number(v))
			snprintf(text, sizeof(text), "\xc2\xa3%.2f", json_number_value(v));
		s = text;
		break;
	case V_YESNO:
		s = json_is_true(v) ? "Yes" : json_is_false(v) ? "No" : "";
		break;
	case V_CASE:
		if (json_is_string(v))
			json_array_append_new(links, href_to(s, "/cases/%s", s));
		s = "";
		break;
	case V_PERSON:
		if (json_is_string(v))
			json_array_append_new(links, href_to(s, "/people/%s", s));
		s = "";
		break;
	case V_LINK:
		if (json_is_string(v) && (!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7))) {
			json_array_append_new(links, json_pack("{s:s, s:s}", "text", s, "href", s));
			s = "";
		}
		break;
	case V_OMR_KIND:
		s = json_is_string(v) ? omr_kind_label(s) : "";
		break;
	case V_IMPS:
		json_array_foreach(v, i, x)
			if (json_is_string(x))
				json_array_append_new(links, href_to(json_string_value(x),
								  "/registers/improvements/%s",
								  json_string_value(x)));
		s = "";
		break;
	case V_CASES:
		json_array_foreach(v, i, x)
			if (json_is_string(x))
				json_array_append_new(links, href_to(json_string_value(x), "/cases/%s",
								  json_string_value(x)));
		s = "";
		break;
	}
	return json_pack("{s:s, s:o}", "text", s, "links", links);
}

static int empty_cell(const json_t *c)
{
	return !*js_str0(c, "text") && !json_array_size(json_object_get(c, "links"));
}

static json_t *headers(const struct reg_col *cols, size_t n)
{
	json_t *h = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(h, json_string(cols[i].label));
	return h;
}

/* ---- /registers ------------------------------------------------------------ */

static int count(const char *stream, const char *state, void *ctx)
{
	(void)stream;
	(void)state;
	(*(int *)ctx)++;
	return 0;
}

int page_registers(struct req *q, struct rec *r)
{
	json_t *list = json_array();
	int status;

	if ((status = api_only_query(q, (const char *const[]){ NULL }))) {
		json_decref(list);
		return status;
	}
	for (size_t i = 0; i < N(registers); i++) {
		const struct reg_page *g = &registers[i];
		int n = 0;

		if (!may_see(q, g))
			continue;
		r->st->ops->states(r->st, g->kind, count, &n, NULL);
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:i}", "path", g->path,
						      "title", g->title, "intro", g->intro, "count", n));
	}
	return page_show(q, r, 200, "Registers", "registers", json_pack("{s:o}", "registers", list));
}

/* ---- one register ------------------------------------------------------------ */

/* Records shown on one page of a register's list. */
#define PER_PAGE 50

struct list_ctx {
	struct rec *r;
	const struct reg_page *g;
	json_t *rows;
	long seen, from, to;	/* the rows from..to-1 of the oldest-first scan */
};

static int add_row(const char *stream, const char *state, void *ctx)
{
	struct list_ctx *l = ctx;
	json_t *st, *cells;
	long at = l->seen++;

	(void)stream;
	if (at < l->from || at >= l->to || !(st = json_loads(state, 0, NULL)))
		return 0;
	if (l->g->derive)
		l->g->derive(l->r, st);
	cells = json_array();
	for (size_t i = 1; i < l->g->ncols; i++)
		json_array_append_new(cells, cell(st, &l->g->cols[i]));
	/* oldest first here; page_register_list turns the list round */
	json_array_append_new(l->rows, json_pack("{s:s, s:o}", "reference", js_str0(st, "reference"),
						 "cells", cells));
	json_decref(st);
	return 0;
}

int page_register_list(struct req *q, struct rec *r)
{
	const struct reg_page *g = find_register(q->params[0]);
	struct list_ctx l;
	json_t *acts;
	long page;
	int status, total = 0;

	if (!g)
		return not_found(q, r);
	if (!may_see(q, g))
		return not_allowed(q, r);
	if ((status = api_only_query(q, (const char *const[]){ "done", "page", NULL })) ||
	    (status = api_query_int(q, "page", 1, 1000000, 1, &page)))
		return status;
	/* newest first, PER_PAGE a page: page 1 is the last PER_PAGE rows of
	 * the scan, which gives the oldest first */
	r->st->ops->states(r->st, g->kind, count, &total, NULL);
	memset(&l, 0, sizeof(l));
	l.r = r;
	l.g = g;
	l.to = total - (page - 1) * PER_PAGE;
	l.from = l.to - PER_PAGE;
	if (page > 1 && l.to <= 0)
		return page_message(q, r, 404, "Page not found", "The register has fewer pages.");
	l.rows = json_array();
	if (l.to > 0)
		r->st->ops->states(r->st, g->kind, add_row, &l, NULL);
	/* newest first: reversed in place (inserting each row at the front
	 * would move every row before it, for a register of many thousands) */
	for (size_t i = 0, n = json_array_size(l.rows); i < n / 2; i++) {
		json_t *a = json_incref(json_array_get(l.rows, i));

		json_array_set(l.rows, i, json_array_get(l.rows, n - 1 - i));
		json_array_set_new(l.rows, n - 1 - i, a);
	}
	acts = json_array();
	for (size_t i = 0; i < g->nacts; i++)
		if (whole(&g->acts[i]) && may_do(q, &g->acts[i]))
			json_array_append_new(acts, json_pack("{s:s, s:s, s:b}", "href", g->acts[i].slug,
				"text", g->acts[i].title, "secondary", i > 0));
	{
		const struct reg_act *d = http_query(q, "done") ? find_act(g, http_query(q, "done")) : NULL;

		return page_show(q, r, 200, g->title, "register_list",
				 json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:s?, s:b, s:b, s:I, s:I,"
					   " s:I, s:i}", "path", g->path,
					   "intro", g->intro, "first", g->cols[0].label,
					   "headers", headers(g->cols + 1, g->ncols - 1), "rows", l.rows,
					   "actions", acts, "any", json_array_size(l.rows) > 0,
					   "done", d ? d->done : NULL,
					   "has_prev", page > 1, "has_next", l.from > 0,
					   "prev", (json_int_t)(page - 1), "next", (json_int_t)(page + 1),
					   "total", (json_int_t)total, "pages",
					   (int)((total + PER_PAGE - 1) / PER_PAGE)));
	}
}

/* ---- one record -------------------------------------------------------------- */

static int add_event(const struct store_event *ev, void *ctx)
{
	static const char *const keys[] = {
		"what", "summary", "issue", "description", "note", "reason", "evidence", "ground",
		"findings", "course", "title", "comments", "landlord_response", NULL
	};
	json_t *p = json_loads(ev->payload, 0, NULL);
	const char *detail = NULL, *dot = strchr(ev->type, '.');
	char what[80], when[32];

	for (size_t i = 0; keys[i] && !detail; i++)
		detail = js_str(p, keys[i]);
	snprintf(what, sizeof(what), "%s", dot ? dot + 1 : ev->type);
	for (size_t i = 0; what[i]; i++)
		if (what[i] == '_')
			what[i] = ' ';
	if (what[0] >= 'a' && what[0] <= 'z')
		what[0] = (char)(what[0] - 'a' + 'A');
	json_array_insert_new(ctx, 0, json_pack("{s:s, s:s, s:s, s:s?}", "what", what,
		"on", page_date(ev->effective_on, when), "actor", ev->actor, "detail", detail));
	json_decref(p);
	return 0;
}

static json_t *load(struct rec *r, const struct reg_page *g, const char *ref)
{
	char stream[96];
	json_t *st;

	if (!valid_ref(ref))
		return NULL;
	snprintf(stream, sizeof(stream), "%s:%s", g->kind, ref);
	return rec_load(r, stream, &st, NULL) ? NULL : st;
}

static int offered(const struct req *q, const struct reg_act *a, const json_t *st)
{
	return may_do(q, a) && (!a->statuses || among(a->statuses, js_str0(st, "status")));
}

static int show_record(struct req *q, struct rec *r, const struct reg_page *g, json_t *st)
{
	const char *ref = js_str0(st, "reference"), *done = http_query(q, "done");
	const struct reg_act *d = done ? find_act(g, done) : NULL;
	json_t *rows = json_array(), *sections = json_array(), *acts = json_array(), *events = json_array();
	char stream[96];
	int status;

	if (g->derive)
		g->derive(r, st);
	for (size_t i = 0; i < g->nshow; i++) {
		json_t *c = cell(st, &g->show[i]);

		if (empty_cell(c))
			json_decref(c);
		else
			json_array_append_new(rows, json_pack("{s:s, s:o}", "label", g->show[i].label,
							      "cell", c));
	}
	for (size_t k = 0; k < g->nitems; k++) {
		const struct reg_items *it = &g->items[k];
		const struct reg_act *a = it->action ? find_act(g, it->action) : NULL;
		int act = a && offered(q, a, st);
		json_t *items = json_array(), *x;
		size_t i;

		json_array_foreach(json_object_get(st, it->list), i, x) {
			json_t *cells = json_array(), *row;
			char href[200];

			for (size_t c = 0; c < it->ncols; c++)
				json_array_append_new(cells, cell(x, &it->cols[c]));
			row = json_pack("{s:o}", "cells", cells);
			if (act && !js_str(x, it->open_key)) {
				snprintf(href, sizeof(href), "/registers/%s/%s/%s?n=%zu", g->path, ref, a->slug,
					 i + 1);
				json_object_set_new(row, "action", json_pack("{s:s, s:s, s:I}", "href", href,
					"text", it->action_text, "n", (json_int_t)i + 1));
			}
			json_array_append_new(items, row);
		}
		json_array_append_new(sections, json_pack("{s:s, s:s, s:o, s:b, s:b, s:o}",
			"heading", it->heading, "none", it->none, "headers", headers(it->cols, it->ncols),
			"action_column", act, "any", json_array_size(items) > 0, "rows", items));
	}
	for (size_t i = 0; i < g->nacts; i++) {
		const struct reg_act *a = &g->acts[i];

		if (!whole(a) && !a->item && offered(q, a, st))
			json_array_append_new(acts, json_pack("{s:s, s:s}", "slug", a->slug, "text", a->title));
	}
	snprintf(stream, sizeof(stream), "%s:%s", g->kind, ref);
	r->st->ops->events(r->st, stream, add_event, events, NULL);
	status = page_show(q, r, 200, ref, "register",
			   json_pack("{s:s, s:s, s:s, s:s, s:s?, s:o, s:o, s:o, s:b, s:o, s:s?}",
				     "path", g->path, "register", g->title, "one", g->one, "reference", ref,
				     "status", js_str(st, "status"), "rows", rows, "sections", sections,
				     "actions", acts, "any_actions", json_array_size(acts) > 0,
				     "events", events, "done", d ? d->done : NULL));
	json_decref(st);
	return status;
}

/* ---- forms --------------------------------------------------------------------- */

/* The fields of "a", with the options that come from data. */
static struct page_field *fields_of(struct rec *r, const struct reg_act *a)
{
	struct page_field *f = xcalloc(a->n ? a->n : 1, sizeof(*f));

	for (size_t i = 0; i < a->n; i++) {
		f[i] = a->fields[i];
		if ((f[i].type == PF_SELECT || f[i].type == PF_CHECKS) && !f[i].options)
			f[i].options = page_handler_options(r);
	}
	return f;
}

/* A short description of item "n" of the record for the form's intro. */
static json_t *item_intro(const json_t *st, const struct reg_act *a, long long n)
{
	static const char *const keys[] = { "what", "description", "ground", NULL };
	const json_t *it = reg_item(st, a->item, n);
	const char *s = NULL;
	char text[600];

	for (size_t i = 0; it && keys[i] && !s; i++)
		s = js_str(it, keys[i]);
	snprintf(text, sizeof(text), "Number %lld%s%.500s", n, s ? ": " : "", s ? s : "");
	return json_pack("[s]", text);
}

static int form_page(struct req *q, struct rec *r, int status, const struct reg_page *g,
		     const struct reg_act *a, const char *ref, json_t *intro, const json_t *values,
		     const struct rd_err *err)
{
	struct page_field *f = fields_of(r, a);
	struct buf fb = BUF_INIT, sb = BUF_INIT;
	char action[200], back[160];
	json_t *data;

	if (whole(a)) {
		snprintf(back, sizeof(back), "/registers/%s", g->path);
		snprintf(action, sizeof(action), "/registers/%s/%s", g->path, a->slug);
	} else {
		snprintf(back, sizeof(back), "/registers/%s/%s", g->path, ref);
		snprintf(action, sizeof(action), "/registers/%s/%s/%s", g->path, ref, a->slug);
	}
	page_error_summary(&sb, f, a->n, err);
	page_fields_html(&fb, f, a->n, values, err);
	data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o?}", "action", action,
			 "submit", a->submit, "fields", fb.s ? fb.s : "", "summary", sb.s ? sb.s : "",
			 "cancel", back, "back", back, "caption", ref ? ref : g->title,
			 "error", err != NULL, "intro", intro);
	buf_free(&fb);
	buf_free(&sb);
	free(f);
	return page_show(q, r, status, a->title, "form", data);
}

static int status_of(const struct rd_err *e)
{
	return e->kind == RD_ESTATE || e->kind == RD_ECONFLICT ? 409 : e->kind == RD_EDENIED ? 403
	       : e->kind == RD_ENOTFOUND ? 404 : e->kind == RD_EIO ? 500 : 422;
}

/* Fields posted as text that the action takes as whole numbers. */
static void to_ints(json_t *in, const char *names)
{
	const char *key;
	json_t *v;

	json_object_foreach(in, key, v) {
		const char *s = json_string_value(v);
		size_t n = s ? strlen(s) : 0;

		if (among(names, key) && n > 0 && n < 10 && strspn(s, "0123456789") == n)
			json_object_set_new(in, key, json_integer(atoll(s)));
	}
}

/* ?n= of an item action: 0 if it is not a number. */
static long long item_n(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n < 8 && strspn(s, "0123456789") == n ? atoll(s) : 0;
}

/* GET draws the form of "a" (on record "st", NULL for a whole register's
 * action); POST runs it. */
static int act(struct req *q, struct rec *r, const struct reg_page *g, const struct reg_act *a,
	       json_t *st)
{
	const char *ref = st ? js_str0(st, "reference") : NULL;
	json_t *form, *in, *out = NULL, *intro = NULL;
	struct rd_err e;
	int status;

	if (!may_do(q, a)) {
		json_decref(st);
		return not_allowed(q, r);
	}
	if (strcmp(q->method, "POST")) {
		json_t *v = json_object();

		if (a->item) {
			long long n = item_n(http_query(q, "n"));

			if (!n || !reg_item(st, a->item, n)) {
				json_decref(v);
				json_decref(st);
				return not_found(q, r);
			}
			json_object_set_new(v, "n", json_string(http_query(q, "n")));
			intro = item_intro(st, a, n);
		}
		/* a link may fill in a field: ?complaint=CMP-... */
		for (size_t i = 0; i < a->n; i++)
			if (a->fields[i].type != PF_DATE && a->fields[i].type != PF_HIDDEN &&
			    http_query(q, a->fields[i].name))
				json_object_set_new(v, a->fields[i].name,
						    json_string(http_query(q, a->fields[i].name)));
		status = form_page(q, r, 200, g, a, ref, intro, v, NULL);
		json_decref(v);
		json_decref(st);
		return status;
	}
	if ((status = page_form(q, r, &form))) {
		json_decref(st);
		return status;
	}
	err_clear(&e);
	in = page_fields_json(a->fields, a->n, form, &e);
	if (in) {
		to_ints(in, a->ints);
		if (a->item) {
			long long n = item_n(js_str(in, "n"));

			json_object_set_new(in, "n", json_integer(n ? n : -1));
			intro = item_intro(st, a, n);
		}
		status = a->run ? a->run(r, g->kind, ref, in, &out, &e)
				: rec_register(r, g->kind, ref, a->action, in, &out, &e);
		if (!status) {
			json_decref(in);
			json_decref(form);
			json_decref(intro);
			if (!strcmp(a->action, "new"))
				status = page_see_other(q, "/registers/%s/%s?done=new", g->path,
							js_str0(out, "reference"));
			else if (!ref)
				status = page_see_other(q, "/registers/%s?done=%s", g->path, a->slug);
			else
				status = page_see_other(q, "/registers/%s/%s?done=%s", g->path, ref, a->slug);
			json_decref(out);
			json_decref(st);
			return status;
		}
	}
	status = form_page(q, r, in ? status_of(&e) : 422, g, a, ref, intro, form, &e);
	json_decref(in);
	json_decref(form);
	json_decref(st);
	return status;
}

int page_register_record(struct req *q, struct rec *r)
{
	const struct reg_page *g = find_register(q->params[0]);
	const struct reg_act *a;
	json_t *st;

	if (!g)
		return not_found(q, r);
	if (!may_see(q, g))
		return not_allowed(q, r);
	/* /registers/{register}/new and the other whole-register actions */
	a = find_act(g, q->params[1]);
	if (a && whole(a))
		return act(q, r, g, a, NULL);
	if (!(st = load(r, g, q->params[1])))
		return page_message(q, r, 404, "Page not found", "There is no record with that reference.");
	if (!strcmp(q->method, "POST")) {
		json_decref(st);
		return not_found(q, r);
	}
	return show_record(q, r, g, st);
}

int page_register_action(struct req *q, struct rec *r)
{
	const struct reg_page *g = find_register(q->params[0]);
	const struct reg_act *a;
	json_t *st;

	if (!g)
		return not_found(q, r);
	if (!may_see(q, g))
		return not_allowed(q, r);
	a = find_act(g, q->params[2]);
	if (!a || whole(a))
		return not_found(q, r);
	if (!(st = load(r, g, q->params[1])))
		return page_message(q, r, 404, "Page not found", "There is no record with that reference.");
	return act(q, r, g, a, st);
}
