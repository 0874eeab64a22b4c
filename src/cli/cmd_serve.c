/*
 * cmd_serve.c - redress serve [--db PATH] [--port 8080] [--bind 127.0.0.1]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "http/http.h"

/*
 * The pages' static files, built into build/web beside the binary: for
 * ./redress that is ./build/web, for build-san/redress ../build/web.
 * REDRESS_ASSETS names another place.
 */
static const char *default_assets(char out[4096])
{
	static const char *const tries[] = { "build/web", "../build/web", "web-assets" };
	const char *env = getenv("REDRESS_ASSETS");
	char exe[3900];
	ssize_t n;
	char *slash;
	struct stat sb;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return "build/web";
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')))
		*slash = '\0';
	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		snprintf(out, 4096, "%s/%s", exe, tries[i]);
		if (!stat(out, &sb) && S_ISDIR(sb.st_mode))
			return out;
	}
	return "build/web";
}

int cmd_serve(int argc, char **argv)
{
	static const char usage[] =
		"serve [--db PATH] [--port 8080] [--bind 127.0.0.1] [--threads 2] [--access-log FILE|-]"
		" [--assets DIR]";
	static const struct cli_opt opts[] = {
		{ "port", NULL, O_INT },
		{ "bind", NULL, O_STR },
		{ "threads", NULL, O_INT },
		{ "access-log", NULL, O_STR },
		{ "assets", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	struct http_config cfg;
	char assets[4096];
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
	cfg.assets = cli_opt(&c, "assets") ? cli_opt(&c, "assets") : default_assets(assets);
	if (cfg.port < 0 || cfg.port > 65535 || cfg.threads < 1 || cfg.threads > 64) {
		cli_free(&c);
		return cli_error("--port is 0 to 65535 and --threads 1 to 64");
	}
	rc = http_serve(&cfg) ? 1 : 0;
	cli_free(&c);
	return rc;
}
