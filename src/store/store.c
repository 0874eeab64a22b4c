/*
 * store.c - what every backend shares: opening by URL, appending with the
 * hash chain, verifying the chains.
 */
#include "store/store.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg.h"
#include "store/sqlite.h"
#include "util/buf.h"

store *store_open(const char *where, int create, struct rd_err *e)
{
	if (!where || !*where)
		where = "redress.db";
	if (!strncmp(where, "pg:", 3))
		return store_pg_open(where + 3, create, e);
	if (!strncmp(where, "postgres://", 11) || !strncmp(where, "postgresql://", 13))
		return store_pg_open(where, create, e);
	if (!strncmp(where, "sqlite:", 7))
		where += 7;
	return store_sqlite_open(where, create, e);
}

void store_close(store *s)
{
	if (s)
		s->ops->close(s);
}

int store_begin(store *s, struct rd_err *e)
{
	return s->ops->begin(s, e);
}

int store_commit(store *s, struct rd_err *e)
{
	return s->ops->commit(s, e);
}

void store_rollback(store *s)
{
	s->ops->rollback(s);
}

/*
 * The hashed text: each field on its own line, the payload last (it is
 * the only field that may hold a newline, so nothing can be shifted from
 * one field into another).
 */
void store_event_hash(const struct store_event *ev, char out[STORE_HASHLEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	char seq[24];

	snprintf(seq, sizeof(seq), "%lld", (long long)ev->seq);
	crypto_hash_sha256_init(&st);
#define PART(x) do { \
	crypto_hash_sha256_update(&st, (const unsigned char *)(x), strlen(x)); \
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1); \
} while (0)
	PART(ev->prev_hash);
	PART(ev->stream);
	PART(seq);
	PART(ev->type);
	PART(ev->actor);
	PART(ev->recorded_at);
	PART(ev->effective_on);
	PART(ev->payload);
#undef PART
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, STORE_HASHLEN, h, sizeof(h));
}

int store_append(store *s, struct store_event *ev, struct rd_err *e)
{
	int64_t seq;

	if (s->ops->head(s, ev->stream, &seq, ev->prev_hash, e))
		return -1;
	ev->seq = seq + 1;
	store_event_hash(ev, ev->hash);
	return s->ops->insert_event(s, ev, e);
}

/* ---- verify --------------------------------------------------------- */

struct verify {
	FILE *out;
	char stream[256];
	int64_t seq;
	char hash[STORE_HASHLEN];
	int64_t nevents, nstreams;
	int problems;
	/* stream -> last seq and hash seen in the log */
	struct tail { char *stream; int64_t seq; char hash[STORE_HASHLEN]; } *tails;
	size_t ntails, cap;
	/* events of the current stream whose contents do not match their
	 * hash: each must be named, with the hash of its redacted form, by a
	 * later "record.redacted" event of the stream (store/privacy.h) */
	struct pending { int64_t seq, id; char hash[STORE_HASHLEN], got[STORE_HASHLEN]; } *pend;
	size_t npend, pcap;
};

static void problem(struct verify *v, const char *fmt, const char *stream,
		    long long a, long long b)
{
	v->problems++;
	if (v->out) {
		fprintf(v->out, "%s: ", stream);
		fprintf(v->out, fmt, a, b);
		fputc('\n', v->out);
	}
}

static void end_stream(struct verify *v)
{
	struct tail *t;

	if (!v->stream[0])
		return;
	for (size_t i = 0; i < v->npend; i++)
		problem(v, "event %lld (id %lld) was altered: its contents do not match its hash",
			v->stream, (long long)v->pend[i].seq, (long long)v->pend[i].id);
	v->npend = 0;
	if (v->ntails == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 256;
		v->tails = xrealloc(v->tails, v->cap * sizeof(*v->tails));
	}
	t = &v->tails[v->ntails++];
	t->stream = xstrdup(v->stream);
	t->seq = v->seq;
	memcpy(t->hash, v->hash, STORE_HASHLEN);
}

/*
 * A redaction names each event it changed with its original hash and the
 * hash of its redacted form: an event so named is no longer altered.
 */
static void redacted(struct verify *v, const char *payload)
{
	json_t *p = json_loads(payload, 0, NULL), *x;
	size_t i;

	json_array_foreach(json_object_get(p, "events"), i, x) {
		json_int_t seq = json_integer_value(json_object_get(x, "seq"));
		const char *h = json_string_value(json_object_get(x, "hash"));
		const char *r = json_string_value(json_object_get(x, "redacted_hash"));

		for (size_t k = 0; h && r && k < v->npend; k++) {
			if (v->pend[k].seq == seq && !strcmp(v->pend[k].hash, h) &&
			    !strcmp(v->pend[k].got, r)) {
				v->pend[k] = v->pend[--v->npend];
				break;
			}
		}
	}
	json_decref(p);
}

static int verify_event(const struct store_event *ev, void *ctx)
{
	struct verify *v = ctx;
	char want[STORE_HASHLEN];

	if (strcmp(ev->stream, v->stream)) {
		end_stream(v);
		snprintf(v->stream, sizeof(v->stream), "%s", ev->stream);
		v->seq = 0;
		v->hash[0] = '\0';
		v->nstreams++;
	}
	v->nevents++;
	if (ev->seq != v->seq + 1)
		problem(v, "event %lld follows event %lld: an event is missing or out of order",
			ev->stream, (long long)ev->seq, (long long)v->seq);
	if (strcmp(ev->prev_hash, v->hash))
		problem(v, "event %lld does not chain to the event before it (id %lld): events were deleted, inserted or reordered",
			ev->stream, (long long)ev->seq, (long long)ev->id);
	store_event_hash(ev, want);
	if (strcmp(want, ev->hash)) {
		struct pending *p;

		if (v->npend == v->pcap) {
			v->pcap = v->pcap ? v->pcap * 2 : 16;
			v->pend = xrealloc(v->pend, v->pcap * sizeof(*v->pend));
		}
		p = &v->pend[v->npend++];
		p->seq = ev->seq;
		p->id = ev->id;
		memcpy(p->hash, ev->hash, STORE_HASHLEN);
		memcpy(p->got, want, STORE_HASHLEN);
	}
	if (!strcmp(ev->type, "record.redacted"))
		redacted(v, ev->payload);
	v->seq = ev->seq;
	memcpy(v->hash, ev->hash, STORE_HASHLEN);
	return 0;
}

static int cmp_tail(const void *a, const void *b)
{
	return strcmp(((const struct tail *)a)->stream, ((const struct tail *)b)->stream);
}

static int verify_head(const char *stream, int64_t seq, const char *hash, void *ctx)
{
	struct verify *v = ctx;
	struct tail key = { .stream = (char *)stream }, *t;

	t = bsearch(&key, v->tails, v->ntails, sizeof(*t), cmp_tail);
	if (!t) {
		problem(v, "the record is at event %lld but the log has none of its events%.0lld",
			stream, (long long)seq, 0LL);
		return 0;
	}
	if (t->seq != seq || strcmp(t->hash, hash))
		problem(v, "the record is at event %lld but its log ends at event %lld: events were deleted or changed",
			stream, (long long)seq, (long long)t->seq);
	return 0;
}

int store_verify(store *s, FILE *report, int64_t *nevents, int64_t *nstreams,
		 struct rd_err *e)
{
	struct verify v;
	int rc;

	memset(&v, 0, sizeof(v));
	v.out = report;
	/* One snapshot for the log and the heads, so a write landing between
	 * the two reads is not taken for tampering. */
	if (s->ops->read_begin(s, e))
		return -1;
	rc = s->ops->events(s, NULL, verify_event, &v, e);
	end_stream(&v);
	if (!rc) {
		qsort(v.tails, v.ntails, sizeof(*v.tails), cmp_tail);
		rc = s->ops->heads(s, verify_head, &v, e);
	}
	s->ops->read_end(s);
	for (size_t i = 0; i < v.ntails; i++)
		free(v.tails[i].stream);
	free(v.tails);
	free(v.pend);
	if (nevents)
		*nevents = v.nevents;
	if (nstreams)
		*nstreams = v.nstreams;
	return rc ? -1 : v.problems;
}
