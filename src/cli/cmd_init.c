/*
 * cmd_init.c - redress init [--db PATH]
 */
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"

int cmd_init(int argc, char **argv)
{
	static const char usage[] = "init [--db PATH]";
	struct cli c;
	struct rec r;
	const char *path;

	if (cli_parse(&c, argc, argv, NULL, usage))
		return 2;
	if (c.npos) {
		cli_free(&c);
		return cli_usage(usage);
	}
	path = c.db ? c.db : "redress.db";
	if (access(path, F_OK) == 0) {
		cli_free(&c);
		return cli_error("%s already exists; choose another --db", path);
	}
	if (cli_open(&c, &r, 1)) {
		cli_free(&c);
		return 1;
	}
	printf("Created %s. Next: redress policy set organisation \"Your Landlord\"; "
	       "redress policy set homes N; redress user add NAME --role handler\n", path);
	rec_close(&r);
	cli_free(&c);
	return 0;
}
