/*
 * cmd_import.c - redress import complaints FILE.csv [--dry-run] [--json]
 *
 * Brings a landlord's complaint history in from a spreadsheet saved as
 * CSV (docs/import.md has the columns).  Every row is checked against the
 * Code's rules on its own dates; if any row is refused, each problem is
 * printed as "line N: field: reason" on standard error, nothing is
 * stored and the exit status is 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/transfer.h"
#include "util/json.h"

#define IMPORT_MAX ((size_t)256 << 20)

static const char usage[] =
	"import complaints FILE.csv [--dry-run] [--json] [--as USER] [--db PATH]";

static void print_errors(const json_t *report)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(report, "errors"), i, x) {
		const char *field = js_str0(x, "field");

		fprintf(stderr, "line %lld: %s%s%s\n", js_int(x, "line", 0), field,
			*field ? ": " : "", js_str0(x, "reason"));
	}
}

int cmd_import(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "dry-run", NULL, O_FLAG },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *report = NULL;
	char *text;
	size_t len;
	int rc, dry;

	if (argc >= 2 && !strcmp(argv[1], "--help")) {
		printf("usage: redress %s\n", usage);
		return 0;
	}
	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos != 2 || strcmp(c.pos[0], "complaints")) {
		if (c.npos >= 1 && strcmp(c.pos[0], "complaints"))
			cli_error("only complaints can be imported, not \"%s\"", c.pos[0]);
		cli_free(&c);
		return cli_usage(usage);
	}
	dry = json_is_true(json_object_get(c.opts, "dry-run"));
	text = cli_read_file(c.pos[1], IMPORT_MAX, &len);
	if (!text) {
		cli_free(&c);
		return 1;
	}
	if (cli_open(&c, &r, 0)) {
		free(text);
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	rc = xfer_import_complaints(&r, text, len, dry, &report, &e);
	if (report && c.json)
		cli_print_json(report);
	if (rc) {
		if (report)
			print_errors(report);
		rc = cli_fail(&e);
	} else if (!c.json) {
		const json_t *refs = json_object_get(report, "references");
		size_t i, n = json_array_size(refs);
		json_t *x;

		if (dry)
			printf("Dry run: %lld rows checked; %zu complaint%s would be imported; nothing was stored\n",
			       js_int(report, "rows", 0), n, n == 1 ? "" : "s");
		else
			printf("Imported %zu complaint%s from %s\n", n, n == 1 ? "" : "s", c.pos[1]);
		json_array_foreach(refs, i, x)
			printf("  %s\n", json_string_value(x));
	}
	json_decref(report);
	free(text);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
