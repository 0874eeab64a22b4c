#!/bin/sh
# Runs every test: the cmocka unit tests (normal and ASan+UBSan builds)
# and the command-line tests against the real binary on temporary
# databases.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

results=$(mktemp)
trap 'rm -f "$results"' EXIT
failed_suites=""

unit() {
	bin=$1
	out=$("$bin" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed, or a sanitizer stopped it
	fi
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -v '^\[ *\(RUN\|OK\) *\]' | tail -40
		failed_suites="$failed_suites $bin"
	fi
	printf '%-44s %4d passed, %d failed\n' "$bin" "$p" "$f"
	echo "$p $f" >> "$results"
}

for b in $(find build/tests build-san/tests -type f -name 'test_*' 2>/dev/null | sort); do
	unit "$b"
done

for bin in redress build-san/redress; do
	[ -x "$bin" ] || continue
	label=""
	[ "$bin" = redress ] || label=asan
	for t in tests/cli/test_*.sh; do
		[ -f "$t" ] || continue
		case $t in
		*test_pg.sh) continue ;;
		*test_crash.sh) [ -z "$label" ] || continue ;;	# once is enough
		esac
		out=$(REDRESS="$PWD/$bin" LABEL="$label" RESULTS="$results" sh "$t" 2>&1)
		rc=$?
		printf '%s\n' "$out" | grep -E '^(FAIL|cli/)' || true
		if [ "$rc" -ne 0 ]; then
			failed_suites="$failed_suites $t${label:+($label)}"
			if ! printf '%s\n' "$out" | grep -q '^cli/'; then
				printf '%s\n' "$out" | tail -20
				echo "0 1" >> "$results"
			fi
		fi
	done
done

# The same command-line tests on PostgreSQL, on a server of the run's own.
# (test_demo and test_verify read and tamper with the SQLite file itself.)
pgdir=$(mktemp -d)
rmdir "$pgdir"
if pgurl=$(sh scripts/pg-test-server.sh start "$pgdir" 2>/dev/null); then
	for t in tests/cli/test_*.sh; do
		case $t in *test_demo.sh|*test_verify.sh|*test_crash.sh) continue ;; esac
		out=$(REDRESS="$PWD/redress" LABEL=pg REDRESS_TEST_STORE=pg REDRESS_TEST_PG="$pgurl" \
			RESULTS="$results" sh "$t" 2>&1)
		rc=$?
		printf '%s\n' "$out" | grep -E '^(FAIL|cli/)' || true
		if [ "$rc" -ne 0 ]; then
			failed_suites="$failed_suites $t(pg)"
			if ! printf '%s\n' "$out" | grep -q '^cli/'; then
				printf '%s\n' "$out" | tail -20
				echo "0 1" >> "$results"
			fi
		fi
	done
	# ... and the HTTP end-to-end tests on PostgreSQL.
	if command -v node >/dev/null 2>&1 && [ -d node_modules ] && [ -d tests/http ]; then
		out=$(REDRESS="$PWD/redress" REDRESS_TEST_STORE=pg REDRESS_TEST_PG="$pgurl" \
			node --test --test-reporter=tap tests/http/ 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
		p=${p:-0}
		f=${f:-0}
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
		if [ "$f" -ne 0 ]; then
			printf '%s\n' "$out" | grep -E -B2 -A12 '^not ok' | head -60
			failed_suites="$failed_suites http(pg)"
		fi
		printf '%-44s %4d passed, %d failed\n' "http (redress, postgresql)" "$p" "$f"
		echo "$p $f" >> "$results"
	fi
	sh scripts/pg-test-server.sh stop "$pgdir"
else
	echo "postgresql: could not start a test server"
	echo "0 1" >> "$results"
	failed_suites="$failed_suites postgresql"
fi

# The HTTP API end to end (Node's test runner against the real server),
# and the OpenAPI description linted.
if command -v node >/dev/null 2>&1 && [ -d node_modules ]; then
	if out=$(node_modules/.bin/redocly lint docs/openapi.yaml 2>&1); then
		echo "openapi lint: 1 passed, 0 failed"
		echo "1 0" >> "$results"
	else
		printf '%s\n' "$out" | tail -30
		echo "openapi lint: 0 passed, 1 failed"
		echo "0 1" >> "$results"
		failed_suites="$failed_suites openapi-lint"
	fi
	for bin in redress build-san/redress; do
		[ -x "$bin" ] || continue
		[ -d tests/http ] || break
		out=$(REDRESS="$PWD/$bin" node --test --test-reporter=tap tests/http/ 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
		p=${p:-0}
		f=${f:-0}
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
		if [ "$f" -ne 0 ]; then
			printf '%s\n' "$out" | grep -E -B2 -A12 '^not ok|# Subtest' | grep -v '^# Subtest' | head -80
			failed_suites="$failed_suites http($bin)"
		fi
		printf '%-44s %4d passed, %d failed\n' "http ($bin)" "$p" "$f"
		echo "$p $f" >> "$results"
	done
	# The pages in headless Chromium: journeys, axe, keyboard, security.
	if [ -d tests/web ]; then
		out=$(REDRESS="$PWD/redress" node --test --test-concurrency=1 --test-reporter=tap tests/web/ 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
		p=${p:-0}
		f=${f:-0}
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
		if [ "$f" -ne 0 ]; then
			printf '%s\n' "$out" | grep -E -B2 -A20 '^not ok' | head -80
			failed_suites="$failed_suites web"
		fi
		printf '%-44s %4d passed, %d failed\n' "web (chromium)" "$p" "$f"
		echo "$p $f" >> "$results"
	fi
else
	echo "http: node or node_modules missing (run make test, which installs them)"
	echo "0 1" >> "$results"
fi

# A short run of every fuzz target (make fuzz runs them longer).
if ls build-fuzz/fuzz/fuzz_* >/dev/null 2>&1; then
	out=$(FUZZ_SECONDS=${FUZZ_SECONDS:-10} sh tests/fuzz/run.sh 2>&1)
	printf '%s\n' "$out" | grep -E '^fuzz' || true
	p=$(printf '%s\n' "$out" | sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
	f=$(printf '%s\n' "$out" | sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
	echo "${p:-0} ${f:-1}" >> "$results"
	[ "${f:-1}" -eq 0 ] || { printf '%s\n' "$out" | tail -40; failed_suites="$failed_suites fuzz"; }
fi

total_p=$(awk '{s += $1} END {print s + 0}' "$results")
total_f=$(awk '{s += $2} END {print s + 0}' "$results")
[ -n "$failed_suites" ] && echo "failing:$failed_suites"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ] && [ -z "$failed_suites" ]
