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

/* Logs the complaint that the dissatisfaction raises, linked to "sr". */
static int raise_complaint(struct rec *r, const json_t *sr, const json_t *in,
			   char *ref, size_t n, struct rd_err *e)
{
	json_t *cin, *st, *person = NULL;
	char stream[64];
	int rc;

	cin = json_pack("{s:s, s:s, s:s, s:s}", "channel", "phone",
			"category", js_str0(sr, "category"),
			"description", js_str0(in, "details"),
			"service_request", js_str0(sr, "reference"));
	if (js_str(in, "on"))
		json_object_set(cin, "received_on", json_object_get(in, "on"));
	if (js_str(sr, "person_id")) {
		snprintf(stream, sizeof(stream), "person:%s", js_str(sr, "person_id"));
		rec_load(r, stream, &person, NULL);
		json_object_set_new(cin, "complainant", json_pack("{s:s, s:s}",
			"person_id", js_str(sr, "person_id"), "name", js_str0(person, "name")));
	}
	json_decref(person);
	if (!json_object_get(cin, "complainant")) {
		json_decref(cin);
		return err_set(e, RD_EINVAL, "person_id", "1.5",
			       "the service request has no person to raise the complaint for");
	}
	rc = rec_complaint(r, NULL, "new", cin, &st, e);
	json_decref(cin);
	if (!rc)
		snprintf(ref, n, "%s", js_str0(st, "reference"));
	json_decref(st);
	return rc;
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
		char stream[64], ref[32];
		json_t *sr;

		/* Both records change in one transaction, or neither does. */
		snprintf(stream, sizeof(stream), "service_request:%s", c.pos[0]);
		if (rec_load(&r, stream, &sr, NULL)) {
			rc = cli_error("no service request %s", c.pos[0]);
			goto out;
		}
		if (rec_batch_begin(&r, &e)) {
			json_decref(sr);
			rc = cli_fail(&e);
			goto out;
		}
		if (!js_str(c.in, "details")) {
			rc = 1;
			err_set(&e, RD_EINVAL, "details", "1.3", "details is required (Code 1.3)");
		} else {
			rc = raise_complaint(&r, sr, c.in, ref, sizeof(ref), &e);
		}
		if (!rc) {
			json_object_set_new(c.in, "complaint", json_string(ref));
			if (!json_object_get(c.in, "complaint_offered"))
				json_object_set_new(c.in, "complaint_offered", json_true());
			rc = rec_service_request(&r, c.pos[0], action, c.in, &st, &e);
		}
		json_decref(sr);
		if (rc) {
			rec_batch_rollback(&r);
			rc = cli_fail(&e);
		} else if (rec_batch_commit(&r, &e)) {
			rc = cli_fail(&e);
		} else {
			printf("%s raised from %s, which stays open (Code 1.5)\n", ref, c.pos[0]);
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
out:
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
