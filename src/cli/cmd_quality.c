/*
 * cmd_quality.c - redress quality: quality review of issued responses
 * (core/quality.h, store/schedule.h).
 *
 *   quality sample --from D --to D --reviewer NAME [--reviewer NAME ...]
 *                  [--percent N] [--assigned-on D]
 *   quality new --complaint REF --stage 1|2 --reviewer NAME [--assigned-on D]
 *   quality score QR --points-answered 0-2 --required-elements 0-2
 *                 --plain-language 0-2 --tone 0-2 --remedy-proportionate 0-2
 *                 --findings T [--scored-on D]        (as the reviewer: --as NAME)
 *   quality list | show QR
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/schedule.h"

static const char usage[] = "quality sample|new|score|list|show [QR] [options] [--json]";

static const struct cli_opt opts[] = {
	{ "from", "from", O_STR },
	{ "to", "to", O_STR },
	{ "percent", "percent", O_INT },
	{ "complaint", "complaint", O_STR },
	{ "stage", "stage", O_INT },
	{ "reviewer", "reviewer", O_STR },
	{ "assigned-on", "assigned_on", O_STR },
	{ "points-answered", "scores.points_answered", O_INT },
	{ "required-elements", "scores.required_elements", O_INT },
	{ "plain-language", "scores.plain_language", O_INT },
	{ "tone", "scores.tone", O_INT },
	{ "remedy-proportionate", "scores.remedy_proportionate", O_INT },
	{ "findings", "findings", O_STR },
	{ "scored-on", "scored_on", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt sample_opts[] = {
	{ "from", "from", O_STR },
	{ "to", "to", O_STR },
	{ "percent", "percent", O_INT },
	{ "reviewer", "reviewers", O_LIST },
	{ "assigned-on", "assigned_on", O_STR },
	{ NULL, NULL, 0 }
};

static const char *const cols[] = {
	"reference", "status", "complaint", "stage", "reviewer", NULL
};

static int sample(int argc, char **argv)
{
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *made, *x;
	size_t i;
	int rc;

	if (cli_parse(&c, argc, argv, sample_opts, usage))
		return 2;
	if (c.npos) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (rec_allow_staff(&r, "sample responses", &e) || !strcmp(r.role, "handler")) {
		if (!e.msg[0])
			err_set(&e, RD_EDENIED, "as", NULL, "the handler role may not sample responses "
				"(only: complaints_officer, senior_lead)");
		rc = cli_fail(&e);
	} else if (sched_quality_sample(&r, c.in, &made, &e)) {
		rc = cli_fail(&e);
	} else {
		if (c.json)
			cli_print_json(made);
		else
			json_array_foreach(made, i, x)
				cli_line(x, cols);
		json_decref(made);
		rc = 0;
	}
	rec_close(&r);
	cli_free(&c);
	return rc;
}

int cmd_quality(int argc, char **argv)
{
	static const char *const actions[] = { "new", "score", NULL };
	static const struct cli_register def = {
		"quality_review", usage, opts, actions, NULL, cols, NULL
	};

	if (argc >= 2 && !strcmp(argv[1], "sample"))
		return sample(argc - 1, argv + 1);
	return cli_register(argc, argv, &def);
}
