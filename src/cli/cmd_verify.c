/*
 * cmd_verify.c - redress verify: check every record's hash chain.
 *
 * Exit status 0 when every chain is whole, 1 when an event was edited,
 * reordered or deleted (each problem is printed).
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"

int cmd_verify(int argc, char **argv)
{
	static const char usage[] = "verify [--db PATH] [--json]";
	struct cli c;
	struct rec r;
	struct rd_err e;
	int64_t nev = 0, nst = 0;
	int problems;

	if (cli_parse(&c, argc, argv, NULL, usage))
		return 2;
	if (c.npos) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	problems = store_verify(r.st, c.json ? NULL : stdout, &nev, &nst, &e);
	if (problems < 0) {
		rec_close(&r);
		cli_free(&c);
		return cli_fail(&e);
	}
	if (c.json) {
		json_t *j = json_pack("{s:b, s:I, s:I, s:i}", "ok", problems == 0,
				      "events", (json_int_t)nev, "records", (json_int_t)nst,
				      "problems", problems);

		cli_print_json(j);
		json_decref(j);
	} else if (problems) {
		printf("%d problem%s found in %lld events of %lld records: the log has been tampered with\n",
		       problems, problems == 1 ? "" : "s", (long long)nev, (long long)nst);
	} else {
		printf("OK: %lld events in %lld records, every hash chain verifies\n",
		       (long long)nev, (long long)nst);
	}
	rec_close(&r);
	cli_free(&c);
	return problems ? 1 : 0;
}
