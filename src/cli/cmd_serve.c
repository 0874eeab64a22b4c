/*
 * cmd_serve.c - redress serve [--db PATH] [--port 8080] [--bind 127.0.0.1]
 *               [--maildir DIR [--maildir-every SECONDS]] [--reminders HH:MM]
 *
 * Besides the API: with --maildir the server takes in the complaints
 * mailbox's Maildir every few seconds (as `redress mail intake` does once),
 * and with --reminders it emails each member of staff their digest of what
 * is due and overdue once a day, at or after HH:MM Europe/London time,
 * over REDRESS_SMTP_URL (as `redress letter reminders --send` does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "http/http.h"
#include "letters/letters.h"
#include "mail/mail.h"
#include "util/clock.h"
#include "util/json.h"

struct tasks {
	const char *db;
	const char *maildir;
	int remind_at;		/* minutes after midnight, or -1 */
	struct rec r;
	int open;
};

static void intake(struct tasks *t)
{
	struct mail_intake_result res;
	struct rd_err e;

	err_clear(&e);
	if (mail_intake(&t->r, t->maildir, &res, &e)) {
		fprintf(stderr, "redress: mail intake: %s\n", e.msg);
	} else if (json_array_size(res.files)) {
		size_t i;
		json_t *f;

		json_array_foreach(res.files, i, f)
			fprintf(stderr, "redress: mail %s: %s %s%s\n", js_str0(f, "file"),
				js_str0(f, "outcome"),
				js_str(f, "complaint") ? js_str(f, "complaint") : js_str0(f, "triage"),
				js_str0(f, "reason"));
	}
	json_decref(res.files);
}

static void remind(struct tasks *t)
{
	time_t now = time(NULL);
	struct tm tm;
	struct rd_err e;
	json_t *st = NULL, *all = NULL;
	int sent = 0;

	localtime_r(&now, &tm);		/* Europe/London: clock.c sets TZ */
	if (tm.tm_hour * 60 + tm.tm_min < t->remind_at)
		return;
	if (rec_load(&t->r, "reminders:daily", &st, NULL) == 0 &&
	    js_date(st, "last_sent_on") == t->r.today) {
		json_decref(st);
		return;
	}
	json_decref(st);
	err_clear(&e);
	if (letter_reminders(&t->r, 5, &all, &e) ||
	    letter_reminders_send(&t->r, all, &sent, &e)) {
		/* tried again at the next tick */
		fprintf(stderr, "redress: daily reminders: %s\n", e.msg);
	} else if (rec_reminders_sent(&t->r, sent, &e)) {
		fprintf(stderr, "redress: daily reminders went but were not recorded: %s\n", e.msg);
	} else {
		fprintf(stderr, "redress: daily reminders: %d sent\n", sent);
	}
	json_decref(all);
}

static void tick(void *ctx)
{
	struct tasks *t = ctx;
	struct rd_err e;

	err_clear(&e);
	if (!t->open) {
		if (rec_open(&t->r, t->db, 0, &e)) {
			fprintf(stderr, "redress: %s\n", e.msg);
			return;
		}
		t->open = 1;
	} else if (rec_reload(&t->r, &e)) {
		fprintf(stderr, "redress: %s\n", e.msg);
		return;
	}
	t->r.today = clock_today();
	if (t->maildir)
		intake(t);
	if (t->remind_at >= 0)
		remind(t);
}

static int parse_hhmm(const char *s)
{
	int h, m;
	char tail;

	if (!s || sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 ||
	    m > 59 || strlen(s) != 5)
		return -1;
	return h * 60 + m;
}

/*
 * The pages' static files, built into build/web beside the binary: for
 * ./redress that is ./build/web, for build-san/redress ../build/web.
 * REDRESS_ASSETS names another place.
 */
static const char *default_assets(char out[4096])
{
	static const char *const tries[] = { "build/web", "../build/web", "web-assets" };
	const char *env = getenv("REDRESS_ASSETS");
	char exe[3900];
	ssize_t n;
	char *slash;
	struct stat sb;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return "build/web";
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')))
		*slash = '\0';
	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		snprintf(out, 4096, "%s/%s", exe, tries[i]);
		if (!stat(out, &sb) && S_ISDIR(sb.st_mode))
			return out;
	}
	return "build/web";
}

int cmd_serve(int argc, char **argv)
{
	static const char usage[] =
		"serve [--db PATH] [--port 8080] [--bind 127.0.0.1] [--threads 2] [--access-log FILE|-] "
		"[--assets DIR] [--maildir DIR] [--maildir-every SECONDS] [--reminders HH:MM]";
	static const struct cli_opt opts[] = {
		{ "port", NULL, O_INT },
		{ "bind", NULL, O_STR },
		{ "threads", NULL, O_INT },
		{ "access-log", NULL, O_STR },
		{ "assets", NULL, O_STR },
		{ "maildir", NULL, O_STR },
		{ "maildir-every", NULL, O_INT },
		{ "reminders", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	struct http_config cfg;
	char assets[4096];
	struct tasks t;
	struct cli c;
	int rc;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos) {
		cli_free(&c);
		return cli_usage(usage);
	}
	memset(&cfg, 0, sizeof(cfg));
	memset(&t, 0, sizeof(t));
	cfg.db = c.db ? c.db : "redress.db";
	cfg.bind = cli_opt(&c, "bind") ? cli_opt(&c, "bind") : "127.0.0.1";
	cfg.port = cli_opt(&c, "port") ? atoi(cli_opt(&c, "port")) : 8080;
	cfg.threads = cli_opt(&c, "threads") ? atoi(cli_opt(&c, "threads")) : 2;
	cfg.access_log = cli_opt(&c, "access-log") ? cli_opt(&c, "access-log") : "-";
	cfg.assets = cli_opt(&c, "assets") ? cli_opt(&c, "assets") : default_assets(assets);
	if (cfg.port < 0 || cfg.port > 65535 || cfg.threads < 1 || cfg.threads > 64) {
		cli_free(&c);
		return cli_error("--port is 0 to 65535 and --threads 1 to 64");
	}
	t.db = cfg.db;
	t.maildir = cli_opt(&c, "maildir");
	t.remind_at = -1;
	if (cli_opt(&c, "reminders") && (t.remind_at = parse_hhmm(cli_opt(&c, "reminders"))) < 0) {
		cli_free(&c);
		return cli_error("--reminders is a time of day as HH:MM (Europe/London), such as 07:30");
	}
	if (t.maildir) {
		char nd[4096];
		struct stat sb;

		snprintf(nd, sizeof(nd), "%s/new", t.maildir);
		if (stat(nd, &sb) || !S_ISDIR(sb.st_mode)) {
			rc = cli_error("--maildir %s is not a Maildir (it has no new/ folder)", t.maildir);
			cli_free(&c);
			return rc;
		}
	}
	if (t.maildir || t.remind_at >= 0) {
		cfg.tick = tick;
		cfg.tick_ctx = &t;
		cfg.tick_seconds = cli_opt(&c, "maildir-every") ? atoi(cli_opt(&c, "maildir-every")) : 5;
		if (cfg.tick_seconds < 1 || cfg.tick_seconds > 3600) {
			cli_free(&c);
			return cli_error("--maildir-every is 1 to 3600 seconds");
		}
	}
	rc = http_serve(&cfg) ? 1 : 0;
	if (t.open)
		rec_close(&t.r);
	cli_free(&c);
	return rc;
}
