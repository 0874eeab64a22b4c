/*
 * cmd_policy.c - redress policy show|check|set KEY VALUE|exclusion add|remove
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/policy.h"
#include "util/json.h"

static const char usage[] =
	"policy show | check | set KEY VALUE | exclusion add CODE --text TEXT [--blanket] | "
	"exclusion remove CODE [--json]";

/* closure_days are kept with the calendar; "set closure_days" takes a
 * comma-separated list and replaces them. */
static int set_closures(struct rec *r, const char *value, struct rd_err *e)
{
	json_t *old = json_deep_copy(json_object_get(r->calstate, "closures")), *x;
	char *list = strdup(value), *tok, *save = NULL;
	size_t i;
	int rc = 0;

	for (tok = strtok_r(list, ", ", &save); tok && !rc; tok = strtok_r(NULL, ", ", &save)) {
		date_t d;

		if (date_parse(tok, &d))
			rc = err_set(e, RD_EINVAL, "value", NULL,
				     "closure day \"%s\" is not a real date (YYYY-MM-DD)", tok);
	}
	if (!rc) {
		if (rec_batch_begin(r, e)) {
			rc = -1;
			goto out;
		}
		json_array_foreach(old, i, x) {
			json_t *in = json_pack("{s:O}", "date", json_object_get(x, "date"));

			rc = rc ? rc : rec_calendar_closure(r, "closure-remove", in, e);
			json_decref(in);
		}
		free(list);
		list = strdup(value);
		for (tok = strtok_r(list, ", ", &save); tok && !rc; tok = strtok_r(NULL, ", ", &save)) {
			json_t *in = json_pack("{s:s, s:s}", "date", tok, "reason", "closure day");

			rc = rec_calendar_closure(r, "closure-add", in, e);
			json_decref(in);
		}
		if (rc) {
			rec_batch_rollback(r);
			rec_reload(r, NULL);
		} else {
			rc = rec_batch_commit(r, e);
		}
	}
out:
	free(list);
	json_decref(old);
	return rc;
}

static json_t *shown(struct rec *r)
{
	json_t *p = json_deep_copy(r->policy), *days = json_array(), *x;
	size_t i;

	json_array_foreach(json_object_get(r->calstate, "closures"), i, x)
		json_array_append(days, json_object_get(x, "date"));
	json_object_set_new(p, "closure_days", days);
	return p;
}

int cmd_policy(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "text", NULL, O_STR },
		{ "blanket", NULL, O_FLAG },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct rd_err e;
	const char *what;
	int rc = 0;

	if (argc < 2)
		return cli_usage(usage);
	what = argv[1];
	if (cli_parse(&c, argc - 1, argv + 1, opts, usage))
		return 2;
	if ((!strcmp(what, "show") || !strcmp(what, "check")) ? c.npos != 0
	    : !strcmp(what, "set") ? c.npos != 2
	    : !strcmp(what, "exclusion") ? c.npos != 2
	    : 1) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (!strcmp(what, "show")) {
		json_t *p = shown(&r);

		if (c.json) {
			cli_print_json(p);
		} else {
			const char *key;
			json_t *v;

			json_object_foreach(p, key, v) {
				if (json_is_array(v) && !strcmp(key, "exclusions")) {
					size_t i;
					json_t *x;

					printf("exclusions:\n");
					json_array_foreach(v, i, x)
						printf("  %-24s %s%s\n", js_str0(x, "code"), js_str0(x, "text"),
						       js_true(x, "blanket") ? " [blanket]" : "");
				} else {
					char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

					printf("%-24s %s\n", key, json_is_string(v) ? json_string_value(v) : s);
					free(s);
				}
			}
		}
		json_decref(p);
	} else if (!strcmp(what, "check")) {
		json_t *b = policy_check(r.policy);
		size_t i;
		json_t *x;

		if (c.json) {
			cli_print_json(b);
		} else if (!json_array_size(b)) {
			puts("No setting breaches the Complaint Handling Code.");
		} else {
			json_array_foreach(b, i, x) {
				char *v = json_dumps(json_object_get(x, "value"), JSON_ENCODE_ANY);

				printf("%s = %s breaches Code %s: %s\n", js_str0(x, "setting"),
				       v ? v : "", js_str0(x, "clause"), js_str0(x, "problem"));
				free(v);
			}
		}
		rc = json_array_size(b) ? 1 : 0;
		json_decref(b);
	} else if (!strcmp(what, "set")) {
		if (!strcmp(c.pos[0], "closure_days"))
			rc = set_closures(&r, c.pos[1], &e);
		else
			rc = rec_policy_set(&r, c.pos[0], c.pos[1], &e);
		if (rc)
			rc = cli_fail(&e);
		else if (!c.json)
			printf("%s set\n", c.pos[0]);
		else
			cli_print_json(r.policy);
	} else if (!strcmp(c.pos[0], "add") || !strcmp(c.pos[0], "remove")) {
		if (rec_policy_exclusion(&r, c.pos[1], cli_opt(&c, "text"),
					 json_is_true(json_object_get(c.opts, "blanket")),
					 !strcmp(c.pos[0], "remove"), &e))
			rc = cli_fail(&e);
		else
			printf("exclusion %s %s\n", c.pos[1], !strcmp(c.pos[0], "add") ? "added" : "removed");
	} else {
		rc = cli_usage(usage);
	}
	rec_close(&r);
	cli_free(&c);
	return rc;
}
