#!/bin/sh
# Backup while the server takes writes, and restore: the backup is whole
# (every chain verifies), holds everything acknowledged before it began,
# and restores into an empty landlord.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
[ "${REDRESS_TEST_STORE:-sqlite}" = sqlite ] || { finish; exit; }

expect_ok "demo" "$REDRESS" demo --db "$DB" --homes 300 --years 1 --seed 4
token=$("$REDRESS" user token alice --db "$DB")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$REDRESS" serve --db "$DB" --port "$port" --access-log /dev/null 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break
	sleep 0.1
done
post() {
	curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $token" \
		-H "Content-Type: application/json" \
		-d '{"channel": "web", "category": "repairs", "description": "Backup test", "complainant": {"name": "B", "email": "b@example.org"}}' \
		"http://127.0.0.1:$port/api/v1/complaints"
}
i=0
while [ $i -lt 20 ]; do post >>"$T/before"; i=$((i + 1)); done
expect_out "20 created before" 20 sh -c "grep -c '^201$' '$T/before'"
before=$(command sqlite3 "$DB" "select count(*) from complaints")
# Writers keep going while the backup is taken.
( j=0; while [ $j -lt 60 ]; do post >>"$T/during"; j=$((j + 1)); done ) &
load=$!
expect_out "backup" "backed up to $T/backup.db" "$REDRESS" backup "$T/backup.db" --db "$DB"
wait $load
expect_ok "the backup's chains verify" "$REDRESS" verify --db "$T/backup.db"
n=$(command sqlite3 "$T/backup.db" "select count(*) from complaints")
if [ "$n" -ge "$before" ]; then ok; else bad "backup has $n complaints, fewer than the $before before it began"; fi
expect_fail "never over a file" "already exists" "$REDRESS" backup "$T/backup.db" --db "$DB"
expect_fail "nothing to back up" "no database" "$REDRESS" backup "$T/b2.db" --db "$T/none.db"

expect_ok "restore into a new landlord" "$REDRESS" restore "$T/backup.db" --db "$T/restored.db"
expect_ok "restored chains verify" "$REDRESS" verify --db "$T/restored.db"
expect_out "the same complaints" "$(command sqlite3 "$T/backup.db" "select reference, status, due_on from complaints order by reference")" \
	command sqlite3 "$T/restored.db" "select reference, status, due_on from complaints order by reference"
expect_fail "not over records" "already holds records" "$REDRESS" restore "$T/backup.db" --db "$T/restored.db"
# A backup that was tampered with is not restored.
cp "$T/backup.db" "$T/bad.db"
command sqlite3 "$T/bad.db" "DROP TRIGGER events_no_update; UPDATE events SET payload = '{}' WHERE id = 5"
expect_fail "a tampered backup" "broken hash chain" "$REDRESS" restore "$T/bad.db" --db "$T/r2.db"
finish
