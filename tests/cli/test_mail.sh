#!/bin/sh
# Mail to the complaints mailbox: real messages delivered over SMTP to an
# aiosmtpd server on loopback (started here) that files them in a Maildir,
# then taken in by `redress mail intake --maildir` and by `redress serve
# --maildir`: mail naming a complaint becomes correspondence on it (text
# decoded, attachments' names kept), the rest waits in the triage list,
# the same Message-ID is never recorded twice, and a malformed file is
# parked with its reason.  Triage: assign and dismiss, and every refusal
# changes nothing stored.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/smtp.sh"
start_smtp
C1=CMP-2026-000001
C2=CMP-2026-000002

# send KIND: delivers one message to the SMTP server with Python's
# smtplib (a real SMTP conversation).
send() {
	"$py" - "${REDRESS_SMTP_URL##*:}" "$1" <<'EOF' || bad "send $1 failed"
import smtplib, sys
from email.message import EmailMessage
port, kind = int(sys.argv[1]), sys.argv[2]
m = EmailMessage()
m["To"] = "complaints@riverside.example"
if kind == "reply":
    # names C1 in the subject; quoted-printable text; a photo attached
    m["From"] = "Ann Lée <ann@example.org>"
    m["Subject"] = "Re: We have your complaint (CMP-2026-000001)"
    m["Message-ID"] = "<reply-1@example.org>"
    m["Date"] = "Mon, 23 Nov 2026 09:15:00 +0000"
    m.set_content("The roof still leaks – café water everywhere.\n", cte="quoted-printable")
    m.add_attachment(b"\xff\xd8\xff\xe0 not really a jpeg", maintype="image",
                     subtype="jpeg", filename="roof photo.jpg")
elif kind == "body-ref":
    # names C2 only in the body, which is base64
    m["From"] = "bo@example.org"
    m["Subject"] = "My complaint"
    m["Message-ID"] = "<body-ref@example.org>"
    m.set_content("Any news on CMP-2026-000002 please?\n", cte="base64")
elif kind == "no-ref":
    m["From"] = "\"Cy Moss\" <cy@example.org>"
    m["Subject"] = "The lift is broken again"
    m["Message-ID"] = "<no-ref@example.org>"
    m.set_content("Nobody has come to fix the lift.\n")
elif kind == "unknown-ref":
    m["From"] = "di@example.org"
    m["Subject"] = "About CMP-2019-000999"
    m["Message-ID"] = "<unknown-ref@example.org>"
    m.set_content("Is this still open?\n")
elif kind == "spam":
    m["From"] = "offers@spam.example"
    m["Subject"] = "Cheap boilers"
    m["Message-ID"] = "<spam@spam.example>"
    m.set_content("Buy now.\n")
elif kind == "late":
    m["From"] = "cy@example.org"
    m["Subject"] = "Still waiting"
    m["Message-ID"] = "<late@example.org>"
    m.set_content("Still no lift.\n")
with smtplib.SMTP("127.0.0.1", port) as s:
    s.send_message(m)
EOF
}

# corr N FIELD [REF]: a field of correspondence N of a complaint.
corr() {
	r complaint show "${3:-$C1}" --json | "$py" -c 'import json, sys
c = json.load(sys.stdin)["correspondence"]
n = int(sys.argv[1])
v = c[n - 1].get(sys.argv[2]) if len(c) >= n else "(none)"
print("null" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)' "$1" "$2"
}

ncorr() {
	r complaint show "${1:-$C1}" --json | "$py" -c 'import json, sys
print(len(json.load(sys.stdin)["correspondence"]))'
}

triage_field() {
	r mail triage show "$1" --json | "$py" -c 'import json, sys
v = json.load(sys.stdin).get(sys.argv[1])
print(json.dumps(v) if isinstance(v, list) else v)' "$2"
}

expect_ok "init" r init
expect_ok "user amy" r user add amy --role handler
expect_ok "user bob (board)" r user add bob --role board
expect_ok "new 1" r complaint new --channel phone --category repairs \
	--description "The roof leaks" --name "Ann Lee" --email ann@example.org
expect_ok "new 2" r complaint new --channel phone --category repairs \
	--description "The door sticks" --name "Bo Khan" --email bo@example.org

for k in reply body-ref no-ref unknown-ref spam; do send $k; done
expect_out "five messages arrived" 5 arrived
# A file an MTA delivered without a From header: parked, not recorded.
printf 'Subject: no sender\nMessage-ID: <nofrom@x>\n\nWho am I?\n' > "$MD/new/1700000000.broken.host"
send reply
expect_out "the reply arrived twice, and the broken file" 7 arrived

before=$(digest)
expect_out "intake" "2 to complaints, 3 to triage, 1 duplicate, 1 parked, 0 failed" \
	sh -c "\"$REDRESS\" mail intake --maildir \"$MD\" --db \"$DB\" | tail -1"
[ "$(digest)" != "$before" ] && ok || bad "intake recorded nothing"
expect_out "new/ is empty" 0 sh -c "ls \"$MD/new\" | wc -l | tr -d ' '"
expect_out "six files in cur/, with the seen flag" 6 sh -c "ls \"$MD/cur\" | grep -c ':2,S$'"
expect_out "the broken file is parked" "the message has no From header, so there is no one to answer" \
	cat "$MD/parked/1700000000.broken.host.why"

# The reply: correspondence 1 on C1, exactly once, decoded.
expect_out "one correspondence on $C1" 1 ncorr
expect_out "direction" in corr 1 direction
expect_out "method" email corr 1 method
expect_out "party (the encoded name decoded)" "Ann Lée" corr 1 party
expect_out "from" ann@example.org corr 1 from
expect_out "summary is the subject" "Re: We have your complaint ($C1)" corr 1 summary
expect_out "content is the decoded text" "The roof still leaks – café water everywhere." corr 1 content
expect_out "attachment name kept" '["roof photo.jpg"]' corr 1 attachments
expect_out "Message-ID kept" "<reply-1@example.org>" corr 1 message_id
expect_out "Date kept" "Mon, 23 Nov 2026 09:15:00 +0000" corr 1 sent_at
expect_out "on today" 2026-11-23 corr 1 on
# The reference in a base64 body: C2.
expect_out "the body's reference" "Any news on $C2 please?" corr 1 content $C2

# The triage list, newest first.
expect_out "triage list" "M-000003  open      2026-11-23   <offers@spam.example>  Cheap boilers
M-000002  open      2026-11-23   <di@example.org>  About CMP-2019-000999
M-000001  open      2026-11-23  Cy Moss <cy@example.org>  The lift is broken again" r mail triage list
expect_out "the unknown reference is explained" \
	"It names CMP-2019-000999, but it could not be recorded there: no complaint CMP-2019-000999" \
	triage_field M-000002 note
expect_out "its text" "Nobody has come to fix the lift." triage_field M-000001 text

# Taking the mailbox in again: nothing new.  The same reply delivered
# again later is still a duplicate.
expect_out "second intake" "0 to complaints, 0 to triage, 0 duplicates, 0 parked, 0 failed" \
	sh -c "\"$REDRESS\" mail intake --maildir \"$MD\" --db \"$DB\" | tail -1"
send reply
expect_out "a later copy" "0 to complaints, 0 to triage, 1 duplicate, 0 parked, 0 failed" \
	sh -c "\"$REDRESS\" mail intake --maildir \"$MD\" --db \"$DB\" | tail -1"
expect_out "still one correspondence" 1 ncorr

# Triage: refusals change nothing.
unchanged "no such item" "no mail M-000009 to triage" r mail triage dismiss M-000009 --reason spam
unchanged "no such complaint" "no complaint CMP-2026-000099" \
	r mail triage assign M-000001 --complaint CMP-2026-000099
unchanged "a reason is needed" "reason" r mail triage dismiss M-000003 --reason "  "
unchanged "the board may not triage" "may not triage mail" \
	r mail triage dismiss M-000003 --reason spam --as bob
unchanged "the board may not see it" "may not see mail to triage" r mail triage list --as bob
unchanged "a bad status" "is not one of" r mail triage list --status lost
unchanged "intake needs a Maildir" "is not a Maildir" r mail intake --maildir "$T/nowhere"

expect_out "assign to $C1" "M-000001 is correspondence 2 on $C1" \
	r mail triage assign M-000001 --complaint $C1 --as amy
expect_out "its party" "Cy Moss" corr 2 party
expect_out "its text" "Nobody has come to fix the lift." corr 2 content
expect_out "it says which item it was" M-000001 corr 2 triage
expect_out "dismiss" "M-000003 dismissed" r mail triage dismiss M-000003 --reason "Advertising" --as amy
unchanged "not twice" "was already assigned to $C1" r mail triage dismiss M-000001 --reason x
unchanged "not after dismissal" "was dismissed (Advertising)" \
	r mail triage assign M-000003 --complaint $C1
expect_out "one left open" "M-000002" sh -c "\"$REDRESS\" mail triage list --db \"$DB\" | cut -c1-8"
expect_out "all three with --status all" 3 sh -c "\"$REDRESS\" mail triage list --status all --db \"$DB\" | wc -l | tr -d ' '"
expect_ok "verify" r verify

# The server watches the Maildir: a message delivered while it serves
# becomes a triage item it lists.
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tok=$(r user token amy)
unchanged "serve needs a Maildir" "is not a Maildir" r serve --port "$port" --maildir "$T/nowhere"
"$REDRESS" serve --db "$DB" --port "$port" --maildir "$MD" --maildir-every 1 \
	--access-log /dev/null 2>"$T/serve.log" &
srv=$!
trap 'kill $srv 2>/dev/null; kill $smtp 2>/dev/null; rm -rf "$T"' EXIT
send late
i=0
until curl -s -H "Authorization: Bearer $tok" "http://127.0.0.1:$port/api/v1/mail/triage" |
	grep -q '"Still waiting"'; do
	i=$((i + 1))
	[ $i -gt 100 ] && break
	sleep 0.1
done
[ $i -le 100 ] && ok || bad "the server did not take the message in: $(tail -3 "$T/serve.log")"
got=$(curl -s -H "Authorization: Bearer $tok" "http://127.0.0.1:$port/api/v1/mail/triage/M-000004")
case $got in
*'"from": "cy@example.org"'* | *'"from":"cy@example.org"'*) ok ;;
*) bad "GET the item: $got" ;;
esac
code=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' -d '{"complaint": "'$C1'"}' \
	"http://127.0.0.1:$port/api/v1/mail/triage/M-000004/assign")
[ "$code" = 200 ] && ok || bad "assign over HTTP: $code $(cat "$T/body")"
code=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' -d '{"reason": "x"}' \
	"http://127.0.0.1:$port/api/v1/mail/triage/M-000004/dismiss")
[ "$code" = 409 ] && ok || bad "dismiss an assigned item over HTTP: $code $(cat "$T/body")"
kill $srv
wait $srv 2>/dev/null
expect_out "three correspondence on $C1" 3 ncorr
expect_out "the late message" "Still no lift." corr 3 content
expect_ok "verify" r verify

finish
