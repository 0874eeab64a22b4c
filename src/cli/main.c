/*
 * main.c - the redress command: a table of subcommands.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "init", cmd_init, "create a database" },
	{ "demo", cmd_demo, "create a realistic demo landlord with history" },
	{ "workdays", cmd_workdays, "working-day arithmetic: add DATE N, count FROM TO" },
	{ "calendar", cmd_calendar, "bank holidays and closure days: show, import, closure" },
	{ "complaint", cmd_complaint, "log a complaint and take it through the Code's stages" },
	{ "person", cmd_person, "residents: preferences, adjustments, disclosures, restrictions" },
	{ "service-request", cmd_service_request, "service requests and dissatisfaction with them" },
	{ "feedback", cmd_feedback, "survey feedback (Code 1.6)" },
	{ "policy", cmd_policy, "the landlord's policy: show, set, check" },
	{ "user", cmd_user, "staff accounts and roles" },
	{ "verify", cmd_verify, "check every record's hash chain" },
	{ "import", cmd_import, "import complaint histories from a CSV file" },
	{ "export", cmd_export, "export complaints or events as CSV or JSON" },
	{ "serve", cmd_serve, "serve the JSON API over HTTP" },
	{ "copy", cmd_copy, "move a landlord between SQLite and PostgreSQL" },
	{ "backup", cmd_backup, "an online, consistent backup of the landlord: backup DEST" },
	{ "restore", cmd_backup, "restore a backup into an empty landlord: restore SRC" },
	{ "report", cmd_report, "reports: tsm, board, self-assessment, annual" },
	{ "letter", cmd_letter, "the letters the Code requires, as text, HTML or PDF" },
	{ "ombudsman", cmd_ombudsman, "Ombudsman cases: referral, requests, determinations, orders" },
	{ "ombudsman-report", cmd_ombudsman_report, "the Ombudsman's reports about the landlord (8.1 e, f)" },
	{ "improvement", cmd_improvement, "learning and service improvements (Code 9.1)" },
	{ "learning", cmd_improvement, "the same as improvement" },
	{ "exceptional", cmd_exceptional, "exceptional circumstances when the Code cannot be met (8.5)" },
	{ "training", cmd_training, "complaint-handling training records (Code 4.3)" },
	{ "quality", cmd_quality, "quality review of a sample of issued responses" },
	{ "survey", cmd_survey, "surveys of complaint handling after a complaint closes" },
	{ "mail", cmd_mail, "the complaints mailbox: intake from a Maildir, and triage" },
	{ "retention", cmd_retention, "anonymise records past their retention period: run [--dry-run]" },
	{ NULL, NULL, NULL }
};

static int help(FILE *out)
{
	fputs("usage: redress COMMAND [ARGS] [--db PATH] [--json]\n\n"
	      "Complaint handling under the Housing Ombudsman's Complaint Handling Code.\n\n"
	      "Commands:\n", out);
	for (int i = 0; commands[i].name; i++)
		fprintf(out, "  %-16s %s\n", commands[i].name, commands[i].help);
	fputs("\nRun \"redress COMMAND --help\" for a command's options.\n", out);
	return out == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return help(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return help(stdout);
	if (!strcmp(argv[1], "--version")) {
		puts("redress 0.1.0");
		return 0;
	}
	for (int i = 0; commands[i].name; i++)
		if (!strcmp(commands[i].name, argv[1]))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "redress: unknown command \"%s\"\n\n", argv[1]);
	return help(stderr);
}
