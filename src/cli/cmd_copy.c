/*
 * cmd_copy.c - redress copy --from sqlite:FILE --to pg:URL (and back)
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/copy.h"

int cmd_copy(int argc, char **argv)
{
	static const char usage[] = "copy --from sqlite:FILE|pg:URL --to pg:URL|sqlite:FILE";
	static const struct cli_opt opts[] = {
		{ "from", NULL, O_STR },
		{ "to", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	struct copy_report rep;
	struct rd_err e;
	struct cli c;
	int rc = 0;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos || !cli_opt(&c, "from") || !cli_opt(&c, "to")) {
		cli_free(&c);
		return cli_usage(usage);
	}
	err_clear(&e);
	if (copy_landlord(cli_opt(&c, "from"), cli_opt(&c, "to"), &rep, &e))
		rc = cli_fail(&e);
	else
		printf("copied %lld events of %lld records (%lld complaints), %lld sign-in secrets\n",
		       (long long)rep.events, (long long)rep.records, (long long)rep.complaints,
		       (long long)rep.secrets);
	cli_free(&c);
	return rc;
}
