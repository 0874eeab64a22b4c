/*
 * provision.h - the provisions of the Complaint Handling Code as data,
 * and the self-assessment record.
 *
 * The 2024 Code's self-assessment form (Appendix B) has 72 provisions in
 * nine sections (1.2 to 9.8); each is a requirement, paraphrased here
 * from the Ombudsman's text, with its strength ("must", "should",
 * "expected", "may") and how Redress can evidence it:
 *
 *   computed        the records show whether it was met; the
 *                   self-assessment computes the figures and flags a
 *                   breach
 *   enforced        Redress refuses the action that would breach it, so
 *                   its records cannot show a breach
 *   organisational  only the landlord can say; staff record the answer
 *
 * The 2022 Code's form (for 2022/23 and 2023/24; seeds 000, 002, 004) has
 * 72 provisions in eight sections, each section's "must" requirements
 * before its "should" ones, as the Ombudsman's form sets them out.
 *
 * The self-assessment of reporting year YYYY is the stream
 * "self_assessment:YYYY": staff commentary per provision (with a Yes/No
 * where the answer is not computed), the governing body's approval and
 * the publication.  No I/O: decide and apply, like complaint.h.
 */
#ifndef REDRESS_CORE_PROVISION_H
#define REDRESS_CORE_PROVISION_H

#include <jansson.h>
#include <stddef.h>

#include "util/date.h"
#include "util/err.h"

enum prov_basis { PROV_COMPUTED, PROV_ENFORCED, PROV_ORGANISATIONAL };

struct provision {
	const char *number;	/* "6.2" */
	int section;		/* 6 */
	const char *modal;	/* "must", "should", "expected", "may" */
	enum prov_basis basis;
	const char *text;	/* the requirement, paraphrased */
	const char *how;	/* enforced: what Redress does; else NULL */
	/* computed: the 2024 provision whose figures evidence it (a 2022
	 * provision asks what a 2024 one asks); NULL for itself */
	const char *as;
};

/* The form of Code "version" (2022 or 2024): its provisions in the form's
 * order, and how many; NULL for a version without a form. */
const struct provision *prov_list(int version, size_t *n);
/* The provision "number" of the form, or NULL. */
const struct provision *prov_find(int version, const char *number);
/* The title of section "section" of the form ("Complaint stages"). */
const char *prov_section(int version, int section);
/* "computed", "enforced" or "organisational". */
const char *prov_basis_name(enum prov_basis b);

/* The Code version whose form applies to reporting year "year": 2024
 * from 2024/25 (the statutory Code took effect on 1 April 2024), 2022 for
 * 2022/23 and 2023/24, 0 before. */
int prov_version_for(int year);

/*
 * Self-assessment actions on the state of "self_assessment:YYYY" (an
 * empty object before the first event):
 *   comment  {provision, text, comply: "yes"|"no"}  commentary; comply only
 *            for a provision whose answer is not computed
 *   approve  {approved_on, body, minute}  the governing body's approval
 *   publish  {published_on, url}          publication (after approval)
 *   respond  {text, responded_on, body}   the governing body's response to
 *            the year's annual complaints report (Code 8.2), an event of
 *            the "annual_report:YYYY" stream
 * "version" is the form's Code; "today" bounds the dates.
 */
int prov_decide(const json_t *state, const char *action, const json_t *in,
		int version, date_t today, json_t **payload, const char **type,
		date_t *effective, struct rd_err *e);
void prov_apply(json_t *state, const char *type, const json_t *payload);

#endif
