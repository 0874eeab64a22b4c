/*
 * cmd_service_request.c - redress service-request new|show|list|update|
 * dissatisfied|complete, and redress feedback add|list.
 *
 * "dissatisfied REF --complaint-offered yes --raise-complaint" logs a
 * complaint linked to the request; the request stays open (Code 1.5).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "util/json.h"

static const char usage[] =
	"service-request new|show|list|update|dissatisfied|complete [REF] [options] [--json]";

static const struct cli_opt o_sr[] = {
	{ "person", "person_id", O_STR },
	{ "category", "category", O_STR },
	{ "description", "description", O_STR },
	{ "received-on", "received_on", O_STR },
	{ "channel", "channel", O_STR },
	{ "due-on", "due_on", O_STR },
	{ "note", "note", O_STR },
	{ "on", "on", O_STR },
	{ "details", "details", O_STR },
	{ "complaint-offered", "complaint_offered", O_YESNO },
	{ "raise-complaint", NULL, O_FLAG },
	{ NULL, NULL, 0 }
};

static int list_one(const char *stream, const char *state, void *ctx)
{
	json_t *st = json_loads(state, 0, NULL);

	(void)stream;
	if (st)
		json_array_append_new(ctx, st);
	return 0;
}

int cmd_service_request(int argc, char **argv)
{
	const char *action;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *st = NULL;
	int rc = 1, need_ref;

	if (argc < 2)
		return cli_usage(usage);
	action = argv[1];
	if (cli_parse(&c, argc - 1, argv + 1, o_sr, usage))
		return 2;
	need_ref = strcmp(action, "new") && strcmp(action, "list");
	if (c.npos != need_ref) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if ((!strcmp(action, "list") || !strcmp(action, "show")) &&
	    cli_only(&c, (const char *const[]){ NULL },
		     !strcmp(action, "list") ? "service-request list" : "service-request show")) {
		cli_free(&c);
		return 2;
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (!strcmp(action, "list")) {
		json_t *all = json_array(), *x;
		size_t i;

		if (r.st->ops->states(r.st, "service_request", list_one, all, &e) < 0) {
			rc = cli_fail(&e);
		} else {
			if (c.json)
				cli_print_json(all);
			else
				json_array_foreach(all, i, x)
					printf("%-16s %-10s %-10s %-24s %s\n", js_str0(x, "reference"),
					       js_str0(x, "status"), js_str0(x, "received_on"),
					       js_str0(x, "category"), js_str0(x, "description"));
			rc = 0;
		}
		json_decref(all);
	} else if (!strcmp(action, "show")) {
		char stream[64];

		snprintf(stream, sizeof(stream), "service_request:%s", c.pos[0]);
		if (rec_load(&r, stream, &st, NULL)) {
			rc = cli_error("no service request %s", c.pos[0]);
		} else {
			cli_print_json(st);
			rc = 0;
		}
	} else if (!strcmp(action, "dissatisfied") &&
		   json_is_true(json_object_get(c.opts, "raise-complaint"))) {
		char ref[32];

		/* Both records change in one transaction, or neither does. */
		if (rec_service_request_raise(&r, c.pos[0], c.in, &st, ref, sizeof(ref), &e))
			rc = e.kind == RD_ENOTFOUND ? cli_error("no service request %s", c.pos[0])
						    : cli_fail(&e);
		else {
			printf("%s raised from %s, which stays open (Code 1.5)\n", ref, c.pos[0]);
			rc = 0;
		}
	} else if (rec_service_request(&r, need_ref ? c.pos[0] : NULL, action, c.in, &st, &e)) {
		rc = cli_fail(&e);
	} else {
		if (c.json)
			cli_print_json(st);
		else
			printf("%s %s\n", js_str0(st, "reference"), js_str0(st, "status"));
		rc = 0;
	}
	json_decref(st);
	rec_close(&r);
	cli_free(&c);
	return rc;
}

int cmd_feedback(int argc, char **argv)
{
	static const char fusage[] =
		"feedback add --survey NAME --dissatisfied yes|no [--route-offered yes|no] "
		"[--person ID] [--text T] [--on DATE] | feedback list [--json]";
	static const struct cli_opt opts[] = {
		{ "survey", "survey", O_STR },
		{ "text", "text", O_STR },
		{ "person", "person_id", O_STR },
		{ "dissatisfied", "dissatisfied", O_YESNO },
		{ "route-offered", "complaint_route_offered", O_YESNO },
		{ "on", "received_on", O_STR },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *st = NULL;
	int rc;

	if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "list")))
		return cli_usage(fusage);
	if (cli_parse(&c, argc - 1, argv + 1, opts, fusage))
		return 2;
	if (c.npos) {
		cli_free(&c);
		return cli_usage(fusage);
	}
	if (!strcmp(argv[1], "list") && cli_only(&c, (const char *const[]){ NULL }, "feedback list")) {
		cli_free(&c);
		return 2;
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (!strcmp(argv[1], "list")) {
		json_t *all = json_array();

		rc = r.st->ops->states(r.st, "feedback", list_one, all, &e) < 0 ? cli_fail(&e) : 0;
		if (!rc)
			cli_print_json(all);
		json_decref(all);
	} else if (rec_feedback(&r, c.in, &st, &e)) {
		rc = cli_fail(&e);
	} else {
		if (c.json)
			cli_print_json(st);
		else
			printf("%s recorded\n", js_str0(st, "id"));
		rc = 0;
	}
	json_decref(st);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
