/*
 * cmd_user.c - redress user add NAME --role ROLE [--display-name N] | list
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "util/json.h"

static const char usage[] =
	"user add NAME --role handler|complaints_officer|senior_lead|board|admin "
	"[--display-name NAME] | user list [--json]";

static int list_one(const char *stream, const char *state, void *ctx)
{
	json_t *st = json_loads(state, 0, NULL);

	(void)stream;
	if (st)
		json_array_append_new(ctx, st);
	return 0;
}

int cmd_user(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "role", "role", O_STR },
		{ "display-name", "display_name", O_STR },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct rd_err e;
	int rc = 0;

	if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "list")))
		return cli_usage(usage);
	if (cli_parse(&c, argc - 1, argv + 1, opts, usage))
		return 2;
	if (c.npos != (!strcmp(argv[1], "add") ? 1 : 0)) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (!strcmp(argv[1], "list")) {
		json_t *all = json_array(), *x;
		size_t i;

		if (r.st->ops->states(r.st, "user", list_one, all, &e) < 0) {
			rc = cli_fail(&e);
		} else if (c.json) {
			cli_print_json(all);
		} else {
			json_array_foreach(all, i, x)
				printf("%-20s %s\n", js_str0(x, "name"), js_str0(x, "role"));
		}
		json_decref(all);
	} else {
		json_object_set_new(c.in, "name", json_string(c.pos[0]));
		if (rec_user_add(&r, c.in, &e))
			rc = cli_fail(&e);
		else
			printf("user %s added as %s\n", c.pos[0], js_str0(c.in, "role"));
	}
	rec_close(&r);
	cli_free(&c);
	return rc;
}
