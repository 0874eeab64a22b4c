/*
 * printq.c - letters queued for post, and marked printed.
 */
#include "core/printq.h"

#include <string.h>

#include "util/json.h"

int printq_decide(const json_t *st, const char *action, const json_t *in,
		  const char *id, const char *actor, date_t today,
		  json_t **payload, const char **type, struct rd_err *e)
{
	const char *s;
	long long n;

	*payload = NULL;
	if (!strcmp(action, "queue")) {
		static const char *const keys[] = {
			"reference", "correspondence", "kind", "stage", "recipient", "address",
			"file", "format", NULL
		};

		if (js_only_keys(in, keys, "the queued letter", e) ||
		    js_need_str(in, "reference", 1, NULL, &s, e) ||
		    js_need_int(in, "correspondence", 1, NULL, 1, 1000000, &n, e) ||
		    js_need_str(in, "kind", 1, NULL, &s, e) ||
		    js_need_str(in, "recipient", 1, NULL, &s, e) ||
		    js_need_str(in, "address", 1, NULL, &s, e) ||
		    js_need_str(in, "file", 1, NULL, &s, e) ||
		    js_need_str(in, "format", 0, NULL, &s, e))
			return -1;
		*type = "print.queued";
		*payload = json_deep_copy(in);
		json_object_set_new(*payload, "id", json_string(id));
		js_set_date(*payload, "queued_on", today);
		return 0;
	}
	if (!strcmp(action, "printed")) {
		static const char *const keys[] = { NULL };

		if (js_only_keys(in, keys, "marking a letter printed", e))
			return -1;
		if (!strcmp(js_str0(st, "status"), "printed"))
			return err_set(e, RD_ESTATE, "id", NULL,
				       "letter %s was already printed on %s by %s", id,
				       js_str0(st, "printed_on"), js_str0(st, "printed_by"));
		*type = "print.printed";
		*payload = json_pack("{s:s}", "printed_by", actor);
		js_set_date(*payload, "printed_on", today);
		return 0;
	}
	return err_set(e, RD_EINVAL, "action", NULL,
		       "unknown print queue action \"%s\": use printed", action);
}

void printq_apply(json_t *st, const char *type, const json_t *p)
{
	json_object_update(st, (json_t *)p);
	json_object_set_new(st, "status", json_string(!strcmp(type, "print.printed")
						      ? "printed" : "queued"));
}
