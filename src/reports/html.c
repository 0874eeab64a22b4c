/*
 * html.c - the four reports as HTML, from their JSON.
 *
 * A few writers of GOV.UK table markup, a chart beside each table of the
 * same figures, and, for the parts that are lists of plain figures (the
 * oversight registers), one generic writer that shows every number a
 * section holds.
 */
#include "reports/html.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/omreport.h"
#include "render/svg.h"
#include "render/template.h"
#include "reports/board.h"
#include "util/json.h"

#define NUMERIC " govuk-table__header--numeric"

/* ---- writers --------------------------------------------------------- */

static void esc(struct buf *o, const char *s)
{
	tpl_escape_html(o, s ? s : "");
}

/* Percent-encodes all but the unreserved characters: safe in a query and
 * in an HTML attribute. */
static void url_part(struct buf *o, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
			buf_printf(o, "%c", c);
		else
			buf_printf(o, "%%%02X", c);
	}
}

/* A figure as text: a whole number, one decimal place, or "no figure". */
static void figure(struct buf *o, const json_t *v, const char *unit)
{
	if (json_is_integer(v))
		buf_printf(o, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(o, "%.1f", json_real_value(v));
	else
		buf_puts(o, "no figure");
	if (unit && json_is_number(v))
		esc(o, unit);
}

static double number(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* What a figure's name means, for people. */
static const char *label_of(const char *name, char out[160])
{
	static const char *const known[][2] = {
		{ "received", "Complaints received" },
		{ "refused", "Complaints refused" },
		{ "stage2_requested", "Stage 2 requested" },
		{ "escalation_refused", "Escalations refused" },
		{ "closed", "Closed" },
		{ "withdrawn", "Withdrawn" },
		{ "responses", "Responses" },
		{ "points", "Points decided" },
		{ "upheld", "Points upheld" },
		{ "partly_upheld", "Points partly upheld" },
		{ "not_upheld", "Points not upheld" },
		{ "complaints_upheld", "Complaints upheld in whole or part" },
		{ "uphold_rate", "Uphold rate (%)" },
		{ "total", "Total" },
		{ "within", "Within the Code's timescale" },
		{ "late", "Late" },
		{ "no_deadline", "No deadline" },
		{ "percent", "Within (%)" },
		{ "overdue_not_done", "Not done, past the deadline" },
		{ "within_without_extension", "Within without an extension" },
		{ "extensions_within_code", "Extensions within the Code's limit" },
		{ "extensions_beyond_code", "Extensions beyond it, with a good reason" },
		{ "previous_received", "Received in the period before" },
		{ "change", "Change" },
		{ "repeat", "Complaints from repeat complainants" },
		{ "people", "Repeat complainants" },
		{ "remedies_financial", "Financial remedies" },
		{ "remedies_completed", "Remedies completed" },
		{ "financial_total", "Financial remedies in all (GBP)" },
		{ "actions", "Actions promised" },
		{ "actions_completed", "Actions completed" },
		{ "actions_open", "Actions open" },
		{ "actions_overdue", "Actions past their due date" },
		{ "s1_upheld_any", "Stage 1 upheld in whole or part" },
		{ "s2_upheld_any", "Stage 2 upheld in whole or part" },
		{ "s1_within", "Stage 1 responses within the Code's timescale" },
		{ "s2_within", "Stage 2 responses within the Code's timescale" },
		{ "s1_late", "Stage 1 responses late" },
		{ "s2_late", "Stage 2 responses late" },
	};
	size_t n = 0;
	const char *s = name ? name : "";

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(known[i][0], s))
			return known[i][1];
	if ((s[0] == 's') && (s[1] == '1' || s[1] == '2') && s[2] == '_') {
		n = (size_t)snprintf(out, 160, "Stage %c ", s[1]);
		s += 3;
	}
	for (; *s && n < 159; s++)
		out[n++] = *s == '_' ? ' ' : *s;
	out[n] = '\0';
	out[0] = (char)toupper((unsigned char)out[0]);
	return out;
}

static void heading(struct buf *o, int level, const char *text)
{
	buf_printf(o, "<h%d class=\"govuk-heading-%s\">", level, level == 2 ? "l" : level == 3 ? "m" : "s");
	esc(o, text);
	buf_printf(o, "</h%d>\n", level);
}

static void para(struct buf *o, const char *text)
{
	buf_puts(o, "<p class=\"govuk-body\">");
	esc(o, text);
	buf_puts(o, "</p>\n");
}

/* A table: "ntext" leading text columns, the rest numeric. */
static void table_open(struct buf *o, const char *caption, int ntext, const char *const *cols)
{
	buf_puts(o, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
		    "govuk-table__caption--s\">");
	esc(o, caption);
	buf_puts(o, "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	for (int i = 0; cols[i]; i++) {
		buf_printf(o, "<th scope=\"col\" class=\"govuk-table__header%s\">", i < ntext ? "" : NUMERIC);
		esc(o, cols[i]);
		buf_puts(o, "</th>");
	}
	buf_puts(o, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
}

static void table_close(struct buf *o)
{
	buf_puts(o, "</tbody>\n</table>\n");
}

static void row_open(struct buf *o, const char *header)
{
	buf_puts(o, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">");
	esc(o, header);
	buf_puts(o, "</th>");
}

static void row_close(struct buf *o)
{
	buf_puts(o, "</tr>\n");
}

static void cell_text(struct buf *o, const char *text)
{
	buf_puts(o, "<td class=\"govuk-table__cell\">");
	esc(o, text);
	buf_puts(o, "</td>");
}

/* Where the links go: the base with the year, and the report. */
struct links {
	const char *base;	/* NULL: no links */
	const char *report;	/* "tsm", "board", "self-assessment" */
};

/* A numeric cell; a count above 0 with a key links to its cases, the link
 * named for people who cannot see the table's headers ("what"). */
static void cell_num(struct buf *o, const struct links *l, const json_t *v, const char *key,
		     const char *extra, const char *what, const char *unit)
{
	int link = l && l->base && key && json_is_integer(v) && json_integer_value(v) > 0;

	buf_puts(o, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
	if (link) {
		buf_puts(o, "<a class=\"govuk-link\" href=\"");
		esc(o, l->base);
		buf_printf(o, "&amp;report=%s&amp;key=", l->report);
		url_part(o, key);
		if (extra)
			esc(o, extra);
		buf_puts(o, "\">");
	}
	figure(o, v, unit);
	if (link) {
		buf_puts(o, "<span class=\"govuk-visually-hidden\"> complaints: ");
		esc(o, what);
		buf_puts(o, "</span></a>");
	}
	buf_puts(o, "</td>");
}

/* A chart and its table side by side (stacked on a narrow screen), or
 * with "wide", the chart above its table. */
static void pair(struct buf *o, struct buf *chart, struct buf *table, int wide)
{
	if (wide) {
		buf_printf(o, "<div class=\"rd-report-chart\">\n%s</div>\n%s", buf_str(chart),
			   buf_str(table));
	} else {
		buf_printf(o, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-half "
			   "rd-report-chart\">\n%s</div>\n<div class=\"govuk-grid-column-one-half\">\n%s</div>\n"
			   "</div>\n", buf_str(chart), buf_str(table));
	}
	buf_free(chart);
	buf_free(table);
}

/* One row per number of "obj": its name, and its value linking to the
 * cases of the board figure of that name ("prefix" before it, a
 * DIMENSION:VALUE:). */
static void figures_table(struct buf *o, const char *caption, const json_t *obj,
			  const struct links *l, const char *unit)
{
	const char *name;
	json_t *v;
	char lab[160];

	table_open(o, caption, 1, (const char *const[]){ "Figure", "Value", NULL });
	json_object_foreach((json_t *)obj, name, v) {
		if (!json_is_number(v) && !json_is_null(v))
			continue;
		const char *what = label_of(name, lab);

		row_open(o, what);
		if (!strcmp(name, "financial_total") && json_is_number(v))
			buf_printf(o, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%.2f</td>",
				   json_number_value(v));
		else
			cell_num(o, l, v, board_is_figure(name) ? name : NULL, NULL, what,
				 !strcmp(name, "percent") || !strcmp(name, "uphold_rate") ? unit : NULL);
		row_close(o);
	}
	table_close(o);
}

/* ---- any section: every number it holds ------------------------------ */

static int all_numbers(const json_t *obj)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)obj, k, v)
		if (!json_is_number(v) && !json_is_null(v))
			return 0;
	return json_object_size(obj) > 0;
}

static void plain_value(struct buf *o, const json_t *v)
{
	size_t i;
	json_t *x;

	if (json_is_string(v)) {
		esc(o, json_string_value(v));
	} else if (json_is_number(v) || json_is_null(v)) {
		figure(o, v, NULL);
	} else if (json_is_boolean(v)) {
		buf_puts(o, json_is_true(v) ? "Yes" : "No");
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			if (i)
				buf_puts(o, "; ");
			if (json_is_object(x)) {
				const char *k;
				json_t *y;
				int first = 1;

				json_object_foreach(x, k, y) {
					char lab[160];

					buf_puts(o, first ? "" : ", ");
					esc(o, label_of(k, lab));
					buf_puts(o, " ");
					plain_value(o, y);
					first = 0;
				}
			} else {
				plain_value(o, x);
			}
		}
	} else if (json_is_object(v)) {
		json_t *one = json_pack("[O]", v);

		plain_value(o, one);
		json_decref(one);
	}
}

/* A list of objects as a table, a column per member of the first. */
static void list_table(struct buf *o, const char *caption, const json_t *list)
{
	const json_t *first = json_array_get(list, 0);
	const char *k;
	json_t *v, *x;
	size_t i;

	buf_puts(o, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
		    "govuk-table__caption--s\">");
	esc(o, caption);
	buf_puts(o, "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	json_object_foreach((json_t *)first, k, v) {
		char lab[160];

		buf_puts(o, "<th scope=\"col\" class=\"govuk-table__header\">");
		esc(o, label_of(k, lab));
		buf_puts(o, "</th>");
	}
	buf_puts(o, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	json_array_foreach(list, i, x) {
		buf_puts(o, "<tr class=\"govuk-table__row\">");
		json_object_foreach((json_t *)first, k, v) {
			buf_puts(o, "<td class=\"govuk-table__cell\">");
			plain_value(o, json_object_get(x, k));
			buf_puts(o, "</td>");
		}
		buf_puts(o, "</tr>\n");
	}
	table_close(o);
}

/* A section of figures: its numbers in one table, each object of numbers
 * in a table of its own, an object of such objects as one table (a row
 * each), lists of items as tables, and the remaining text as paragraphs. */
static void any_section(struct buf *o, const char *title, const json_t *sec)
{
	const char *k;
	json_t *v;
	char lab[160];
	int has_numbers = 0;

	json_object_foreach((json_t *)sec, k, v)
		has_numbers |= json_is_number(v) || json_is_null(v);
	if (has_numbers)
		figures_table(o, title, sec, NULL, NULL);
	json_object_foreach((json_t *)sec, k, v) {
		struct buf cap = BUF_INIT;

		buf_printf(&cap, "%s: %s", title, label_of(k, lab));
		if (json_is_object(v) && all_numbers(v)) {
			figures_table(o, buf_str(&cap), v, NULL, NULL);
		} else if (json_is_object(v) && json_object_size(v)) {
			const char *k2;
			json_t *v2, *first = NULL;

			json_object_foreach(v, k2, v2)
				if (!first)
					first = v2;
			if (json_is_object(first) && all_numbers(first)) {
				const char *k3;
				json_t *v3;

				buf_puts(o, "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption "
					    "govuk-table__caption--s\">");
				esc(o, buf_str(&cap));
				buf_puts(o, "</caption>\n<thead class=\"govuk-table__head\"><tr class=\""
					    "govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
					    "</th>");
				json_object_foreach(first, k3, v3) {
					buf_puts(o, "<th scope=\"col\" class=\"govuk-table__header" NUMERIC "\">");
					esc(o, label_of(k3, lab));
					buf_puts(o, "</th>");
				}
				buf_puts(o, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
				json_object_foreach(v, k2, v2) {
					row_open(o, label_of(k2, lab));
					json_object_foreach(first, k3, v3)
						cell_num(o, NULL, json_object_get(v2, k3), NULL, NULL, NULL, NULL);
					row_close(o);
				}
				table_close(o);
			}
		} else if (json_is_array(v) && json_array_size(v) &&
			   json_is_object(json_array_get(v, 0))) {
			list_table(o, buf_str(&cap), v);
		} else if (json_is_array(v)) {
			buf_printf(o, "<p class=\"govuk-body\">");
			esc(o, buf_str(&cap));
			buf_puts(o, ": ");
			if (json_array_size(v))
				plain_value(o, v);
			else
				buf_puts(o, "none");
			buf_puts(o, ".</p>\n");
		} else if (json_is_string(v)) {
			buf_puts(o, "<p class=\"govuk-body\">");
			esc(o, !strcmp(k, "as_at") ? "As at" : label_of(k, lab));
			buf_puts(o, " ");
			esc(o, json_string_value(v));
			buf_puts(o, ".</p>\n");
		}
		buf_free(&cap);
	}
}

/* ---- Tenant Satisfaction Measures ------------------------------------ */

static void tsm_body(struct buf *o, const json_t *rep, const struct links *l, int with_tenure)
{
	static const char *const names[] = { "All homes", "Low-cost rental (LCRA)",
					     "Low-cost home ownership (LCHO)" };
	static const char *const extra[] = { NULL, "&tenure=lcra", "&tenure=lcho" };
	static const char *const stages[] = { "Stage 1", "Stage 2" };
	const json_t *by = json_object_get(rep, "tenure"), *m[3];
	int n = with_tenure ? 3 : 1;
	double v[2][3][2];
	struct svg_series series[3];
	struct buf chart = BUF_INIT, table = BUF_INIT;

	m[0] = rep;
	m[1] = json_object_get(by, "lcra");
	m[2] = json_object_get(by, "lcho");
	for (int ch = 0; ch < 2; ch++) {
		const char *measure = ch ? "ch02" : "ch01";
		struct svg_chart c = { ch ? "tsm-ch02" : "tsm-ch01",
			ch ? "CH02: complaints responded to within the Code's timescales (%)"
			   : "CH01: complaints received per 1,000 homes",
			"Bars for stage 1 and stage 2; the table beside the chart gives the same figures",
			stages, 2, series, (size_t)n, ch ? "%" : NULL, 1, ch ? 100 : 0 };
		const char *cols[5] = { "Stage", NULL, NULL, NULL, NULL };

		for (int t = 0; t < n; t++) {
			const json_t *x = json_object_get(m[t], measure);

			v[ch][t][0] = number(json_object_get(x, "stage1"));
			v[ch][t][1] = number(json_object_get(x, "stage2"));
			series[t].name = names[t];
			series[t].values = v[ch][t];
			cols[t + 1] = names[t];
		}
		svg_bars(&chart, &c);
		table_open(&table, c.title, 1, cols);
		for (int s = 0; s < 2; s++) {
			row_open(&table, stages[s]);
			for (int t = 0; t < n; t++)
				cell_num(&table, NULL, json_object_get(json_object_get(m[t], measure),
								       s ? "stage2" : "stage1"),
					 NULL, NULL, NULL, NULL);
			row_close(&table);
		}
		table_close(&table);
		pair(o, &chart, &table, 0);
	}
	{
		static const struct { const char *label, *a, *b, *key; } rows[] = {
			{ "Stage 1 complaints received", "stage1_received", NULL, "s1_received" },
			{ "Stage 2 complaints received", "stage2_received", NULL, "s2_received" },
			{ "Stage 1 responses", "stage1_responses", NULL, "s1_responses" },
			{ "Stage 1 responses within the Code's timescales", "stage1_within_timescales", NULL,
			  "s1_within" },
			{ "Stage 1 responses outside them", "stage1_responses", "stage1_within_timescales",
			  "s1_late" },
			{ "Stage 2 responses", "stage2_responses", NULL, "s2_responses" },
			{ "Stage 2 responses within the Code's timescales", "stage2_within_timescales", NULL,
			  "s2_within" },
			{ "Stage 2 responses outside them", "stage2_responses", "stage2_within_timescales",
			  "s2_late" },
		};
		const char *cols[5] = { "Count", names[0], names[1], names[2], NULL };

		cols[n + 1] = NULL;
		table_open(o, "The counts behind the measures", 1, cols);
		row_open(o, "Homes");
		for (int t = 0; t < n; t++)
			cell_num(o, NULL, json_object_get(m[t], "homes"), NULL, NULL, NULL, NULL);
		row_close(o);
		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			row_open(o, rows[i].label);
			for (int t = 0; t < n; t++) {
				const json_t *c = json_object_get(m[t], "counts");
				json_t *x = json_integer(js_int(c, rows[i].a, 0) -
							 (rows[i].b ? js_int(c, rows[i].b, 0) : 0));
				struct buf what = BUF_INIT;

				buf_printf(&what, "%s, %s", rows[i].label, names[t]);
				cell_num(o, l, x, rows[i].key, extra[t], buf_str(&what), NULL);
				buf_free(&what);
				json_decref(x);
			}
			row_close(o);
		}
		table_close(o);
	}
}

void rhtml_tsm(struct buf *o, const json_t *rep, const char *cases)
{
	const struct links l = { cases, "tsm" };
	const json_t *ch = json_object_get(rep, "choices");

	buf_puts(o, "<p class=\"govuk-body-l\">");
	esc(o, js_str0(rep, "organisation"));
	buf_puts(o, ": reporting year ");
	esc(o, js_str0(rep, "year"));
	buf_puts(o, ", ");
	esc(o, js_str0(rep, "from"));
	buf_puts(o, " to ");
	esc(o, js_str0(rep, "to"));
	buf_printf(o, "; %lld homes.</p>\n", js_int(rep, "homes", 0));
	tsm_body(o, rep, &l, 1);
	heading(o, 2, "Choices the Regulator's definitions leave");
	buf_puts(o, "<ul class=\"govuk-list govuk-list--bullet\">\n<li>Refused complaints are ");
	buf_puts(o, js_true(ch, "refused_complaints_counted") ? "counted" : "not counted");
	buf_puts(o, " in CH01.</li>\n<li>A response within an extension the Code permits ");
	buf_puts(o, js_true(ch, "responses_within_permitted_extensions_count_as_within")
		 ? "counts as within the Code's timescales" : "does not count as within the Code's timescales");
	buf_puts(o, ".</li>\n<li>A stage 2 complaint belongs to the year it was ");
	buf_puts(o, !strcmp(js_str0(ch, "stage2_year"), "acknowledgement") ? "acknowledged" : "requested");
	buf_puts(o, ".</li>\n<li>");
	esc(o, js_str0(ch, "timescale"));
	buf_puts(o, ".</li>\n</ul>\n");
}

/* ---- the board pack -------------------------------------------------- */

static void b_volumes(struct buf *o, const json_t *v, const struct links *l)
{
	const json_t *per = json_object_get(v, "per_1000_homes"), *by = json_object_get(v, "by_code");
	const char *name;
	json_t *x;
	char lab[160];

	figures_table(o, "Volumes", v, l, NULL);
	table_open(o, "Per 1,000 homes", 1, (const char *const[]){ "Figure", "Value", NULL });
	json_object_foreach((json_t *)per, name, x) {
		row_open(o, label_of(name, lab));
		cell_num(o, NULL, x, NULL, NULL, NULL, NULL);
		row_close(o);
	}
	table_close(o);
	if (!by)
		return;
	table_open(o, "By the Code that governs the complaint", 1,
		   (const char *const[]){ "Figure", "2022 Code", "2024 Code", NULL });
	json_object_foreach(json_object_get(by, "2024"), name, x) {
		const char *what = label_of(name, lab);

		row_open(o, what);
		for (int c = 0; c < 2; c++) {
			struct buf key = BUF_INIT;

			buf_printf(&key, "code:%s:%s", c ? "2024" : "2022", name);
			cell_num(o, l, json_object_get(json_object_get(by, c ? "2024" : "2022"), name),
				 buf_str(&key), NULL, what, NULL);
			buf_free(&key);
		}
		row_close(o);
	}
	table_close(o);
}

static void b_outcomes(struct buf *o, const json_t *out, const struct links *l)
{
	static const char *const fig[] = { "upheld", "partly_upheld", "not_upheld" };
	static const char *const labels[] = { "Upheld", "Partly upheld", "Not upheld" };
	static const char *const rows[] = { "responses", "points", "upheld", "partly_upheld",
					    "not_upheld", "complaints_upheld", "uphold_rate", NULL };
	const json_t *st[2] = { json_object_get(out, "stage1"), json_object_get(out, "stage2") };
	double v[2][3];
	struct svg_series series[2] = { { "Stage 1", v[0] }, { "Stage 2", v[1] } };
	struct svg_chart c = { "board-outcomes", "Decisions on the points of the complaints, by stage",
			       "Bars for each outcome at stage 1 and stage 2; the table beside the chart "
			       "gives the same figures", labels, 3, series, 2, NULL, 0, 0 };
	struct buf chart = BUF_INIT, table = BUF_INIT;
	char lab[160];

	for (int s = 0; s < 2; s++)
		for (int i = 0; i < 3; i++)
			v[s][i] = number(json_object_get(st[s], fig[i]));
	svg_bars(&chart, &c);
	table_open(&table, "Outcomes", 1, (const char *const[]){ "Figure", "Stage 1", "Stage 2", NULL });
	for (int i = 0; rows[i]; i++) {
		const char *name = label_of(rows[i], lab);

		row_open(&table, name);
		for (int s = 0; s < 2; s++) {
			struct buf what = BUF_INIT;

			buf_printf(&what, "%s, stage %d", name, s + 1);
			cell_num(&table, l, json_object_get(st[s], rows[i]),
				 js_str(json_object_get(st[s], "cases"), rows[i]), NULL, buf_str(&what),
				 !strcmp(rows[i], "uphold_rate") ? "%" : NULL);
			buf_free(&what);
		}
		row_close(&table);
	}
	table_close(&table);
	pair(o, &chart, &table, 0);
}

static void b_timescales(struct buf *o, const json_t *ts, const struct links *l)
{
	static const char *const cols[] = { "total", "within", "late", "no_deadline", "percent",
					    "overdue_not_done", "within_without_extension", NULL };
	size_t n = json_array_size(ts), i;
	const char **labels = xcalloc(n + 1, sizeof(*labels));
	double *v = xcalloc(n + 1, sizeof(*v));
	struct svg_series series[1] = { { "Within (%)", v } };
	struct svg_chart c = { "board-timescales", "Share within each of the Code's timescales (%)",
			       "A bar for each timescale; the table after the chart gives the same "
			       "figures and the counts behind them", labels, n, series, 1, "%", 1, 100 };
	struct buf chart = BUF_INIT, table = BUF_INIT;
	char (*names)[64] = xcalloc(n + 1, sizeof(*names));
	json_t *x;

	json_array_foreach(ts, i, x) {
		snprintf(names[i], sizeof(names[i]), "%s %s", js_str0(x, "clause"),
			 label_of(js_str0(x, "measure"), (char[160]){ 0 }));
		labels[i] = names[i];
		v[i] = number(json_object_get(x, "percent"));
	}
	svg_bars(&chart, &c);
	table_open(&table, "Performance against each of the Code's timescales", 2,
		   (const char *const[]){ "Clause", "Timescale", "Total", "Within", "Late",
					  "No deadline", "Within (%)", "Not done, past the deadline",
					  "Within without an extension", NULL });
	json_array_foreach(ts, i, x) {
		row_open(&table, js_str0(x, "clause"));
		cell_text(&table, js_str0(x, "description"));
		for (int k = 0; cols[k]; k++) {
			struct buf what = BUF_INIT;
			char lab[160];

			buf_printf(&what, "%s, %s", names[i], label_of(cols[k], lab));
			if (json_object_get(x, cols[k]))
				cell_num(&table, l, json_object_get(x, cols[k]),
					 js_str(json_object_get(x, "cases"), cols[k]), NULL, buf_str(&what),
					 !strcmp(cols[k], "percent") ? "%" : NULL);
			else
				buf_puts(&table, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
					 "not applicable</td>");
			buf_free(&what);
		}
		row_close(&table);
	}
	table_close(&table);
	pair(o, &chart, &table, 1);
	free(names);
	free(labels);
	free(v);
}

/* A list of items named by "dim" ("category", "reason", ...) with the
 * figures "figs", charted by "chart_figs" (up to 2); the links narrow
 * each figure to the item ("dim:value:figure"); "keydim" is the board's
 * dimension name, or NULL for no links. */
static void b_items(struct buf *o, const char *id, const char *caption, const json_t *items,
		    const char *dim, const char *keydim, const char *const *figs,
		    const char *const *chart_figs, const char *const *chart_names,
		    const struct links *l, int columns)
{
	size_t n = json_array_size(items), i;
	const char **labels = xcalloc(n + 1, sizeof(*labels));
	double *v = xcalloc(2 * n + 2, sizeof(*v));
	struct svg_series series[2];
	size_t ns = 0;
	struct buf chart = BUF_INIT, table = BUF_INIT;
	const char *cols[16] = { NULL };
	char lab[16][160];
	json_t *x;
	int k, nfigs = 0;

	if (!n) {
		buf_puts(o, "<p class=\"govuk-body\">");
		esc(o, caption);
		buf_puts(o, ": none in the period.</p>\n");
		free(labels);
		free(v);
		return;
	}
	for (ns = 0; chart_figs && chart_figs[ns] && ns < 2; ns++) {
		series[ns].name = chart_names[ns];
		series[ns].values = v + ns * n;
	}
	json_array_foreach(items, i, x) {
		labels[i] = js_str0(x, dim);
		for (size_t s = 0; s < ns; s++)
			v[s * n + i] = number(json_object_get(x, chart_figs[s]));
	}
	cols[0] = label_of(dim, lab[0]);
	for (k = 0; figs[k] && k < 14; k++)
		cols[k + 1] = label_of(figs[k], lab[k + 1]);
	nfigs = k;
	table_open(&table, caption, 1, cols);
	json_array_foreach(items, i, x) {
		row_open(&table, js_str0(x, dim));
		for (k = 0; figs[k] && k < 14; k++) {
			struct buf key = BUF_INIT, what = BUF_INIT;
			int linkable = keydim && board_is_figure(figs[k]) && strcmp(js_str0(x, dim), "(none)");

			buf_printf(&key, "%s:%s:%s", keydim ? keydim : "", js_str0(x, dim), figs[k]);
			buf_printf(&what, "%s, %s", js_str0(x, dim), cols[k + 1]);
			cell_num(&table, l, json_object_get(x, figs[k]), linkable ? buf_str(&key) : NULL,
				 NULL, buf_str(&what), NULL);
			buf_free(&key);
			buf_free(&what);
		}
		row_close(&table);
	}
	table_close(&table);
	if (ns) {
		struct svg_chart c = { id, caption, columns
				       ? "Columns for each month; the table after the chart gives the same figures"
				       : "Bars for each; the table beside the chart gives the same figures",
				       labels, n, series, ns, NULL, 0, 0 };

		if (columns)
			svg_columns(&chart, &c);
		else
			svg_bars(&chart, &c);
		pair(o, &chart, &table, columns || nfigs > 3);
	} else {
		buf_puts(o, buf_str(&table));
		buf_free(&table);
	}
	free(labels);
	free(v);
}

static void b_extensions(struct buf *o, const json_t *x, const struct links *l)
{
	figures_table(o, "Extensions", x, l, NULL);
	b_items(o, "board-extension-reasons", "Extensions by reason", json_object_get(x, "reasons"),
		"reason", "reason", (const char *const[]){ "extensions", "extensions_beyond_code", NULL },
		(const char *const[]){ "extensions", NULL }, (const char *const[]){ "Extensions" }, l, 0);
}

static void b_refusals(struct buf *o, const json_t *x, const char *list, const struct links *l)
{
	figures_table(o, "Refusals", x, l, NULL);
	b_items(o, "board-refusal-reasons", "Refusals by reason", json_object_get(x, list), "reason",
		"reason", (const char *const[]){ "refused", "escalation_refused", NULL },
		(const char *const[]){ "refused", "escalation_refused", NULL },
		(const char *const[]){ "Complaints refused", "Escalations refused" }, l, 0);
}

static void b_categories(struct buf *o, const json_t *cats, const struct links *l)
{
	b_items(o, "board-categories", "Category by category", cats, "category", "category",
		(const char *const[]){ "received", "previous_received", "change", "stage2_requested",
				       "s1_responses", "s1_upheld_any", "s2_responses", "s2_upheld_any",
				       "refused", NULL },
		(const char *const[]){ "received", "previous_received", NULL },
		(const char *const[]){ "Received in the period", "Received in the period before" }, l, 0);
}

static void b_remedies(struct buf *o, const json_t *x, const struct links *l)
{
	figures_table(o, "Remedies", x, l, NULL);
	b_items(o, "board-remedy-types", "Remedies by type", json_object_get(x, "types"), "type", "type",
		(const char *const[]){ "remedies", NULL }, (const char *const[]){ "remedies", NULL },
		(const char *const[]){ "Remedies" }, l, 0);
}

/* The figures of the board pack, in the order of board.h; "annual" leaves
 * out what the annual report does not carry. */
static void board_body(struct buf *o, const json_t *rep, const struct links *l)
{
	const json_t *hs = json_object_get(rep, "hotspots");
	static const char *const ovs[][2] = {
		{ "ombudsman", "Ombudsman cases, determinations and orders" },
		{ "improvements", "Learning and service improvements" },
		{ "quality_reviews", "Quality reviews of responses" },
		{ "surveys", "Surveys of complaint handling" },
	};

	heading(o, 2, "Volumes");
	b_volumes(o, json_object_get(rep, "volumes"), l);
	heading(o, 2, "Outcomes");
	b_outcomes(o, json_object_get(rep, "outcomes"), l);
	heading(o, 2, "Performance against the Code's timescales");
	b_timescales(o, json_object_get(rep, "timescales"), l);
	heading(o, 2, "Extensions and their reasons");
	b_extensions(o, json_object_get(rep, "extensions"), l);
	heading(o, 2, "Refusals by reason");
	b_refusals(o, json_object_get(rep, "refusals"), "reasons", l);
	heading(o, 2, "Month by month");
	b_items(o, "board-months", "Month by month", json_object_get(rep, "months"), "month", "month",
		(const char *const[]){ "received", "stage2_requested", "s1_responses", "s1_within", "s1_late",
				       "s2_responses", "s2_within", "s2_late", "refused", "extensions", NULL },
		(const char *const[]){ "received", "stage2_requested", NULL },
		(const char *const[]){ "Complaints received", "Stage 2 requested" }, l, 1);
	heading(o, 2, "Category by category");
	b_categories(o, json_object_get(rep, "categories"), l);
	heading(o, 2, "Repeat complainants");
	figures_table(o, "Repeat complainants (two or more complaints received in the period)",
		      json_object_get(rep, "repeat_complainants"), l, NULL);
	heading(o, 2, "Hotspots");
	b_items(o, "board-estates", "Estates", json_object_get(hs, "estates"), "estate", "estate",
		(const char *const[]){ "received", "stage2_requested", "s1_upheld_any", NULL },
		(const char *const[]){ "received", NULL }, (const char *const[]){ "Complaints received" },
		l, 0);
	b_items(o, "board-buildings", "Buildings", json_object_get(hs, "buildings"), "building",
		"building", (const char *const[]){ "received", "stage2_requested", "s1_upheld_any", NULL },
		(const char *const[]){ "received", NULL }, (const char *const[]){ "Complaints received" },
		l, 0);
	heading(o, 2, "Remedies");
	b_remedies(o, json_object_get(rep, "remedies"), l);
	heading(o, 2, "Outstanding actions promised in responses");
	figures_table(o, "Actions", json_object_get(rep, "actions"), l, NULL);
	for (size_t i = 0; i < sizeof(ovs) / sizeof(ovs[0]); i++) {
		heading(o, 2, ovs[i][1]);
		any_section(o, ovs[i][1], json_object_get(rep, ovs[i][0]));
	}
	heading(o, 2, "Exceptional circumstances");
	if (json_array_size(json_object_get(rep, "exceptional_circumstances")))
		list_table(o, "Exceptional circumstances in the period",
			   json_object_get(rep, "exceptional_circumstances"));
	else
		para(o, "No exceptional circumstances in the period.");
}

void rhtml_board(struct buf *o, const json_t *rep, const char *cases)
{
	const struct links l = { cases, "board" };
	const json_t *prev = json_object_get(rep, "previous_period");

	buf_puts(o, "<p class=\"govuk-body-l\">");
	esc(o, js_str0(rep, "organisation"));
	buf_puts(o, ": ");
	esc(o, js_str0(rep, "period"));
	buf_puts(o, ", ");
	esc(o, js_str0(rep, "from"));
	buf_puts(o, " to ");
	esc(o, js_str0(rep, "to"));
	buf_printf(o, "; %lld homes. In the period before (", js_int(rep, "homes", 0));
	esc(o, js_str0(prev, "from"));
	buf_puts(o, " to ");
	esc(o, js_str0(prev, "to"));
	buf_printf(o, ") %lld complaints were received.</p>\n", js_int(prev, "received", 0));
	board_body(o, rep, &l);
}

/* ---- the self-assessment and the annual report ---------------------- */

/* An object's members as a GOV.UK summary list, or "none" when it is
 * null. */
static void record_list(struct buf *o, const char *title, const json_t *obj, const char *none)
{
	const char *k;
	json_t *v;
	char lab[160];

	heading(o, 3, title);
	if (!json_is_object(obj)) {
		para(o, none);
		return;
	}
	buf_puts(o, "<dl class=\"govuk-summary-list\">\n");
	json_object_foreach((json_t *)obj, k, v) {
		buf_puts(o, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
		esc(o, label_of(k, lab));
		buf_puts(o, "</dt><dd class=\"govuk-summary-list__value\">");
		plain_value(o, v);
		buf_puts(o, "</dd></div>\n");
	}
	buf_puts(o, "</dl>\n");
}

static void sa_summary(struct buf *o, const json_t *sm)
{
	static const char *const labels[] = { "Comply: yes", "Comply: no", "Not answered yet" };
	static const char *const keys[] = { "comply_yes", "comply_no", "not_answered" };
	double v[3];
	struct svg_series series[1] = { { "Provisions", v } };
	struct svg_chart c = { "sa-summary", "The provisions by their answer",
			       "A bar for each answer; the table beside the chart gives the same figures and "
			       "how the evidence was found", labels, 3, series, 1, NULL, 0, 0 };
	struct buf chart = BUF_INIT, table = BUF_INIT;

	for (int i = 0; i < 3; i++)
		v[i] = number(json_object_get(sm, keys[i]));
	svg_bars(&chart, &c);
	figures_table(&table, "Summary of the self-assessment", sm, NULL, NULL);
	pair(o, &chart, &table, 0);
}

/* The cell of a provision's cases: those in breach (when flagged) and
 * every complaint it counted. */
static void sa_cases_cell(struct buf *o, const json_t *p, const struct links *l)
{
	const char *n = js_str0(p, "provision");

	buf_puts(o, "<td class=\"govuk-table__cell\">");
	if (l->base && json_object_get(p, "cases")) {
		const char *kinds[2][3] = { { "", "Complaints in breach", "" },
					    { "&all=true", "All complaints counted", "" } };

		for (int k = js_true(p, "flagged") ? 0 : 1; k < 2; k++) {
			buf_puts(o, "<a class=\"govuk-link\" href=\"");
			esc(o, l->base);
			buf_puts(o, "&amp;report=self-assessment&amp;key=");
			url_part(o, n);
			esc(o, kinds[k][0]);
			buf_puts(o, "\">");
			esc(o, kinds[k][1]);
			buf_puts(o, "<span class=\"govuk-visually-hidden\"> for ");
			esc(o, n);
			buf_puts(o, "</span></a><br>");
		}
	}
	buf_puts(o, "</td>");
}

static void sa_provisions(struct buf *o, const json_t *list, const struct links *l)
{
	long long section = -1;
	size_t i;
	json_t *p;

	json_array_foreach(list, i, p) {
		const char *comply = js_str(p, "comply");
		const json_t *cm = json_object_get(p, "commentary");

		if (js_int(p, "section", 0) != section) {
			struct buf cap = BUF_INIT;

			if (section >= 0)
				table_close(o);
			section = js_int(p, "section", 0);
			buf_printf(&cap, "Section %lld: %s", section, js_str0(p, "section_name"));
			heading(o, 3, buf_str(&cap));
			table_open(o, buf_str(&cap), 6, (const char *const[]){ "Provision", "Requirement",
				   "Comply", "Evidence", "Commentary", "Cases", NULL });
			buf_free(&cap);
		}
		row_open(o, js_str0(p, "provision"));
		cell_text(o, js_str0(p, "requirement"));
		buf_puts(o, "<td class=\"govuk-table__cell\">");
		buf_puts(o, !comply ? "Not answered" : !strcmp(comply, "yes") ? "Yes" : "No");
		if (js_true(p, "flagged"))
			buf_puts(o, " <strong class=\"govuk-tag govuk-tag--red\">The figures show a breach</strong>");
		buf_puts(o, "</td>");
		cell_text(o, js_str0(p, "evidence"));
		buf_puts(o, "<td class=\"govuk-table__cell\">");
		if (json_is_object(cm)) {
			esc(o, js_str0(cm, "text"));
			if (js_str(cm, "by")) {
				buf_puts(o, " (");
				esc(o, js_str0(cm, "by"));
				buf_puts(o, js_str(cm, "on") ? ", " : "");
				esc(o, js_str0(cm, "on"));
				buf_puts(o, ")");
			}
		}
		buf_puts(o, "</td>");
		sa_cases_cell(o, p, l);
		row_close(o);
	}
	if (section >= 0)
		table_close(o);
}

void rhtml_self_assessment(struct buf *o, const json_t *rep, const char *cases)
{
	const struct links l = { cases, "self-assessment" };

	buf_puts(o, "<p class=\"govuk-body-l\">");
	esc(o, js_str0(rep, "organisation"));
	buf_puts(o, ": ");
	esc(o, js_str0(rep, "form"));
	buf_puts(o, ", reporting year ");
	esc(o, js_str0(rep, "year"));
	buf_puts(o, " (");
	esc(o, js_str0(rep, "from"));
	buf_puts(o, " to ");
	esc(o, js_str0(rep, "to"));
	buf_puts(o, "), figures as at ");
	esc(o, js_str0(rep, "as_at"));
	buf_puts(o, ".</p>\n");
	heading(o, 2, "Summary");
	sa_summary(o, json_object_get(rep, "summary"));
	record_list(o, "Approval by the governing body", json_object_get(rep, "approved"),
		    "Not approved yet.");
	record_list(o, "Publication", json_object_get(rep, "published"), "Not published yet.");
	heading(o, 2, "The provisions");
	sa_provisions(o, json_object_get(rep, "provisions"), &l);
}

void rhtml_annual(struct buf *o, const json_t *rep, const char *cases)
{
	const json_t *s = json_object_get(rep, "sections"), *a = json_object_get(s, "a_self_assessment");
	const json_t *b = json_object_get(s, "b_performance"), *x;
	const struct links lt = { cases, "tsm" }, lb = { cases, "board" };
	static const char *const notes[][2] = {
		{ "e_ombudsman_annual_landlord_report", "(e) The Ombudsman's annual landlord report" },
		{ "f_other_ombudsman_reports", "(f) Other relevant reports of the Ombudsman" },
	};
	size_t i;

	buf_puts(o, "<p class=\"govuk-body-l\">");
	esc(o, js_str0(rep, "organisation"));
	buf_puts(o, ": reporting year ");
	esc(o, js_str0(rep, "year"));
	buf_puts(o, " (");
	esc(o, js_str0(rep, "from"));
	buf_puts(o, " to ");
	esc(o, js_str0(rep, "to"));
	buf_printf(o, "), under the %lld Code. ", js_int(rep, "code", 0));
	buf_puts(o, js_true(rep, "ready_to_publish") ? "Ready to publish."
		 : "Not ready to publish: it needs the governing body's response and the approved "
		   "self-assessment.");
	buf_puts(o, "</p>\n");

	heading(o, 2, "(a) The self-assessment against the Code");
	sa_summary(o, json_object_get(a, "summary"));
	record_list(o, "Approval by the governing body", json_object_get(a, "approved"), "Not approved yet.");
	record_list(o, "Publication", json_object_get(a, "published"), "Not published yet.");
	heading(o, 3, "Provisions not met");
	if (json_array_size(json_object_get(a, "not_met"))) {
		table_open(o, "Provisions not met", 4, (const char *const[]){ "Provision", "Requirement",
			   "Evidence", "Commentary", NULL });
		json_array_foreach(json_object_get(a, "not_met"), i, x) {
			const json_t *cm = json_object_get(x, "commentary");

			row_open(o, js_str0(x, "provision"));
			cell_text(o, js_str0(x, "requirement"));
			cell_text(o, js_str0(x, "evidence"));
			cell_text(o, json_is_object(cm) ? js_str0(cm, "text") : "");
			row_close(o);
		}
		table_close(o);
	} else {
		para(o, "None.");
	}
	buf_puts(o, "<p class=\"govuk-body\">Provisions still to answer: ");
	if (!json_array_size(json_object_get(a, "to_answer")))
		buf_puts(o, "none");
	plain_value(o, json_object_get(a, "to_answer"));
	buf_puts(o, ".</p>\n");

	heading(o, 2, "(b) Complaint handling performance");
	heading(o, 3, "Tenant Satisfaction Measures");
	tsm_body(o, json_object_get(b, "tsm"), &lt, 0);
	heading(o, 3, "Volumes");
	b_volumes(o, json_object_get(b, "volumes"), &lb);
	heading(o, 3, "Outcomes");
	b_outcomes(o, json_object_get(b, "outcomes"), &lb);
	heading(o, 3, "Performance against the Code's timescales");
	b_timescales(o, json_object_get(b, "timescales"), &lb);
	heading(o, 3, "Categories");
	b_categories(o, json_object_get(b, "categories"), &lb);
	heading(o, 3, "Extensions");
	b_extensions(o, json_object_get(b, "extensions"), &lb);
	heading(o, 3, "Remedies");
	b_remedies(o, json_object_get(b, "remedies"), &lb);
	heading(o, 3, "The types of complaint refused");
	b_refusals(o, json_object_get(b, "refusals"), "types", &lb);

	heading(o, 2, "(c) Findings of non-compliance by the Ombudsman");
	any_section(o, "Ombudsman findings and orders", json_object_get(s, "c_ombudsman_non_compliance"));
	heading(o, 2, "(d) Service improvements made as a result of learning from complaints");
	any_section(o, "Service improvements", json_object_get(s, "d_service_improvements"));
	for (i = 0; i < 2; i++) {
		const json_t *part = json_object_get(s, notes[i][0]);
		size_t k;

		heading(o, 2, notes[i][1]);
		para(o, js_str0(part, "note"));
		if (!json_array_size(json_object_get(part, "reports")))
			continue;
		table_open(o, notes[i][1] + 4, 7, (const char *const[]){ "Reference", "Report",
			   "Published", i ? "Kind" : "Covers", "Summary", "The landlord's response",
			   "Web address", NULL });
		json_array_foreach(json_object_get(part, "reports"), k, x) {
			row_open(o, js_str0(x, "reference"));
			cell_text(o, js_str0(x, "title"));
			cell_text(o, js_str0(x, "published_on"));
			cell_text(o, i ? omr_kind_label(js_str0(x, "kind")) : js_str0(x, "covers"));
			cell_text(o, js_str0(x, "summary"));
			cell_text(o, js_str(x, "landlord_response") ? js_str0(x, "landlord_response")
				  : "Not yet recorded");
			cell_text(o, js_str0(x, "url"));
			row_close(o);
		}
		table_close(o);
	}
	heading(o, 2, "The governing body's response");
	record_list(o, "Response", json_object_get(rep, "governing_body_response"),
		    "The governing body has not responded yet.");
}

char *rhtml_document(const char *title, const char *content)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	esc(&b, title);
	buf_puts(&b, "</title>\n<style>\nbody{font-family:Arial,sans-serif;color:#0b0c0c;margin:2em;"
		     "max-width:72em}\ntable{border-collapse:collapse;margin:0 0 2em}\n"
		     "caption{text-align:left;font-weight:bold;padding:.5em 0}\n"
		     "th,td{border-bottom:1px solid #b1b4b6;padding:.4em .8em .4em 0;text-align:left;"
		     "vertical-align:top}\n.govuk-table__header--numeric,.govuk-table__cell--numeric"
		     "{text-align:right}\n.govuk-visually-hidden{position:absolute;width:1px;height:1px;"
		     "overflow:hidden;clip:rect(0 0 0 0)}\n.rd-chart{max-width:100%;height:auto}\n"
		     ".govuk-tag--red{color:#2a0b06;background:#f4cdc6;padding:0 .3em}\n</style>\n"
		     "</head>\n<body>\n<main>\n<h1>");
	esc(&b, title);
	buf_printf(&b, "</h1>\n%s</main>\n</body>\n</html>\n", content);
	return buf_detach(&b);
}
