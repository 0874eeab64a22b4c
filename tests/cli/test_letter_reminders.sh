#!/bin/sh
# redress letter reminders: the daily email to each handler and officer of
# what is due and overdue, sent to a real SMTP server on loopback and
# checked as it arrived.  Dates counted by hand: received Monday 2
# November 2026 (acknowledge by Monday 9 November), acknowledged Wednesday
# 4 November (respond by Wednesday 18 November); the reminders run on
# Monday 16 November for 5 working days, to Monday 23 November.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/smtp.sh"
start_smtp

# jlen PATH: the length of a list in the reminders' JSON ("." the whole).
jlen() {
	r letter reminders --json | "$py" -c 'import json, sys
v = json.load(sys.stdin)
for k in sys.argv[1].split("."):
    if k:
        v = v[int(k)] if isinstance(v, list) else v[k]
print(len(v))' "$1"
}

has() {
	desc=$1 file=$2
	shift 2
	for want in "$@"; do
		if grep -q -F -- "$want" "$file" 2>/dev/null; then ok; else bad "$desc: lacks [$want]"; fi
	done
}

lacks() {
	desc=$1 file=$2
	shift 2
	for want in "$@"; do
		if grep -q -F -- "$want" "$file" 2>/dev/null; then bad "$desc: has [$want]"; else ok; fi
	done
}

expect_ok "init" r init
expect_ok "email" r policy set email "complaints@riverside.example"
expect_ok "amy" r user add amy --role handler --email amy@riverside.example --display-name "Amy Ash"
expect_ok "bea (no email)" r user add bea --role handler
expect_ok "olu" r user add olu --role complaints_officer --email olu@riverside.example
expect_ok "bob" r user add bob --role board --email bob@riverside.example
unchanged "a user's email is checked" "is not an email address" \
	r user add cal --role handler --email "not an address"

export REDRESS_TODAY=2026-11-02
for who in "Ann Lee:ann" "Bo Khan:bo" "Cy Moss:cy"; do
	expect_ok "new ${who%%:*}" r complaint new --channel phone --category repairs \
		--description "A leak" --name "${who%%:*}" --email "${who#*:}@example.org"
done
export REDRESS_TODAY=2026-11-04
expect_ok "amy acknowledges 1" r complaint acknowledge CMP-2026-000001 --handler amy --summary "Leak" \
	--outcomes "Fix it" --responsible "Roof" --not-responsible "Contents" --complex no --vulnerable no
expect_ok "bea acknowledges 3" r complaint acknowledge CMP-2026-000003 --handler bea --summary "Leak" \
	--outcomes "Fix it" --responsible "Roof" --not-responsible "Contents" --complex no --vulnerable no
expect_ok "an action due 17 November" r complaint action CMP-2026-000001 \
	--description "Chase the roofer" --due-on 2026-11-17
expect_ok "an action due in January" r complaint action CMP-2026-000001 \
	--description "Replace the gutter" --due-on 2027-01-15
expect_ok "Ann's adjustment, review 20 November" r person adjust P-000001 \
	--description "Letters in large print" --review-on 2026-11-20
expect_ok "Bo's restriction, review 31 December" r person restrict P-000002 \
	--restriction "Contact by email only" --reason "Abusive calls" --evidence "Call log" \
	--proportionality "Email keeps contact open" --equality-considered --review-on 2026-12-31

export REDRESS_TODAY=2026-11-16
expect_json "amy: her complaint" 0.complaints.0.reference CMP-2026-000001 r letter reminders --json
expect_json "amy: respond by 18 November" 0.complaints.0.due_on 2026-11-18 r letter reminders --json
expect_json "amy: the action" 0.items.0.what "action 1: Chase the roofer" r letter reminders --json
expect_out "amy: not January's" 1 jlen 0.items
expect_json "amy: Ann's review" 0.reviews.0.person P-000001 r letter reminders --json
expect_json "olu: the unassigned complaint" 2.complaints.0.reference CMP-2026-000002 r letter reminders --json
expect_json "olu: overdue" 2.complaints.0.overdue true r letter reminders --json
expect_json "olu: 1 overdue" 2.overdue 1 r letter reminders --json
expect_out "no reminder for the board" 3 jlen .
expect_json "a longer look ahead finds January" 0.items.1.due_on 2027-01-15 r letter reminders --days 45 --json
unchanged "the board may not" "may not see what is due" r letter reminders --as bob

expect_ok "send" r letter reminders --send
cp "$T/out" "$T/sent.out"
cp "$T/err" "$T/sent.err"
expect_out "two sent" "2 reminders sent" cat "$T/sent.out"
has "bea has no address" "$T/sent.err" "bea has no email address for reminders"
expect_out "two arrived" 2 arrived
mail to:amy@riverside.example "$T/amy"
has "amy's reminder" "$T/amy/headers" "Subject: Complaints: 0 overdue, 3 due soon" \
	"From: \"Redress Demo Homes\" <complaints@riverside.example>" "To: \"Amy Ash\" <amy@riverside.example>"
has "amy's reminder" "$T/amy/text.txt" "Hello Amy Ash," \
	"This is what is due on your complaints by 23 November 2026." \
	"- CMP-2026-000001: respond at stage 1 by 18 November 2026" \
	"- CMP-2026-000001: action 1: Chase the roofer by 17 November 2026" \
	"- P-000001 Ann Lee: review the adjustment \"Letters in large print\" by 20 November 2026"
lacks "amy's reminder" "$T/amy/text.txt" "CMP-2026-000002" "CMP-2026-000003" "Replace the gutter" \
	"P-000002" "OVERDUE"
mail to:olu@riverside.example "$T/olu"
has "olu's reminder" "$T/olu/headers" "Subject: Complaints: 1 overdue, 1 due soon"
has "olu's reminder" "$T/olu/text.txt" \
	"- CMP-2026-000002: acknowledge at stage 1 by 9 November 2026 (OVERDUE)" \
	"- P-000001 Ann Lee: review the adjustment"
lacks "olu's reminder" "$T/olu/text.txt" "CMP-2026-000001" "CMP-2026-000003" "P-000002"
expect_out "text only" "text/plain" cat "$T/olu/types"
unchanged "no mail server" "did not take" env REDRESS_SMTP_URL=smtp://127.0.0.1:1 \
	"$REDRESS" letter reminders --send --db "$DB"

# The server sends them itself once a day: with --reminders 00:00 the time
# has come as soon as it starts, so the two digests go at once over the
# same SMTP path, and the day is recorded; restarted the same day, it does
# not send them again.
unchanged "a time of day" "--reminders is a time of day" r serve --reminders 25:00
serve_once() {
	port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	"$REDRESS" serve --db "$DB" --port "$port" --reminders 00:00 --maildir-every 1 \
		--access-log /dev/null 2>"$T/serve.log" &
	srv=$!
	i=0
	until grep -q "serving" "$T/serve.log" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && break
		sleep 0.1
	done
	sleep 2	# the first tick comes at once; two more: nothing more goes
	kill $srv
	wait $srv 2>/dev/null
}
serve_once
expect_out "the server sent two" "redress: daily reminders: 2 sent" grep "daily reminders" "$T/serve.log"
expect_out "four arrived in all" 4 arrived
expect_out "recorded for the day" 2026-11-16 sqlite3 "$DB" \
	"SELECT json_extract(state, '\$.last_sent_on') FROM aggregates WHERE stream = 'reminders:daily'"
serve_once
expect_out "not twice in a day" 0 sh -c "grep -c 'daily reminders' \"$T/serve.log\" || true"
expect_out "still four" 4 arrived
export REDRESS_TODAY=2026-11-17
serve_once
expect_out "the next day they go again" "redress: daily reminders: 2 sent" grep "daily reminders" "$T/serve.log"
expect_out "six in all" 6 arrived

finish
