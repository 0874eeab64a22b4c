#!/bin/sh
# HTTP benchmarks with wrk on loopback, 2 threads and 64 connections:
#   - GET one complaint by reference beside GET /livez (a hello-world
#     handler on the same server), alternating, 3 runs each: medians;
#   - POST a new complaint, durable, 3 runs: median, with errors counted;
#   - the server's resident memory at the end of the POST load.
# Usage: bench/http.sh DIR [POSTGRESQL-URL]
#   with a URL, the same on PostgreSQL (a landlord "bench" there), the
#   figures' names ending in _pg.
set -eu
dir=$1
port=${BENCH_PORT:-18777}
secs=${BENCH_SECONDS:-5}
sfx=""
if [ -n "${2:-}" ]; then
	db="$2?landlord=bench"
	sfx=_pg
	psql -X -q "$2" -c "DROP SCHEMA IF EXISTS bench CASCADE" >/dev/null 2>&1 || true
	port=$((port + 1))
else
	db=$dir/http.db
	rm -f "$db" "$db-wal" "$db-shm"
fi
./redress demo --db "$db" >/dev/null
token=$(./redress user token alice --db "$db")
ref=$(./redress complaint list --db "$db" --status closed --limit 1 --json |
	sed -n 's/.*"reference": "\(CMP-[0-9-]*\)".*/\1/p' | head -1)
./redress serve --db "$db" --port "$port" --access-log /dev/null 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break
	sleep 0.2
done

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p'; }
p99() { sed -n 's/^ *99% *\([0-9.]*[a-z]*\)/\1/p'; }
median() { sort -n | sed -n 2p; }

hello="" get="" getp99=""
for i in 1 2 3; do
	hello="$hello $(wrk -t2 -c64 -d${secs}s "http://127.0.0.1:$port/livez" | rps)"
	out=$(wrk -t2 -c64 -d${secs}s --latency -H "Authorization: Bearer $token" \
		"http://127.0.0.1:$port/api/v1/complaints/$ref")
	get="$get $(printf '%s\n' "$out" | rps)"
	getp99="$getp99 $(printf '%s\n' "$out" | p99)"
done
h=$(printf '%s\n' $hello | median)
g=$(printf '%s\n' $get | median)
echo "http_hello_livez$sfx: $h requests/s (median of 3, wrk -t2 -c64 -d${secs}s)"
echo "http_get_complaint$sfx: $g requests/s ($(echo "scale=1; 100 * $g / $h" | bc)% of hello), p99 per run:$getp99"

post=""
for i in 1 2 3; do
	out=$(wrk -t2 -c64 -d${secs}s -s bench/post_complaint.lua \
		"http://127.0.0.1:$port/api/v1/complaints" -- "$token")
	post="$post $(printf '%s\n' "$out" | rps)"
	errs=$(printf '%s\n' "$out" | grep -c '^status ' || true)
	non2xx=$(printf '%s\n' "$out" | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\)/\1/p')
	[ -z "$non2xx" ] || echo "http_post_complaint$sfx: run $i had $non2xx non-2xx answers"
done
echo "http_post_complaint$sfx: $(printf '%s\n' $post | median) created/s durable (median of 3)"
echo "http_rss_after_post_load$sfx: $(ps -o rss= -p $pid | tr -d ' ') KiB"
./redress verify --db "$db" | sed "s/^/http_verify_after_load$sfx: /"
