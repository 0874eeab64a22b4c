/*
 * letters.h - every letter the Complaint Handling Code requires, made
 * from the complaint's structured data.
 *
 * A letter is built in two steps.  letter_build() turns the complaint's
 * state (with the landlord's policy, the recipient's preferences and the
 * template) into the template's data, and REFUSES when anything the Code
 * requires the letter to say is empty, or when the template no longer
 * contains the placeholder that says it: the error names the element and
 * the clause.  letter_render() then writes the letter as plain text, an
 * HTML email body or an A4 PDF.
 *
 * Kinds and what each must say (Code 2024 clauses):
 *   acknowledgement      stage 1 or 2: the stage (6.2, 6.11), the
 *                        definition and the outcomes sought (5.6), what the
 *                        landlord is and is not responsible for (5.7), the
 *                        date of the response (6.3, 6.14)
 *   refusal              the reason and explanation, and the right to take
 *                        the decision to the Housing Ombudsman (2.4)
 *   escalation-refusal   the same for a refused stage 2 request (5.11)
 *   extension            the new date and the reason (6.4, 6.15) and the
 *                        Ombudsman's contact details (6.5, 6.16)
 *   response             stage 1: 6.9 (a)-(g), (g) how to escalate to
 *                        stage 2; stage 2: 6.19 (a)-(g), (g) how to go to
 *                        the Housing Ombudsman
 *   update               the position, the date of the response while the
 *                        stage is open, and the next update at the interval
 *                        agreed with the resident (5.9); outstanding
 *                        actions (6.6) and remedies (7.3)
 * Every letter tells the resident how to contact the Housing Ombudsman
 * (3.7).
 *
 * A complaint received before 1 April 2024 is under the 2022 Code: its
 * letters are checked against the same elements, and a refusal cites the
 * 2022 clauses (4.1, 4.2, 5.1, 5.8, 5.16, ...).  Where the landlord's
 * policy has three stages (2022 Code 5.17) the stage 2 response tells the
 * resident how to ask for stage 3, and the stage 3 response is the final
 * one (5.20).
 *
 * Letters go to the representative when one is recorded with the
 * resident's consent (3.6), else to the first signer of a petition, else
 * to the complainant.  The recipient's recorded format is honoured: large
 * print (16 pt and larger), plain text only (HTML and PDF are refused),
 * easy read (every sentence on a line of its own, one idea each, in 16 pt
 * type), and a preferred language is noted on the letter.  On a staff conduct
 * complaint the letter says that outcomes about staff are not shared, and
 * the name of the person complained about never appears: it is replaced
 * in every field the letter prints.
 *
 * Built-in templates are web/templates/letters/NAME.tmpl (compiled in);
 * an administrator can override one per landlord (letter_template_set).
 */
#ifndef REDRESS_LETTERS_LETTERS_H
#define REDRESS_LETTERS_LETTERS_H

#include <jansson.h>

#include "core/calendar.h"
#include "render/readability.h"
#include "store/record.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"

enum letter_kind {
	LETTER_ACKNOWLEDGEMENT,
	LETTER_REFUSAL,
	LETTER_EXTENSION,
	LETTER_RESPONSE,
	LETTER_ESCALATION_REFUSAL,
	LETTER_UPDATE,
	LETTER_NKINDS
};

enum letter_format { LETTER_TEXT, LETTER_HTML, LETTER_PDF };

/* "acknowledgement", ... as the command line names them. */
const char *letter_kind_name(enum letter_kind k);
int letter_kind_parse(const char *s, enum letter_kind *k, struct rd_err *e);
int letter_format_parse(const char *s, enum letter_format *f,
			struct rd_err *e);

/* What a letter is made from; no store needed. */
struct letter_src {
	enum letter_kind kind;
	int stage;			/* 0: the complaint's current stage */
	const json_t *complaint;	/* the complaint's state */
	const json_t *policy;		/* the landlord's policy */
	const json_t *person;		/* the recipient's person record, or NULL */
	const calendar *cal;		/* working days (the escalation date) */
	date_t today;			/* the letter's date */
	const char *template_text;	/* NULL: the built-in template */
};

struct letter {
	enum letter_kind kind;
	int stage;
	char template_name[32];		/* "response-stage1", ... */
	char title[160];		/* "Our response to your complaint" */
	json_t *data;			/* what the template is rendered with */
	char *template_text;
	int code_version;		/* 2022 or 2024: the clauses cited */
	int final_stage;		/* 2, or 3 (2022 Code with three stages) */
	int large_print, plain_text_only, easy_read;
	char language[64];		/* "" for English */
	char method[16];		/* the recipient's preference: "email", ... */
	char email[256];		/* the recipient's email address, or "" */
	struct readability readability;	/* of the letter's text */
	int threshold;			/* the landlord's readability_threshold */
	int below_threshold;		/* readability.flesch < threshold */
};

/* Builds the letter or refuses (RD_ESTATE when the case has not reached
 * the point the letter is about, RD_ERULE naming the missing element and
 * its clause).  On success the caller frees "l" with letter_free(). */
int letter_build(const struct letter_src *src, struct letter *l,
		 struct rd_err *e);
void letter_free(struct letter *l);

/* Appends the letter in "f" to "out".  HTML and PDF are refused
 * (RD_ERULE, 5.10) when the recipient asked for plain text only. */
int letter_render(const struct letter *l, enum letter_format f,
		  struct buf *out, struct rd_err *e);

/* Loads complaint "ref", its recipient and any template override from
 * the landlord "r" and builds the letter (staff roles only). */
int letter_make(struct rec *r, const char *ref, enum letter_kind kind,
		int stage, struct letter *l, struct rd_err *e);

/* ---- delivery ---- */

struct letter_delivery {
	char method[16];		/* "email" or "post" */
	char to[512];			/* the address, or the print queue's file */
	char message_id[160];		/* the email's Message-ID */
	int correspondence;		/* its id in the case's correspondence */
	char print_id[16];		/* by post: its print queue item, Q-NNNNNN */
};

/*
 * Issues letter "l" of complaint l->data.reference.  By email when the
 * recipient prefers email (or has no preference and an email address):
 * over SMTP to the server at REDRESS_SMTP_URL ("smtp://host:port"), from
 * the policy's email, with the text and HTML and the PDF attached (only
 * the text for plain text only).  Otherwise by post: the PDF (or the text)
 * is written to the print queue, the directory REDRESS_PRINT_QUEUE
 * (default "print-queue"), and listed as an item of the print queue
 * ("print:Q-NNNNNN", core/printq.h) until someone marks it printed.
 * Either way the letter is recorded on the case
 * as correspondence with its exact text, in the same transaction: when
 * the letter cannot go, nothing is recorded.
 */
int letter_send(struct rec *r, const struct letter *l,
		struct letter_delivery *d, struct rd_err *e);

/* Emails "to" the one-time code "code" for following complaint "ref"
 * online (/track), over REDRESS_SMTP_URL from the policy's email. */
int letter_send_track_code(struct rec *r, const char *to, const char *name,
			   const char *ref, const char *code, struct rd_err *e);
/* The print queue's letters with "status" (queued, printed; NULL all),
 * oldest first: "*out" (new reference) is an array of their states
 * (core/printq.h).  Marking one printed is rec_print(..., "printed"). */
int letter_queue_list(struct rec *r, const char *status, json_t **out,
		      struct rd_err *e);

/* ---- reminders to staff ---- */

/*
 * What is due by "days" working days from today, and overdue, for each
 * handler, complaints officer and senior lead: "*out" (new reference) is
 * [{"user", "display_name", "role", "email", "complaints": [{"reference",
 * "what", "due_on", "overdue"}], "items": [...] (actions and remedies),
 * "reviews": [...] (person_reviews_due), "overdue", "due", "subject",
 * "text"}].
 */
int letter_reminders(struct rec *r, int days, json_t **out, struct rd_err *e);

/* Emails each digest with something due to its user's email address
 * over REDRESS_SMTP_URL; "*sent" says how many went. */
int letter_reminders_send(struct rec *r, const json_t *digests, int *sent,
			  struct rd_err *e);

/* ---- templates ---- */

/* The template names (NULL-terminated): acknowledgement, refusal,
 * escalation-refusal, extension, response-stage1 (every response but the
 * last), response-stage2 (the final response), response-stage3 (the final
 * response at a 2022-Code third stage), update. */
extern const char *const letter_template_names[];

/* The built-in text of template "name", or NULL. */
const char *letter_template_builtin(const char *name);

/* Checks "text" as template "name": it must parse and contain every
 * placeholder the Code requires of that letter. */
int letter_template_check(const char *name, const char *text,
			  struct rd_err *e);

/* The landlord's template "name" (new string): the override if there is
 * one ("*overridden" set to 1), else the built-in. */
char *letter_template_get(struct rec *r, const char *name, int *overridden,
			  struct rd_err *e);

/* Checks and stores an override (admin role); "text" NULL goes back to
 * the built-in. */
int letter_template_set(struct rec *r, const char *name, const char *text,
			struct rd_err *e);

#endif
