/*
 * sqlite.h - the SQLite backend of the store.
 */
#ifndef REDRESS_STORE_SQLITE_H
#define REDRESS_STORE_SQLITE_H

#include "store/store.h"

/* Opens (or with "create", creates) the database file at "path", in WAL
 * mode with synchronous=FULL: a write is on disk when commit returns. */
store *store_sqlite_open(const char *path, int create, struct rd_err *e);

#endif
