/*
 * cmd_demo.c - redress demo [--homes N] [--years N] [--seed S] [--force]
 *
 * Creates a realistic landlord: staff, policy, residents with adjustments
 * and restrictions, service requests, and years of complaints at sector
 * rates (about 40 stage 1 and 8 stage 2 per 1,000 homes a year), each
 * taken through the Code's process by the same path staff use, so every
 * rule is applied and every event is chained, and two reports of the
 * Housing Ombudsman about the landlord for the annual report (Code 8.1 e,
 * f).  The same seed always gives the same data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/complaint.h"
#include "reports/tsm.h"
#include "util/json.h"
#include "util/rng.h"

static const char usage[] =
	"demo [--db PATH] [--homes N] [--years N] [--seed S] [--force]";

static const char *const first_names[] = {
	"Amina", "Ben", "Chloe", "Daniel", "Eleanor", "Farhan", "Grace", "Harry",
	"Isla", "Jamal", "Kate", "Liam", "Maya", "Nathan", "Olivia", "Priya",
	"Qasim", "Rosie", "Samuel", "Tariq", "Uma", "Victor", "Wendy", "Yusuf",
	"Zara", "Aled", "Bethan", "Connor", "Deborah", "Emeka", "Fiona", "George"
};
static const char *const surnames[] = {
	"Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes",
	"Iqbal", "Jones", "Khan", "Lewis", "Morris", "Nowak", "Okafor", "Patel",
	"Quinn", "Roberts", "Smith", "Taylor", "Usman", "Vaughan", "Walker",
	"Wright", "Young", "Zielinski", "Begum", "Campbell", "Edwards", "Mensah"
};
static const char *const streets[] = {
	"Station Road", "Church Lane", "Victoria Street", "Park Avenue",
	"Mill Close", "Kingsway", "Queens Court", "Riverside Walk",
	"Orchard Way", "Elm Grove", "Canal Street", "Hillside Crescent"
};
static const char *const estates[] = {
	"Northfield", "Riverside", "Greenhill", "Abbey Park", "Southgate", "Westbrook"
};
static const char *const towers[] = {
	"Beacon House", "Kestrel Tower", "Marlowe Point"
};

static const char *const categories[] = {
	"repairs", "damp_and_mould", "leaks", "asb_handling", "staff_conduct",
	"communication", "rent_and_service_charges", "estate_services", "pests",
	"building_safety", "allocations", "complaint_handling"
};
static const double category_w[] = {
	52, 9, 4, 6, 4, 7, 5, 5, 2, 1.5, 2.5, 2
};
static const char *const summaries[] = {
	"The repair to the %s reported in %s has not been completed and the resident has had to chase it several times",
	"Black mould has returned in the %s despite earlier treatment; the resident is worried about the children's health",
	"Water is coming through the ceiling of the %s from the flat above and nobody has attended",
	"Reports of noise and intimidation from a neighbour were not followed up by the ASB case officer",
	"A member of staff was rude to the resident on the telephone about the %s",
	"The resident was promised a call back about the %s and never received one",
	"The service charge statement includes costs for the %s that the resident says were not provided",
	"Communal areas near the %s are not being cleaned as scheduled",
	"Mice have been seen in the %s and the pest control visit did not happen",
	"The fire door to the %s does not close properly",
	"The resident's transfer application has not been assessed",
	"Earlier correspondence about the %s was not answered"
};
static const char *const rooms[] = {
	"kitchen", "bathroom", "bedroom", "living room", "boiler", "front door",
	"windows", "hallway", "roof", "stairwell"
};
static const char *const channels[] = {
	"phone", "email", "web", "letter", "in_person", "live_chat",
	"social_media", "mp_or_councillor", "third_party"
};
static const double channel_w[] = { 38, 24, 18, 6, 5, 4, 2, 2, 1 };
static const char *const ext_reasons[] = {
	"A contractor's survey is needed before we can answer the repair points",
	"We are waiting for the outcome of a damp and mould inspection",
	"The staff member involved is on leave and must be interviewed",
	"We need records from our repairs contractor to check the visit history"
};
static const char *const outcomes[] = { "upheld", "partly_upheld", "not_upheld" };

struct demo {
	struct rec *r;
	struct rng rng;
	date_t start, end;
	int homes;
	char handlers[16][32];
	int nhandlers;
	char officers[4][32];
	int nofficers;
	struct { int complaints, stage2, refused, extended, people, sreqs,
		 withdrawn, closed, late, adjustments, restrictions, repeat; } n;
	char recent[256][32];	/* earlier complainants, some complain again */
	int nrecent;
	json_t *damp;		/* [[reference, received_on], ...] of the damp
				 * and mould complaints, oldest first */
	char omr[2][16];	/* the Ombudsman's reports: annual, spotlight */
	char omr_on[2][DATE_STRLEN];	/* when each was published */
	char covers[16];	/* the year the annual one covers: "2025/26" */
	struct rd_err e;
};

#define PICK(arr) (arr[rng_below(&d->rng, sizeof(arr) / sizeof(arr[0]))])

static int poisson(struct rng *rng, double lambda)
{
	double l = exp(-lambda), p = 1.0;
	int k = 0;

	do {
		k++;
		p *= rng_unit(rng);
	} while (p > l);
	return k - 1;
}

static void fmt(date_t day, char *buf)
{
	date_format(day, buf);
}

/* The working day "n" after "day" on the landlord's calendar. */
static date_t wd(struct demo *d, date_t day, int n)
{
	date_t out = day;

	cal_add(d->r->cal, day, n, &out, NULL);
	return out;
}

/* Runs one complaint action dated "on"; the demo only takes compliant
 * paths, so a refusal here is a bug worth stopping for. */
static int act(struct demo *d, const char *ref, const char *action, date_t on,
	       json_t *in, json_t **out)
{
	int rc;

	d->r->today = on;
	rc = rec_complaint(d->r, ref, action, in, out, &d->e);
	json_decref(in);
	if (rc)
		fprintf(stderr, "redress demo: %s %s: %s\n", action, ref ? ref : "", d->e.msg);
	return rc;
}

static void name(struct demo *d, char *buf, size_t n)
{
	snprintf(buf, n, "%s %s", PICK(first_names), PICK(surnames));
}

static int make_person(struct demo *d, date_t on, char *id, size_t n)
{
	char who[80], email[120], addr[160];
	const char *formats[] = { "standard", "standard", "standard", "large_print", "easy_read", "plain_text" };
	json_t *in, *st;
	int rc;

	name(d, who, sizeof(who));
	snprintf(email, sizeof(email), "%c.%s%u@example.org", who[0],
		 strchr(who, ' ') + 1, rng_below(&d->rng, 1000));
	for (char *p = email; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	snprintf(addr, sizeof(addr), "%u %s, %s", 1 + rng_below(&d->rng, 180),
		 PICK(streets), PICK(estates));
	in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", who, "email", email,
		       "address", addr, "method", rng_chance(&d->rng, 0.7) ? "email" : "letter",
		       "format", formats[rng_below(&d->rng, 6)]);
	if (rng_chance(&d->rng, 0.04))
		json_object_set_new(in, "language", json_string(rng_chance(&d->rng, 0.5) ? "Polish" : "Urdu"));
	d->r->today = on;
	rc = rec_person(d->r, NULL, "new", in, &st, &d->e);
	json_decref(in);
	if (rc)
		return -1;
	snprintf(id, n, "%s", js_str0(st, "id"));
	json_decref(st);
	d->n.people++;
	if (rng_chance(&d->rng, 0.06)) {
		char agreed[DATE_STRLEN], review[DATE_STRLEN];
		const char *adj[] = {
			"Letters in large print (16 point)",
			"Contact by email only; the resident is hearing impaired",
			"Allow extra time to respond; the resident has a learning disability",
			"Calls arranged through the resident's support worker"
		};

		fmt(on, agreed);
		fmt(on + 180 + (date_t)rng_below(&d->rng, 180), review);
		in = json_pack("{s:s, s:s, s:s}", "description", adj[rng_below(&d->rng, 4)],
			       "agreed_on", agreed, "review_on", review);
		if (rec_person(d->r, id, "adjust", in, NULL, &d->e)) {
			json_decref(in);
			return -1;
		}
		json_decref(in);
		d->n.adjustments++;
		if (rng_chance(&d->rng, 0.5)) {
			in = json_pack("{s:s, s:s, s:s, s:s}", "kind",
				       rng_chance(&d->rng, 0.5) ? "disability" : "vulnerability",
				       "detail", rng_chance(&d->rng, 0.5) ? "Mobility impairment; uses a wheelchair"
				       : "Recently bereaved and living alone",
				       "disclosed_on", agreed, "review_on", review);
			if (rec_person(d->r, id, "disclose", in, NULL, &d->e)) {
				json_decref(in);
				return -1;
			}
			json_decref(in);
		}
	}
	if (rng_chance(&d->rng, 0.004)) {
		char starts[DATE_STRLEN], review[DATE_STRLEN];

		fmt(on, starts);
		fmt(on + 90, review);
		in = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:s}",
			       "restriction", "Contact by email to one named officer only",
			       "reason", "Repeated abusive telephone calls to staff",
			       "evidence", "Call recordings and file notes",
			       "proportionality", "Email keeps the resident's access to the service while protecting staff",
			       "equality_considered", 1, "starts_on", starts, "review_on", review);
		if (rec_person(d->r, id, "restrict", in, NULL, &d->e)) {
			json_decref(in);
			return -1;
		}
		json_decref(in);
		d->n.restrictions++;
	}
	return 0;
}

static json_t *definition(struct demo *d, const char *summary, int points)
{
	json_t *def = json_pack("{s:s, s:s, s:s, s:s}", "summary", summary,
				"outcomes_sought", rng_chance(&d->rng, 0.5)
				? "Complete the repair and pay compensation for the delay"
				: "An apology and a date for the work to be done",
				"responsible", "The repair and how our staff and contractors handled it",
				"not_responsible", "Damage to the resident's own belongings, which is for their contents insurance");
	json_t *pts = json_array();

	json_array_append_new(pts, json_string(summary));
	if (points > 1)
		json_array_append_new(pts, json_string("How the resident's earlier contacts were handled"));
	if (points > 2)
		json_array_append_new(pts, json_string("The delay in arranging an inspection"));
	json_object_set_new(def, "points", pts);
	return def;
}

/* The response: a decision for every point, a remedy where upheld. */
static json_t *response(struct demo *d, date_t on, int points, int *open_items)
{
	json_t *in = json_object(), *decs = json_array(), *rems = json_array(), *acts = json_array();
	char day[DATE_STRLEN], due[DATE_STRLEN];
	int upheld = 0;

	fmt(on, day);
	for (int i = 1; i <= points; i++) {
		const char *o = outcomes[rng_pick(&d->rng, (const double[]){ 35, 25, 40 }, 3)];

		if (strcmp(o, "not_upheld"))
			upheld = 1;
		json_array_append_new(decs, json_pack("{s:i, s:s, s:s}", "point", i, "outcome", o,
			"reasons", strcmp(o, "not_upheld")
			? "Our records show we did not meet the timescales in our repairs policy"
			: "Our records show the work was completed within the timescales in our repairs policy"));
	}
	*open_items = 0;
	if (upheld) {
		fmt(on + 14, due);
		json_array_append_new(rems, json_pack("{s:s, s:s, s:s}", "type", "apology",
			"description", "We apologise for the delay and the inconvenience caused",
			"completed_on", day));
		if (rng_chance(&d->rng, 0.55)) {
			double amount = 50.0 * (1 + rng_below(&d->rng, 8));

			json_array_append_new(rems, json_pack("{s:s, s:s, s:f, s:s, s:s}", "type", "financial",
				"description", "Compensation for time, trouble and distress",
				"amount", amount, "head_of_loss", "distress_and_inconvenience", "due_on", due));
			(*open_items)++;
		}
		if (rng_chance(&d->rng, 0.45)) {
			fmt(on + 10 + (date_t)rng_below(&d->rng, 40), due);
			json_array_append_new(acts, json_pack("{s:s, s:s, s:s}", "description",
				"Complete the outstanding repair and confirm with the resident",
				"due_on", due, "owner", "Repairs team"));
			(*open_items)++;
		}
	}
	json_object_set_new(in, "responded_on", json_string(day));
	json_object_set_new(in, "decisions", decs);
	json_object_set_new(in, "remedies", rems);
	json_object_set_new(in, "outstanding_actions", acts);
	return in;
}

/* Completes every open action and remedy by "on"; 1 if any stays open. */
static int complete_items(struct demo *d, const char *ref, json_t *st, date_t on)
{
	const char *lists[] = { "remedies", "actions" };
	int open = 0;

	for (int l = 0; l < 2; l++) {
		size_t i;
		json_t *x;

		json_array_foreach(json_object_get(st, lists[l]), i, x) {
			date_t due = js_date(x, "due_on"), done;
			char day[DATE_STRLEN];

			if (js_date(x, "completed_on") != DATE_NONE)
				continue;
			done = due != DATE_NONE ? due - 3 + (date_t)rng_below(&d->rng, 10) : on;
			if (done > d->end || rng_chance(&d->rng, 0.03)) {
				open = 1;
				continue;
			}
			fmt(done, day);
			if (act(d, ref, l ? "complete-action" : "complete-remedy", done,
				json_pack("{s:I, s:s, s:s}", "id", (json_int_t)i + 1, "completed_on", day,
					  "evidence", "Confirmed with the resident"), NULL))
				return -1;
		}
	}
	return open;
}

/* A day counted "n" working days after "from", with a chance of "late"
 * working days more. */
static date_t after(struct demo *d, date_t from, int n, double late_p, int late_max)
{
	int k = n <= 1 ? 1 : 1 + (int)rng_below(&d->rng, (uint32_t)n);

	if (rng_chance(&d->rng, late_p))
		k = n + 1 + (int)rng_below(&d->rng, (uint32_t)late_max);
	return wd(d, from, k);
}

static int stage(struct demo *d, const char *ref, int n, date_t from, int points,
		 const char *handler, json_t **st, date_t *responded)
{
	char day[DATE_STRLEN];
	date_t ack, resp;
	int open_items, limit = n == 1 ? 10 : 20;
	json_t *in;

	*responded = DATE_NONE;
	ack = n == 1 && js_int(*st, "code_version", 2024) == 2022
	      ? from + 1 + (date_t)rng_below(&d->rng, 6) : after(d, from, 5, 0.08, 4);
	if (ack > d->end)
		return 0;
	fmt(ack, day);
	in = json_pack("{s:s, s:s, s:o, s:{s:b, s:b}}", "acknowledged_on", day, "handler", handler,
		       "definition", definition(d, js_str0(*st, "description"), points),
		       "triage", "complex", rng_chance(&d->rng, 0.3), "vulnerable",
		       rng_chance(&d->rng, 0.12));
	json_decref(*st);
	*st = NULL;
	if (act(d, ref, "acknowledge", ack, in, st))
		return -1;
	resp = after(d, ack, limit, 0.12, 12);
	if (rng_chance(&d->rng, 0.12)) {
		date_t informed = wd(d, ack, limit - 2);
		int max = n == 1 || js_int(*st, "code_version", 2024) == 2022 ? 10 : 20;
		int days = 3 + (int)rng_below(&d->rng, (uint32_t)(max - 2));

		if (informed <= d->end) {
			fmt(informed, day);
			json_decref(*st);
			*st = NULL;
			if (act(d, ref, "extend", informed, json_pack("{s:i, s:s, s:s}",
				"working_days", days, "reason", PICK(ext_reasons),
				"resident_informed_on", day), st))
				return -1;
			d->n.extended++;
			/* The answer comes after the resident was told. */
			resp = after(d, informed, days + 2, 0.05, 5);
		}
	}
	if (resp > d->end)
		return 0;
	if (resp > js_date(cmp_stage(*st, n), "respond_by"))
		d->n.late++;
	in = response(d, resp, points, &open_items);
	json_decref(*st);
	*st = NULL;
	if (act(d, ref, "respond", resp, in, st))
		return -1;
	*responded = resp;
	return 1;
}

/* A handler who is neither "a" nor "b" (Code 5.8, 6.13). */
static const char *handler_other_than(struct demo *d, const char *a, const char *b)
{
	const char *h;

	do
		h = d->handlers[rng_below(&d->rng, (uint32_t)d->nhandlers)];
	while (!strcmp(h, a) || !strcmp(h, b));
	return h;
}

/* One complaint from receipt to wherever it has got by the end date. */
static int complaint(struct demo *d, date_t received)
{
	char day[DATE_STRLEN], issue[DATE_STRLEN], pid[32], ref[32], text[300];
	const char *cat = categories[rng_pick(&d->rng, category_w, 12)];
	const char *channel = channels[rng_pick(&d->rng, channel_w, 9)];
	const char *h1 = d->handlers[rng_below(&d->rng, (uint32_t)d->nhandlers)];
	const char *subject = "";
	int ci = 0, points = 1 + (rng_chance(&d->rng, 0.35) ? 1 : 0) + (rng_chance(&d->rng, 0.1) ? 1 : 0);
	date_t resp1, resp2, end;
	json_t *in, *st = NULL;
	int rc, open;

	for (int i = 0; i < 12; i++)
		if (!strcmp(categories[i], cat))
			ci = i;
	if (d->nrecent > 50 && rng_chance(&d->rng, 0.12)) {
		int k = (int)rng_below(&d->rng, (uint32_t)(d->nrecent < 256 ? d->nrecent : 256));

		snprintf(pid, sizeof(pid), "%s", d->recent[k]);
		d->n.repeat++;
	} else {
		if (make_person(d, received, pid, sizeof(pid)))
			return -1;
		snprintf(d->recent[d->nrecent++ % 256], sizeof(d->recent[0]), "%s", pid);
	}
	fmt(received, day);
	fmt(received - 7 - (date_t)rng_below(&d->rng, 60), issue);
	snprintf(text, sizeof(text), summaries[ci], PICK(rooms), "the spring");
	in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s}, s:s, s:s}", "received_on", day,
		       "channel", channel, "category", cat, "description", text,
		       "issue_date", issue, "complainant", "person_id", pid,
		       "estate", PICK(estates), "tenure", rng_chance(&d->rng, 0.86) ? "lcra" : "lcho");
	if (!strcmp(cat, "building_safety") || rng_chance(&d->rng, 0.02))
		json_object_set_new(in, "building", json_string(PICK(towers)));
	if (!strcmp(cat, "staff_conduct")) {
		subject = handler_other_than(d, h1, h1);
		json_object_set_new(in, "subject", json_pack("{s:s, s:s, s:s}", "kind", "staff",
							     "name", subject, "user", subject));
	} else if (rng_chance(&d->rng, 0.15)) {
		json_object_set_new(in, "subject", json_pack("{s:s, s:s}", "kind", "contractor",
							     "name", "Northway Repairs Ltd"));
	}
	if (rng_chance(&d->rng, 0.05)) {
		char rep[80];

		name(d, rep, sizeof(rep));
		json_object_set_new(in, "representative", json_pack("{s:s, s:s, s:s}", "name", rep,
			"relationship", rng_chance(&d->rng, 0.5) ? "daughter" : "advocate",
			"consent_on", day));
	}
	if (rng_chance(&d->rng, 0.01)) {
		json_t *signers = json_array();
		int n = 3 + (int)rng_below(&d->rng, 20);

		for (int i = 0; i < n; i++) {
			char who[80];

			name(d, who, sizeof(who));
			json_array_append_new(signers, json_pack("{s:s}", "name", who));
		}
		json_object_set_new(in, "signers", signers);
		json_object_set_new(in, "channel", json_string("petition"));
	}
	if (act(d, NULL, "new", received, in, &st))
		return -1;
	snprintf(ref, sizeof(ref), "%s", js_str0(st, "reference"));
	d->n.complaints++;
	if (!strcmp(cat, "damp_and_mould"))
		json_array_append_new(d->damp, json_pack("[s, s]", ref, day));

	/* About 3% are not accepted, for a reason on the exclusion list. */
	if (rng_chance(&d->rng, 0.03)) {
		date_t on = after(d, received, 5, 0, 1);
		const char *reasons[] = { "legal_proceedings", "already_considered", "first_asb_report", "liability_claim" };

		rc = 0;
		if (on <= d->end) {
			fmt(on, day);
			rc = act(d, ref, "refuse", on, json_pack("{s:s, s:s, s:s}", "reason",
				 reasons[rng_below(&d->rng, 4)], "explanation",
				 "This matter is dealt with through another route, which we have explained",
				 "refused_on", day), NULL);
			d->n.refused++;
		}
		json_decref(st);
		return rc;
	}
	if (rng_chance(&d->rng, 0.02)) {
		date_t on = received + 2;

		rc = 0;
		if (on <= d->end) {
			fmt(on, day);
			rc = act(d, ref, "withdraw", on, json_pack("{s:s, s:s}", "withdrawn_on", day,
				 "reason", "The resident told us the matter was resolved"), NULL);
			d->n.withdrawn++;
		}
		json_decref(st);
		return rc;
	}
	rc = stage(d, ref, 1, received, points, h1, &st, &resp1);
	if (rc <= 0)
		goto out;
	/* About one in five goes to stage 2 (8 in 40 per 1,000 homes). */
	if (rng_chance(&d->rng, 0.2)) {
		date_t req = after(d, resp1, 12, 0.05, 10);

		if (req > d->end)
			goto out;
		fmt(req, day);
		json_decref(st);
		st = NULL;
		if ((rc = act(d, ref, "escalate", req, json_pack("{s:s}", "requested_on", day), &st)))
			goto out;
		d->n.stage2++;
		if (rng_chance(&d->rng, 0.04)) {
			date_t on = after(d, req, 5, 0, 1);

			if (on <= d->end) {
				fmt(on, day);
				rc = act(d, ref, "refuse-escalation", on, json_pack("{s:s, s:s, s:s}",
					 "reason", "legal_proceedings", "explanation",
					 "A claim about this disrepair has been filed at court", "refused_on", day), NULL);
			}
			goto out;
		}
		rc = stage(d, ref, 2, req, points, handler_other_than(d, h1, subject), &st, &resp2);
		if (rc <= 0)
			goto out;
		resp1 = resp2;
	}
	/* Close once every action and remedy is done. */
	open = complete_items(d, ref, st, resp1);
	if (open < 0) {
		rc = -1;
		goto out;
	}
	end = wd(d, resp1, 20);
	if (!open && end <= d->end) {
		json_t *cur;
		char stream[64];
		date_t last = resp1, x;
		size_t i;
		json_t *item;

		snprintf(stream, sizeof(stream), "complaint:%s", ref);
		if (rec_load(d->r, stream, &cur, NULL) == 0) {
			json_array_foreach(json_object_get(cur, "actions"), i, item)
				if ((x = js_date(item, "completed_on")) > last)
					last = x;
			json_array_foreach(json_object_get(cur, "remedies"), i, item)
				if ((x = js_date(item, "completed_on")) > last)
					last = x;
			json_decref(cur);
		}
		if (last > end)
			end = last;
		if (end <= d->end) {
			fmt(end, day);
			rc = act(d, ref, "close", end, json_pack("{s:s}", "closed_on", day), NULL);
			d->n.closed++;
		}
	}
out:
	json_decref(st);
	return rc < 0 ? -1 : 0;
}

static int service_request(struct demo *d, date_t on)
{
	char pid[32], day[DATE_STRLEN];
	json_t *in, *st;
	const char *cat = rng_chance(&d->rng, 0.8) ? "repairs" : "estate_services";
	int rc;

	if (make_person(d, on, pid, sizeof(pid)))
		return -1;
	fmt(on, day);
	in = json_pack("{s:s, s:s, s:s, s:s}", "person_id", pid, "category", cat,
		       "description", "Reported a fault that needs a repair visit", "received_on", day);
	d->r->today = on;
	rc = rec_service_request(d->r, NULL, "new", in, &st, &d->e);
	json_decref(in);
	if (rc)
		return -1;
	d->n.sreqs++;
	if (rng_chance(&d->rng, 0.85) && on + 14 <= d->end) {
		char done[DATE_STRLEN];

		fmt(on + 3 + (date_t)rng_below(&d->rng, 10), done);
		d->r->today = on + 14;
		in = json_pack("{s:s, s:s}", "on", done, "note", "Repair completed");
		rc = rec_service_request(d->r, js_str0(st, "reference"), "complete", in, NULL, &d->e);
		json_decref(in);
	} else if (on + 5 <= d->end) {
		/* Dissatisfied: offered a complaint, which some accept. */
		fmt(on + 5, day);
		d->r->today = on + 5;
		in = json_pack("{s:s, s:s, s:b}", "on", day, "details",
			       "Unhappy that the repair visit was missed", "complaint_offered", 1);
		rc = rec_service_request(d->r, js_str0(st, "reference"), "dissatisfied", in, NULL, &d->e);
		json_decref(in);
	}
	json_decref(st);
	return rc;
}

/* One action on the Ombudsman's report "ref" (NULL: "new") dated "on", by
 * user "as"; "in" is taken.  The reference made goes to "made". */
static int omr_act(struct demo *d, const char *ref, const char *action, date_t on, const char *as,
		   json_t *in, char *made, size_t n)
{
	json_t *st = NULL;
	int rc;

	d->r->today = on;
	rc = rec_as(d->r, as, &d->e) ||
	     rec_register(d->r, "ombudsman_report", ref, action, in, &st, &d->e);
	json_decref(in);
	if (!rc && made)
		snprintf(made, n, "%s", js_str0(st, "reference"));
	json_decref(st);
	return rc ? -1 : 0;
}

/*
 * The Housing Ombudsman's reports about the landlord (Code 8.1 e, f),
 * published in the reporting year of "today" (from 1 April) so that its
 * annual report lists them, or in the year before when that year is not
 * yet two months old: a spotlight report on damp and mould naming the
 * landlord and its two latest damp and mould complaints then, a quarter of
 * the way into the year, and the annual landlord performance report on the
 * financial year before, three quarters of the way in; each answered by
 * the senior lead half way to the next date.  It draws nothing from the
 * seed's random numbers, so the complaints are as before.
 */
static int ombudsman_reports(struct demo *d, date_t today)
{
	char actor[sizeof(d->r->actor)], role[sizeof(d->r->role)], title[80], day[DATE_STRLEN];
	int y = tsm_year_of(today), rc = -1;
	date_t from, spot, ann;
	json_t *named = json_array(), *x;
	size_t i;

	date_from_ymd(y, 4, 1, &from);
	if (today - from < 60)
		date_from_ymd(--y, 4, 1, &from);
	spot = from + (today - from) / 4;
	ann = from + (today - from) * 3 / 4;
	snprintf(d->covers, sizeof(d->covers), "%d/%02d", y - 1, y % 100);
	json_array_foreach(d->damp, i, x)
		if (strcmp(json_string_value(json_array_get(x, 1)), date_format(spot, day)) < 0) {
			if (json_array_size(named) == 2)
				json_array_remove(named, 0);
			json_array_append(named, json_array_get(x, 0));
		}
	memcpy(actor, d->r->actor, sizeof(actor));
	memcpy(role, d->r->role, sizeof(role));
	fmt(spot, d->omr_on[1]);
	if (omr_act(d, NULL, "new", spot, "olu.officer", json_pack("{s:s, s:s, s:s, s:s, s:O}",
		"kind", "spotlight_report", "title", "Spotlight on damp and mould: one year on",
		"published_on", d->omr_on[1], "summary",
		"Names Redress Demo Homes among the landlords with repeated findings on damp and "
		"mould: inspections slow to follow reports of mould, repairs that treated the mould "
		"and not its cause, and letters that blamed residents' lifestyle for condensation",
		"complaints", named), d->omr[1], sizeof(d->omr[1])) ||
	    omr_act(d, d->omr[1], "update", spot + (ann - spot) / 2, "rhian.lead", json_pack("{s:s, s:s}",
		"landlord_response", "We accept the findings. Reports of damp and mould are now "
		"inspected within 10 working days, repairs deal with the cause, and our letters no "
		"longer put condensation down to lifestyle. The board reviews progress each quarter.",
		"note", "Discussed by the board with the Member Responsible for Complaints"), NULL, 0))
		goto out;
	fmt(ann, d->omr_on[0]);
	snprintf(title, sizeof(title), "Landlord performance report %d-%02d", y - 1, y % 100);
	if (omr_act(d, NULL, "new", ann, "olu.officer", json_pack("{s:s, s:s, s:s, s:i, s:s}",
		"kind", "annual_landlord_report", "title", title, "published_on", d->omr_on[0],
		"year", y - 1, "summary",
		"The Ombudsman's review of our complaints, its findings and our compliance with its "
		"orders over the year: maladministration in most of the cases it determined, mainly "
		"about repairs and damp and mould, and every order complied with"),
		d->omr[0], sizeof(d->omr[0])) ||
	    omr_act(d, d->omr[0], "update", ann + (today - ann) / 2, "rhian.lead", json_pack("{s:s}",
		"landlord_response", "The board has agreed an action plan on repairs and damp and "
		"mould, and will report on it in next year's annual complaints report."), NULL, 0))
		goto out;
	rc = 0;
out:
	memcpy(d->r->actor, actor, sizeof(actor));
	memcpy(d->r->role, role, sizeof(role));
	json_decref(named);
	return rc;
}

static int staff(struct demo *d)
{
	static const char *const hnames[] = {
		"alice", "bilal", "carys", "dev", "erin", "femi", "gwen", "hamza",
		"ines", "jack", "kira", "leon", "mo", "nia", "omar", "pippa"
	};
	json_t *in;
	int nh = 4 + d->homes / 4000;

	if (nh > 16)
		nh = 16;
	for (int i = 0; i < nh; i++) {
		in = json_pack("{s:s, s:s}", "name", hnames[i], "role", "handler");
		if (rec_user_add(d->r, in, &d->e)) {
			json_decref(in);
			return -1;
		}
		json_decref(in);
		snprintf(d->handlers[d->nhandlers++], sizeof(d->handlers[0]), "%s", hnames[i]);
	}
	const char *others[][2] = {
		{ "olu.officer", "complaints_officer" }, { "sam.officer", "complaints_officer" },
		{ "rhian.lead", "senior_lead" }, { "board.mrc", "board" }, { "admin", "admin" }
	};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		in = json_pack("{s:s, s:s}", "name", others[i][0], "role", others[i][1]);
		if (rec_user_add(d->r, in, &d->e)) {
			json_decref(in);
			return -1;
		}
		json_decref(in);
	}
	return 0;
}

static int policy(struct demo *d)
{
	char homes[16], lcra[16], lcho[16];

	snprintf(homes, sizeof(homes), "%d", d->homes);
	snprintf(lcra, sizeof(lcra), "%d", d->homes - d->homes / 7);
	snprintf(lcho, sizeof(lcho), "%d", d->homes / 7);
	return rec_policy_set(d->r, "organisation", "Redress Demo Homes", &d->e) ||
	       rec_policy_set(d->r, "homes", homes, &d->e) ||
	       rec_policy_set(d->r, "homes_lcra", lcra, &d->e) ||
	       rec_policy_set(d->r, "homes_lcho", lcho, &d->e) ||
	       rec_policy_set(d->r, "address", "1 Civic Square, Anytown, AN1 1AA", &d->e) ||
	       rec_policy_set(d->r, "phone", "0300 000 0000", &d->e) ||
	       rec_policy_set(d->r, "email", "complaints@demo-homes.example", &d->e) ? -1 : 0;
}

static int parse_int(const char *s, const char *what, long min, long max, long *out)
{
	char *end;

	*out = strtol(s, &end, 10);
	if (!*s || *end || *out < min || *out > max)
		return cli_error("--%s must be a whole number from %ld to %ld", what, min, max);
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{ "homes", NULL, O_STR },
		{ "years", NULL, O_STR },
		{ "seed", NULL, O_STR },
		{ "force", NULL, O_FLAG },
		{ NULL, NULL, 0 }
	};
	struct cli c;
	struct rec r;
	struct demo d;
	long homes = 20000, years = 3, seed = 1;
	const char *path;
	struct timespec t0, t1;
	date_t day, today;
	int rc = 1;

	if (cli_parse(&c, argc, argv, opts, usage))
		return 2;
	if (c.npos ||
	    (cli_opt(&c, "homes") && parse_int(cli_opt(&c, "homes"), "homes", 100, 1000000, &homes)) ||
	    (cli_opt(&c, "years") && parse_int(cli_opt(&c, "years"), "years", 1, 20, &years)) ||
	    (cli_opt(&c, "seed") && parse_int(cli_opt(&c, "seed"), "seed", 0, 2147483647L, &seed))) {
		cli_free(&c);
		return c.npos ? cli_usage(usage) : 2;
	}
	path = c.db ? c.db : "redress.db";
	if (access(path, F_OK) == 0) {
		if (!json_is_true(json_object_get(c.opts, "force"))) {
			cli_free(&c);
			return cli_error("%s already exists: use --force to replace it, or another --db", path);
		}
		char wal[512], shm[512];

		snprintf(wal, sizeof(wal), "%s-wal", path);
		snprintf(shm, sizeof(shm), "%s-shm", path);
		unlink(path);
		unlink(wal);
		unlink(shm);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (cli_open(&c, &r, 1)) {
		cli_free(&c);
		return 1;
	}
	memset(&d, 0, sizeof(d));
	d.r = &r;
	d.damp = json_array();
	d.homes = (int)homes;
	rng_seed(&d.rng, (uint64_t)seed * 0x9e3779b97f4a7c15ULL + 7);
	today = r.today;
	d.end = today;
	d.start = today - (date_t)(years * 365);
	if (rec_batch_begin(&r, &d.e) || staff(&d) || policy(&d))
		goto fail;
	{
		double per_day = homes * 40.0 / 1000.0 / 365.0;

		for (day = d.start; day <= d.end; day++) {
			int n = date_weekday(day) >= 5 ? poisson(&d.rng, per_day * 0.3)
				: poisson(&d.rng, per_day * 1.28);

			for (int i = 0; i < n; i++)
				if (complaint(&d, day))
					goto fail;
			n = date_weekday(day) >= 5 ? 0 : poisson(&d.rng, per_day * 0.5);
			for (int i = 0; i < n; i++)
				if (service_request(&d, day))
					goto fail;
		}
	}
	if (ombudsman_reports(&d, today))
		goto fail;
	r.today = today;
	if (rec_batch_commit(&r, &d.e))
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	{
		char end[DATE_STRLEN];

		printf("Demo landlord \"Redress Demo Homes\" in %s: %ld homes, %ld years to %s (seed %ld)\n",
		       path, homes, years, date_format(d.end, end), seed);
	}
	printf("  %d complaints (%d escalated to stage 2, %d not accepted, %d withdrawn, %d extended, %d closed)\n",
	       d.n.complaints, d.n.stage2, d.n.refused, d.n.withdrawn, d.n.extended, d.n.closed);
	printf("  %d people (%d with reasonable adjustments, %d with contact restrictions), %d repeat complaints, %d service requests\n",
	       d.n.people, d.n.adjustments, d.n.restrictions, d.n.repeat, d.n.sreqs);
	printf("  staff: %d handlers, olu.officer and sam.officer (complaints officers), rhian.lead, board.mrc, admin\n",
	       d.nhandlers);
	printf("  the Ombudsman's reports: %s, a spotlight report on damp and mould (published %s), "
	       "and %s, its annual landlord performance report on %s (published %s)\n",
	       d.omr[1], d.omr_on[1], d.omr[0], d.covers, d.omr_on[0]);
	printf("  built in %.2f s\n", (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	rc = 0;
	goto out;
fail:
	if (r.batch)
		rec_batch_rollback(&r);
	cli_fail(&d.e);
	rc = 1;
out:
	json_decref(d.damp);
	rec_close(&r);
	cli_free(&c);
	return rc;
}
