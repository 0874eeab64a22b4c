/*
 * cmd_export.c - redress export complaints|events [--format csv|json]
 *                [--output FILE]
 *
 * Complaints in the import layout (CSV, so another Redress database can
 * import them) or as their full states (JSON); or every event of the
 * record with its hashes.  Standard output by default; --output writes a
 * new file readable by its owner only, since it holds personal data.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/transfer.h"
#include "util/buf.h"

static const char usage[] =
	"export complaints|events [--format csv|json] [--output FILE] [--as USER] [--db PATH]";

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static int save(const char *path, const struct buf *b)
{
	int fd;

	if (!path) {
		if (fwrite(buf_str(b), 1, b->len, stdout) != b->len || fflush(stdout))
			return cli_error("cannot write the export: %s", strerror(errno));
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return cli_error("cannot create %s: %s", path, strerror(errno));
	if (write_all(fd, buf_str(b), b->len) || fsync(fd)) {
		int err = errno;

		close(fd);
		return cli_error("cannot write %s: %s", path, strerror(err));
	}
	if (close(fd))
		return cli_error("cannot write %s: %s", path, strerror(errno));
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "format", NULL, O_STR },
		{ "output", NULL, O_STR },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct rd_err e;
	struct buf b = BUF_INIT;
	const char *format, *what;
	int rc;

	if (argc >= 2 && !strcmp(argv[1], "--help")) {
		printf("usage: redress %s\n", usage);
		return 0;
	}
	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos != 1 || (strcmp(c.pos[0], "complaints") && strcmp(c.pos[0], "events"))) {
		if (c.npos == 1)
			cli_error("export complaints or events, not \"%s\"", c.pos[0]);
		cli_free(&c);
		return cli_usage(usage);
	}
	what = c.pos[0];
	format = cli_opt(&c, "format") ? cli_opt(&c, "format") : "csv";
	if (strcmp(format, "csv") && strcmp(format, "json")) {
		cli_error("--format is csv or json, not \"%s\"", format);
		cli_free(&c);
		return 2;
	}
	if (cli_open(&c, &r, 0)) {
		cli_free(&c);
		return 1;
	}
	err_clear(&e);
	rc = !strcmp(what, "complaints") ? xfer_export_complaints(&r, format, &b, &e)
					 : xfer_export_events(&r, format, &b, &e);
	rc = rc ? cli_fail(&e) : save(cli_opt(&c, "output"), &b);
	buf_free(&b);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
