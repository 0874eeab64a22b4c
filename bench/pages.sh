#!/bin/sh
# Server-side rendering of the staff workspace on the demo landlord (20,000
# homes, 3 years): the dashboard of a handler with open cases, and the
# page of the case with the most events, each with wrk on loopback, 3
# runs: the median of pages/s and of the 99th percentile latency, with one
# connection (each page's own render time; target: p99 under 20 ms) and
# with 8 (two server threads shared by 8 users at once).
# Usage: bench/pages.sh DIR
set -eu
dir=$1
port=${BENCH_PORT:-18779}
secs=${BENCH_SECONDS:-5}
db=$dir/pages.db
rm -f "$db" "$db-wal" "$db-shm"
./redress demo --db "$db" >/dev/null
# The handler with the most open cases, and the case with the most events.
user=$(sqlite3 "$db" "SELECT handler FROM complaints WHERE open = 1 AND handler IS NOT NULL
	GROUP BY handler ORDER BY count(*) DESC LIMIT 1")
ref=$(sqlite3 "$db" "SELECT substr(stream, 11) FROM events WHERE stream LIKE 'complaint:%'
	GROUP BY stream ORDER BY count(*) DESC LIMIT 1")
token=$(./redress user token "$user" --db "$db")
REDRESS_ASSETS=build/web ./redress serve --db "$db" --port "$port" --access-log /dev/null 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break
	sleep 0.2
done

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p'; }
ms() { sed -n 's/^ *99% *\([0-9.]*\)\([a-z]*\)/\1 \2/p' |
	awk '{ v = $1; if ($2 == "us") v /= 1000; if ($2 == "s") v *= 1000; printf "%.2f\n", v }'; }
median() { sort -n | sed -n 2p; }

for c in 1 8; do
	for page in "/" "/cases/$ref"; do
		r="" p=""
		for i in 1 2 3; do
			out=$(wrk -t1 -c$c -d${secs}s --latency -H "Authorization: Bearer $token" \
				"http://127.0.0.1:$port$page")
			r="$r $(printf '%s\n' "$out" | rps)"
			p="$p $(printf '%s\n' "$out" | ms)"
		done
		name=$([ "$page" = "/" ] && echo dashboard || echo case_page)
		echo "page_${name}_c$c: $(printf '%s\n' $r | median) pages/s, p99 $(printf '%s\n' $p | median) ms" \
			"(median of 3, wrk -t1 -c$c -d${secs}s; user $user, $ref)"
	done
done
