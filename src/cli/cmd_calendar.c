/*
 * cmd_calendar.c - redress calendar show [--year Y] [--region R] |
 * import FILE.json | closure add DATE [--reason T] | closure remove DATE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "util/json.h"

static const char usage[] =
	"calendar show [--year YYYY] [--region R] | import FILE.json | "
	"closure add DATE [--reason TEXT] | closure remove DATE [--db PATH] [--json]";

#define IMPORT_MAX (4 << 20)

static int show(struct cli *c, struct rec *r)
{
	enum cal_region region;
	struct rd_err e;
	struct cal_holiday h[64];
	calendar *cal;
	int year, y, m, d, n;
	date_t from, to;
	json_t *out = json_array();

	err_clear(&e);
	if (cal_region_parse(cli_opt(c, "region") ? cli_opt(c, "region")
			     : js_str0(r->policy, "region"), &region, &e)) {
		json_decref(out);
		return cli_fail(&e);
	}
	date_to_ymd(r->today, &year, &m, &d);
	if (cli_opt(c, "year"))
		year = atoi(cli_opt(c, "year"));
	if (year < CAL_FIRST_YEAR || year > CAL_LAST_YEAR) {
		json_decref(out);
		return cli_error("--year must be from %d to %d", CAL_FIRST_YEAR, CAL_LAST_YEAR);
	}
	cal = rec_calendar(r, region);
	date_from_ymd(year, 1, 1, &from);
	date_from_ymd(year, 12, 31, &to);
	n = cal_holidays_between(cal, from, to, h, 64);
	for (int i = 0; i < n && i < 64; i++) {
		char s[DATE_STRLEN];

		json_array_append_new(out, json_pack("{s:s, s:s}", "date",
						     date_format(h[i].date, s), "title", h[i].title));
	}
	if (c->json) {
		json_t *j = json_pack("{s:s, s:i, s:i, s:o, s:O}", "region", cal_region_name(region),
				      "year", year, "calendar_version", cal_version(cal),
				      "bank_holidays", out, "closures",
				      json_object_get(r->calstate, "closures"));

		cli_print_json(j);
		json_decref(j);
	} else {
		size_t i;
		json_t *x;

		printf("Bank holidays %d, %s (calendar version %d)\n", year,
		       cal_region_name(region), cal_version(cal));
		json_array_foreach(out, i, x)
			printf("  %s  %s\n", js_str0(x, "date"), js_str0(x, "title"));
		json_array_foreach(json_object_get(r->calstate, "closures"), i, x)
			printf("  %s  closure day %s\n", js_str0(x, "date"), js_str0(x, "reason"));
		json_decref(out);
	}
	cal_free(cal);
	(void)y;
	return 0;
}

int cmd_calendar(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "year", NULL, O_INT },
		{ "region", NULL, O_STR },
		{ "reason", "reason", O_STR },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct rd_err e;
	int rc = 0;
	const char *what;

	if (argc < 2)
		return cli_usage(usage);
	what = argv[1];
	if (cli_parse(&c, argc - 1, argv + 1, opts, usage))
		return 2;
	if (!strcmp(what, "show") ? c.npos != 0 : !strcmp(what, "import") ? c.npos != 1
	    : !strcmp(what, "closure") ? c.npos != 2 : 1) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	if (!strcmp(what, "show")) {
		rc = show(&c, &r);
	} else if (!strcmp(what, "import")) {
		size_t len;
		char *text = cli_read_file(c.pos[0], IMPORT_MAX, &len);
		json_t *sum;

		if (!text) {
			rc = 1;
		} else if (rec_calendar_import(&r, text, len, c.pos[0], &sum, &e)) {
			rc = cli_fail(&e);
		} else {
			if (c.json) {
				cli_print_json(sum);
			} else {
				size_t i;
				json_t *v;

				json_array_foreach(json_object_get(sum, "regions"), i, v)
					printf("%s %lld-%lld: %lld added, %lld removed\n", js_str0(v, "region"),
					       js_int(v, "years_from", 0), js_int(v, "years_to", 0),
					       js_int(v, "added", 0), js_int(v, "removed", 0));
				printf("calendar version %lld\n", js_int(sum, "calendar_version", 0));
			}
			json_decref(sum);
		}
		free(text);
	} else if (!strcmp(c.pos[0], "add") || !strcmp(c.pos[0], "remove")) {
		json_object_set_new(c.in, "date", json_string(c.pos[1]));
		if (rec_calendar_closure(&r, !strcmp(c.pos[0], "add") ? "closure-add"
					 : "closure-remove", c.in, &e))
			rc = cli_fail(&e);
		else
			printf("closure day %s %s\n", c.pos[1], !strcmp(c.pos[0], "add") ? "added" : "removed");
	} else {
		rc = cli_usage(usage);
	}
	rec_close(&r);
	cli_free(&c);
	return rc;
}
