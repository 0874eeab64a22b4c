/*
 * register.c - what the commands of the oversight registers share
 * (ombudsman, improvement, exceptional, training, quality, survey,
 * ombudsman-report): list,
 * show and the actions, each through rec_register().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/json.h"

void cli_line(const json_t *st, const char *const *cols)
{
	for (int i = 0; cols[i]; i++) {
		const json_t *v = json_object_get(st, cols[i]);

		if (i)
			putchar(' ');
		if (json_is_string(v))
			fputs(json_string_value(v), stdout);
		else if (json_is_integer(v))
			printf("%lld", (long long)json_integer_value(v));
		else if (json_is_array(v))
			for (size_t k = 0; k < json_array_size(v); k++)
				printf("%s%s", k ? "," : "", json_string_value(json_array_get(v, k))
				       ? json_string_value(json_array_get(v, k)) : "?");
		else
			putchar('-');
	}
	putchar('\n');
}

static int listed(const char *const *list, const char *s)
{
	for (int i = 0; list && list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int cli_register(int argc, char **argv, const struct cli_register *def)
{
	const char *action;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *st = NULL;
	int rc = 1, nargs;

	if (argc < 2)
		return cli_usage(def->usage);
	action = argv[1];
	if (!strcmp(action, "list"))
		nargs = 0;
	else if (!strcmp(action, "show"))
		nargs = 1;
	else if (!listed(def->actions, action))
		return cli_usage(def->usage);
	else
		nargs = !strcmp(action, "new") ? 0 : listed(def->item_actions, action) ? 2 : 1;
	if (cli_parse(&c, argc - 1, argv + 1, def->opts, def->usage))
		return 2;
	if (c.npos != nargs) {
		cli_free(&c);
		return cli_usage(def->usage);
	}
	/* Reading takes no options of the actions: refuse them rather than
	 * ignore them. */
	if ((!strcmp(action, "list") || !strcmp(action, "show")) &&
	    (rc = cli_only(&c, (const char *const[]){ NULL }, action))) {
		cli_free(&c);
		return rc;
	}
	if (nargs == 2) {
		char *end;
		long long n = strtoll(c.pos[1], &end, 10);

		if (!*c.pos[1] || *end || n < 1) {
			cli_free(&c);
			cli_error("N must be a whole number from 1, not \"%s\"", c.pos[1]);
			return 2;
		}
		json_object_set_new(c.in, "n", json_integer(n));
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if ((!strcmp(action, "list") || !strcmp(action, "show")) &&
	    rec_allow_staff(&r, "read the registers", &e) && strcmp(r.role, "admin")) {
		rc = cli_fail(&e);
	} else if (!strcmp(action, "list")) {
		json_t *all = rec_states(&r, def->kind, &e), *x;
		size_t i;

		if (!all) {
			rc = cli_fail(&e);
		} else {
			if (c.json)
				cli_print_json(all);
			else
				json_array_foreach(all, i, x)
					if (def->text)
						def->text(x, 0);
					else
						cli_line(x, def->cols);
			rc = 0;
		}
		json_decref(all);
	} else if (!strcmp(action, "show")) {
		char stream[96];

		snprintf(stream, sizeof(stream), "%s:%.60s", def->kind, c.pos[0]);
		if (rec_load(&r, stream, &st, NULL))
			rc = cli_error("no %s %s", def->kind, c.pos[0]);
		else {
			if (def->text && !c.json)
				def->text(st, 1);
			else
				cli_print_json(st);
			rc = 0;
		}
	} else if (rec_register(&r, def->kind, nargs ? c.pos[0] : NULL,
				action, c.in, &st, &e)) {
		rc = cli_fail(&e);
	} else {
		if (c.json)
			cli_print_json(st);
		else if (def->text)
			def->text(st, 0);
		else
			cli_line(st, def->cols);
		rc = 0;
	}
	json_decref(st);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
