/*
 * letter.c - the letter kinds, building a letter from its sources, and
 * from the landlord's store.
 */
#include "letters/parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "util/json.h"

static const char *const kind_names[] = {
	[LETTER_ACKNOWLEDGEMENT] = "acknowledgement",
	[LETTER_REFUSAL] = "refusal",
	[LETTER_EXTENSION] = "extension",
	[LETTER_RESPONSE] = "response",
	[LETTER_ESCALATION_REFUSAL] = "escalation-refusal",
	[LETTER_UPDATE] = "update",
};

const char *letter_kind_name(enum letter_kind k)
{
	return (unsigned)k < LETTER_NKINDS ? kind_names[k] : "unknown";
}

int letter_kind_parse(const char *s, enum letter_kind *k, struct rd_err *e)
{
	for (int i = 0; i < LETTER_NKINDS; i++) {
		if (s && !strcmp(s, kind_names[i])) {
			*k = (enum letter_kind)i;
			return 0;
		}
	}
	return err_set(e, RD_EINVAL, "kind", NULL,
		       "the letter kind \"%s\" is not one of: acknowledgement, refusal, extension, response, escalation-refusal, update",
		       s ? s : "");
}

int letter_format_parse(const char *s, enum letter_format *f, struct rd_err *e)
{
	if (s && !strcmp(s, "text"))
		*f = LETTER_TEXT;
	else if (s && !strcmp(s, "html"))
		*f = LETTER_HTML;
	else if (s && !strcmp(s, "pdf"))
		*f = LETTER_PDF;
	else
		return err_set(e, RD_EINVAL, "format", NULL,
			       "the format \"%s\" is not one of: text, html, pdf", s ? s : "");
	return 0;
}

int letter_final_stage(const json_t *complaint, const json_t *policy)
{
	return js_int(complaint, "code_version", 2024) == 2022 &&
	       js_int(policy, "stages", 2) >= 3 ? 3 : 2;
}

const char *letter_template_for(enum letter_kind kind, int stage, int final)
{
	switch (kind) {
	case LETTER_ACKNOWLEDGEMENT: return "acknowledgement";
	case LETTER_REFUSAL: return "refusal";
	case LETTER_EXTENSION: return "extension";
	case LETTER_RESPONSE:
		if (stage < final)
			return "response-stage1";
		return stage == 3 ? "response-stage3" : "response-stage2";
	case LETTER_ESCALATION_REFUSAL: return "escalation-refusal";
	case LETTER_UPDATE: return "update";
	default: return "";
	}
}

void letter_describe(enum letter_kind kind, int stage, int final, char *out,
		     size_t n)
{
	switch (kind) {
	case LETTER_ACKNOWLEDGEMENT:
		snprintf(out, n, "the stage %d acknowledgement", stage);
		break;
	case LETTER_REFUSAL:
		snprintf(out, n, "the refusal letter");
		break;
	case LETTER_EXTENSION:
		snprintf(out, n, "the stage %d extension letter", stage);
		break;
	case LETTER_RESPONSE:
		snprintf(out, n, stage >= final ? "the stage %d final response" : "the stage %d response",
			 stage);
		break;
	case LETTER_ESCALATION_REFUSAL:
		snprintf(out, n, "the stage %d refusal letter", stage);
		break;
	default:
		snprintf(out, n, "the update letter");
		break;
	}
}

static void title_of(enum letter_kind kind, int stage, int final, char *out, size_t n)
{
	switch (kind) {
	case LETTER_ACKNOWLEDGEMENT:
		if (stage >= 2)
			snprintf(out, n, "We have your request for a stage %d review", stage);
		else
			snprintf(out, n, "We have your complaint");
		break;
	case LETTER_REFUSAL:
		snprintf(out, n, "We cannot accept your complaint");
		break;
	case LETTER_EXTENSION:
		snprintf(out, n, "We need more time to answer your complaint");
		break;
	case LETTER_RESPONSE:
		snprintf(out, n, stage >= final ? "Our final answer to your complaint"
			 : "Our answer to your complaint");
		break;
	case LETTER_ESCALATION_REFUSAL:
		snprintf(out, n, "We cannot take your complaint to stage %d", stage);
		break;
	default:
		snprintf(out, n, "An update on your complaint");
		break;
	}
}

/* The stage a letter is about: a refusal is about stage 1, a refused
 * escalation about the stage requested, others the stage asked for or
 * the complaint's current stage; never past the last stage ("final"). */
static int stage_of(const struct letter_src *src, int final, int *stage,
		    struct rd_err *e)
{
	int current = (int)js_int(src->complaint, "stage", 1);
	int v2022 = js_int(src->complaint, "code_version", 2024) == 2022;

	if (src->kind == LETTER_REFUSAL)
		*stage = src->stage ? src->stage : 1;
	else
		*stage = src->stage ? src->stage : current;
	if (src->kind == LETTER_REFUSAL && *stage != 1)
		return err_set(e, RD_EINVAL, "stage", NULL,
			       "a refusal letter is about stage 1; a refused stage 2 request has the escalation-refusal letter");
	if (src->kind == LETTER_ESCALATION_REFUSAL && (*stage < 2 || *stage > final))
		return err_set(e, RD_EINVAL, "stage", NULL,
			       final == 3 ? "an escalation refusal letter is about stage 2 or stage 3"
					  : "an escalation refusal letter is about stage 2");
	if (*stage < 1 || *stage > final)
		return err_set(e, RD_EINVAL, "stage", v2022 ? "5.17" : "5.3",
			       "letters are for stage 1 %s stage %d, not stage %d (Code %s)",
			       final == 3 ? "to" : "or", final, *stage, v2022 ? "5.17" : "5.3");
	return 0;
}

int letter_build(const struct letter_src *src, struct letter *l,
		 struct rd_err *e)
{
	char what[96];
	const char *text;
	char *body;
	tpl *t;

	memset(l, 0, sizeof(*l));
	l->kind = src->kind;
	if ((unsigned)src->kind >= LETTER_NKINDS || !json_is_object(src->complaint))
		return err_set(e, RD_EINVAL, "kind", NULL, "no letter of that kind");
	l->code_version = js_int(src->complaint, "code_version", 2024) == 2022 ? 2022 : 2024;
	l->final_stage = letter_final_stage(src->complaint, src->policy);
	if (stage_of(src, l->final_stage, &l->stage, e))
		return -1;
	snprintf(l->template_name, sizeof(l->template_name), "%s",
		 letter_template_for(src->kind, l->stage, l->final_stage));
	title_of(src->kind, l->stage, l->final_stage, l->title, sizeof(l->title));
	text = src->template_text ? src->template_text : letter_template_builtin(l->template_name);
	if (!text)
		return err_set(e, RD_EIO, "template", NULL, "the built-in template %s is missing",
			       l->template_name);
	l->template_text = xstrdup(text);
	if (letter_data(src, l, e) || letter_check_data(l, e))
		goto fail;
	t = tpl_parse(l->template_text, e);
	if (!t)
		goto fail;
	letter_describe(l->kind, l->stage, l->final_stage, what, sizeof(what));
	if (letter_check_template(l->template_name, t, l->stage, l->code_version, what,
				  js_str0(l->data, "reference"), e)) {
		tpl_free(t);
		goto fail;
	}
	tpl_free(t);
	body = letter_body_text(l);
	readability_measure(body, &l->readability);
	free(body);
	l->threshold = (int)js_int(src->policy, "readability_threshold", 60);
	l->below_threshold = l->readability.flesch < l->threshold;
	return 0;
fail:
	letter_free(l);
	return -1;
}

void letter_free(struct letter *l)
{
	json_decref(l->data);
	free(l->template_text);
	l->data = NULL;
	l->template_text = NULL;
}

int letter_make(struct rec *r, const char *ref, enum letter_kind kind,
		int stage, struct letter *l, struct rd_err *e)
{
	struct letter_src src;
	json_t *st = NULL, *person = NULL;
	char stream[96], *text = NULL;
	const json_t *to;
	int is_rep, ov, rc;

	memset(l, 0, sizeof(*l));
	/* A resident signed in to follow their complaint reads its letters
	 * (the portal checks which complaint). */
	if (strcmp(r->role, "resident") && rec_allow_staff(r, "issue letters", e))
		return -1;
	snprintf(stream, sizeof(stream), "complaint:%s", ref ? ref : "");
	if (rec_load(r, stream, &st, NULL))
		return err_set(e, RD_ENOTFOUND, "reference", NULL, "no complaint %s",
			       ref ? ref : "(none given)");
	to = letter_recipient(st, &is_rep);
	if (js_str(to, "person_id")) {
		snprintf(stream, sizeof(stream), "person:%s", js_str(to, "person_id"));
		rec_load(r, stream, &person, NULL);
	}
	memset(&src, 0, sizeof(src));
	src.kind = kind;
	src.stage = stage;
	src.complaint = st;
	src.policy = r->policy;
	src.person = person;
	src.cal = r->cal;
	src.today = r->today;
	rc = stage_of(&src, letter_final_stage(st, r->policy), &stage, e);
	if (!rc) {
		text = letter_template_get(r, letter_template_for(kind, stage,
				letter_final_stage(st, r->policy)), &ov, e);
		rc = text ? 0 : -1;
	}
	if (!rc) {
		src.template_text = text;
		rc = letter_build(&src, l, e);
	}
	free(text);
	json_decref(person);
	json_decref(st);
	return rc;
}
