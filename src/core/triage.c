/*
 * triage.c - mail waiting to be triaged: received, then assigned to a
 * complaint or dismissed.
 */
#include "core/triage.h"

#include <string.h>

#include "util/json.h"

int triage_check_message(const json_t *in, struct rd_err *e)
{
	const json_t *att = json_object_get(in, "attachments");
	const char *s;
	size_t i;
	json_t *x;

	if (js_need_str(in, "from", 0, NULL, &s, e))
		return -1;
	if (s && (!strchr(s, '@') || strpbrk(s, " \t\r\n<>") || strlen(s) > 254))
		return err_set(e, RD_EINVAL, "from", NULL, "\"%s\" is not an email address", s);
	if (js_need_str(in, "from_name", 0, NULL, &s, e) ||
	    js_need_str(in, "sent_at", 0, NULL, &s, e) ||
	    js_need_str(in, "message_id", 0, NULL, &s, e))
		return -1;
	if (!att || json_is_null(att))
		return 0;
	if (!json_is_array(att) || json_array_size(att) > 64)
		return err_set(e, RD_EINVAL, "attachments", NULL,
			       "attachments is a list of at most 64 file names");
	json_array_foreach(att, i, x) {
		if (!json_is_string(x) || !json_string_length(x) || json_string_length(x) > 255)
			return err_set(e, RD_EINVAL, "attachments", NULL,
				       "attachment %zu is not a file name of 1 to 255 characters", i + 1);
	}
	return 0;
}

static int need_open(const json_t *st, const char *id, const char *what,
		     struct rd_err *e)
{
	const char *s = js_str0(st, "status");

	if (!strcmp(s, "open"))
		return 0;
	if (!strcmp(s, "assigned"))
		return err_set(e, RD_ESTATE, "id", NULL,
			       "mail %s was already assigned to %s, so it cannot be %s", id,
			       js_str0(st, "complaint"), what);
	return err_set(e, RD_ESTATE, "id", NULL, "mail %s was dismissed (%s), so it cannot be %s",
		       id, js_str0(st, "reason"), what);
}

int triage_decide(const json_t *st, const char *action, const json_t *in,
		  const char *id, date_t today, json_t **payload,
		  const char **type, struct rd_err *e)
{
	const char *s;

	*payload = NULL;
	if (!strcmp(action, "receive")) {
		static const char *const keys[] = {
			"from", "from_name", "subject", "sent_at", "message_id", "text",
			"attachments", "note", NULL
		};

		if (js_only_keys(in, keys, "the mail", e) ||
		    js_need_str(in, "from", 1, NULL, &s, e) ||
		    js_need_str(in, "subject", 0, NULL, &s, e) ||
		    js_need_str(in, "text", 0, NULL, &s, e) ||
		    js_need_str(in, "note", 0, NULL, &s, e) ||
		    triage_check_message(in, e))
			return -1;
		*type = "mail.received";
		*payload = json_deep_copy(in);
		json_object_set_new(*payload, "id", json_string(id));
		js_set_date(*payload, "received_on", today);
		return 0;
	}
	if (!strcmp(action, "assign")) {
		static const char *const keys[] = { "complaint", "correspondence", NULL };
		long long n;

		if (js_only_keys(in, keys, "the assignment", e) ||
		    js_need_str(in, "complaint", 1, NULL, &s, e) ||
		    js_need_int(in, "correspondence", 1, NULL, 1, 1000000, &n, e) ||
		    need_open(st, id, "assigned", e))
			return -1;
		*type = "mail.assigned";
	} else if (!strcmp(action, "dismiss")) {
		static const char *const keys[] = { "reason", NULL };

		if (js_only_keys(in, keys, "the dismissal", e) ||
		    js_need_str(in, "reason", 1, NULL, &s, e) ||
		    need_open(st, id, "dismissed", e))
			return -1;
		*type = "mail.dismissed";
	} else {
		return err_set(e, RD_EINVAL, "action", NULL,
			       "unknown mail action \"%s\": use assign or dismiss", action);
	}
	*payload = json_deep_copy(in);
	js_set_date(*payload, "on", today);
	return 0;
}

void triage_apply(json_t *st, const char *type, const json_t *p)
{
	if (!strcmp(type, "mail.received")) {
		json_object_update(st, (json_t *)p);
		json_object_set_new(st, "status", json_string("open"));
	} else if (!strcmp(type, "mail.assigned")) {
		json_object_set_new(st, "status", json_string("assigned"));
		json_object_set(st, "complaint", json_object_get(p, "complaint"));
		json_object_set(st, "correspondence", json_object_get(p, "correspondence"));
		json_object_set(st, "assigned_on", json_object_get(p, "on"));
	} else if (!strcmp(type, "mail.dismissed")) {
		json_object_set_new(st, "status", json_string("dismissed"));
		json_object_set(st, "reason", json_object_get(p, "reason"));
		json_object_set(st, "dismissed_on", json_object_get(p, "on"));
	}
}
