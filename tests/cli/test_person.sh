#!/bin/sh
# test_person.sh - "redress person": communication preferences, reasonable
# adjustments (Code 5.10), disclosed disabilities and vulnerabilities
# (special category data: left out unless asked for with a purpose, every
# read logged), and contact restrictions (Code 5.14, 5.15).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

reads() { sqlite3 "$DB" "select count(*) from events where type='person.special_category_read'"; }
# out_has DESC TEXT CMD...: exit 0 and stdout contains TEXT
out_has() {
	desc=$1 text=$2
	shift 2
	got=$("$@" 2>"$T/err")
	rc=$?
	if [ "$rc" -eq 0 ] && printf '%s\n' "$got" | grep -q -F -- "$text"; then ok; else
		bad "$desc: rc=$rc, stdout lacks [$text]: $(printf '%s' "$got" | head -5) $(head -3 "$T/err")"
	fi
}
# out_lacks DESC TEXT CMD...: exit 0 and stdout does not contain TEXT
out_lacks() {
	desc=$1 text=$2
	shift 2
	got=$("$@" 2>"$T/err")
	rc=$?
	if [ "$rc" -eq 0 ] && ! printf '%s\n' "$got" | grep -q -F -- "$text"; then ok; else
		bad "$desc: rc=$rc, stdout has [$text] (or failed): $(head -3 "$T/err")"
	fi
}

expect_ok "init" r init
expect_ok "handler" r user add hana --role handler
expect_ok "board member" r user add bob --role board

# --- new, with preferences -------------------------------------------------------
expect_out "person new" "P-000001 created" r person new --name "Carol Ng" \
	--email carol@example.org --phone "0161 496 0000" --method email --frequency weekly \
	--format large_print --language Cantonese
expect_json "name" name "Carol Ng" r person show P-000001 --json
expect_json "method" method email r person show P-000001 --json
expect_json "frequency" frequency weekly r person show P-000001 --json
expect_json "format" format large_print r person show P-000001 --json
expect_json "language" language Cantonese r person show P-000001 --json
out_has "show contact line" "contact    email, weekly, large_print, language Cantonese" \
	r person show P-000001
expect_out "preferences" "P-000001 updated" r person preferences P-000001 --format braille
expect_json "preferences changed" format braille r person show P-000001 --json
expect_json "others kept" method email r person show P-000001 --json
unchanged "bad method" 'method "pigeon" is not one of the known values' \
	r person new --name "Dan Roe" --method pigeon
unchanged "bad format" 'format "comic_sans"' r person preferences P-000001 --format comic_sans
unchanged "bad email" '"dan.example.org" is not an email address' \
	r person new --name "Dan Roe" --email dan.example.org
unchanged "no name" 'name is required' r person new --email dan@example.org
unchanged "unknown person" 'no person P-000099' \
	r person adjust P-000099 --description x --review-on 2027-01-01

# --- reasonable adjustments (5.10) -------------------------------------------------
unchanged "adjust without review_on" "review_on is required (Code 5.10)" \
	r person adjust P-000001 --description "Large print letters" --agreed-on 2026-11-01
unchanged "review_on same day" "review_on must be after" \
	r person adjust P-000001 --description "Large print letters" --agreed-on 2026-11-01 \
	--review-on 2026-11-01
unchanged "review_on before agreed_on" "review_on must be after" \
	r person adjust P-000001 --description "Large print letters" --agreed-on 2026-11-01 \
	--review-on 2026-10-01
unchanged "agreed in the future" "agreed_on is in the future" \
	r person adjust P-000001 --description "Large print letters" --agreed-on 2026-12-01 \
	--review-on 2027-06-01
unchanged "agreed_on not a date" "agreed_on" \
	r person adjust P-000001 --description "Large print letters" --agreed-on 2026-02-30 \
	--review-on 2027-06-01
unchanged "adjust without description" "description is required" \
	r person adjust P-000001 --review-on 2027-06-01
expect_out "adjust" "P-000001 updated" r person adjust P-000001 \
	--description "Letters in large print; calls in the afternoon" --agreed-on 2026-11-01 \
	--review-on 2027-01-15
expect_json "adjustment stored" adjustments.0.review_on 2027-01-15 r person show P-000001 --json
expect_json "adjustment agreed" adjustments.0.agreed_on 2026-11-01 r person show P-000001 --json

# --- disclosures: special category ------------------------------------------------
unchanged "disclose bad kind" 'kind "religion" is not one of the known values' \
	r person disclose P-000001 --kind religion --detail x --review-on 2027-11-01
unchanged "disclose without detail" "detail is required" \
	r person disclose P-000001 --kind disability --review-on 2027-11-01
unchanged "disclose without review" "review_on is required" \
	r person disclose P-000001 --kind disability --detail "Partially sighted"
out_lacks "disclose output hides the detail" "Partially sighted" \
	r person disclose P-000001 --kind disability \
	--detail "Partially sighted; uses a screen reader" --review-on 2027-11-01 --json
out_lacks "show hides the detail" "Partially sighted" r person show P-000001
out_lacks "show hides the kind" "disability" r person show P-000001
out_has "show says disclosures are held" "1 disclosure(s) held" r person show P-000001
out_lacks "show --json hides the detail" "Partially sighted" r person show P-000001 --json
expect_json "show --json count" disclosures_held 1 r person show P-000001 --json
expect_json "show --json no list" disclosures null r person show P-000001 --json
out_lacks "list hides the detail" "Partially sighted" r person list --json
expect_out "no read logged yet" 0 reads

out_has "show --sensitive" "disclosed disability: Partially sighted; uses a screen reader" \
	r person show P-000001 --sensitive "Preparing reasonable adjustments for the stage 1 meeting"
expect_out "read logged" 1 reads
expect_out "purpose logged" "Preparing reasonable adjustments for the stage 1 meeting" \
	sqlite3 "$DB" "select json_extract(payload, '$.purpose') from events where type='person.special_category_read'"
expect_out "read is on the person" "person:P-000001" \
	sqlite3 "$DB" "select stream from events where type='person.special_category_read'"
expect_json "--sensitive --json" disclosures.0.detail "Partially sighted; uses a screen reader" \
	r person show P-000001 --sensitive "Checking the letter format" --as hana --json
expect_out "second read logged" 2 reads
expect_out "reader recorded" hana \
	sqlite3 "$DB" "select actor from events where type='person.special_category_read' order by id desc limit 1"
unchanged "board may not read" "the board role may not see people's records" \
	r person show P-000001 --sensitive "Board pack" --as bob
expect_out "board read not logged" 2 reads
unchanged "board may not see a person's record" "board role may not" r person show P-000001 --as bob
unchanged "empty purpose" "say why" r person show P-000001 --sensitive ""
unchanged "unknown --as" 'no user called "nobody"' \
	r person show P-000001 --sensitive "x" --as nobody
expect_out "no more reads" 2 reads

# --- restrictions (5.14, 5.15) -----------------------------------------------------
restrict() {
	r person restrict P-000001 "$@"
}
unchanged "restrict without restriction" "restriction is required (Code 5.14)" \
	restrict --reason "Abusive calls to staff" --evidence "Call recordings 3, 10 Nov" \
	--proportionality "Email keeps contact open" --equality-considered --review-on 2027-02-23
unchanged "restrict without reason" "reason is required (Code 5.14)" \
	restrict --restriction "Contact by email only" --evidence "Call recordings 3, 10 Nov" \
	--proportionality "Email keeps contact open" --equality-considered --review-on 2027-02-23
unchanged "restrict without evidence" "evidence is required (Code 5.14)" \
	restrict --restriction "Contact by email only" --reason "Abusive calls to staff" \
	--proportionality "Email keeps contact open" --equality-considered --review-on 2027-02-23
unchanged "restrict without proportionality" "proportionality is required (Code 5.15)" \
	restrict --restriction "Contact by email only" --reason "Abusive calls to staff" \
	--evidence "Call recordings 3, 10 Nov" --equality-considered --review-on 2027-02-23
unchanged "restrict without equality" "(Code 5.15)" \
	restrict --restriction "Contact by email only" --reason "Abusive calls to staff" \
	--evidence "Call recordings 3, 10 Nov" --proportionality "Email keeps contact open" \
	--review-on 2027-02-23
unchanged "restrict without review" "review_on is required (Code 5.14)" \
	restrict --restriction "Contact by email only" --reason "Abusive calls to staff" \
	--evidence "Call recordings 3, 10 Nov" --proportionality "Email keeps contact open" \
	--equality-considered
unchanged "restrict review before start" "review_on must be after" \
	restrict --restriction "Contact by email only" --reason "Abusive calls to staff" \
	--evidence "Call recordings 3, 10 Nov" --proportionality "Email keeps contact open" \
	--equality-considered --review-on 2026-11-20
expect_out "restrict" "P-000001 updated" \
	restrict --restriction "Contact by email only" --reason "Abusive calls to staff" \
	--evidence "Call recordings 3, 10 Nov" --proportionality "Email keeps contact open" \
	--equality-considered --review-on 2027-02-23
expect_json "restriction starts today" restrictions.0.starts_on 2026-11-23 r person show P-000001 --json
expect_json "restriction evidence" restrictions.0.evidence "Call recordings 3, 10 Nov" \
	r person show P-000001 --json
out_has "show lists restriction" "RESTRICTION 1: Contact by email only (review 2027-02-23)" \
	r person show P-000001

# --- reviews due -----------------------------------------------------------------------
# adjustment 2027-01-15, restriction 2027-02-23, disclosure 2027-11-01
expect_out "nothing due today" "0 reviews due" r person reviews
out_has "due by end of Jan: adjustment" "1 reviews due" r person reviews --due-by 2027-01-31
out_has "due by end of Jan lists it" "2027-01-15  P-000001" r person reviews --due-by 2027-01-31
out_has "due by March: two" "2 reviews due" r person reviews --due-by 2027-03-01
out_has "due by March: restriction" "restriction review due: Contact by email only" \
	r person reviews --due-by 2027-03-01
out_has "due by 2027 end: three" "3 reviews due" r person reviews --due-by 2027-12-31
out_lacks "reviews hide the detail" "Partially sighted" r person reviews --due-by 2027-12-31
expect_json "reviews --json kind" 1.kind restriction r person reviews --due-by 2027-03-01 --json
expect_json "reviews --json date" 1.review_on 2027-02-23 r person reviews --due-by 2027-03-01 --json
expect_fail "reviews bad date" '"2027-02-30" is not a real date' r person reviews --due-by 2027-02-30
# "person reviews" says a disclosure review is due without saying what was
# disclosed, and the board role may not list people's reviews at all.
out_lacks "staff reviews hide the disclosure kind" "disability" \
	r person reviews --due-by 2027-12-31
unchanged "board may not list reviews" "board role may not" \
	r person reviews --due-by 2027-12-31 --as bob

# reviewing moves the date on; ending a restriction takes it off the list
expect_out "review adjustment" "P-000001 updated" r person review-adjustment P-000001 --id 1 \
	--outcome "Still needed" --reviewed-on 2026-11-23 --review-on 2027-07-15
expect_json "adjustment review moved" adjustments.0.review_on 2027-07-15 r person show P-000001 --json
out_has "March: only the restriction" "1 reviews due" r person reviews --due-by 2027-03-01
unchanged "review without outcome" "outcome is required" \
	r person review-restriction P-000001 --id 1 --review-on 2027-05-01
unchanged "review unknown item" "no restrictions 7" \
	r person review-restriction P-000001 --id 7 --outcome x --review-on 2027-05-01
expect_out "end restriction" "P-000001 updated" r person end-restriction P-000001 --id 1 \
	--outcome "Behaviour has improved"
expect_json "restriction ended" restrictions.0.ended true r person show P-000001 --json
out_has "March: none" "0 reviews due" r person reviews --due-by 2027-03-01
unchanged "review an ended restriction" "restriction 1 has ended" \
	r person review-restriction P-000001 --id 1 --outcome x --review-on 2027-05-01
expect_out "list" "P-000001   Carol Ng
1 people" r person list

# The board role is read-only: it may not record disclosures or restrictions.
unchanged "board may not disclose" "role" r person disclose P-000001 --kind vulnerability \
	--detail "Lives alone" --review-on 2027-06-01 --as bob
unchanged "board may not restrict" "role" r person restrict P-000001 --restriction "Letters only" \
	--reason r --evidence e --proportionality p --equality-considered --review-on 2027-06-01 --as bob
expect_out "handler may record an adjustment" "P-000001 updated" r person adjust P-000001 \
	--description "Interpreter for meetings" --review-on 2027-05-01 --as hana
expect_json "adjustment 2 agreed today" adjustments.1.agreed_on 2026-11-23 r person show P-000001 --json

# Subject access: everything held about the person, their complaints with
# it, and the export recorded as a read of special category data.
expect_ok "a complaint of P-000001" r complaint new --channel phone --category repairs \
	--description "Boiler" --person P-000001
before=$(reads)
expect_json "export names the person" person P-000001 r person export P-000001 --as hana
expect_json "with the disclosures" records.person:P-000001.state.disclosures.0.kind disability \
	r person export P-000001 --as hana
expect_json "and the complaint, with its events" "records.complaint:CMP-2026-000001.events.0.type" \
	complaint.received r person export P-000001 --as hana
expect_out "each export is recorded" $((before + 3)) reads
unchanged "the board may not export" "board role may not" r person export P-000001 --as bob
unchanged "no such person" "no person P-999999" r person export P-999999

# ... and as PDF, read back with pdftotext: the person's details, what they
# disclosed, and the complaint with its events.
reads0=$(reads)
expect_ok "export as PDF" r person export P-000001 --pdf "$T/sar.pdf" --as hana
expect_out "it is a PDF" "%PDF-" head -c 5 "$T/sar.pdf"
pdftotext -layout "$T/sar.pdf" "$T/sar.txt" 2>/dev/null || bad "pdftotext failed"
pname=$(r person show P-000001 --json | json_field name)
detail=$(r person export P-000001 --as hana | json_field records.person:P-000001.state.disclosures.0.detail)
for s in "Subject access request: P-000001" "$pname" "$detail" "complaint:CMP-2026-000001" \
	"complaint.received" "description: Boiler" "person.special_category_read"; do
	if grep -q -F -- "$s" "$T/sar.txt"; then ok; else bad "the PDF lacks [$s]"; fi
done
expect_out "the PDF export is recorded too (and the JSON one above)" $((reads0 + 2)) reads
unchanged "no file name" "--pdf needs a file name" r person export P-000001 --pdf "" --as hana
unchanged "an unwritable file" "cannot write" r person export P-000001 --pdf /nonexistent/dir/x.pdf --as hana
unchanged "the board may not export as PDF" "board role may not" r person export P-000001 --pdf "$T/b.pdf" --as bob

finish
