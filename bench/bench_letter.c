/*
 * bench_letter.c - making one two-page stage 1 response letter as a PDF:
 * building it from the complaint's state (data, the Code's checks, the
 * template, readability) and rendering it with Pango and cairo.
 *
 * The complaint is taken through the state machine once.  The first
 * letter is timed on its own (it loads the fonts); then each of 5 runs
 * makes 50 letters, and the median run's time per letter is printed.
 *
 * Usage: bench_letter [LETTERS_PER_RUN]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/complaint.h"
#include "core/policy.h"
#include "letters/letters.h"

#define RUNS 5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void act(json_t *st, const calendar *cal, const json_t *policy,
		const char *today, const char *action, const char *in)
{
	struct cmp_ctx ctx;
	struct rd_err e;
	json_t *j = json_loads(in, 0, NULL), *payload;
	const char *type;
	date_t eff;

	memset(&ctx, 0, sizeof(ctx));
	ctx.cal = cal;
	ctx.policy = policy;
	date_parse(today, &ctx.today);
	ctx.actor = "olu";
	ctx.role = "complaints_officer";
	ctx.reference = "CMP-2026-000001";
	if (!j || cmp_decide(json_object_size(st) ? st : NULL, action, j, &ctx,
			     &payload, &type, &eff, &e)) {
		fprintf(stderr, "bench_letter: %s: %s\n", action, j ? e.msg : "bad JSON");
		exit(1);
	}
	cmp_apply(st, type, payload);
	json_decref(payload);
	json_decref(j);
}

static int one(const struct letter_src *src, struct buf *out)
{
	struct letter l;
	struct rd_err e;

	buf_reset(out);
	if (letter_build(src, &l, &e) || letter_render(&l, LETTER_PDF, out, &e)) {
		fprintf(stderr, "bench_letter: %s\n", e.msg);
		return -1;
	}
	letter_free(&l);
	return 0;
}

/* Page objects in the PDF ("/Type /Page", not "/Type /Pages"). */
static int pages(const struct buf *pdf)
{
	static const char key[] = "/Type /Page";
	size_t k = sizeof(key) - 1;
	int n = 0;

	for (size_t i = 0; i + k < pdf->len; i++)
		if (!memcmp(pdf->s + i, key, k) && pdf->s[i + k] != 's')
			n++;
	return n;
}

int main(int argc, char **argv)
{
	int per_run = argc > 1 ? atoi(argv[1]) : 50;
	calendar *cal = cal_new(CAL_ENGLAND_WALES, NULL, 0, NULL, 0, 0);
	json_t *policy = policy_default(), *st = json_object();
	struct letter_src src;
	struct buf out = BUF_INIT;
	double t[RUNS], first;

	json_object_set_new(policy, "organisation", json_string("Riverside Homes"));
	json_object_set_new(policy, "phone", json_string("0300 123 4567"));
	json_object_set_new(policy, "email", json_string("complaints@riverside.example"));
	json_object_set_new(policy, "address", json_string("1 River Street, Leeds, LS1 1AA"));
	act(st, cal, policy, "2026-11-02", "new",
	    "{\"channel\": \"phone\", \"category\": \"repairs\", \"description\": \"Roof leak\","
	    " \"complainant\": {\"name\": \"Ann Lee\", \"address\": \"2 Hill Road, Leeds, LS2 2BB\"}}");
	act(st, cal, policy, "2026-11-04", "acknowledge",
	    "{\"handler\": \"amy\", \"definition\": {\"summary\": \"The roof leak was not repaired\","
	    " \"outcomes_sought\": \"Repair and compensation\", \"responsible\": \"Roof repairs\","
	    " \"not_responsible\": \"Damage to contents\", \"points\": [\"The roof leak was not"
	    " repaired for ten weeks after it was first reported\", \"Calls to the repairs line"
	    " were not returned\", \"The contractor did not arrive on the agreed day\"]},"
	    " \"triage\": {\"complex\": false, \"vulnerable\": false}}");
	act(st, cal, policy, "2026-11-18", "respond",
	    "{\"decisions\": [{\"point\": 1, \"outcome\": \"upheld\", \"reasons\": \"Our repair"
	    " target for a roof leak is 20 working days and the repair took 50\"}, {\"point\": 2,"
	    " \"outcome\": \"partly_upheld\", \"reasons\": \"Two of your four calls were not"
	    " returned\"}, {\"point\": 3, \"outcome\": \"not_upheld\", \"reasons\": \"The"
	    " contractor came on the day agreed but could not get in\"}], \"remedies\": ["
	    "{\"type\": \"apology\", \"due_on\": \"2026-11-18\", \"description\": \"We apologise"
	    " for the delay\"}, {\"type\": \"financial\", \"amount\": 250, \"due_on\": \"2026-12-02\","
	    " \"description\": \"Money for the time and trouble\"}], \"outstanding_actions\": ["
	    "{\"due_on\": \"2027-01-15\", \"description\": \"Replace the roof covering\"},"
	    " {\"due_on\": \"2026-12-11\", \"description\": \"Repair the bedroom ceiling\"}]}");
	memset(&src, 0, sizeof(src));
	src.kind = LETTER_RESPONSE;
	src.complaint = st;
	src.policy = policy;
	src.cal = cal;
	date_parse("2026-11-18", &src.today);

	first = now();
	if (one(&src, &out))
		return 1;
	first = now() - first;
	for (int r = 0; r < RUNS; r++) {
		double s = now();

		for (int i = 0; i < per_run; i++)
			if (one(&src, &out))
				return 1;
		t[r] = (now() - s) / per_run;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	printf("letter_pdf: %.1f ms per %d-page letter (%zu bytes; median of %d runs of %d;"
	       " the first, loading the fonts, %.0f ms)\n",
	       t[RUNS / 2] * 1000, pages(&out), out.len, RUNS, per_run, first * 1000);
	buf_free(&out);
	json_decref(st);
	json_decref(policy);
	cal_free(cal);
	return 0;
}
