/*
 * copy.h - moving a landlord between backends (SQLite <-> PostgreSQL).
 *
 * Every event is copied as it is, so every hash chain still verifies at
 * the destination; the projections are rebuilt there from the events, the
 * reference counters are carried on, and the sign-in secrets (hashes only)
 * go too.  The destination must hold no events yet.  All of it is one
 * transaction at the destination: a copy is complete or absent.
 */
#ifndef REDRESS_STORE_COPY_H
#define REDRESS_STORE_COPY_H

#include <stdint.h>

#include "store/store.h"

struct copy_report {
	int64_t events, records, complaints, secrets;
};

/* "from" and "to" as store_open takes them; "to" is created if needed. */
int copy_landlord(const char *from, const char *to, struct copy_report *rep,
		  struct rd_err *e);

#endif
