/*
 * cmd_person.c - redress person new|show|list|reviews|export|erase|preferences|adjust|
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
#include "store/privacy.h"
#include "util/buf.h"
#include "util/json.h"

static const char usage[] =
	"person new|show|list|reviews|export [--pdf FILE]|erase --reason TEXT|preferences|adjust|review-adjustment|disclose|"
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
	{ "pdf", NULL, O_STR },
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

/* ---- subject access and erasure -------------------------------------- */

/*
 * Everything held about a person (a subject access request): JSON on
 * standard output, or with --pdf FILE an A4 PDF.  The export is recorded
 * on the person as a read of special category data.
 */
static int subject_access(struct rec *r, const char *id, const char *purpose,
			  const char *pdf)
{
	struct rd_err e;
	struct buf b = BUF_INIT;
	json_t *out;
	FILE *f = NULL;
	int rc = 0;

	err_clear(&e);
	if (pdf && !*pdf)
		return cli_error("--pdf needs a file name");
	/* the file first: a read is recorded only when it can be written */
	if (pdf && !(f = strcmp(pdf, "-") ? fopen(pdf, "wb") : stdout))
		return cli_error("cannot write %s", pdf);
	if (priv_subject_access(r, id, purpose, &out, &e)) {
		if (f && f != stdout) {
			fclose(f);
			remove(pdf);
		}
		return cli_fail(&e);
	}
	if (!pdf) {
		cli_print_json(out);
		json_decref(out);
		return 0;
	}
	if (priv_subject_access_pdf(out, &b, &e))
		rc = cli_fail(&e);
	else if (fwrite(b.s, 1, b.len, f) != b.len)
		rc = cli_error("cannot write %s", pdf);
	if (f != stdout ? fclose(f) : fflush(f))
		rc = cli_error("cannot write %s", pdf);
	if (!rc && f != stdout)
		fprintf(stderr, "subject access export of %s written to %s\n", id, pdf);
	buf_free(&b);
	json_decref(out);
	return rc;
}

static int erase(struct rec *r, const char *id, const char *grounds, int as_json)
{
	struct rd_err e;
	json_t *d, *x;
	size_t i;

	err_clear(&e);
	if (priv_erase(r, id, grounds, &d, &e))
		return cli_fail(&e);
	if (as_json) {
		cli_print_json(d);
	} else {
		printf("erasure request of %s: %s\n", id, js_str0(d, "outcome"));
		json_array_foreach(json_object_get(d, "erased"), i, x)
			printf("  erased  %s\n", json_string_value(x));
		json_array_foreach(json_object_get(d, "kept"), i, x)
			printf("  kept    %s%s%s: %s\n", js_str0(x, "record"),
			       js_str(x, "until") ? " until " : "", js_str0(x, "until"),
			       priv_reason_text(js_str0(x, "reason")));
	}
	json_decref(d);
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
	{
		static const char *const f_show[] = { "sensitive", NULL }, *const f_none[] = { NULL },
			*const f_reviews[] = { "due-by", NULL }, *const f_export[] = { "sensitive", "pdf", NULL },
			*const f_erase[] = { "reason", NULL };
		static const struct { const char *action; const char *const *flags; } reads[] = {
			{ "show", f_show }, { "list", f_none }, { "reviews", f_reviews },
			{ "export", f_export }, { "erase", f_erase },
		};
		char what[48];

		for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
			snprintf(what, sizeof(what), "person %s", reads[i].action);
			if (!strcmp(action, reads[i].action) && cli_only(&c, reads[i].flags, what)) {
				cli_free(&c);
				return 2;
			}
		}
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
		rc = subject_access(&r, c.pos[0], cli_opt(&c, "sensitive"), cli_opt(&c, "pdf"));
		goto out;
	}
	if (!strcmp(action, "erase")) {
		rc = erase(&r, c.pos[0], cli_opt(&c, "reason"), c.json);
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
