/*
 * cmd_training.c - redress training: who completed complaint-handling
 * training and when, the evidence for Code 4.3.
 *
 *   training new --user NAME --course T --completed-on D [--provider T]
 *                [--expires-on D] [--notes T]
 *   training list | show TRN
 */
#include "cli/cli.h"
#include "cli/commands.h"

static const char usage[] = "training new|list|show [TRN] [options] [--json]";

static const struct cli_opt opts[] = {
	{ "user", "user", O_STR },
	{ "course", "course", O_STR },
	{ "completed-on", "completed_on", O_STR },
	{ "provider", "provider", O_STR },
	{ "expires-on", "expires_on", O_STR },
	{ "notes", "notes", O_STR },
	{ NULL, NULL, 0 }
};

int cmd_training(int argc, char **argv)
{
	static const char *const actions[] = { "new", NULL };
	static const char *const cols[] = {
		"reference", "user", "completed_on", "course", NULL
	};
	static const struct cli_register def = {
		"training", usage, opts, actions, NULL, cols, NULL
	};

	return cli_register(argc, argv, &def);
}
