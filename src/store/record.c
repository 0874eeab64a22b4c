/*
 * record.c - every change, through one transaction path.
 */
#include "store/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/aggregate.h"
#include "core/complaint.h"
#include "core/person.h"
#include "core/policy.h"
#include "core/printq.h"
#include "core/provision.h"
#include "core/register.h"
#include "core/sreq.h"
#include "core/triage.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json.h"

#define POLICY_STREAM "policy:landlord"
#define CALENDAR_STREAM "calendar:landlord"

static json_t *parse(const char *text, struct rd_err *e)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);

	if (!j)
		err_set(e, RD_EIO, "", NULL, "a stored record is not valid JSON: %s", je.text);
	return j;
}

int rec_load(struct rec *r, const char *stream, json_t **state,
	     struct rd_err *e)
{
	char *text;

	*state = NULL;
	if (r->st->ops->state_get(r->st, stream, &text, e))
		return -1;
	*state = parse(text, e);
	free(text);
	return *state ? 0 : -1;
}

static json_t *load_or_initial(struct rec *r, const char *stream,
			       const char *kind, struct rd_err *e)
{
	json_t *st;
	struct rd_err tmp;

	if (rec_load(r, stream, &st, &tmp) == 0)
		return st;
	if (tmp.kind != RD_ENOTFOUND) {
		if (e)
			*e = tmp;
		return NULL;
	}
	return agg_initial(kind);
}

calendar *rec_calendar(struct rec *r, enum cal_region region)
{
	return agg_calendar_build(r->calstate, region);
}

int rec_reload(struct rec *r, struct rd_err *e)
{
	enum cal_region region;

	json_decref(r->policy);
	json_decref(r->calstate);
	cal_free(r->cal);
	r->cal = NULL;
	r->calstate = NULL;
	r->policy = load_or_initial(r, POLICY_STREAM, "policy", e);
	if (!r->policy)
		return -1;
	r->calstate = load_or_initial(r, CALENDAR_STREAM, "calendar", e);
	if (!r->calstate)
		return -1;
	if (cal_region_parse(js_str0(r->policy, "region"), &region, NULL))
		region = CAL_ENGLAND_WALES;
	r->cal = rec_calendar(r, region);
	if (!r->cal)
		return err_set(e, RD_EIO, "", NULL, "out of memory building the calendar");
	return 0;
}

int rec_open(struct rec *r, const char *where, int create, struct rd_err *e)
{
	memset(r, 0, sizeof(*r));
	r->st = store_open(where, create, e);
	if (!r->st)
		return -1;
	r->where = xstrdup(where ? where : "");
	snprintf(r->actor, sizeof(r->actor), "system");
	snprintf(r->role, sizeof(r->role), "system");
	r->today = clock_today();
	if (rec_reload(r, e)) {
		rec_close(r);
		return -1;
	}
	return 0;
}

void rec_close(struct rec *r)
{
	if (r->reader) {
		rec_reader_close(r);
		return;
	}
	json_decref(r->policy);
	json_decref(r->calstate);
	cal_free(r->cal);
	store_close(r->st);
	free(r->where);
	memset(r, 0, sizeof(*r));
}

static int add_state(const char *stream, const char *state, void *ctx)
{
	json_t *st = json_loads(state, 0, NULL);

	(void)stream;
	if (st)
		json_array_append_new(ctx, st);
	return 0;
}

json_t *rec_states(struct rec *r, const char *kind, struct rd_err *e)
{
	json_t *all = json_array();

	if (r->st->ops->states(r->st, kind, add_state, all, e) < 0) {
		json_decref(all);
		return NULL;
	}
	return all;
}

int rec_reader_open(struct rec *r, struct rec *reader, struct rd_err *e)
{
	memset(reader, 0, sizeof(*reader));
	if (!r->where || !*r->where || strstr(r->where, ":memory:"))
		return err_set(e, RD_EINVAL, "db", NULL, "an in-memory database has one connection");
	*reader = *r;
	reader->batch = 0;
	reader->reader = 1;
	reader->where = NULL;
	reader->st = store_open(r->where, 0, e);
	if (!reader->st) {
		memset(reader, 0, sizeof(*reader));
		return -1;
	}
	return 0;
}

void rec_reader_close(struct rec *reader)
{
	store_close(reader->st);
	memset(reader, 0, sizeof(*reader));
}

int rec_as(struct rec *r, const char *name, struct rd_err *e)
{
	char stream[128];
	json_t *u;

	snprintf(stream, sizeof(stream), "user:%s", name);
	if (rec_load(r, stream, &u, e))
		return err_set(e, RD_ENOTFOUND, "as", NULL, "no user called \"%s\"", name);
	snprintf(r->actor, sizeof(r->actor), "%s", name);
	snprintf(r->role, sizeof(r->role), "%s", js_str0(u, "role"));
	json_decref(u);
	return 0;
}

/* ---- who may do what ------------------------------------------------- */

static const char *const staff_roles[] = {
	"handler", "complaints_officer", "senior_lead", NULL
};
static const char *const admin_roles[] = { "admin", NULL };

/*
 * The acting user's role must be one of "roles".  "system" (the console,
 * with the database file in hand) may do anything.
 */
static int allow(struct rec *r, const char *const *roles, const char *what,
		 struct rd_err *e)
{
	char list[160] = "";
	size_t used = 0;

	if (!strcmp(r->role, "system"))
		return 0;
	for (int i = 0; roles[i]; i++) {
		if (!strcmp(roles[i], r->role))
			return 0;
		used += (size_t)snprintf(list + used, used < sizeof(list) ? sizeof(list) - used : 0,
					 "%s%s", i ? ", " : "", roles[i]);
	}
	return err_set(e, RD_EDENIED, "as", NULL, "the %s role may not %s (only: %s)",
		       r->role, what, list);
}

/*
 * A resident using the web portal (role "resident") may make a complaint,
 * ask for the next stage, and give their contact preferences and the
 * adjustments they need, and nothing else.
 */
static int resident_may(const struct rec *r, const char *action)
{
	static const char *const acts[] = { "new", "escalate", "preferences", "adjust", NULL };

	if (strcmp(r->role, "resident"))
		return 0;
	for (int i = 0; acts[i]; i++)
		if (!strcmp(acts[i], action))
			return 1;
	return 0;
}

int rec_allow_staff(struct rec *r, const char *what, struct rd_err *e)
{
	return allow(r, staff_roles, what, e);
}

/* ---- transactions --------------------------------------------------- */

/* Inside a batch each action is a savepoint, so a refused action leaves
 * nothing behind there either. */
static int begin(struct rec *r, struct rd_err *e)
{
	return r->batch ? r->st->ops->savepoint(r->st, 0, e) : store_begin(r->st, e);
}

static int finish(struct rec *r, int rc, struct rd_err *e)
{
	if (r->batch) {
		if (r->st->ops->savepoint(r->st, rc ? 2 : 1, rc ? NULL : e))
			return -1;
		return rc;
	}
	if (rc) {
		store_rollback(r->st);
		return rc;
	}
	return store_commit(r->st, e);
}

int rec_batch_begin(struct rec *r, struct rd_err *e)
{
	if (r->batch) {
		if (r->st->ops->savepoint(r->st, 0, e))
			return -1;
		r->batch++;
		return 0;
	}
	if (store_begin(r->st, e))
		return -1;
	r->batch = 1;
	return 0;
}

int rec_batch_commit(struct rec *r, struct rd_err *e)
{
	if (r->batch > 1) {
		r->batch--;
		return r->st->ops->savepoint(r->st, 1, e);
	}
	r->batch = 0;
	return store_commit(r->st, e);
}

void rec_batch_rollback(struct rec *r)
{
	if (r->batch > 1) {
		r->batch--;
		r->st->ops->savepoint(r->st, 2, NULL);
		return;
	}
	r->batch = 0;
	store_rollback(r->st);
}

int rec_txn_begin(struct rec *r, struct rd_err *e)
{
	return begin(r, e);
}

int rec_txn_end(struct rec *r, int rc, struct rd_err *e)
{
	return finish(r, rc, e);
}

/*
 * Appends the event, folds it into "state" and saves the projection.
 * Inside a transaction.
 */
static int record(struct rec *r, const char *stream, const char *type,
		  date_t effective, const json_t *payload, json_t *state,
		  struct rd_err *e)
{
	struct store_event ev;
	char stamp[CLOCK_STAMPLEN], eff[DATE_STRLEN], kind[32];
	char *text, *statetext;
	int rc;

	agg_kind(stream, kind, sizeof(kind));
	text = js_dump(payload);
	memset(&ev, 0, sizeof(ev));
	ev.stream = stream;
	ev.type = type;
	ev.actor = r->actor;
	ev.recorded_at = clock_stamp(stamp);
	ev.effective_on = date_format(effective == DATE_NONE ? r->today : effective, eff);
	ev.payload = text;
	rc = store_append(r->st, &ev, e);
	if (!rc) {
		agg_apply(kind, state, type, payload);
		statetext = js_dump(state);
		rc = r->st->ops->state_put(r->st, stream, kind, ev.seq, ev.hash,
					   statetext, e);
		free(statetext);
	}
	free(text);
	return rc;
}

int rec_append(struct rec *r, const char *stream, const char *type,
	       const json_t *payload, json_t *state, struct rd_err *e)
{
	return record(r, stream, type, r->today, payload, state, e);
}

int rec_allow(struct rec *r, const char *const *roles, const char *what,
	      struct rd_err *e)
{
	return allow(r, roles, what, e);
}

/* ---- what the board pack and the self-assessment count --------------- */

static int same_name(const char *a, const char *b)
{
	return a && b && *a && *b && !strcasecmp(a, b);
}

/* 1 if the stage's acknowledgement recorded the definition and the
 * responsibility aspects (5.6, 5.7); -1 if it was not acknowledged. */
static int defined(const json_t *sj)
{
	static const char *const keys[] = {
		"summary", "outcomes_sought", "responsible", "not_responsible", NULL
	};
	const json_t *d = json_object_get(sj, "definition");

	if (!sj || js_date(sj, "acknowledged_on") == DATE_NONE)
		return -1;
	for (int i = 0; keys[i]; i++)
		if (!*js_str0(d, keys[i]))
			return 0;
	return 1;
}

static void count_points(const json_t *sj, int out[3])
{
	static const char *const outcomes[] = { "upheld", "partly_upheld", "not_upheld" };
	size_t i;
	json_t *d;

	json_array_foreach(json_object_get(sj, "decisions"), i, d)
		for (int k = 0; k < 3; k++)
			if (!strcmp(js_str0(d, "outcome"), outcomes[k]))
				out[k]++;
}

struct facts {
	struct store_fact *f;
	size_t n, cap;
};

static struct store_fact *next_fact(struct facts *fs, const char *kind, int n, int stage)
{
	struct store_fact *x;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 8;
		fs->f = xrealloc(fs->f, fs->cap * sizeof(*fs->f));
	}
	x = &fs->f[fs->n++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->n = n;
	x->stage = stage;
	return x;
}

/* Remedies and outstanding actions count with the response of their
 * stage (the day they were offered or promised to the resident). */
static void item_facts(const json_t *st, const char *list, const char *kind, struct facts *fs)
{
	size_t i;
	json_t *it;

	json_array_foreach(json_object_get(st, list), i, it) {
		int stage = (int)js_int(it, "stage", 1);
		struct store_fact *x = next_fact(fs, kind, (int)i + 1, stage);
		const json_t *amount = json_object_get(it, "amount");

		x->on = js_str(cmp_stage(st, stage), "responded_on");
		x->code = js_str(it, "type");
		x->amount = json_is_number(amount) ? json_number_value(amount) : 0;
		x->due_on = js_str(it, "due_on");
		x->completed_on = js_str(it, "completed_on");
	}
}

static void refusal_fact(const json_t *ref, int n, int stage, struct facts *fs)
{
	struct store_fact *x;

	if (!json_is_object(ref))
		return;
	x = next_fact(fs, "refusal", n, stage);
	x->on = js_str(ref, "refused_on");
	x->code = js_str(ref, "reason");
	x->flag = *js_str0(ref, "explanation") != '\0';
}

/*
 * The report columns and facts of a complaint (migration 005), from its
 * state.  A backend without these operations keeps none.
 */
static int index_report(struct rec *r, const json_t *st, struct rd_err *e)
{
	const struct store_ops *ops = r->st->ops;
	const json_t *stages = json_object_get(st, "stages"), *subj = json_object_get(st, "subject");
	const json_t *s1 = cmp_stage(st, 1), *s2 = cmp_stage(st, 2), *sj, *x;
	const char *status = js_str0(st, "status");
	struct store_complaint_report row;
	struct facts fs = { NULL, 0, 0 };
	size_t i, j;
	int rc, k = 0;

	if (!ops->complaint_report_put || !ops->facts_put)
		return 0;
	memset(&row, 0, sizeof(row));
	row.reference = js_str0(st, "reference");
	row.estate = js_str(st, "estate");
	row.building = js_str(st, "building");
	row.closed_on = !strcmp(status, "closed") ? js_str(st, "closed_on") : NULL;
	row.withdrawn_on = !strcmp(status, "withdrawn") ? js_str(st, "withdrawn_on") : NULL;
	{
		date_t ack = js_date(s2, "acknowledged_on"), by = js_date(s2, "acknowledge_by");

		row.s2_ack_within = ack == DATE_NONE || by == DATE_NONE ? -1 : ack <= by;
	}
	count_points(s1, row.s1_points);
	count_points(s2, row.s2_points);
	row.remedies = (int)json_array_size(json_object_get(st, "remedies"));
	row.s1_defined = defined(s1);
	row.s2_defined = defined(s2);
	row.s2_other_handler = js_date(s2, "acknowledged_on") == DATE_NONE ? -1
		: !same_name(js_str(s1, "handler"), js_str(s2, "handler"));
	row.about_staff = js_str(subj, "user") || !strcmp(js_str0(subj, "kind"), "staff");
	json_array_foreach(stages, i, sj)
		if (same_name(js_str(sj, "handler"), js_str(subj, "user")) ||
		    same_name(js_str(sj, "handler"), js_str(subj, "name")))
			row.handler_is_subject = 1;
	if (ops->complaint_report_put(r->st, &row, e))
		return -1;

	json_array_foreach(stages, i, sj) {
		json_array_foreach(json_object_get(sj, "extensions"), j, x) {
			struct store_fact *fx = next_fact(&fs, "extension", ++k, (int)i + 1);

			fx->on = js_str(x, "resident_informed_on");
			fx->code = js_str(x, "reason");
			fx->detail = js_str(x, "good_reason");
			fx->days = (int)js_int(x, "working_days", 0);
			fx->flag = js_true(x, "beyond_code");
		}
	}
	/* A refused escalation belongs to the stage that was asked for. */
	refusal_fact(json_object_get(st, "refusal"), 1, 1, &fs);
	refusal_fact(json_object_get(st, "escalation_refusal"), 2,
		     js_int(st, "stage", 2) > 2 ? (int)js_int(st, "stage", 2) : 2, &fs);
	item_facts(st, "remedies", "remedy", &fs);
	item_facts(st, "actions", "action", &fs);
	for (i = 0; i < fs.n; i++)
		fs.f[i].category = js_str(st, "category");
	rc = ops->facts_put(r->st, row.reference, fs.f, fs.n, e);
	free(fs.f);
	return rc;
}

/* The actions that change nothing the period reports count. */
static int moves_report(const char *action)
{
	static const char *const quiet[] = {
		"note", "correspondence", "link", "add-issue", "agree-updates", NULL
	};

	for (int i = 0; quiet[i]; i++)
		if (!strcmp(quiet[i], action))
			return 0;
	return 1;
}

/* Keeps the complaints index in step with a complaint's state. */
int rec_index_complaint(struct rec *r, const json_t *st, struct rd_err *e)
{
	struct store_complaint_row row;
	const json_t *sj = cmp_stage(st, (int)js_int(st, "stage", 1));
	const char *status = js_str0(st, "status");
	const char *due = NULL;

	if (!strcmp(status, "received") || !strcmp(status, "stage2_requested") ||
	    !strcmp(status, "stage3_requested"))
		due = js_str(sj, "acknowledge_by");
	else if (!strcmp(status, "stage1") || !strcmp(status, "stage2") ||
		 !strcmp(status, "stage3"))
		due = js_str(sj, "respond_by");
	memset(&row, 0, sizeof(row));
	row.reference = js_str0(st, "reference");
	row.status = status;
	row.stage = (int)js_int(st, "stage", 1);
	row.code_version = (int)js_int(st, "code_version", 2024);
	row.received_on = js_str0(st, "received_on");
	row.category = js_str0(st, "category");
	row.channel = js_str0(st, "channel");
	row.handler = js_str(st, "handler");
	row.person_id = js_str(json_object_get(st, "complainant"), "person_id");
	row.due_on = due;
	row.open = cmp_is_open(st);
	{
		const json_t *s1 = cmp_stage(st, 1), *s2 = cmp_stage(st, 2);
		date_t ack = js_date(s1, "acknowledged_on"), by = js_date(s1, "acknowledge_by");

		row.tenure = js_str(st, "tenure");
		row.refused = json_object_get(st, "refusal") && !strcmp(status, "not_accepted");
		row.s1_acknowledged_on = js_str(s1, "acknowledged_on");
		row.s1_ack_within = ack == DATE_NONE || by == DATE_NONE ? -1 : ack <= by;
		row.s1_responded_on = js_str(s1, "responded_on");
		row.s1_within = cmp_within_code(st, 1, r->cal, 1);
		row.s1_within_no_ext = cmp_within_code(st, 1, r->cal, 0);
		row.s2_requested_on = js_str(s2, "requested_on");
		row.s2_acknowledged_on = js_str(s2, "acknowledged_on");
		row.s2_responded_on = js_str(s2, "responded_on");
		row.s2_within = s2 ? cmp_within_code(st, 2, r->cal, 1) : -1;
		row.s2_within_no_ext = s2 ? cmp_within_code(st, 2, r->cal, 0) : -1;
		row.extended = js_int(s1, "extended_days", 0) > 0 || js_int(s2, "extended_days", 0) > 0;
		row.extended_beyond_code = js_true(s1, "extended_beyond_code") ||
					   js_true(s2, "extended_beyond_code");
	}
	if (r->st->ops->complaint_put(r->st, &row, e))
		return -1;
	return index_report(r, st, e);
}

/* The actions that can change a listed column (status, stage, handler,
 * due date); the others leave the index as it was. */
static int moves_index(const char *action)
{
	static const char *const quiet[] = {
		"note", "correspondence", "link", "action", "remedy",
		"complete-action", "complete-remedy", "add-issue",
		"agree-updates", NULL
	};

	for (int i = 0; quiet[i]; i++)
		if (!strcmp(quiet[i], action))
			return 0;
	return 1;
}

static int next_ref(struct rec *r, const char *prefix, int year, char *out,
		    size_t n, struct rd_err *e)
{
	char counter[32];
	int64_t v;

	if (year)
		snprintf(counter, sizeof(counter), "%s-%04d", prefix, year);
	else
		snprintf(counter, sizeof(counter), "%s", prefix);
	if (r->st->ops->next_number(r->st, counter, &v, e))
		return -1;
	if (snprintf(out, n, "%s-%06lld", counter, (long long)v) >= (int)n)
		return err_set(e, RD_EIO, "", NULL, "reference %s-%lld is too long", counter, (long long)v);
	return 0;
}

/* ---- users ---------------------------------------------------------- */

static int no_user(const char *stream, const char *state, void *ctx)
{
	(void)stream;
	(void)state;
	*(int *)ctx = 1;
	return 1;
}

/* A handler must be a member of staff who handles complaints (once any
 * users exist). */
static int check_handler(struct rec *r, const char *name, struct rd_err *e)
{
	char stream[128];
	json_t *u;
	int any = 0;
	const char *role;

	if (!name)
		return 0;
	if (r->st->ops->states(r->st, "user", no_user, &any, e) < 0)
		return -1;
	if (!any)
		return 0;
	snprintf(stream, sizeof(stream), "user:%s", name);
	if (rec_load(r, stream, &u, NULL))
		return err_set(e, RD_EINVAL, "handler", NULL,
			       "no user called \"%s\" to handle the complaint", name);
	role = js_str0(u, "role");
	if (!strcmp(role, "board")) {
		json_decref(u);
		return err_set(e, RD_EINVAL, "handler", NULL,
			       "%s has the board role (read-only) and cannot handle complaints",
			       name);
	}
	json_decref(u);
	return 0;
}

int rec_user_add(struct rec *r, const json_t *in, struct rd_err *e)
{
	char stream[128];
	json_t *st = NULL, *payload = NULL;
	int rc;

	snprintf(stream, sizeof(stream), "user:%s", js_str0(in, "name"));
	if (allow(r, admin_roles, "add users", e) || begin(r, e))
		return -1;
	rec_load(r, stream, &st, NULL);
	rc = agg_user_decide(st, in, &payload, e);
	if (!rc) {
		json_decref(st);
		st = json_object();
		rc = record(r, stream, "user.added", r->today, payload, st, e);
	}
	json_decref(st);
	json_decref(payload);
	return finish(r, rc, e);
}

/* ---- people --------------------------------------------------------- */

static int new_person(struct rec *r, const json_t *in, char *id, size_t n,
		      struct rd_err *e)
{
	char stream[64];
	json_t *payload = NULL, *st;
	const char *type;
	date_t eff;
	int rc;

	if (next_ref(r, "P", 0, id, n, e))
		return -1;
	if (person_decide(NULL, "new", in, id, r->today, &payload, &type, &eff, e))
		return -1;
	snprintf(stream, sizeof(stream), "person:%s", id);
	st = json_object();
	rc = record(r, stream, type, eff, payload, st, e);
	json_decref(st);
	json_decref(payload);
	return rc;
}

int rec_index_person(struct rec *r, const json_t *state, struct rd_err *e)
{
	static const char *const lists[] = { "adjustments", "restrictions", "disclosures", NULL };
	const char *dates[64];
	size_t n = 0, i;
	json_t *x;

	for (int k = 0; lists[k]; k++)
		json_array_foreach(json_object_get(state, lists[k]), i, x)
			if (js_str(x, "review_on") && n < sizeof(dates) / sizeof(dates[0]))
				dates[n++] = js_str(x, "review_on");
	return r->st->ops->reviews_put(r->st, js_str0(state, "id"), dates, n, e);
}

int rec_person(struct rec *r, const char *id, const char *action,
	       const json_t *in, json_t **out, struct rd_err *e)
{
	char stream[64], newid[32];
	json_t *st = NULL, *payload = NULL;
	const char *type;
	date_t eff;
	int rc;

	if (out)
		*out = NULL;
	if ((!resident_may(r, action) && allow(r, staff_roles, "record people's details", e)) ||
	    begin(r, e))
		return -1;
	if (!strcmp(action, "new")) {
		rc = new_person(r, in, newid, sizeof(newid), e);
		if (!rc && out) {
			snprintf(stream, sizeof(stream), "person:%s", newid);
			rc = rec_load(r, stream, out, e);
		}
		return finish(r, rc, e);
	}
	snprintf(stream, sizeof(stream), "person:%s", id);
	if (rec_load(r, stream, &st, NULL)) {
		rc = err_set(e, RD_ENOTFOUND, "person", NULL, "no person %s", id);
		goto out;
	}
	rc = person_decide(st, action, in, id, r->today, &payload, &type, &eff, e);
	if (!rc)
		rc = record(r, stream, type, eff, payload, st, e);
	if (!rc)
		rc = rec_index_person(r, st, e);
	if (!rc && out)
		*out = json_incref(st);
out:
	json_decref(st);
	json_decref(payload);
	return finish(r, rc, e);
}

int rec_person_sensitive(struct rec *r, const char *id, const char *purpose,
			 json_t **out, struct rd_err *e)
{
	char stream[64];
	json_t *st = NULL, *payload;
	int rc;

	*out = NULL;
	if (!purpose || strspn(purpose, " \t\r\n") == strlen(purpose))
		return err_set(e, RD_EINVAL, "purpose", "5.10",
			       "say why you need to see disclosed disabilities and vulnerabilities");
	if (allow(r, (const char *const[]){ "handler", "complaints_officer", NULL },
		  "see special category data", e))
		return -1;
	if (begin(r, e))
		return -1;
	snprintf(stream, sizeof(stream), "person:%s", id);
	if (rec_load(r, stream, &st, NULL)) {
		rc = err_set(e, RD_ENOTFOUND, "person", NULL, "no person %s", id);
		return finish(r, rc, e);
	}
	payload = json_pack("{s:s, s:s}", "purpose", purpose, "role", r->role);
	rc = record(r, stream, "person.special_category_read", r->today, payload, st, e);
	json_decref(payload);
	if (!rc)
		*out = json_incref(st);
	json_decref(st);
	return finish(r, rc, e);
}

/* ---- complaints ----------------------------------------------------- */

/* The complainant's person record: the one named, or a new one. */
static int complainant_person(struct rec *r, json_t *in, struct rd_err *e)
{
	json_t *cp = json_object_get(in, "complainant"), *pin, *p;
	const char *pid = js_str(cp, "person_id");
	char id[32], stream[64];
	static const char *const copy[] = { "name", "email", "phone", "address", NULL };

	if (!json_is_object(cp))
		return 0;	/* cmp_decide reports it */
	if (pid) {
		snprintf(stream, sizeof(stream), "person:%s", pid);
		if (rec_load(r, stream, &p, NULL))
			return err_set(e, RD_EINVAL, "complainant.person_id", NULL,
				       "no person %s", pid);
		for (int i = 0; copy[i]; i++)
			if (!json_object_get(cp, copy[i]) && json_object_get(p, copy[i]))
				json_object_set(cp, copy[i], json_object_get(p, copy[i]));
		json_decref(p);
		return 0;
	}
	if (!js_str(cp, "name") || (!js_str(cp, "email") && !js_str(cp, "phone") &&
				    !js_str(cp, "address")))
		return 0;	/* cmp_decide reports it */
	pin = json_object();
	for (int i = 0; copy[i]; i++)
		if (js_str(cp, copy[i]))
			json_object_set(pin, copy[i], json_object_get(cp, copy[i]));
	if (new_person(r, pin, id, sizeof(id), e)) {
		json_decref(pin);
		return err_in(e, "complainant");
	}
	json_decref(pin);
	json_object_set_new(cp, "person_id", json_string(id));
	return 0;
}

int rec_complaint(struct rec *r, const char *ref, const char *action,
		  const json_t *in, json_t **out, struct rd_err *e)
{
	char stream[64], newref[32];
	json_t *st = NULL, *payload = NULL, *input = NULL;
	struct cmp_ctx ctx;
	const char *type;
	date_t eff;
	int rc = -1;

	if (out)
		*out = NULL;
	if (!json_is_object(in))
		return err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
	if ((!resident_may(r, action) && allow(r, staff_roles, "act on complaints", e)) ||
	    begin(r, e))
		return -1;
	input = json_deep_copy(in);
	memset(&ctx, 0, sizeof(ctx));
	ctx.cal = r->cal;
	ctx.policy = r->policy;
	ctx.today = r->today;
	ctx.actor = r->actor;
	ctx.role = r->role;
	if (!strcmp(action, "new")) {
		date_t recv = js_date(input, "received_on");
		int y, m, d;

		date_to_ymd(recv == DATE_NONE ? r->today : recv, &y, &m, &d);
		if (next_ref(r, "CMP", y, newref, sizeof(newref), e))
			goto out;
		ctx.reference = newref;
		if (complainant_person(r, input, e))
			goto out;
		if (js_str(input, "linked_to")) {
			json_t *other;

			snprintf(stream, sizeof(stream), "complaint:%s", js_str(input, "linked_to"));
			if (rec_load(r, stream, &other, NULL)) {
				rc = err_set(e, RD_EINVAL, "linked_to", NULL,
					     "no complaint %s to link to", js_str(input, "linked_to"));
				goto out;
			}
			json_decref(other);
		}
		snprintf(stream, sizeof(stream), "complaint:%s", newref);
		st = json_object();
	} else {
		snprintf(stream, sizeof(stream), "complaint:%s", ref ? ref : "");
		if (rec_load(r, stream, &st, NULL)) {
			rc = err_set(e, RD_ENOTFOUND, "reference", NULL,
				     "no complaint %s", ref ? ref : "(none given)");
			goto out;
		}
		if ((!strcmp(action, "acknowledge") || !strcmp(action, "assign")) &&
		    check_handler(r, js_str(input, "handler"), e))
			goto out;
		if (!strcmp(action, "link") && js_str(input, "to")) {
			const char *to = js_str(input, "to");
			char other[64];
			json_t *x;

			snprintf(other, sizeof(other), "%s:%s",
				 !strncmp(to, "SR-", 3) ? "service_request" : "complaint", to);
			if (rec_load(r, other, &x, NULL)) {
				rc = err_set(e, RD_EINVAL, "to", NULL, "no complaint or service request %s", to);
				goto out;
			}
			json_decref(x);
		}
	}
	rc = cmp_decide(!strcmp(action, "new") ? NULL : st, action, input, &ctx,
			&payload, &type, &eff, e);
	if (!rc)
		rc = record(r, stream, type, eff, payload, st, e);
	if (!rc && moves_index(action))
		rc = rec_index_complaint(r, st, e);
	else if (!rc && moves_report(action))
		rc = index_report(r, st, e);
	if (!rc && out)
		*out = json_incref(st);
out:
	json_decref(st);
	json_decref(payload);
	json_decref(input);
	return finish(r, rc, e);
}

/* ---- service requests and feedback ---------------------------------- */

int rec_service_request(struct rec *r, const char *ref, const char *action,
			const json_t *in, json_t **out, struct rd_err *e)
{
	char stream[64], newref[32];
	json_t *st = NULL, *payload = NULL;
	const char *type;
	date_t eff;
	int rc = -1, y, m, d;

	if (out)
		*out = NULL;
	if (allow(r, staff_roles, "record service requests", e) || begin(r, e))
		return -1;
	if (!strcmp(action, "new")) {
		const char *pid = js_str(in, "person_id");

		if (pid) {
			json_t *p;

			snprintf(stream, sizeof(stream), "person:%s", pid);
			if (rec_load(r, stream, &p, NULL)) {
				rc = err_set(e, RD_EINVAL, "person_id", NULL, "no person %s", pid);
				goto out;
			}
			json_decref(p);
		}
		date_to_ymd(js_date(in, "received_on") == DATE_NONE ? r->today
			    : js_date(in, "received_on"), &y, &m, &d);
		if (next_ref(r, "SR", y, newref, sizeof(newref), e))
			goto out;
		ref = newref;
		st = json_object();
	} else {
		snprintf(stream, sizeof(stream), "service_request:%s", ref ? ref : "");
		if (rec_load(r, stream, &st, NULL)) {
			rc = err_set(e, RD_ENOTFOUND, "reference", NULL,
				     "no service request %s", ref ? ref : "");
			goto out;
		}
	}
	snprintf(stream, sizeof(stream), "service_request:%s", ref);
	rc = sreq_decide(!strcmp(action, "new") ? NULL : st, action, in, ref,
			 r->today, &payload, &type, &eff, e);
	if (!rc)
		rc = record(r, stream, type, eff, payload, st, e);
	if (!rc && out)
		*out = json_incref(st);
out:
	json_decref(st);
	json_decref(payload);
	return finish(r, rc, e);
}

/* Logs the complaint a service request's dissatisfaction raises. */
static int raise_from_request(struct rec *r, const json_t *sr, const json_t *in,
			      char *ref, size_t n, struct rd_err *e)
{
	json_t *cin, *st, *person = NULL;
	char stream[64];
	int rc;

	if (!js_str(in, "details"))
		return err_set(e, RD_EINVAL, "details", "1.3",
			       "details is required: what is the resident dissatisfied with?");
	cin = json_pack("{s:s, s:s, s:s, s:s}", "channel", "phone",
			"category", js_str0(sr, "category"),
			"description", js_str0(in, "details"),
			"service_request", js_str0(sr, "reference"));
	if (js_str(in, "on"))
		json_object_set(cin, "received_on", json_object_get(in, "on"));
	if (js_str(sr, "person_id")) {
		snprintf(stream, sizeof(stream), "person:%s", js_str(sr, "person_id"));
		rec_load(r, stream, &person, NULL);
		json_object_set_new(cin, "complainant", json_pack("{s:s, s:s}",
			"person_id", js_str(sr, "person_id"), "name", js_str0(person, "name")));
	}
	json_decref(person);
	if (!json_object_get(cin, "complainant")) {
		json_decref(cin);
		return err_set(e, RD_EINVAL, "person_id", "1.5",
			       "the service request has no person to raise the complaint for");
	}
	rc = rec_complaint(r, NULL, "new", cin, &st, e);
	json_decref(cin);
	if (!rc)
		snprintf(ref, n, "%s", js_str0(st, "reference"));
	json_decref(st);
	return rc;
}

int rec_service_request_raise(struct rec *r, const char *ref, const json_t *in,
			      json_t **out, char *cref, size_t n, struct rd_err *e)
{
	char stream[64];
	json_t *sr, *input;
	int rc;

	if (out)
		*out = NULL;
	snprintf(stream, sizeof(stream), "service_request:%s", ref ? ref : "");
	if (rec_load(r, stream, &sr, NULL))
		return err_set(e, RD_ENOTFOUND, "reference", NULL, "no service request %s",
			       ref ? ref : "(none given)");
	if (rec_batch_begin(r, e)) {
		json_decref(sr);
		return -1;
	}
	input = json_deep_copy(in);
	rc = raise_from_request(r, sr, input, cref, n, e);
	if (!rc) {
		json_object_set_new(input, "complaint", json_string(cref));
		if (!json_object_get(input, "complaint_offered"))
			json_object_set_new(input, "complaint_offered", json_true());
		rc = rec_service_request(r, ref, "dissatisfied", input, out, e);
	}
	json_decref(input);
	json_decref(sr);
	if (rc) {
		rec_batch_rollback(r);
		if (out) {
			json_decref(*out);
			*out = NULL;
		}
		return -1;
	}
	return rec_batch_commit(r, e);
}

int rec_feedback(struct rec *r, const json_t *in, json_t **out,
		 struct rd_err *e)
{
	char stream[64], id[32];
	json_t *st = NULL, *payload = NULL;
	const char *type;
	date_t eff;
	int rc;

	if (out)
		*out = NULL;
	if (allow(r, staff_roles, "record feedback", e) || begin(r, e))
		return -1;
	rc = next_ref(r, "FB", 0, id, sizeof(id), e);
	if (!rc)
		rc = feedback_decide(in, id, r->today, &payload, &type, &eff, e);
	if (!rc) {
		snprintf(stream, sizeof(stream), "feedback:%s", id);
		st = json_object();
		rc = record(r, stream, type, eff, payload, st, e);
	}
	if (!rc && out)
		*out = json_incref(st);
	json_decref(st);
	json_decref(payload);
	return finish(r, rc, e);
}

/* ---- policy and calendar -------------------------------------------- */

static int record_singleton(struct rec *r, const char *stream, const char *type,
			    json_t *payload, json_t *state, struct rd_err *e)
{
	int rc;

	if (begin(r, e))
		return -1;
	rc = record(r, stream, type, r->today, payload, state, e);
	rc = finish(r, rc, e);
	if (!rc)
		rc = rec_reload(r, e);
	return rc;
}

int rec_policy_set(struct rec *r, const char *key, const char *value,
		   struct rd_err *e)
{
	json_t *payload;
	int rc;

	if (allow(r, admin_roles, "change the policy", e))
		return -1;
	payload = policy_decide_set(r->policy, key, value, e);
	if (!payload)
		return -1;
	rc = record_singleton(r, POLICY_STREAM, "policy.set", payload, r->policy, e);
	json_decref(payload);
	return rc;
}

int rec_policy_update(struct rec *r, const json_t *in, struct rd_err *e)
{
	const char *key;
	json_t *v;
	int rc = 0;

	if (rec_batch_begin(r, e))
		return -1;
	json_object_foreach((json_t *)in, key, v) {
		char text[64];
		const char *value = text;

		if (json_is_string(v))
			value = json_string_value(v);
		else if (json_is_integer(v))
			snprintf(text, sizeof(text), "%lld", (long long)json_integer_value(v));
		else if (json_is_boolean(v))
			snprintf(text, sizeof(text), "%s", json_is_true(v) ? "true" : "false");
		else {
			rc = err_set(e, RD_EINVAL, key, NULL, "%s must be text, a whole number or true/false", key);
			break;
		}
		if ((rc = rec_policy_set(r, key, value, e))) {
			if (!strcmp(e->field, "value") || !strcmp(e->field, "key") || !e->field[0])
				snprintf(e->field, sizeof(e->field), "%s", key);
			break;
		}
	}
	if (rc) {
		rec_batch_rollback(r);
		rec_reload(r, NULL);
		return -1;
	}
	return rec_batch_commit(r, e) || rec_reload(r, e) ? -1 : 0;
}

int rec_policy_exclusion(struct rec *r, const char *code, const char *text,
			 int blanket, int remove, struct rd_err *e)
{
	json_t *payload;
	int rc;

	if (allow(r, admin_roles, "change the policy", e))
		return -1;
	payload = policy_decide_exclusion(r->policy, code, text, blanket, remove, e);
	if (!payload)
		return -1;
	rc = record_singleton(r, POLICY_STREAM, remove ? "policy.exclusion_removed"
			      : "policy.exclusion_added", payload, r->policy, e);
	json_decref(payload);
	return rc;
}

int rec_calendar_closure(struct rec *r, const char *action, const json_t *in,
			 struct rd_err *e)
{
	json_t *payload;
	const char *type;
	int rc;

	if (allow(r, admin_roles, "change the calendar", e) ||
	    agg_calendar_decide(r->calstate, action, in, &payload, &type, e))
		return -1;
	rc = record_singleton(r, CALENDAR_STREAM, type, payload, r->calstate, e);
	json_decref(payload);
	return rc;
}

int rec_calendar_import(struct rec *r, const char *text, size_t len,
			const char *source, json_t **summary, struct rd_err *e)
{
	int rc = 0, any = 0;
	json_t *sum = json_pack("{s:[]}", "regions");

	*summary = NULL;
	if (allow(r, admin_roles, "change the calendar", e) || begin(r, e)) {
		json_decref(sum);
		return -1;
	}
	for (int reg = 0; reg < CAL_NREGIONS && !rc; reg++) {
		struct cal_override *ov = NULL;
		size_t nov = 0, added = 0;
		int from = 0, to = 0;
		json_t *list, *payload;

		rc = cal_govuk_overrides(text, len, (enum cal_region)reg, &ov, &nov,
					 &from, &to, e);
		if (rc || !from) {
			free(ov);
			continue;
		}
		any = 1;
		list = json_array();
		for (size_t i = 0; i < nov; i++) {
			char d[DATE_STRLEN];

			added += ov[i].add != 0;
			json_array_append_new(list, json_pack("{s:s, s:b, s:s}",
				"date", date_format(ov[i].date, d), "add", ov[i].add,
				"title", ov[i].title));
		}
		free(ov);
		payload = json_pack("{s:s, s:i, s:i, s:s, s:o}",
				    "region", cal_region_name((enum cal_region)reg),
				    "years_from", from, "years_to", to,
				    "source", source ? source : "", "overrides", list);
		rc = record(r, CALENDAR_STREAM, "calendar.imported", r->today, payload,
			    r->calstate, e);
		json_array_append_new(json_object_get(sum, "regions"),
				      json_pack("{s:s, s:i, s:i, s:I, s:I}",
						"region", cal_region_name((enum cal_region)reg),
						"years_from", from, "years_to", to,
						"added", (json_int_t)added,
						"removed", (json_int_t)(nov - added)));
		json_decref(payload);
	}
	if (!rc && !any)
		rc = err_set(e, RD_EINVAL, "", NULL,
			     "the file lists no bank holidays: its divisions have no events");
	rc = finish(r, rc, e);
	if (!rc)
		rc = rec_reload(r, e);
	else
		rec_reload(r, NULL);
	if (rc) {
		json_decref(sum);
		return -1;
	}
	json_object_set_new(sum, "calendar_version", json_integer(js_int(r->calstate, "version", 0)));
	*summary = sum;
	return 0;
}

/* ---- letter templates ----------------------------------------------- */

int rec_template_set(struct rec *r, const char *name, const char *text,
		     struct rd_err *e)
{
	char stream[96];
	json_t *st = NULL, *payload;
	int rc;

	if (allow(r, admin_roles, "change letter templates", e))
		return -1;
	if (!name || !*name || strlen(name) > 40 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(name))
		return err_set(e, RD_EINVAL, "name", NULL,
			       "a template name is up to 40 lower-case letters, digits, - and _");
	if (text && (!*text || strlen(text) > 200000))
		return err_set(e, RD_EINVAL, "text", NULL,
			       "a template is between 1 and 200,000 characters");
	payload = json_pack("{s:s, s:s?, s:s}", "name", name, "text", text,
			    "set_by", r->actor);
	if (!payload)
		return err_set(e, RD_EINVAL, "text", NULL, "a template must be UTF-8 text");
	snprintf(stream, sizeof(stream), "template:%s", name);
	if (begin(r, e)) {
		json_decref(payload);
		return -1;
	}
	if (rec_load(r, stream, &st, NULL))
		st = json_object();
	if (!text && !js_str(st, "text"))
		rc = err_set(e, RD_ENOTFOUND, "name", NULL,
			     "the template %s has no override to remove", name);
	else
		rc = record(r, stream, text ? "template.set" : "template.reset", r->today,
			    payload, st, e);
	json_decref(st);
	json_decref(payload);
	return finish(r, rc, e);
}

/* ---- mail to the complaints mailbox ------------------------------------ */

/* The correspondence a message makes on a complaint. */
static json_t *mail_correspondence(const json_t *msg, const char *triage_id)
{
	const char *name = js_str(msg, "from_name"), *subject = js_str(msg, "subject");
	json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "direction", "in",
			      "party", name && *name ? name : js_str0(msg, "from"),
			      "method", "email",
			      "summary", subject && *subject ? subject : "(no subject)",
			      "content", js_str0(msg, "text"), "from", js_str0(msg, "from"));

	if (name && *name)
		json_object_set_new(c, "from_name", json_string(name));
	if (js_str(msg, "sent_at") && *js_str(msg, "sent_at"))
		json_object_set_new(c, "sent_at", json_string(js_str(msg, "sent_at")));
	if (js_str(msg, "message_id") && *js_str(msg, "message_id"))
		json_object_set_new(c, "message_id", json_string(js_str(msg, "message_id")));
	if (json_array_size(json_object_get(msg, "attachments")))
		json_object_set(c, "attachments", json_object_get(msg, "attachments"));
	if (triage_id)
		json_object_set_new(c, "triage", json_string(triage_id));
	return c;
}

static int mail_item(struct rec *r, const json_t *msg, const char *note,
		     char *id, size_t n, struct rd_err *e)
{
	static const char *const keys[] = {
		"from", "from_name", "subject", "sent_at", "message_id", "text",
		"attachments", NULL
	};
	char stream[64];
	json_t *in = json_object(), *payload = NULL, *st = json_object();
	const char *type;
	int rc;

	for (int i = 0; keys[i]; i++)
		if (json_object_get(msg, keys[i]))
			json_object_set(in, keys[i], json_object_get(msg, keys[i]));
	if (note)
		json_object_set_new(in, "note", json_string(note));
	rc = next_ref(r, "M", 0, id, n, e);
	if (!rc)
		rc = triage_decide(NULL, "receive", in, id, r->today, &payload, &type, e);
	if (!rc) {
		snprintf(stream, sizeof(stream), "mail:%s", id);
		rc = record(r, stream, type, r->today, payload, st, e);
	}
	json_decref(in);
	json_decref(payload);
	json_decref(st);
	return rc;
}

int rec_mail_receive(struct rec *r, const json_t *msg, json_t **out,
		     struct rd_err *e)
{
	const char *key = js_str(msg, "key"), *ref = js_str(msg, "reference");
	char stream[128], id[32] = "", note[700] = "";
	json_t *seen = NULL, *st = NULL, *res, *mark;
	int corr = 0, rc;

	if (out)
		*out = NULL;
	if (allow(r, staff_roles, "take in mail", e))
		return -1;
	if (!key || strlen(key) > 100)
		return err_set(e, RD_EINVAL, "key", NULL, "a message needs a key of at most 100 characters");
	if (rec_batch_begin(r, e))
		return -1;
	snprintf(stream, sizeof(stream), "message:%s", key);
	if (rec_load(r, stream, &seen, NULL) == 0) {
		rec_batch_rollback(r);
		rc = err_set(e, RD_ECONFLICT, "key", NULL,
			     "the message %s was already taken in (%s %s)",
			     js_str(msg, "message_id") && *js_str(msg, "message_id") ? js_str(msg, "message_id") : key,
			     js_str(seen, "complaint") ? "correspondence on" : "triage item",
			     js_str(seen, "complaint") ? js_str(seen, "complaint") : js_str0(seen, "triage"));
		json_decref(seen);
		return rc;
	}
	if (ref) {
		json_t *c = mail_correspondence(msg, NULL);
		struct rd_err ce;

		if (rec_complaint(r, ref, "correspondence", c, &st, &ce) == 0)
			corr = (int)json_array_size(json_object_get(st, "correspondence"));
		else if (ce.kind == RD_EIO) {
			*e = ce;
			json_decref(c);
			rec_batch_rollback(r);
			return -1;
		} else
			snprintf(note, sizeof(note), "It names %s, but it could not be recorded there: %s",
				 ref, ce.msg);
		json_decref(c);
	}
	if (!corr && mail_item(r, msg, note[0] ? note : NULL, id, sizeof(id), e)) {
		json_decref(st);
		rec_batch_rollback(r);
		return -1;
	}
	res = corr ? json_pack("{s:s, s:s, s:i}", "outcome", "correspondence", "complaint", ref,
			       "correspondence", corr)
		   : json_pack("{s:s, s:s}", "outcome", "triage", "triage", id);
	if (note[0])
		json_object_set_new(res, "note", json_string(note));
	mark = json_pack("{s:s, s:s?}", "key", key, "message_id", js_str(msg, "message_id"));
	json_object_update(mark, res);
	json_decref(st);
	st = json_object();
	rc = record(r, stream, "message.received", r->today, mark, st, e);
	json_decref(mark);
	json_decref(st);
	if (rc || rec_batch_commit(r, e)) {
		if (rc)
			rec_batch_rollback(r);
		json_decref(res);
		return -1;
	}
	if (out)
		*out = res;
	else
		json_decref(res);
	return 0;
}

int rec_mail(struct rec *r, const char *id, const char *action,
	     const json_t *in, json_t **out, struct rd_err *e)
{
	char stream[64];
	json_t *st = NULL, *cst = NULL, *payload = NULL, *dec = NULL;
	const char *type;
	int rc = -1;

	if (out)
		*out = NULL;
	if (!json_is_object(in))
		return err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
	if (allow(r, staff_roles, "triage mail", e))
		return -1;
	if (!id || strlen(id) > 20)
		return err_set(e, RD_ENOTFOUND, "id", NULL, "no mail %s", id ? id : "(none given)");
	snprintf(stream, sizeof(stream), "mail:%s", id);
	if (rec_batch_begin(r, e))
		return -1;
	if (rec_load(r, stream, &st, NULL)) {
		rc = err_set(e, RD_ENOTFOUND, "id", NULL, "no mail %s to triage", id);
		goto out;
	}
	dec = json_deep_copy(in);
	if (!strcmp(action, "assign")) {
		const char *ref = js_str(in, "complaint");
		json_t *c;

		/* refused before anything is recorded when it is not open */
		json_object_set_new(dec, "correspondence", json_integer(1));
		if (triage_decide(st, action, dec, id, r->today, &payload, &type, e))
			goto out;
		json_decref(payload);
		payload = NULL;
		c = mail_correspondence(st, id);
		rc = rec_complaint(r, ref, "correspondence", c, &cst, e);
		json_decref(c);
		if (rc) {
			err_in(e, "complaint");
			goto out;
		}
		json_object_set_new(dec, "correspondence", json_integer(
			(json_int_t)json_array_size(json_object_get(cst, "correspondence"))));
	}
	rc = triage_decide(st, action, dec, id, r->today, &payload, &type, e);
	if (!rc)
		rc = record(r, stream, type, r->today, payload, st, e);
	if (!rc && out)
		*out = json_incref(st);
out:
	json_decref(st);
	json_decref(cst);
	json_decref(payload);
	json_decref(dec);
	if (rc) {
		rec_batch_rollback(r);
		return -1;
	}
	if (rec_batch_commit(r, e)) {
		if (out) {
			json_decref(*out);
			*out = NULL;
		}
		return -1;
	}
	return 0;
}

int rec_print(struct rec *r, const char *id, const char *action,
	      const json_t *in, char *newid, json_t **out, struct rd_err *e)
{
	char stream[64], made[32];
	json_t *st = NULL, *payload = NULL;
	const char *type;
	int rc = -1;

	if (out)
		*out = NULL;
	if (!json_is_object(in))
		return err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
	if (allow(r, staff_roles, "use the print queue", e) || begin(r, e))
		return -1;
	if (!id) {
		if (next_ref(r, "Q", 0, made, sizeof(made), e))
			goto out;
		id = made;
		st = json_object();
		if (newid)
			snprintf(newid, 16, "%.15s", made);
	} else {
		snprintf(stream, sizeof(stream), "print:%.40s", id);
		if (strlen(id) > 20 || rec_load(r, stream, &st, NULL)) {
			rc = err_set(e, RD_ENOTFOUND, "id", NULL, "no letter %s in the print queue", id);
			goto out;
		}
	}
	snprintf(stream, sizeof(stream), "print:%s", id);
	rc = printq_decide(st, action, in, id, r->actor, r->today, &payload, &type, e);
	if (!rc)
		rc = record(r, stream, type, r->today, payload, st, e);
	if (!rc && out)
		*out = json_incref(st);
out:
	json_decref(st);
	json_decref(payload);
	return finish(r, rc, e);
}

int rec_reminders_sent(struct rec *r, int sent, struct rd_err *e)
{
	json_t *st, *payload;
	int rc;

	if (allow(r, staff_roles, "send reminders", e) || begin(r, e))
		return -1;
	if (rec_load(r, "reminders:daily", &st, NULL))
		st = json_object();
	payload = json_pack("{s:o, s:i}", "last_sent_on", js_from_date(r->today), "sent", sent);
	rc = record(r, "reminders:daily", "reminders.sent", r->today, payload, st, e);
	json_decref(payload);
	json_decref(st);
	return finish(r, rc, e);
}

/* ---- the oversight registers ---------------------------------------- */

/* The complaint "ref" names, for field "key": RD_EINVAL if there is none. */
static int linked_complaint(struct rec *r, const char *ref, const char *key,
			    json_t **out, struct rd_err *e)
{
	char stream[96];

	*out = NULL;
	if (strlen(ref) > 40)
		return err_set(e, RD_EINVAL, key, NULL, "no complaint %.40s...", ref);
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	if (rec_load(r, stream, out, NULL))
		return err_set(e, RD_EINVAL, key, NULL, "no complaint %s", ref);
	return 0;
}

/* Each improvement the list "key" of "in" names must exist. */
static int linked_improvements(struct rec *r, const json_t *in, const char *key,
			       struct rd_err *e)
{
	const json_t *x;
	char stream[96];
	size_t i;

	json_array_foreach(json_object_get(in, key), i, x) {
		const char *ref = json_string_value(x);
		json_t *imp;

		if (!ref)
			continue;
		snprintf(stream, sizeof(stream), "improvement:%.60s", ref);
		if (strlen(ref) > 40 || rec_load(r, stream, &imp, NULL))
			return err_set(e, RD_EINVAL, key, NULL, "no improvement %.40s", ref);
		json_decref(imp);
	}
	return 0;
}

/* The user field "key" names must exist; "staff": with a case work role. */
static int linked_user(struct rec *r, const json_t *in, const char *key, int staff,
		       struct rd_err *e)
{
	const char *name = js_str(in, key);
	char stream[96];
	json_t *u;
	int ok = 1;

	if (!name)
		return 0;
	snprintf(stream, sizeof(stream), "user:%.64s", name);
	if (strlen(name) > 64 || rec_load(r, stream, &u, NULL))
		return err_set(e, RD_EINVAL, key, NULL, "no user called \"%s\"", name);
	if (staff) {
		ok = 0;
		for (int i = 0; staff_roles[i]; i++)
			ok |= !strcmp(staff_roles[i], js_str0(u, "role"));
	}
	if (!ok)
		err_set(e, RD_EINVAL, key, NULL, "%s has the %s role: only a handler, complaints "
			"officer or senior lead can do this", name, js_str0(u, "role"));
	json_decref(u);
	return ok ? 0 : -1;
}

int rec_register(struct rec *r, const char *kind, const char *ref,
		 const char *action, const json_t *in, json_t **out,
		 struct rd_err *e)
{
	enum reg_kind k;
	char stream[96], newref[40];
	json_t *st = NULL, *payload = NULL, *complaint = NULL, *x;
	struct reg_ctx cx;
	const char *type;
	date_t eff;
	size_t i;
	int rc = -1, isnew = !strcmp(action, "new");

	if (out)
		*out = NULL;
	if (reg_kind_of(kind, &k))
		return err_set(e, RD_EINVAL, "kind", NULL, "no register called \"%s\"", kind);
	if (allow(r, reg_roles(k, action), "record this", e) || begin(r, e))
		return -1;
	if (isnew) {
		int y, m, d;
		date_t on = js_date(in, "referred_on");

		date_to_ymd(on == DATE_NONE || on > r->today ? r->today : on, &y, &m, &d);
		if (next_ref(r, reg_prefix(k), reg_yearly(k) ? y : 0, newref, sizeof(newref), e))
			goto out;
		ref = newref;
	} else {
		snprintf(stream, sizeof(stream), "%s:%.60s", kind, ref ? ref : "");
		if (!ref || strlen(ref) > 60 || rec_load(r, stream, &st, NULL)) {
			rc = err_set(e, RD_ENOTFOUND, "reference", NULL, "no %s %s",
				     kind, ref ? ref : "");
			goto out;
		}
	}
	if (js_str(in, "complaint") &&
	    linked_complaint(r, js_str(in, "complaint"), "complaint", &complaint, e))
		goto out;
	json_array_foreach(json_object_get(in, "complaints"), i, x) {
		json_t *c;

		if (!json_is_string(x))
			continue;
		if (linked_complaint(r, json_string_value(x), "complaints", &c, e))
			goto out;
		json_decref(c);
	}
	if (linked_user(r, in, "user", 0, e) || linked_user(r, in, "reviewer", 1, e) ||
	    linked_improvements(r, in, "improvements", e))
		goto out;
	memset(&cx, 0, sizeof(cx));
	cx.today = r->today;
	cx.cal = r->cal;
	cx.actor = strcmp(r->role, "system") ? r->actor : "system";
	cx.complaint = complaint;
	cx.policy = r->policy;
	rc = reg_decide(k, st, action, in, ref, &cx, &payload, &type, &eff, e);
	if (!rc) {
		snprintf(stream, sizeof(stream), "%s:%s", kind, ref);
		if (!st)
			st = json_object();
		rc = record(r, stream, type, eff, payload, st, e);
	}
	if (!rc && out)
		*out = json_incref(st);
out:
	json_decref(st);
	json_decref(payload);
	json_decref(complaint);
	return finish(r, rc, e);
}

/* ---- the self-assessment -------------------------------------------- */

int rec_self_assessment(struct rec *r, int year, const char *action,
			const json_t *in, json_t **out, struct rd_err *e)
{
	static const char *const roles[] = { "senior_lead", "admin", NULL };
	char stream[64];
	json_t *st = NULL, *payload = NULL;
	const char *type;
	date_t eff;
	int rc;

	if (out)
		*out = NULL;
	if (year < CAL_FIRST_YEAR || year >= CAL_LAST_YEAR)
		return err_set(e, RD_EINVAL, "year", NULL, "year must be a reporting year from %d to %d",
			       CAL_FIRST_YEAR, CAL_LAST_YEAR - 1);
	if (allow(r, roles, "record the self-assessment", e) || begin(r, e))
		return -1;
	snprintf(stream, sizeof(stream), "%s:%d",
		 !strcmp(action, "respond") ? "annual_report" : "self_assessment", year);
	if (rec_load(r, stream, &st, NULL))
		st = json_object();
	rc = prov_decide(st, action, in, prov_version_for(year), r->today, &payload, &type, &eff, e);
	if (!rc) {
		json_object_set_new(payload, "by", json_string(r->actor));
		if (!json_object_get(st, "year"))
			json_object_set_new(payload, "year", json_integer(year));
		rc = record(r, stream, type, eff, payload, st, e);
	}
	if (!rc && out)
		*out = json_incref(st);
	json_decref(st);
	json_decref(payload);
	return finish(r, rc, e);
}

/* ---- replay --------------------------------------------------------- */

struct replay {
	json_t *state;
	const char *kind;
	char as_at[DATE_STRLEN];
	int n;
	struct rd_err *e;
	int bad;
};

static int replay_one(const struct store_event *ev, void *ctx)
{
	struct replay *rp = ctx;
	json_error_t je;
	json_t *p;

	if (rp->as_at[0] && strcmp(ev->effective_on, rp->as_at) > 0)
		return 0;
	p = json_loads(ev->payload, 0, &je);
	if (!p) {
		rp->bad = 1;
		err_set(rp->e, RD_EIO, "", NULL, "event %lld of %s is not valid JSON",
			(long long)ev->seq, ev->stream);
		return 1;
	}
	agg_apply(rp->kind, rp->state, ev->type, p);
	json_decref(p);
	rp->n++;
	return 0;
}

int rec_replay(struct rec *r, const char *stream, date_t as_at,
	       json_t **state, struct rd_err *e)
{
	struct replay rp;
	char kind[32];
	int rc;

	*state = NULL;
	agg_kind(stream, kind, sizeof(kind));
	memset(&rp, 0, sizeof(rp));
	rp.kind = kind;
	rp.state = agg_initial(kind);
	rp.e = e;
	if (as_at != DATE_NONE)
		date_format(as_at, rp.as_at);
	rc = r->st->ops->events(r->st, stream, replay_one, &rp, e);
	if (rc || rp.bad) {
		json_decref(rp.state);
		return -1;
	}
	if (!rp.n) {
		json_decref(rp.state);
		return err_set(e, RD_ENOTFOUND, "as_at", NULL,
			       as_at == DATE_NONE ? "%s has no events" :
			       "%s did not exist yet on that date", stream);
	}
	*state = rp.state;
	return 0;
}
