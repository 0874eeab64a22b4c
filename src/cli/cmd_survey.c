/*
 * cmd_survey.c - redress survey: feedback on complaint handling
 * (core/survey.h, store/schedule.h).
 *
 *   survey schedule             a survey for each closed complaint now due
 *   survey send SV [--sent-on D] [--method M]
 *   survey answer SV [--ease-of-complaining 1-5] [--kept-informed 1-5]
 *                 [--treated-fairly 1-5] [--outcome 1-5] [--overall 1-5]
 *                 [--comments T] [--answered-on D]
 *   survey decline SV [--on D] [--reason T]
 *   survey list | show SV
 *
 * A resident opts out with redress person preferences P --surveys no.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/schedule.h"

static const char usage[] = "survey schedule|send|answer|decline|list|show [SV] [options] [--json]";

static const struct cli_opt opts[] = {
	{ "sent-on", "sent_on", O_STR },
	{ "method", "method", O_STR },
	{ "ease-of-complaining", "answers.ease_of_complaining", O_INT },
	{ "kept-informed", "answers.kept_informed", O_INT },
	{ "treated-fairly", "answers.treated_fairly", O_INT },
	{ "outcome", "answers.outcome", O_INT },
	{ "overall", "answers.overall", O_INT },
	{ "comments", "comments", O_STR },
	{ "answered-on", "answered_on", O_STR },
	{ "on", "on", O_STR },
	{ "reason", "reason", O_STR },
	{ NULL, NULL, 0 }
};

static const char *const cols[] = { "reference", "status", "complaint", "due_on", NULL };

static int schedule(int argc, char **argv)
{
	static const struct cli_opt none[] = { { NULL, NULL, 0 } };
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *made, *x;
	size_t i;
	int rc;

	if (cli_parse(&c, argc, argv, none, usage))
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
	if (sched_surveys(&r, &made, &e)) {
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

int cmd_survey(int argc, char **argv)
{
	static const char *const actions[] = { "send", "answer", "decline", NULL };
	static const struct cli_register def = {
		"survey", usage, opts, actions, NULL, cols, NULL
	};

	if (argc >= 2 && !strcmp(argv[1], "schedule"))
		return schedule(argc - 1, argv + 1);
	return cli_register(argc, argv, &def);
}
