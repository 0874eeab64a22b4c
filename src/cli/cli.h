/*
 * cli.h - what the command files share: option parsing, opening the
 * landlord's database, turning options into JSON input, printing results
 * and errors.
 *
 * Every command is "int cmd_NAME(int argc, char **argv)" (argv[0] is the
 * command's name) and returns the process exit status: 0 success, 1 the
 * action was refused or failed, 2 the command line was wrong.
 */
#ifndef REDRESS_CLI_CLI_H
#define REDRESS_CLI_CLI_H

#include <jansson.h>

#include "store/record.h"
#include "util/err.h"

enum cli_type {
	O_FLAG,		/* no value: true */
	O_STR,		/* text */
	O_INT,		/* whole number */
	O_NUM,		/* number (pounds) */
	O_YESNO,	/* yes/no/true/false: boolean */
	O_LIST,		/* repeatable text: array */
	O_DECISION,	/* repeatable POINT:OUTCOME:REASONS */
	O_REMEDY,	/* repeatable TYPE:DUE_ON:DESCRIPTION (financial: TYPE:DUE_ON:AMOUNT:DESCRIPTION) */
	O_ACTION,	/* repeatable DUE_ON:DESCRIPTION */
	O_PARTY,	/* repeatable NAME: {"name": NAME} */
	O_FILE		/* a file's text */
};

/* An option and where its value goes in the JSON input ("a.b" nests). */
struct cli_opt {
	const char *flag;	/* without the leading "--" */
	const char *path;	/* NULL: not part of the JSON input */
	enum cli_type type;
};

struct cli {
	const char *db;		/* --db, or "pg:" and --pg */
	char pg[1024];
	const char *as;		/* --as */
	int json;		/* --json */
	char *pos[16];		/* positional arguments */
	int npos;
	json_t *in;		/* the JSON input built from options */
	json_t *opts;		/* every option seen: flag -> value */
};

/*
 * Parses argv[1..] against "opts" (NULL-terminated by flag) plus the
 * global --db, --pg, --as, --json and --input FILE (a JSON object the
 * options are merged into).  Returns 0, or prints the problem and returns
 * 2.
 */
int cli_parse(struct cli *c, int argc, char **argv,
	      const struct cli_opt *opts, const char *usage);
void cli_free(struct cli *c);

/* 0 when every option given is one of "flags" (NULL-terminated) or a
 * global one (--db, --pg, --as, --json, --input); else prints which does
 * not apply to "what" and returns 2. */
int cli_only(const struct cli *c, const char *const *flags, const char *what);

/* The value of option "flag" as text, or NULL. */
const char *cli_opt(const struct cli *c, const char *flag);

/* Opens the landlord (acting as --as, if given). 0, or prints and 1. */
int cli_open(struct cli *c, struct rec *r, int create);

/* Prints "redress: MESSAGE" and the field to stderr; returns 1. */
int cli_fail(const struct rd_err *e);
/* Prints a usage line to stderr; returns 2. */
int cli_usage(const char *usage);
/* Prints "redress: " and the formatted message to stderr; returns 1. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "j" as indented JSON on stdout with a newline. */
void cli_print_json(const json_t *j);

/* Reads a whole file ("-" is stdin), at most "max" bytes; NULL and a
 * message on error. */
char *cli_read_file(const char *path, size_t max, size_t *len);

/*
 * A command for one oversight register (rec_register): "list", "show REF"
 * and its actions.  An action of "actions" takes no argument when it is
 * "new", REF otherwise, and REF N when listed in
 * "item_actions" (N becomes the input's "n").  "cols" are the fields a
 * list line prints; "show" prints the record as JSON unless "text" is
 * set.
 */
struct cli_register {
	const char *kind;		/* "ombudsman_case" */
	const char *usage;
	const struct cli_opt *opts;
	const char *const *actions;	/* besides list and show */
	const char *const *item_actions;
	const char *const *cols;
	/* When set, prints a record for people instead of "cols" (full 0: the
	 * line of a list or an action; 1: "show" without --json). */
	void (*text)(const json_t *st, int full);
};
int cli_register(int argc, char **argv, const struct cli_register *def);

/* Prints one line of "cols" of "st". */
void cli_line(const json_t *st, const char *const *cols);

#endif
