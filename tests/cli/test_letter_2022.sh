#!/bin/sh
# Letters for a complaint under the 2022 Code (received before 1 April
# 2024) when the landlord's policy has three stages (2022 Code 5.17): the
# stage 1 and stage 2 responses say how to go on to the next stage, the
# stage 3 acknowledgement says it is the last stage, the stage 3 response
# is the final one with the Housing Ombudsman (5.20), and a letter the
# Code would make incomplete is refused citing the 2022 clause.  Dates
# counted by hand on the England and Wales calendar (Good Friday 29 March
# and Easter Monday 1 April 2024 are bank holidays).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ART=$(cd "$here/../.." && pwd)/test-artifacts/letters${LABEL:+-$LABEL}
mkdir -p "$ART"
C=CMP-2024-000001

has() {
	desc=$1 file=$2
	shift 2
	flat=$(tr '\n' ' ' < "$file" | tr -s ' ')
	for want in "$@"; do
		case $flat in
		*"$want"*) ok ;;
		*) bad "$desc: lacks [$want]" ;;
		esac
	done
}

lacks() {
	desc=$1 file=$2
	shift 2
	flat=$(tr '\n' ' ' < "$file" | tr -s ' ')
	for want in "$@"; do
		case $flat in
		*"$want"*) bad "$desc: has [$want]" ;;
		*) ok ;;
		esac
	done
}

ack() {
	r complaint acknowledge $C --handler "$1" --summary "The leak was not fixed" --outcomes "Fix it" \
		--responsible "Roofs" --not-responsible "Contents" --complex no --vulnerable no
}

expect_ok "init" r init
expect_ok "three stages" r policy set stages 3
for u in amy:handler bea:handler olu:complaints_officer; do
	expect_ok "user $u" r user add "${u%%:*}" --role "${u#*:}"
done

# Received Friday 1 March 2024: the 2022 Code.
export REDRESS_TODAY=2024-03-01
expect_ok "new" r complaint new --channel phone --category repairs --description "A leak" \
	--name "Ann Lee" --email ann@example.org --address "2 Hill Road, Leeds"
expect_json "the 2022 Code" code_version 2022 r complaint show $C --json

# Acknowledged Monday 4 March: respond within 10 working days, by Monday
# 18 March (5.1).
export REDRESS_TODAY=2024-03-04
expect_ok "acknowledge" ack amy
r letter $C --kind acknowledgement > "$T/ack1.txt" 2>/dev/null
has "stage 1 acknowledgement" "$T/ack1.txt" "It is now at stage 1 of our complaints process." \
	"by 18 March 2024" "0300 111 3000"

# Responded Monday 11 March.  With no way to contact the landlord the
# letter cannot say how to escalate: refused citing 2022 5.8 (not 6.9(g)).
export REDRESS_TODAY=2024-03-11
expect_ok "respond 1" r complaint respond $C --decision "1:not_upheld:We fixed it on time"
unchanged "2022 clause for the stage 1 response" "(Code 5.8)" r letter $C --kind response
expect_ok "phone" r policy set phone "0300 123 4567"
# Escalate within 20 working days of 11 March: by 10 April (the two Easter
# bank holidays skipped).
r letter $C --kind response > "$T/resp1.txt" 2>/dev/null
has "stage 1 response" "$T/resp1.txt" "Our answer to your complaint" \
	"look at your complaint again at stage 2. Please ask us by 10 April 2024" "phone us on 0300 123 4567"

# Stage 2: requested 12 March, acknowledged 13 March by another handler;
# under the 2022 Code the response is due 20 working days after the
# request, 11 April (5.13).  Not the last stage.
export REDRESS_TODAY=2024-03-12
expect_ok "escalate" r complaint escalate $C
export REDRESS_TODAY=2024-03-13
expect_ok "acknowledge 2" ack bea
r letter $C --kind acknowledgement > "$T/ack2.txt" 2>/dev/null
has "stage 2 acknowledgement" "$T/ack2.txt" "It is now at stage 2 of our complaints process. A different person" \
	"by 11 April 2024"
lacks "stage 2 is not the last" "$T/ack2.txt" "This is the last stage."
expect_json "title" title "We have your request for a stage 2 review" r letter $C --kind acknowledgement --json

# Responded 20 March: the stage 2 response leads to stage 3, asked for
# within 20 working days, by 19 April; it is not the final answer.
export REDRESS_TODAY=2024-03-20
expect_ok "respond 2" r complaint respond $C --decision "1:not_upheld:We fixed it on time"
r letter $C --kind response > "$T/resp2.txt" 2>/dev/null
has "stage 2 response" "$T/resp2.txt" "Our answer to your complaint" \
	"at stage 2 of our complaints process" \
	"look at your complaint again at stage 3. Please ask us by 19 April 2024"
lacks "stage 2 response is not final" "$T/resp2.txt" "final answer" "end of our complaints process"
expect_json "stage 2 uses the intermediate template" template response-stage1 r letter $C --kind response --json

# Stage 3: requested 21 March, acknowledged 22 March; due 20 working days
# after the request, 22 April (5.18).  The last stage.
export REDRESS_TODAY=2024-03-21
expect_ok "escalate to stage 3" r complaint escalate $C
export REDRESS_TODAY=2024-03-22
expect_ok "acknowledge 3" ack olu
r letter $C --kind acknowledgement > "$T/ack3.txt" 2>/dev/null
has "stage 3 acknowledgement" "$T/ack3.txt" "It is now at stage 3 of our complaints process. This is the last stage." \
	"by 22 April 2024"

export REDRESS_TODAY=2024-03-28
expect_ok "respond 3" r complaint respond $C --decision "1:not_upheld:We fixed it on time"
r letter $C --kind response --format pdf > "$ART/2022-stage3-response.pdf" 2>"$T/err" &&
	pdftotext "$ART/2022-stage3-response.pdf" "$T/resp3.txt" && ok || bad "stage 3 PDF: $(cat "$T/err")"
has "stage 3 final response" "$T/resp3.txt" "Our final answer to your complaint" \
	"at stage 3 of our complaints process. This is our final answer." \
	"This is the end of our complaints process" "ask the Housing Ombudsman" "0300 111 3000"
expect_json "the stage 3 template" template response-stage3 r letter $C --kind response --json
expect_json "stage 3" stage 3 r letter $C --kind response --json
unchanged "no stage 4" "--stage is 1, 2 or 3" r letter $C --kind response --stage 4

# The landlord's stage 3 template must keep what 5.20 requires.
r letter template show response-stage3 > "$T/t3" 2>/dev/null
grep -v "ombudsman_contact" "$T/t3" > "$T/t3-no-ombudsman"
unchanged "a stage 3 template without the Ombudsman" "(Code 5.20)" \
	r letter template set response-stage3 "$T/t3-no-ombudsman"

# A 2024-Code complaint under the same policy: two stages, and stage 2 is
# the final response.
export REDRESS_TODAY=2026-11-02
expect_ok "a 2024 complaint" r complaint new --channel phone --category repairs --description "Damp" \
	--name "Bo Khan" --email bo@example.org --address "3 Low Lane, Leeds"
unchanged "no stage 3 for the 2024 Code" "not stage 3 (Code 5.3)" \
	r letter CMP-2026-000001 --kind acknowledgement --stage 3

finish
