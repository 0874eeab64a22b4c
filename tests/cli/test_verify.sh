#!/bin/sh
# test_verify.sh - "redress verify": every record's events are hash-chained,
# so editing, deleting or reordering events in the database is detected and
# the record affected is named (design.md, "The record is an event log").
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

GOOD=$T/good.db
expect_ok "demo" "$REDRESS" demo --db "$GOOD" --homes 500 --years 1 --seed 3
expect_ok "no WAL left behind" test ! -s "$GOOD-wal"
expect_out "verify untampered rc" 0 sh -c "\"$REDRESS\" verify --db \"$GOOD\" >/dev/null; echo \$?"
out=$("$REDRESS" verify --db "$GOOD" 2>&1)
case $out in OK:*"every hash chain verifies"*) ok ;; *) bad "verify says OK: [$out]" ;; esac
nev=$(sqlite3 "$GOOD" "select count(*) from events")
nst=$(sqlite3 "$GOOD" "select count(distinct stream) from events")
expect_out "verify counts" "OK: $nev events in $nst records, every hash chain verifies" \
	"$REDRESS" verify --db "$GOOD"
expect_json "verify --json ok" ok true "$REDRESS" verify --db "$GOOD" --json
expect_json "verify --json events" events "$nev" "$REDRESS" verify --db "$GOOD" --json

# the stream with the most events (at least 4 are needed below)
S=$(sqlite3 "$GOOD" "select stream from events group by stream order by count(*) desc, stream limit 1")
N=$(sqlite3 "$GOOD" "select max(seq) from events where stream = '$S'")
if [ "$N" -ge 4 ]; then ok; else bad "stream $S has only $N events"; fi
# another stream, to check that only the tampered one is named
O=$(sqlite3 "$GOOD" "select stream from events where stream != '$S' group by stream order by count(*) desc, stream limit 1")

# --- the log is append-only ----------------------------------------------------------
cp "$GOOD" "$DB"
expect_fail "plain UPDATE refused" "events are append-only" \
	sqlite3 "$DB" "UPDATE events SET payload = '{}' WHERE stream = '$S' AND seq = 2"
expect_fail "plain DELETE refused" "events are append-only" \
	sqlite3 "$DB" "DELETE FROM events WHERE stream = '$S' AND seq = 2"
expect_ok "still verifies" "$REDRESS" verify --db "$DB"
expect_out "still the same events" "$nev" sqlite3 "$DB" "select count(*) from events"

# tampered DESC SQL: on a fresh copy of the untampered database, a tamperer
# drops the triggers and runs SQL; verify must exit 1 and name stream $S
# (and only $S: the stream $O, untouched, must not be named).
tampered() {
	desc=$1 sql=$2
	rm -f "$DB"
	cp "$GOOD" "$DB"
	if ! sqlite3 "$DB" "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; $sql" 2>"$T/err"; then
		bad "$desc: tampering failed: $(head -3 "$T/err")"
		return
	fi
	out=$("$REDRESS" verify --db "$DB" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ]; then ok; else bad "$desc: verify exit $rc, want 1: $out"; fi
	if printf '%s\n' "$out" | grep -q -F -- "$S: "; then ok; else
		bad "$desc: verify does not name $S: $out"
	fi
	if printf '%s\n' "$out" | grep -q -F -- "$O: "; then
		bad "$desc: verify names the untouched $O: $out"
	else ok; fi
	if printf '%s\n' "$out" | grep -q "problems* found in .*tampered"; then ok; else
		bad "$desc: no summary line: $out"
	fi
	got=$("$REDRESS" verify --db "$DB" --json | json_field ok)
	if [ "$got" = false ]; then ok; else bad "$desc: --json ok is [$got]"; fi
}

# (a) one event's payload edited
tampered "edit payload" \
	"UPDATE events SET payload = json_set(payload, '$.tampered', 1) WHERE stream = '$S' AND seq = 2"
printf '%s\n' "$out" | grep -q "$S: event 2 (id [0-9]*) was altered" && ok ||
	bad "edit payload: event 2 not named as altered: $out"

# (a') the actor changed (who did it), not the payload
tampered "edit actor" "UPDATE events SET actor = 'someone.else' WHERE stream = '$S' AND seq = 3"

# (a'') the effective date back-dated
tampered "edit effective_on" \
	"UPDATE events SET effective_on = '2000-01-01' WHERE stream = '$S' AND seq = 2"

# (b) a middle event deleted
tampered "delete middle event" "DELETE FROM events WHERE stream = '$S' AND seq = 2"
printf '%s\n' "$out" | grep -q "$S: event 3 follows event 1" && ok ||
	bad "delete middle: gap not reported: $out"

# (c) the seq of two events in one stream swapped
tampered "swap seq" "UPDATE events SET seq = -1 WHERE stream = '$S' AND seq = 2;
	UPDATE events SET seq = 2 WHERE stream = '$S' AND seq = 3;
	UPDATE events SET seq = 3 WHERE stream = '$S' AND seq = -1"

# (d) the last event of a stream deleted
tampered "delete last event" "DELETE FROM events WHERE stream = '$S' AND seq = $N"
printf '%s\n' "$out" | grep -q "$S: the record is at event $N but its log ends at event $((N - 1))" && ok ||
	bad "delete last: head mismatch not reported: $out"

# (e) every event of a stream deleted
tampered "delete whole stream" "DELETE FROM events WHERE stream = '$S'"

# (f) a payload edited by someone who also recomputes that event's own hash:
# the next event no longer chains to it.
rm -f "$DB"
cp "$GOOD" "$DB"
python3 - "$DB" "$S" <<'EOF'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;")
row = db.execute("select id, prev_hash, stream, seq, type, actor, recorded_at, effective_on, payload "
                 "from events where stream = ? and seq = 2", (sys.argv[2],)).fetchone()
payload = row[8].replace("}", ',"tampered":1}', 1) if row[8].startswith("{") else row[8] + " "
parts = [row[1], row[2], str(row[3]), row[4], row[5], row[6], row[7], payload]
h = hashlib.sha256("".join(p + "\n" for p in parts).encode()).hexdigest()
db.execute("update events set payload = ?, hash = ? where id = ?", (payload, h, row[0]))
db.commit()
EOF
out=$("$REDRESS" verify --db "$DB" 2>&1)
rc=$?
if [ "$rc" -eq 1 ]; then ok; else bad "rehashed edit: verify exit $rc: $out"; fi
printf '%s\n' "$out" | grep -q "$S: event 3 does not chain" && ok ||
	bad "rehashed edit: event 3 not reported: $out"
printf '%s\n' "$out" | grep -q "was altered" && bad "rehashed edit: the rehash should make event 2 itself look intact: $out" || ok

# --- the untampered copy still verifies, and verify changes nothing ----------------
before=$(sqlite3 "$GOOD" "select count(*), max(id) from events")
expect_ok "good still verifies" "$REDRESS" verify --db "$GOOD"
expect_out "verify wrote nothing" "$before" sqlite3 "$GOOD" "select count(*), max(id) from events"
expect_fail "verify without a database" "no database" "$REDRESS" verify --db "$T/none.db"
expect_fail "verify extra argument" "usage" "$REDRESS" verify extra --db "$GOOD"

finish
