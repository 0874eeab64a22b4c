#!/bin/sh
# PostgreSQL: many landlords in one database, kept apart; moving a
# landlord between backends without losing an event; two servers writing
# to one complaint; a lost database connection.  Runs on a PostgreSQL
# server of its own (it stops and restarts it).
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

# Not under $T: the server runs as the postgres user, who cannot enter it.
pgdir=$(mktemp -d)
rmdir "$pgdir"
base=$(sh "$root/scripts/pg-test-server.sh" start "$pgdir") || { bad "no PostgreSQL server"; finish; exit; }
servers=""
cleanup() {
	for p in $servers; do kill "$p" 2>/dev/null; done
	sh "$root/scripts/pg-test-server.sh" stop "$pgdir"
	rm -rf "$T"
}
trap cleanup EXIT
A="$base?landlord=alpha"
B="$base?landlord=beta"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
serve() { # URL PORT -> pid in $pid
	"$REDRESS" serve --db "$1" --port "$2" --access-log /dev/null 2>>"$T/serve.err" &
	pid=$!
	servers="$servers $pid"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		curl -sf "http://127.0.0.1:$2/livez" >/dev/null && return 0
		sleep 0.2
	done
	return 1
}
get() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "http://127.0.0.1:$2$3"; }

# --- two landlords in one database, kept apart ----------------------------------
expect_ok "alpha" "$REDRESS" init --db "$A"
expect_ok "beta" "$REDRESS" init --db "$B"
for db in "$A" "$B"; do
	"$REDRESS" user add amy --role handler --db "$db" >/dev/null
done
expect_out "alpha's complaint" "CMP-2026-000001 received 2026-11-23; acknowledge by 2026-11-30" \
	"$REDRESS" complaint new --db "$A" --channel phone --category repairs --description "Alpha's leak" \
	--name "Ann" --email ann@example.org
expect_fail "beta cannot see it" "no complaint CMP-2026-000001" "$REDRESS" complaint show CMP-2026-000001 --db "$B"
expect_out "beta's list is empty" "0 complaints" sh -c "'$REDRESS' complaint list --db '$B' | tail -1"
expect_out "beta numbers from 1" "CMP-2026-000001 received 2026-11-23; acknowledge by 2026-11-30" \
	"$REDRESS" complaint new --db "$B" --channel email --category pests --description "Beta's mice" \
	--name "Bob" --email bob@example.org
expect_json "alpha's own stays" description "Alpha's leak" "$REDRESS" complaint show CMP-2026-000001 --db "$A" --json
expect_json "beta's own stays" description "Beta's mice" "$REDRESS" complaint show CMP-2026-000001 --db "$B" --json
expect_fail "a landlord that does not exist" 'no landlord "gamma"' "$REDRESS" complaint list --db "$base?landlord=gamma"
expect_fail "a hostile landlord name" "lower-case letters" "$REDRESS" complaint list --db "$base?landlord=a\";drop"

ta=$("$REDRESS" user token amy --db "$A")
tb=$("$REDRESS" user token amy --db "$B")
pa=$(port); pb=$(port)
serve "$A" "$pa" || bad "server for alpha"
serve "$B" "$pb" || bad "server for beta"
expect_out "alpha's token at alpha" 200 get "$ta" "$pa" /api/v1/complaints/CMP-2026-000001
expect_out "alpha's token at beta" 401 get "$ta" "$pb" /api/v1/complaints/CMP-2026-000001
expect_out "beta's token at alpha" 401 get "$tb" "$pa" /api/v1/complaints
expect_out "the same name, another landlord's token" 401 get "$tb" "$pa" /api/v1/session

# --- two servers, one complaint ---------------------------------------------------
pa2=$(port)
serve "$A" "$pa2" || bad "second server for alpha"
i=0
while [ $i -lt 20 ]; do
	for p in "$pa" "$pa2"; do
		curl -s -o "$T/note.$p.$i" -w '%{http_code}\n' -H "Authorization: Bearer $ta" \
			-H "Content-Type: application/json" -d "{\"text\": \"note $i via $p\"}" \
			"http://127.0.0.1:$p/api/v1/complaints/CMP-2026-000001/notes" >>"$T/codes" &
	done
	i=$((i + 1))
done
wait_notes() { for j in $(seq 1 50); do [ "$(wc -l <"$T/codes")" -ge 40 ] && return; sleep 0.2; done; }
wait_notes
expect_out "40 notes answered 201" 40 sh -c "grep -c '^201$' '$T/codes'"
expect_out "40 notes kept, each once" 40 sh -c "'$REDRESS' complaint show CMP-2026-000001 --db '$A' --json |
	python3 -c 'import json,sys; print(len(set(n[\"text\"] for n in json.load(sys.stdin)[\"notes\"])))'"
expect_out "41 events in order" "41 1 41" psql -X -q -A -t -F ' ' "$base" -c \
	"select count(*), min(seq), max(seq) from alpha.events where stream = 'complaint:CMP-2026-000001'"
expect_ok "the chain verifies" "$REDRESS" verify --db "$A"

# --- the database goes away and comes back ------------------------------------------
sh "$root/scripts/pg-test-server.sh" halt "$pgdir"
code=$(curl -s -o "$T/down.json" -w '%{http_code}' -H "Authorization: Bearer $ta" \
	-H "Content-Type: application/json" -d '{"text": "while down"}' \
	"http://127.0.0.1:$pa/api/v1/complaints/CMP-2026-000001/notes")
case $code in 500|503) ok ;; *) bad "database down: want 500/503, got $code" ;; esac
expect_out "a clear problem" "application/problem" sh -c \
	"curl -s -o /dev/null -w '%{content_type}' -H 'Authorization: Bearer $ta' http://127.0.0.1:$pa/api/v1/complaints/CMP-2026-000001 | cut -c1-19"
sh "$root/scripts/pg-test-server.sh" resume "$pgdir"
expect_out "back: reconnected by itself" 200 get "$ta" "$pa" /api/v1/complaints/CMP-2026-000001
expect_out "back: writes again" 201 sh -c "curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $ta' \
	-H 'Content-Type: application/json' -d '{\"text\": \"after\"}' http://127.0.0.1:$pa/api/v1/complaints/CMP-2026-000001/notes"
expect_out "nothing half-written" 0 sh -c "'$REDRESS' complaint show CMP-2026-000001 --db '$A' --json | grep -c 'while down' || true"

# --- moving a landlord: SQLite -> PostgreSQL -> SQLite --------------------------------
expect_ok "demo" "$REDRESS" demo --db "$T/demo.db" --homes 1000 --years 1 --seed 11
"$REDRESS" user add mover --role admin --db "$T/demo.db" >/dev/null
tok=$("$REDRESS" user token mover --db "$T/demo.db")
C="$base?landlord=moved"
expect_ok "copy to PostgreSQL" "$REDRESS" copy --from "sqlite:$T/demo.db" --to "pg:$C"
expect_fail "not over a landlord with records" "already holds records" \
	"$REDRESS" copy --from "sqlite:$T/demo.db" --to "pg:$C"
expect_ok "chains verify there" "$REDRESS" verify --db "$C"
expect_ok "and back" "$REDRESS" copy --from "pg:$C" --to "sqlite:$T/back.db"
Q="select stream, seq, type, actor, recorded_at, effective_on, payload, prev_hash, hash from events order by stream, seq"
if [ "$(command sqlite3 "$T/demo.db" "$Q")" = "$(command sqlite3 "$T/back.db" "$Q")" ]; then ok; else bad "events differ after the round trip"; fi
n=$(command sqlite3 "$T/demo.db" "select count(*) from events")
expect_out "every event in PostgreSQL" "$n" psql -X -q -A -t "$base" -c "select count(*) from moved.events"
expect_out "the same TSM figures" "$("$REDRESS" report tsm --db "$T/demo.db" --year 2025 --json)" \
	"$REDRESS" report tsm --db "$C" --year 2025 --json
expect_out "the same list" "$("$REDRESS" complaint list --db "$T/demo.db" --json)" \
	"$REDRESS" complaint list --db "$C" --json
last=$(command sqlite3 "$T/demo.db" "select max(reference) from complaints where reference like 'CMP-2026-%'")
next=$(printf 'CMP-2026-%06d' $((1${last#CMP-2026-} - 1000000 + 1)))
expect_out "numbering carries on" "$next received 2026-11-23; acknowledge by 2026-11-30" \
	"$REDRESS" complaint new --db "$C" --channel web --category repairs --description "After the move" \
	--name "Cy" --email cy@example.org
pc=$(port)
serve "$C" "$pc" || bad "server for the moved landlord"
expect_out "sign-in secrets moved too" 200 get "$tok" "$pc" /api/v1/policy
expect_fail "copy from nowhere" "no database" "$REDRESS" copy --from "sqlite:$T/none.db" --to "sqlite:$T/x.db"

finish
