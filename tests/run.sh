#!/bin/sh
# Runs every test: the cmocka unit tests, the command-line tests against
# the real binary on temporary databases, the same on PostgreSQL, the HTTP
# API end to end, the pages in headless Chromium and a short run of each
# fuzz target.  Each suite runs with the normal build and, where it says
# so, with the ASan+UBSan build.
#
# Two lanes run side by side, one per core: the sanitizer build's suites,
# the HTTP tests and the fuzz targets in one, the rest in the other.  Their output is
# printed lane by lane when both are done, each suite with the seconds it
# took.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results	# "passed failed" per suite
failed=$work/failed	# the suites that failed, one per line
: > "$results"
: > "$failed"

now() { date +%s; }

# record NAME PASSED FAILED START: one line of the summary.
record() {
	printf '%-44s %4d passed, %d failed (%ds)\n' "$1" "$2" "$3" $(($(now) - $4))
	echo "$2 $3" >> "$results"
	[ "$3" -eq 0 ] || echo "$1" >> "$failed"
}

unit() {
	start=$(now)
	out=$("$1" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1	# crashed, or a sanitizer stopped it
	[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -v '^\[ *\(RUN\|OK\) *\]' | tail -40
	record "$1" "$p" "$f" "$start"
}

# cli BIN LABEL [pg URL]: every tests/cli/test_*.sh; each prints its own
# "cli/NAME: N passed, N failed" and adds to $RESULTS.
cli() {
	bin=$1 label=$2 pg=${3:-}
	for t in tests/cli/test_*.sh; do
		case $t in
		*test_pg.sh) [ -n "$pg" ] || continue ;;	# it copies between the backends
		*test_crash.sh) [ "$label" = "" ] || continue ;;	# once is enough
		*test_demo.sh|*test_verify.sh) [ -z "$pg" ] || continue ;;	# they read the SQLite file
		esac
		start=$(now)
		if [ -n "$pg" ]; then
			out=$(REDRESS="$PWD/$bin" LABEL="$label" REDRESS_TEST_STORE=pg REDRESS_TEST_PG="$pg" \
				RESULTS="$results" sh "$t" 2>&1)
		else
			out=$(REDRESS="$PWD/$bin" LABEL="$label" RESULTS="$results" sh "$t" 2>&1)
		fi
		rc=$?
		printf '%s\n' "$out" | grep -E '^FAIL' || true
		printf '%s\n' "$out" | grep -E '^cli/' | sed "s/\$/ ($(($(now) - start))s)/"
		if [ "$rc" -ne 0 ]; then
			echo "$t${label:+($label)}" >> "$failed"
			if ! printf '%s\n' "$out" | grep -q '^cli/'; then
				printf '%s\n' "$out" | tail -20
				echo "0 1" >> "$results"
			fi
		fi
	done
}

# node_suite NAME DIR JOBS [ENV=VALUE ...]: Node's test runner over DIR,
# JOBS files at a time ("" for Node's default: one fewer than the cores).
node_suite() {
	name=$1 dir=$2 jobs=$3
	shift 3
	start=$(now)
	out=$(env "$@" node --test ${jobs:+--test-concurrency=$jobs} --test-reporter=tap "$dir" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -E -A40 '^ *not ok' | head -120
	record "$name" "$p" "$f" "$start"
}

have_node() { command -v node >/dev/null 2>&1 && [ -d node_modules ]; }

# The sanitizer build: unit, command line, HTTP; the HTTP tests with the
# normal build on PostgreSQL and on SQLite; then the fuzz targets.
lane_sanitizers() {
	for b in $(find build-san/tests -type f -name 'test_*' 2>/dev/null | sort); do
		unit "$b"
	done
	if [ -x build-san/redress ]; then
		cli build-san/redress asan
		have_node && node_suite "http (build-san/redress)" tests/http/ "" REDRESS="$PWD/build-san/redress"
	else
		echo "build-san/redress missing"
		record "asan build" 0 1 "$(now)"
	fi
	[ -n "$pgurl" ] && have_node && node_suite "http (redress, postgresql)" tests/http/ "" \
		REDRESS="$PWD/redress" REDRESS_TEST_STORE=pg REDRESS_TEST_PG="$pgurl"
	have_node && node_suite "http (redress)" tests/http/ "" REDRESS="$PWD/redress"
	if ls build-fuzz/fuzz/fuzz_* >/dev/null 2>&1; then
		start=$(now)
		out=$(FUZZ_SECONDS=${FUZZ_SECONDS:-10} sh tests/fuzz/run.sh 2>&1)
		printf '%s\n' "$out" | grep -E '^fuzz ' || true
		p=$(printf '%s\n' "$out" | sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
		f=$(printf '%s\n' "$out" | sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
		[ "${f:-1}" -eq 0 ] || printf '%s\n' "$out" | tail -40
		record "fuzz" "${p:-0}" "${f:-1}" "$start"
	fi
}

# The normal build: unit, command line on SQLite and on PostgreSQL, the
# OpenAPI document linted, and the pages in Chromium.
lane_main() {
	for b in $(find build/tests -type f -name 'test_*' 2>/dev/null | sort); do
		unit "$b"
	done
	cli redress ""
	if [ -n "$pgurl" ]; then
		cli redress pg "$pgurl"
	else
		echo "postgresql: could not start a test server"
		record "postgresql" 0 1 "$(now)"
	fi
	if ! have_node; then
		echo "http: node or node_modules missing (run make test, which installs them)"
		record "http" 0 1 "$(now)"
		return
	fi
	start=$(now)
	if out=$(node_modules/.bin/redocly lint docs/openapi.yaml 2>&1); then
		record "openapi lint" 1 0 "$start"
	else
		printf '%s\n' "$out" | tail -30
		record "openapi lint" 0 1 "$start"
	fi
	[ -d tests/web ] && node_suite "web (chromium)" tests/web/ 1 REDRESS="$PWD/redress"
}

# Debian's psql is a Perl wrapper that picks a cluster, some 60 ms a run:
# the tests call the client beside the server they start.
pgbin=$(pg_config --bindir 2>/dev/null || true)
if [ -n "$pgbin" ] && [ -x "$pgbin/psql" ]; then
	PATH="$pgbin:$PATH"
	export PATH
fi

# One PostgreSQL server of the run's own, for both lanes.  (Not inside
# $work: its directory must be reachable by the user it runs as.)
pgdir=$(mktemp -d) && rmdir "$pgdir"
pgurl=$(sh scripts/pg-test-server.sh start "$pgdir" 2>/dev/null) || pgurl=""

lane_sanitizers > "$work/lane-san" 2>&1 &
san=$!
lane_main > "$work/lane-main" 2>&1
wait "$san"
[ -z "$pgurl" ] || sh scripts/pg-test-server.sh stop "$pgdir"
cat "$work/lane-main" "$work/lane-san"

total_p=$(awk '{s += $1} END {print s + 0}' "$results")
total_f=$(awk '{s += $2} END {print s + 0}' "$results")
[ -s "$failed" ] && echo "failing: $(tr '\n' ' ' < "$failed")"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ] && [ ! -s "$failed" ]
