/*
 * cmd_ombudsman_report.c - redress ombudsman-report: the Housing
 * Ombudsman's reports about the landlord, for parts (e) and (f) of the
 * annual report (Code 8.1; core/omreport.h).
 *
 *   ombudsman-report new --kind K --title T --published-on D --summary T
 *                   [--year YYYY (annual_landlord_report)] [--received-on D]
 *                   [--url U] [--landlord-response T [--responded-on D]]
 *                   [--complaint REF ...] [--improvement IMP ...]
 *   ombudsman-report update OMR [--landlord-response T] [--note T] [--url U]
 *                   [--complaint REF ...] [--improvement IMP ...] [--on D]
 *   ombudsman-report withdraw OMR --reason T [--on D]
 *   ombudsman-report list | show OMR
 *
 * Lines and "show" give the kinds as people read them ("Spotlight
 * report"); --json gives the record as stored ("spotlight_report").
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/omreport.h"
#include "util/json.h"

static const char usage[] =
	"ombudsman-report new|update|withdraw|list|show [OMR] [options] [--json]";

static const struct cli_opt opts[] = {
	{ "kind", "kind", O_STR },
	{ "title", "title", O_STR },
	{ "published-on", "published_on", O_STR },
	{ "received-on", "received_on", O_STR },
	{ "year", "year", O_INT },
	{ "summary", "summary", O_STR },
	{ "url", "url", O_STR },
	{ "landlord-response", "landlord_response", O_STR },
	{ "responded-on", "responded_on", O_STR },
	{ "complaint", "complaints", O_LIST },
	{ "improvement", "improvements", O_LIST },
	{ "note", "note", O_STR },
	{ "on", "on", O_STR },
	{ "reason", "reason", O_STR },
	{ NULL, NULL, 0 }
};

/* "label  a, b" when the list "key" of "o" has any. */
static void refs(const json_t *o, const char *key, const char *label)
{
	const json_t *l = json_object_get(o, key);

	if (!json_array_size(l))
		return;
	printf("%s", label);
	for (size_t i = 0; i < json_array_size(l); i++)
		printf("%s%s", i ? ", " : "", json_string_value(json_array_get(l, i))
		       ? json_string_value(json_array_get(l, i)) : "?");
	putchar('\n');
}

/* "OMR-000002 received 2026-03-31 Spotlight report: Spotlight on damp";
 * with full, the whole record. */
static void print_report(const json_t *st, int full)
{
	const json_t *u;
	size_t i;

	printf("%s %s %s %s", js_str0(st, "reference"), js_str0(st, "status"),
	       js_str0(st, "published_on"), omr_kind_label(js_str0(st, "kind")));
	if (js_str(st, "covers"))
		printf(" on %s", js_str0(st, "covers"));
	printf(": %s\n", js_str0(st, "title"));
	if (!full)
		return;
	if (js_str(st, "received_on"))
		printf("  received      %s\n", js_str0(st, "received_on"));
	printf("  summary       %s\n", js_str0(st, "summary"));
	if (js_str(st, "url"))
		printf("  web address   %s\n", js_str0(st, "url"));
	refs(st, "complaints", "  complaints    ");
	refs(st, "improvements", "  improvements  ");
	if (js_str(st, "landlord_response"))
		printf("  response      %s (%s)\n", js_str0(st, "landlord_response"),
		       js_str0(st, "responded_on"));
	else
		printf("  response      not yet recorded\n");
	printf("  recorded by   %s\n", js_str0(st, "recorded_by"));
	json_array_foreach(json_object_get(st, "updates"), i, u) {
		printf("  update %zu      %s by %s\n", i + 1, js_str0(u, "on"), js_str0(u, "by"));
		if (js_str(u, "landlord_response"))
			printf("    response    %s\n", js_str0(u, "landlord_response"));
		if (js_str(u, "note"))
			printf("    note        %s\n", js_str0(u, "note"));
		if (js_str(u, "url"))
			printf("    web address %s\n", js_str0(u, "url"));
		refs(u, "complaints", "    complaints  ");
		refs(u, "improvements", "    improvements ");
	}
	if (js_str(st, "withdrawn_on"))
		printf("  withdrawn     %s by %s: %s\n", js_str0(st, "withdrawn_on"),
		       js_str0(st, "withdrawn_by"), js_str0(st, "withdrawn_reason"));
}

int cmd_ombudsman_report(int argc, char **argv)
{
	static const char *const actions[] = { "new", "update", "withdraw", NULL };
	static const char *const cols[] = {
		"reference", "status", "kind", "published_on", "title", NULL
	};
	static const struct cli_register def = {
		"ombudsman_report", usage, opts, actions, NULL, cols, print_report
	};

	return cli_register(argc, argv, &def);
}
