/*
 * schedule.c - quality review samples and survey scheduling.
 */
#include "store/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/quality.h"
#include "util/buf.h"
#include "util/json.h"

struct cand {
	char ref[40], on[DATE_STRLEN];
	int stage;
};

struct gather {
	const char *from, *to;
	struct cand *c;
	size_t n, cap;
	json_t *done;		/* "REF/STAGE" or "REF" already there */
};

static void add(struct gather *g, const char *ref, const char *on, int stage)
{
	char key[64];

	snprintf(key, sizeof(key), "%s/%d", ref, stage);
	if (json_object_get(g->done, key))
		return;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->c = xrealloc(g->c, g->cap * sizeof(*g->c));
	}
	snprintf(g->c[g->n].ref, sizeof(g->c[g->n].ref), "%s", ref);
	snprintf(g->c[g->n].on, sizeof(g->c[g->n].on), "%s", on);
	g->c[g->n].stage = stage;
	g->n++;
}

static int in(const struct gather *g, const char *d)
{
	return d && strcmp(d, g->from) >= 0 && strcmp(d, g->to) <= 0;
}

static int on_row(const struct store_report_row *row, void *ctx)
{
	struct gather *g = ctx;

	if (in(g, row->c.s1_responded_on))
		add(g, row->c.reference, row->c.s1_responded_on, 1);
	if (in(g, row->c.s2_responded_on))
		add(g, row->c.reference, row->c.s2_responded_on, 2);
	return 0;
}

static int on_review(const char *stream, const char *text, void *ctx)
{
	struct gather *g = ctx;
	json_t *q = json_loads(text, 0, NULL);
	char key[64];

	(void)stream;
	snprintf(key, sizeof(key), "%s/%lld", js_str0(q, "complaint"), js_int(q, "stage", 0));
	json_object_set_new(g->done, key, json_true());
	json_decref(q);
	return 0;
}

static int by_day(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int c = strcmp(x->on, y->on);

	if (!c)
		c = strcmp(x->ref, y->ref);
	return c ? c : x->stage - y->stage;
}

static int sample(struct rec *r, struct gather *g, const json_t *reviewers, long long pct,
		  const json_t *assigned_on, json_t *out, struct rd_err *e)
{
	size_t n = g->n, k = (size_t)((n * (size_t)pct + 99) / 100), next = 0;

	qsort(g->c, n, sizeof(*g->c), by_day);
	for (size_t i = 0; i < k; i++) {
		const struct cand *c = &g->c[i * n / k];
		char stream[64];
		const char *handler = NULL, *who = NULL;
		json_t *cs = NULL, *in, *st;
		size_t m = json_array_size(reviewers);

		snprintf(stream, sizeof(stream), "complaint:%s", c->ref);
		if (!rec_load(r, stream, &cs, NULL))
			handler = qual_handler(cs, c->stage);
		for (size_t t = 0; t < m && !who; t++) {
			const char *name = json_string_value(json_array_get(reviewers, (next + t) % m));

			if (!handler || strcmp(handler, name)) {
				who = name;
				next = (next + t + 1) % m;
			}
		}
		if (!who) {
			json_decref(cs);
			return err_set(e, RD_ERULE, "reviewers", "6.7",
				       "no reviewer but the handler of %s's stage %d response: add another "
				       "reviewer", c->ref, c->stage);
		}
		in = json_pack("{s:s, s:i, s:s}", "complaint", c->ref, "stage", c->stage, "reviewer", who);
		if (assigned_on)
			json_object_set(in, "assigned_on", (json_t *)assigned_on);
		json_decref(cs);
		if (rec_register(r, "quality_review", NULL, "new", in, &st, e)) {
			json_decref(in);
			return -1;
		}
		json_decref(in);
		json_array_append_new(out, st);
	}
	return 0;
}

int sched_quality_sample(struct rec *r, const json_t *in, json_t **out, struct rd_err *e)
{
	static const char *const keys[] = { "from", "to", "percent", "reviewers", "assigned_on", NULL };
	const json_t *rv = json_object_get(in, "reviewers"), *x;
	struct gather g;
	long long pct = js_int(r->policy, "quality_sample_percent", 10);
	date_t from, to;
	char f[DATE_STRLEN], t[DATE_STRLEN];
	size_t i;
	int rc;

	*out = NULL;
	if (!json_is_object(in))
		return err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
	if (js_only_keys(in, keys, "the sample", e) ||
	    js_need_date(in, "from", 1, "6.7", &from, e) ||
	    js_need_date(in, "to", 1, "6.7", &to, e) ||
	    js_need_int(in, "percent", 0, "6.7", 1, 100, &pct, e))
		return -1;
	if (to < from)
		return err_set(e, RD_EINVAL, "to", "6.7", "to is before from");
	if (!json_is_array(rv) || !json_array_size(rv))
		return err_set(e, RD_EINVAL, "reviewers", "6.7",
			       "reviewers is required: the staff who review the sampled responses");
	json_array_foreach(rv, i, x)
		if (!json_is_string(x))
			return err_set(e, RD_EINVAL, "reviewers", "6.7", "reviewers must be user names");
	if (!r->st->ops->report_rows)
		return err_set(e, RD_EIO, "", NULL, "this database cannot list responses by date");
	memset(&g, 0, sizeof(g));
	g.from = date_format(from, f);
	g.to = date_format(to, t);
	g.done = json_object();
	if (rec_batch_begin(r, e)) {
		json_decref(g.done);
		return -1;
	}
	*out = json_array();
	rc = r->st->ops->states(r->st, "quality_review", on_review, &g, e) < 0 ||
	     r->st->ops->report_rows(r->st, g.from, g.to, on_row, &g, e) ||
	     sample(r, &g, rv, pct, json_object_get(in, "assigned_on"), *out, e);
	free(g.c);
	json_decref(g.done);
	if (rc) {
		rec_batch_rollback(r);
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	if (rec_batch_commit(r, e)) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* ---- surveys --------------------------------------------------------- */

struct closed {
	struct rec *r;
	long long days;
	json_t *done, *due;	/* complaints with surveys; {complaint, closed_on, due_on} */
	struct rd_err *e;
};

static int on_survey(const char *stream, const char *text, void *ctx)
{
	struct closed *c = ctx;
	json_t *s = json_loads(text, 0, NULL);

	(void)stream;
	json_object_set_new(c->done, js_str0(s, "complaint"), json_true());
	json_decref(s);
	return 0;
}

static int on_closed(const struct store_report_row *row, void *ctx)
{
	struct closed *c = ctx;
	date_t closed, due;

	if (!row->x.closed_on || date_parse(row->x.closed_on, &closed) ||
	    json_object_get(c->done, row->c.reference))
		return 0;
	if (cal_add(c->r->cal, closed, (int)c->days, &due, c->e))
		return 1;
	if (due > c->r->today)
		return 0;
	json_array_append_new(c->due, json_pack("{s:s, s:s, s:o}", "complaint", row->c.reference,
						 "closed_on", row->x.closed_on, "due_on", js_from_date(due)));
	return 0;
}

/* 1 unless the complainant opted out of surveys; their person id (or "")
 * into "pid". */
static int wants_survey(struct rec *r, const char *ref, char *pid, size_t n)
{
	char stream[96];
	json_t *cs, *p;
	int ok = 1;

	pid[0] = '\0';
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	if (rec_load(r, stream, &cs, NULL))
		return 0;
	snprintf(pid, n, "%s", js_str0(json_object_get(cs, "complainant"), "person_id"));
	json_decref(cs);
	if (!pid[0])
		return 1;
	snprintf(stream, sizeof(stream), "person:%s", pid);
	if (!rec_load(r, stream, &p, NULL)) {
		ok = !json_is_false(json_object_get(p, "surveys"));
		json_decref(p);
	}
	return ok;
}

int sched_surveys(struct rec *r, json_t **out, struct rd_err *e)
{
	struct closed c = { r, js_int(r->policy, "feedback_survey_days", 20), json_object(),
			    json_array(), e };
	json_t *x, *st;
	size_t i;
	int rc = 0;

	*out = json_array();
	if (c.days <= 0 || !r->st->ops->report_rows)
		goto out;
	if (rec_allow_staff(r, "schedule surveys", e) || rec_batch_begin(r, e)) {
		rc = -1;
		goto out;
	}
	rc = r->st->ops->states(r->st, "survey", on_survey, &c, e) < 0 ||
	     r->st->ops->report_rows(r->st, "0001-01-01", "9999-12-31", on_closed, &c, e);
	json_array_foreach(c.due, i, x) {
		char pid[64];

		if (rc)
			break;
		if (!wants_survey(r, js_str0(x, "complaint"), pid, sizeof(pid)))
			continue;
		if (pid[0])
			json_object_set_new(x, "person_id", json_string(pid));
		rc = rec_register(r, "survey", NULL, "new", x, &st, e);
		if (!rc)
			json_array_append_new(*out, st);
	}
	if (rc)
		rec_batch_rollback(r);
	else
		rc = rec_batch_commit(r, e);
out:
	json_decref(c.done);
	json_decref(c.due);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
