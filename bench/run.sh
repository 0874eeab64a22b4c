#!/bin/sh
# make bench: every benchmark, medians, with the machine they ran on.
set -eu
cd "$(dirname "$0")/.."
dir=build/bench-data
mkdir -p "$dir"
echo "# $(uname -m), $(nproc) cores, $(date -u +%Y-%m-%d)"
build/bench/bench_workdays
build/bench/bench_letter
build/bench/bench_append "$dir" "${BENCH_APPEND_N:-2000}"
# redress demo with the defaults (20,000 homes, 3 years), 5 runs.
times=""
for i in 1 2 3 4 5; do
	rm -f "$dir/demo.db" "$dir/demo.db-wal" "$dir/demo.db-shm"
	s=$(date +%s.%N)
	./redress demo --db "$dir/demo.db" >/dev/null
	e=$(date +%s.%N)
	times="$times $(echo "$e - $s" | bc -l)"
done
echo "demo_default: $(printf '%s\n' $times | sort -n | sed -n 3p | cut -c1-5) s (median of 5)"
# The reports and the API on SQLite and, side by side, on PostgreSQL (a
# server of the run's own); without PostgreSQL, SQLite alone.
pgdir=$(mktemp -d)
rmdir "$pgdir"
pgurl=$(sh scripts/pg-test-server.sh start "$pgdir" 2>/dev/null) || pgurl=""
build/bench/bench_reports "$dir" "${BENCH_REPORT_N:-1000000}" $pgurl
bench/http.sh "$dir"
bench/pages.sh "$dir"
if [ -n "$pgurl" ]; then
	bench/http.sh "$dir" "$pgurl"
	sh scripts/pg-test-server.sh stop "$pgdir"
fi
rm -rf "$dir"
