/*
 * ombudsman.h - the Housing Ombudsman track of a complaint: the referral,
 * the Ombudsman's information requests with their due dates and the
 * landlord's answers, its determinations (one per issue, each one of the
 * eight findings), its orders with due dates and the evidence of
 * compliance, and complaint handling failure orders (Code 9.7(c)).
 *
 * Actions on "ombudsman_case:OMB-YYYY-NNNNNN" (core/register.h):
 *   new            {complaint, referred_on, ombudsman_reference, summary}
 *   request        {what, requested_on, due_on | working_days}
 *   answer         {n, answered_on, summary}
 *   determine      {issue, finding, determined_on, reasons}
 *   order          {kind, description, due_on, made_on, amount, determination}
 *   comply         {n, complied_on, evidence}
 *   failure-order  {type: 1|2|3, ground, issued_on, due_on}
 *   comply-failure-order {n, complied_on, evidence}
 *   close          {closed_on}: once every order is complied with
 */
#ifndef REDRESS_CORE_OMBUDSMAN_H
#define REDRESS_CORE_OMBUDSMAN_H

#include "core/register.h"

/* The Ombudsman's eight findings, and the kinds of order. */
extern const char *const omb_findings[];
extern const char *const omb_order_kinds[];

/* 1 for a finding of failure: service failure, maladministration or
 * severe maladministration. */
int omb_is_failure(const char *finding);

int omb_decide(const json_t *state, const char *action, const json_t *in,
	       const char *reference, const struct reg_ctx *cx, json_t **payload,
	       const char **type, date_t *effective, struct rd_err *e);

/* Sets the record's derived fields (status) after an event. */
void omb_derive(json_t *state);

#endif
