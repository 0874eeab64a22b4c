/*
 * cmd_workdays.c - working-day arithmetic.
 *
 *   redress workdays add DATE N [--region R]
 *   redress workdays count FROM TO [--region R]
 *
 * Without a database the built-in calendar is used; with one (--db, or a
 * redress.db in the current directory) its imported bank holidays,
 * closure days and region are used too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "util/json.h"

static const char usage[] =
	"workdays add DATE N | count FROM TO "
	"[--region england-and-wales|scotland|northern-ireland] [--db PATH] [--json]";

static int parse_date(const char *s, const char *what, date_t *d)
{
	if (date_parse(s, d))
		return cli_error("%s \"%s\" is not a real date: write it as YYYY-MM-DD", what, s);
	return 0;
}

int cmd_workdays(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "region", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct rd_err e;
	enum cal_region region = CAL_ENGLAND_WALES;
	calendar *cal = NULL;
	int rc = 1, have_db = 0, version = 0;
	date_t a, b, out;
	char s1[DATE_STRLEN], s2[DATE_STRLEN];

	err_clear(&e);
	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos != 3 || (strcmp(c.pos[0], "add") && strcmp(c.pos[0], "count"))) {
		cli_free(&c);
		return cli_usage(usage);
	}
	if (c.db || access("redress.db", F_OK) == 0) {
		if (cli_open(&c, &r, 0))
			goto out_args;
		have_db = 1;
		cal_region_parse(js_str0(r.policy, "region"), &region, NULL);
	}
	if (cli_opt(&c, "region") && cal_region_parse(cli_opt(&c, "region"), &region, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	cal = have_db ? rec_calendar(&r, region) : cal_new(region, NULL, 0, NULL, 0, 0);
	if (!cal) {
		rc = cli_error("out of memory");
		goto out;
	}
	version = cal_version(cal);
	if (!strcmp(c.pos[0], "add")) {
		char *end;
		long n;

		if (parse_date(c.pos[1], "DATE", &a))
			goto out;
		errno = 0;
		n = strtol(c.pos[2], &end, 10);
		if (errno || !*c.pos[2] || *end || n < -100000 || n > 100000) {
			rc = cli_error("N \"%s\" is not a whole number of working days", c.pos[2]);
			goto out;
		}
		if (cal_add(cal, a, (int)n, &out, &e)) {
			rc = cli_fail(&e);
			goto out;
		}
		if (c.json) {
			json_t *j = json_pack("{s:s, s:i, s:s, s:s, s:i}", "from",
					      date_format(a, s1), "working_days", (int)n,
					      "date", date_format(out, s2), "region",
					      cal_region_name(region), "calendar_version", version);

			cli_print_json(j);
			json_decref(j);
		} else {
			puts(date_format(out, s1));
		}
	} else {
		int n;

		if (parse_date(c.pos[1], "FROM", &a) || parse_date(c.pos[2], "TO", &b))
			goto out;
		if (cal_count(cal, a, b, &n, &e)) {
			rc = cli_fail(&e);
			goto out;
		}
		if (c.json) {
			json_t *j = json_pack("{s:s, s:s, s:i, s:s, s:i}", "from",
					      date_format(a, s1), "to", date_format(b, s2),
					      "working_days", n, "region",
					      cal_region_name(region), "calendar_version", version);
			cli_print_json(j);
			json_decref(j);
		} else {
			printf("%d\n", n);
		}
	}
	rc = 0;
out:
	cal_free(cal);
	if (have_db)
		rec_close(&r);
out_args:
	cli_free(&c);
	return rc;
}
