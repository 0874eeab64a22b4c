/*
 * fuzz_json_actions.c - any bytes as the JSON body of every complaint
 * action, against a complaint in each of its main states.  The rules must
 * answer (accept or refuse) without crashing, leaking or reading out of
 * bounds, and a refusal must leave no payload behind.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/complaint.h"
#include "core/policy.h"
#include "util/json.h"

static calendar *cal;
static json_t *policy;
static json_t *states[3];

static json_t *step(json_t *st, const char *action, const char *in, struct cmp_ctx *ctx)
{
	json_t *j = json_loads(in, 0, NULL), *p = NULL;
	const char *type;
	date_t eff;

	if (cmp_decide(st, action, j, ctx, &p, &type, &eff, NULL) == 0) {
		if (!st)
			st = json_object();
		cmp_apply(st, type, p);
	}
	json_decref(p);
	json_decref(j);
	return st;
}

static void setup(struct cmp_ctx *ctx)
{
	cal = cal_new(CAL_ENGLAND_WALES, NULL, 0, NULL, 0, 0);
	policy = policy_default();
	memset(ctx, 0, sizeof(*ctx));
	ctx->cal = cal;
	ctx->policy = policy;
	date_parse("2026-11-23", &ctx->today);
	ctx->actor = "fuzz";
	ctx->role = "system";
	ctx->reference = "CMP-2026-000001";
	states[0] = step(NULL, "new", "{\"received_on\": \"2026-11-02\", \"channel\": \"phone\","
			 " \"category\": \"repairs\", \"description\": \"d\", \"complainant\":"
			 " {\"name\": \"A\", \"email\": \"a@example.org\"}}", ctx);
	states[1] = json_deep_copy(states[0]);
	states[1] = step(states[1], "acknowledge", "{\"acknowledged_on\": \"2026-11-03\","
			 " \"handler\": \"amy\", \"definition\": {\"summary\": \"s\", \"outcomes_sought\":"
			 " \"o\", \"responsible\": \"r\", \"not_responsible\": \"n\"}, \"triage\":"
			 " {\"complex\": false, \"vulnerable\": false}}", ctx);
	states[2] = json_deep_copy(states[1]);
	states[2] = step(states[2], "respond", "{\"responded_on\": \"2026-11-10\", \"decisions\":"
			 " [{\"point\": 1, \"outcome\": \"upheld\", \"reasons\": \"r\"}], \"remedies\":"
			 " [{\"type\": \"apology\", \"description\": \"sorry\", \"completed_on\": \"2026-11-10\"}]}",
			 ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cmp_ctx ctx;
	static int ready;
	json_t *in;

	if (!ready) {
		setup(&ctx);
		ready = 1;
	}
	in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	for (int i = 0; cmp_actions[i]; i++) {
		for (int s = 0; s < 3; s++) {
			json_t *copy = json_deep_copy(states[s]), *p = NULL;
			const char *type;
			struct rd_err e;
			date_t eff;

			if (cmp_decide(!strcmp(cmp_actions[i], "new") ? NULL : copy, cmp_actions[i],
				       in, &ctx, &p, &type, &eff, &e) == 0) {
				cmp_apply(copy, type, p);
				json_decref(p);
			} else if (p) {
				abort();	/* a refusal leaves nothing behind */
			}
			json_decref(copy);
		}
	}
	json_decref(in);
	return 0;
}
