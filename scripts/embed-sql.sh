#!/bin/sh
# Turns the numbered migration files into a C array of strings:
#   const struct store_migration NAME[]; and its length, NAME_count
# Usage: embed-sql.sh NAME FILE...
set -eu
name=$1
shift
printf '/* Generated from src/store/migrations by scripts/embed-sql.sh. */\n'
printf '#include "store/migrations.h"\n\n'
printf 'const struct store_migration %s[] = {\n' "$name"
n=0
for f in "$@"; do
	base=$(basename "$f" .sql)
	version=$(printf '%s' "$base" | sed 's/^0*\([0-9][0-9]*\).*/\1/')
	printf '\t{ %s, "%s",\n' "$version" "$base"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t  "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
	n=$((n + 1))
done
printf '};\n\nconst int %s_count = %d;\n' "$name" "$n"
