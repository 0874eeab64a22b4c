/*
 * code.c - the email that carries a resident's one-time code for
 * following their complaint online.
 */
#include "letters/letters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "letters/parts.h"
#include "util/json.h"

int letter_send_track_code(struct rec *r, const char *to, const char *name,
			   const char *ref, const char *code, struct rd_err *e)
{
	const char *url = getenv("REDRESS_SMTP_URL"), *from = js_str0(r->policy, "email");
	const char *org = js_str0(r->policy, "organisation");
	char text[1024], subject[160], id[200];
	struct letter_mail m;

	if (!url || !*url)
		return err_set(e, RD_EINVAL, "smtp", NULL,
			       "no mail server to send by: set REDRESS_SMTP_URL (smtp://host:port)");
	if (!strchr(from, '@'))
		return err_set(e, RD_EINVAL, "email", NULL,
			       "the policy has no email for the code to come from");
	snprintf(subject, sizeof(subject), "Your code to follow complaint %s", ref);
	snprintf(text, sizeof(text),
		 "Dear %s,\n\n"
		 "Your code to follow your complaint %s online is:\n\n"
		 "    %s\n\n"
		 "It works once, for 15 minutes. If you did not ask for it, you can ignore this email.\n\n"
		 "%s\n",
		 name && *name ? name : "resident", ref, code, org);
	snprintf(id, sizeof(id), "<track.%s.%u@%s>", ref, (unsigned)randombytes_random(),
		 strchr(from, '@') + 1);
	memset(&m, 0, sizeof(m));
	m.url = url;
	m.from = from;
	m.from_name = org;
	m.to = to;
	m.to_name = name;
	m.subject = subject;
	m.message_id = id;
	m.text = text;
	return letter_smtp_send(&m, e);
}
