/*
 * cmd_serve.c - redress serve [--db PATH] [--port 8080] [--bind 127.0.0.1]
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "http/http.h"

int cmd_serve(int argc, char **argv)
{
	static const char usage[] =
		"serve [--db PATH] [--port 8080] [--bind 127.0.0.1] [--threads 2] [--access-log FILE|-]";
	static const struct cli_opt opts[] = {
		{ "port", NULL, O_INT },
		{ "bind", NULL, O_STR },
		{ "threads", NULL, O_INT },
		{ "access-log", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	struct http_config cfg;
	struct cli c;
	int rc;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos) {
		cli_free(&c);
		return cli_usage(usage);
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.db = c.db ? c.db : "redress.db";
	cfg.bind = cli_opt(&c, "bind") ? cli_opt(&c, "bind") : "127.0.0.1";
	cfg.port = cli_opt(&c, "port") ? atoi(cli_opt(&c, "port")) : 8080;
	cfg.threads = cli_opt(&c, "threads") ? atoi(cli_opt(&c, "threads")) : 2;
	cfg.access_log = cli_opt(&c, "access-log") ? cli_opt(&c, "access-log") : "-";
	if (cfg.port < 0 || cfg.port > 65535 || cfg.threads < 1 || cfg.threads > 64) {
		cli_free(&c);
		return cli_error("--port is 0 to 65535 and --threads 1 to 64");
	}
	rc = http_serve(&cfg) ? 1 : 0;
	cli_free(&c);
	return rc;
}
