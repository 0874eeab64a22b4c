/*
 * cmd_exceptional.c - redress exceptional: exceptional circumstances when
 * the Code could not be met (Code 8.5): the period, what the Ombudsman and
 * residents were told, and the return to compliance.
 *
 *   exceptional new --reason T --expected-return-on D [--started-on D]
 *                   [--description T] [--ombudsman-informed-on D --ombudsman-told T]
 *                   [--residents-informed-on D --residents-told T]
 *                   [--published-on D] [--url U]
 *   exceptional update EXC [the same, except --started-on]
 *   exceptional end EXC [--returned-on D] [--note T]
 *   exceptional list | show EXC
 */
#include "cli/cli.h"
#include "cli/commands.h"

static const char usage[] = "exceptional new|update|end|list|show [EXC] [options] [--json]";

static const struct cli_opt opts[] = {
	{ "started-on", "started_on", O_STR },
	{ "reason", "reason", O_STR },
	{ "description", "description", O_STR },
	{ "expected-return-on", "expected_return_on", O_STR },
	{ "ombudsman-informed-on", "ombudsman_informed_on", O_STR },
	{ "ombudsman-told", "ombudsman_told", O_STR },
	{ "residents-informed-on", "residents_informed_on", O_STR },
	{ "residents-told", "residents_told", O_STR },
	{ "published-on", "published_on", O_STR },
	{ "url", "url", O_STR },
	{ "returned-on", "returned_on", O_STR },
	{ "note", "note", O_STR },
	{ NULL, NULL, 0 }
};

int cmd_exceptional(int argc, char **argv)
{
	static const char *const actions[] = { "new", "update", "end", NULL };
	static const char *const cols[] = {
		"reference", "status", "started_on", "expected_return_on", "reason", NULL
	};
	static const struct cli_register def = {
		"exceptional", usage, opts, actions, NULL, cols, NULL
	};

	return cli_register(argc, argv, &def);
}
