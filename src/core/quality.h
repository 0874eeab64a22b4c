/*
 * quality.h - quality review of issued responses: a sample of stage 1 and
 * stage 2 responses goes to a reviewer, never the response's handler, who
 * scores it against a checklist of what the Code asks of a response.
 *
 * Each point of the checklist scores 0 (not met), 1 (partly) or 2 (met):
 *   points_answered       every point of the definition answered (6.7)
 *   required_elements     the elements of 6.9 (stage 1) or 6.19 (stage 2)
 *   plain_language        plain, accessible language (3.1)
 *   tone                  empathetic and respectful
 *   remedy_proportionate  the remedy is proportionate (7.1, 7.4)
 *
 * Actions on "quality_review:QR-NNNNNN" (core/register.h):
 *   new    {complaint, stage, reviewer, assigned_on}: the complaint's
 *          response of that stage must have been issued
 *   score  {scores: {POINT: 0|1|2, ...}, findings, scored_on}: by the
 *          reviewer, once
 */
#ifndef REDRESS_CORE_QUALITY_H
#define REDRESS_CORE_QUALITY_H

#include "core/register.h"

#define QUAL_POINTS 5
#define QUAL_MAX (2 * QUAL_POINTS)

extern const char *const qual_points[];

/* The handler of stage "stage"'s response of complaint "c", or NULL. */
const char *qual_handler(const json_t *c, int stage);

int qual_decide(const json_t *state, const char *action, const json_t *in,
		const char *reference, const struct reg_ctx *cx, json_t **payload,
		const char **type, date_t *effective, struct rd_err *e);

#endif
