/*
 * parallel.h - a report's independent passes run side by side, each
 * through its own connection (rec_reader_open), so a report over a
 * million complaints uses both of a small server's cores.
 *
 *	struct par p;
 *	par_start(&p, r, count_tsm, &tsm);	// runs in a thread of its own
 *	... the main pass through r ...
 *	rc = par_join(&p, e);			// count_tsm's result and error
 *
 * When no second connection or thread can be had (an in-memory
 * database), par_start() runs the pass at once through "r" and par_join()
 * gives its result: the report is the same either way, only slower.
 * The pass may read r's policy and calendar but not change them, and
 * must not touch what the main pass writes until par_join() returns.
 *
 * The pass reads in a read transaction of its own, begun when it starts:
 * it sees one state of the database, but not necessarily the very state
 * of the main pass's transaction (SQLite as Debian builds it shares no
 * snapshot between connections).  A change committed in the moment
 * between the two can be counted by one pass and not the other; a report
 * of a year already ended, the kind that is published, is read from
 * records that no longer change.
 */
#ifndef REDRESS_REPORTS_PARALLEL_H
#define REDRESS_REPORTS_PARALLEL_H

#include <pthread.h>

#include "store/record.h"
#include "util/err.h"

typedef int (*par_fn)(struct rec *r, void *arg, struct rd_err *e);

struct par {
	struct rec reader;
	par_fn fn;
	void *arg;
	struct rd_err err;
	int rc;
	int threaded;
	pthread_t thread;
};

void par_start(struct par *p, struct rec *r, par_fn fn, void *arg);

/* Waits for the pass: its return value, and its error in "e". */
int par_join(struct par *p, struct rd_err *e);

#endif
