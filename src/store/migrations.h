/*
 * migrations.h - the numbered SQL migrations, compiled in from
 * src/store/migrations/NNN_name.sql.
 */
#ifndef REDRESS_STORE_MIGRATIONS_H
#define REDRESS_STORE_MIGRATIONS_H

struct store_migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct store_migration store_migrations[];
extern const int store_nmigrations;

#endif
