/*
 * cmd_complaint.c - redress complaint ACTION ...
 *
 * new, show, list and events, and every action of the state machine and
 * of the record (see core/complaint.h).  Options map onto the same JSON
 * input the API takes; --input FILE supplies the whole body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/complaint.h"
#include "util/json.h"

static const char usage[] =
	"complaint new|show|list|events|acknowledge|refuse|extend|respond|escalate|"
	"refuse-escalation|close|withdraw|reopen|assign|add-issue|correspondence|"
	"action|complete-action|remedy|complete-remedy|note|link|agree-updates "
	"[REF] [options] [--input FILE] [--as USER] [--db PATH] [--json]";

static const struct cli_opt o_new[] = {
	{ "received-on", "received_on", O_STR },
	{ "channel", "channel", O_STR },
	{ "category", "category", O_STR },
	{ "description", "description", O_STR },
	{ "issue-date", "issue_date", O_STR },
	{ "name", "complainant.name", O_STR },
	{ "email", "complainant.email", O_STR },
	{ "phone", "complainant.phone", O_STR },
	{ "address", "complainant.address", O_STR },
	{ "person", "complainant.person_id", O_STR },
	{ "representative", "representative.name", O_STR },
	{ "relationship", "representative.relationship", O_STR },
	{ "consent-on", "representative.consent_on", O_STR },
	{ "signer", "signers", O_PARTY },
	{ "about-kind", "subject.kind", O_STR },
	{ "about-name", "subject.name", O_STR },
	{ "about-user", "subject.user", O_STR },
	{ "building-safety", "flags.building_safety", O_FLAG },
	{ "staff-conduct", "flags.staff_conduct", O_FLAG },
	{ "discrimination", "flags.discrimination", O_FLAG },
	{ "vulnerability", "flags.vulnerability", O_FLAG },
	{ "service-request", "service_request", O_STR },
	{ "linked-to", "linked_to", O_STR },
	{ "building", "building", O_STR },
	{ "estate", "estate", O_STR },
	{ "tenure", "tenure", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_ack[] = {
	{ "on", "acknowledged_on", O_STR },
	{ "handler", "handler", O_STR },
	{ "summary", "definition.summary", O_STR },
	{ "outcomes", "definition.outcomes_sought", O_STR },
	{ "responsible", "definition.responsible", O_STR },
	{ "not-responsible", "definition.not_responsible", O_STR },
	{ "point", "definition.points", O_LIST },
	{ "complex", "triage.complex", O_YESNO },
	{ "vulnerable", "triage.vulnerable", O_YESNO },
	{ "triage-notes", "triage.notes", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_refuse[] = {
	{ "on", "refused_on", O_STR },
	{ "reason", "reason", O_STR },
	{ "explanation", "explanation", O_STR },
	{ "discretion-considered", "discretion_considered", O_FLAG },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_extend[] = {
	{ "days", "working_days", O_INT },
	{ "reason", "reason", O_STR },
	{ "informed-on", "resident_informed_on", O_STR },
	{ "good-reason", "good_reason", O_STR },
	{ "update-every", "update_interval_days", O_INT },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_respond[] = {
	{ "on", "responded_on", O_STR },
	{ "decision", "decisions", O_DECISION },
	{ "remedy", "remedies", O_REMEDY },
	{ "action", "outstanding_actions", O_ACTION },
	{ "summary", "summary", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_escalate[] = {
	{ "on", "requested_on", O_STR },
	{ "reason", "reason", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_close[] = {
	{ "on", "closed_on", O_STR },
	{ "summary", "summary", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_withdraw[] = {
	{ "on", "withdrawn_on", O_STR },
	{ "reason", "reason", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_reopen[] = {
	{ "on", "reopened_on", O_STR },
	{ "reason", "reason", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_assign[] = {
	{ "handler", "handler", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_issue[] = {
	{ "point", "point", O_STR },
	{ "on", "raised_on", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_corr[] = {
	{ "direction", "direction", O_STR },
	{ "party", "party", O_STR },
	{ "method", "method", O_STR },
	{ "on", "on", O_STR },
	{ "summary", "summary", O_STR },
	{ "content-file", "content", O_FILE },
	{ "kind", "kind", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_action[] = {
	{ "description", "description", O_STR },
	{ "due-on", "due_on", O_STR },
	{ "owner", "owner", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_remedy[] = {
	{ "type", "type", O_STR },
	{ "description", "description", O_STR },
	{ "due-on", "due_on", O_STR },
	{ "amount", "amount", O_NUM },
	{ "head-of-loss", "head_of_loss", O_STR },
	{ "impact", "impact", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_complete[] = {
	{ "on", "completed_on", O_STR },
	{ "evidence", "evidence", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_note[] = {
	{ "text", "text", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_link[] = {
	{ "to", "to", O_STR },
	{ "relation", "relation", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_updates[] = {
	{ "every", "interval_days", O_INT },
	{ "method", "method", O_STR },
	{ "on", "agreed_on", O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_show[] = {
	{ "as-at", NULL, O_STR },
	{ NULL, NULL, 0 }
};

static const struct cli_opt o_list[] = {
	{ "status", NULL, O_STR },
	{ "stage", NULL, O_INT },
	{ "handler", NULL, O_STR },
	{ "category", NULL, O_STR },
	{ "person", NULL, O_STR },
	{ "due-before", NULL, O_STR },
	{ "overdue", NULL, O_FLAG },
	{ "received-from", NULL, O_STR },
	{ "received-to", NULL, O_STR },
	{ "limit", NULL, O_INT },
	{ "offset", NULL, O_INT },
	{ NULL, NULL, 0 }
};

static const struct {
	const char *action;
	const struct cli_opt *opts;
	int id_arg;	/* takes an item id after the reference */
} actions[] = {
	{ "new", o_new, 0 },
	{ "acknowledge", o_ack, 0 },
	{ "refuse", o_refuse, 0 },
	{ "refuse-escalation", o_refuse, 0 },
	{ "extend", o_extend, 0 },
	{ "respond", o_respond, 0 },
	{ "escalate", o_escalate, 0 },
	{ "close", o_close, 0 },
	{ "withdraw", o_withdraw, 0 },
	{ "reopen", o_reopen, 0 },
	{ "assign", o_assign, 0 },
	{ "add-issue", o_issue, 0 },
	{ "correspondence", o_corr, 0 },
	{ "action", o_action, 0 },
	{ "complete-action", o_complete, 1 },
	{ "remedy", o_remedy, 0 },
	{ "complete-remedy", o_complete, 1 },
	{ "note", o_note, 0 },
	{ "link", o_link, 0 },
	{ "agree-updates", o_updates, 0 },
	{ NULL, NULL, 0 }
};

/* ---- printing ------------------------------------------------------- */

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void print_deadline(struct rec *r, const char *what, const json_t *sj,
			   const char *due_key, const char *met_key)
{
	const char *due = js_str(sj, due_key), *met = js_str(sj, met_key);
	date_t d = js_date(sj, due_key);

	if (!due)
		return;
	printf("  %-16s %s", what, due);
	if (met) {
		printf("   met on %s%s\n", met, strcmp(met, due) > 0 ? " (late)" : "");
	} else {
		int left;

		if (cal_count(r->cal, r->today, d, &left, NULL) == 0)
			printf("   %d working day%s %s\n", left < 0 ? -left : left,
			       (left == 1 || left == -1) ? "" : "s",
			       left < 0 ? "overdue" : "left");
		else
			putchar('\n');
	}
}

static void print_items(const char *title, const json_t *list)
{
	size_t i;
	json_t *x;

	if (!json_array_size(list))
		return;
	printf("%s\n", title);
	json_array_foreach(list, i, x) {
		printf("  %lld. %s", js_int(x, "id", (json_int_t)i + 1), js_str0(x, "description"));
		if (js_str(x, "type"))
			printf(" [%s%s]", js_str(x, "type"), "");
		if (json_is_number(json_object_get(x, "amount")))
			printf(" £%.2f", json_number_value(json_object_get(x, "amount")));
		if (js_str(x, "completed_on"))
			printf(" - done %s\n", js_str(x, "completed_on"));
		else
			printf(" - due %s\n", or_dash(js_str(x, "due_on")));
	}
}

static void print_complaint(struct rec *r, const json_t *st)
{
	const json_t *cp = json_object_get(st, "complainant");
	const json_t *flags = json_object_get(st, "flags");
	const json_t *subj = json_object_get(st, "subject");
	size_t i;
	json_t *sj, *x;
	const char *key;

	printf("%s  %s  (stage %lld, %lld Code)\n", js_str0(st, "reference"),
	       js_str0(st, "status"), js_int(st, "stage", 1), js_int(st, "code_version", 2024));
	printf("Received     %s by %s; category %s\n", js_str0(st, "received_on"),
	       js_str0(st, "channel"), js_str0(st, "category"));
	printf("Complainant  %s (%s)\n", js_str0(cp, "name"), or_dash(js_str(cp, "person_id")));
	if (json_object_get(st, "representative"))
		printf("Representative %s\n", js_str0(json_object_get(st, "representative"), "name"));
	if (json_array_size(json_object_get(st, "signers")))
		printf("Petition     %zu further signers\n", json_array_size(json_object_get(st, "signers")));
	if (subj)
		printf("About        %s %s\n", js_str0(subj, "kind"),
		       or_dash(js_str(subj, "name") ? js_str(subj, "name") : js_str(subj, "user")));
	json_object_foreach((json_t *)flags, key, x)
		if (json_is_true(x))
			printf("Flag         %s\n", key);
	printf("Handler      %s\n", or_dash(js_str(st, "handler")));
	printf("Description  %s\n", js_str0(st, "description"));
	json_array_foreach(json_object_get(st, "stages"), i, sj) {
		const json_t *def = json_object_get(sj, "definition");

		printf("Stage %zu%s%s\n", i + 1, js_str(sj, "handler") ? ", handled by " : "",
		       js_str0(sj, "handler"));
		if (js_str(sj, "requested_on"))
			printf("  %-16s %s%s\n", "requested on", js_str(sj, "requested_on"),
			       js_true(sj, "outside_window") ? " (outside the escalation window)" : "");
		print_deadline(r, "acknowledge by", sj, "acknowledge_by", "acknowledged_on");
		print_deadline(r, "respond by", sj, "respond_by", "responded_on");
		if (js_int(sj, "extended_days", 0))
			printf("  %-16s %lld working days%s\n", "extended by",
			       js_int(sj, "extended_days", 0),
			       js_true(sj, "extended_beyond_code") ? " (beyond the Code's limit, with good reason)" : "");
		if (def) {
			printf("  %-16s %s\n", "summary", js_str0(def, "summary"));
			printf("  %-16s %s\n", "outcomes sought", js_str0(def, "outcomes_sought"));
		}
		json_array_foreach(json_object_get(sj, "decisions"), i, x)
			printf("  decision         point %s: %s - %s\n",
			       json_is_integer(json_object_get(x, "point")) ? "" : js_str0(x, "point"),
			       js_str0(x, "outcome"), js_str0(x, "reasons"));
	}
	print_items("Remedies", json_object_get(st, "remedies"));
	print_items("Actions", json_object_get(st, "actions"));
	if (json_array_size(json_object_get(st, "correspondence")))
		printf("Correspondence %zu items\n", json_array_size(json_object_get(st, "correspondence")));
	if (js_str(st, "closed_on"))
		printf("Closed       %s\n", js_str(st, "closed_on"));
	if (json_object_get(st, "refusal"))
		printf("Not accepted %s\n", js_str0(json_object_get(st, "refusal"), "reason"));
}

static void print_row(const json_t *st)
{
	const json_t *dl = json_object_get(st, "deadlines");
	const char *due = js_str(dl, "responded_on") ? NULL : js_str(dl, "respond_by");

	if (!js_str(dl, "acknowledged_on"))
		due = js_str(dl, "acknowledge_by");
	printf("%-16s %-19s %-10s %-24s %-12s %s\n", js_str0(st, "reference"),
	       js_str0(st, "status"), js_str0(st, "received_on"), js_str0(st, "category"),
	       or_dash(js_str(st, "handler")), cmp_is_open(st) ? or_dash(due) : "-");
}

/* ---- subcommands ---------------------------------------------------- */

struct list_ctx {
	json_t *all;
	int json;
	int n;
};

static int list_one(const char *stream, const char *state, void *ctx)
{
	struct list_ctx *lc = ctx;
	json_t *st = json_loads(state, 0, NULL);

	(void)stream;
	if (!st)
		return 0;
	lc->n++;
	if (lc->json)
		json_array_append(lc->all, st);
	else
		print_row(st);
	json_decref(st);
	return 0;
}

static int do_list(struct cli *c, struct rec *r)
{
	struct store_filter f;
	struct list_ctx lc = { json_array(), c->json, 0 };
	struct rd_err e;
	char today[DATE_STRLEN];
	const char *d;
	date_t tmp;

	memset(&f, 0, sizeof(f));
	f.status = cli_opt(c, "status");
	f.handler = cli_opt(c, "handler");
	f.category = cli_opt(c, "category");
	f.person_id = cli_opt(c, "person");
	f.received_from = cli_opt(c, "received-from");
	f.received_to = cli_opt(c, "received-to");
	f.due_before = cli_opt(c, "due-before");
	if (cli_opt(c, "stage"))
		f.stage = atoi(cli_opt(c, "stage"));
	if (cli_opt(c, "limit"))
		f.limit = atoi(cli_opt(c, "limit"));
	if (cli_opt(c, "offset"))
		f.offset = atoi(cli_opt(c, "offset"));
	if (json_is_true(json_object_get(c->opts, "overdue")))
		f.overdue_on = date_format(r->today, today);
	const char *dates[] = { "due-before", "received-from", "received-to", NULL };
	for (int i = 0; dates[i]; i++)
		if ((d = cli_opt(c, dates[i])) && date_parse(d, &tmp)) {
			json_decref(lc.all);
			return cli_error("--%s \"%s\" is not a real date (YYYY-MM-DD)", dates[i], d);
		}
	if (f.stage < 0 || f.stage > 3 || f.limit < 0 || f.offset < 0) {
		json_decref(lc.all);
		return cli_error("--stage is 1 or 2; --limit and --offset are not negative");
	}
	if (!c->json)
		printf("%-16s %-19s %-10s %-24s %-12s %s\n", "REFERENCE", "STATUS",
		       "RECEIVED", "CATEGORY", "HANDLER", "DUE");
	err_clear(&e);
	if (r->st->ops->complaint_list(r->st, &f, list_one, &lc, &e) < 0) {
		json_decref(lc.all);
		return cli_fail(&e);
	}
	if (c->json)
		cli_print_json(lc.all);
	else
		printf("%d complaint%s\n", lc.n, lc.n == 1 ? "" : "s");
	json_decref(lc.all);
	return 0;
}

static int print_event(const struct store_event *ev, void *ctx)
{
	json_t *all = ctx;

	if (all) {
		json_t *p = json_loads(ev->payload, 0, NULL);

		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o?, s:s, s:s}",
			"seq", (json_int_t)ev->seq, "type", ev->type, "actor", ev->actor,
			"recorded_at", ev->recorded_at, "effective_on", ev->effective_on,
			"payload", p, "prev_hash", ev->prev_hash, "hash", ev->hash));
	} else {
		printf("%3lld  %s  %-34s %s\n", (long long)ev->seq, ev->effective_on,
		       ev->type, ev->actor);
	}
	return 0;
}

static int do_show(struct cli *c, struct rec *r, const char *ref, int events)
{
	char stream[64];
	struct rd_err e;
	json_t *st;
	date_t as_at = DATE_NONE;
	const char *a = cli_opt(c, "as-at");

	err_clear(&e);
	snprintf(stream, sizeof(stream), "complaint:%s", ref);
	if (a && date_parse(a, &as_at))
		return cli_error("--as-at \"%s\" is not a real date (YYYY-MM-DD)", a);
	if (events) {
		json_t *all = c->json ? json_array() : NULL;

		if (rec_load(r, stream, &st, NULL))
			return cli_error("no complaint %s", ref);
		json_decref(st);
		if (r->st->ops->events(r->st, stream, print_event, all, &e) < 0) {
			json_decref(all);
			return cli_fail(&e);
		}
		if (all)
			cli_print_json(all);
		json_decref(all);
		return 0;
	}
	if (as_at != DATE_NONE ? rec_replay(r, stream, as_at, &st, &e)
			       : rec_load(r, stream, &st, &e)) {
		if (e.kind == RD_ENOTFOUND && as_at == DATE_NONE)
			return cli_error("no complaint %s", ref);
		if (e.kind == RD_ENOTFOUND) {
			json_t *now;

			if (rec_load(r, stream, &now, NULL))
				return cli_error("no complaint %s", ref);
			json_decref(now);
			return cli_error("complaint %s had not been received by %s", ref, a);
		}
		return cli_fail(&e);
	}
	if (c->json)
		cli_print_json(st);
	else
		print_complaint(r, st);
	json_decref(st);
	return 0;
}

static const struct cli_opt *options_for(const char *action, int *id_arg)
{
	for (int i = 0; actions[i].action; i++)
		if (!strcmp(actions[i].action, action)) {
			*id_arg = actions[i].id_arg;
			return actions[i].opts;
		}
	return NULL;
}

int cmd_complaint(int argc, char **argv)
{
	const struct cli_opt *opts;
	const char *action;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *st = NULL;
	int rc, id_arg = 0, want;

	if (argc < 2 || !strcmp(argv[1], "--help"))
		return argc < 2 ? cli_usage(usage) : (printf("usage: redress %s\n", usage), 0);
	action = argv[1];
	if (!strcmp(action, "show") || !strcmp(action, "events"))
		opts = o_show;
	else if (!strcmp(action, "list"))
		opts = o_list;
	else if (!(opts = options_for(action, &id_arg))) {
		cli_error("unknown complaint action \"%s\"", action);
		return cli_usage(usage);
	}
	if (cli_parse(&c, argc - 1, argv + 1, opts, usage))
		return 2;
	want = !strcmp(action, "list") || !strcmp(action, "new") ? 0 : 1 + id_arg;
	if (c.npos != want) {
		cli_free(&c);
		if (want && c.npos < want)
			cli_error(id_arg ? "give the complaint's reference and the item's number"
				  : "give the complaint's reference, e.g. CMP-2026-000123");
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (!strcmp(action, "list")) {
		rc = do_list(&c, &r);
	} else if (!strcmp(action, "show") || !strcmp(action, "events")) {
		rc = do_show(&c, &r, c.pos[0], !strcmp(action, "events"));
	} else {
		if (id_arg) {
			char *end;
			long id = strtol(c.pos[1], &end, 10);

			if (!*c.pos[1] || *end || id < 1) {
				rc = cli_error("\"%s\" is not an item number", c.pos[1]);
				goto out;
			}
			json_object_set_new(c.in, "id", json_integer(id));
		}
		if (rec_complaint(&r, want ? c.pos[0] : NULL, action, c.in, &st, &e)) {
			rc = cli_fail(&e);
		} else {
			rc = 0;
			if (c.json)
				cli_print_json(st);
			else if (!strcmp(action, "new"))
				printf("%s received %s; acknowledge by %s\n", js_str0(st, "reference"),
				       js_str0(st, "received_on"),
				       js_str0(json_object_get(st, "deadlines"), "acknowledge_by"));
			else
				printf("%s %s\n", js_str0(st, "reference"), js_str0(st, "status"));
		}
	}
out:
	json_decref(st);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
