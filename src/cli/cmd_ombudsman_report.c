/*
 * cmd_ombudsman_report.c - redress ombudsman-report: the Housing
 * Ombudsman's reports about the landlord, for parts (e) and (f) of the
 * annual report (Code 8.1; core/omreport.h).
 *
 *   ombudsman-report new --kind K --title T --published-on D --summary T
 *                   [--year YYYY (annual_landlord_report)] [--received-on D]
 *                   [--url U] [--landlord-response T [--responded-on D]]
 *                   [--complaint REF ...] [--improvement IMP ...]
 *   ombudsman-report update OMR [--landlord-response T] [--note T] [--url U]
 *                   [--complaint REF ...] [--improvement IMP ...] [--on D]
 *   ombudsman-report withdraw OMR --reason T [--on D]
 *   ombudsman-report list | show OMR
 */
#include "cli/cli.h"
#include "cli/commands.h"

static const char usage[] =
	"ombudsman-report new|update|withdraw|list|show [OMR] [options] [--json]";

static const struct cli_opt opts[] = {
	{ "kind", "kind", O_STR },
	{ "title", "title", O_STR },
	{ "published-on", "published_on", O_STR },
	{ "received-on", "received_on", O_STR },
	{ "year", "year", O_INT },
	{ "summary", "summary", O_STR },
	{ "url", "url", O_STR },
	{ "landlord-response", "landlord_response", O_STR },
	{ "responded-on", "responded_on", O_STR },
	{ "complaint", "complaints", O_LIST },
	{ "improvement", "improvements", O_LIST },
	{ "note", "note", O_STR },
	{ "on", "on", O_STR },
	{ "reason", "reason", O_STR },
	{ NULL, NULL, 0 }
};

int cmd_ombudsman_report(int argc, char **argv)
{
	static const char *const actions[] = { "new", "update", "withdraw", NULL };
	static const char *const cols[] = {
		"reference", "status", "kind", "published_on", "title", NULL
	};
	static const struct cli_register def = {
		"ombudsman_report", usage, opts, actions, NULL, cols
	};

	return cli_register(argc, argv, &def);
}
