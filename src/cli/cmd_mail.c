/*
 * cmd_mail.c - the complaints mailbox.
 *
 *   redress mail intake --maildir DIR [--json]
 *   redress mail triage list [--status open|assigned|dismissed|all] [--json]
 *   redress mail triage show ID [--json]
 *   redress mail triage assign ID --complaint REF [--json]
 *   redress mail triage dismiss ID --reason TEXT [--json]
 *
 * intake takes every message waiting in the Maildir once (redress serve
 * --maildir DIR keeps doing it): mail naming a complaint's reference
 * becomes correspondence on it, the rest waits in the triage list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "mail/mail.h"
#include "util/json.h"

static const char usage[] =
	"mail intake --maildir DIR [--json] | mail triage list [--status open|assigned|dismissed|all] | "
	"mail triage show ID | mail triage assign ID --complaint REF | "
	"mail triage dismiss ID --reason TEXT";

static int intake(struct cli *c, struct rec *r)
{
	const char *dir = cli_opt(c, "maildir");
	struct mail_intake_result res;
	struct rd_err e;
	size_t i;
	json_t *f;

	err_clear(&e);
	if (!dir || c->npos != 1)
		return cli_usage(usage);
	if (mail_intake(r, dir, &res, &e)) {
		json_decref(res.files);
		return cli_fail(&e);
	}
	if (c->json) {
		json_t *j = json_pack("{s:i, s:i, s:i, s:i, s:i, s:O}", "correspondence",
				      res.correspondence, "triage", res.triage, "duplicates",
				      res.duplicates, "parked", res.parked, "failed", res.failed,
				      "files", res.files);

		cli_print_json(j);
		json_decref(j);
	} else {
		json_array_foreach(res.files, i, f) {
			const char *o = js_str0(f, "outcome");

			if (!strcmp(o, "correspondence"))
				printf("%s: correspondence %d on %s\n", js_str0(f, "file"),
				       (int)js_int(f, "correspondence", 0), js_str0(f, "complaint"));
			else if (!strcmp(o, "triage"))
				printf("%s: to triage as %s%s%s\n", js_str0(f, "file"), js_str0(f, "triage"),
				       js_str(f, "note") ? ": " : "", js_str0(f, "note"));
			else
				printf("%s: %s: %s\n", js_str0(f, "file"), o, js_str0(f, "reason"));
		}
		printf("%d to complaints, %d to triage, %d duplicate%s, %d parked, %d failed\n",
		       res.correspondence, res.triage, res.duplicates,
		       res.duplicates == 1 ? "" : "s", res.parked, res.failed);
	}
	json_decref(res.files);
	return res.failed ? 1 : 0;
}

static void print_item(const json_t *m)
{
	printf("%s  %-9s %s  %s <%s>  %s\n", js_str0(m, "id"), js_str0(m, "status"),
	       js_str0(m, "received_on"), js_str0(m, "from_name"), js_str0(m, "from"),
	       js_str0(m, "subject"));
}

static int triage(struct cli *c, struct rec *r)
{
	const char *what = c->npos > 1 ? c->pos[1] : "";
	struct rd_err e;
	json_t *out = NULL, *in;
	size_t i;
	json_t *m;

	err_clear(&e);
	if (!strcmp(what, "list") && c->npos == 2) {
		const char *status = cli_opt(c, "status");

		if (!status)
			status = "open";
		if (mail_triage_list(r, strcmp(status, "all") ? status : NULL, &out, &e))
			return cli_fail(&e);
		if (c->json)
			cli_print_json(out);
		else
			json_array_foreach(out, i, m)
				print_item(m);
		json_decref(out);
		return 0;
	}
	if (!strcmp(what, "show") && c->npos == 3) {
		char stream[64];

		snprintf(stream, sizeof(stream), "mail:%.40s", c->pos[2]);
		if (rec_allow_staff(r, "see mail to triage", &e))
			return cli_fail(&e);
		if (rec_load(r, stream, &out, NULL))
			return cli_error("no mail %s to triage", c->pos[2]);
		if (c->json) {
			cli_print_json(out);
		} else {
			print_item(out);
			if (json_array_size(json_object_get(out, "attachments"))) {
				printf("Attachments:");
				json_array_foreach(json_object_get(out, "attachments"), i, m)
					printf(" %s", json_string_value(m));
				printf("\n");
			}
			printf("\n%s\n", js_str0(out, "text"));
		}
		json_decref(out);
		return 0;
	}
	if ((!strcmp(what, "assign") || !strcmp(what, "dismiss")) && c->npos == 3) {
		int assign = !strcmp(what, "assign");

		in = json_deep_copy(c->in);
		if (assign && !cli_opt(c, "complaint")) {
			json_decref(in);
			return cli_usage(usage);
		}
		if (rec_mail(r, c->pos[2], what, in, &out, &e)) {
			json_decref(in);
			return cli_fail(&e);
		}
		json_decref(in);
		if (c->json)
			cli_print_json(out);
		else if (assign)
			printf("%s is correspondence %d on %s\n", c->pos[2],
			       (int)js_int(out, "correspondence", 0), js_str0(out, "complaint"));
		else
			printf("%s dismissed\n", c->pos[2]);
		json_decref(out);
		return 0;
	}
	return cli_usage(usage);
}

int cmd_mail(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "maildir", NULL, O_STR },
		{ "status", NULL, O_STR },
		{ "complaint", "complaint", O_STR },
		{ "reason", "reason", O_STR },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	int rc;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos < 1 || (strcmp(c.pos[0], "intake") && strcmp(c.pos[0], "triage"))) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	rc = !strcmp(c.pos[0], "intake") ? intake(&c, &r) : triage(&c, &r);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
