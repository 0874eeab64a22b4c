/*
 * elements.c - what each letter must say, by the Code's clauses, and the
 * checks that refuse a letter (or a template) without it.
 *
 * An element is a key of the template's data and the placeholder that
 * prints it.  The template must always contain the placeholder; the data
 * must have a value when the element says so (some elements are derived
 * and always present, and a list such as the outstanding actions may be
 * rightly empty: the template then says there are none).
 */
#include "letters/parts.h"

#include <stdio.h>
#include <string.h>

#include "util/json.h"

enum {
	F_DATA = 1,	/* the data must have a value */
	F_UPHELD = 2,	/* ... when any point was upheld (in whole or part) */
	F_OPEN = 4,	/* ... while the stage awaits its response */
	F_EACH = 8	/* every item of "decisions" must have it */
};

struct element {
	const char *key;	/* data key and placeholder */
	const char *what;	/* in words */
	const char *clause;
	int flags;
};

#define END { NULL, NULL, NULL, 0 }
#define OMBUDSMAN "how to contact the Housing Ombudsman"

static const struct element ack1[] = {
	{ "stage", "the stage of the complaint", "6.2", 0 },
	{ "summary", "the complaint definition", "5.6", F_DATA },
	{ "outcomes_sought", "the outcomes the resident wants", "5.6", F_DATA },
	{ "responsible", "what the landlord is responsible for", "5.7", F_DATA },
	{ "not_responsible", "what the landlord is not responsible for", "5.7", F_DATA },
	{ "respond_by", "the date of the response", "6.3", F_DATA },
	{ "ombudsman_contact", OMBUDSMAN, "3.7", F_DATA },
	END
};

static const struct element ack2[] = {
	{ "stage", "the stage of the complaint", "6.11", 0 },
	{ "summary", "the complaint definition", "5.6", F_DATA },
	{ "outcomes_sought", "the outcomes the resident wants", "5.6", F_DATA },
	{ "responsible", "what the landlord is responsible for", "5.7", F_DATA },
	{ "not_responsible", "what the landlord is not responsible for", "5.7", F_DATA },
	{ "respond_by", "the date of the response", "6.14", F_DATA },
	{ "ombudsman_contact", OMBUDSMAN, "3.7", F_DATA },
	END
};

static const struct element refusal[] = {
	{ "reason_text", "the reason the complaint was not accepted", "2.4", F_DATA },
	{ "explanation", "the explanation of the decision", "2.4", F_DATA },
	{ "ombudsman_contact",
	  "the right to take the decision to the Housing Ombudsman and how", "2.4", F_DATA },
	END
};

static const struct element esc_refusal[] = {
	{ "reason_text", "the reason stage 2 was refused", "5.11", F_DATA },
	{ "explanation", "the explanation of the decision", "5.11", F_DATA },
	{ "ombudsman_contact",
	  "the right to take the decision to the Housing Ombudsman and how", "5.11", F_DATA },
	END
};

static const struct element ext1[] = {
	{ "respond_by", "the new date of the response", "6.4", F_DATA },
	{ "reason", "the reason for the extension", "6.4", F_DATA },
	{ "ombudsman_contact", "the Housing Ombudsman's contact details", "6.5", F_DATA },
	END
};

static const struct element ext2[] = {
	{ "respond_by", "the new date of the response", "6.15", F_DATA },
	{ "reason", "the reason for the extension", "6.15", F_DATA },
	{ "ombudsman_contact", "the Housing Ombudsman's contact details", "6.16", F_DATA },
	END
};

static const struct element resp1[] = {
	{ "stage", "the complaint stage", "6.9(a)", 0 },
	{ "summary", "the complaint definition", "6.9(b)", F_DATA },
	{ "decisions", "the decision on the complaint", "6.9(c)", F_DATA },
	{ "outcome", "the decision on each point", "6.9(c)", F_EACH },
	{ "reasons", "the reasons for each decision", "6.9(d)", F_EACH },
	{ "remedies", "the remedy offered to put things right", "6.9(e)", F_UPHELD },
	{ "actions", "the actions still outstanding", "6.9(f)", 0 },
	{ "escalate_by", "how (and by when) to escalate to stage 2", "6.9(g)", F_DATA },
	{ "landlord_contact", "how to contact the landlord to escalate", "6.9(g)", F_DATA },
	{ "ombudsman_contact", OMBUDSMAN, "3.7", F_DATA },
	END
};

static const struct element resp2[] = {
	{ "stage", "the complaint stage", "6.19(a)", 0 },
	{ "summary", "the complaint definition", "6.19(b)", F_DATA },
	{ "decisions", "the decision on the complaint", "6.19(c)", F_DATA },
	{ "outcome", "the decision on each point", "6.19(c)", F_EACH },
	{ "reasons", "the reasons for each decision", "6.19(d)", F_EACH },
	{ "remedies", "the remedy offered to put things right", "6.19(e)", F_UPHELD },
	{ "actions", "the actions still outstanding", "6.19(f)", 0 },
	{ "ombudsman_contact", "how to escalate to the Housing Ombudsman", "6.19(g)", F_DATA },
	END
};

static const struct element update[] = {
	{ "respond_by", "the date of the response", "5.9", F_OPEN },
	{ "next_update", "when the next update will come, at the interval agreed", "5.9", F_DATA },
	{ "actions", "the actions still outstanding", "6.6", 0 },
	{ "remedies", "the remedies still to be completed", "7.3", 0 },
	{ "ombudsman_contact", OMBUDSMAN, "3.7", F_DATA },
	END
};

/*
 * The same letters under the 2022 Code, for complaints received before 1
 * April 2024: its clause numbers, and a third stage where the landlord's
 * policy has one (5.17-5.20).  The 2022 Code has no clause per element
 * of a response: 5.8 (stage 1), 5.16 (stage 2) and 5.20 (stage 3) each
 * require the whole.
 */
#define OMB22 "2.8"

static const struct element ack1_22[] = {
	{ "stage", "the stage of the complaint", "4.1", 0 },
	{ "summary", "the complaint definition", "4.2", F_DATA },
	{ "outcomes_sought", "the outcomes the resident wants", "4.2", F_DATA },
	{ "responsible", "what the landlord is responsible for", "4.2", F_DATA },
	{ "not_responsible", "what the landlord is not responsible for", "4.2", F_DATA },
	{ "respond_by", "the date of the response", "5.1", F_DATA },
	{ "ombudsman_contact", OMBUDSMAN, OMB22, F_DATA },
	END
};

static const struct element ack2_22[] = {
	{ "stage", "the stage of the complaint", "5.10", 0 },
	{ "summary", "the understanding of the complaint", "5.10", F_DATA },
	{ "outcomes_sought", "the outcomes the resident wants", "5.10", F_DATA },
	{ "responsible", "what the landlord is responsible for", "5.10", F_DATA },
	{ "not_responsible", "what the landlord is not responsible for", "5.10", F_DATA },
	{ "respond_by", "the date of the response", "5.13", F_DATA },
	{ "ombudsman_contact", OMBUDSMAN, OMB22, F_DATA },
	END
};

static const struct element ack3_22[] = {
	{ "stage", "the stage of the complaint", "5.18", 0 },
	{ "summary", "the understanding of the complaint", "5.10", F_DATA },
	{ "outcomes_sought", "the outcomes the resident wants", "5.10", F_DATA },
	{ "responsible", "what the landlord is responsible for", "5.10", F_DATA },
	{ "not_responsible", "what the landlord is not responsible for", "5.10", F_DATA },
	{ "respond_by", "the date of the response", "5.18", F_DATA },
	{ "ombudsman_contact", OMBUDSMAN, OMB22, F_DATA },
	END
};

static const struct element refusal_22[] = {
	{ "reason_text", "the reason the complaint was not accepted", "1.9", F_DATA },
	{ "explanation", "the explanation of the decision", "1.9", F_DATA },
	{ "ombudsman_contact",
	  "the right to take the decision to the Housing Ombudsman and how", "1.9", F_DATA },
	END
};

static const struct element esc_refusal_22[] = {
	{ "reason_text", "the reason the next stage was refused", "5.9", F_DATA },
	{ "explanation", "the explanation of the decision", "5.9", F_DATA },
	{ "ombudsman_contact",
	  "the right to take the decision to the Housing Ombudsman and how", "5.9", F_DATA },
	END
};

static const struct element ext1_22[] = {
	{ "respond_by", "the new date of the response", "5.1", F_DATA },
	{ "reason", "the reason for the extension", "5.1", F_DATA },
	{ "ombudsman_contact", "the Housing Ombudsman's contact details", "5.3", F_DATA },
	END
};

static const struct element ext2_22[] = {
	{ "respond_by", "the new date of the response", "5.13", F_DATA },
	{ "reason", "the reason for the extension", "5.13", F_DATA },
	{ "ombudsman_contact", "the Housing Ombudsman's contact details", "5.15", F_DATA },
	END
};

static const struct element ext3_22[] = {
	{ "respond_by", "the new date of the response", "5.18", F_DATA },
	{ "reason", "the reason for the extension", "5.18", F_DATA },
	{ "ombudsman_contact", "the Housing Ombudsman's contact details", "5.19", F_DATA },
	END
};

/* A response that is not the last: how to go on to the next stage. */
#define RESPONSE_22(c) \
	{ "stage", "the complaint stage", c, 0 }, \
	{ "summary", "the complaint definition", c, F_DATA }, \
	{ "decisions", "the decision on the complaint", c, F_DATA }, \
	{ "outcome", "the decision on each point", c, F_EACH }, \
	{ "reasons", "the reasons for each decision", c, F_EACH }, \
	{ "remedies", "the remedy offered to put things right", c, F_UPHELD }, \
	{ "actions", "the actions still outstanding", c, 0 }

static const struct element resp1_22[] = {
	RESPONSE_22("5.8"),
	{ "escalate_by", "how (and by when) to escalate to the next stage", "5.8", F_DATA },
	{ "landlord_contact", "how to contact the landlord to escalate", "5.8", F_DATA },
	{ "ombudsman_contact", OMBUDSMAN, OMB22, F_DATA },
	END
};

static const struct element resp_mid_22[] = {
	RESPONSE_22("5.16"),
	{ "escalate_by", "how (and by when) to escalate to stage 3", "5.16", F_DATA },
	{ "landlord_contact", "how to contact the landlord to escalate", "5.16", F_DATA },
	{ "ombudsman_contact", OMBUDSMAN, OMB22, F_DATA },
	END
};

static const struct element resp2_22[] = {
	RESPONSE_22("5.16"),
	{ "ombudsman_contact", "how to escalate to the Housing Ombudsman", "5.16", F_DATA },
	END
};

static const struct element resp3_22[] = {
	RESPONSE_22("5.20"),
	{ "ombudsman_contact", "how to escalate to the Housing Ombudsman", "5.20", F_DATA },
	END
};

static const struct element update_22[] = {
	{ "respond_by", "the date of the response", "5.5", F_OPEN },
	{ "next_update", "when the next update will come, at the interval agreed", "5.5", F_DATA },
	{ "actions", "the actions still outstanding", "5.5", 0 },
	{ "remedies", "the remedies still to be completed", "6.1", 0 },
	{ "ombudsman_contact", OMBUDSMAN, OMB22, F_DATA },
	END
};

static const struct {
	const char *name;
	int version;		/* 2022 or 2024 */
	int stage;		/* 0: any */
	const struct element *el;
} tables[] = {
	{ "acknowledgement", 2024, 1, ack1 },
	{ "acknowledgement", 2024, 2, ack2 },
	{ "refusal", 2024, 0, refusal },
	{ "escalation-refusal", 2024, 0, esc_refusal },
	{ "extension", 2024, 1, ext1 },
	{ "extension", 2024, 2, ext2 },
	{ "response-stage1", 2024, 0, resp1 },
	{ "response-stage2", 2024, 0, resp2 },
	{ "update", 2024, 0, update },
	{ "acknowledgement", 2022, 1, ack1_22 },
	{ "acknowledgement", 2022, 2, ack2_22 },
	{ "acknowledgement", 2022, 3, ack3_22 },
	{ "refusal", 2022, 0, refusal_22 },
	{ "escalation-refusal", 2022, 0, esc_refusal_22 },
	{ "extension", 2022, 1, ext1_22 },
	{ "extension", 2022, 2, ext2_22 },
	{ "extension", 2022, 3, ext3_22 },
	{ "response-stage1", 2022, 1, resp1_22 },
	{ "response-stage1", 2022, 2, resp_mid_22 },
	{ "response-stage2", 2022, 0, resp2_22 },
	{ "response-stage3", 2022, 0, resp3_22 },
	{ "update", 2022, 0, update_22 },
};

#define NTABLES (sizeof(tables) / sizeof(tables[0]))

static const struct element *elements(const char *name, int stage, int version)
{
	for (size_t i = 0; i < NTABLES; i++)
		if (!strcmp(tables[i].name, name) && tables[i].version == version &&
		    (!tables[i].stage || tables[i].stage == stage))
			return tables[i].el;
	return NULL;
}

static int present(const json_t *v)
{
	if (json_is_string(v)) {
		const char *s = json_string_value(v);

		return s[strspn(s, " \t\r\n")] != '\0';
	}
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return v && !json_is_null(v) && !json_is_false(v);
}

static int missing(const struct letter *l, const struct element *el,
		   const char *field, struct rd_err *e)
{
	char what[120];

	letter_describe(l->kind, l->stage, l->final_stage, what, sizeof(what));
	return err_set(e, RD_ERULE, field, el->clause,
		       "cannot issue %s for %s: %s (%s) is empty, and the Code requires the letter to say it (Code %s)",
		       what, js_str0(l->data, "reference"), el->what, field, el->clause);
}

int letter_check_data(const struct letter *l, struct rd_err *e)
{
	const struct element *el = elements(l->template_name, l->stage, l->code_version);
	const json_t *d = l->data;

	for (; el && el->key; el++) {
		if ((el->flags & F_DATA) && !present(json_object_get(d, el->key)))
			return missing(l, el, el->key, e);
		if ((el->flags & F_UPHELD) && js_true(d, "upheld") &&
		    !present(json_object_get(d, el->key)))
			return missing(l, el, el->key, e);
		if ((el->flags & F_OPEN) && !js_true(d, "responded") &&
		    !present(json_object_get(d, el->key)))
			return missing(l, el, el->key, e);
		if (el->flags & F_EACH) {
			size_t i;
			json_t *x;
			char field[64];

			json_array_foreach(json_object_get(d, "decisions"), i, x) {
				if (!present(json_object_get(x, el->key))) {
					snprintf(field, sizeof(field), "decisions[%zu].%s", i + 1, el->key);
					return missing(l, el, field, e);
				}
			}
		}
	}
	return 0;
}

static int check_one(const char *name, const struct element *el,
		     const tpl *t, const char *what, const char *ref,
		     struct rd_err *e)
{
	char field[64];

	for (; el && el->key; el++) {
		if (tpl_uses(t, el->key))
			continue;
		snprintf(field, sizeof(field), "template.%s", el->key);
		if (what)
			return err_set(e, RD_ERULE, field, el->clause,
				       "cannot issue %s for %s: the template \"%s\" no longer contains {{%s}}, %s, which the Code requires (Code %s)",
				       what, ref ? ref : "the complaint", name, el->key,
				       el->what, el->clause);
		return err_set(e, RD_ERULE, field, el->clause,
			       "the template \"%s\" must contain {{%s}}, %s, which the Code requires the letter to say (Code %s)",
			       name, el->key, el->what, el->clause);
	}
	return 0;
}

int letter_check_template(const char *name, const tpl *t, int stage,
			  int version, const char *what, const char *ref,
			  struct rd_err *e)
{
	int found = 0;

	for (size_t i = 0; i < NTABLES; i++) {
		if (strcmp(tables[i].name, name))
			continue;
		if (version && tables[i].version != version)
			continue;
		if (stage && tables[i].stage && tables[i].stage != stage)
			continue;
		found = 1;
		if (check_one(name, tables[i].el, t, what, ref, e))
			return -1;
	}
	if (!found)
		return err_set(e, RD_EINVAL, "name", NULL,
			       "there is no letter template \"%s\"", name);
	return 0;
}
