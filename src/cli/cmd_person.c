/*
 * cmd_person.c - redress person new|show|list|reviews|preferences|adjust|
 * review-adjustment|disclose|restrict|review-restriction|end-restriction
 *
 * Disclosed disabilities and vulnerabilities are special category data:
 * "show" leaves them out unless --sensitive PURPOSE is given, and that
 * read is recorded as an event on the person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/person.h"
#include "util/json.h"

static const char usage[] =
	"person new|show|list|reviews|export|preferences|adjust|review-adjustment|disclose|"
	"restrict|review-restriction|end-restriction [ID] [options] [--json]";

static const struct cli_opt o_person[] = {
	{ "name", "name", O_STR },
	{ "email", "email", O_STR },
	{ "phone", "phone", O_STR },
	{ "address", "address", O_STR },
	{ "method", "method", O_STR },
	{ "frequency", "frequency", O_STR },
	{ "format", "format", O_STR },
	{ "language", "language", O_STR },
	{ "surveys", "surveys", O_YESNO },
	{ "description", "description", O_STR },
	{ "agreed-on", "agreed_on", O_STR },
	{ "review-on", "review_on", O_STR },
	{ "kind", "kind", O_STR },
	{ "detail", "detail", O_STR },
	{ "disclosed-on", "disclosed_on", O_STR },
	{ "restriction", "restriction", O_STR },
	{ "reason", "reason", O_STR },
	{ "evidence", "evidence", O_STR },
	{ "proportionality", "proportionality", O_STR },
	{ "equality-considered", "equality_considered", O_FLAG },
	{ "starts-on", "starts_on", O_STR },
	{ "id", "id", O_INT },
	{ "reviewed-on", "reviewed_on", O_STR },
	{ "outcome", "outcome", O_STR },
	{ "sensitive", NULL, O_STR },
	{ "due-by", NULL, O_STR },
	{ NULL, NULL, 0 }
};

struct walk {
	json_t *out;
	date_t by;
	int reviews;
};

static int each(const char *stream, const char *state, void *ctx)
{
	struct walk *w = ctx;
	json_t *st = json_loads(state, 0, NULL);

	(void)stream;
	if (!st)
		return 0;
	if (w->reviews)
		person_reviews_due(st, w->by, w->out);
	else
		json_array_append_new(w->out, json_pack("{s:s, s:s, s:I, s:I}",
			"id", js_str0(st, "id"), "name", js_str0(st, "name"),
			"adjustments", (json_int_t)json_array_size(json_object_get(st, "adjustments")),
			"restrictions", (json_int_t)json_array_size(json_object_get(st, "restrictions"))));
	json_decref(st);
	return 0;
}

static void print_person(const json_t *st)
{
	size_t i;
	json_t *x;

	printf("%s  %s\n", js_str0(st, "id"), js_str0(st, "name"));
	if (js_str(st, "email"))
		printf("  email      %s\n", js_str(st, "email"));
	if (js_str(st, "phone"))
		printf("  phone      %s\n", js_str(st, "phone"));
	if (js_str(st, "address"))
		printf("  address    %s\n", js_str(st, "address"));
	printf("  contact    %s, %s, %s%s%s\n", js_str(st, "method") ? js_str(st, "method") : "any method",
	       js_str(st, "frequency") ? js_str(st, "frequency") : "at each step",
	       js_str(st, "format") ? js_str(st, "format") : "standard format",
	       js_str(st, "language") ? ", language " : "", js_str0(st, "language"));
	json_array_foreach(json_object_get(st, "adjustments"), i, x)
		printf("  adjustment %zu: %s (agreed %s, review %s)\n", i + 1,
		       js_str0(x, "description"), js_str0(x, "agreed_on"), js_str0(x, "review_on"));
	json_array_foreach(json_object_get(st, "restrictions"), i, x)
		printf("  RESTRICTION %zu: %s%s (review %s)\n", i + 1, js_str0(x, "restriction"),
		       js_true(x, "ended") ? " [ended]" : "", js_str0(x, "review_on"));
	json_array_foreach(json_object_get(st, "disclosures"), i, x)
		printf("  disclosed %s: %s (review %s)\n", js_str0(x, "kind"),
		       js_str0(x, "detail"), js_str0(x, "review_on"));
	if (js_int(st, "disclosures_held", 0))
		printf("  %lld disclosure(s) held: use --sensitive PURPOSE to see them (the read is recorded)\n",
		       js_int(st, "disclosures_held", 0));
}

/* ---- subject access ------------------------------------------------ */

struct sar {
	const char *id;
	json_t *records;	/* stream -> {"state", "events"} */
	struct rec *r;
};

static int add_event(const struct store_event *ev, void *ctx)
{
	json_t *p = json_loads(ev->payload, 0, NULL);

	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:o?}", "seq", (json_int_t)ev->seq,
					     "type", ev->type, "effective_on", ev->effective_on,
					     "recorded_at", ev->recorded_at, "payload", p));
	return 0;
}

static void take(struct sar *s, const char *stream, json_t *st)
{
	json_t *events = json_array();

	s->r->st->ops->events(s->r->st, stream, add_event, events, NULL);
	json_object_set_new(s->records, stream, json_pack("{s:O, s:o}", "state", st, "events", events));
}

/* Records of a kind whose person is the subject: by person_id or as the
 * complainant. */
static int mine(const char *stream, const char *state, void *ctx)
{
	struct sar *s = ctx;
	json_t *st = json_loads(state, 0, NULL);
	const char *pid = js_str(st, "person_id");

	if (!pid)
		pid = js_str(json_object_get(st, "complainant"), "person_id");
	if (pid && !strcmp(pid, s->id))
		take(s, stream, st);
	json_decref(st);
	return 0;
}

/*
 * Everything held about a person (a subject access request): the person's
 * record with what they disclosed, and every complaint, service request
 * and piece of feedback that is theirs, each with its events.  The export
 * is recorded on the person as a read of special category data.
 */
static int subject_access(struct rec *r, const char *id, const char *purpose)
{
	struct sar s = { id, json_object(), r };
	struct rd_err e;
	json_t *person, *out;
	char stream[64];
	static const char *const kinds[] = { "complaint", "service_request", "feedback", NULL };

	err_clear(&e);
	if (rec_person_sensitive(r, id, purpose ? purpose : "Subject access request", &person, &e)) {
		json_decref(s.records);
		return cli_fail(&e);
	}
	snprintf(stream, sizeof(stream), "person:%s", id);
	take(&s, stream, person);
	json_decref(person);
	for (int i = 0; kinds[i]; i++)
		r->st->ops->states(r->st, kinds[i], mine, &s, NULL);
	{
		char today[DATE_STRLEN];

		out = json_pack("{s:s, s:s, s:s, s:o}", "person", id, "organisation",
				js_str0(r->policy, "organisation"), "exported_on",
				date_format(r->today, today), "records", s.records);
	}
	cli_print_json(out);
	json_decref(out);
	return 0;
}

int cmd_person(int argc, char **argv)
{
	const char *action;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *st = NULL;
	int rc = 1, need_id;

	if (argc < 2)
		return cli_usage(usage);
	action = argv[1];
	if (cli_parse(&c, argc - 1, argv + 1, o_person, usage))
		return 2;
	need_id = strcmp(action, "new") && strcmp(action, "list") && strcmp(action, "reviews");
	if (c.npos != need_id) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if ((!strcmp(action, "list") || !strcmp(action, "reviews") || !strcmp(action, "show")) &&
	    rec_allow_staff(&r, "see people's records", &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (!strcmp(action, "export")) {
		rc = subject_access(&r, c.pos[0], cli_opt(&c, "sensitive"));
		goto out;
	}
	if (!strcmp(action, "list") || !strcmp(action, "reviews")) {
		struct walk w = { json_array(), r.today, !strcmp(action, "reviews") };
		const char *by = cli_opt(&c, "due-by");

		if (by && date_parse(by, &w.by)) {
			rc = cli_error("--due-by \"%s\" is not a real date (YYYY-MM-DD)", by);
			json_decref(w.out);
			goto out;
		}
		if (r.st->ops->states(r.st, "person", each, &w, &e) < 0) {
			rc = cli_fail(&e);
			json_decref(w.out);
			goto out;
		}
		if (c.json) {
			cli_print_json(w.out);
		} else {
			size_t i;
			json_t *x;

			json_array_foreach(w.out, i, x) {
				if (w.reviews)
					printf("%s  %-10s %-24s %s review %s: %s\n", js_str0(x, "review_on"),
					       js_str0(x, "person"), js_str0(x, "name"), js_str0(x, "kind"),
					       json_is_integer(json_object_get(x, "id")) ? "due" : "",
					       js_str0(x, "what"));
				else
					printf("%-10s %s\n", js_str0(x, "id"), js_str0(x, "name"));
			}
			printf("%zu %s\n", json_array_size(w.out), w.reviews ? "reviews due" : "people");
		}
		json_decref(w.out);
		rc = 0;
	} else if (!strcmp(action, "show")) {
		char stream[64];
		const char *purpose = cli_opt(&c, "sensitive");

		snprintf(stream, sizeof(stream), "person:%s", c.pos[0]);
		if (purpose) {
			if (rec_person_sensitive(&r, c.pos[0], purpose, &st, &e)) {
				rc = cli_fail(&e);
				goto out;
			}
		} else {
			json_t *full;

			if (rec_load(&r, stream, &full, NULL)) {
				rc = cli_error("no person %s", c.pos[0]);
				goto out;
			}
			st = person_redacted(full);
			json_decref(full);
		}
		if (c.json)
			cli_print_json(st);
		else
			print_person(st);
		rc = 0;
	} else if (rec_person(&r, need_id ? c.pos[0] : NULL, action, c.in, &st, &e)) {
		rc = cli_fail(&e);
	} else {
		json_t *shown = person_redacted(st);

		if (c.json)
			cli_print_json(shown);
		else
			printf("%s %s\n", js_str0(st, "id"), !strcmp(action, "new") ? "created" : "updated");
		json_decref(shown);
		rc = 0;
	}
out:
	json_decref(st);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
