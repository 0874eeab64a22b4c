/*
 * copy.c - events across as they are; projections rebuilt from them.
 */
#include "store/copy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/aggregate.h"
#include "store/record.h"
#include "util/buf.h"
#include "util/json.h"

struct walk {
	store *to;
	struct copy_report *rep;
	struct rd_err *e;
	char stream[256];
	char kind[32];
	int64_t seq;
	char hash[STORE_HASHLEN];
	json_t *state;
	json_t *counters;	/* counter name -> highest number seen */
	int failed;
};

/* CMP-2026-000123 -> counter "CMP-2026", 123; P-000001 -> "P", 1. */
static void note_counter(json_t *counters, const char *id)
{
	const char *dash = strrchr(id, '-');
	char name[64];
	long long n;

	if (!dash || dash == id || (size_t)(dash - id) >= sizeof(name))
		return;
	n = strtoll(dash + 1, NULL, 10);
	snprintf(name, sizeof(name), "%.*s", (int)(dash - id), id);
	if (n > js_int(counters, name, 0))
		json_object_set_new(counters, name, json_integer(n));
}

static int flush(struct walk *w)
{
	char *text;
	int rc;

	if (!w->state)
		return 0;
	text = js_dump(w->state);
	rc = w->to->ops->state_put(w->to, w->stream, w->kind, w->seq, w->hash, text, w->e);
	free(text);
	note_counter(w->counters, strchr(w->stream, ':') ? strchr(w->stream, ':') + 1 : w->stream);
	json_decref(w->state);
	w->state = NULL;
	w->rep->records++;
	return rc;
}

static int copy_event(const struct store_event *ev, void *ctx)
{
	struct walk *w = ctx;
	struct store_event copy = *ev;
	json_t *payload;

	if (strcmp(ev->stream, w->stream)) {
		if (flush(w))
			return w->failed = 1;
		snprintf(w->stream, sizeof(w->stream), "%s", ev->stream);
		agg_kind(ev->stream, w->kind, sizeof(w->kind));
		w->state = agg_initial(w->kind);
	}
	/* The event goes across unchanged: same seq, same hashes. */
	if (w->to->ops->insert_event(w->to, &copy, w->e))
		return w->failed = 1;
	payload = json_loads(ev->payload, 0, NULL);
	if (!payload) {
		err_set(w->e, RD_EIO, "", NULL, "event %lld of %s is not valid JSON",
			(long long)ev->seq, ev->stream);
		return w->failed = 1;
	}
	agg_apply(w->kind, w->state, ev->type, payload);
	json_decref(payload);
	w->seq = ev->seq;
	memcpy(w->hash, ev->hash, STORE_HASHLEN);
	w->rep->events++;
	return 0;
}

static int copy_secret(const char *kind, const char *user, const char *hash,
		       const char *at, const char *expires, void *ctx)
{
	struct walk *w = ctx;
	int rc = !strcmp(kind, "password")
		 ? w->to->ops->password_set(w->to, user, hash, at, w->e)
		 : w->to->ops->token_add(w->to, hash, user, kind, at, expires, w->e);

	if (rc)
		return w->failed = 1;
	w->rep->secrets++;
	return 0;
}

static int any_head(const char *stream, int64_t seq, const char *hash, void *ctx)
{
	(void)stream;
	(void)seq;
	(void)hash;
	*(int *)ctx = 1;
	return 1;
}

static int index_one(const char *stream, const char *state, void *ctx)
{
	struct walk *w = ctx;
	struct rec *r = (struct rec *)w->state;
	json_t *st = json_loads(state, 0, NULL);
	int rc;

	(void)stream;
	if (!st)
		return w->failed = 1;
	rc = rec_index_complaint(r, st, w->e);
	json_decref(st);
	if (rc)
		return w->failed = 1;
	w->rep->complaints++;
	return 0;
}

static int index_person(const char *stream, const char *state, void *ctx)
{
	struct walk *w = ctx;
	json_t *st = json_loads(state, 0, NULL);
	int rc;

	(void)stream;
	if (!st)
		return w->failed = 1;
	rc = rec_index_person((struct rec *)w->state, st, w->e);
	json_decref(st);
	return rc ? (w->failed = 1) : 0;
}

int copy_landlord(const char *from, const char *to, struct copy_report *rep,
		  struct rd_err *e)
{
	struct walk w;
	struct rec dst;
	store *src;
	const char *key;
	json_t *v;
	int nonempty = 0, rc = -1;

	memset(rep, 0, sizeof(*rep));
	memset(&w, 0, sizeof(w));
	src = store_open(from, 0, e);
	if (!src)
		return -1;
	if (rec_open(&dst, to, 1, e)) {
		store_close(src);
		return -1;
	}
	if (dst.st->ops->heads(dst.st, any_head, &nonempty, e) < 0)
		goto out;
	if (nonempty) {
		err_set(e, RD_ECONFLICT, "to", NULL,
			"%s already holds records: copy into an empty landlord", to);
		goto out;
	}
	w.to = dst.st;
	w.rep = rep;
	w.e = e;
	w.counters = json_object();
	if (rec_batch_begin(&dst, e))
		goto out;
	if (src->ops->events(src, NULL, copy_event, &w, e) < 0 || w.failed || flush(&w) ||
	    src->ops->secrets(src, copy_secret, &w, e) || w.failed)
		goto fail;
	json_object_foreach(w.counters, key, v)
		if (dst.st->ops->counter_set(dst.st, key, json_integer_value(v), e))
			goto fail;
	/* The complaint columns need the landlord's calendar, now copied. */
	if (rec_reload(&dst, e))
		goto fail;
	w.state = (json_t *)&dst;
	if (dst.st->ops->states(dst.st, "complaint", index_one, &w, e) < 0 || w.failed ||
	    dst.st->ops->states(dst.st, "person", index_person, &w, e) < 0 || w.failed)
		goto fail;
	w.state = NULL;
	if (rec_batch_commit(&dst, e))
		goto out;
	rc = 0;
	goto out;
fail:
	w.state = NULL;
	rec_batch_rollback(&dst);
out:
	json_decref(w.state);
	json_decref(w.counters);
	rec_close(&dst);
	store_close(src);
	return rc;
}
