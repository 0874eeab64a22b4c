#!/bin/sh
# Retention: "redress retention run" anonymises the personal data of
# records that ended more than retention_years (default 6) ago, keeps every
# statistic (the TSM, board and annual reports give the same figures before
# and after), every hash chain still verifies, and the personal data is
# gone from the database file.  Today is 2026-11-23, so the cut-off is
# 2020-11-23.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect_ok "init" r init
expect_ok "handler" r user add amy --role handler
expect_ok "admin" r user add ada --role admin
expect_ok "board member" r user add bob --role board
expect_ok "homes" r policy set homes 1000

# new RECEIVED NAME EMAIL [more]: a complaint of a new person
new() {
	on=$1 nm=$2 em=$3
	shift 3
	r complaint new --channel phone --category repairs --estate Northfield \
		--description "Leak at the home of $nm" --name "$nm" --email "$em" \
		--received-on "$on" "$@" >/dev/null || bad "new $on"
}
handle() { # REF ACK RESPOND [CLOSE]: acknowledged, answered (upheld), closed
	r complaint acknowledge "$1" --on "$2" --handler amy --summary "Leak reported by the resident" \
		--outcomes "Repair" --responsible "The repair" --not-responsible "Contents" \
		--complex no --vulnerable no >/dev/null || bad "ack $1"
	r complaint respond "$1" --on "$3" --decision "1:upheld:We were late at Flat 9" \
		--remedy "financial:$3:120:Compensation" >/dev/null || bad "respond $1"
	r complaint complete-remedy "$1" 1 --on "$3" >/dev/null || bad "remedy $1"
	[ -z "${4:-}" ] || r complaint close "$1" --on "$4" >/dev/null || bad "close $1"
}

# A (P-000001 Quentin Oldcase): closed 2019-03-01, long past retention.
new 2019-02-04 "Quentin Oldcase" quentin.oldcase@example.org; A=CMP-2019-000001
handle $A 2019-02-06 2019-02-15 2019-03-01
expect_ok "A's person discloses" r person disclose P-000001 --kind disability \
	--detail "Uses a wheelchair since the accident of Quentin" --disclosed-on 2019-02-06 \
	--review-on 2019-08-06
# B (P-000002 Rita Recent): closed 2025-06-10, within retention: kept.
new 2025-05-12 "Rita Recent" rita.recent@example.org; B=CMP-2025-000001
handle $B 2025-05-13 2025-05-20 2025-06-10
# C (P-000003 Olga Stillopen): an old closed complaint (2019) and an open one:
# the old complaint is anonymised, the person is kept for the open one.
new 2019-05-07 "Olga Stillopen" olga.stillopen@example.org; C=CMP-2019-000002
handle $C 2019-05-08 2019-05-15 2019-06-03
new 2026-11-02 "x" x@example.org --person P-000003; D=CMP-2026-000001
# E (P-000004 Walter Withdrawn): withdrawn 2020-01-20: past retention.
new 2020-01-13 "Walter Withdrawn" walter.withdrawn@example.org; E=CMP-2020-000001
expect_ok "E withdrawn" r complaint withdraw $E --on 2020-01-20 --reason "Walter moved away"
# F (P-000005 Nora Notclosed): answered in 2019 but never closed: an open
# case is never anonymised, however old.
new 2019-09-02 "Nora Notclosed" nora.notclosed@example.org; F=CMP-2019-000003
handle $F 2019-09-03 2019-09-10

reports() {
	for y in 2018 2019 2024 2025 2026; do
		r report tsm --year $y --format json
		r report board --year $y --format csv
	done
	r report annual --year 2025 --format json | grep -v '"generated\|exported_on'
}
before=$(reports | sha256sum)
expect_json "verifies before" ok true r verify --json

expect_fail "handlers may not run retention" "the handler role may not anonymise" \
	r retention run --as amy
expect_fail "no such action" "retention run" r retention go
# the dry run counts (A, C, E; people P-000001 and P-000004) and changes nothing
d0=$(digest)
expect_out "dry run" "would anonymise 3 complaints, 0 service requests, 0 feedback and 2 people that ended before 2020-11-23 (retention 6 years); 0 events redacted" \
	r retention run --dry-run
[ "$d0" = "$(digest)" ] && ok || bad "the dry run changed the database"
expect_json "the dry run lists A" records.0 "complaint:$A" r retention run --dry-run --json

expect_out "run" "anonymised 3 complaints, 0 service requests, 0 feedback and 2 people that ended before 2020-11-23 (retention 6 years); 11 events redacted" \
	r retention run --as ada
# 11 events held personal data: of A and of C, received (description,
# name, email), acknowledged (summary) and responded (reasons, remedy
# description), but not the completed remedy or the closure (dates only):
# 3 each; of E, received and withdrawn (the reason): 2; P-000001 created
# and disclosed: 2; P-000004 created: 1.
n=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE type = 'record.redacted'")
[ "$n" = 5 ] && ok || bad "want 5 redaction events (A, C, E, P-000001, P-000004), got $n"

expect_out "a second run finds nothing" "anonymised 0 complaints, 0 service requests, 0 feedback and 0 people that ended before 2020-11-23 (retention 6 years); 0 events redacted" \
	r retention run
expect_json "every chain verifies" ok true r verify --json
expect_json "no problem found" problems 0 r verify --json
after=$(reports | sha256sum)
[ "$before" = "$after" ] && ok || bad "the reports changed after retention"
expect_json "A's complainant" complainant.name "[redacted]" r complaint show $A --json
expect_json "A's category kept" category repairs r complaint show $A --json
expect_json "A's decision kept" stages.0.decisions.0.outcome upheld r complaint show $A --json
expect_json "A's remedy amount kept" remedies.0.amount 120.0 r complaint show $A --json
expect_json "A as at 2019-02-10" status stage1 r complaint show $A --as-at 2019-02-10 --json
expect_json "B kept" complainant.name "Rita Recent" r complaint show $B --json
expect_json "F kept (open)" complainant.name "Nora Notclosed" r complaint show $F --json
expect_json "C anonymised" description "[redacted]" r complaint show $C --json
expect_json "Olga kept" name "Olga Stillopen" r person show P-000003 --json
expect_json "Quentin gone" name "[redacted]" r person show P-000001 --json
expect_json "Walter gone" name "[redacted]" r person show P-000004 --json

# the personal data is nowhere in the database
if [ "${REDRESS_TEST_STORE:-sqlite}" = pg ]; then
	dump() { PGOPTIONS="-c search_path=$landlord" pg_dump -n "$landlord" "$REDRESS_TEST_PG" 2>/dev/null; }
	hay=$T/dump.sql
	dump > "$hay"
else
	hay="$DB"
	[ ! -s "$DB-wal" ] || hay="$DB $DB-wal"
fi
for s in "Quentin Oldcase" quentin.oldcase@example.org "accident of Quentin" "Walter" \
	"Olga Stillopen" olga.stillopen@example.org "at Flat 9"; do
	# shellcheck disable=SC2086
	if grep -a -q -F "$s" $hay; then
		case $s in "Olga Stillopen"|olga.stillopen@example.org|"at Flat 9")
			ok ;;	# Olga's person record and B, F are kept
		*) bad "\"$s\" is still in the database" ;;
		esac
	else
		case $s in "Olga Stillopen"|olga.stillopen@example.org|"at Flat 9")
			bad "\"$s\" should have been kept" ;;
		*) ok ;;
		esac
	fi
done
if grep -a -q -F "Leak at the home of Quentin" $hay; then
	bad "A's description is still in the database"; else ok; fi
if grep -a -q -F "Leak at the home of Rita" $hay; then ok; else
	bad "B's description was lost"; fi

# a landlord moved after retention still verifies: the redactions travel
# with the log
if [ "${REDRESS_TEST_STORE:-sqlite}" = sqlite ]; then
	expect_ok "copy" "$REDRESS" copy --from "sqlite:$DB" --to "sqlite:$T/moved.db"
	expect_json "the copy verifies" problems 0 "$REDRESS" verify --db "$T/moved.db" --json
fi

# retention_years is a policy setting
expect_fail "retention_years 0" "retention_years" r policy set retention_years 0
expect_ok "retention 1 year" r policy set retention_years 1
expect_out "one year: B (closed 2025-06-10) goes, Rita too" \
	"would anonymise 1 complaints, 0 service requests, 0 feedback and 1 people that ended before 2025-11-23 (retention 1 years); 0 events redacted" \
	r retention run --dry-run
finish
