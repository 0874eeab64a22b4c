/*
 * migrations.h - the numbered SQL migrations of each backend, compiled in
 * from src/store/migrations/NNN_name.sql and src/store/migrations/pg/.
 */
#ifndef REDRESS_STORE_MIGRATIONS_H
#define REDRESS_STORE_MIGRATIONS_H

struct store_migration {
	int version;
	const char *name;
	const char *sql;
};

/* SQLite: src/store/migrations/NNN_*.sql */
extern const struct store_migration store_migrations[];
extern const int store_migrations_count;

/* PostgreSQL: src/store/migrations/pg/NNN_*.sql */
extern const struct store_migration store_pg_migrations[];
extern const int store_pg_migrations_count;

#endif
