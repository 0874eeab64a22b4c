/*
 * test_letters.c - every letter the Code requires, built from complaints
 * taken through the real state machine (core/complaint.c) on the England
 * and Wales calendar, with dates counted by hand:
 *
 *   received Mon 2 Nov 2026, acknowledged Wed 4 Nov: respond by Wed 18 Nov
 *   extended 10 working days on Mon 16 Nov: respond by Wed 2 Dec
 *   responded Mon 30 Nov: escalate within 20 working days, by Wed 30 Dec
 *     (25 and 28 December are bank holidays)
 *   escalated Wed 2 Dec, stage 2 acknowledged Fri 4 Dec: respond by Wed
 *     6 Jan 2027 (1 January is a bank holiday)
 *   stage 2 extended 5 working days on Mon 4 Jan 2027: by Wed 13 Jan
 *
 * The table test takes each element the Code requires away in turn, from
 * the data and from the template, and checks the letter is refused with
 * the element and the clause named.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/policy.h"
#include "letters/letters.h"
#include "util/json.h"

enum fixture { F_STAGE1, F_RESPONDED1, F_STAGE2, F_RESPONDED2, F_REFUSED,
	       F_ESC_REFUSED, F_UPDATES, F_NFIXTURES };

static calendar *cal;
static json_t *policy;
static json_t *fx[F_NFIXTURES];

static void act(json_t **st, const char *today, const char *action, const char *in)
{
	struct cmp_ctx ctx;
	struct rd_err e;
	json_error_t je;
	json_t *j = json_loads(in, 0, &je), *payload;
	const char *type;
	date_t eff;

	if (!j)
		fail_msg("bad test JSON for %s: %s", action, je.text);
	memset(&ctx, 0, sizeof(ctx));
	ctx.cal = cal;
	ctx.policy = policy;
	ctx.today = D(today);
	ctx.actor = "olu";
	ctx.role = "complaints_officer";
	ctx.reference = "CMP-2026-000001";
	if (cmp_decide(*st, action, j, &ctx, &payload, &type, &eff, &e))
		fail_msg("%s refused: %s", action, e.msg);
	if (!*st)
		*st = json_object();
	cmp_apply(*st, type, payload);
	json_decref(payload);
	json_decref(j);
}

#define NEW "{\"channel\": \"phone\", \"category\": \"repairs\", \"received_on\": \"2026-11-02\"," \
	" \"description\": \"The roof leak has not been fixed\", \"issue_date\": \"2026-08-10\"," \
	" \"complainant\": {\"name\": \"Ann Lee\", \"email\": \"ann@example.org\"," \
	" \"address\": \"2 Hill Road, Leeds, LS2 2BB\"}}"
#define ACK1 "{\"handler\": \"amy\", \"acknowledged_on\": \"2026-11-04\", \"definition\": {" \
	"\"summary\": \"The roof leak was not repaired\", \"outcomes_sought\": \"Repair and compensation\"," \
	" \"responsible\": \"Roof repairs\", \"not_responsible\": \"Damage to contents\"," \
	" \"points\": [\"The roof leak was not repaired\", \"Calls were not returned\"]}," \
	" \"triage\": {\"complex\": false, \"vulnerable\": false}}"
#define EXT1 "{\"working_days\": 10, \"reason\": \"A roofer's survey is needed\"," \
	" \"resident_informed_on\": \"2026-11-16\", \"update_interval_days\": 7}"
#define RESP1 "{\"responded_on\": \"2026-11-30\", \"decisions\": [" \
	"{\"point\": 1, \"outcome\": \"upheld\", \"reasons\": \"The repair took too long\"}," \
	" {\"point\": 2, \"outcome\": \"not_upheld\", \"reasons\": \"Our records show we called back\"}]," \
	" \"remedies\": [{\"type\": \"financial\", \"amount\": 150, \"due_on\": \"2026-12-14\"," \
	" \"description\": \"Money for the trouble caused\"}]," \
	" \"outstanding_actions\": [{\"due_on\": \"2027-01-15\", \"description\": \"Replace the roof covering\"}]}"
#define ACK2 "{\"handler\": \"bea\", \"acknowledged_on\": \"2026-12-04\", \"definition\": {" \
	"\"summary\": \"The roof is still not fixed\", \"outcomes_sought\": \"A new roof\"," \
	" \"responsible\": \"The roof\", \"not_responsible\": \"The garden wall\"}," \
	" \"triage\": {\"complex\": true, \"vulnerable\": false}}"

static int setup(void **ts)
{
	(void)ts;
	cal = cal_new(CAL_ENGLAND_WALES, NULL, 0, NULL, 0, 0);
	policy = policy_default();
	json_object_set_new(policy, "organisation", json_string("Riverside Homes"));
	json_object_set_new(policy, "phone", json_string("0300 123 4567"));
	json_object_set_new(policy, "email", json_string("complaints@riverside.example"));
	json_object_set_new(policy, "address", json_string("1 River Street, Leeds"));

	act(&fx[F_STAGE1], "2026-11-02", "new", NEW);
	act(&fx[F_STAGE1], "2026-11-04", "acknowledge", ACK1);
	act(&fx[F_STAGE1], "2026-11-16", "extend", EXT1);

	fx[F_UPDATES] = json_deep_copy(fx[F_STAGE1]);
	act(&fx[F_UPDATES], "2026-11-16", "agree-updates", "{\"interval_days\": 14}");

	fx[F_RESPONDED1] = json_deep_copy(fx[F_STAGE1]);
	act(&fx[F_RESPONDED1], "2026-11-30", "respond", RESP1);

	fx[F_STAGE2] = json_deep_copy(fx[F_RESPONDED1]);
	act(&fx[F_STAGE2], "2026-12-02", "escalate", "{}");
	act(&fx[F_STAGE2], "2026-12-04", "acknowledge", ACK2);
	act(&fx[F_STAGE2], "2027-01-04", "extend",
	    "{\"working_days\": 5, \"reason\": \"We are waiting for a structural engineer\","
	    " \"resident_informed_on\": \"2027-01-04\"}");

	fx[F_RESPONDED2] = json_deep_copy(fx[F_STAGE2]);
	act(&fx[F_RESPONDED2], "2027-01-11", "respond",
	    "{\"decisions\": [{\"point\": 1, \"outcome\": \"partly_upheld\","
	    " \"reasons\": \"The roof needs a full repair, not a new roof\"}],"
	    " \"remedies\": [{\"type\": \"apology\", \"due_on\": \"2027-01-12\","
	    " \"description\": \"We apologise for the delay\"}]}");

	act(&fx[F_REFUSED], "2026-11-02", "new", NEW);
	act(&fx[F_REFUSED], "2026-11-03", "refuse",
	    "{\"reason\": \"legal_proceedings\", \"explanation\": \"You have made a claim at court about the roof\"}");

	fx[F_ESC_REFUSED] = json_deep_copy(fx[F_RESPONDED1]);
	act(&fx[F_ESC_REFUSED], "2026-12-02", "escalate", "{}");
	act(&fx[F_ESC_REFUSED], "2026-12-03", "refuse-escalation",
	    "{\"reason\": \"already_considered\", \"explanation\": \"The Ombudsman has already decided this matter\"}");
	return 0;
}

static int teardown(void **ts)
{
	(void)ts;
	for (int i = 0; i < F_NFIXTURES; i++)
		json_decref(fx[i]);
	json_decref(policy);
	cal_free(cal);
	return 0;
}

static int build(enum fixture f, enum letter_kind k, int stage, const json_t *pol,
		 const json_t *person, const char *tmpl, int with_cal,
		 struct letter *l, struct rd_err *e)
{
	struct letter_src src;

	memset(&src, 0, sizeof(src));
	src.kind = k;
	src.stage = stage;
	src.complaint = fx[f];
	src.policy = pol ? pol : policy;
	src.person = person;
	src.cal = with_cal ? cal : NULL;
	src.today = D("2027-01-12");
	src.template_text = tmpl;
	err_clear(e);
	return letter_build(&src, l, e);
}

static char *render(const struct letter *l, enum letter_format f)
{
	struct buf out = BUF_INIT;
	struct rd_err e;

	if (letter_render(l, f, &out, &e))
		fail_msg("render: %s", e.msg);
	buf_puts(&out, "");
	return buf_detach(&out);
}

/* ---- each letter, whole, with its required content ---- */

static const struct whole {
	enum fixture f;
	enum letter_kind k;
	int stage;
	const char *has[8];	/* in the plain text (after wrapping joined) */
} wholes[] = {
	{ F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, {
		"stage 1", "The roof leak was not repaired", "Repair and compensation",
		"We are responsible for this: Roof repairs",
		"We are not responsible for this: Damage to contents",
		"by 18 November 2026", "0300 111 3000", NULL } },
	{ F_STAGE2, LETTER_ACKNOWLEDGEMENT, 2, {
		"stage 2", "The roof is still not fixed", "A new roof", "The garden wall",
		"by 6 January 2027", "This is the last stage", "0300 111 3000", NULL } },
	{ F_REFUSED, LETTER_REFUSAL, 1, {
		"Legal proceedings have started", "You have made a claim at court",
		"ask the Housing Ombudsman to look at our decision", "0300 111 3000", NULL } },
	{ F_ESC_REFUSED, LETTER_ESCALATION_REFUSAL, 2, {
		"already been considered", "The Ombudsman has already decided",
		"ask the Housing Ombudsman", "0300 111 3000", NULL } },
	{ F_STAGE1, LETTER_EXTENSION, 1, {
		"by 2 December 2026", "18 November 2026", "A roofer's survey is needed",
		"10 more working days", "update by 19 January 2027", "0300 111 3000", NULL } },
	{ F_STAGE2, LETTER_EXTENSION, 2, {
		"by 13 January 2027", "6 January 2027", "structural engineer",
		"5 more working days", "0300 111 3000", NULL } },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, {
		"stage 1", "Our decision: Upheld", "Why: The repair took too long",
		"Our decision: Not upheld", "\xc2\xa3" "150.00, by 14 December 2026",
		"Replace the roof covering, by 15 January 2027",
		"Please ask us by 30 December 2026", "phone us on 0300 123 4567" } },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, {
		"stage 2", "final answer", "Our decision: Partly upheld",
		"We apologise for the delay, by 12 January 2027",
		"Replace the roof covering", "within 12 months", "0300 111 3000", NULL } },
	{ F_UPDATES, LETTER_UPDATE, 1, {
		"We are sorry that we have not yet sent you our full answer",
		"by 2 December 2026", "every 14 days", "by 26 January 2027",
		"There are no actions still to do", "0300 111 3000", NULL } },
};

/* The text with line breaks as spaces and the wrap's indents removed. */
static char *flat(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	while (*s) {
		if (*s == '\n') {
			*o++ = ' ';
			s++;
			while (*s == ' ')
				s++;
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

static void test_whole_letters(void **ts)
{
	(void)ts;
	for (size_t i = 0; i < sizeof(wholes) / sizeof(wholes[0]); i++) {
		const struct whole *w = &wholes[i];
		struct letter l;
		struct rd_err e;
		char *text, *f;

		if (build(w->f, w->k, w->stage, NULL, NULL, NULL, 1, &l, &e))
			fail_msg("%s stage %d: %s", letter_kind_name(w->k), w->stage, e.msg);
		assert_int_equal(l.stage, w->stage);
		text = render(&l, LETTER_TEXT);
		f = flat(text);
		for (int k = 0; k < 8 && w->has[k]; k++)
			if (!strstr(f, w->has[k]))
				fail_msg("%s stage %d lacks \"%s\":\n%s", letter_kind_name(w->k),
					 w->stage, w->has[k], text);
		/* Every letter: the date, reference, greeting, Ombudsman (3.7). */
		assert_non_null(strstr(f, "Date: 12 January 2027"));
		assert_non_null(strstr(f, "Our reference: CMP-2026-000001"));
		assert_non_null(strstr(f, "Dear Ann Lee,"));
		assert_non_null(strstr(f, "Housing Ombudsman Service, PO Box 1484"));
		/* Plain English: the built-in templates meet 60 and more. */
		if (l.readability.flesch < 60 || l.below_threshold)
			fail_msg("%s stage %d reads at %.1f", letter_kind_name(w->k), w->stage,
				 l.readability.flesch);
		assert_true(l.readability.words > 50);
		free(f);
		free(text);
		letter_free(&l);
	}
}

/* ---- each required element taken away ---- */

struct gone {
	enum fixture f;
	enum letter_kind k;
	int stage;
	const char *element;	/* the field the refusal names */
	const char *clause;
	const char *take;	/* "state:PATHS", "policy:KEYS" (comma-separated),
				 * "cal", or NULL: only the template's
				 * placeholder is taken away */
};

static const struct gone gones[] = {
	{ F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, "stage", "6.2", NULL },
	{ F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, "summary", "5.6", "state:stages.0.definition.summary" },
	{ F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, "outcomes_sought", "5.6", "state:stages.0.definition.outcomes_sought" },
	{ F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, "responsible", "5.7", "state:stages.0.definition.responsible" },
	{ F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, "not_responsible", "5.7", "state:stages.0.definition.not_responsible" },
	{ F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, "respond_by", "6.3",
	  "state:stages.0.respond_by_original,stages.0.respond_by" },
	{ F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, "ombudsman_contact", "3.7", "policy:ombudsman_contact" },
	{ F_STAGE2, LETTER_ACKNOWLEDGEMENT, 2, "stage", "6.11", NULL },
	{ F_STAGE2, LETTER_ACKNOWLEDGEMENT, 2, "summary", "5.6", "state:stages.1.definition.summary" },
	{ F_STAGE2, LETTER_ACKNOWLEDGEMENT, 2, "outcomes_sought", "5.6", "state:stages.1.definition.outcomes_sought" },
	{ F_STAGE2, LETTER_ACKNOWLEDGEMENT, 2, "responsible", "5.7", "state:stages.1.definition.responsible" },
	{ F_STAGE2, LETTER_ACKNOWLEDGEMENT, 2, "not_responsible", "5.7", "state:stages.1.definition.not_responsible" },
	{ F_STAGE2, LETTER_ACKNOWLEDGEMENT, 2, "respond_by", "6.14",
	  "state:stages.1.respond_by_original,stages.1.respond_by" },
	{ F_STAGE2, LETTER_ACKNOWLEDGEMENT, 2, "ombudsman_contact", "3.7", "policy:ombudsman_contact" },
	{ F_REFUSED, LETTER_REFUSAL, 1, "reason_text", "2.4", "state:refusal.reason_text" },
	{ F_REFUSED, LETTER_REFUSAL, 1, "explanation", "2.4", "state:refusal.explanation" },
	{ F_REFUSED, LETTER_REFUSAL, 1, "ombudsman_contact", "2.4", "policy:ombudsman_contact" },
	{ F_ESC_REFUSED, LETTER_ESCALATION_REFUSAL, 2, "reason_text", "5.11", "state:escalation_refusal.reason_text" },
	{ F_ESC_REFUSED, LETTER_ESCALATION_REFUSAL, 2, "explanation", "5.11", "state:escalation_refusal.explanation" },
	{ F_ESC_REFUSED, LETTER_ESCALATION_REFUSAL, 2, "ombudsman_contact", "5.11", "policy:ombudsman_contact" },
	{ F_STAGE1, LETTER_EXTENSION, 1, "respond_by", "6.4", "state:stages.0.extensions.0.respond_by" },
	{ F_STAGE1, LETTER_EXTENSION, 1, "reason", "6.4", "state:stages.0.extensions.0.reason" },
	{ F_STAGE1, LETTER_EXTENSION, 1, "ombudsman_contact", "6.5", "policy:ombudsman_contact" },
	{ F_STAGE2, LETTER_EXTENSION, 2, "respond_by", "6.15", "state:stages.1.extensions.0.respond_by" },
	{ F_STAGE2, LETTER_EXTENSION, 2, "reason", "6.15", "state:stages.1.extensions.0.reason" },
	{ F_STAGE2, LETTER_EXTENSION, 2, "ombudsman_contact", "6.16", "policy:ombudsman_contact" },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "stage", "6.9(a)", NULL },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "summary", "6.9(b)", "state:stages.0.definition.summary" },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "decisions", "6.9(c)", "state:stages.0.decisions" },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "outcome", "6.9(c)", "state:stages.0.decisions.1.outcome" },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "reasons", "6.9(d)", "state:stages.0.decisions.0.reasons" },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "remedies", "6.9(e)", "state:remedies" },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "actions", "6.9(f)", NULL },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "escalate_by", "6.9(g)", "cal" },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "landlord_contact", "6.9(g)", "policy:phone,email,address" },
	{ F_RESPONDED1, LETTER_RESPONSE, 1, "ombudsman_contact", "3.7", "policy:ombudsman_contact" },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, "stage", "6.19(a)", NULL },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, "summary", "6.19(b)", "state:stages.1.definition.summary" },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, "decisions", "6.19(c)", "state:stages.1.decisions" },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, "outcome", "6.19(c)", "state:stages.1.decisions.0.outcome" },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, "reasons", "6.19(d)", "state:stages.1.decisions.0.reasons" },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, "remedies", "6.19(e)", "state:remedies" },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, "actions", "6.19(f)", NULL },
	{ F_RESPONDED2, LETTER_RESPONSE, 2, "ombudsman_contact", "6.19(g)", "policy:ombudsman_contact" },
	{ F_UPDATES, LETTER_UPDATE, 1, "respond_by", "5.9", "state:stages.0.respond_by" },
	{ F_UPDATES, LETTER_UPDATE, 1, "next_update", "5.9",
	  "state:update_schedule,stages.0.extensions.0.update_interval_days" },
	{ F_UPDATES, LETTER_UPDATE, 1, "actions", "6.6", NULL },
	{ F_UPDATES, LETTER_UPDATE, 1, "remedies", "7.3", NULL },
	{ F_UPDATES, LETTER_UPDATE, 1, "ombudsman_contact", "3.7", "policy:ombudsman_contact" },
};

/* Blanks the value at "a.b.0.c" ("" for text, [] for a list, null else). */
static void blank(json_t *j, const char *path)
{
	char key[64];
	const char *dot;
	json_t *parent = NULL, *v = j;

	while (path && *path) {
		dot = strchr(path, '.');
		snprintf(key, sizeof(key), "%.*s", dot ? (int)(dot - path) : (int)strlen(path), path);
		parent = v;
		v = json_is_array(v) ? json_array_get(v, (size_t)atoi(key)) : json_object_get(v, key);
		path = dot ? dot + 1 : NULL;
	}
	if (!v)
		fail_msg("nothing at %s to take away", key);
	if (json_is_array(parent))
		json_array_set_new(parent, (size_t)atoi(key), json_null());
	else
		json_object_set_new(parent, key, json_is_string(v) ? json_string("  ")
				    : json_is_array(v) ? json_array() : json_null());
}

/* The template without any tag naming "key". */
static char *without(const char *text, const char *key)
{
	const char *forms[] = { "{{%s}}", "{{{%s}}}", "{{#%s}}", "{{^%s}}", "{{/%s}}" };
	char *s = xstrdup(text);

	for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		char tag[96], *p;

		snprintf(tag, sizeof(tag), forms[f], key);
		while ((p = strstr(s, tag)))
			memmove(p, p + strlen(tag), strlen(p + strlen(tag)) + 1);
	}
	return s;
}

static void expect_refusal(const struct gone *g, int rc, const struct rd_err *e,
			   const char *field, const char *how)
{
	char want[80];

	if (rc == 0)
		fail_msg("%s stage %d without %s (%s): issued", letter_kind_name(g->k),
			 g->stage, g->element, how);
	if (e->kind != RD_ERULE || strcmp(e->field, field) || strcmp(e->clause, g->clause))
		fail_msg("%s stage %d without %s (%s): %s field %s clause %s: %s",
			 letter_kind_name(g->k), g->stage, g->element, how, err_kind_name(e->kind),
			 e->field, e->clause, e->msg);
	snprintf(want, sizeof(want), "(Code %s)", g->clause);
	if (!strstr(e->msg, want))
		fail_msg("the message does not name the clause: %s", e->msg);
}

static void test_each_element_taken_away(void **ts)
{
	(void)ts;
	for (size_t i = 0; i < sizeof(gones) / sizeof(gones[0]); i++) {
		const struct gone *g = &gones[i];
		json_t *saved = fx[g->f], *pol = json_deep_copy(policy);
		struct letter l;
		struct rd_err e;
		char field[80], *t;
		const char *name;
		int rc, with_cal = 1;

		/* From the template: the placeholder is gone. */
		if (build(g->f, g->k, g->stage, NULL, NULL, NULL, 1, &l, &e))
			fail_msg("%s stage %d: %s", letter_kind_name(g->k), g->stage, e.msg);
		name = l.template_name;
		t = without(letter_template_builtin(name), g->element);
		letter_free(&l);
		rc = build(g->f, g->k, g->stage, NULL, NULL, t, 1, &l, &e);
		snprintf(field, sizeof(field), "template.%s", g->element);
		expect_refusal(g, rc, &e, field, "from the template");
		{
			char tag[80];

			snprintf(tag, sizeof(tag), "{{%s}}", g->element);
			assert_non_null(strstr(e.msg, tag));
		}
		free(t);

		/* From the data. */
		if (!g->take) {
			json_decref(pol);
			continue;
		}
		fx[g->f] = json_deep_copy(saved);
		if (strncmp(g->take, "cal", 3)) {
			int state = !strncmp(g->take, "state:", 6);
			char keys[120], *k, *save = NULL;

			snprintf(keys, sizeof(keys), "%s", strchr(g->take, ':') + 1);
			for (k = strtok_r(keys, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
				if (state)
					blank(fx[g->f], k);
				else
					json_object_set_new(pol, k, json_string(""));
			}
		} else {
			with_cal = 0;
		}
		rc = build(g->f, g->k, g->stage, pol, NULL, NULL, with_cal, &l, &e);
		snprintf(field, sizeof(field), "%s", g->element);
		if (!strcmp(g->element, "outcome") || !strcmp(g->element, "reasons"))
			snprintf(field, sizeof(field), "decisions[%c].%s",
				 g->take[strlen(g->take) - strlen(g->element) - 2] + 1,
				 g->element);
		expect_refusal(g, rc, &e, field, "from the data");
		json_decref(fx[g->f]);
		fx[g->f] = saved;
		json_decref(pol);
	}
}

/* A remedy may be absent when nothing was upheld, and the outstanding
 * actions may be none: the letter then says so. */
static void test_rightly_empty(void **ts)
{
	json_t *saved = fx[F_RESPONDED1];
	json_t *d0, *d1;
	struct letter l;
	struct rd_err e;
	char *text, *f;

	(void)ts;
	fx[F_RESPONDED1] = json_deep_copy(saved);
	d0 = json_array_get(json_object_get(cmp_stage(fx[F_RESPONDED1], 1), "decisions"), 0);
	d1 = json_array_get(json_object_get(cmp_stage(fx[F_RESPONDED1], 1), "decisions"), 1);
	json_object_set_new(d0, "outcome", json_string("not_upheld"));
	json_object_set_new(d1, "outcome", json_string("not_upheld"));
	json_object_set_new(fx[F_RESPONDED1], "remedies", json_array());
	json_object_set_new(fx[F_RESPONDED1], "actions", json_array());
	assert_int_equal(build(F_RESPONDED1, LETTER_RESPONSE, 1, NULL, NULL, NULL, 1, &l, &e), 0);
	text = render(&l, LETTER_TEXT);
	f = flat(text);
	assert_non_null(strstr(f, "we are not offering a remedy"));
	assert_non_null(strstr(f, "There is nothing more we need to do."));
	free(f);
	free(text);
	letter_free(&l);
	json_decref(fx[F_RESPONDED1]);
	fx[F_RESPONDED1] = saved;
}

static void test_not_yet(void **ts)
{
	static const struct {
		enum fixture f;
		enum letter_kind k;
		int stage;
		enum rd_err_kind want;
		const char *msg;
	} rows[] = {
		{ F_STAGE1, LETTER_RESPONSE, 0, RD_ESTATE, "has had no response at stage 1" },
		{ F_STAGE1, LETTER_REFUSAL, 0, RD_ESTATE, "was not refused" },
		{ F_STAGE1, LETTER_ESCALATION_REFUSAL, 0, RD_EINVAL, "about stage 2" },
		{ F_RESPONDED1, LETTER_ESCALATION_REFUSAL, 2, RD_ESTATE, "has not reached stage 2" },
		{ F_REFUSED, LETTER_ACKNOWLEDGEMENT, 0, RD_ESTATE, "has not been acknowledged" },
		{ F_REFUSED, LETTER_UPDATE, 0, RD_ESTATE, "is not open" },
		{ F_RESPONDED1, LETTER_EXTENSION, 2, RD_ESTATE, "has not reached stage 2" },
		{ F_STAGE2, LETTER_REFUSAL, 2, RD_EINVAL, "about stage 1" },
		{ F_STAGE2, LETTER_RESPONSE, 3, RD_EINVAL, "stage 1 or stage 2" },
	};

	(void)ts;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct letter l;
		struct rd_err e;

		if (!build(rows[i].f, rows[i].k, rows[i].stage, NULL, NULL, NULL, 1, &l, &e))
			fail_msg("row %zu: issued", i);
		if (e.kind != rows[i].want || !strstr(e.msg, rows[i].msg))
			fail_msg("row %zu: %s: %s", i, err_kind_name(e.kind), e.msg);
	}
}

/* ---- who it goes to, and their adjustments ---- */

static void test_recipient(void **ts)
{
	json_t *saved = fx[F_STAGE1];
	struct letter l;
	struct rd_err e;
	char *text, *f;

	(void)ts;
	/* A representative without consent is not written to (3.6). */
	fx[F_STAGE1] = json_deep_copy(saved);
	json_object_set_new(fx[F_STAGE1], "representative",
			    json_pack("{s:s, s:s}", "name", "Rob Rep", "address", "9 Law Street"));
	assert_int_equal(build(F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, NULL, NULL, NULL, 1, &l, &e), 0);
	assert_string_equal(json_string_value(json_object_get(l.data, "recipient_name")), "Ann Lee");
	letter_free(&l);
	/* With consent, the letter goes to the representative. */
	json_object_set_new(json_object_get(fx[F_STAGE1], "representative"), "consent_on",
			    json_string("2026-11-02"));
	assert_int_equal(build(F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, NULL, NULL, NULL, 1, &l, &e), 0);
	text = render(&l, LETTER_TEXT);
	f = flat(text);
	assert_non_null(strstr(f, "Dear Rob Rep,"));
	assert_non_null(strstr(f, "Rob Rep 9 Law Street"));
	assert_non_null(strstr(f, "because Ann Lee has asked you to act for them"));
	free(f);
	free(text);
	letter_free(&l);
	/* A petition: the first signer (no representative). */
	json_object_del(fx[F_STAGE1], "representative");
	json_object_set_new(fx[F_STAGE1], "signers", json_pack("[{s:s}, {s:s}]",
			    "name", "Sam First", "name", "Tia Second"));
	assert_int_equal(build(F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, NULL, NULL, NULL, 1, &l, &e), 0);
	text = render(&l, LETTER_TEXT);
	assert_non_null(strstr(text, "Dear Sam First,"));
	assert_null(strstr(text, "Tia Second"));
	free(text);
	letter_free(&l);
	json_decref(fx[F_STAGE1]);
	fx[F_STAGE1] = saved;
}

static void test_preferences(void **ts)
{
	json_t *large = json_pack("{s:s, s:s}", "format", "large_print", "language", "Polish");
	json_t *plain = json_pack("{s:s, s:s}", "format", "plain_text", "language", "English");
	struct letter l;
	struct rd_err e;
	struct buf out = BUF_INIT;
	char *text, *html, *f;

	(void)ts;
	assert_int_equal(build(F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, NULL, large, NULL, 1, &l, &e), 0);
	assert_true(l.large_print);
	assert_string_equal(l.language, "Polish");
	text = render(&l, LETTER_TEXT);
	f = flat(text);
	assert_non_null(strstr(f, "You told us you prefer Polish. Please tell us if you would like this letter in Polish."));
	html = render(&l, LETTER_HTML);
	assert_non_null(strstr(html, "font-size:16pt"));
	free(html);
	free(f);
	free(text);
	letter_free(&l);

	assert_int_equal(build(F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, NULL, plain, NULL, 1, &l, &e), 0);
	assert_true(l.plain_text_only);
	assert_string_equal(l.language, "");	/* English needs no note */
	assert_int_equal(letter_render(&l, LETTER_HTML, &out, &e), -1);
	assert_string_equal(e.clause, "5.10");
	assert_int_equal(letter_render(&l, LETTER_PDF, &out, &e), -1);
	assert_int_equal(out.len, 0);
	text = render(&l, LETTER_TEXT);
	assert_null(strstr(text, "You told us you prefer"));
	free(text);
	letter_free(&l);
	json_decref(large);
	json_decref(plain);
}

/* ---- staff conduct: no employment matters, no names ---- */

static void test_staff_conduct(void **ts)
{
	json_t *saved = fx[F_RESPONDED1], *def;
	struct letter l;
	struct rd_err e;
	char *text, *html, *f;

	(void)ts;
	fx[F_RESPONDED1] = json_deep_copy(saved);
	json_object_set_new(fx[F_RESPONDED1], "subject", json_pack("{s:s, s:s, s:s}",
			    "kind", "staff", "name", "Dan Smith", "user", "dsmith"));
	json_object_set_new(json_object_get(fx[F_RESPONDED1], "flags"), "staff_conduct", json_true());
	def = json_object_get(cmp_stage(fx[F_RESPONDED1], 1), "definition");
	json_object_set_new(def, "summary", json_string("Dan Smith was rude, and dsmith then hung up. Mr smith never called back."));
	json_object_set_new(json_array_get(json_object_get(cmp_stage(fx[F_RESPONDED1], 1), "decisions"), 0),
			    "reasons", json_string("DAN SMITH has been spoken to; Dangerous words were used"));
	assert_int_equal(build(F_RESPONDED1, LETTER_RESPONSE, 1, NULL, NULL, NULL, 1, &l, &e), 0);
	text = render(&l, LETTER_TEXT);
	html = render(&l, LETTER_HTML);
	f = flat(text);
	assert_null(strstr(f, "Dan "));
	assert_null(strstr(f, "Smith"));
	assert_null(strstr(f, "smith"));
	assert_null(strstr(f, "SMITH"));
	assert_null(strstr(html, "Smith"));
	assert_non_null(strstr(f, "the member of staff was rude, and the member of staff then hung up."));
	assert_non_null(strstr(f, "Mr the member of staff never"));
	/* whole words only: "Dangerous" stays */
	assert_non_null(strstr(f, "Dangerous words"));
	assert_non_null(strstr(f, "We cannot tell you about any action we take about a member of staff. "
			       "That is a private matter between them and us as their employer."));
	free(f);
	free(html);
	free(text);
	letter_free(&l);
	json_decref(fx[F_RESPONDED1]);
	fx[F_RESPONDED1] = saved;
}

/* ---- formats ---- */

static void test_html_escapes(void **ts)
{
	json_t *saved = fx[F_STAGE1];
	struct letter l;
	struct rd_err e;
	char *html, *text, *f;

	(void)ts;
	fx[F_STAGE1] = json_deep_copy(saved);
	json_object_set_new(json_object_get(cmp_stage(fx[F_STAGE1], 1), "definition"), "summary",
			    json_string("<script>alert(1)</script> & \"quotes\""));
	assert_int_equal(build(F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, NULL, NULL, NULL, 1, &l, &e), 0);
	html = render(&l, LETTER_HTML);
	assert_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
	assert_non_null(strstr(html, "<!DOCTYPE html>"));
	assert_non_null(strstr(html, "<title>We have your complaint</title>"));
	assert_non_null(strstr(html, "<h2 style=\"font-size:1.2em;margin:1.2em 0 0.3em\">What you want us to do</h2>"));
	assert_non_null(strstr(html, "<li>Calls were not returned</li>"));
	assert_non_null(strstr(html, "font-size:12pt"));
	text = render(&l, LETTER_TEXT);
	f = flat(text);
	assert_non_null(strstr(f, "<script>alert(1)</script> & \"quotes\""));
	free(f);
	free(text);
	free(html);
	letter_free(&l);
	json_decref(fx[F_STAGE1]);
	fx[F_STAGE1] = saved;
}

static void test_readability_threshold(void **ts)
{
	json_t *pol = json_deep_copy(policy);
	struct letter l;
	struct rd_err e;

	(void)ts;
	json_object_set_new(pol, "readability_threshold", json_integer(99));
	assert_int_equal(build(F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, pol, NULL, NULL, 1, &l, &e), 0);
	assert_int_equal(l.threshold, 99);
	assert_true(l.below_threshold);
	letter_free(&l);
	/* A template of long words and one long sentence reads badly. */
	assert_int_equal(build(F_STAGE1, LETTER_ACKNOWLEDGEMENT, 1, NULL, NULL,
			       "# Acknowledgement\nNotwithstanding the aforementioned considerations, "
			       "the organisation's determination regarding {{summary}} {{outcomes_sought}} "
			       "{{responsible}} {{not_responsible}} {{respond_by}} {{stage}} "
			       "{{ombudsman_contact}} necessitates comprehensive investigation "
			       "incorporating multidisciplinary consultation", 1, &l, &e), 0);
	assert_true(l.readability.flesch < 40);
	assert_true(l.below_threshold);
	letter_free(&l);
	json_decref(pol);
}

static void test_template_check(void **ts)
{
	struct rd_err e;
	char *t;

	(void)ts;
	for (int i = 0; letter_template_names[i]; i++) {
		const char *b = letter_template_builtin(letter_template_names[i]);

		assert_non_null(b);
		if (letter_template_check(letter_template_names[i], b, &e))
			fail_msg("built-in %s: %s", letter_template_names[i], e.msg);
	}
	t = without(letter_template_builtin("response-stage2"), "remedies");
	assert_int_equal(letter_template_check("response-stage2", t, &e), -1);
	assert_string_equal(e.field, "template.remedies");
	assert_string_equal(e.clause, "6.19(e)");
	free(t);
	/* The acknowledgement serves both stages: both are checked. */
	t = without(letter_template_builtin("acknowledgement"), "respond_by");
	assert_int_equal(letter_template_check("acknowledgement", t, &e), -1);
	assert_string_equal(e.clause, "6.3");
	free(t);
	assert_int_equal(letter_template_check("acknowledgement", "{{#x}}", &e), -1);
	assert_string_equal(e.field, "template");
	assert_int_equal(letter_template_check("nonsense", "x", &e), -1);
	assert_int_equal(e.kind, RD_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_letters),
		cmocka_unit_test(test_each_element_taken_away),
		cmocka_unit_test(test_rightly_empty),
		cmocka_unit_test(test_not_yet),
		cmocka_unit_test(test_recipient),
		cmocka_unit_test(test_preferences),
		cmocka_unit_test(test_staff_conduct),
		cmocka_unit_test(test_html_escapes),
		cmocka_unit_test(test_readability_threshold),
		cmocka_unit_test(test_template_check),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
