/*
 * cmd_user.c - redress user add NAME --role ROLE [--display-name N] | list
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/auth.h"
#include "util/json.h"

static const char usage[] =
	"user add NAME --role handler|complaints_officer|senior_lead|board|admin "
	"[--display-name NAME] [--email ADDRESS] [--password-stdin] | user passwd NAME | user token NAME | "
	"user list [--json]";

/* The first line of standard input, without its newline. */
static int read_password(char *buf, size_t n)
{
	size_t len;

	if (!fgets(buf, (int)n, stdin))
		return cli_error("no password on standard input");
	len = strlen(buf);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return 0;
}

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
		{ "email", "email", O_STR },
		{ "password-stdin", NULL, O_FLAG },
		{ NULL, NULL, 0 }
	};
	const char *what = argc > 1 ? argv[1] : "";
	char password[1100];
	struct cli c;
	struct rec r;
	struct rd_err e;
	int rc = 0;

	if (strcmp(what, "add") && strcmp(what, "list") && strcmp(what, "passwd") &&
	    strcmp(what, "token"))
		return cli_usage(usage);
	if (cli_parse(&c, argc - 1, argv + 1, opts, usage))
		return 2;
	if (c.npos != (!strcmp(what, "list") ? 0 : 1)) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (auth_init()) {
		rc = cli_error("cannot initialise the cryptography library");
	} else if (!strcmp(what, "passwd")) {
		if (read_password(password, sizeof(password)) == 0 &&
		    auth_set_password(&r, c.pos[0], password, &e) == 0)
			printf("password for %s changed\n", c.pos[0]);
		else
			rc = e.msg[0] ? cli_fail(&e) : 1;
	} else if (!strcmp(what, "token")) {
		char token[AUTH_TOKEN_LEN];

		if (auth_new_token(&r, c.pos[0], "api", 0, token, &e))
			rc = cli_fail(&e);
		else
			puts(token);
	} else if (!strcmp(what, "list")) {
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
		int with_pw = json_is_true(json_object_get(c.opts, "password-stdin"));

		json_object_set_new(c.in, "name", json_string(c.pos[0]));
		if (with_pw && read_password(password, sizeof(password)))
			rc = 1;
		else if (rec_user_add(&r, c.in, &e))
			rc = cli_fail(&e);
		else if (with_pw && auth_set_password(&r, c.pos[0], password, &e))
			rc = cli_fail(&e);
		else
			printf("user %s added as %s\n", c.pos[0], js_str0(c.in, "role"));
	}
	rec_close(&r);
	cli_free(&c);
	return rc;
}
