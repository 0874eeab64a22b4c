/*
 * cmd_retention.c - redress retention run [--dry-run]: anonymise the
 * personal data of records that ended more than the policy's
 * retention_years ago (see store/privacy.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/privacy.h"
#include "util/json.h"

static const struct cli_opt o_retention[] = {
	{ "dry-run", NULL, O_FLAG },
	{ NULL, NULL, 0 }
};

int cmd_retention(int argc, char **argv)
{
	static const char usage[] = "retention run [--dry-run] [--db PATH] [--json]";
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *sum = NULL;
	int rc, dry;

	if (argc < 2 || strcmp(argv[1], "run"))
		return cli_usage(usage);
	if (cli_parse(&c, argc - 1, argv + 1, o_retention, usage))
		return 2;
	if (c.npos) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	dry = json_object_get(c.opts, "dry-run") != NULL;
	err_clear(&e);
	if (priv_retention_run(&r, dry, &sum, &e)) {
		rc = cli_fail(&e);
	} else {
		if (c.json)
			cli_print_json(sum);
		else
			printf("%s %lld complaints, %lld service requests, %lld feedback and %lld people "
			       "that ended before %s (retention %lld years); %lld events redacted\n",
			       dry ? "would anonymise" : "anonymised",
			       js_int(sum, "complaints", 0), js_int(sum, "service_requests", 0),
			       js_int(sum, "feedback", 0), js_int(sum, "people", 0),
			       js_str0(sum, "cutoff"), js_int(sum, "retention_years", 0),
			       js_int(sum, "events_redacted", 0));
		rc = 0;
	}
	json_decref(sum);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
