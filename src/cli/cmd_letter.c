/*
 * cmd_letter.c - redress letter REF --kind KIND [--stage 1|2|3]
 *                [--format text|html|pdf] [--json]
 *              redress letter template list|show NAME|set NAME FILE|reset NAME
 *              redress letter reminders [--days N] [--send] [--json]
 *              redress letter queue list [--status queued|printed|all]
 *              redress letter queue printed ID
 *
 * Writes the letter to standard output (with --send: issues it by email or
 * to the print queue and records it on the case), and its Flesch reading
 * ease to standard error with a warning when it is under the landlord's
 * readability_threshold.  A letter the Code's rules would make incomplete
 * is refused, naming the element and the clause.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "letters/letters.h"
#include "util/json.h"

static const char usage[] =
	"letter REF --kind acknowledgement|refusal|extension|response|escalation-refusal|update "
	"[--stage 1|2|3] [--format text|html|pdf] [--send] [--json] [--as USER] | "
	"letter template list|show NAME|set NAME FILE|reset NAME | "
	"letter reminders [--days N] [--send] [--json] | "
	"letter queue list [--status queued|printed|all] [--json] | letter queue printed ID";

static int templates(struct cli *c, struct rec *r)
{
	const char *what = c->npos > 1 ? c->pos[1] : "";
	struct rd_err e;
	int ov;

	err_clear(&e);
	if (!strcmp(what, "list") && c->npos == 2) {
		json_t *out = json_array();

		for (int i = 0; letter_template_names[i]; i++) {
			char *t = letter_template_get(r, letter_template_names[i], &ov, &e);

			free(t);
			json_array_append_new(out, json_pack("{s:s, s:b}", "name",
				letter_template_names[i], "overridden", ov));
			if (!c->json)
				printf("%-20s %s\n", letter_template_names[i],
				       ov ? "the landlord's own" : "built-in");
		}
		if (c->json)
			cli_print_json(out);
		json_decref(out);
		return 0;
	}
	if (!strcmp(what, "show") && c->npos == 3) {
		char *t = letter_template_get(r, c->pos[2], &ov, &e);

		if (!t)
			return cli_fail(&e);
		fputs(t, stdout);
		free(t);
		return 0;
	}
	if (!strcmp(what, "set") && c->npos == 4) {
		size_t len;
		char *t = cli_read_file(c->pos[3], 200000, &len);

		if (!t)
			return 1;
		if (strlen(t) != len) {
			free(t);
			return cli_error("%s is not a text file", c->pos[3]);
		}
		if (letter_template_set(r, c->pos[2], t, &e)) {
			free(t);
			return cli_fail(&e);
		}
		free(t);
		printf("template %s set\n", c->pos[2]);
		return 0;
	}
	if (!strcmp(what, "reset") && c->npos == 3) {
		if (letter_template_set(r, c->pos[2], NULL, &e))
			return cli_fail(&e);
		printf("template %s is the built-in again\n", c->pos[2]);
		return 0;
	}
	return cli_usage(usage);
}

/* redress letter queue list|printed ID */
static int queue(struct cli *c, struct rec *r)
{
	const char *what = c->npos > 1 ? c->pos[1] : "";
	struct rd_err e;
	json_t *out, *x;
	size_t i;

	err_clear(&e);
	if (!strcmp(what, "list") && c->npos == 2) {
		const char *status = cli_opt(c, "status");

		if (!status)
			status = "queued";
		if (letter_queue_list(r, strcmp(status, "all") ? status : NULL, &out, &e))
			return cli_fail(&e);
		if (c->json)
			cli_print_json(out);
		else
			json_array_foreach(out, i, x)
				printf("%s  %-7s %s  %s %s stage %d to %s, %s  %s\n", js_str0(x, "id"),
				       js_str0(x, "status"), js_str0(x, "queued_on"),
				       js_str0(x, "reference"), js_str0(x, "kind"),
				       (int)js_int(x, "stage", 0), js_str0(x, "recipient"),
				       js_str0(x, "address"), js_str0(x, "file"));
		json_decref(out);
		return 0;
	}
	if (!strcmp(what, "printed") && c->npos == 3) {
		json_t *in = json_object();
		int rc = rec_print(r, c->pos[2], "printed", in, NULL, &out, &e);

		json_decref(in);
		if (rc)
			return cli_fail(&e);
		if (c->json)
			cli_print_json(out);
		else
			printf("%s printed on %s\n", c->pos[2], js_str0(out, "printed_on"));
		json_decref(out);
		return 0;
	}
	return cli_usage(usage);
}

/* redress letter reminders [--days N] [--send] [--json] */
static int reminders(struct cli *c, struct rec *r)
{
	const char *days = cli_opt(c, "days");
	json_t *all, *dg;
	struct rd_err e;
	size_t i;
	int sent, rc = 0;

	err_clear(&e);
	if (c->npos != 1)
		return cli_usage(usage);
	if (letter_reminders(r, days ? atoi(days) : 5, &all, &e))
		return cli_fail(&e);
	if (json_is_true(json_object_get(c->opts, "send"))) {
		if (letter_reminders_send(r, all, &sent, &e)) {
			rc = cli_fail(&e);
		} else {
			json_array_foreach(all, i, dg)
				if (!js_str(dg, "email") && js_int(dg, "overdue", 0) + js_int(dg, "due", 0))
					fprintf(stderr, "redress: %s has no email address for reminders\n",
						js_str0(dg, "user"));
			printf("%d reminder%s sent\n", sent, sent == 1 ? "" : "s");
		}
	} else if (c->json) {
		cli_print_json(all);
	} else {
		json_array_foreach(all, i, dg) {
			if (js_int(dg, "overdue", 0) + js_int(dg, "due", 0) == 0)
				continue;
			printf("To: %s <%s>\nSubject: %s\n\n%s\n", js_str0(dg, "user"),
			       js_str(dg, "email") ? js_str(dg, "email") : "no email address",
			       js_str0(dg, "subject"), js_str0(dg, "text"));
		}
	}
	json_decref(all);
	return rc;
}

static void report(const struct letter *l, enum letter_format f,
		   const struct buf *out)
{
	json_t *j = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s,"
			      " s:{s:f, s:I, s:I, s:I}, s:i, s:b, s:b, s:b, s:b, s:s?}",
		"reference", json_string_value(json_object_get(l->data, "reference")),
		"kind", letter_kind_name(l->kind), "stage", l->stage,
		"template", l->template_name, "title", l->title,
		"recipient", js_str0(l->data, "recipient_name"),
		"format", f == LETTER_TEXT ? "text" : f == LETTER_HTML ? "html" : "pdf",
		"readability", "flesch", (double)((long long)(l->readability.flesch * 10 +
					(l->readability.flesch < 0 ? -0.5 : 0.5))) / 10,
		"words", (json_int_t)l->readability.words,
		"sentences", (json_int_t)l->readability.sentences,
		"syllables", (json_int_t)l->readability.syllables,
		"threshold", l->threshold, "below_threshold", l->below_threshold,
		"large_print", l->large_print, "plain_text_only", l->plain_text_only,
		"easy_read", l->easy_read, "language", l->language[0] ? l->language : NULL);

	if (f != LETTER_PDF)
		json_object_set_new(j, "content", json_string(buf_str(out)));
	cli_print_json(j);
	json_decref(j);
}

int cmd_letter(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "kind", NULL, O_STR },
		{ "stage", NULL, O_INT },
		{ "format", NULL, O_STR },
		{ "send", NULL, O_FLAG },
		{ "days", NULL, O_INT },
		{ "status", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct rd_err e;
	struct letter l;
	enum letter_kind kind;
	enum letter_format f = LETTER_TEXT;
	struct buf out = BUF_INIT;
	int stage = 0, rc = 0;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	err_clear(&e);
	if (c.npos >= 1 && (!strcmp(c.pos[0], "template") || !strcmp(c.pos[0], "reminders") ||
			    !strcmp(c.pos[0], "queue"))) {
		if (cli_open(&c, &r, 0)) {
			cli_free(&c);
			return 1;
		}
		rc = !strcmp(c.pos[0], "template") ? templates(&c, &r) :
		     !strcmp(c.pos[0], "queue") ? queue(&c, &r) : reminders(&c, &r);
		rec_close(&r);
		cli_free(&c);
		return rc;
	}
	if (c.npos != 1 || !cli_opt(&c, "kind")) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (letter_kind_parse(cli_opt(&c, "kind"), &kind, &e) ||
	    (cli_opt(&c, "format") && letter_format_parse(cli_opt(&c, "format"), &f, &e))) {
		cli_free(&c);
		cli_fail(&e);
		return 2;
	}
	if (cli_opt(&c, "stage")) {
		stage = atoi(cli_opt(&c, "stage"));
		if (stage < 1 || stage > 3) {
			cli_free(&c);
			cli_error("--stage is 1, 2 or 3 (a third stage only under the 2022 Code)");
			return 2;
		}
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	if (letter_make(&r, c.pos[0], kind, stage, &l, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (letter_render(&l, f, &out, &e)) {
		rc = cli_fail(&e);
		letter_free(&l);
		goto out;
	}
	fprintf(stderr, "readability: Flesch reading ease %.1f (the landlord's threshold is %d)\n",
		l.readability.flesch, l.threshold);
	if (l.below_threshold)
		fprintf(stderr, "warning: this letter reads below the landlord's plain-language threshold "
			"(%.1f < %d): use shorter sentences and shorter words before issuing it\n",
			l.readability.flesch, l.threshold);
	if (json_is_true(json_object_get(c.opts, "send"))) {
		struct letter_delivery d;

		if (letter_send(&r, &l, &d, &e))
			rc = cli_fail(&e);
		else if (c.json) {
			json_t *j = json_pack("{s:s, s:s, s:s, s:s?, s:i, s:s?}", "reference",
					      js_str0(l.data, "reference"), "method", d.method,
					      "to", d.to, "message_id",
					      d.message_id[0] ? d.message_id : NULL,
					      "correspondence", d.correspondence,
					      "print_queue", d.print_id[0] ? d.print_id : NULL);

			cli_print_json(j);
			json_decref(j);
		} else
			printf("%s %s %s (correspondence %d)\n", js_str0(l.data, "reference"),
			       !strcmp(d.method, "email") ? "sent by email to" : "queued for post:",
			       d.to, d.correspondence);
	} else if (c.json) {
		report(&l, f, &out);
	} else if (fwrite(out.s ? out.s : "", 1, out.len, stdout) != out.len) {
		rc = cli_error("cannot write the letter");
	}
	letter_free(&l);
out:
	buf_free(&out);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
