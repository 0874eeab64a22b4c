#!/bin/sh
# redress letter --send: letters by email to a real SMTP server on
# loopback (aiosmtpd, started here, writing to a Maildir), checked as they
# arrived: headers, the text and HTML parts, and the PDF attachment read
# back with pdftotext; letters by post to the print queue; every letter
# recorded as correspondence with its exact text, and nothing recorded
# when a letter cannot go.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ART=$(cd "$here/../.." && pwd)/test-artifacts/letters${LABEL:+-$LABEL}
mkdir -p "$ART"
C1=CMP-2026-000001

. "$here/smtp.sh"
start_smtp
export REDRESS_PRINT_QUEUE=$T/queue

has() {
	desc=$1 file=$2
	shift 2
	flat=$(tr '\n' ' ' < "$file" 2>/dev/null | tr -s ' ')
	for want in "$@"; do
		case $flat in
		*"$want"*) ok ;;
		*) bad "$desc: lacks [$want]" ;;
		esac
	done
}

# corr FIELD: a field of the last correspondence of $C1.
corr() {
	r complaint show "${2:-$C1}" --json | "$py" -c 'import json, sys
c = json.load(sys.stdin)["correspondence"]
v = c[-1].get(sys.argv[1]) if c else None
print("null" if v is None else v)' "$1"
}

expect_ok "init" r init
expect_ok "organisation" r policy set organisation "Riverside Homes"
expect_ok "email" r policy set email "complaints@riverside.example"
expect_ok "phone" r policy set phone "0300 123 4567"
expect_ok "user amy" r user add amy --role handler

export REDRESS_TODAY=2026-11-02
expect_ok "new" r complaint new --channel phone --category repairs \
	--description "The roof leak has not been fixed" --name "Ann Lee" --email ann@example.org \
	--address "2 Hill Road, Leeds, LS2 2BB"
export REDRESS_TODAY=2026-11-04
expect_ok "acknowledge" r complaint acknowledge $C1 --handler amy \
	--summary "The roof leak was not repaired" --outcomes "Repair and compensation" \
	--responsible "Roof repairs" --not-responsible "Damage to contents" --complex no --vulnerable no

# By email: the resident prefers it.
expect_ok "prefers email" r person preferences P-000001 --method email
expect_out "sent" "$C1 sent by email to ann@example.org (correspondence 1)" \
	r letter $C1 --kind acknowledgement --send
expect_out "one message arrived" 1 arrived
mail 1 "$T/m1"
has "headers" "$T/m1/headers" "Subject: We have your complaint ($C1)" \
	"From: \"Riverside Homes\" <complaints@riverside.example>" "To: \"Ann Lee\" <ann@example.org>" \
	"Message-ID: <$C1.acknowledgement.1.20261104."
expect_out "parts" "multipart/mixed multipart/alternative text/plain text/html application/pdf" \
	cat "$T/m1/types"
has "text part" "$T/m1/text.txt" "Dear Ann Lee," "The roof leak was not repaired" \
	"Repair and compensation" "Roof repairs" "Damage to contents" \
	"We will send you our full answer by 18 November 2026" "0300 111 3000"
has "HTML part" "$T/m1/html.html" "<!DOCTYPE html>" "Roof repairs" "18 November 2026"
cp "$T/m1/$C1-acknowledgement.pdf" "$ART/sent-acknowledgement.pdf" 2>/dev/null
pdftotext "$T/m1/$C1-acknowledgement.pdf" "$T/m1/pdf.txt" 2>/dev/null
has "PDF attachment" "$T/m1/pdf.txt" "Riverside Homes" "Dear Ann Lee," "The roof leak was not repaired" \
	"Repair and compensation" "Roof repairs" "Damage to contents" "18 November 2026" \
	"0300 111 3000" "Reference $C1" "Page 1 of"
# Recorded on the case: the exact text sent, and the PDF's SHA-256.
expect_out "recorded: method" email corr method
expect_out "recorded: status" sent corr status
expect_out "recorded: to" ann@example.org corr to
expect_out "recorded: kind" acknowledgement corr kind
expect_out "recorded: the PDF's hash" "$(sha256sum "$T/m1/$C1-acknowledgement.pdf" | cut -d' ' -f1)" corr sha256
corr content > "$T/recorded.txt"
# The recorded text is the text part as sent (print adds a newline).
if [ "$(cat "$T/recorded.txt")" = "$(cat "$T/m1/text.txt")" ]; then ok; else
	bad "the recorded content is not the text that was sent"
fi
expect_out "recorded: Message-ID" "$(sed -n 's/^Message-ID: //p' "$T/m1/headers")" corr message_id

# Plain text only: the text alone, nothing attached.
expect_ok "plain text only" r person preferences P-000001 --format plain_text
expect_ok "sent plain" r letter $C1 --kind acknowledgement --send
expect_out "two messages" 2 arrived
mail 2 "$T/m2"
expect_out "text only" "text/plain" cat "$T/m2/types"
has "plain text" "$T/m2/text.txt" "Dear Ann Lee," "18 November 2026"
expect_out "recorded: text format" text corr format
expect_out "recorded: no PDF" null corr sha256

# The mail server refuses or is away: nothing is recorded.
unchanged "no mail server" "did not take the letter" \
	env REDRESS_SMTP_URL=smtp://127.0.0.1:1 "$REDRESS" letter $C1 --kind acknowledgement --send --db "$DB"
unchanged "no mail server set" "set REDRESS_SMTP_URL" \
	env REDRESS_SMTP_URL= "$REDRESS" letter $C1 --kind acknowledgement --send --db "$DB"
unchanged "a letter the Code's rules refuse is not sent" "has had no response" \
	r letter $C1 --kind response --send
expect_out "still two messages" 2 arrived

# By post: to the print queue.
expect_ok "prefers letters" r person preferences P-000001 --method letter --format standard
expect_ok "queued" r letter $C1 --kind acknowledgement --send
expect_out "no third email" 2 arrived
queued=$(ls "$T/queue"/*.pdf 2>/dev/null | head -1)
if [ -n "$queued" ]; then ok; else bad "nothing in the print queue"; fi
expect_out "recorded: post" post corr method
expect_out "recorded: queued" queued_for_print corr status
expect_out "recorded: the file" "$queued" corr to
pdftotext "$queued" "$T/queued.txt" 2>/dev/null
has "queued PDF" "$T/queued.txt" "Ann Lee" "2 Hill Road" "LS2 2BB" "18 November 2026" "0300 111 3000"
# ... and listed in the print queue until someone marks it printed.
expect_out "the print queue" "Q-000001  queued  2026-11-04  $C1 acknowledgement stage 1 to Ann Lee, 2 Hill Road, Leeds, LS2 2BB  $queued" \
	r letter queue list
expect_json "its correspondence" 0.correspondence 3 r letter queue list --json
expect_out "nothing printed yet" "" r letter queue list --status printed
unchanged "no such item" "no letter Q-000009 in the print queue" r letter queue printed Q-000009
unchanged "a bad status" "is not one of: queued, printed, all" r letter queue list --status lost
expect_out "printed" "Q-000001 printed on 2026-11-04" r letter queue printed Q-000001 --as amy
unchanged "not twice" "was already printed on 2026-11-04 by amy" r letter queue printed Q-000001
expect_out "the queue is empty" "" r letter queue list
expect_json "printed by amy" 0.printed_by amy r letter queue list --status all --json
expect_out "four letters on the case" 3 sh -c "'$REDRESS' complaint show $C1 --db '$DB' --json | $py -c 'import json,sys; print(len(json.load(sys.stdin)[\"correspondence\"]))'"

# A representative with the resident's consent gets the letter (3.6).
cat > "$T/rep.json" <<'EOF'
{"channel": "letter", "category": "repairs", "description": "Damp in the bedroom",
 "complainant": {"name": "Cy Moss", "address": "5 Low Lane, Leeds"},
 "representative": {"name": "Rob Rep", "email": "rob@advice.example", "consent_on": "2026-11-04"}}
EOF
expect_ok "new with representative" r complaint new --input "$T/rep.json"
expect_ok "acknowledge 2" r complaint acknowledge CMP-2026-000002 --handler amy --summary "Damp" \
	--outcomes "Treat the damp" --responsible "Walls" --not-responsible "Furniture" \
	--complex no --vulnerable no
expect_out "sent to the representative" "CMP-2026-000002 sent by email to rob@advice.example (correspondence 1)" \
	r letter CMP-2026-000002 --kind acknowledgement --send
mail 3 "$T/m3"
has "to the representative" "$T/m3/headers" "To: \"Rob Rep\" <rob@advice.example>"
has "on the resident's behalf" "$T/m3/text.txt" "Dear Rob Rep," "Cy Moss has asked you to act for them"

# An address that would add a header is not sent to.
printf '{"channel": "email", "category": "repairs", "description": "Noise",
 "complainant": {"name": "Di Ray", "email": "di@example.org\\nBcc: eve@example.org"}}' > "$T/bad.json"
expect_ok "new with a bad address" r complaint new --input "$T/bad.json"
expect_ok "acknowledge 3" r complaint acknowledge CMP-2026-000003 --handler amy --summary "Noise" \
	--outcomes "Quiet" --responsible "Neighbours" --not-responsible "Traffic" --complex no --vulnerable no
unchanged "no header injection" "not fit to send" r letter CMP-2026-000003 --kind acknowledgement --send
expect_out "still three messages" 3 arrived
expect_ok "the record verifies" r verify

finish
