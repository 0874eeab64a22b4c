/*
 * parallel.c - a report's passes side by side.
 */
#include "reports/parallel.h"

#include <string.h>

/* The pass on its own connection reads in one read transaction, so all
 * its queries see one state of the database (as the main pass's do when
 * the caller holds one, as the server's reads do). */
static void *run(void *arg)
{
	struct par *p = arg;
	store *st = p->reader.st;

	if (st->ops->read_begin(st, &p->err)) {
		p->rc = -1;
		return NULL;
	}
	p->rc = p->fn(&p->reader, p->arg, &p->err);
	st->ops->read_end(st);
	return NULL;
}

void par_start(struct par *p, struct rec *r, par_fn fn, void *arg)
{
	memset(p, 0, sizeof(*p));
	p->fn = fn;
	p->arg = arg;
	if (!rec_reader_open(r, &p->reader, &p->err)) {
		if (!pthread_create(&p->thread, NULL, run, p)) {
			p->threaded = 1;
			return;
		}
		rec_reader_close(&p->reader);
	}
	memset(&p->err, 0, sizeof(p->err));
	p->rc = fn(r, arg, &p->err);
}

int par_join(struct par *p, struct rd_err *e)
{
	if (p->threaded) {
		pthread_join(p->thread, NULL);
		rec_reader_close(&p->reader);
		p->threaded = 0;
	}
	if (p->rc && e)
		*e = p->err;
	return p->rc;
}
