/*
 * pg.h - the PostgreSQL backend of the store.
 */
#ifndef REDRESS_STORE_PG_H
#define REDRESS_STORE_PG_H

#include "store/store.h"

/*
 * Opens the landlord at "url", a libpq connection URI
 * (postgresql://user@host:port/db) whose query string may name the
 * landlord as landlord=NAME (the schema it lives in; "redress" if not
 * given).  "create" makes the landlord if it does not exist yet.
 */
store *store_pg_open(const char *url, int create, struct rd_err *e);

#endif
