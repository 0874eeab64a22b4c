/*
 * cmd_ombudsman.c - redress ombudsman: the Housing Ombudsman track of a
 * complaint (core/ombudsman.h).
 *
 *   ombudsman new --complaint REF [--referred-on D] [--ombudsman-reference X] [--summary T]
 *   ombudsman request OMB --what T (--due-on D | --working-days N) [--requested-on D]
 *   ombudsman answer OMB N --summary T [--answered-on D]
 *   ombudsman determine OMB --issue T --finding F [--determined-on D] [--reasons T]
 *   ombudsman order OMB --kind K --description T --due-on D [--amount GBP]
 *                       [--determination N] [--made-on D]
 *   ombudsman comply OMB N --evidence T [--complied-on D]
 *   ombudsman failure-order OMB --type 1|2|3 --ground T [--issued-on D] [--due-on D]
 *   ombudsman comply-failure-order OMB N --evidence T [--complied-on D]
 *   ombudsman close OMB [--closed-on D]
 *   ombudsman list | show OMB
 */
#include "cli/cli.h"
#include "cli/commands.h"

static const char usage[] =
	"ombudsman new|request|answer|determine|order|comply|failure-order|"
	"comply-failure-order|close|list|show [OMB] [N] [options] [--json]";

static const struct cli_opt opts[] = {
	{ "complaint", "complaint", O_STR },
	{ "referred-on", "referred_on", O_STR },
	{ "ombudsman-reference", "ombudsman_reference", O_STR },
	{ "summary", "summary", O_STR },
	{ "what", "what", O_STR },
	{ "requested-on", "requested_on", O_STR },
	{ "due-on", "due_on", O_STR },
	{ "working-days", "working_days", O_INT },
	{ "answered-on", "answered_on", O_STR },
	{ "issue", "issue", O_STR },
	{ "finding", "finding", O_STR },
	{ "determined-on", "determined_on", O_STR },
	{ "reasons", "reasons", O_STR },
	{ "kind", "kind", O_STR },
	{ "description", "description", O_STR },
	{ "made-on", "made_on", O_STR },
	{ "amount", "amount", O_NUM },
	{ "determination", "determination", O_INT },
	{ "complied-on", "complied_on", O_STR },
	{ "evidence", "evidence", O_STR },
	{ "type", "type", O_INT },
	{ "ground", "ground", O_STR },
	{ "issued-on", "issued_on", O_STR },
	{ "closed-on", "closed_on", O_STR },
	{ NULL, NULL, 0 }
};

int cmd_ombudsman(int argc, char **argv)
{
	static const char *const actions[] = {
		"new", "request", "answer", "determine", "order", "comply",
		"failure-order", "comply-failure-order", "close", NULL
	};
	static const char *const items[] = { "answer", "comply", "comply-failure-order", NULL };
	static const char *const cols[] = { "reference", "status", "complaint", "referred_on", NULL };
	static const struct cli_register def = {
		"ombudsman_case", usage, opts, actions, items, cols, NULL
	};

	return cli_register(argc, argv, &def);
}
