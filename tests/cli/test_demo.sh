#!/bin/sh
# test_demo.sh - "redress demo": a realistic landlord built from a seed.
# The same seed gives the same data; the volumes are near the sector rates
# (about 40 stage 1 and 8 stage 2 complaints per 1,000 homes a year).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

A=$T/a.db
B=$T/b.db
C=$T/c.db
Q="select stream, seq, type, effective_on, payload from events order by stream, seq"
q() { sqlite3 "$A" "$1"; }

"$REDRESS" demo --db "$A" --homes 2000 --years 2 --seed 7 >"$T/demo.out" 2>"$T/err" &&
	ok || bad "demo seed 7: $(head -3 "$T/err")"
expect_ok "demo again, same seed" "$REDRESS" demo --db "$B" --homes 2000 --years 2 --seed 7
expect_ok "demo, other seed" "$REDRESS" demo --db "$C" --homes 2000 --years 2 --seed 8

# --- the same seed gives the same data ---------------------------------------------
if [ "$(sqlite3 "$A" "$Q")" = "$(sqlite3 "$B" "$Q")" ]; then ok; else bad "seed 7 twice: events differ"; fi
# recorded_at comes from the fixed time source, so even the hashes agree
if [ "$(sqlite3 "$A" "select * from events order by id")" = \
	"$(sqlite3 "$B" "select * from events order by id")" ]; then ok; else
	bad "seed 7 twice: recorded_at or hashes differ"
fi
if [ "$(sqlite3 "$A" "select * from aggregates order by stream")" = \
	"$(sqlite3 "$B" "select * from aggregates order by stream")" ]; then ok; else
	bad "seed 7 twice: aggregates differ"
fi
if [ "$(sqlite3 "$A" "$Q")" != "$(sqlite3 "$C" "$Q")" ]; then ok; else bad "seeds 7 and 8 give the same events"; fi
if [ "$(sqlite3 "$A" "select received_on from complaints order by reference")" != \
	"$(sqlite3 "$C" "select received_on from complaints order by reference")" ]; then ok; else
	bad "seeds 7 and 8 give the same complaints"
fi

# --- plausible volumes -----------------------------------------------------------------
# in_range DESC LOW HIGH VALUE
in_range() {
	if [ "$4" -ge "$2" ] && [ "$4" -le "$3" ]; then ok; else bad "$1: $4 not in [$2, $3]"; fi
}
# 2000 homes x 2 years x 40 per 1,000 = 160 expected
n=$(q "select count(*) from complaints")
in_range "stage 1 complaints" 100 220 "$n"
# 2000 x 2 x 8 per 1,000 = 32 expected at stage 2
s2=$(q "select count(*) from complaints where stage = 2")
in_range "stage 2 complaints" 10 70 "$s2"
in_range "some in stage2*" 1 1000 "$(q "select count(*) from complaints where status like 'stage2%'")"
in_range "some escalated and closed" 1 1000 "$(q "select count(*) from complaints where stage = 2 and status = 'closed'")"
in_range "some not accepted" 1 1000 "$(q "select count(*) from complaints where status = 'not_accepted'")"
in_range "some closed" 1 1000 "$(q "select count(*) from complaints where status = 'closed'")"
in_range "most closed" "$((n / 2))" "$n" "$(q "select count(*) from complaints where status = 'closed'")"
in_range "some still open" 1 1000 "$(q "select count(*) from complaints where open = 1")"
in_range "some extended" 1 1000 \
	"$(q "select count(*) from aggregates where kind = 'complaint' and json_extract(state, '$.stages[0].extended_days') > 0")"
in_range "people" 50 2000 "$(q "select count(*) from aggregates where kind = 'person'")"
in_range "service requests" 1 1000 "$(q "select count(*) from aggregates where kind = 'service_request'")"
# received within the two years up to today (2024-11-23 .. 2026-11-23)
expect_out "received in range" "0" \
	sqlite3 "$A" "select count(*) from complaints where received_on < '2024-11-23' or received_on > '2026-11-23'"
expect_out "both years used" "1" \
	sqlite3 "$A" "select min(received_on) < '2025-03-01' and max(received_on) > '2026-09-01' from complaints"
# the Code's rules held on every case: the stage 2 handler is never the stage 1 one (6.13)
expect_out "6.13 held" 0 sqlite3 "$A" "select count(*) from aggregates where kind = 'complaint'
	and json_extract(state, '$.stages[1].handler') = json_extract(state, '$.stages[0].handler')"
# every accepted complaint was acknowledged with a definition (5.6)
expect_out "5.6 held" 0 sqlite3 "$A" "select count(*) from aggregates where kind = 'complaint'
	and json_extract(state, '$.stages[0].acknowledged_on') is not null
	and json_extract(state, '$.stages[0].definition.summary') is null"
# it is history: nothing dated after today (Mon 23 Nov 2026)
expect_out "nothing in the future" 0 sqlite3 "$A" "select count(*) from events where effective_on > '2026-11-23'"
expect_out "acknowledged after receipt" 0 sqlite3 "$A" "select count(*) from aggregates where kind = 'complaint'
	and json_extract(state, '$.stages[0].acknowledged_on') < json_extract(state, '$.received_on')"
expect_out "responded after acknowledgement" 0 sqlite3 "$A" "select count(*) from aggregates where kind = 'complaint'
	and json_extract(state, '$.stages[0].responded_on') < json_extract(state, '$.stages[0].acknowledged_on')"
# a case closes only when every action and remedy is complete (6.6, 6.17)
expect_out "closed means actions done" 0 sqlite3 "$A" "select count(*) from aggregates a, json_each(a.state, '$.actions') j
	where a.kind = 'complaint' and json_extract(a.state, '$.status') = 'closed'
	and json_extract(j.value, '$.completed_on') is null"
expect_out "closed means remedies done" 0 sqlite3 "$A" "select count(*) from aggregates a, json_each(a.state, '$.remedies') j
	where a.kind = 'complaint' and json_extract(a.state, '$.status') = 'closed'
	and json_extract(j.value, '$.completed_on') is null"
expect_json "policy homes" homes 2000 "$REDRESS" policy show --db "$A" --json
# 4 + 2000/4000 = 4 handlers, 2 officers, a senior lead, a board member and an admin
expect_out "users" 9 sqlite3 "$A" "select count(*) from aggregates where kind = 'user'"
expect_ok "demo verifies" "$REDRESS" verify --db "$A"

# the summary it prints agrees with the database
sum=$(sed -n 's/^  \([0-9]*\) complaints (\([0-9]*\) escalated to stage 2, \([0-9]*\) not accepted, \([0-9]*\) withdrawn, [0-9]* extended, \([0-9]*\) closed).*/\1 \2 \3 \4 \5/p' "$T/demo.out")
db=$(q "select count(*), sum(stage = 2), sum(status = 'not_accepted'), sum(status = 'withdrawn'), sum(status = 'closed') from complaints" | tr '|' ' ')
if [ -n "$sum" ] && [ "$sum" = "$db" ]; then ok; else bad "summary [$sum] vs database [$db]"; fi
grep -q "2000 homes, 2 years to 2026-11-23 (seed 7)" "$T/demo.out" && ok || bad "summary header: $(head -1 "$T/demo.out")"

# --- the Ombudsman's reports about the landlord (Code 8.1 e, f) -----------------------
# In the reporting year of today (2026/27, from 1 April 2026; today is day
# 236 of it): the spotlight report a quarter of the way in (day 59, 30 May),
# answered half way to the annual report (day 118, 28 July); the annual
# landlord performance report on 2025/26 three quarters of the way in
# (day 177, 25 September), answered half way to today (day 206, 24 October).
expect_out "the reports" "OMR-000001 responded 2026-05-30 Spotlight report: Spotlight on damp and mould: one year on
OMR-000002 responded 2026-09-25 Annual landlord performance report on 2025/26: Landlord performance report 2025-26" \
	"$REDRESS" ombudsman-report list --db "$A"
expect_json "spotlight answered" responded_on 2026-07-28 "$REDRESS" ombudsman-report show OMR-000001 --db "$A" --json
expect_json "annual answered" responded_on 2026-10-24 "$REDRESS" ombudsman-report show OMR-000002 --db "$A" --json
# it names the two latest damp and mould complaints received before it was published
named=$("$REDRESS" ombudsman-report show OMR-000001 --db "$A" --json | json_field complaints | tr -d '[]" ' | tr , ' ')
want=$(q "select reference from complaints where category = 'damp_and_mould' and received_on < '2026-05-30'
	order by received_on desc, reference desc limit 2" | sort | tr '\n' ' ' | sed 's/ $//')
if [ -n "$want" ] && [ "$(echo "$named" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" = "$want" ]; then ok; else
	bad "spotlight names [$named], want [$want]"
fi
grep -q "the Ombudsman's reports: OMR-000001, a spotlight report on damp and mould (published 2026-05-30), and OMR-000002, its annual landlord performance report on 2025/26 (published 2026-09-25)" "$T/demo.out" &&
	ok || bad "summary of the reports: $(grep Ombudsman "$T/demo.out")"
# this year's annual report (the default) has one in (e) and the other in (f)
"$REDRESS" report annual --db "$A" >"$T/annual.txt" 2>"$T/err" || bad "report annual: $(head -3 "$T/err")"
got=$(grep -c -F -e "OMR-000002 Landlord performance report 2025-26, published 2026-09-25, on 2025/26" \
	-e "OMR-000001 Spotlight on damp and mould: one year on, published 2026-05-30 (Spotlight report)" \
	-e "The landlord's response (2026-07-28): We accept the findings." "$T/annual.txt")
[ "$got" = 3 ] && ok || bad "annual report: $got of 3 lines: $(sed -n '/^(e)/,$p' "$T/annual.txt")"

# --- an existing database is not replaced without --force -------------------------------
rm -f "$DB"
cp "$C" "$DB"
unchanged "existing db" "already exists: use --force" r demo --homes 500 --years 1 --seed 1
expect_ok "init db" "$REDRESS" init --db "$T/init.db"
expect_fail "init db refused" "already exists" "$REDRESS" demo --db "$T/init.db" --homes 500 --years 1
expect_out "init db untouched" 0 sqlite3 "$T/init.db" "select count(*) from complaints"
# with --force it is replaced by exactly what the seed gives
expect_ok "force" "$REDRESS" demo --db "$DB" --homes 2000 --years 2 --seed 7 --force
if [ "$(sqlite3 "$DB" "$Q")" = "$(sqlite3 "$A" "$Q")" ]; then ok; else bad "--force: not the seed 7 data"; fi

# --- bad options -------------------------------------------------------------------------
for h in abc -5 0 99 1000001 "" 12x 1e3; do
	expect_fail "--homes '$h'" "--homes must be a whole number from 100 to 1000000" \
		"$REDRESS" demo --db "$T/bad.db" --homes "$h"
done
expect_fail "--years 0" "--years must be a whole number from 1 to 20" \
	"$REDRESS" demo --db "$T/bad.db" --years 0
expect_fail "--years 21" "--years must be a whole number from 1 to 20" \
	"$REDRESS" demo --db "$T/bad.db" --years 21
expect_fail "--seed -1" "--seed must be a whole number" \
	"$REDRESS" demo --db "$T/bad.db" --seed -1
expect_fail "--homes without value" "--homes needs a value" "$REDRESS" demo --db "$T/bad.db" --homes
expect_fail "stray argument" "usage" "$REDRESS" demo --db "$T/bad.db" extra
if [ ! -e "$T/bad.db" ]; then ok; else bad "a refused demo created $T/bad.db"; fi

finish
