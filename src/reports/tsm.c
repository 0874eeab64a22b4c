/*
 * tsm.c - CH01 and CH02.
 */
#include "reports/tsm.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/json.h"

int tsm_year_of(date_t today)
{
	int y, m, d;

	date_to_ymd(today, &y, &m, &d);
	return m >= 4 ? y : y - 1;
}

/* One decimal place, halves away from zero; null when nothing to divide
 * by. */
static json_t *ratio(long long num, long long den, double scale)
{
	if (den <= 0)
		return json_null();
	return json_real(round(num * scale * 10.0 / den) / 10.0);
}

static int query_for(struct rec *r, int year, const char *tenure,
		     struct store_tsm_query *q, char from[DATE_STRLEN],
		     char to[DATE_STRLEN], struct rd_err *e)
{
	date_t a, b;

	if (year < CAL_FIRST_YEAR || year >= CAL_LAST_YEAR ||
	    date_from_ymd(year, 4, 1, &a) || date_from_ymd(year + 1, 3, 31, &b))
		return err_set(e, RD_EINVAL, "year", NULL,
			       "year must be a reporting year from %d to %d", CAL_FIRST_YEAR,
			       CAL_LAST_YEAR - 1);
	memset(q, 0, sizeof(*q));
	q->from = date_format(a, from);
	q->to = date_format(b, to);
	q->tenure = tenure;
	q->include_refused = js_true(r->policy, "tsm_include_refused");
	q->extensions_within = !json_is_false(json_object_get(r->policy, "tsm_extensions_within"));
	q->stage2_by_ack = !strcmp(js_str0(r->policy, "tsm_stage2_year"), "acknowledgement");
	return 0;
}

static json_t *measures(const struct store_tsm *c, long long homes)
{
	return json_pack("{s:I, s:{s:o, s:o}, s:{s:o, s:o}, s:{s:I, s:I, s:I, s:I, s:I, s:I}}",
		"homes", (json_int_t)homes,
		"ch01", "stage1", ratio(c->s1_received, homes, 1000.0),
			"stage2", ratio(c->s2_received, homes, 1000.0),
		"ch02", "stage1", ratio(c->s1_within, c->s1_responses, 100.0),
			"stage2", ratio(c->s2_within, c->s2_responses, 100.0),
		"counts", "stage1_received", (json_int_t)c->s1_received,
			"stage2_received", (json_int_t)c->s2_received,
			"stage1_responses", (json_int_t)c->s1_responses,
			"stage1_within_timescales", (json_int_t)c->s1_within,
			"stage2_responses", (json_int_t)c->s2_responses,
			"stage2_within_timescales", (json_int_t)c->s2_within);
}

int tsm_report(struct rec *r, int year, json_t **out, struct rd_err *e)
{
	static const char *const tenures[] = { "lcra", "lcho" };
	struct store_tsm_query q;
	struct store_tsm c[3];
	char from[DATE_STRLEN], to[DATE_STRLEN], label[16];
	json_t *all, *by;

	*out = NULL;
	if (query_for(r, year, NULL, &q, from, to, e) ||
	    r->st->ops->tsm_counts(r->st, &q, c, e))
		return -1;
	all = measures(&c[0], js_int(r->policy, "homes", 0));
	by = json_object();
	for (int i = 0; i < 2; i++) {
		char key[24];

		snprintf(key, sizeof(key), "homes_%s", tenures[i]);
		json_object_set_new(by, tenures[i], measures(&c[i + 1], js_int(r->policy, key, 0)));
	}
	snprintf(label, sizeof(label), "%d/%02d", year, (year + 1) % 100);
	*out = json_pack("{s:s, s:s, s:s, s:s, s:O, s:O, s:O, s:O, s:o, s:{s:b, s:b, s:s, s:s}}",
		"year", label, "from", from, "to", to,
		"organisation", js_str0(r->policy, "organisation"),
		"homes", json_object_get(all, "homes"),
		"ch01", json_object_get(all, "ch01"), "ch02", json_object_get(all, "ch02"),
		"counts", json_object_get(all, "counts"), "tenure", by,
		"choices",
		"refused_complaints_counted", q.include_refused,
		"responses_within_permitted_extensions_count_as_within", q.extensions_within,
		"stage2_year", q.stage2_by_ack ? "acknowledgement" : "request",
		"timescale", "Within Code timescales: on or before the response deadline of the Code "
			     "governing the complaint (2024 Code: 10 working days from acknowledgement at "
			     "stage 1, 20 at stage 2; 2022 Code: 10 from logging, 20 from the escalation "
			     "request), moved by any extension the Code permits without good reason");
	json_decref(all);
	return 0;
}

static int add_ref(const char *ref, const char *unused, void *ctx)
{
	(void)unused;
	json_array_append_new(ctx, json_string(ref));
	return 0;
}

int tsm_cases(struct rec *r, int year, const char *tenure, const char *metric,
	      json_t **refs, struct rd_err *e)
{
	struct store_tsm_query q;
	char from[DATE_STRLEN], to[DATE_STRLEN];

	*refs = NULL;
	if (tenure && strcmp(tenure, "lcra") && strcmp(tenure, "lcho"))
		return err_set(e, RD_EINVAL, "tenure", NULL, "tenure is lcra or lcho");
	if (query_for(r, year, tenure, &q, from, to, e))
		return -1;
	*refs = json_array();
	if (r->st->ops->tsm_cases(r->st, &q, metric, add_ref, *refs, e)) {
		json_decref(*refs);
		*refs = NULL;
		return -1;
	}
	return 0;
}

static void csv_row(struct buf *b, const char *year, const char *tenure,
		    const char *measure, const char *stage, const json_t *value,
		    long long num, long long den)
{
	buf_printf(b, "%s,%s,%s,%s,", year, tenure, measure, stage);
	if (json_is_number(value))
		buf_printf(b, "%.1f", json_number_value(value));
	buf_printf(b, ",%lld,%lld\r\n", num, den);
}

static void csv_block(struct buf *b, const char *year, const char *tenure, const json_t *m)
{
	const json_t *c = json_object_get(m, "counts");
	long long homes = js_int(m, "homes", 0);

	csv_row(b, year, tenure, "CH01", "stage1", json_object_get(json_object_get(m, "ch01"), "stage1"),
		js_int(c, "stage1_received", 0), homes);
	csv_row(b, year, tenure, "CH01", "stage2", json_object_get(json_object_get(m, "ch01"), "stage2"),
		js_int(c, "stage2_received", 0), homes);
	csv_row(b, year, tenure, "CH02", "stage1", json_object_get(json_object_get(m, "ch02"), "stage1"),
		js_int(c, "stage1_within_timescales", 0), js_int(c, "stage1_responses", 0));
	csv_row(b, year, tenure, "CH02", "stage2", json_object_get(json_object_get(m, "ch02"), "stage2"),
		js_int(c, "stage2_within_timescales", 0), js_int(c, "stage2_responses", 0));
}

char *tsm_csv(const json_t *rep)
{
	struct buf b = BUF_INIT;
	const char *year = js_str0(rep, "year");
	const json_t *by = json_object_get(rep, "tenure");

	buf_puts(&b, "year,tenure,measure,stage,value,numerator,denominator\r\n");
	csv_block(&b, year, "all", rep);
	csv_block(&b, year, "lcra", json_object_get(by, "lcra"));
	csv_block(&b, year, "lcho", json_object_get(by, "lcho"));
	return buf_detach(&b);
}

static void text_block(struct buf *b, const json_t *m)
{
	const json_t *c = json_object_get(m, "counts");
	static const char *const keys[] = { "stage1", "stage2" };

	for (int i = 0; i < 2; i++) {
		const json_t *v1 = json_object_get(json_object_get(m, "ch01"), keys[i]);
		const json_t *v2 = json_object_get(json_object_get(m, "ch02"), keys[i]);
		char k1[40], k2[40], k3[40];

		snprintf(k1, sizeof(k1), "%s_received", keys[i]);
		snprintf(k2, sizeof(k2), "%s_within_timescales", keys[i]);
		snprintf(k3, sizeof(k3), "%s_responses", keys[i]);
		buf_printf(b, "  CH01 stage %d: ", i + 1);
		if (json_is_number(v1))
			buf_printf(b, "%.1f per 1,000 homes", json_number_value(v1));
		else
			buf_puts(b, "- (no homes recorded: redress policy set homes N)");
		buf_printf(b, " (%lld received)\n", js_int(c, k1, 0));
		buf_printf(b, "  CH02 stage %d: ", i + 1);
		if (json_is_number(v2))
			buf_printf(b, "%.1f%%", json_number_value(v2));
		else
			buf_puts(b, "- (no responses)");
		buf_printf(b, " (%lld of %lld responses within the Code's timescales)\n",
			   js_int(c, k2, 0), js_int(c, k3, 0));
	}
}

char *tsm_text(const json_t *rep)
{
	static const char *const tenures[][2] = {
		{ "lcra", "Low-cost rental (LCRA)" }, { "lcho", "Low-cost home ownership (LCHO)" },
	};
	struct buf b = BUF_INIT;

	buf_printf(&b, "Tenant Satisfaction Measures %s (%s to %s), %s, %lld homes\n",
		   js_str0(rep, "year"), js_str0(rep, "from"), js_str0(rep, "to"),
		   js_str0(rep, "organisation"), js_int(rep, "homes", 0));
	text_block(&b, rep);
	for (int i = 0; i < 2; i++) {
		const json_t *m = json_object_get(json_object_get(rep, "tenure"), tenures[i][0]);

		buf_printf(&b, "\n%s, %lld homes\n", tenures[i][1], js_int(m, "homes", 0));
		text_block(&b, m);
	}
	return buf_detach(&b);
}
