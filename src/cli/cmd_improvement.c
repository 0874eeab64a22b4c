/*
 * cmd_improvement.c - redress improvement (also "redress learning"):
 * learning and service improvements, linked to the complaints that
 * prompted them (Code 9.1-9.3; core/improvement.h).
 *
 *   improvement new --title T --complaint REF [--complaint REF ...] --owner WHO
 *                   --due-on D [--description T] [--category C] [--status S]
 *                   [--recorded-on D]
 *   improvement update IMP --note T [--status S] [--due-on D] [--owner WHO]
 *                   [--outcome T] [--on D]
 *   improvement list | show IMP
 */
#include "cli/cli.h"
#include "cli/commands.h"

static const char usage[] =
	"improvement new|update|list|show [IMP] [options] [--json]";

static const struct cli_opt opts[] = {
	{ "title", "title", O_STR },
	{ "description", "description", O_STR },
	{ "complaint", "complaints", O_LIST },
	{ "category", "category", O_STR },
	{ "owner", "owner", O_STR },
	{ "due-on", "due_on", O_STR },
	{ "recorded-on", "recorded_on", O_STR },
	{ "status", "status", O_STR },
	{ "note", "note", O_STR },
	{ "outcome", "outcome", O_STR },
	{ "on", "on", O_STR },
	{ NULL, NULL, 0 }
};

int cmd_improvement(int argc, char **argv)
{
	static const char *const actions[] = { "new", "update", NULL };
	static const char *const cols[] = {
		"reference", "status", "due_on", "owner", "title", NULL
	};
	static const struct cli_register def = {
		"improvement", usage, opts, actions, NULL, cols, NULL
	};

	return cli_register(argc, argv, &def);
}
