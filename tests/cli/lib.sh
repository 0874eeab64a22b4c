# lib.sh - helpers for the command-line tests.  Each test file sources it,
# runs the real redress binary against databases in a temporary directory,
# and ends with "finish".
#
#   expect_out DESC EXPECTED CMD...    stdout is exactly EXPECTED, exit 0
#   expect_ok DESC CMD...              exit 0
#   expect_fail DESC TEXT CMD...       exit non-zero, stderr contains TEXT
#   unchanged DESC TEXT CMD...         as expect_fail, and the database is
#                                      byte-for-byte the same in content
#   expect_json DESC JQPATH EXPECTED CMD...   a field of --json output

REDRESS=${REDRESS:-redress}
T=$(mktemp -d)
DB=$T/redress.db

# REDRESS_TEST_STORE=pg runs the same tests on PostgreSQL: the database is
# a landlord of its own on the test run's server (REDRESS_TEST_PG), and
# the tests' own look-ups through "sqlite3 $DB" go to it through psql.
if [ "${REDRESS_TEST_STORE:-sqlite}" = pg ]; then
	landlord=t$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
	DB="$REDRESS_TEST_PG?landlord=$landlord"
	sqlite3() {
		if [ "$1" != "$DB" ]; then
			command sqlite3 "$@"
			return
		fi
		q=$(printf '%s' "$2" | sed -E "s/json_extract\(([a-z_.]+), '\\\$\.([a-z_]+)'\)/(\1::json->>'\2')/g")
		PGOPTIONS="-c search_path=$landlord" psql -X -q -A -t -F '|' "$REDRESS_TEST_PG" -c "$q"
	}
fi
export REDRESS_TODAY=${REDRESS_TODAY:-2026-11-23}
cd "$T" || exit 1
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
name=$(basename "$0" .sh)

r() { "$REDRESS" "$@" --db "$DB"; }

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	printf 'FAIL: %s: %s\n' "$name" "$*"
}

expect_out() {
	desc=$1 want=$2
	shift 2
	got=$("$@" 2>"$T/err")
	rc=$?
	if [ "$rc" -eq 0 ] && [ "$got" = "$want" ]; then ok; else
		bad "$desc: want [$want] got [$got] rc=$rc $(head -3 "$T/err")"
	fi
}

expect_ok() {
	desc=$1
	shift
	if "$@" >"$T/out" 2>"$T/err"; then ok; else
		bad "$desc: exit $? $(head -5 "$T/err")"
	fi
}

expect_fail() {
	desc=$1 text=$2
	shift 2
	if "$@" >"$T/out" 2>"$T/err"; then
		bad "$desc: succeeded but should have failed"
	elif grep -q -F -- "$text" "$T/err"; then ok; else
		bad "$desc: stderr lacks [$text]: $(head -3 "$T/err")"
	fi
}

digest() {
	sqlite3 "$DB" "SELECT * FROM events ORDER BY id; SELECT * FROM aggregates ORDER BY stream;
		SELECT * FROM complaints ORDER BY reference; SELECT * FROM counters ORDER BY name;" |
		sha256sum
}

unchanged() {
	desc=$1 text=$2
	shift 2
	before=$(digest)
	expect_fail "$desc" "$text" "$@"
	after=$(digest)
	if [ "$before" = "$after" ]; then ok; else bad "$desc: the database changed"; fi
}

# json_field FIELD: reads JSON on stdin and prints one field (a.b.c).
json_field() {
	python3 -c 'import json,sys
v=json.load(sys.stdin)
for k in sys.argv[1].split("."):
    v = v[int(k)] if isinstance(v, list) else v.get(k)
print("null" if v is None else (json.dumps(v) if isinstance(v,(dict,list,bool)) else v))' "$1"
}

expect_json() {
	desc=$1 field=$2 want=$3
	shift 3
	got=$("$@" 2>"$T/err" | json_field "$field")
	if [ "$got" = "$want" ]; then ok; else
		bad "$desc: $field want [$want] got [$got] $(head -3 "$T/err")"
	fi
}

finish() {
	echo "cli/$name${LABEL:+ ($LABEL)}: $pass passed, $fail failed"
	[ -n "${RESULTS:-}" ] && echo "$pass $fail" >> "$RESULTS"
	[ "$fail" -eq 0 ]
}
