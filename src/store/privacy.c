/*
 * privacy.c - retention and erasure: forgetting personal data in the
 * hash-chained log by redaction (see privacy.h).
 */
#include "store/privacy.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/aggregate.h"
#include "core/complaint.h"
#include "util/buf.h"
#include "util/json.h"

/* ---- what is personal -------------------------------------------------- */

/* Strings kept as they are: reference numbers, pseudonymous ids, staff,
 * and the codes the reports count. */
static const char *const keep_keys[] = {
	"reference", "id", "person_id", "category", "channel", "estate",
	"building", "tenure", "handler", "outcome", "type", "head_of_loss",
	"clause", "kind", "method", "format", "frequency", "relationship",
	"status", "code", "region", "user", "role", "owner", "approved_by",
	"stage", "record", "hash", "redacted_hash", "payload_sha256",
	"requested_by", "exclusion", NULL
};

static int in(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

/* 2026-11-23, or a stamp 2026-11-23T10:15:00Z */
static int date_like(const char *s)
{
	size_t n = strlen(s);

	return n >= 10 && n <= 30 && strspn(s, "0123456789-T:Z.+") == n && s[4] == '-';
}

/* a code: lower case letters, digits, '_' and '.' */
static int code_like(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.") == n;
}

static int keep(const char *key, const char *val, const json_t *parent)
{
	if (!*val || !strcmp(val, PRIV_REDACTED) || in(keep_keys, key))
		return 1;
	if ((ends_with(key, "_on") || ends_with(key, "_by") || ends_with(key, "_date") ||
	     ends_with(key, "_at") || !strcmp(key, "on") || !strcmp(key, "until")) &&
	    date_like(val))
		return 1;
	if (!strcmp(key, "reason") || !strcmp(key, "outcome") || !strcmp(key, "decision"))
		/* an extension's reason is a figure of the board pack */
		return code_like(val) || json_object_get(parent, "resident_informed_on");
	return 0;
}

static int walk(json_t *j, const char *key, json_t *parent)
{
	const char *k;
	json_t *v;
	size_t i;
	int n = 0;

	if (json_is_object(j)) {
		void *tmp;

		json_object_foreach_safe(j, tmp, k, v) {
			if (json_is_string(v) && !keep(k, json_string_value(v), j)) {
				json_object_set_new(j, k, json_string(PRIV_REDACTED));
				n++;
			} else {
				n += walk(v, k, j);
			}
		}
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v) {
			if (json_is_string(v) && !keep(key, json_string_value(v), parent)) {
				json_array_set_new(j, i, json_string(PRIV_REDACTED));
				n++;
			} else {
				n += walk(v, key, parent);
			}
		}
	}
	return n;
}

int priv_anonymise(json_t *j)
{
	return walk(j, "", NULL);
}

/* ---- forgetting one record ---------------------------------------------- */

struct evcopy {
	int64_t seq;
	char *type, *actor, *recorded_at, *effective_on, *payload;
	char prev_hash[STORE_HASHLEN], hash[STORE_HASHLEN];
};

struct evlist {
	struct evcopy *v;
	size_t n, cap;
};

static int copy_event(const struct store_event *ev, void *ctx)
{
	struct evlist *l = ctx;
	struct evcopy *c;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	c = &l->v[l->n++];
	c->seq = ev->seq;
	c->type = xstrdup(ev->type);
	c->actor = xstrdup(ev->actor);
	c->recorded_at = xstrdup(ev->recorded_at);
	c->effective_on = xstrdup(ev->effective_on);
	c->payload = xstrdup(ev->payload);
	memcpy(c->prev_hash, ev->prev_hash, STORE_HASHLEN);
	memcpy(c->hash, ev->hash, STORE_HASHLEN);
	return 0;
}

static void free_events(struct evlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].type);
		free(l->v[i].actor);
		free(l->v[i].recorded_at);
		free(l->v[i].effective_on);
		free(l->v[i].payload);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void sha256_hex(const char *s, char out[STORE_HASHLEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, STORE_HASHLEN, h, sizeof(h));
}

/*
 * Redacts every event of "stream" that holds personal data, appends the
 * record.redacted event naming them, and anonymises the state.  Inside
 * the caller's transaction.  Adds the events redacted to "*count".
 */
static int forget(struct rec *r, const char *stream, const char *why,
		  long long *count, struct rd_err *e)
{
	struct evlist l = { 0 };
	json_t *list = json_array(), *state = NULL;
	char today[DATE_STRLEN];
	int rc = -1;

	date_format(r->today, today);
	if (r->st->ops->events(r->st, stream, copy_event, &l, e))
		goto out;
	for (size_t i = 0; i < l.n; i++) {
		struct evcopy *c = &l.v[i];
		json_t *p = json_loads(c->payload, 0, NULL);
		char *text, digest[STORE_HASHLEN], want[STORE_HASHLEN];
		struct store_event ev;

		if (!p || !priv_anonymise(p)) {
			json_decref(p);
			continue;
		}
		text = js_dump(p);
		json_decref(p);
		memset(&ev, 0, sizeof(ev));
		ev.stream = stream;
		ev.seq = c->seq;
		ev.type = c->type;
		ev.actor = c->actor;
		ev.recorded_at = c->recorded_at;
		ev.effective_on = c->effective_on;
		ev.payload = text;
		memcpy(ev.prev_hash, c->prev_hash, STORE_HASHLEN);
		store_event_hash(&ev, want);
		sha256_hex(c->payload, digest);
		if (r->st->ops->redact(r->st, stream, c->seq, text, digest, today, e)) {
			free(text);
			goto out;
		}
		free(text);
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s}", "seq", (json_int_t)c->seq,
						      "hash", c->hash, "payload_sha256", digest,
						      "redacted_hash", want));
	}
	if (rec_load(r, stream, &state, e))
		goto out;
	if (json_array_size(list)) {
		json_t *payload = json_pack("{s:s, s:O}", "reason", why, "events", list);

		*count += (long long)json_array_size(list);
		priv_anonymise(state);
		rc = rec_append(r, stream, "record.redacted", payload, state, e);
		json_decref(payload);
	} else if (priv_anonymise(state)) {
		char *text = js_dump(state), kind[32];
		int64_t seq;
		char head[STORE_HASHLEN];

		agg_kind(stream, kind, sizeof(kind));
		rc = r->st->ops->head(r->st, stream, &seq, head, e) ||
		     r->st->ops->state_put(r->st, stream, kind, seq, head, text, e) ? -1 : 0;
		free(text);
	} else {
		rc = 0;
	}
out:
	json_decref(state);
	json_decref(list);
	free_events(&l);
	return rc;
}

/* ---- when a record ended ------------------------------------------------ */

/* The day of the last event that changed "stream" (reads of special
 * category data and redactions are not changes), into "out". */
static int last_change_event(const struct store_event *ev, void *ctx)
{
	char *out = ctx;

	if (strcmp(ev->type, "person.special_category_read") &&
	    strcmp(ev->type, "record.redacted") && strcmp(ev->effective_on, out) > 0)
		snprintf(out, DATE_STRLEN, "%.10s", ev->effective_on);
	return 0;
}

static int last_change(struct rec *r, const char *stream, char out[DATE_STRLEN],
		       struct rd_err *e)
{
	out[0] = '\0';
	return r->st->ops->events(r->st, stream, last_change_event, out, e);
}

/* Every "person_id" anywhere in "j", as keys of "set". */
static void person_ids(const json_t *j, json_t *set)
{
	const char *k;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_foreach((json_t *)j, k, v) {
			if (!strcmp(k, "person_id") && json_is_string(v))
				json_object_set_new(set, json_string_value(v), json_true());
			else
				person_ids(v, set);
		}
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			person_ids(v, set);
	}
}

static int has_ended(const char *kind, const json_t *st)
{
	if (!strcmp(kind, "complaint"))
		return !cmp_is_open(st);
	if (!strcmp(kind, "service_request"))
		return strcmp(js_str0(st, "status"), "open") != 0;
	return 1;	/* feedback */
}

/* ---- retention ---------------------------------------------------------- */

static const char *const case_kinds[] = { "complaint", "service_request", "feedback", NULL };

struct sweep {
	struct rec *r;
	const char *kind;
	char cutoff[DATE_STRLEN];
	json_t *candidates;	/* [stream] */
	json_t *kept_people;	/* {id: true}: a record of theirs is kept */
	json_t *ended_people;	/* {id: true}: a record of theirs ended long ago */
	struct rd_err *e;
	int failed;
};

/* 1 if the state still holds personal data (it was not anonymised yet) */
static int personal(const json_t *st)
{
	json_t *copy = json_deep_copy(st);
	int n = priv_anonymise(copy);

	json_decref(copy);
	return n > 0;
}

static int sweep_case(const char *stream, const char *state, void *ctx)
{
	struct sweep *w = ctx;
	json_t *st = json_loads(state, 0, NULL);
	char last[DATE_STRLEN];
	int old = 0;

	if (!st)
		return 0;
	if (has_ended(w->kind, st)) {
		if (last_change(w->r, stream, last, w->e)) {
			json_decref(st);
			w->failed = 1;
			return 1;
		}
		old = last[0] && strcmp(last, w->cutoff) < 0;
	}
	if (old && personal(st))
		json_array_append_new(w->candidates, json_string(stream));
	person_ids(st, old ? w->ended_people : w->kept_people);
	json_decref(st);
	return 0;
}

static int sweep_person(const char *stream, const char *state, void *ctx)
{
	struct sweep *w = ctx;
	const char *id = stream + strlen("person:");
	char last[DATE_STRLEN];
	json_t *st = json_loads(state, 0, NULL);
	int skip = !st || !personal(st);

	json_decref(st);
	if (skip || json_object_get(w->kept_people, id))
		return 0;
	if (!json_object_get(w->ended_people, id)) {
		/* no record of theirs: their own record's last change counts */
		if (last_change(w->r, stream, last, w->e)) {
			w->failed = 1;
			return 1;
		}
		if (!last[0] || strcmp(last, w->cutoff) >= 0)
			return 0;
	}
	json_array_append_new(w->candidates, json_string(stream));
	return 0;
}

int priv_retention_run(struct rec *r, int dry_run, json_t **summary,
		       struct rd_err *e)
{
	struct sweep w = { .r = r, .e = e };
	long long years = js_int(r->policy, "retention_years", 6), redacted = 0;
	long long counts[4] = { 0 };
	size_t i;
	json_t *s;
	int rc = 0;

	*summary = NULL;
	if (rec_allow(r, (const char *const[]){ "admin", NULL },
		      "anonymise records past their retention period", e))
		return -1;
	date_format(date_add_months(r->today, -(int)(years * 12)), w.cutoff);
	w.candidates = json_array();
	w.kept_people = json_object();
	w.ended_people = json_object();
	for (int k = 0; case_kinds[k] && !w.failed; k++) {
		w.kind = case_kinds[k];
		if (r->st->ops->states(r->st, w.kind, sweep_case, &w, e) < 0)
			w.failed = 1;
	}
	if (!w.failed && r->st->ops->states(r->st, "person", sweep_person, &w, e) < 0)
		w.failed = 1;
	if (w.failed) {
		rc = -1;
		goto out;
	}
	if (!dry_run && json_array_size(w.candidates)) {
		if (rec_txn_begin(r, e)) {
			rc = -1;
			goto out;
		}
		json_array_foreach(w.candidates, i, s)
			if ((rc = forget(r, json_string_value(s), "retention", &redacted, e)))
				break;
		if (rec_txn_end(r, rc, e)) {
			rc = -1;
			goto out;
		}
		if (!r->batch && r->st->ops->scrub(r->st, e)) {
			rc = -1;
			goto out;
		}
	}
	json_array_foreach(w.candidates, i, s) {
		const char *name = json_string_value(s);

		counts[!strncmp(name, "complaint:", 10) ? 0 : !strncmp(name, "service_request:", 16) ? 1 :
		       !strncmp(name, "feedback:", 9) ? 2 : 3]++;
	}
	*summary = json_pack("{s:I, s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:O}",
			     "retention_years", (json_int_t)years, "cutoff", w.cutoff,
			     "dry_run", dry_run, "complaints", (json_int_t)counts[0],
			     "service_requests", (json_int_t)counts[1], "feedback", (json_int_t)counts[2],
			     "people", (json_int_t)counts[3], "events_redacted", (json_int_t)redacted,
			     "records", w.candidates);
out:
	json_decref(w.candidates);
	json_decref(w.kept_people);
	json_decref(w.ended_people);
	return rc;
}

/* ---- erasure ------------------------------------------------------------ */

static const struct { const char *code, *text; } reasons[] = {
	{ "open_complaint", "a complaint still being handled: the Code requires the record "
	  "of it (5.1, 6.1) and it is needed to answer it (UK GDPR art. 17(3)(e))" },
	{ "open_service_request", "a service request not yet completed (Code 1.4)" },
	{ "ombudsman_window", "the final response was less than 12 months ago: the resident "
	  "may still bring the complaint to the Housing Ombudsman, who will ask for the record "
	  "(UK GDPR art. 17(3)(b), (e))" },
	{ "retention_period", "within the retention period after the case ended (policy "
	  "retention_years): kept for legal claims (UK GDPR art. 17(3)(e), Limitation Act 1980)" },
	{ "linked_records_kept", "records of the person are kept for the reasons given, and "
	  "they need the person's record" },
};

const char *priv_reason_text(const char *code)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (!strcmp(reasons[i].code, code))
			return reasons[i].text;
	return code;
}

struct mine {
	struct rec *r;
	const char *id, *kind;
	json_t *kept, *erase;
	long long years;
	struct rd_err *e;
	int failed;
};

static int decide_case(const char *stream, const char *state, void *ctx)
{
	struct mine *m = ctx;
	json_t *st = json_loads(state, 0, NULL), *ids = json_object();
	char last[DATE_STRLEN] = "", until[DATE_STRLEN];
	const char *why = NULL;
	date_t end;

	person_ids(st, ids);
	if (!json_object_get(ids, m->id))
		goto out;
	if (!has_ended(m->kind, st)) {
		why = !strcmp(m->kind, "complaint") ? "open_complaint" : "open_service_request";
		until[0] = '\0';
	} else {
		if (last_change(m->r, stream, last, m->e)) {
			m->failed = 1;
			goto out;
		}
		if (date_parse(last, &end))
			end = m->r->today;
		if (!strcmp(m->kind, "complaint") &&
		    date_add_months(end, 12) > m->r->today) {
			why = "ombudsman_window";
			date_format(date_add_months(end, 12), until);
		} else if (date_add_months(end, (int)(12 * m->years)) > m->r->today) {
			why = "retention_period";
			date_format(date_add_months(end, (int)(12 * m->years)), until);
		}
	}
	if (why)
		json_array_append_new(m->kept, json_pack("{s:s, s:s, s:s*}", "record", stream,
							 "reason", why, "until", until[0] ? until : NULL));
	else
		json_array_append_new(m->erase, json_string(stream));
out:
	json_decref(ids);
	json_decref(st);
	return m->failed;
}

int priv_erase(struct rec *r, const char *id, const char *grounds,
	       json_t **decision, struct rd_err *e)
{
	struct mine m = { .r = r, .id = id, .e = e };
	json_t *person = NULL, *d = NULL, *x;
	char stream[64], today[DATE_STRLEN];
	long long redacted = 0;
	const char *outcome;
	size_t i;
	int rc = -1;

	*decision = NULL;
	if (rec_allow(r, (const char *const[]){ "complaints_officer", "senior_lead", "admin", NULL },
		      "decide an erasure request", e))
		return -1;
	if (!grounds || strspn(grounds, " \t\r\n") == strlen(grounds))
		return err_set(e, RD_EINVAL, "reason", NULL,
			       "say on what grounds the person asks for erasure (UK GDPR art. 17(1))");
	if (strlen(grounds) > 4000)
		return err_set(e, RD_EINVAL, "reason", NULL,
			       "the grounds are %zu characters; at most 4000", strlen(grounds));
	snprintf(stream, sizeof(stream), "person:%s", id);
	if (strlen(id) > 32 || rec_load(r, stream, &person, NULL))
		return err_set(e, RD_ENOTFOUND, "person", NULL, "no person %s", id);
	m.kept = json_array();
	m.erase = json_array();
	m.years = js_int(r->policy, "retention_years", 6);
	for (int k = 0; case_kinds[k]; k++) {
		m.kind = case_kinds[k];
		if (r->st->ops->states(r->st, m.kind, decide_case, &m, e) < 0 || m.failed)
			goto out;
	}
	if (json_array_size(m.kept))
		json_array_append_new(m.kept, json_pack("{s:s, s:s}", "record", stream,
							"reason", "linked_records_kept"));
	else
		json_array_append_new(m.erase, json_string(stream));
	outcome = !json_array_size(m.kept) ? "erased" :
		  json_array_size(m.erase) ? "partly_erased" : "refused";
	d = json_pack("{s:s, s:s, s:s, s:s, s:O, s:O}", "person_id", id,
		      "requested_on", date_format(r->today, today), "grounds", grounds,
		      "outcome", outcome, "erased", m.erase, "kept", m.kept);
	if (rec_txn_begin(r, e))
		goto out;
	rc = rec_append(r, stream, "person.erasure_decided", d, person, e);
	json_array_foreach(m.erase, i, x)
		if (!rc)
			rc = forget(r, json_string_value(x), "erasure", &redacted, e);
	if (rec_txn_end(r, rc, e)) {
		rc = -1;
		goto out;
	}
	if (!r->batch && r->st->ops->scrub(r->st, e)) {
		rc = -1;
		goto out;
	}
	json_object_set_new(d, "events_redacted", json_integer(redacted));
	*decision = json_incref(d);
out:
	json_decref(d);
	json_decref(person);
	json_decref(m.kept);
	json_decref(m.erase);
	return rc;
}
