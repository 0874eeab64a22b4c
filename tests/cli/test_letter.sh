#!/bin/sh
# redress letter: every letter the Code requires, from a complaint taken
# through its stages with the real binary, as text, HTML and PDF.  PDFs
# are read back with pdftotext (poppler-utils) for every required element
# and kept under test-artifacts/letters/.  Dates counted by hand on the
# England and Wales calendar (25 and 28 December 2026 and 1 January 2027
# are bank holidays).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ART=$(cd "$here/../.." && pwd)/test-artifacts/letters${LABEL:+-$LABEL}
mkdir -p "$ART"

C1=CMP-2026-000001

# has DESC FILE TEXT...: the file, with line breaks as spaces, has each TEXT.
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

# pdf DESC NAME CMD...: runs CMD (a letter as PDF) into $ART/NAME.pdf and
# its text into $T/NAME.txt.
pdf() {
	desc=$1 pn=$2
	shift 2
	if "$@" > "$ART/$pn.pdf" 2>"$T/err" && pdftotext "$ART/$pn.pdf" "$T/$pn.txt"; then ok; else
		bad "$desc: $(head -3 "$T/err")"
		: > "$T/$pn.txt"
	fi
}

# every_page DESC NAME: the reference and "Page N of M" on every page.
every_page() {
	pages=$(pdfinfo "$ART/$2.pdf" | sed -n 's/^Pages: *//p')
	refs=$(grep -c "Reference $C1" "$T/$2.txt")
	if [ "$refs" = "$pages" ] && grep -q "Page $pages of $pages" "$T/$2.txt" &&
	   grep -q "Page 1 of $pages" "$T/$2.txt"; then ok; else
		bad "$1: $refs references on $pages pages"
	fi
}

OMB="Housing Ombudsman Service, PO Box 1484, Unit D, Preston, PR2 0ET. Telephone 0300 111 3000."

expect_ok "init" r init
expect_ok "organisation" r policy set organisation "Riverside Homes"
expect_ok "phone" r policy set phone "0300 123 4567"
expect_ok "email" r policy set email "complaints@riverside.example"
expect_ok "address" r policy set address "1 River Street, Leeds, LS1 1AA"
for u in amy:handler bea:handler olu:complaints_officer ada:admin bob:board; do
	expect_ok "user $u" r user add "${u%%:*}" --role "${u#*:}"
done

export REDRESS_TODAY=2026-11-02
expect_ok "new" r complaint new --channel phone --category repairs \
	--description "The roof leak has not been fixed" --name "Ann Lee" --email ann@example.org \
	--address "2 Hill Road, Leeds, LS2 2BB" --issue-date 2026-08-10
unchanged "no acknowledgement yet" "has not been acknowledged at stage 1" \
	r letter $C1 --kind acknowledgement
unchanged "no such complaint" "no complaint CMP-2026-999999" \
	r letter CMP-2026-999999 --kind acknowledgement
expect_fail "unknown kind" "is not one of: acknowledgement" r letter $C1 --kind thanks
expect_fail "unknown format" "is not one of: text, html, pdf" r letter $C1 --kind refusal --format doc
expect_fail "no kind" "usage:" r letter $C1

# Acknowledged Wednesday 4 November: respond by Wednesday 18 November.
export REDRESS_TODAY=2026-11-04
expect_ok "acknowledge" r complaint acknowledge $C1 --handler amy \
	--summary "The roof leak was not repaired" --outcomes "Repair and compensation" \
	--responsible "Roof repairs" --not-responsible "Damage to contents" \
	--point "The roof leak was not repaired" --point "Calls were not returned" \
	--complex no --vulnerable no
r letter $C1 --kind acknowledgement > "$T/ack.txt" 2>"$T/ack.err"
has "acknowledgement (text)" "$T/ack.txt" "Riverside Homes" "Dear Ann Lee," \
	"Our reference: $C1" "Date: 4 November 2026" "stage 1 of our complaints process" \
	"This is how we understand your complaint: The roof leak was not repaired" \
	"- Calls were not returned" "Repair and compensation" \
	"We are responsible for this: Roof repairs" \
	"We are not responsible for this: Damage to contents" \
	"We will send you our full answer by 18 November 2026" "$OMB"
has "readability shown" "$T/ack.err" "readability: Flesch reading ease" \
	"(the landlord's threshold is 60)"
if grep -q warning "$T/ack.err"; then bad "the built-in acknowledgement warns"; else ok; fi
flesch=$(r letter $C1 --kind acknowledgement --json 2>/dev/null | json_field readability.flesch)
if [ "$(echo "$flesch >= 60" | bc -l)" = 1 ]; then ok; else bad "acknowledgement reads at $flesch"; fi
expect_json "json: recipient" recipient "Ann Lee" r letter $C1 --kind acknowledgement --json
expect_json "json: template" template acknowledgement r letter $C1 --kind acknowledgement --json
pdf "acknowledgement (PDF)" ack r letter $C1 --kind acknowledgement --format pdf
has "acknowledgement (PDF)" "$T/ack.txt" "Riverside Homes" "1 River Street, Leeds, LS1 1AA" \
	"Dear Ann Lee," "stage 1 of our complaints process" "The roof leak was not repaired" \
	"Calls were not returned" "Repair and compensation" "Roof repairs" "Damage to contents" \
	"18 November 2026" "0300 111 3000"
every_page "acknowledgement (PDF)" ack
r letter $C1 --kind acknowledgement --format html > "$T/ack.html" 2>/dev/null
has "acknowledgement (HTML)" "$T/ack.html" "<!DOCTYPE html>" "<title>We have your complaint</title>" \
	"<li>Calls were not returned</li>" "Roof repairs" "18 November 2026"

# Extended on Monday 16 November by 10 working days: 2 December.
export REDRESS_TODAY=2026-11-16
expect_ok "extend" r complaint extend $C1 --days 10 --reason "A roofer's survey is needed" \
	--informed-on 2026-11-16 --update-every 7
pdf "extension (PDF)" extension1 r letter $C1 --kind extension --format pdf
has "extension (PDF)" "$T/extension1.txt" "We need more time" "18 November 2026" \
	"A roofer's survey is needed" "2 December 2026" "10 more working days" \
	"We will give you an update by 23 November 2026" "0300 111 3000"
every_page "extension (PDF)" extension1
# The acknowledgement still gives the date it gave.
r letter $C1 --kind acknowledgement > "$T/ack2.txt" 2>/dev/null
has "acknowledgement keeps its date" "$T/ack2.txt" "full answer by 18 November 2026"
pdf "update (PDF)" update r letter $C1 --kind update --format pdf
has "update (PDF)" "$T/update.txt" "An update on your complaint" "We are still looking into" \
	"2 December 2026" "every 7 days" "23 November 2026" "0300 111 3000"

# Responded Monday 30 November: escalate within 20 working days, by
# Wednesday 30 December.
export REDRESS_TODAY=2026-11-30
expect_ok "respond" r complaint respond $C1 \
	--decision "1:upheld:The repair took too long" --decision "2:not_upheld:We called back on 3 November" \
	--remedy "financial:2026-12-14:150:Money for the trouble caused" \
	--action "2027-01-15:Replace the roof covering"
pdf "stage 1 response (PDF)" response1 r letter $C1 --kind response --format pdf
has "stage 1 response: (a) to (g)" "$T/response1.txt" "stage 1 of our complaints process" \
	"The roof leak was not repaired" "Our decision: Upheld" "Why: The repair took too long" \
	"Our decision: Not upheld" "Why: We called back on 3 November" \
	"Money for the trouble caused, £150.00, by 14 December 2026" \
	"Replace the roof covering, by 15 January 2027" "Please ask us by 30 December 2026" \
	"phone us on 0300 123 4567" "0300 111 3000"
every_page "stage 1 response (PDF)" response1

# Escalated Wednesday 2 December; stage 2 acknowledged Friday 4 December:
# 20 working days, by Wednesday 6 January 2027.
export REDRESS_TODAY=2026-12-04
expect_ok "escalate" r complaint escalate $C1 --on 2026-12-02
expect_ok "stage 2 acknowledge" r complaint acknowledge $C1 --handler bea \
	--summary "The roof is still not fixed" --outcomes "A new roof" \
	--responsible "The roof" --not-responsible "The garden wall" --complex yes --vulnerable no
pdf "stage 2 acknowledgement (PDF)" ack-stage2 r letter $C1 --kind acknowledgement --format pdf
has "stage 2 acknowledgement (PDF)" "$T/ack-stage2.txt" "stage 2 of our complaints process" \
	"This is the last stage" "The roof is still not fixed" "A new roof" "The garden wall" \
	"6 January 2027" "0300 111 3000"
expect_json "stage 1 letters still made" stage 1 r letter $C1 --kind response --stage 1 --json
# Extended on Monday 4 January 2027 by 5 working days: Wednesday 13 January.
export REDRESS_TODAY=2027-01-04
expect_ok "stage 2 extend" r complaint extend $C1 --days 5 \
	--reason "We are waiting for a structural engineer" --informed-on 2027-01-04
pdf "stage 2 extension (PDF)" extension2 r letter $C1 --kind extension --format pdf
has "stage 2 extension (PDF)" "$T/extension2.txt" "6 January 2027" "structural engineer" \
	"13 January 2027" "5 more working days" "0300 111 3000"
export REDRESS_TODAY=2027-01-11
expect_ok "stage 2 respond" r complaint respond $C1 \
	--decision "1:partly_upheld:The roof needs a full repair, not a new roof" \
	--remedy "apology:2027-01-12:We apologise for the delay"
pdf "stage 2 response (PDF)" response2 r letter $C1 --kind response --format pdf
has "stage 2 response: (a) to (g)" "$T/response2.txt" "Our final answer" \
	"stage 2 of our complaints process" "The roof is still not fixed" \
	"Our decision: Partly upheld" "The roof needs a full repair, not a new roof" \
	"We apologise for the delay, by 12 January 2027" "Replace the roof covering" \
	"ask the Housing Ombudsman to look at your complaint" "within 12 months" "0300 111 3000"
every_page "stage 2 response (PDF)" response2

# Refusal (complaint 2) and a refused escalation (complaint 3).
export REDRESS_TODAY=2026-11-03
expect_ok "new 2" r complaint new --channel email --category repairs --received-on 2026-11-02 \
	--description "A court case about the boiler" --name "Bo Khan" --email bo@example.org
expect_ok "refuse 2" r complaint refuse CMP-2026-000002 --reason legal_proceedings \
	--explanation "You have made a claim at court about the boiler" --as olu
pdf "refusal (PDF)" refusal r letter CMP-2026-000002 --kind refusal --format pdf
has "refusal (PDF): 2.4" "$T/refusal.txt" "We cannot accept your complaint" "Dear Bo Khan," \
	"Legal proceedings have started" "You have made a claim at court about the boiler" \
	"ask the Housing Ombudsman to look at our decision" "0300 111 3000"
expect_ok "new 3" r complaint new --channel phone --category repairs --received-on 2026-11-03 \
	--description "Mould in the bathroom" --name "Cy Moss" --email cy@example.org
expect_ok "ack 3" r complaint acknowledge CMP-2026-000003 --handler amy --summary "Mould" \
	--outcomes "Treat the mould" --responsible "Ventilation" --not-responsible "Furniture" \
	--complex no --vulnerable no
expect_ok "respond 3" r complaint respond CMP-2026-000003 --decision "1:not_upheld:The fan works"
expect_ok "escalate 3" r complaint escalate CMP-2026-000003
expect_ok "refuse escalation 3" r complaint refuse-escalation CMP-2026-000003 \
	--reason already_considered --explanation "The Ombudsman has decided this already" --as olu
pdf "escalation refusal (PDF)" escalation-refusal r letter CMP-2026-000003 --kind escalation-refusal --format pdf
has "escalation refusal (PDF): 5.11" "$T/escalation-refusal.txt" "We cannot take your complaint to stage 2" \
	"already been considered" "The Ombudsman has decided this already" \
	"ask the Housing Ombudsman" "0300 111 3000"
unchanged "refusal letter for a refused escalation" "a refusal letter is about stage 1" \
	r letter CMP-2026-000003 --kind refusal --stage 2

# The recipient's adjustments: large print, plain text only, language.
export REDRESS_TODAY=2027-01-12
expect_ok "large print, Polish" r person preferences P-000001 --format large_print --language Polish
pdf "large print (PDF)" large-print r letter $C1 --kind response --stage 1 --format pdf
has "language noted" "$T/large-print.txt" "You told us you prefer Polish." \
	"Please tell us if you would like this letter in Polish."
small=$(pdftotext -bbox "$ART/large-print.pdf" - | sed -n 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)".*/\1 \2/p' |
	awk 'BEGIN { m = 1000 } { h = ($2 - $1) / 1.5506; if (h < m) m = h } END { printf "%.1f", m }')
if [ "$(echo "$small >= 15.95" | bc -l)" = 1 ]; then ok; else bad "large print has text of $small pt"; fi
expect_json "json: large print" large_print true r letter $C1 --kind response --stage 1 --json
expect_ok "plain text only" r person preferences P-000001 --format plain_text --language English
unchanged "no PDF for plain text only (5.10)" "5.10" r letter $C1 --kind response --stage 1 --format pdf
unchanged "no HTML for plain text only (5.10)" "plain text only" r letter $C1 --kind response --stage 1 --format html
expect_ok "text for plain text only" r letter $C1 --kind response --stage 1 --format text
if grep -q "You told us you prefer" "$T/out"; then bad "English noted as a preference"; else ok; fi
# Easy read: each sentence a paragraph of its own (one idea a line), in
# 16 pt type in the PDF and the HTML.
expect_ok "easy read" r person preferences P-000001 --format easy_read --language English
expect_ok "easy read text" r letter $C1 --kind acknowledgement --stage 1 --format text
cp "$T/out" "$T/easy.txt"
for want in "Thank you for telling us about your complaint." \
	"The Housing Ombudsman looks at complaints about landlords." \
	"It is free and it does not take sides." "You can contact it at any time."; do
	# the sentence is a paragraph on its own: a blank line before and after
	if awk -v s="$want" 'BEGIN { RS = ""; n = 0 } $0 == s { n++ } END { exit n ? 0 : 1 }' "$T/easy.txt"; then ok
	else bad "easy read: [$want] is not a paragraph of its own"; fi
done
two=$(awk 'BEGIN { RS = "" } /Dear/ { body = 1; next } body && /[a-z0-9][.!?] [A-Z]/ && !/Yours sincerely/ { n++ } END { print n + 0 }' "$T/easy.txt")
expect_out "easy read: no paragraph of two sentences" 0 echo "$two"
expect_json "json: easy read" easy_read true r letter $C1 --kind acknowledgement --stage 1 --json
pdf "easy read (PDF)" easy-read r letter $C1 --kind acknowledgement --stage 1 --format pdf
small=$(pdftotext -bbox "$ART/easy-read.pdf" - | sed -n 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)".*/\1 \2/p' |
	awk 'BEGIN { m = 1000 } { h = ($2 - $1) / 1.5506; if (h < m) m = h } END { printf "%.1f", m }')
if [ "$(echo "$small >= 15.95" | bc -l)" = 1 ]; then ok; else bad "easy read has text of $small pt"; fi
expect_ok "easy read HTML" r letter $C1 --kind acknowledgement --stage 1 --format html
if grep -q "font-size:16pt" "$T/out"; then ok; else bad "easy read HTML is not 16 pt"; fi
expect_ok "standard again" r person preferences P-000001 --format standard
pdf "standard (PDF)" standard r letter $C1 --kind acknowledgement --stage 1 --format pdf
small=$(pdftotext -bbox "$ART/standard.pdf" - | sed -n 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)".*/\1 \2/p' |
	awk 'BEGIN { m = 1000 } { h = ($2 - $1) / 1.5506; if (h < m) m = h } END { printf "%.1f", m }')
if [ "$(echo "$small < 15" | bc -l)" = 1 ]; then ok; else bad "the standard letter is not smaller ($small pt)"; fi

# A letter under the landlord's plain-language threshold warns.
expect_ok "threshold 95" r policy set readability_threshold 95
r letter $C1 --kind response --stage 1 > /dev/null 2>"$T/warn"
has "warns under the threshold" "$T/warn" "warning: this letter reads below the landlord's plain-language threshold" "< 95)"
expect_json "json: below threshold" below_threshold true r letter $C1 --kind response --stage 1 --json
expect_ok "threshold 60" r policy set readability_threshold 60

# Templates: an administrator's override, checked against the Code.
r letter template show response-stage1 > "$T/tmpl" 2>/dev/null
grep -v '{{#remedies}}\|{{/remedies}}\|{{^remedies}}' "$T/tmpl" > "$T/no-remedies.tmpl"
unchanged "a template without the remedy (6.9(e))" "6.9(e)" \
	r letter template set response-stage1 "$T/no-remedies.tmpl" --as ada
expect_fail "names the placeholder" "{{remedies}}" \
	r letter template set response-stage1 "$T/no-remedies.tmpl" --as ada
printf '{{#decisions}}\n' > "$T/broken.tmpl"
unchanged "a template that does not parse" "is never closed" \
	r letter template set response-stage1 "$T/broken.tmpl" --as ada
sed 's/^# Our answer to your complaint$/# Our reply to you/' "$T/tmpl" > "$T/mine.tmpl"
unchanged "a handler may not change templates" "may not change letter templates" \
	r letter template set response-stage1 "$T/mine.tmpl" --as amy
unchanged "no such template" "there is no letter template" \
	r letter template set thanks "$T/mine.tmpl" --as ada
expect_out "admin sets the template" "template response-stage1 set" \
	r letter template set response-stage1 "$T/mine.tmpl" --as ada
r letter $C1 --kind response --stage 1 > "$T/mine.txt" 2>/dev/null
has "the override is used" "$T/mine.txt" "Our reply to you" "Our decision: Upheld"
expect_json "listed as the landlord's own" 4.overridden true r letter template list --json
expect_out "reset" "template response-stage1 is the built-in again" \
	r letter template reset response-stage1 --as ada
r letter $C1 --kind response --stage 1 > "$T/back.txt" 2>/dev/null
has "the built-in again" "$T/back.txt" "Our answer to your complaint"
unchanged "nothing to reset" "has no override" r letter template reset response-stage1 --as ada
expect_ok "the record verifies" r verify

# Who may issue letters.
unchanged "the board may not" "may not issue letters" r letter $C1 --kind response --as bob
expect_ok "a handler may" r letter $C1 --kind response --as amy

# Without the landlord's contact details a stage 1 response cannot say how
# to escalate (6.9(g)).
DB=$T/bare.db
expect_ok "bare init" r init
export REDRESS_TODAY=2026-11-02
expect_ok "bare new" r complaint new --channel phone --category repairs \
	--description "Leak" --name "Di Ray" --email di@example.org
expect_ok "bare ack" r complaint acknowledge $C1 --handler amy --summary "Leak" \
	--outcomes "Fix it" --responsible "Roof" --not-responsible "Contents" --complex no --vulnerable no
expect_ok "bare respond" r complaint respond $C1 --decision "1:not_upheld:It was fixed"
unchanged "no way to escalate (6.9(g))" "6.9(g)" r letter $C1 --kind response
expect_fail "names the element" "landlord_contact" r letter $C1 --kind response
expect_ok "bare email" r policy set email "help@example.org"
expect_ok "now it can" r letter $C1 --kind response

finish
