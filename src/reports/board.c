/*
 * board.c - the board pack: one pass over the period's complaints and
 * facts, and the same definitions for the figures and for the cases
 * behind them.
 */
#include "reports/board.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "reports/oversight.h"
#include "reports/parallel.h"
#include "util/buf.h"
#include "util/json.h"

/* ---- the figures ---------------------------------------------------- */

/* Figures read from a complaint's row (a date of the complaint falls in
 * the period), then figures read from its facts. */
enum {
	M_RECEIVED, M_S2_REQUESTED,
	M_S1_ACK, M_S1_ACK_WITHIN, M_S1_ACK_LATE,
	M_S1_RESP, M_S1_WITHIN, M_S1_LATE, M_S1_WITHIN_ORIG,
	M_S1_UPHELD, M_S1_PARTLY, M_S1_NOT, M_S1_UPHELD_ANY,
	M_S2_ACK, M_S2_ACK_WITHIN, M_S2_ACK_LATE,
	M_S2_RESP, M_S2_WITHIN, M_S2_LATE, M_S2_WITHIN_ORIG,
	M_S2_UPHELD, M_S2_PARTLY, M_S2_NOT, M_S2_UPHELD_ANY,
	M_CLOSED, M_WITHDRAWN, M_REPEAT,
	/* for the self-assessment */
	M_S1_DEFINED, M_S1_NOT_DEFINED, M_S2_DEFINED, M_S2_NOT_DEFINED,
	M_S2_OTHER_HANDLER, M_S2_SAME_HANDLER, M_ABOUT_STAFF, M_HANDLER_SUBJECT,
	M_S1_UPHELD_NO_REMEDY, M_S2_UPHELD_NO_REMEDY,
	/* open and past the deadline, which fell in the period */
	M_S1_ACK_OVERDUE, M_S1_OVERDUE, M_S2_ACK_OVERDUE, M_S2_OVERDUE,
	NROW,
	M_REFUSED = NROW, M_ESC_REFUSED, M_REF_UNLISTED, M_REF_UNEXPLAINED,
	M_ESC_REF_UNLISTED, M_ESC_REF_UNEXPLAINED,
	M_EXT, M_EXT_S1, M_EXT_S2, M_EXT_WITHIN, M_EXT_BEYOND, M_EXT_S1_BEYOND,
	M_EXT_S2_BEYOND, M_EXT_S1_NO_REASON, M_EXT_S2_NO_REASON,
	M_REMEDIES, M_REM_FIN, M_REM_DONE, M_REM_S1, M_REM_OVERDUE,
	M_ACTIONS, M_ACT_DONE, M_ACT_OPEN, M_ACT_OVERDUE, M_ACT_S1, M_ACT_S1_OVERDUE,
	M_ACT_S2, M_ACT_S2_OVERDUE,
	NMET
};

static const char *const mname[NMET] = {
	"received", "stage2_requested",
	"s1_acknowledged", "s1_ack_within", "s1_ack_late",
	"s1_responses", "s1_within", "s1_late", "s1_within_original",
	"s1_upheld", "s1_partly_upheld", "s1_not_upheld", "s1_upheld_any",
	"s2_acknowledged", "s2_ack_within", "s2_ack_late",
	"s2_responses", "s2_within", "s2_late", "s2_within_original",
	"s2_upheld", "s2_partly_upheld", "s2_not_upheld", "s2_upheld_any",
	"closed", "withdrawn", "repeat",
	"s1_defined", "s1_not_defined", "s2_defined", "s2_not_defined",
	"s2_other_handler", "s2_same_handler", "about_staff", "handler_is_subject",
	"s1_upheld_without_remedy", "s2_upheld_without_remedy",
	"s1_ack_overdue", "s1_overdue", "s2_ack_overdue", "s2_overdue",
	"refused", "escalation_refused", "refusals_unlisted", "refusals_unexplained",
	"escalation_refusals_unlisted", "escalation_refusals_unexplained",
	"extensions", "s1_extensions", "s2_extensions", "extensions_within_code",
	"extensions_beyond_code", "s1_extensions_beyond_code", "s2_extensions_beyond_code",
	"s1_extensions_without_good_reason", "s2_extensions_without_good_reason",
	"remedies", "remedies_financial", "remedies_completed", "s1_remedies", "remedies_overdue",
	"actions", "actions_completed", "actions_open", "actions_overdue", "s1_actions",
	"s1_actions_overdue", "s2_actions", "s2_actions_overdue",
};

/* The fact kind a figure is read from (NULL: the complaint's row). */
static const char *fact_kind(int m)
{
	if (m < NROW)
		return NULL;
	if (m <= M_ESC_REF_UNEXPLAINED)
		return "refusal";
	if (m <= M_EXT_S2_NO_REASON)
		return "extension";
	if (m <= M_REM_OVERDUE)
		return "remedy";
	return "action";
}

enum { D_NONE, D_CATEGORY, D_MONTH, D_ESTATE, D_BUILDING, D_CODE, D_REASON, D_TYPE };

static const char *const dname[] = {
	"", "category", "month", "estate", "building", "code", "reason", "type", NULL
};

/* ---- a small string table ------------------------------------------- */

struct ent {
	long long *v;	/* "width" counts */
	const char *key;
	uint32_t h;	/* hash(key): a probe compares it before the key */
};

/* Entries' counts and keys are carved from chunks of TAB_CHUNK bytes (a
 * table of people holds hundreds of thousands). */
#define TAB_CHUNK 65536

struct tab {
	struct ent *e;
	size_t n, cap;
	int width;
	char **chunks;
	size_t nchunks;
	size_t left;	/* bytes left in the last chunk */
};

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static char *tab_alloc(struct tab *t, size_t size)
{
	size = (size + 7) & ~(size_t)7;	/* the counts stay aligned */
	if (size > t->left) {
		size_t csize = size > TAB_CHUNK ? size : TAB_CHUNK;	/* a long key: its own */

		t->chunks = xrealloc(t->chunks, (t->nchunks + 1) * sizeof(*t->chunks));
		t->chunks[t->nchunks++] = xcalloc(1, csize);
		t->left = csize;
	}
	t->left -= size;
	return t->chunks[t->nchunks - 1] + t->left;
}

static long long *tab_get(struct tab *t, const char *key)
{
	uint32_t h = hash(key);
	size_t i, len;
	char *block;

	if ((t->n + 1) * 2 > t->cap) {
		struct ent *old = t->e;
		size_t ocap = t->cap;

		t->cap = t->cap ? t->cap * 2 : 64;
		t->e = xcalloc(t->cap, sizeof(*t->e));
		for (i = 0; i < ocap; i++) {
			size_t j;

			if (!old[i].key)
				continue;
			for (j = old[i].h & (t->cap - 1); t->e[j].key; j = (j + 1) & (t->cap - 1))
				;
			t->e[j] = old[i];
		}
		free(old);
	}
	for (i = h & (t->cap - 1); t->e[i].key; i = (i + 1) & (t->cap - 1))
		if (t->e[i].h == h && !strcmp(t->e[i].key, key))
			return t->e[i].v;
	len = strlen(key);
	block = tab_alloc(t, (size_t)t->width * sizeof(long long) + len + 1);
	t->e[i].v = (long long *)block;
	t->e[i].key = block + (size_t)t->width * sizeof(long long);
	t->e[i].h = h;
	memcpy((char *)t->e[i].key, key, len);
	t->n++;
	return t->e[i].v;
}

static void tab_free(struct tab *t)
{
	for (size_t i = 0; i < t->nchunks; i++)
		free(t->chunks[i]);
	free(t->chunks);
	free(t->e);
	memset(t, 0, sizeof(*t));
}

/* The entries, sorted by count "m" (most first; then by key) or, with
 * m < 0, by key: a NULL-terminated array the caller frees.  The count is
 * copied beside each entry, so the sort needs no shared state (reports
 * run in several server threads at once). */
struct sorted {
	long long n;
	struct ent *e;
};

static int by_count(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->e->key, y->e->key);
}

static struct ent **tab_sorted(const struct tab *t, int m)
{
	struct sorted *s = xcalloc(t->n + 1, sizeof(*s));
	struct ent **l = xcalloc(t->n + 1, sizeof(*l));
	size_t k = 0;

	for (size_t i = 0; i < t->cap; i++)
		if (t->e[i].key) {
			s[k].n = m >= 0 ? t->e[i].v[m] : 0;
			s[k++].e = &t->e[i];
		}
	qsort(s, k, sizeof(*s), by_count);
	for (size_t i = 0; i < k; i++)
		l[i] = s[i].e;
	free(s);
	return l;
}

/* ---- periods --------------------------------------------------------- */

/* Months since year 0 of "YYYY-MM-DD" (a stored date, always well formed). */
static int month_no(const char *d)
{
	return ((d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0')) * 12 +
	       (d[5] - '0') * 10 + (d[6] - '0') - 1;
}

int board_period(int year, const char *from, const char *to,
		 struct board_period *p, struct rd_err *e)
{
	char a[DATE_STRLEN], b[DATE_STRLEN];

	memset(p, 0, sizeof(*p));
	if (year && (from || to))
		return err_set(e, RD_EINVAL, from ? "from" : "to", NULL,
			       "give a reporting year or a period from and to, not both");
	if (!year && !from && !to)
		return err_set(e, RD_EINVAL, "year", NULL, "a reporting year or a period is needed");
	if (year) {
		if (year < CAL_FIRST_YEAR || year >= CAL_LAST_YEAR ||
		    date_from_ymd(year, 4, 1, &p->from) || date_from_ymd(year + 1, 3, 31, &p->to))
			return err_set(e, RD_EINVAL, "year", NULL,
				       "year must be a reporting year from %d to %d", CAL_FIRST_YEAR,
				       CAL_LAST_YEAR - 1);
		p->year = year;
		snprintf(p->label, sizeof(p->label), "%d/%02d", year, (year + 1) % 100);
		return 0;
	}
	if (!from || date_parse(from, &p->from))
		return err_set(e, RD_EINVAL, "from", NULL,
			       "from must be a real date written YYYY-MM-DD%s", from ? "" : " (with to)");
	if (!to || date_parse(to, &p->to))
		return err_set(e, RD_EINVAL, "to", NULL,
			       "to must be a real date written YYYY-MM-DD%s", to ? "" : " (with from)");
	if (p->to < p->from)
		return err_set(e, RD_EINVAL, "to", NULL, "the period ends (%s) before it starts (%s)",
			       date_format(p->to, b), date_format(p->from, a));
	if (p->to - p->from > 3660)
		return err_set(e, RD_EINVAL, "to", NULL, "a period is at most 10 years long");
	{
		int y, m, d;

		date_to_ymd(p->from, &y, &m, &d);
		if (y < CAL_FIRST_YEAR)
			return err_set(e, RD_EINVAL, "from", NULL, "from is before %d", CAL_FIRST_YEAR);
		date_to_ymd(p->to, &y, &m, &d);
		if (y >= CAL_LAST_YEAR)
			return err_set(e, RD_EINVAL, "to", NULL, "to is after %d", CAL_LAST_YEAR - 1);
	}
	snprintf(p->label, sizeof(p->label), "%s to %s", date_format(p->from, a),
		 date_format(p->to, b));
	return 0;
}

/* The period before "p": the reporting year before, or as many days. */
static void previous(const struct board_period *p, struct board_period *prev)
{
	if (p->year) {
		board_period(p->year - 1 >= CAL_FIRST_YEAR ? p->year - 1 : p->year, NULL, NULL, prev, NULL);
		return;
	}
	memset(prev, 0, sizeof(*prev));
	prev->to = p->from - 1;
	prev->from = p->from - (p->to - p->from + 1);
}

/* ---- one pass -------------------------------------------------------- */

struct key {
	int dim;
	char value[200];
	int m;
};

struct acc {
	const json_t *policy;
	char from[DATE_STRLEN], to[DATE_STRLEN], today[DATE_STRLEN];
	/* the period before, whose complaints received are counted by
	 * category in the same pass ("" when not wanted) */
	char pfrom[DATE_STRLEN], pto[DATE_STRLEN];
	struct tab prev;
	long long prev_received;
	int month0, nmonths;
	long long tot[NMET];
	long long (*months)[NMET];
	long long codes[2][NMET];	/* 2022, 2024 */
	struct tab cats, estates, buildings, persons, refusal_reasons, ext_reasons, types;
	long long points[2][3];
	long long cpoints[2][2][3];	/* by Code (2022, 2024), stage, outcome */
	double financial;
	/* cases */
	const struct key *k;
	json_t *refs;
	int repeat_pass;
};

static int in(const struct acc *a, const char *d)
{
	return d && memcmp(d, a->from, DATE_STRLEN - 1) >= 0 && memcmp(d, a->to, DATE_STRLEN - 1) <= 0;
}

/* The day each row figure counts on, or NULL when it does not count in
 * the period. */
static void row_dates(const struct acc *a, const struct store_report_row *r, const char *d[NROW])
{
	const struct store_complaint_row *c = &r->c;
	const struct store_complaint_report *x = &r->x;
	const char *v;

	memset(d, 0, NROW * sizeof(*d));
	d[M_RECEIVED] = in(a, c->received_on) ? c->received_on : NULL;
	d[M_S2_REQUESTED] = in(a, c->s2_requested_on) ? c->s2_requested_on : NULL;
	if (in(a, v = c->s1_acknowledged_on)) {
		d[M_S1_ACK] = v;
		if (c->s1_ack_within >= 0)
			d[c->s1_ack_within ? M_S1_ACK_WITHIN : M_S1_ACK_LATE] = v;
	}
	if (in(a, v = c->s1_responded_on)) {
		d[M_S1_RESP] = v;
		if (c->s1_within >= 0)
			d[c->s1_within ? M_S1_WITHIN : M_S1_LATE] = v;
		if (c->s1_within_no_ext == 1)
			d[M_S1_WITHIN_ORIG] = v;
		if (x->s1_points[0])
			d[M_S1_UPHELD] = v;
		if (x->s1_points[1])
			d[M_S1_PARTLY] = v;
		if (x->s1_points[2])
			d[M_S1_NOT] = v;
		if (x->s1_points[0] || x->s1_points[1])
			d[M_S1_UPHELD_ANY] = v;
	}
	if (in(a, v = c->s2_acknowledged_on)) {
		d[M_S2_ACK] = v;
		if (x->s2_ack_within >= 0)
			d[x->s2_ack_within ? M_S2_ACK_WITHIN : M_S2_ACK_LATE] = v;
	}
	if (in(a, v = c->s2_responded_on)) {
		d[M_S2_RESP] = v;
		if (c->s2_within >= 0)
			d[c->s2_within ? M_S2_WITHIN : M_S2_LATE] = v;
		if (c->s2_within_no_ext == 1)
			d[M_S2_WITHIN_ORIG] = v;
		if (x->s2_points[0])
			d[M_S2_UPHELD] = v;
		if (x->s2_points[1])
			d[M_S2_PARTLY] = v;
		if (x->s2_points[2])
			d[M_S2_NOT] = v;
		if (x->s2_points[0] || x->s2_points[1])
			d[M_S2_UPHELD_ANY] = v;
	}
	d[M_CLOSED] = in(a, x->closed_on) ? x->closed_on : NULL;
	d[M_WITHDRAWN] = in(a, x->withdrawn_on) ? x->withdrawn_on : NULL;
	if (d[M_S1_ACK] && x->s1_defined >= 0)
		d[x->s1_defined ? M_S1_DEFINED : M_S1_NOT_DEFINED] = d[M_S1_ACK];
	if (d[M_S2_ACK] && x->s2_defined >= 0)
		d[x->s2_defined ? M_S2_DEFINED : M_S2_NOT_DEFINED] = d[M_S2_ACK];
	if (d[M_S2_ACK] && x->s2_other_handler >= 0)
		d[x->s2_other_handler ? M_S2_OTHER_HANDLER : M_S2_SAME_HANDLER] = d[M_S2_ACK];
	if (d[M_RECEIVED] && x->about_staff)
		d[M_ABOUT_STAFF] = d[M_RECEIVED];
	if (d[M_RECEIVED] && x->handler_is_subject)
		d[M_HANDLER_SUBJECT] = d[M_RECEIVED];
	if (d[M_S1_UPHELD_ANY] && !x->remedies)
		d[M_S1_UPHELD_NO_REMEDY] = d[M_S1_UPHELD_ANY];
	if (d[M_S2_UPHELD_ANY] && !x->remedies)
		d[M_S2_UPHELD_NO_REMEDY] = d[M_S2_UPHELD_ANY];
	if (c->open && in(a, c->due_on) && memcmp(c->due_on, a->today, DATE_STRLEN - 1) < 0) {
		static const struct { const char *status; int m; } due[] = {
			{ "received", M_S1_ACK_OVERDUE }, { "stage1", M_S1_OVERDUE },
			{ "stage2_requested", M_S2_ACK_OVERDUE }, { "stage2", M_S2_OVERDUE },
		};

		for (size_t i = 0; i < sizeof(due) / sizeof(due[0]); i++)
			if (!strcmp(c->status, due[i].status))
				d[due[i].m] = c->due_on;
	}
	/* a repeat complaint is one received in the period from someone
	 * with two or more received in it */
	d[M_REPEAT] = d[M_RECEIVED];
}

static int code_ix(int version)
{
	return version == 2022 ? 0 : 1;
}

static int on_row(const struct store_report_row *r, void *ctx)
{
	struct acc *a = ctx;
	const char *d[NROW];
	long long *cat, *est = NULL, *bld = NULL;
	long long *code = a->codes[code_ix(r->c.code_version)];

	row_dates(a, r, d);
	d[M_REPEAT] = NULL;	/* counted once the period is read */
	{
		int any = 0;

		for (int m = 0; m < NROW && !any; m++)
			any = d[m] != NULL;
		if (!any)
			return 0;
	}
	cat = tab_get(&a->cats, r->c.category);
	if (r->x.estate && *r->x.estate)
		est = tab_get(&a->estates, r->x.estate);
	if (r->x.building && *r->x.building)
		bld = tab_get(&a->buildings, r->x.building);
	for (int m = 0; m < NROW; m++) {
		if (!d[m])
			continue;
		a->tot[m]++;
		cat[m]++;
		code[m]++;
		if (est)
			est[m]++;
		if (bld)
			bld[m]++;
		a->months[month_no(d[m]) - a->month0][m]++;
	}
	if (d[M_S1_RESP])
		for (int k = 0; k < 3; k++) {
			a->points[0][k] += r->x.s1_points[k];
			a->cpoints[code_ix(r->c.code_version)][0][k] += r->x.s1_points[k];
		}
	if (d[M_S2_RESP])
		for (int k = 0; k < 3; k++) {
			a->points[1][k] += r->x.s2_points[k];
			a->cpoints[code_ix(r->c.code_version)][1][k] += r->x.s2_points[k];
		}
	if (d[M_RECEIVED] && r->c.person_id && *r->c.person_id)
		tab_get(&a->persons, r->c.person_id)[0]++;
	return 0;
}

/* 1 if "code" is an exclusion of the policy (or, for a refused
 * escalation, the escalation window). */
static int listed(const json_t *policy, const char *code, int stage)
{
	size_t i;
	json_t *x;

	if (!code)
		return 0;
	if (stage >= 2 && !strcmp(code, "escalation_out_of_time"))
		return 1;
	json_array_foreach(json_object_get(policy, "exclusions"), i, x)
		if (!strcmp(js_str0(x, "code"), code))
			return 1;
	return 0;
}

#define MAXF 8

/* The figures a fact counts in (at most MAXF). */
static int fact_figures(const struct acc *a, const struct store_fact *f, int out[MAXF])
{
	int n = 0, s1 = f->stage <= 1;

	if (!strcmp(f->kind, "refusal")) {
		out[n++] = s1 ? M_REFUSED : M_ESC_REFUSED;
		if (!listed(a->policy, f->code, f->stage))
			out[n++] = s1 ? M_REF_UNLISTED : M_ESC_REF_UNLISTED;
		if (!f->flag)
			out[n++] = s1 ? M_REF_UNEXPLAINED : M_ESC_REF_UNEXPLAINED;
	} else if (!strcmp(f->kind, "extension")) {
		out[n++] = M_EXT;
		out[n++] = s1 ? M_EXT_S1 : M_EXT_S2;
		out[n++] = f->flag ? M_EXT_BEYOND : M_EXT_WITHIN;
		if (f->flag)
			out[n++] = s1 ? M_EXT_S1_BEYOND : M_EXT_S2_BEYOND;
		if (f->flag && (!f->detail || !*f->detail))
			out[n++] = s1 ? M_EXT_S1_NO_REASON : M_EXT_S2_NO_REASON;
	} else if (!strcmp(f->kind, "remedy")) {
		out[n++] = M_REMEDIES;
		if (f->code && !strcmp(f->code, "financial"))
			out[n++] = M_REM_FIN;
		if (s1)
			out[n++] = M_REM_S1;
		if (f->completed_on)
			out[n++] = M_REM_DONE;
		else if (f->due_on && strcmp(f->due_on, a->today) < 0)
			out[n++] = M_REM_OVERDUE;
	} else if (!strcmp(f->kind, "action")) {
		out[n++] = M_ACTIONS;
		out[n++] = s1 ? M_ACT_S1 : M_ACT_S2;
		if (f->completed_on) {
			out[n++] = M_ACT_DONE;
		} else {
			out[n++] = M_ACT_OPEN;
			if (f->due_on && strcmp(f->due_on, a->today) < 0) {
				out[n++] = M_ACT_OVERDUE;
				out[n++] = s1 ? M_ACT_S1_OVERDUE : M_ACT_S2_OVERDUE;
			}
		}
	}
	return n;
}

static int on_fact(const struct store_fact *f, void *ctx)
{
	struct acc *a = ctx;
	int ms[MAXF], n = fact_figures(a, f, ms);
	struct tab *dim = !strcmp(f->kind, "refusal") ? &a->refusal_reasons
			: !strcmp(f->kind, "extension") ? &a->ext_reasons
			: !strcmp(f->kind, "remedy") ? &a->types : NULL;
	long long *dv = dim ? tab_get(dim, f->code ? f->code : "(none)") : NULL;
	long long *cat = tab_get(&a->cats, f->category ? f->category : "");

	for (int i = 0; i < n; i++) {
		a->tot[ms[i]]++;
		cat[ms[i]]++;
		a->months[month_no(f->on) - a->month0][ms[i]]++;
		if (dv)
			dv[ms[i]]++;
	}
	if (!strcmp(f->kind, "remedy") && f->code && !strcmp(f->code, "financial"))
		a->financial += f->amount;
	return 0;
}

static void acc_init(struct acc *a, struct rec *r, const struct board_period *p)
{
	memset(a, 0, sizeof(*a));
	a->policy = r->policy;
	date_format(p->from, a->from);
	date_format(p->to, a->to);
	date_format(r->today, a->today);
	a->month0 = month_no(a->from);
	a->nmonths = month_no(a->to) - a->month0 + 1;
	a->months = xcalloc((size_t)a->nmonths, sizeof(*a->months));
	a->cats.width = a->estates.width = a->buildings.width = NMET;
	a->refusal_reasons.width = a->ext_reasons.width = a->types.width = NMET;
	a->persons.width = 1;
	a->prev.width = 1;
}

static void acc_free(struct acc *a)
{
	free(a->months);
	tab_free(&a->cats);
	tab_free(&a->estates);
	tab_free(&a->buildings);
	tab_free(&a->persons);
	tab_free(&a->refusal_reasons);
	tab_free(&a->ext_reasons);
	tab_free(&a->types);
	tab_free(&a->prev);
}

static int supported(struct rec *r, struct rd_err *e)
{
	if (!r->st->ops->report_rows || !r->st->ops->facts || !r->st->ops->received_by_category)
		return err_set(e, RD_EIO, "", NULL,
			       "the %s store cannot give the board pack's figures yet",
			       r->st->ops->name);
	return 0;
}

static int on_previous(const char *category, long long n, void *ctx)
{
	struct acc *a = ctx;

	tab_get(&a->prev, category)[0] += n;
	a->prev_received += n;
	return 0;
}

/* The facts of the period (refusals, extensions, remedies, actions) into
 * "arg", an acc of its own (acc_for_facts): run beside the rows' pass. */
static int read_facts(struct rec *r, void *arg, struct rd_err *e)
{
	static const char *const kinds[] = { "refusal", "extension", "remedy", "action", NULL };
	struct acc *f = arg;

	for (int i = 0; kinds[i]; i++)
		if (r->st->ops->facts(r->st, kinds[i], f->from, f->to, on_fact, f, e) < 0)
			return -1;
	return 0;
}

static void acc_for_facts(struct acc *f, const struct acc *a)
{
	memset(f, 0, sizeof(*f));
	f->policy = a->policy;
	memcpy(f->from, a->from, sizeof(f->from));
	memcpy(f->to, a->to, sizeof(f->to));
	memcpy(f->today, a->today, sizeof(f->today));
	f->month0 = a->month0;
	f->nmonths = a->nmonths;
	f->months = xcalloc((size_t)f->nmonths, sizeof(*f->months));
	f->cats.width = NMET;
	f->refusal_reasons.width = f->ext_reasons.width = f->types.width = NMET;
}

static void tab_add(struct tab *to, const struct tab *from)
{
	for (size_t i = 0; i < from->cap; i++)
		if (from->e[i].key) {
			long long *v = tab_get(to, from->e[i].key);

			for (int m = 0; m < from->width; m++)
				v[m] += from->e[i].v[m];
		}
}

/* Adds the facts' figures to the rows'. */
static void acc_merge_facts(struct acc *a, const struct acc *f)
{
	for (int m = 0; m < NMET; m++) {
		a->tot[m] += f->tot[m];
		for (int i = 0; i < a->nmonths; i++)
			a->months[i][m] += f->months[i][m];
	}
	tab_add(&a->cats, &f->cats);
	tab_add(&a->refusal_reasons, &f->refusal_reasons);
	tab_add(&a->ext_reasons, &f->ext_reasons);
	tab_add(&a->types, &f->types);
	a->financial += f->financial;
}

/* The period's rows and facts, and with a->pfrom set the complaints
 * received in the period before, by category.  The facts are read beside
 * the rows, through a second connection (reports/parallel.h). */
static int read_period(struct rec *r, struct acc *a, struct rd_err *e)
{
	struct acc f;
	struct par p;
	int rc;

	if (supported(r, e))
		return -1;
	acc_for_facts(&f, a);
	par_start(&p, r, read_facts, &f);
	rc = r->st->ops->report_rows(r->st, a->from, a->to, on_row, a, e) < 0 ||
	     (a->pfrom[0] &&
	      r->st->ops->received_by_category(r->st, a->pfrom, a->pto, on_previous, a, e) < 0);
	if (par_join(&p, rc ? NULL : e))
		rc = -1;
	if (!rc)
		acc_merge_facts(a, &f);
	acc_free(&f);
	return rc ? -1 : 0;
}

/* ---- the report ------------------------------------------------------ */

json_t *board_ratio(long long num, long long den, double scale)
{
	if (den <= 0)
		return json_null();
	return json_real(round(num * scale * 10.0 / den) / 10.0);
}

static json_t *figures(const long long *v, const int *ms, int n)
{
	json_t *o = json_object();

	for (int i = 0; i < n; i++)
		json_object_set_new(o, mname[ms[i]], json_integer(v[ms[i]]));
	return o;
}

static json_t *timescales(const struct acc *a)
{
	static const struct {
		const char *measure, *clause, *what;
		int total, within, late, orig, overdue;
	} sc[] = {
		{ "s1_acknowledgement", "6.2",
		  "Stage 1 acknowledged, defined and logged within 5 working days of receipt (2022 Code: 5 days)",
		  M_S1_ACK, M_S1_ACK_WITHIN, M_S1_ACK_LATE, -1, M_S1_ACK_OVERDUE },
		{ "s1_response", "6.3",
		  "Stage 1 response within 10 working days of the acknowledgement (2022 Code: of logging), moved by any extension the Code permits",
		  M_S1_RESP, M_S1_WITHIN, M_S1_LATE, M_S1_WITHIN_ORIG, M_S1_OVERDUE },
		{ "s2_acknowledgement", "6.11",
		  "Stage 2 acknowledged, defined and logged within 5 working days of the escalation request (the 2022 Code set no limit)",
		  M_S2_ACK, M_S2_ACK_WITHIN, M_S2_ACK_LATE, -1, M_S2_ACK_OVERDUE },
		{ "s2_response", "6.14",
		  "Stage 2 response within 20 working days of the acknowledgement (2022 Code: of the request), moved by any extension the Code permits",
		  M_S2_RESP, M_S2_WITHIN, M_S2_LATE, M_S2_WITHIN_ORIG, M_S2_OVERDUE },
	};
	json_t *l = json_array();

	for (size_t i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
		long long t = a->tot[sc[i].total], w = a->tot[sc[i].within], late = a->tot[sc[i].late];
		json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:o}",
			"measure", sc[i].measure, "clause", sc[i].clause, "description", sc[i].what,
			"total", (json_int_t)t, "within", (json_int_t)w, "late", (json_int_t)late,
			"no_deadline", (json_int_t)(t - w - late), "percent", board_ratio(w, w + late, 100.0));
		json_t *cases = json_pack("{s:s, s:s, s:s}", "total", mname[sc[i].total],
					  "within", mname[sc[i].within], "late", mname[sc[i].late]);

		/* not done yet, and the deadline in the period has passed */
		json_object_set_new(o, "overdue_not_done", json_integer(a->tot[sc[i].overdue]));
		json_object_set_new(cases, "overdue_not_done", json_string(mname[sc[i].overdue]));
		if (sc[i].orig >= 0) {
			json_object_set_new(o, "within_without_extension",
					    json_integer(a->tot[sc[i].orig]));
			json_object_set_new(cases, "within_without_extension",
					    json_string(mname[sc[i].orig]));
		}
		json_object_set_new(o, "cases", cases);
		json_array_append_new(l, o);
	}
	return l;
}

static json_t *outcomes(const struct acc *a, int s)
{
	int resp = s ? M_S2_RESP : M_S1_RESP, any = s ? M_S2_UPHELD_ANY : M_S1_UPHELD_ANY;
	const long long *pt = a->points[s];
	char k[4][32];

	snprintf(k[0], sizeof(k[0]), "%s", mname[s ? M_S2_UPHELD : M_S1_UPHELD]);
	snprintf(k[1], sizeof(k[1]), "%s", mname[s ? M_S2_PARTLY : M_S1_PARTLY]);
	snprintf(k[2], sizeof(k[2]), "%s", mname[s ? M_S2_NOT : M_S1_NOT]);
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:{s:s, s:s, s:s, s:s, s:s}}",
		"responses", (json_int_t)a->tot[resp],
		"points", (json_int_t)(pt[0] + pt[1] + pt[2]),
		"upheld", (json_int_t)pt[0], "partly_upheld", (json_int_t)pt[1],
		"not_upheld", (json_int_t)pt[2],
		"complaints_upheld", (json_int_t)a->tot[any],
		"uphold_rate", board_ratio(a->tot[any], a->tot[resp], 100.0),
		"cases", "responses", mname[resp], "upheld", k[0], "partly_upheld", k[1],
		"not_upheld", k[2], "complaints_upheld", mname[any]);
}

static json_t *categories(struct acc *a, struct tab *prev)
{
	static const int ms[] = {
		M_RECEIVED, M_S2_REQUESTED, M_S1_RESP, M_S1_UPHELD_ANY, M_S2_RESP, M_S2_UPHELD_ANY,
		M_REFUSED
	};
	struct tab all = { .width = 1 };
	struct ent **l;
	json_t *out = json_array();

	/* Every category with a figure now or a complaint before. */
	for (size_t i = 0; i < a->cats.cap; i++) {
		int any = 0;

		if (!a->cats.e[i].key)
			continue;
		for (size_t j = 0; j < sizeof(ms) / sizeof(ms[0]); j++)
			any |= a->cats.e[i].v[ms[j]] != 0;
		if (any)
			tab_get(&all, a->cats.e[i].key)[0] += a->cats.e[i].v[M_RECEIVED];
	}
	for (size_t i = 0; i < prev->cap; i++)
		if (prev->e[i].key)
			tab_get(&all, prev->e[i].key);
	l = tab_sorted(&all, 0);
	for (size_t i = 0; l[i]; i++) {
		const char *name = l[i]->key;
		long long *v = tab_get(&a->cats, name);
		long long before = tab_get(prev, name)[0];
		json_t *o = json_pack("{s:s}", "category", name);

		for (size_t j = 0; j < sizeof(ms) / sizeof(ms[0]); j++)
			json_object_set_new(o, mname[ms[j]], json_integer(v[ms[j]]));
		json_object_set_new(o, "previous_received", json_integer(before));
		json_object_set_new(o, "change", json_integer(v[M_RECEIVED] - before));
		json_array_append_new(out, o);
	}
	free(l);
	tab_free(&all);
	return out;
}

static json_t *months(const struct acc *a)
{
	static const int ms[] = {
		M_RECEIVED, M_S2_REQUESTED, M_S1_RESP, M_S1_WITHIN, M_S1_LATE, M_S2_RESP,
		M_S2_WITHIN, M_S2_LATE, M_REFUSED, M_EXT
	};
	json_t *l = json_array();

	for (int i = 0; i < a->nmonths; i++) {
		char label[16];
		int mn = a->month0 + i;
		json_t *o;

		snprintf(label, sizeof(label), "%04d-%02d", mn / 12, mn % 12 + 1);
		o = figures(a->months[i], ms, (int)(sizeof(ms) / sizeof(ms[0])));
		json_object_set_new(o, "month", json_string(label));
		json_array_append_new(l, o);
	}
	return l;
}

/* The first "max" entries by received, with the key's name. */
static json_t *hotspots(const struct tab *t, const char *what, size_t max)
{
	static const int ms[] = { M_RECEIVED, M_S2_REQUESTED, M_S1_UPHELD_ANY };
	struct ent **l = tab_sorted(t, M_RECEIVED);
	json_t *out = json_array();

	for (size_t i = 0; l[i] && i < max; i++) {
		json_t *o;

		if (!l[i]->v[M_RECEIVED])
			break;
		o = figures(l[i]->v, ms, (int)(sizeof(ms) / sizeof(ms[0])));
		json_object_set_new(o, what, json_string(l[i]->key));
		json_array_append_new(out, o);
	}
	free(l);
	return out;
}

static json_t *reasons(const struct tab *t, const int *ms, int n, const char *what,
		       const json_t *policy, size_t max, long long *others)
{
	struct ent **l = tab_sorted(t, ms[0]);
	json_t *out = json_array();

	*others = 0;
	for (size_t i = 0; l[i]; i++) {
		json_t *o;
		const json_t *ex;
		size_t j;
		json_t *x;

		if (i >= max) {
			*others += l[i]->v[ms[0]];
			continue;
		}
		o = figures(l[i]->v, ms, n);
		json_object_set_new(o, what, json_string(l[i]->key));
		if (policy) {
			ex = NULL;
			json_array_foreach(json_object_get(policy, "exclusions"), j, x)
				if (!strcmp(js_str0(x, "code"), l[i]->key))
					ex = x;
			json_object_set_new(o, "text", ex ? json_string(js_str0(ex, "text"))
					    : json_string("(no longer in the policy)"));
		}
		json_array_append_new(out, o);
	}
	free(l);
	return out;
}

static json_t *all_figures(const long long *v, int n)
{
	json_t *o = json_object();

	for (int m = 0; m < n; m++)
		json_object_set_new(o, mname[m], json_integer(v[m]));
	return o;
}

static json_t *points(const long long p[2][3])
{
	return json_pack("{s:[I, I, I], s:[I, I, I]}",
		"stage1", (json_int_t)p[0][0], (json_int_t)p[0][1], (json_int_t)p[0][2],
		"stage2", (json_int_t)p[1][0], (json_int_t)p[1][1], (json_int_t)p[1][2]);
}

/* The figures other reports read, from a period's accumulators. */
static json_t *figures_of(const struct acc *a, long long people)
{
	return json_pack("{s:o, s:{s:o, s:o}, s:o, s:{s:o, s:o}, s:f, s:I}",
		"all", all_figures(a->tot, NMET),
		"by_code", "2022", all_figures(a->codes[0], NROW), "2024", all_figures(a->codes[1], NROW),
		"points", points(a->points),
		"points_by_code", "2022", points(a->cpoints[0]), "2024", points(a->cpoints[1]),
		"financial_total", round(a->financial * 100.0) / 100.0,
		"repeat_people", (json_int_t)people);
}

int board_report(struct rec *r, const struct board_period *p, json_t **out,
		 struct rd_err *e)
{
	return board_report_figures(r, p, out, NULL, e);
}

int board_report_figures(struct rec *r, const struct board_period *p, json_t **out,
			 json_t **figs, struct rd_err *e)
{
	struct acc a;
	struct board_period pp;
	long long homes = js_int(r->policy, "homes", 0), people = 0, repeat = 0, others;
	json_t *rep;
	char pf[DATE_STRLEN], pt[DATE_STRLEN];

	*out = NULL;
	acc_init(&a, r, p);
	previous(p, &pp);
	date_format(pp.from, a.pfrom);
	date_format(pp.to, a.pto);
	if (read_period(r, &a, e)) {
		acc_free(&a);
		return -1;
	}
	for (size_t i = 0; i < a.persons.cap; i++)
		if (a.persons.e[i].key && a.persons.e[i].v[0] >= 2) {
			people++;
			repeat += a.persons.e[i].v[0];
		}
	a.tot[M_REPEAT] = repeat;

	rep = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}",
		"report", "board", "organisation", js_str0(r->policy, "organisation"),
		"period", p->label, "from", a.from, "to", a.to, "homes", (json_int_t)homes);
	json_object_set_new(rep, "previous_period", json_pack("{s:s, s:s, s:I}",
		"from", date_format(pp.from, pf), "to", date_format(pp.to, pt),
		"received", (json_int_t)a.prev_received));
	{
		static const int ms[] = {
			M_RECEIVED, M_REFUSED, M_S2_REQUESTED, M_ESC_REFUSED, M_S1_RESP, M_S2_RESP,
			M_CLOSED, M_WITHDRAWN
		};
		json_t *v = figures(a.tot, ms, (int)(sizeof(ms) / sizeof(ms[0])));

		json_object_set_new(v, "per_1000_homes", json_pack("{s:o, s:o}",
			"received", board_ratio(a.tot[M_RECEIVED], homes, 1000.0),
			"stage2_requested", board_ratio(a.tot[M_S2_REQUESTED], homes, 1000.0)));
		json_object_set_new(v, "by_code", json_pack("{s:{s:I, s:I, s:I}, s:{s:I, s:I, s:I}}",
			"2022", "received", (json_int_t)a.codes[0][M_RECEIVED],
			"s1_responses", (json_int_t)a.codes[0][M_S1_RESP],
			"s2_responses", (json_int_t)a.codes[0][M_S2_RESP],
			"2024", "received", (json_int_t)a.codes[1][M_RECEIVED],
			"s1_responses", (json_int_t)a.codes[1][M_S1_RESP],
			"s2_responses", (json_int_t)a.codes[1][M_S2_RESP]));
		json_object_set_new(rep, "volumes", v);
	}
	json_object_set_new(rep, "outcomes", json_pack("{s:o, s:o}",
		"stage1", outcomes(&a, 0), "stage2", outcomes(&a, 1)));
	json_object_set_new(rep, "timescales", timescales(&a));
	{
		static const int ms[] = {
			M_EXT, M_EXT_S1, M_EXT_S2, M_EXT_WITHIN, M_EXT_BEYOND
		};
		static const int rs[] = { M_EXT, M_EXT_BEYOND };
		json_t *x = figures(a.tot, ms, (int)(sizeof(ms) / sizeof(ms[0])));

		json_object_set_new(x, "reasons", reasons(&a.ext_reasons, rs, 2, "reason", NULL, 20,
							  &others));
		json_object_set_new(x, "other_reasons", json_integer(others));
		json_object_set_new(rep, "extensions", x);
	}
	{
		static const int ms[] = { M_REFUSED, M_ESC_REFUSED };
		json_t *x = figures(a.tot, ms, 2);

		json_object_set_new(x, "reasons", reasons(&a.refusal_reasons, ms, 2, "reason",
							  r->policy, 100, &others));
		json_object_set_new(rep, "refusals", x);
	}
	json_object_set_new(rep, "months", months(&a));
	json_object_set_new(rep, "categories", categories(&a, &a.prev));
	json_object_set_new(rep, "repeat_complainants", json_pack("{s:I, s:I}",
		"people", (json_int_t)people, "repeat", (json_int_t)repeat));
	json_object_set_new(rep, "hotspots", json_pack("{s:o, s:o}",
		"estates", hotspots(&a.estates, "estate", 10),
		"buildings", hotspots(&a.buildings, "building", 10)));
	{
		static const int ms[] = { M_REMEDIES, M_REM_FIN, M_REM_DONE };
		static const int ts[] = { M_REMEDIES };
		json_t *x = figures(a.tot, ms, 3);

		json_object_set_new(x, "financial_total", json_real(round(a.financial * 100.0) / 100.0));
		json_object_set_new(x, "types", reasons(&a.types, ts, 1, "type", NULL, 100, &others));
		json_object_set_new(rep, "remedies", x);
	}
	{
		static const int ms[] = { M_ACTIONS, M_ACT_DONE, M_ACT_OPEN, M_ACT_OVERDUE };
		json_t *x = figures(a.tot, ms, 4);

		json_object_set_new(x, "as_at", json_string(a.today));
		json_object_set_new(rep, "actions", x);
	}
	{
		json_t *ov;

		if (ovs_report(r, a.from, a.to, &ov, e)) {
			acc_free(&a);
			json_decref(rep);
			return -1;
		}
		json_object_update(rep, ov);
		json_decref(ov);
	}
	json_object_set_new(rep, "cases", json_string(
		"Every figure links to its cases: redress report board --cases KEY (or ?cases=KEY), where "
		"KEY is the figure's name (received, s1_late, extensions_beyond_code, ...), or the name "
		"after DIMENSION:VALUE: for a table's figure: category:repairs:received, "
		"month:2025-04:s1_responses, estate:Riverside:received, building:Kestrel Tower:received, "
		"code:2022:s1_late, reason:legal_proceedings:refused, type:financial:remedies"));
	if (figs)
		*figs = figures_of(&a, people);
	acc_free(&a);
	*out = rep;
	return 0;
}

int board_figures(struct rec *r, const struct board_period *p, json_t **out,
		  struct rd_err *e)
{
	struct acc a;
	long long people = 0, repeat = 0;

	*out = NULL;
	acc_init(&a, r, p);
	if (read_period(r, &a, e)) {
		acc_free(&a);
		return -1;
	}
	for (size_t i = 0; i < a.persons.cap; i++)
		if (a.persons.e[i].key && a.persons.e[i].v[0] >= 2) {
			people++;
			repeat += a.persons.e[i].v[0];
		}
	a.tot[M_REPEAT] = repeat;
	*out = figures_of(&a, people);
	acc_free(&a);
	return 0;
}

/* ---- the cases behind a figure --------------------------------------- */

int board_is_figure(const char *name)
{
	for (int i = 0; name && i < NMET; i++)
		if (!strcmp(mname[i], name))
			return 1;
	return 0;
}

static int parse_key(const char *s, struct key *k, struct rd_err *e)
{
	const char *first = strchr(s, ':'), *last = strrchr(s, ':'), *m;
	int i;

	memset(k, 0, sizeof(*k));
	k->m = -1;
	m = last ? last + 1 : s;
	for (i = 0; i < NMET; i++)
		if (!strcmp(mname[i], m))
			k->m = i;
	if (k->m < 0)
		return err_set(e, RD_EINVAL, "cases", NULL,
			       "unknown figure \"%.60s\": a key is a figure's name (received, s1_late, "
			       "s2_ack_late, refused, extensions_beyond_code, remedies, actions_overdue, "
			       "repeat, ...), or DIMENSION:VALUE:FIGURE; the CSV format lists every "
			       "figure with its key", m);
	if (!first)
		return 0;
	if (first == last || (size_t)(last - first - 1) >= sizeof(k->value))
		return err_set(e, RD_EINVAL, "cases", NULL,
			       "a key is FIGURE or DIMENSION:VALUE:FIGURE, not \"%s\"", s);
	for (i = 1; dname[i]; i++)
		if (strlen(dname[i]) == (size_t)(first - s) && !strncmp(dname[i], s, (size_t)(first - s)))
			k->dim = i;
	memcpy(k->value, first + 1, (size_t)(last - first - 1));
	if (!k->dim)
		return err_set(e, RD_EINVAL, "cases", NULL,
			       "unknown dimension \"%.*s\": use category, month, estate, building, code, reason or type",
			       (int)(first - s), s);
	{
		const char *kind = fact_kind(k->m);
		int ok = k->dim == D_CATEGORY || k->dim == D_MONTH;

		if (!kind)
			ok |= k->dim == D_ESTATE || k->dim == D_BUILDING || k->dim == D_CODE;
		else if (!strcmp(kind, "refusal") || !strcmp(kind, "extension"))
			ok |= k->dim == D_REASON;
		else if (!strcmp(kind, "remedy"))
			ok |= k->dim == D_TYPE;
		if (!ok)
			return err_set(e, RD_EINVAL, "cases", NULL, "%s cannot be narrowed by %s",
				       mname[k->m], dname[k->dim]);
	}
	if (k->dim == D_MONTH) {
		date_t d;
		char day[DATE_STRLEN];

		memcpy(day, k->value, 7);
		memcpy(day + 7, "-01", 4);
		if (strlen(k->value) != 7 || date_parse(day, &d))
			return err_set(e, RD_EINVAL, "cases", NULL, "a month is written YYYY-MM, not \"%s\"",
				       k->value);
	}
	return 0;
}

static int matches(const struct key *k, const char *category, const char *estate,
		   const char *building, int code, const char *fact_code, const char *day)
{
	switch (k->dim) {
	case D_CATEGORY:
		return category && !strcmp(category, k->value);
	case D_MONTH:
		return day && !strncmp(day, k->value, 7);
	case D_ESTATE:
		return estate && !strcmp(estate, k->value);
	case D_BUILDING:
		return building && !strcmp(building, k->value);
	case D_CODE:
		return code == atoi(k->value);
	case D_REASON:
	case D_TYPE:
		return fact_code && !strcmp(fact_code, k->value);
	}
	return 1;
}

static int case_row(const struct store_report_row *r, void *ctx)
{
	struct acc *a = ctx;
	const char *d[NROW];

	row_dates(a, r, d);
	if (a->repeat_pass == 1) {
		if (d[M_RECEIVED] && r->c.person_id && *r->c.person_id)
			tab_get(&a->persons, r->c.person_id)[0]++;
		return 0;
	}
	if (!d[a->k->m] || !matches(a->k, r->c.category, r->x.estate, r->x.building,
				    r->c.code_version, NULL, d[a->k->m]))
		return 0;
	if (a->k->m == M_REPEAT && (!r->c.person_id || !*r->c.person_id ||
				    tab_get(&a->persons, r->c.person_id)[0] < 2))
		return 0;
	json_array_append_new(a->refs, json_string(r->c.reference));
	return 0;
}

static int case_fact(const struct store_fact *f, void *ctx)
{
	struct acc *a = ctx;
	int ms[MAXF], n = fact_figures(a, f, ms), hit = 0;

	for (int i = 0; i < n; i++)
		hit |= ms[i] == a->k->m;
	if (hit && matches(a->k, f->category, NULL, NULL, 0, f->code, f->on))
		json_array_append_new(a->refs, json_string(f->reference));
	return 0;
}

static int by_string(const void *x, const void *y)
{
	return strcmp(json_string_value(*(json_t *const *)x), json_string_value(*(json_t *const *)y));
}

/* Sorted, each reference once. */
static json_t *sorted_unique(json_t *refs)
{
	size_t n = json_array_size(refs), i;
	json_t **v = xcalloc(n + 1, sizeof(*v)), *out = json_array();

	for (i = 0; i < n; i++)
		v[i] = json_array_get(refs, i);
	qsort(v, n, sizeof(*v), by_string);
	for (i = 0; i < n; i++)
		if (!i || strcmp(json_string_value(v[i]), json_string_value(v[i - 1])))
			json_array_append(out, v[i]);
	free(v);
	return out;
}

int board_cases(struct rec *r, const struct board_period *p, const char *key,
		json_t **refs, struct rd_err *e)
{
	struct key k;
	struct acc a;
	const char *kind;
	int rc;

	*refs = NULL;
	if (parse_key(key ? key : "", &k, e) || supported(r, e))
		return -1;
	acc_init(&a, r, p);
	a.k = &k;
	a.refs = json_array();
	kind = fact_kind(k.m);
	if (kind) {
		rc = r->st->ops->facts(r->st, kind, a.from, a.to, case_fact, &a, e);
	} else {
		rc = 0;
		if (k.m == M_REPEAT) {
			a.repeat_pass = 1;
			rc = r->st->ops->report_rows(r->st, a.from, a.to, case_row, &a, e);
			a.repeat_pass = 2;
		}
		if (rc >= 0)
			rc = r->st->ops->report_rows(r->st, a.from, a.to, case_row, &a, e);
	}
	if (rc < 0) {
		json_decref(a.refs);
		acc_free(&a);
		return -1;
	}
	*refs = sorted_unique(a.refs);
	json_decref(a.refs);
	acc_free(&a);
	return 0;
}

/* ---- CSV and text ---------------------------------------------------- */

static void csv_cell(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n")) {
		buf_puts(b, "\"");
		for (; *s; s++)
			buf_printf(b, *s == '"' ? "\"\"" : "%c", *s);
		buf_puts(b, "\"");
	} else {
		buf_puts(b, s);
	}
}

static void csv_line(struct buf *b, const char *section, const char *item, const char *figure,
		     const json_t *value, const char *dim, const char *key)
{
	csv_cell(b, section);
	buf_puts(b, ",");
	csv_cell(b, item ? item : "");
	buf_puts(b, ",");
	csv_cell(b, figure);
	buf_puts(b, ",");
	if (json_is_integer(value))
		buf_printf(b, "%lld", (long long)json_integer_value(value));
	else if (json_is_number(value))
		buf_printf(b, !strcmp(figure, "financial_total") ? "%.2f" : "%.1f",
			   json_number_value(value));
	buf_puts(b, ",");
	if (key) {
		struct buf k = BUF_INIT;

		if (dim && item)
			buf_printf(&k, "%s:%s:", dim, item);
		buf_puts(&k, key);
		csv_cell(b, buf_str(&k));
		buf_free(&k);
	}
	buf_puts(b, "\r\n");
}

/* Each number of object "o" whose name is a figure's. */
static void csv_figures(struct buf *b, const char *section, const char *item, const json_t *o,
			const char *dim)
{
	const char *name;
	json_t *v;

	json_object_foreach((json_t *)o, name, v) {
		int known = 0;

		if (!json_is_number(v))
			continue;
		for (int i = 0; i < NMET; i++)
			known |= !strcmp(mname[i], name);
		csv_line(b, section, item, name, v, dim, known ? name : NULL);
	}
}

char *board_csv(const json_t *rep)
{
	struct buf b = BUF_INIT;
	const json_t *x, *v;
	size_t i;
	const char *name;

	buf_puts(&b, "section,item,figure,value,cases\r\n");
	csv_figures(&b, "volumes", NULL, json_object_get(rep, "volumes"), NULL);
	x = json_object_get(json_object_get(rep, "volumes"), "per_1000_homes");
	csv_line(&b, "volumes", "per_1000_homes", "received", json_object_get(x, "received"), NULL, NULL);
	csv_line(&b, "volumes", "per_1000_homes", "stage2_requested",
		 json_object_get(x, "stage2_requested"), NULL, NULL);
	json_object_foreach(json_object_get(rep, "outcomes"), name, x) {
		const json_t *cases = json_object_get(x, "cases");
		const char *f;

		json_object_foreach((json_t *)x, f, v)
			if (json_is_number(v))
				csv_line(&b, "outcomes", name, f, v, NULL, js_str(cases, f));
	}
	json_array_foreach(json_object_get(rep, "timescales"), i, x) {
		const json_t *cases = json_object_get(x, "cases");
		const char *f;

		json_object_foreach((json_t *)x, f, v)
			if (json_is_number(v))
				csv_line(&b, "timescales", js_str0(x, "measure"), f, v, NULL, js_str(cases, f));
	}
	csv_figures(&b, "extensions", NULL, json_object_get(rep, "extensions"), NULL);
	json_array_foreach(json_object_get(json_object_get(rep, "extensions"), "reasons"), i, x)
		csv_figures(&b, "extension_reasons", js_str0(x, "reason"), x, "reason");
	csv_figures(&b, "refusals", NULL, json_object_get(rep, "refusals"), NULL);
	json_array_foreach(json_object_get(json_object_get(rep, "refusals"), "reasons"), i, x)
		csv_figures(&b, "refusal_reasons", js_str0(x, "reason"), x, "reason");
	json_array_foreach(json_object_get(rep, "months"), i, x)
		csv_figures(&b, "months", js_str0(x, "month"), x, "month");
	json_array_foreach(json_object_get(rep, "categories"), i, x)
		csv_figures(&b, "categories", js_str0(x, "category"), x, "category");
	csv_figures(&b, "repeat_complainants", NULL, json_object_get(rep, "repeat_complainants"), NULL);
	json_array_foreach(json_object_get(json_object_get(rep, "hotspots"), "estates"), i, x)
		csv_figures(&b, "estates", js_str0(x, "estate"), x, "estate");
	json_array_foreach(json_object_get(json_object_get(rep, "hotspots"), "buildings"), i, x)
		csv_figures(&b, "buildings", js_str0(x, "building"), x, "building");
	csv_figures(&b, "remedies", NULL, json_object_get(rep, "remedies"), NULL);
	json_array_foreach(json_object_get(json_object_get(rep, "remedies"), "types"), i, x)
		csv_figures(&b, "remedy_types", js_str0(x, "type"), x, "type");
	csv_figures(&b, "actions", NULL, json_object_get(rep, "actions"), NULL);
	ovs_csv(&b, rep);
	return buf_detach(&b);
}

static void pct(struct buf *b, const json_t *v)
{
	if (json_is_number(v))
		buf_printf(b, "%.1f%%", json_number_value(v));
	else
		buf_puts(b, "-");
}

char *board_text(const json_t *rep)
{
	struct buf b = BUF_INIT;
	const json_t *v = json_object_get(rep, "volumes"), *x, *o;
	size_t i;

	buf_printf(&b, "Board and Member Responsible for Complaints pack, %s (%s to %s)\n%s, %lld homes\n\n",
		   js_str0(rep, "period"), js_str0(rep, "from"), js_str0(rep, "to"),
		   js_str0(rep, "organisation"), js_int(rep, "homes", 0));
	buf_printf(&b, "Volumes\n  received %lld (refused %lld); stage 2 requested %lld (refused %lld)\n"
		   "  responses: stage 1 %lld, stage 2 %lld; closed %lld; withdrawn %lld\n",
		   js_int(v, "received", 0), js_int(v, "refused", 0), js_int(v, "stage2_requested", 0),
		   js_int(v, "escalation_refused", 0), js_int(v, "s1_responses", 0),
		   js_int(v, "s2_responses", 0), js_int(v, "closed", 0), js_int(v, "withdrawn", 0));
	x = json_object_get(v, "per_1000_homes");
	if (json_is_number(json_object_get(x, "received")))
		buf_printf(&b, "  per 1,000 homes: %.1f received, %.1f stage 2\n",
			   json_number_value(json_object_get(x, "received")),
			   json_number_value(json_object_get(x, "stage2_requested")));
	buf_puts(&b, "\nOutcomes (decisions on each point of the definition)\n");
	for (int s = 1; s <= 2; s++) {
		o = json_object_get(json_object_get(rep, "outcomes"), s == 1 ? "stage1" : "stage2");
		buf_printf(&b, "  stage %d: %lld responses, %lld points: %lld upheld, %lld partly upheld, "
			   "%lld not upheld; %lld complaints upheld in whole or part (", s,
			   js_int(o, "responses", 0), js_int(o, "points", 0), js_int(o, "upheld", 0),
			   js_int(o, "partly_upheld", 0), js_int(o, "not_upheld", 0),
			   js_int(o, "complaints_upheld", 0));
		pct(&b, json_object_get(o, "uphold_rate"));
		buf_puts(&b, ")\n");
	}
	buf_puts(&b, "\nPerformance against the Code's timescales\n");
	json_array_foreach(json_object_get(rep, "timescales"), i, o) {
		buf_printf(&b, "  %-5s %lld of %lld within (", js_str0(o, "clause"), js_int(o, "within", 0),
			   js_int(o, "within", 0) + js_int(o, "late", 0));
		pct(&b, json_object_get(o, "percent"));
		buf_printf(&b, "), %lld late: %s\n", js_int(o, "late", 0), js_str0(o, "description"));
	}
	x = json_object_get(rep, "extensions");
	buf_printf(&b, "\nExtensions: %lld (stage 1 %lld, stage 2 %lld); %lld within the Code's limit, "
		   "%lld beyond it with a good reason\n", js_int(x, "extensions", 0),
		   js_int(x, "s1_extensions", 0), js_int(x, "s2_extensions", 0),
		   js_int(x, "extensions_within_code", 0), js_int(x, "extensions_beyond_code", 0));
	json_array_foreach(json_object_get(x, "reasons"), i, o)
		buf_printf(&b, "  %lld  %s\n", js_int(o, "extensions", 0), js_str0(o, "reason"));
	x = json_object_get(rep, "refusals");
	buf_printf(&b, "\nRefusals: %lld complaints, %lld escalations\n", js_int(x, "refused", 0),
		   js_int(x, "escalation_refused", 0));
	json_array_foreach(json_object_get(x, "reasons"), i, o)
		buf_printf(&b, "  %lld + %lld  %s: %s\n", js_int(o, "refused", 0),
			   js_int(o, "escalation_refused", 0), js_str0(o, "reason"), js_str0(o, "text"));
	buf_puts(&b, "\nMonth by month   received  stage 2  s1 responses (late)  s2 responses (late)\n");
	json_array_foreach(json_object_get(rep, "months"), i, o)
		buf_printf(&b, "  %s       %8lld %8lld %8lld (%lld) %12lld (%lld)\n", js_str0(o, "month"),
			   js_int(o, "received", 0), js_int(o, "stage2_requested", 0),
			   js_int(o, "s1_responses", 0), js_int(o, "s1_late", 0),
			   js_int(o, "s2_responses", 0), js_int(o, "s2_late", 0));
	buf_puts(&b, "\nCategory by category   received (before, change)  stage 2  upheld at stage 1\n");
	json_array_foreach(json_object_get(rep, "categories"), i, o)
		buf_printf(&b, "  %-26s %6lld (%lld, %+lld) %6lld %6lld\n", js_str0(o, "category"),
			   js_int(o, "received", 0), js_int(o, "previous_received", 0),
			   js_int(o, "change", 0), js_int(o, "stage2_requested", 0),
			   js_int(o, "s1_upheld_any", 0));
	x = json_object_get(rep, "repeat_complainants");
	buf_printf(&b, "\nRepeat complainants: %lld people made %lld complaints\n",
		   js_int(x, "people", 0), js_int(x, "repeat", 0));
	buf_puts(&b, "\nHotspots\n");
	json_array_foreach(json_object_get(json_object_get(rep, "hotspots"), "estates"), i, o)
		buf_printf(&b, "  estate %s: %lld\n", js_str0(o, "estate"), js_int(o, "received", 0));
	json_array_foreach(json_object_get(json_object_get(rep, "hotspots"), "buildings"), i, o)
		buf_printf(&b, "  building %s: %lld\n", js_str0(o, "building"), js_int(o, "received", 0));
	x = json_object_get(rep, "remedies");
	buf_printf(&b, "\nRemedies: %lld (%lld completed); %lld financial, GBP %.2f in all\n",
		   js_int(x, "remedies", 0), js_int(x, "remedies_completed", 0),
		   js_int(x, "remedies_financial", 0),
		   json_number_value(json_object_get(x, "financial_total")));
	x = json_object_get(rep, "actions");
	buf_printf(&b, "Outstanding actions promised: %lld; %lld completed, %lld open, %lld past due on %s\n",
		   js_int(x, "actions", 0), js_int(x, "actions_completed", 0),
		   js_int(x, "actions_open", 0), js_int(x, "actions_overdue", 0), js_str0(x, "as_at"));
	ovs_text(&b, rep);
	buf_printf(&b, "\n%s\n", js_str0(rep, "cases"));
	return buf_detach(&b);
}
