/*
 * cmd_backup.c - redress backup DEST | redress restore SRC
 *
 * A backup is a SQLite file: for a SQLite landlord an online, consistent
 * copy of the database (writers go on while it is taken); for a PostgreSQL
 * landlord its events, rebuilt state and secrets copied into a new file
 * (see store/copy.h).  Restoring copies a backup into --db, which must
 * hold no records yet; every hash chain is checked on the way in.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/copy.h"

static int backup(struct cli *c, const char *dest)
{
	struct copy_report rep;
	struct rd_err e;
	char to[1100];
	store *s;
	int rc;

	err_clear(&e);
	if (access(dest, F_OK) == 0)
		return cli_error("%s already exists: a backup never overwrites a file", dest);
	s = store_open(c->db ? c->db : "redress.db", 0, &e);
	if (!s)
		return cli_fail(&e);
	if (s->ops->backup_to) {
		rc = s->ops->backup_to(s, dest, &e);
		store_close(s);
		if (rc)
			return cli_fail(&e);
		printf("backed up to %s\n", dest);
		return 0;
	}
	store_close(s);
	snprintf(to, sizeof(to), "sqlite:%s", dest);
	if (copy_landlord(c->db, to, &rep, &e))
		return cli_fail(&e);
	printf("backed up %lld events of %lld records to %s\n", (long long)rep.events,
	       (long long)rep.records, dest);
	return 0;
}

static int restore(struct cli *c, const char *src)
{
	struct copy_report rep;
	struct rd_err e;
	char from[1100];
	store *s;
	int64_t nev = 0, nst = 0;
	int problems;

	err_clear(&e);
	s = store_open(src, 0, &e);
	if (!s)
		return cli_fail(&e);
	problems = store_verify(s, stderr, &nev, &nst, &e);
	store_close(s);
	if (problems < 0)
		return cli_fail(&e);
	if (problems)
		return cli_error("%s has %d broken hash chain(s): not restored", src, problems);
	snprintf(from, sizeof(from), "sqlite:%s", src);
	if (copy_landlord(from, c->db ? c->db : "redress.db", &rep, &e))
		return cli_fail(&e);
	printf("restored %lld events of %lld records from %s\n", (long long)rep.events,
	       (long long)rep.records, src);
	return 0;
}

int cmd_backup(int argc, char **argv)
{
	static const char usage[] = "backup DEST [--db PATH|URL] | restore SRC [--db PATH|URL]";
	struct cli c;
	int rc;

	if (cli_parse(&c, argc, argv, NULL, usage))
		return 2;
	if (c.npos != 1) {
		cli_free(&c);
		return cli_usage(usage);
	}
	rc = !strcmp(argv[0], "restore") ? restore(&c, c.pos[0]) : backup(&c, c.pos[0]);
	cli_free(&c);
	return rc;
}
