/*
 * transfer.c - importing complaint histories from CSV; exporting
 * complaints and events as CSV or JSON.
 *
 * An import row is turned into the actions that happened to the
 * complaint, in the Code's order, each dated from its column: new,
 * refuse (stage 1), acknowledge, extend, respond, escalate,
 * refuse-escalation, acknowledge (stage 2), extend, respond, remedy and
 * action completions (placed by date after the response that set them),
 * close or withdraw.  Each runs through rec_complaint() with r->today set
 * to its date, so the rules decide exactly as they would have then, and
 * each event is effective on that date.  The whole file is one
 * transaction and each row a savepoint: a refused row is rolled back and
 * reported, the rest are still checked, and if anything was refused the
 * transaction is rolled back.
 */
#include "store/transfer.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/complaint.h"
#include "util/csv.h"
#include "util/json.h"

#define NOT_RECORDED "Not recorded before import"

/* T_DUE: a date something is due, which may be after today. */
enum type { T_TEXT, T_WORD, T_DATE, T_DUE, T_BOOL, T_INT, T_AMOUNT };

/*
 * The columns, in the order an export writes them: id, name, type, and
 * the column that must have a value for this one to mean anything (the
 * step it belongs to, or the step that must come first).
 */
#define COLUMNS(X) \
	X(RECEIVED_ON, "received_on", T_DATE, NONE) \
	X(CHANNEL, "channel", T_WORD, NONE) \
	X(CATEGORY, "category", T_WORD, NONE) \
	X(DESCRIPTION, "description", T_TEXT, NONE) \
	X(NAME, "complainant_name", T_TEXT, NONE) \
	X(EMAIL, "complainant_email", T_WORD, NONE) \
	X(PHONE, "complainant_phone", T_TEXT, NONE) \
	X(ADDRESS, "complainant_address", T_TEXT, NONE) \
	X(ISSUE_DATE, "issue_date", T_DATE, NONE) \
	X(TENURE, "tenure", T_WORD, NONE) \
	X(ESTATE, "estate", T_TEXT, NONE) \
	X(BUILDING, "building", T_TEXT, NONE) \
	X(REP_NAME, "representative_name", T_TEXT, NONE) \
	X(REP_REL, "representative_relationship", T_TEXT, REP_NAME) \
	X(REP_CONSENT, "representative_consent_on", T_DATE, REP_NAME) \
	X(HANDLER, "handler", T_WORD, ACK_ON) \
	X(ACK_ON, "acknowledged_on", T_DATE, NONE) \
	X(SUMMARY, "summary", T_TEXT, ACK_ON) \
	X(OUTCOMES, "outcomes_sought", T_TEXT, ACK_ON) \
	X(RESP, "responsible", T_TEXT, ACK_ON) \
	X(NOT_RESP, "not_responsible", T_TEXT, ACK_ON) \
	X(COMPLEX, "complex", T_BOOL, ACK_ON) \
	X(VULNERABLE, "vulnerable", T_BOOL, ACK_ON) \
	X(EXT_DAYS, "extension_days", T_INT, ACK_ON) \
	X(EXT_REASON, "extension_reason", T_TEXT, EXT_DAYS) \
	X(EXT_GOOD, "extension_good_reason", T_TEXT, EXT_DAYS) \
	X(EXT_INFORMED, "extension_informed_on", T_DATE, EXT_DAYS) \
	X(RESP_ON, "responded_on", T_DATE, ACK_ON) \
	X(OUTCOME, "outcome", T_WORD, RESP_ON) \
	X(REASONS, "reasons", T_TEXT, RESP_ON) \
	X(REM_TYPE, "remedy_type", T_WORD, RESP_ON) \
	X(REM_DESC, "remedy_description", T_TEXT, REM_TYPE) \
	X(REM_AMOUNT, "remedy_amount", T_AMOUNT, REM_TYPE) \
	X(REM_DUE, "remedy_due_on", T_DUE, REM_TYPE) \
	X(REM_DONE, "remedy_completed_on", T_DATE, REM_TYPE) \
	X(ACT_DESC, "action_description", T_TEXT, RESP_ON) \
	X(ACT_DUE, "action_due_on", T_DUE, ACT_DESC) \
	X(ACT_DONE, "action_completed_on", T_DATE, ACT_DESC) \
	X(S2_REQ, "stage2_requested_on", T_DATE, RESP_ON) \
	X(S2_HANDLER, "stage2_handler", T_WORD, S2_ACK) \
	X(S2_ACK, "stage2_acknowledged_on", T_DATE, S2_REQ) \
	X(S2_SUMMARY, "stage2_summary", T_TEXT, S2_ACK) \
	X(S2_OUTCOMES, "stage2_outcomes_sought", T_TEXT, S2_ACK) \
	X(S2_RESP, "stage2_responsible", T_TEXT, S2_ACK) \
	X(S2_NOT_RESP, "stage2_not_responsible", T_TEXT, S2_ACK) \
	X(S2_COMPLEX, "stage2_complex", T_BOOL, S2_ACK) \
	X(S2_VULNERABLE, "stage2_vulnerable", T_BOOL, S2_ACK) \
	X(S2_EXT_DAYS, "stage2_extension_days", T_INT, S2_ACK) \
	X(S2_EXT_REASON, "stage2_extension_reason", T_TEXT, S2_EXT_DAYS) \
	X(S2_EXT_GOOD, "stage2_extension_good_reason", T_TEXT, S2_EXT_DAYS) \
	X(S2_EXT_INFORMED, "stage2_extension_informed_on", T_DATE, S2_EXT_DAYS) \
	X(S2_OUTCOME, "stage2_outcome", T_WORD, S2_RESP_ON) \
	X(S2_REASONS, "stage2_reasons", T_TEXT, S2_RESP_ON) \
	X(S2_RESP_ON, "stage2_responded_on", T_DATE, S2_ACK) \
	X(CLOSED_ON, "closed_on", T_DATE, RESP_ON) \
	X(WD_ON, "withdrawn_on", T_DATE, NONE) \
	X(WD_REASON, "withdrawn_reason", T_TEXT, WD_ON) \
	X(REF_ON, "refused_on", T_DATE, NONE) \
	X(REF_REASON, "refusal_reason", T_WORD, REF_ON) \
	X(REF_EXPL, "refusal_explanation", T_TEXT, REF_ON) \
	X(REF_DISC, "refusal_discretion_considered", T_BOOL, REF_ON)

enum col {
	C_NONE = -1,
#define X(id, name, type, needs) C_##id,
	COLUMNS(X)
#undef X
	NCOLS
};

static const struct column {
	const char *name;
	enum type type;
	enum col needs;
} columns[NCOLS] = {
#define X(id, name, type, needs) { name, type, C_##needs },
	COLUMNS(X)
#undef X
};

/* One data row: the cells by column (NULL when empty) and their values. */
struct row {
	int line;
	const char *v[NCOLS];
	date_t d[NCOLS];
	int b[NCOLS];
	long long n[NCOLS];
	double amount;
};

struct imp {
	struct rec *r;
	date_t today;		/* the real today: no date may be after it */
	json_t *errors;
	json_t *refs;
	int col_of[256];	/* file position -> column (C_NONE: unknown) */
	char named[256];	/* the header names the file position */
	size_t ncells;
};

static void add_error(json_t *errors, int line, const char *field,
		      const char *clause, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void add_error(json_t *errors, int line, const char *field,
		      const char *clause, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	json_t *x;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x = json_pack("{s:i, s:s, s:s}", "line", line, "field", field ? field : "",
		      "reason", msg);
	if (clause && *clause)
		json_object_set_new(x, "clause", json_string(clause));
	json_array_append_new(errors, x);
}

/* ---- who may ---------------------------------------------------------- */

static int role_in(struct rec *r, const char *const *roles, const char *what,
		   struct rd_err *e)
{
	char list[160] = "";
	size_t used = 0;

	for (int i = 0; roles[i]; i++) {
		if (!strcmp(roles[i], r->role))
			return 0;
		used += (size_t)snprintf(list + used, used < sizeof(list) ? sizeof(list) - used : 0,
					 "%s%s", i ? ", " : "", roles[i]);
	}
	return err_set(e, RD_EDENIED, "as", NULL, "the %s role may not %s (only: %s)",
		       r->role, what, list);
}

static const char *const import_roles[] = { "admin", "system", NULL };
static const char *const export_roles[] = { "admin", "senior_lead", "system", NULL };

/* ---- cells ------------------------------------------------------------ */

static int blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* Trims spaces around "s" in place. */
static char *trim(char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "y", "true", "1", NULL };
	static const char *const no[] = { "no", "n", "false", "0", NULL };

	for (int i = 0; yes[i]; i++)
		if (!strcasecmp(s, yes[i]))
			return *out = 1, 0;
	for (int i = 0; no[i]; i++)
		if (!strcasecmp(s, no[i]))
			return *out = 0, 0;
	return -1;
}

/* Pounds: "150", "150.5", "150.50", with an optional "£". */
static int parse_amount(const char *s, double *out)
{
	const char *p = s;
	double v = 0, scale = 0.1;
	int digits = 0, decimals = 0;

	if (!strncmp(p, "\xC2\xA3", 2))
		p += 2;
	for (; isdigit((unsigned char)*p) && digits < 9; p++, digits++)
		v = v * 10 + (*p - '0');
	if (!digits)
		return -1;
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p) && decimals < 2; p++, decimals++) {
			v += (*p - '0') * scale;
			scale /= 10;
		}
		if (!decimals)
			return -1;
	}
	if (*p)
		return -1;
	*out = v;
	return 0;
}

static int parse_days(const char *s, long long *out)
{
	long long v = 0;
	int digits = 0;

	for (; isdigit((unsigned char)*s) && digits < 4; s++, digits++)
		v = v * 10 + (*s - '0');
	if (!digits || *s)
		return -1;
	*out = v;
	return 0;
}

/* Checks the form of every cell: dates, yes/no, numbers.  The number of
 * problems found (each added to the errors). */
static int check_cells(struct imp *im, struct row *w)
{
	char a[DATE_STRLEN];
	int bad = 0;

	for (int c = 0; c < NCOLS; c++) {
		const char *s = w->v[c];

		w->d[c] = DATE_NONE;
		if (!s)
			continue;
		switch (columns[c].type) {
		case T_DATE:
		case T_DUE:
			if (date_parse(s, &w->d[c])) {
				add_error(im->errors, w->line, columns[c].name, NULL,
					  "%s \"%s\" is not a real date written YYYY-MM-DD",
					  columns[c].name, s);
				w->d[c] = DATE_NONE;
				bad++;
			} else if (columns[c].type == T_DATE && w->d[c] > im->today) {
				add_error(im->errors, w->line, columns[c].name, NULL,
					  "%s %s is in the future (today is %s)",
					  columns[c].name, s, date_format(im->today, a));
				bad++;
			}
			break;
		case T_BOOL:
			if (parse_bool(s, &w->b[c])) {
				add_error(im->errors, w->line, columns[c].name, NULL,
					  "%s must be yes or no, not \"%s\"", columns[c].name, s);
				bad++;
			}
			break;
		case T_INT:
			if (parse_days(s, &w->n[c]) || w->n[c] < 1 || w->n[c] > 120) {
				add_error(im->errors, w->line, columns[c].name, NULL,
					  "%s must be a whole number of working days from 1 to 120, not \"%s\"",
					  columns[c].name, s);
				bad++;
			}
			break;
		case T_AMOUNT:
			if (parse_amount(s, &w->amount)) {
				add_error(im->errors, w->line, columns[c].name, NULL,
					  "%s must be an amount in pounds such as 150 or 150.00, not \"%s\"",
					  columns[c].name, s);
				bad++;
			}
			break;
		case T_TEXT:
		case T_WORD:
			break;
		}
	}
	return bad;
}

/* The dates that must come in this order (the refusal sits at stage 1
 * or, after an escalation request, at stage 2). */
static int check_order(struct imp *im, struct row *w)
{
	enum col seq[16];
	int n = 0, bad = 0, last = C_NONE;
	int esc = w->v[C_S2_REQ] != NULL;
	char a[DATE_STRLEN], b[DATE_STRLEN];

	seq[n++] = C_RECEIVED_ON;
	if (!esc)
		seq[n++] = C_REF_ON;
	seq[n++] = C_ACK_ON;
	seq[n++] = C_EXT_INFORMED;
	seq[n++] = C_RESP_ON;
	seq[n++] = C_S2_REQ;
	if (esc)
		seq[n++] = C_REF_ON;
	seq[n++] = C_S2_ACK;
	seq[n++] = C_S2_EXT_INFORMED;
	seq[n++] = C_S2_RESP_ON;
	seq[n++] = C_CLOSED_ON;
	seq[n++] = C_WD_ON;
	for (int i = 0; i < n; i++) {
		enum col c = seq[i];

		if (w->d[c] == DATE_NONE)
			continue;
		if (last != C_NONE && w->d[c] < w->d[last]) {
			add_error(im->errors, w->line, columns[c].name, NULL,
				  "%s %s is before %s %s: the dates are out of order",
				  columns[c].name, date_format(w->d[c], a),
				  columns[last].name, date_format(w->d[last], b));
			bad++;
			continue;
		}
		last = (int)c;
	}
	for (int k = 0; k < 2; k++) {
		enum col c = k ? C_ACT_DONE : C_REM_DONE;

		if (w->d[c] == DATE_NONE)
			continue;
		if (w->d[C_RECEIVED_ON] != DATE_NONE && w->d[c] < w->d[C_RECEIVED_ON]) {
			add_error(im->errors, w->line, columns[c].name, NULL,
				  "%s %s is before received_on %s", columns[c].name,
				  date_format(w->d[c], a), date_format(w->d[C_RECEIVED_ON], b));
			bad++;
		} else if (w->d[C_CLOSED_ON] != DATE_NONE && w->d[c] > w->d[C_CLOSED_ON]) {
			add_error(im->errors, w->line, columns[c].name, k ? "6.6" : "7.3",
				  "%s %s is after closed_on %s: a complaint closes only once its %s complete (Code %s)",
				  columns[c].name, date_format(w->d[c], a),
				  date_format(w->d[C_CLOSED_ON], b),
				  k ? "actions are" : "remedies are", k ? "6.6" : "7.3");
			bad++;
		}
	}
	return bad;
}

/* What the row says must hang together before any rule sees it. */
static int check_row(struct imp *im, struct row *w)
{
	int bad = check_cells(im, w);

	if (!w->v[C_RECEIVED_ON]) {
		add_error(im->errors, w->line, "received_on", NULL,
			  "received_on is required: the date the complaint was made");
		bad++;
	}
	for (int c = 0; c < NCOLS; c++) {
		enum col need = columns[c].needs;

		if (w->v[c] && need != C_NONE && !w->v[need]) {
			add_error(im->errors, w->line, columns[c].name, NULL,
				  "%s has a value but %s is empty (an empty cell means it did not happen)",
				  columns[c].name, columns[need].name);
			bad++;
		}
	}
	if (w->v[C_CLOSED_ON] && w->v[C_WD_ON]) {
		add_error(im->errors, w->line, "withdrawn_on", NULL,
			  "a complaint is either closed or withdrawn: closed_on and withdrawn_on both have dates");
		bad++;
	}
	if (w->v[C_REF_ON] && !w->v[C_S2_REQ] && w->v[C_ACK_ON]) {
		add_error(im->errors, w->line, "refused_on", NULL,
			  "refused_on says the complaint was not accepted, but acknowledged_on says it was acknowledged");
		bad++;
	}
	if (w->v[C_REF_ON] && w->v[C_S2_REQ] && w->v[C_S2_ACK]) {
		add_error(im->errors, w->line, "refused_on", NULL,
			  "refused_on says the escalation was refused, but stage2_acknowledged_on says stage 2 went ahead");
		bad++;
	}
	if (!bad)
		bad = check_order(im, w);
	return bad;
}

/* ---- the history as actions ------------------------------------------ */

/* Where a field a rule names is in the file. */
struct fmap {
	const char *field;
	enum col col;
};

static const struct fmap m_new[] = {
	{ "received_on", C_RECEIVED_ON }, { "channel", C_CHANNEL },
	{ "category", C_CATEGORY }, { "description", C_DESCRIPTION },
	{ "issue_date", C_ISSUE_DATE }, { "complainant.name", C_NAME },
	{ "complainant.email", C_EMAIL }, { "complainant.phone", C_PHONE },
	{ "complainant.address", C_ADDRESS }, { "complainant", C_EMAIL },
	{ "email", C_EMAIL }, { "tenure", C_TENURE }, { "estate", C_ESTATE },
	{ "building", C_BUILDING }, { "representative", C_REP_NAME },
	{ "representative.name", C_REP_NAME },
	{ "representative.relationship", C_REP_REL },
	{ "representative.consent_on", C_REP_CONSENT }, { NULL, C_RECEIVED_ON }
};
static const struct fmap m_ack1[] = {
	{ "acknowledged_on", C_ACK_ON }, { "handler", C_HANDLER },
	{ "definition.summary", C_SUMMARY }, { "definition.outcomes_sought", C_OUTCOMES },
	{ "definition.responsible", C_RESP }, { "definition.not_responsible", C_NOT_RESP },
	{ "definition", C_SUMMARY }, { "triage.complex", C_COMPLEX },
	{ "triage.vulnerable", C_VULNERABLE }, { "triage", C_COMPLEX },
	{ NULL, C_ACK_ON }
};
static const struct fmap m_ack2[] = {
	{ "acknowledged_on", C_S2_ACK }, { "handler", C_S2_HANDLER },
	{ "definition.summary", C_S2_SUMMARY }, { "definition.outcomes_sought", C_S2_OUTCOMES },
	{ "definition.responsible", C_S2_RESP }, { "definition.not_responsible", C_S2_NOT_RESP },
	{ "definition", C_S2_SUMMARY }, { "triage.complex", C_S2_COMPLEX },
	{ "triage.vulnerable", C_S2_VULNERABLE }, { "triage", C_S2_COMPLEX },
	{ NULL, C_S2_ACK }
};
static const struct fmap m_ext1[] = {
	{ "working_days", C_EXT_DAYS }, { "reason", C_EXT_REASON },
	{ "good_reason", C_EXT_GOOD }, { "resident_informed_on", C_EXT_INFORMED },
	{ NULL, C_EXT_DAYS }
};
static const struct fmap m_ext2[] = {
	{ "working_days", C_S2_EXT_DAYS }, { "reason", C_S2_EXT_REASON },
	{ "good_reason", C_S2_EXT_GOOD }, { "resident_informed_on", C_S2_EXT_INFORMED },
	{ NULL, C_S2_EXT_DAYS }
};
#define ITEM_FIELDS \
	{ "remedies", C_REM_TYPE }, { "remedies[].type", C_REM_TYPE }, \
	{ "remedies[].description", C_REM_DESC }, { "remedies[].amount", C_REM_AMOUNT }, \
	{ "remedies[].due_on", C_REM_DUE }, { "remedies[].completed_on", C_REM_DONE }, \
	{ "outstanding_actions", C_ACT_DESC }, \
	{ "outstanding_actions[].description", C_ACT_DESC }, \
	{ "outstanding_actions[].due_on", C_ACT_DUE }, \
	{ "outstanding_actions[].completed_on", C_ACT_DONE }
static const struct fmap m_resp1[] = {
	{ "responded_on", C_RESP_ON }, { "decisions", C_OUTCOME },
	{ "outcome", C_OUTCOME }, { "reasons", C_REASONS }, ITEM_FIELDS,
	{ NULL, C_RESP_ON }
};
static const struct fmap m_resp2[] = {
	{ "responded_on", C_S2_RESP_ON }, { "decisions", C_S2_OUTCOME },
	{ "outcome", C_S2_OUTCOME }, { "reasons", C_S2_REASONS }, ITEM_FIELDS,
	{ NULL, C_S2_RESP_ON }
};
static const struct fmap m_escalate[] = { { NULL, C_S2_REQ } };
static const struct fmap m_refuse[] = {
	{ "reason", C_REF_REASON }, { "explanation", C_REF_EXPL },
	{ "discretion_considered", C_REF_DISC }, { NULL, C_REF_ON }
};
static const struct fmap m_close[] = {
	{ "actions", C_ACT_DONE }, { "remedies", C_REM_DONE }, { NULL, C_CLOSED_ON }
};
static const struct fmap m_withdraw[] = {
	{ "reason", C_WD_REASON }, { NULL, C_WD_ON }
};
static const struct fmap m_remedy_done[] = { { NULL, C_REM_DONE } };
static const struct fmap m_action_done[] = { { NULL, C_ACT_DONE } };

static enum col map_field(const struct fmap *m, const char *field)
{
	int i;

	for (i = 0; m[i].field; i++)
		if (!strcmp(m[i].field, field))
			return m[i].col;
	return m[i].col;
}

struct step {
	const char *action;
	date_t on;
	json_t *in;
	const struct fmap *map;
	int barrier;		/* close and withdraw end the history */
};

#define MAX_STEPS 16

static void put(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string(s));
}

static const char *or(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

static int upheld(const char *outcome)
{
	return outcome && (!strcmp(outcome, "upheld") || !strcmp(outcome, "partly_upheld"));
}

static void add_step(struct step *s, int *n, const char *action, date_t on,
		     json_t *in, const struct fmap *map)
{
	s[*n].action = action;
	s[*n].on = on;
	s[*n].in = in;
	s[*n].map = map;
	s[*n].barrier = !strcmp(action, "close") || !strcmp(action, "withdraw");
	(*n)++;
}

/* Puts a completion after step "after", before the first later step that
 * is dated after it or ends the history. */
static void insert_step(struct step *s, int *n, int after, const char *action,
			date_t on, json_t *in, const struct fmap *map)
{
	int k = after + 1;

	while (k < *n && !s[k].barrier && s[k].on <= on)
		k++;
	memmove(&s[k + 1], &s[k], (size_t)(*n - k) * sizeof(*s));
	(*n)++;
	s[k].action = action;
	s[k].on = on;
	s[k].in = in;
	s[k].map = map;
	s[k].barrier = 0;
}

static json_t *acknowledgement(const struct row *w, int stage)
{
	const char *summary = or(w->v[C_SUMMARY], w->v[C_DESCRIPTION]);
	const char *outcomes = or(w->v[C_OUTCOMES], NOT_RECORDED);
	const char *resp = or(w->v[C_RESP], NOT_RECORDED);
	const char *not_resp = or(w->v[C_NOT_RESP], NOT_RECORDED);
	int complex = w->v[C_COMPLEX] ? w->b[C_COMPLEX] : 0;
	int vulnerable = w->v[C_VULNERABLE] ? w->b[C_VULNERABLE] : 0;
	json_t *in = json_object(), *def = json_object();

	if (stage == 2) {
		summary = or(w->v[C_S2_SUMMARY], summary);
		outcomes = or(w->v[C_S2_OUTCOMES], outcomes);
		resp = or(w->v[C_S2_RESP], resp);
		not_resp = or(w->v[C_S2_NOT_RESP], not_resp);
		if (w->v[C_S2_COMPLEX])
			complex = w->b[C_S2_COMPLEX];
		if (w->v[C_S2_VULNERABLE])
			vulnerable = w->b[C_S2_VULNERABLE];
	}
	put(in, "acknowledged_on", w->v[stage == 1 ? C_ACK_ON : C_S2_ACK]);
	put(in, "handler", w->v[stage == 1 ? C_HANDLER : C_S2_HANDLER]);
	put(def, "summary", summary);
	put(def, "outcomes_sought", outcomes);
	put(def, "responsible", resp);
	put(def, "not_responsible", not_resp);
	json_object_set_new(in, "definition", def);
	json_object_set_new(in, "triage", json_pack("{s:b, s:b}", "complex", complex,
						    "vulnerable", vulnerable));
	return in;
}

static json_t *extension(const struct row *w, int stage)
{
	json_t *in = json_object();
	int s2 = stage == 2;

	json_object_set_new(in, "working_days",
			    json_integer(w->n[s2 ? C_S2_EXT_DAYS : C_EXT_DAYS]));
	put(in, "reason", w->v[s2 ? C_S2_EXT_REASON : C_EXT_REASON]);
	put(in, "good_reason", w->v[s2 ? C_S2_EXT_GOOD : C_EXT_GOOD]);
	put(in, "resident_informed_on", w->v[s2 ? C_S2_EXT_INFORMED : C_EXT_INFORMED]);
	return in;
}

/* The response; "items" non-zero: it carries the remedy and the action
 * ("embed_*": completed by the response date, so recorded as done). */
static json_t *response(const struct row *w, int stage, int items,
			int embed_remedy, int embed_action)
{
	json_t *in = json_object(), *decisions = json_array();
	const char *outcome = w->v[stage == 1 ? C_OUTCOME : C_S2_OUTCOME];

	put(in, "responded_on", w->v[stage == 1 ? C_RESP_ON : C_S2_RESP_ON]);
	if (outcome) {
		json_t *d = json_pack("{s:i, s:s}", "point", 1, "outcome", outcome);

		put(d, "reasons", w->v[stage == 1 ? C_REASONS : C_S2_REASONS]);
		json_array_append_new(decisions, d);
	}
	json_object_set_new(in, "decisions", decisions);
	if (items && w->v[C_REM_TYPE]) {
		json_t *rm = json_object();

		put(rm, "type", w->v[C_REM_TYPE]);
		put(rm, "description", w->v[C_REM_DESC]);
		if (w->v[C_REM_AMOUNT])
			json_object_set_new(rm, "amount", json_real(w->amount));
		put(rm, "due_on", w->v[C_REM_DUE]);
		if (embed_remedy)
			put(rm, "completed_on", w->v[C_REM_DONE]);
		json_object_set_new(in, "remedies", json_pack("[o]", rm));
	}
	if (items && w->v[C_ACT_DESC]) {
		json_t *a = json_object();

		put(a, "description", w->v[C_ACT_DESC]);
		put(a, "due_on", w->v[C_ACT_DUE]);
		if (embed_action)
			put(a, "completed_on", w->v[C_ACT_DONE]);
		json_object_set_new(in, "outstanding_actions", json_pack("[o]", a));
	}
	return in;
}

static json_t *refusal(const struct row *w)
{
	json_t *in = json_object();

	put(in, "refused_on", w->v[C_REF_ON]);
	put(in, "reason", w->v[C_REF_REASON]);
	put(in, "explanation", w->v[C_REF_EXPL]);
	if (w->v[C_REF_DISC])
		json_object_set_new(in, "discretion_considered", json_boolean(w->b[C_REF_DISC]));
	return in;
}

static json_t *dated(const char *key, const char *value)
{
	json_t *in = json_object();

	put(in, key, value);
	return in;
}

/* The row's history as actions in the order they happened. */
static int history(const struct row *w, struct step *s)
{
	int n = 0, items = 0, resp_step = -1, esc = w->v[C_S2_REQ] != NULL;
	date_t items_on = DATE_NONE;
	int embed_r, embed_a;

	/* The remedy and action belong to the first response that upheld
	 * anything; if none did, to the last response. */
	if (w->v[C_RESP_ON]) {
		items = 1;
		if (!upheld(w->v[C_OUTCOME]) && w->v[C_S2_RESP_ON])
			items = 2;
	}
	if (items)
		items_on = w->d[items == 1 ? C_RESP_ON : C_S2_RESP_ON];
	embed_r = w->d[C_REM_DONE] != DATE_NONE && w->d[C_REM_DONE] <= items_on;
	embed_a = w->d[C_ACT_DONE] != DATE_NONE && w->d[C_ACT_DONE] <= items_on;

	{
		json_t *in = json_object(), *cp = json_object();

		put(in, "received_on", w->v[C_RECEIVED_ON]);
		put(in, "channel", w->v[C_CHANNEL]);
		put(in, "category", w->v[C_CATEGORY]);
		put(in, "description", w->v[C_DESCRIPTION]);
		put(in, "issue_date", w->v[C_ISSUE_DATE]);
		put(in, "tenure", w->v[C_TENURE]);
		put(in, "estate", w->v[C_ESTATE]);
		put(in, "building", w->v[C_BUILDING]);
		if (w->v[C_REP_NAME]) {
			json_t *rep = json_object();

			put(rep, "name", w->v[C_REP_NAME]);
			put(rep, "relationship", w->v[C_REP_REL]);
			put(rep, "consent_on", w->v[C_REP_CONSENT]);
			json_object_set_new(in, "representative", rep);
		}
		put(cp, "name", w->v[C_NAME]);
		put(cp, "email", w->v[C_EMAIL]);
		put(cp, "phone", w->v[C_PHONE]);
		put(cp, "address", w->v[C_ADDRESS]);
		json_object_set_new(in, "complainant", cp);
		add_step(s, &n, "new", w->d[C_RECEIVED_ON], in, m_new);
	}
	if (w->v[C_REF_ON] && !esc)
		add_step(s, &n, "refuse", w->d[C_REF_ON], refusal(w), m_refuse);
	if (w->v[C_ACK_ON])
		add_step(s, &n, "acknowledge", w->d[C_ACK_ON], acknowledgement(w, 1), m_ack1);
	if (w->v[C_EXT_DAYS])
		add_step(s, &n, "extend", w->v[C_EXT_INFORMED] ? w->d[C_EXT_INFORMED]
			 : w->d[C_ACK_ON], extension(w, 1), m_ext1);
	if (w->v[C_RESP_ON]) {
		resp_step = items == 1 ? n : resp_step;
		add_step(s, &n, "respond", w->d[C_RESP_ON],
			 response(w, 1, items == 1, embed_r, embed_a), m_resp1);
	}
	if (esc)
		add_step(s, &n, "escalate", w->d[C_S2_REQ],
			 dated("requested_on", w->v[C_S2_REQ]), m_escalate);
	if (w->v[C_REF_ON] && esc)
		add_step(s, &n, "refuse-escalation", w->d[C_REF_ON], refusal(w), m_refuse);
	if (w->v[C_S2_ACK])
		add_step(s, &n, "acknowledge", w->d[C_S2_ACK], acknowledgement(w, 2), m_ack2);
	if (w->v[C_S2_EXT_DAYS])
		add_step(s, &n, "extend", w->v[C_S2_EXT_INFORMED] ? w->d[C_S2_EXT_INFORMED]
			 : w->d[C_S2_ACK], extension(w, 2), m_ext2);
	if (w->v[C_S2_RESP_ON]) {
		resp_step = items == 2 ? n : resp_step;
		add_step(s, &n, "respond", w->d[C_S2_RESP_ON],
			 response(w, 2, items == 2, embed_r, embed_a), m_resp2);
	}
	if (w->v[C_CLOSED_ON])
		add_step(s, &n, "close", w->d[C_CLOSED_ON],
			 dated("closed_on", w->v[C_CLOSED_ON]), m_close);
	if (w->v[C_WD_ON]) {
		json_t *in = dated("withdrawn_on", w->v[C_WD_ON]);

		put(in, "reason", w->v[C_WD_REASON]);
		add_step(s, &n, "withdraw", w->d[C_WD_ON], in, m_withdraw);
	}
	if (resp_step >= 0 && w->v[C_REM_TYPE] && w->v[C_REM_DONE] && !embed_r)
		insert_step(s, &n, resp_step, "complete-remedy", w->d[C_REM_DONE],
			    json_pack("{s:i, s:s}", "id", 1, "completed_on", w->v[C_REM_DONE]),
			    m_remedy_done);
	if (resp_step >= 0 && w->v[C_ACT_DESC] && w->v[C_ACT_DONE] && !embed_a) {
		int after = resp_step;

		/* After the remedy's completion if that came the same day. */
		while (after + 1 < n && !strcmp(s[after + 1].action, "complete-remedy") &&
		       s[after + 1].on <= w->d[C_ACT_DONE])
			after++;
		insert_step(s, &n, after, "complete-action", w->d[C_ACT_DONE],
			    json_pack("{s:i, s:s}", "id", 1, "completed_on", w->v[C_ACT_DONE]),
			    m_action_done);
	}
	return n;
}

/*
 * Runs the row's history in a savepoint.  0 imported (its reference
 * appended), 1 refused (reported, rolled back), -1 a store failure.
 */
static int run_row(struct imp *im, const struct row *w, struct rd_err *e)
{
	struct step s[MAX_STEPS];
	struct rec *r = im->r;
	struct rd_err re;
	char ref[64] = "";
	int n = history(w, s), rc = 0, i;

	if (r->st->ops->savepoint(r->st, 0, e))
		rc = -1;
	for (i = 0; i < n && !rc; i++) {
		json_t *out = NULL;

		err_clear(&re);
		r->today = s[i].on;
		if (rec_complaint(r, ref[0] ? ref : NULL, s[i].action, s[i].in, &out, &re)) {
			if (re.kind == RD_EIO) {
				*e = re;
				rc = -1;
			} else {
				const char *field = columns[map_field(s[i].map, re.field)].name;

				add_error(im->errors, w->line, field, re.clause, "%s", re.msg);
				rc = 1;
			}
		} else if (!ref[0]) {
			snprintf(ref, sizeof(ref), "%s", js_str0(out, "reference"));
		}
		json_decref(out);
	}
	for (i = 0; i < n; i++)
		json_decref(s[i].in);
	if (rc == 0) {
		if (r->st->ops->savepoint(r->st, 1, e))
			return -1;
		json_array_append_new(im->refs, json_string(ref));
	} else if (r->st->ops->savepoint(r->st, 2, NULL) && rc == 1) {
		return err_set(e, RD_EIO, "", NULL, "could not undo line %d", w->line);
	}
	return rc;
}

/* ---- the file --------------------------------------------------------- */

static int column_named(const char *name)
{
	for (int c = 0; c < NCOLS; c++)
		if (!strcmp(columns[c].name, name))
			return c;
	return C_NONE;
}

/* Reads the header.  0 if rows can be read with it (unknown columns are
 * reported but the rows are still checked), -1 if not.  A column with no
 * name is ignored while its cells are empty (spreadsheets add them). */
static int header(struct imp *im, struct csv_record *h)
{
	int seen[NCOLS] = { 0 }, stop = 0;
	static const enum col required[] = {
		C_RECEIVED_ON, C_CHANNEL, C_CATEGORY, C_DESCRIPTION, C_NAME
	};

	if (h->n > sizeof(im->col_of) / sizeof(im->col_of[0])) {
		add_error(im->errors, h->line, "", NULL,
			  "the header has %zu columns; an import file has at most %zu",
			  h->n, sizeof(im->col_of) / sizeof(im->col_of[0]));
		return -1;
	}
	im->ncells = h->n;
	for (size_t i = 0; i < h->n; i++) {
		char *name = trim(h->field[i]);
		int c;

		for (char *p = name; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		c = column_named(name);
		im->col_of[i] = c;
		im->named[i] = *name != '\0';
		if (c == C_NONE && *name)
			add_error(im->errors, h->line, name, NULL,
				  "unknown column \"%s\" (docs/import.md lists the columns)", name);
		if (c != C_NONE && seen[c]++) {
			add_error(im->errors, h->line, name, NULL,
				  "column \"%s\" appears twice in the header", name);
			stop = 1;
		}
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!seen[required[i]]) {
			add_error(im->errors, h->line, columns[required[i]].name, NULL,
				  "the header has no %s column, which is required",
				  columns[required[i]].name);
			stop = 1;
		}
	if (!seen[C_EMAIL] && !seen[C_PHONE] && !seen[C_ADDRESS]) {
		add_error(im->errors, h->line, "complainant_email", NULL,
			  "the header needs at least one of complainant_email, complainant_phone "
			  "and complainant_address: a way to reply");
		stop = 1;
	}
	return stop ? -1 : 0;
}

static int blank_record(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		if (!blank(rec->field[i]))
			return 0;
	return 1;
}

/* Fills the row from the record; 0, or the number of problems. */
static int fill_row(struct imp *im, struct csv_record *rec, struct row *w)
{
	memset(w, 0, sizeof(*w));
	w->line = rec->line;
	for (size_t i = 0; i < rec->n; i++) {
		char *s = (char *)csv_unprotect(rec->field[i]);

		if (i >= im->ncells) {
			if (blank(s))
				continue;
			add_error(im->errors, rec->line, "", NULL,
				  "the row has %zu cells but the header names %zu columns",
				  rec->n, im->ncells);
			return 1;
		}
		if (blank(s))
			continue;
		if (im->col_of[i] == C_NONE) {
			if (im->named[i])
				continue;	/* reported with the header */
			add_error(im->errors, rec->line, "", NULL,
				  "cell %zu has a value but its column has no name in the header",
				  i + 1);
			return 1;
		}
		if (columns[im->col_of[i]].type != T_TEXT)
			s = trim(s);
		w->v[im->col_of[i]] = s;
	}
	return 0;
}

/* One transaction for the whole file (a savepoint when the caller already
 * holds a batch, as the server's group commit does). */
static int begin_all(struct imp *im, struct rd_err *e)
{
	return rec_batch_begin(im->r, e);
}

static int end_all(struct imp *im, int keep, struct rd_err *e)
{
	if (keep)
		return rec_batch_commit(im->r, e);
	rec_batch_rollback(im->r);
	return 0;
}

int xfer_import_complaints(struct rec *r, const char *csv, size_t len,
			   int dry_run, json_t **report, struct rd_err *e)
{
	struct imp im;
	struct csv_reader rd;
	struct csv_record rec = CSV_RECORD_INIT;
	struct row *w = xmalloc(sizeof(*w));
	char actor[sizeof(r->actor)], role[sizeof(r->role)];
	int rc, rows = 0, fatal = 0, got;

	*report = NULL;
	if (role_in(r, import_roles, "import complaints", e)) {
		free(w);
		return -1;
	}
	memset(&im, 0, sizeof(im));
	im.r = r;
	im.today = r->today;
	im.errors = json_array();
	im.refs = json_array();
	csv_reader_init(&rd, csv, len);
	got = csv_read(&rd, &rec, NULL);
	if (got <= 0) {
		if (got < 0)
			add_error(im.errors, rd.bad_line, "", NULL, "%s", rd.bad_why);
		else
			add_error(im.errors, 1, "", NULL,
				  "the file is empty: the first line must be the header naming the columns");
		goto done;
	}
	if (header(&im, &rec))
		goto done;

	/* Imported events are the actor "import"'s; the rules run as the
	 * console would (the admin role itself does no case work). */
	memcpy(actor, r->actor, sizeof(actor));
	memcpy(role, r->role, sizeof(role));
	if (begin_all(&im, e)) {
		fatal = 1;
		goto done;
	}
	snprintf(r->actor, sizeof(r->actor), "import");
	snprintf(r->role, sizeof(r->role), "system");
	while ((got = csv_read(&rd, &rec, NULL)) > 0) {
		if (blank_record(&rec))
			continue;
		rows++;
		if (fill_row(&im, &rec, w) || check_row(&im, w))
			continue;
		if (run_row(&im, w, e) < 0) {
			fatal = 1;
			break;
		}
	}
	if (got < 0 && !fatal)
		add_error(im.errors, rd.bad_line, "", NULL, "%s", rd.bad_why);
	memcpy(r->actor, actor, sizeof(actor));
	memcpy(r->role, role, sizeof(role));
	r->today = im.today;
	if (end_all(&im, !fatal && !dry_run && json_array_size(im.errors) == 0, e))
		fatal = 1;
done:
	csv_record_free(&rec);
	free(w);
	if (fatal) {
		json_decref(im.errors);
		json_decref(im.refs);
		return -1;
	}
	rc = json_array_size(im.errors) ? -1 : 0;
	if (rc) {
		json_array_clear(im.refs);
		err_set(e, RD_EINVAL, "", NULL,
			"%zu problem%s in the file; nothing was imported",
			json_array_size(im.errors), json_array_size(im.errors) == 1 ? "" : "s");
	}
	*report = json_pack("{s:i, s:i}", "rows", rows, "imported",
			    rc || dry_run ? 0 : (int)json_array_size(im.refs));
	if (dry_run) {
		json_object_set_new(*report, "dry_run", json_true());
		json_object_set_new(*report, "would_import",
				    json_integer(rc ? 0 : (json_int_t)json_array_size(im.refs)));
	}
	json_object_set_new(*report, "references", im.refs);
	json_object_set_new(*report, "errors", im.errors);
	return rc;
}

/* ---- export ----------------------------------------------------------- */

static int check_format(const char *format, struct rd_err *e)
{
	if (format && (!strcmp(format, "csv") || !strcmp(format, "json")))
		return 0;
	return err_set(e, RD_EINVAL, "format", NULL,
		       "the format is csv or json, not \"%s\"", format ? format : "");
}

static void set_cell(char **cell, enum col c, const char *s)
{
	free(cell[c]);
	cell[c] = s && *s ? xstrdup(s) : NULL;
}

static void set_yesno(char **cell, enum col c, const json_t *v)
{
	if (json_is_boolean(v))
		set_cell(cell, c, json_is_true(v) ? "yes" : "no");
}

/* One outcome for the stage: the decision's, or for several points
 * "upheld"/"not_upheld" when they agree and "partly_upheld" when not;
 * the reasons joined point by point. */
static void export_decisions(char **cell, enum col oc, enum col rc, const json_t *list)
{
	struct buf b = BUF_INIT;
	const char *first = NULL;
	int same = 1;
	size_t i;
	json_t *d;

	json_array_foreach(list, i, d) {
		const char *o = js_str0(d, "outcome");

		if (!first)
			first = o;
		else if (strcmp(first, o))
			same = 0;
		if (json_array_size(list) == 1)
			buf_puts(&b, js_str0(d, "reasons"));
		else
			buf_printf(&b, "%sPoint %zu (%s): %s", i ? "; " : "", i + 1, o,
				   js_str0(d, "reasons"));
	}
	if (first)
		set_cell(cell, oc, same ? first : "partly_upheld");
	set_cell(cell, rc, buf_str(&b));
	buf_free(&b);
}

/* The stage's extensions as one: the days in all, the reasons joined,
 * the date the resident was first told. */
static void export_extensions(char **cell, enum col days, enum col reason,
		       enum col good, enum col informed, const json_t *sj)
{
	struct buf rb = BUF_INIT, gb = BUF_INIT;
	char n[24];
	size_t i;
	json_t *x;

	if (!json_array_size(json_object_get(sj, "extensions")))
		return;
	snprintf(n, sizeof(n), "%lld", js_int(sj, "extended_days", 0));
	set_cell(cell, days, n);
	json_array_foreach(json_object_get(sj, "extensions"), i, x) {
		if (js_str(x, "reason"))
			buf_printf(&rb, "%s%s", rb.len ? "; " : "", js_str(x, "reason"));
		if (js_str(x, "good_reason"))
			buf_printf(&gb, "%s%s", gb.len ? "; " : "", js_str(x, "good_reason"));
		if (!i)
			set_cell(cell, informed, js_str(x, "resident_informed_on"));
	}
	set_cell(cell, reason, buf_str(&rb));
	set_cell(cell, good, buf_str(&gb));
	buf_free(&rb);
	buf_free(&gb);
}

static void export_definition(char **cell, const enum col c[6], const json_t *sj)
{
	const json_t *def = json_object_get(sj, "definition");
	const json_t *tri = json_object_get(sj, "triage");

	set_cell(cell, c[0], js_str(def, "summary"));
	set_cell(cell, c[1], js_str(def, "outcomes_sought"));
	set_cell(cell, c[2], js_str(def, "responsible"));
	set_cell(cell, c[3], js_str(def, "not_responsible"));
	set_yesno(cell, c[4], json_object_get(tri, "complex"));
	set_yesno(cell, c[5], json_object_get(tri, "vulnerable"));
}

/* A complaint's state as the cells of an import row. */
static void state_cells(const json_t *st, char **cell)
{
	static const enum col def1[6] = {
		C_SUMMARY, C_OUTCOMES, C_RESP, C_NOT_RESP, C_COMPLEX, C_VULNERABLE
	};
	static const enum col def2[6] = {
		C_S2_SUMMARY, C_S2_OUTCOMES, C_S2_RESP, C_S2_NOT_RESP, C_S2_COMPLEX,
		C_S2_VULNERABLE
	};
	const json_t *cp = json_object_get(st, "complainant");
	const json_t *s1 = cmp_stage(st, 1), *s2 = cmp_stage(st, 2);
	const json_t *rm = json_array_get(json_object_get(st, "remedies"), 0);
	const json_t *ac = json_array_get(json_object_get(st, "actions"), 0);
	const char *status = js_str0(st, "status");
	const json_t *ref = NULL;

	set_cell(cell, C_RECEIVED_ON, js_str(st, "received_on"));
	set_cell(cell, C_CHANNEL, js_str(st, "channel"));
	set_cell(cell, C_CATEGORY, js_str(st, "category"));
	set_cell(cell, C_DESCRIPTION, js_str(st, "description"));
	set_cell(cell, C_NAME, js_str(cp, "name"));
	set_cell(cell, C_EMAIL, js_str(cp, "email"));
	set_cell(cell, C_PHONE, js_str(cp, "phone"));
	set_cell(cell, C_ADDRESS, js_str(cp, "address"));
	set_cell(cell, C_ISSUE_DATE, js_str(st, "issue_date"));
	set_cell(cell, C_TENURE, js_str(st, "tenure"));
	set_cell(cell, C_ESTATE, js_str(st, "estate"));
	set_cell(cell, C_BUILDING, js_str(st, "building"));
	if (json_is_object(json_object_get(st, "representative"))) {
		const json_t *rep = json_object_get(st, "representative");

		set_cell(cell, C_REP_NAME, js_str(rep, "name"));
		set_cell(cell, C_REP_REL, js_str(rep, "relationship"));
		set_cell(cell, C_REP_CONSENT, js_str(rep, "consent_on"));
	}
	if (js_str(s1, "acknowledged_on")) {
		set_cell(cell, C_HANDLER, js_str(s1, "handler"));
		set_cell(cell, C_ACK_ON, js_str(s1, "acknowledged_on"));
		export_definition(cell, def1, s1);
		export_extensions(cell, C_EXT_DAYS, C_EXT_REASON, C_EXT_GOOD, C_EXT_INFORMED, s1);
	}
	if (js_str(s1, "responded_on")) {
		set_cell(cell, C_RESP_ON, js_str(s1, "responded_on"));
		export_decisions(cell, C_OUTCOME, C_REASONS, json_object_get(s1, "decisions"));
	}
	if (rm) {
		char amount[32];

		set_cell(cell, C_REM_TYPE, js_str(rm, "type"));
		set_cell(cell, C_REM_DESC, js_str(rm, "description"));
		if (json_is_number(json_object_get(rm, "amount"))) {
			snprintf(amount, sizeof(amount), "%.2f",
				 json_number_value(json_object_get(rm, "amount")));
			set_cell(cell, C_REM_AMOUNT, amount);
		}
		set_cell(cell, C_REM_DUE, js_str(rm, "due_on"));
		set_cell(cell, C_REM_DONE, js_str(rm, "completed_on"));
	}
	if (ac) {
		set_cell(cell, C_ACT_DESC, js_str(ac, "description"));
		set_cell(cell, C_ACT_DUE, js_str(ac, "due_on"));
		set_cell(cell, C_ACT_DONE, js_str(ac, "completed_on"));
	}
	if (s2) {
		set_cell(cell, C_S2_REQ, js_str(s2, "requested_on"));
		if (js_str(s2, "acknowledged_on")) {
			set_cell(cell, C_S2_HANDLER, js_str(s2, "handler"));
			set_cell(cell, C_S2_ACK, js_str(s2, "acknowledged_on"));
			export_definition(cell, def2, s2);
			export_extensions(cell, C_S2_EXT_DAYS, C_S2_EXT_REASON, C_S2_EXT_GOOD,
				   C_S2_EXT_INFORMED, s2);
		}
		if (js_str(s2, "responded_on")) {
			set_cell(cell, C_S2_RESP_ON, js_str(s2, "responded_on"));
			export_decisions(cell, C_S2_OUTCOME, C_S2_REASONS, json_object_get(s2, "decisions"));
		}
	}
	if (!strcmp(status, "closed"))
		set_cell(cell, C_CLOSED_ON, js_str(st, "closed_on"));
	if (!strcmp(status, "withdrawn")) {
		set_cell(cell, C_WD_ON, js_str(st, "withdrawn_on"));
		set_cell(cell, C_WD_REASON, js_str(st, "withdrawal_reason"));
	}
	if (!strcmp(status, "not_accepted"))
		ref = json_object_get(st, "refusal");
	else if (!strcmp(status, "escalation_refused"))
		ref = json_object_get(st, "escalation_refusal");
	if (ref) {
		set_cell(cell, C_REF_ON, js_str(ref, "refused_on"));
		set_cell(cell, C_REF_REASON, js_str(ref, "reason"));
		set_cell(cell, C_REF_EXPL, js_str(ref, "explanation"));
		set_yesno(cell, C_REF_DISC, json_object_get(ref, "discretion_considered"));
	}
}

struct export {
	const char *format;
	struct buf *out;
	int n;
	int bad;
	struct rd_err *e;
};

static int export_complaint(const char *stream, const char *state, void *ctx)
{
	struct export *x = ctx;
	json_error_t je;
	json_t *st = json_loads(state, 0, &je);

	if (!st) {
		x->bad = 1;
		err_set(x->e, RD_EIO, "", NULL, "the stored state of %s is not valid JSON", stream);
		return 1;
	}
	if (!strcmp(x->format, "json")) {
		char *text = json_dumps(st, JSON_INDENT(2) | JS_FLAGS);

		buf_puts(x->out, x->n ? ",\n" : "\n");
		buf_puts(x->out, text ? text : "null");
		free(text);
	} else {
		char *cell[NCOLS] = { NULL };

		state_cells(st, cell);
		csv_put_row(x->out, (const char *const *)cell, NCOLS, CSV_SPREADSHEET);
		for (int c = 0; c < NCOLS; c++)
			free(cell[c]);
	}
	x->n++;
	json_decref(st);
	return 0;
}

int xfer_export_complaints(struct rec *r, const char *format, struct buf *out,
			   struct rd_err *e)
{
	struct export x = { format, out, 0, 0, e };
	int rc;

	if (role_in(r, export_roles, "export complaints", e) || check_format(format, e))
		return -1;
	if (!strcmp(format, "csv")) {
		const char *names[NCOLS];

		for (int c = 0; c < NCOLS; c++)
			names[c] = columns[c].name;
		csv_put_row(out, names, NCOLS, 0);
	} else {
		buf_puts(out, "[");
	}
	rc = r->st->ops->states(r->st, "complaint", export_complaint, &x, e);
	if (rc < 0 || x.bad)
		return -1;
	if (!strcmp(format, "json"))
		buf_puts(out, x.n ? "\n]\n" : "]\n");
	return 0;
}

static int export_event(const struct store_event *ev, void *ctx)
{
	struct export *x = ctx;

	if (!strcmp(x->format, "json")) {
		json_t *p = json_loads(ev->payload, 0, NULL);
		json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s}",
				      "id", (json_int_t)ev->id, "stream", ev->stream,
				      "seq", (json_int_t)ev->seq, "type", ev->type,
				      "actor", ev->actor, "recorded_at", ev->recorded_at,
				      "effective_on", ev->effective_on,
				      "payload", p ? p : json_string(ev->payload),
				      "prev_hash", ev->prev_hash, "hash", ev->hash);
		char *text = o ? json_dumps(o, JSON_COMPACT | JS_FLAGS) : NULL;

		if (!text) {
			json_decref(o);
			x->bad = 1;
			err_set(x->e, RD_EIO, "", NULL, "event %lld of %s cannot be written as JSON",
				(long long)ev->seq, ev->stream);
			return 1;
		}
		buf_puts(x->out, x->n ? ",\n" : "\n");
		buf_puts(x->out, text);
		free(text);
		json_decref(o);
	} else {
		char id[24], seq[24];
		const char *cell[10];

		snprintf(id, sizeof(id), "%lld", (long long)ev->id);
		snprintf(seq, sizeof(seq), "%lld", (long long)ev->seq);
		cell[0] = id;
		cell[1] = ev->stream;
		cell[2] = seq;
		cell[3] = ev->type;
		cell[4] = ev->actor;
		cell[5] = ev->recorded_at;
		cell[6] = ev->effective_on;
		cell[7] = ev->payload;
		cell[8] = ev->prev_hash;
		cell[9] = ev->hash;
		csv_put_row(x->out, cell, 10, CSV_SPREADSHEET);
	}
	x->n++;
	return 0;
}

int xfer_export_events(struct rec *r, const char *format, struct buf *out,
		       struct rd_err *e)
{
	static const char *const names[] = {
		"id", "stream", "seq", "type", "actor", "recorded_at", "effective_on",
		"payload", "prev_hash", "hash"
	};
	struct export x = { format, out, 0, 0, e };

	if (role_in(r, export_roles, "export events", e) || check_format(format, e))
		return -1;
	if (!strcmp(format, "csv"))
		csv_put_row(out, names, 10, 0);
	else
		buf_puts(out, "[");
	if (r->st->ops->events(r->st, NULL, export_event, &x, e) < 0 || x.bad)
		return -1;
	if (!strcmp(format, "json"))
		buf_puts(out, x.n ? "\n]\n" : "]\n");
	return 0;
}
