/*
 * cmd_report.c - redress report tsm [--year YYYY] [--format json|csv|text]
 *                [--cases MEASURE [--tenure lcra|lcho]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "reports/tsm.h"
#include "util/json.h"

static const char usage[] =
	"report tsm [--year YYYY] [--format text|json|csv] [--json] "
	"[--cases MEASURE [--tenure lcra|lcho]]";

static void print_text(const json_t *rep)
{
	const json_t *c = json_object_get(rep, "counts");
	static const char *const keys[] = { "stage1", "stage2" };

	printf("Tenant Satisfaction Measures %s (%s to %s), %s, %lld homes\n",
	       js_str0(rep, "year"), js_str0(rep, "from"), js_str0(rep, "to"),
	       js_str0(rep, "organisation"), js_int(rep, "homes", 0));
	for (int i = 0; i < 2; i++) {
		const json_t *v1 = json_object_get(json_object_get(rep, "ch01"), keys[i]);
		const json_t *v2 = json_object_get(json_object_get(rep, "ch02"), keys[i]);
		char k1[40], k2[40], k3[40];

		snprintf(k1, sizeof(k1), "%s_received", keys[i]);
		snprintf(k2, sizeof(k2), "%s_within_timescales", keys[i]);
		snprintf(k3, sizeof(k3), "%s_responses", keys[i]);
		printf("  CH01 stage %d: ", i + 1);
		if (json_is_number(v1))
			printf("%.1f per 1,000 homes", json_number_value(v1));
		else
			printf("- (no homes recorded: redress policy set homes N)");
		printf(" (%lld received)\n", js_int(c, k1, 0));
		printf("  CH02 stage %d: ", i + 1);
		if (json_is_number(v2))
			printf("%.1f%%", json_number_value(v2));
		else
			printf("- (no responses)");
		printf(" (%lld of %lld responses within the Code's timescales)\n",
		       js_int(c, k2, 0), js_int(c, k3, 0));
	}
}

int cmd_report(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "year", NULL, O_INT },
		{ "format", NULL, O_STR },
		{ "cases", NULL, O_STR },
		{ "tenure", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	const char *format;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *rep = NULL;
	int year, rc = 0;

	if (argc < 2 || strcmp(argv[1], "tsm"))
		return cli_usage(usage);
	if (cli_parse(&c, argc - 1, argv + 1, opts, usage))
		return 2;
	format = c.json ? "json" : cli_opt(&c, "format") ? cli_opt(&c, "format") : "text";
	if (c.npos || (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv"))) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	year = cli_opt(&c, "year") ? atoi(cli_opt(&c, "year")) : tsm_year_of(r.today);
	if (cli_opt(&c, "cases")) {
		if (tsm_cases(&r, year, cli_opt(&c, "tenure"), cli_opt(&c, "cases"), &rep, &e)) {
			rc = cli_fail(&e);
		} else if (!strcmp(format, "json")) {
			cli_print_json(rep);
		} else {
			size_t i;
			json_t *x;

			json_array_foreach(rep, i, x)
				puts(json_string_value(x));
		}
	} else if (tsm_report(&r, year, &rep, &e)) {
		rc = cli_fail(&e);
	} else if (!strcmp(format, "json")) {
		cli_print_json(rep);
	} else if (!strcmp(format, "csv")) {
		char *csv = tsm_csv(rep);

		fputs(csv, stdout);
		free(csv);
	} else {
		print_text(rep);
	}
	json_decref(rep);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
