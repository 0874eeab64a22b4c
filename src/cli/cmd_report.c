/*
 * cmd_report.c - redress report tsm|board ...
 *
 *   report tsm [--year YYYY] [--format json|csv|text|html|pdf]
 *              [--cases MEASURE [--tenure lcra|lcho]]
 *   report board [--year YYYY | --from DATE --to DATE]
 *                [--format json|csv|text|html|pdf] [--cases KEY]
 *   report self-assessment [--year YYYY] [--format json|csv|text|html|pdf]
 *                [--cases PROVISION [--all]]
 *   report self-assessment comment|approve|publish --year YYYY ...
 *   report annual [--year YYYY] [--format json|text|csv|html|pdf]
 *   report annual respond --year YYYY --text TEXT [--on DATE] [--body NAME]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "reports/annual.h"
#include "reports/board.h"
#include "reports/html.h"
#include "reports/print.h"
#include "reports/selfassess.h"
#include "reports/tsm.h"
#include "util/json.h"

static const char usage[] =
	"report tsm [--year YYYY] [--format text|json|csv|html|pdf] [--json] "
	"[--cases MEASURE [--tenure lcra|lcho]]\n"
	"       redress report board [--year YYYY | --from DATE --to DATE] "
	"[--format text|json|csv|html|pdf] [--json] [--cases KEY]\n"
	"       redress report self-assessment [--year YYYY] [--format text|json|csv|html|pdf] [--json] "
	"[--cases PROVISION [--all]]\n"
	"       redress report self-assessment comment --year YYYY --provision N --text TEXT "
	"[--comply yes|no]\n"
	"       redress report self-assessment approve --year YYYY [--on DATE] [--body NAME] "
	"[--minute REF]\n"
	"       redress report self-assessment publish --year YYYY [--on DATE] [--url URL]\n"
	"       redress report annual [--year YYYY] [--format text|json|csv|html|pdf] [--json]\n"
	"       redress report annual respond --year YYYY --text TEXT [--on DATE] [--body NAME]";

/* --year (cli_parse has checked it is a whole number), or the reporting
 * year of today; a value far out of range stays out of range (-1). */
static int year_of(const struct cli *c, const struct rec *r)
{
	const char *y = cli_opt(c, "year");
	long v;

	if (!y)
		return tsm_year_of(r->today);
	v = strtol(y, NULL, 10);
	return v < 0 || v > 100000 ? -1 : (int)v;
}

/* Prints the references of "refs" one a line, or as JSON. */
static void print_refs(const json_t *refs, const char *format)
{
	size_t i;
	json_t *x;

	if (!strcmp(format, "json")) {
		cli_print_json(refs);
		return;
	}
	json_array_foreach(refs, i, x)
		puts(json_string_value(x));
}

/* The format asked for: text (the default), json, csv, html or pdf; NULL
 * if none. */
static const char *format_of(const struct cli *c)
{
	const char *f = c->json ? "json" : cli_opt(c, "format") ? cli_opt(c, "format") : "text";

	return strcmp(f, "text") && strcmp(f, "json") && strcmp(f, "csv") && strcmp(f, "html") &&
	       strcmp(f, "pdf") ? NULL : f;
}

/* The report as a standalone HTML document (the page's content, without
 * the links to the cases, which need the server), or as a PDF of its
 * text with the HTML's charts; 0 or the exit status. */
static int print_doc(const char *kind, const char *format, const json_t *rep)
{
	struct buf b = BUF_INIT, title = BUF_INIT;
	char *text;
	int rc = 0;

	if (!strcmp(kind, "tsm")) {
		buf_printf(&title, "Tenant Satisfaction Measures %s", js_str0(rep, "year"));
		rhtml_tsm(&b, rep, NULL);
		text = tsm_text(rep);
	} else if (!strcmp(kind, "board")) {
		buf_printf(&title, "Board and Member Responsible for Complaints pack %s",
			   js_str0(rep, "period"));
		rhtml_board(&b, rep, NULL);
		text = board_text(rep);
	} else if (!strcmp(kind, "annual")) {
		buf_printf(&title, "Annual complaints performance and service improvement report %s",
			   js_str0(rep, "year"));
		rhtml_annual(&b, rep, NULL);
		text = annual_text(rep);
	} else {
		buf_printf(&title, "Self-assessment against the Complaint Handling Code %s",
			   js_str0(rep, "year"));
		rhtml_self_assessment(&b, rep, NULL);
		text = sa_text(rep);
	}
	if (!strcmp(format, "pdf")) {
		struct buf pdf = BUF_INIT;
		struct rd_err e;

		err_clear(&e);
		if (print_pdf(buf_str(&title), js_str0(rep, "organisation"), text, buf_str(&b),
			      &pdf, &e))
			rc = cli_fail(&e);
		else
			fwrite(pdf.s, 1, pdf.len, stdout);
		buf_free(&pdf);
	} else {
		char *doc = rhtml_document(buf_str(&title), buf_str(&b));

		fputs(doc, stdout);
		free(doc);
	}
	free(text);
	buf_free(&b);
	buf_free(&title);
	return rc;
}

static int report_board(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "year", NULL, O_INT },
		{ "from", NULL, O_STR },
		{ "to", NULL, O_STR },
		{ "format", NULL, O_STR },
		{ "cases", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	const char *format;
	struct board_period p;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *rep = NULL;
	int rc = 0, year = 0;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos || !(format = format_of(&c))) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (cli_opt(&c, "year"))
		year = year_of(&c, &r);
	else if (!cli_opt(&c, "from") && !cli_opt(&c, "to"))
		year = tsm_year_of(r.today);
	if (board_period(year, cli_opt(&c, "from"), cli_opt(&c, "to"), &p, &e)) {
		rc = cli_fail(&e);
	} else if (cli_opt(&c, "cases")) {
		if (board_cases(&r, &p, cli_opt(&c, "cases"), &rep, &e))
			rc = cli_fail(&e);
		else
			print_refs(rep, format);
	} else if (board_report(&r, &p, &rep, &e)) {
		rc = cli_fail(&e);
	} else if (!strcmp(format, "html") || !strcmp(format, "pdf")) {
		rc = print_doc("board", format, rep);
	} else {
		char *text = !strcmp(format, "json") ? NULL
			   : !strcmp(format, "csv") ? board_csv(rep) : board_text(rep);

		if (text)
			fputs(text, stdout);
		else
			cli_print_json(rep);
		free(text);
	}
	json_decref(rep);
	rec_close(&r);
	cli_free(&c);
	return rc;
}

/* comment, approve or publish: one event on the year's self-assessment;
 * respond: the governing body's response to the year's annual report. */
static int record_assessment(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "year", NULL, O_INT },
		{ "provision", "provision", O_STR },
		{ "text", "text", O_STR },
		{ "comply", "comply", O_STR },
		{ "on", NULL, O_STR },
		{ "body", "body", O_STR },
		{ "minute", "minute", O_STR },
		{ "url", "url", O_STR },
		{ NULL, NULL, 0 }
	};
	const char *action = argv[0];
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *st = NULL;
	int rc = 0;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos || !cli_opt(&c, "year")) {
		if (!c.npos)
			cli_error("--year is needed: which year's self-assessment");
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_opt(&c, "on"))
		json_object_set_new(c.in, !strcmp(action, "approve") ? "approved_on"
				    : !strcmp(action, "respond") ? "responded_on" : "published_on",
				    json_string(cli_opt(&c, "on")));
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (rec_self_assessment(&r, year_of(&c, &r), action, c.in, &st, &e))
		rc = cli_fail(&e);
	else if (c.json)
		cli_print_json(st);
	else if (!strcmp(action, "comment"))
		printf("%s: commentary recorded\n", js_str0(c.in, "provision"));
	else if (!strcmp(action, "respond"))
		printf("the response of %s recorded\n", js_str0(json_object_get(st, "response"), "body"));
	else if (!strcmp(action, "approve"))
		printf("approved by %s on %s\n", js_str0(json_object_get(st, "approved"), "body"),
		       js_str0(json_object_get(st, "approved"), "approved_on"));
	else
		printf("published on %s\n", js_str0(json_object_get(st, "published"), "published_on"));
	json_decref(st);
	rec_close(&r);
	cli_free(&c);
	return rc;
}

static int report_assessment(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "year", NULL, O_INT },
		{ "format", NULL, O_STR },
		{ "cases", NULL, O_STR },
		{ "all", NULL, O_FLAG },
		{ NULL, NULL, 0 }
	};
	const char *format;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *rep = NULL;
	int rc = 0, year;

	if (argc >= 2 && (!strcmp(argv[1], "comment") || !strcmp(argv[1], "approve") ||
			  !strcmp(argv[1], "publish")))
		return record_assessment(argc - 1, argv + 1);
	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos || !(format = format_of(&c))) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	year = year_of(&c, &r);
	if (cli_opt(&c, "cases")) {
		if (sa_cases(&r, year, cli_opt(&c, "cases"), json_object_get(c.opts, "all") != NULL,
			     &rep, &e))
			rc = cli_fail(&e);
		else
			print_refs(rep, format);
	} else if (sa_report(&r, year, &rep, &e)) {
		rc = cli_fail(&e);
	} else if (!strcmp(format, "html") || !strcmp(format, "pdf")) {
		rc = print_doc("self-assessment", format, rep);
	} else {
		char *text = !strcmp(format, "json") ? NULL
			   : !strcmp(format, "csv") ? sa_csv(rep) : sa_text(rep);

		if (text)
			fputs(text, stdout);
		else
			cli_print_json(rep);
		free(text);
	}
	json_decref(rep);
	rec_close(&r);
	cli_free(&c);
	return rc;
}

static int report_annual(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "year", NULL, O_INT },
		{ "format", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	const char *format;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *rep = NULL;
	int rc = 0;

	if (argc >= 2 && !strcmp(argv[1], "respond"))
		return record_assessment(argc - 1, argv + 1);
	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos || !(format = format_of(&c))) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (annual_report(&r, year_of(&c, &r),
			  &rep, &e)) {
		rc = cli_fail(&e);
	} else if (!strcmp(format, "json")) {
		cli_print_json(rep);
	} else if (!strcmp(format, "html") || !strcmp(format, "pdf")) {
		rc = print_doc("annual", format, rep);
	} else if (!strcmp(format, "csv")) {
		char *csv = annual_csv(rep);

		fputs(csv, stdout);
		free(csv);
	} else {
		char *text = annual_text(rep);

		fputs(text, stdout);
		free(text);
	}
	json_decref(rep);
	rec_close(&r);
	cli_free(&c);
	return rc;
}

static int report_tsm(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "year", NULL, O_INT },
		{ "format", NULL, O_STR },
		{ "cases", NULL, O_STR },
		{ "tenure", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	const char *format;
	struct cli c;
	struct rec r;
	struct rd_err e;
	json_t *rep = NULL;
	int year, rc = 0;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	format = format_of(&c);
	if (c.npos || !format) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	year = year_of(&c, &r);
	if (cli_opt(&c, "cases")) {
		if (tsm_cases(&r, year, cli_opt(&c, "tenure"), cli_opt(&c, "cases"), &rep, &e)) {
			rc = cli_fail(&e);
		} else if (!strcmp(format, "json")) {
			cli_print_json(rep);
		} else {
			size_t i;
			json_t *x;

			json_array_foreach(rep, i, x)
				puts(json_string_value(x));
		}
	} else if (tsm_report(&r, year, &rep, &e)) {
		rc = cli_fail(&e);
	} else if (!strcmp(format, "json")) {
		cli_print_json(rep);
	} else if (!strcmp(format, "html") || !strcmp(format, "pdf")) {
		rc = print_doc("tsm", format, rep);
	} else if (!strcmp(format, "csv")) {
		char *csv = tsm_csv(rep);

		fputs(csv, stdout);
		free(csv);
	} else {
		char *text = tsm_text(rep);

		fputs(text, stdout);
		free(text);
	}
	json_decref(rep);
	rec_close(&r);
	cli_free(&c);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} reports[] = {
		{ "tsm", report_tsm },
		{ "board", report_board },
		{ "self-assessment", report_assessment },
		{ "annual", report_annual },
	};

	for (size_t i = 0; argc >= 2 && i < sizeof(reports) / sizeof(reports[0]); i++)
		if (!strcmp(argv[1], reports[i].name))
			return reports[i].fn(argc - 1, argv + 1);
	return cli_usage(usage);
}
