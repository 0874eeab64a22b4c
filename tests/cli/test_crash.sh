#!/bin/sh
# Crash safety: a write load against the server, killed with SIGKILL at a
# random moment, fifty times.  After every round, every complaint whose
# creation the server acknowledged (201) is in the database, and every
# hash chain verifies.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
[ "${REDRESS_TEST_STORE:-sqlite}" = sqlite ] || { finish; exit; }

ROUNDS=${CRASH_ROUNDS:-50}
expect_ok "demo" "$REDRESS" demo --db "$DB" --homes 200 --years 1 --seed 3
token=$("$REDRESS" user token alice --db "$DB")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# One client: creates complaints until the server goes away, writing the
# reference of each acknowledged one to its file.
client() {
	while :; do
		out=$(curl -s -m 2 -w '\n%{http_code}' -H "Authorization: Bearer $token" \
			-H "Content-Type: application/json" \
			-d '{"channel": "web", "category": "repairs", "description": "Crash test", "complainant": {"name": "C", "email": "c@example.org"}}' \
			"http://127.0.0.1:$port/api/v1/complaints") || break
		code=$(printf '%s\n' "$out" | tail -1)
		[ "$code" = 201 ] || break
		printf '%s\n' "$out" | head -1 | sed -n 's/.*"reference":"\(CMP-[0-9-]*\)".*/\1/p' >>"$1"
	done
}

lost=0
acked=0
round=1
while [ "$round" -le "$ROUNDS" ]; do
	"$REDRESS" serve --db "$DB" --port "$port" --access-log /dev/null 2>/dev/null &
	pid=$!
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break
		sleep 0.05
	done
	: >"$T/acked"
	for c in 1 2 3 4 5 6; do client "$T/acked.$c" & done
	# Kill it somewhere in the first half second of load.
	sleep "0.$(python3 -c 'import random; print(random.randint(5, 50))')"
	kill -9 "$pid"
	wait 2>/dev/null
	cat "$T"/acked.* >>"$T/acked" 2>/dev/null
	rm -f "$T"/acked.*
	# every acknowledged reference is among the complaints now stored
	"$REDRESS" complaint list --db "$DB" | awk 'NR > 1 {print $1}' | sort >"$T/stored"
	sort -u "$T/acked" >"$T/acked.sorted"
	n=$(wc -l <"$T/acked.sorted")
	missing=$(comm -23 "$T/acked.sorted" "$T/stored" | wc -l)
	acked=$((acked + n))
	lost=$((lost + missing))
	"$REDRESS" verify --db "$DB" >"$T/verify" 2>&1 || bad "round $round: $(tail -1 "$T/verify")"
	round=$((round + 1))
done
if [ "$lost" -eq 0 ] && [ "$acked" -gt 0 ]; then ok; else
	bad "$lost of $acked acknowledged complaints were lost"
fi
echo "crash: $ROUNDS rounds, $acked acknowledged creations, $lost lost" >&2
# The database is usable afterwards.
expect_ok "usable after the crashes" "$REDRESS" complaint new --db "$DB" --channel phone \
	--category repairs --description "After" --name "D" --email d@example.org
expect_ok "verify at the end" "$REDRESS" verify --db "$DB"
finish
