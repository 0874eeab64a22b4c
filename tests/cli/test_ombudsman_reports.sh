#!/bin/sh
# test_ombudsman_reports.sh - the register of the Housing Ombudsman's
# reports about the landlord and parts (e) and (f) of the annual report
# (Code 8.1): roles, bad input refused naming the field and clause with
# nothing stored, the landlord's response, withdrawal, and which reports
# each reporting year's annual report lists (by the date each was
# published: 2025/26 runs from 1 April 2025 to 31 March 2026).  Today is
# Friday 10 April 2026.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
export REDRESS_TODAY=2026-04-10

expect_ok "init" r init
for u in amy:handler olu:complaints_officer rhi:senior_lead mrc:board adm:admin; do
	expect_ok "user ${u%%:*}" r user add "${u%%:*}" --role "${u#*:}"
done
expect_ok "complaint" r complaint new --channel phone --category repairs --description d \
	--name R --email r@example.org --received-on 2025-06-02
C=CMP-2025-000001
expect_ok "improvement" r improvement new --title "Damp surveys within 10 days" --complaint $C \
	--owner "Asset manager" --due-on 2026-06-30 --recorded-on 2025-07-01

om() { r ombudsman-report "$@"; }
spot() { om new --kind spotlight_report --title "Spotlight on damp" --summary "Names us" "$@"; }

# --- refusals: each names the field and clause 8.1, and stores nothing -----------------------
unchanged "by a handler" "the handler role may not record this" spot --published-on 2026-01-10 --as amy
unchanged "by the board" "the board role may not record this" spot --published-on 2026-01-10 --as mrc
unchanged "unknown kind" 'kind "letter" is not one of: annual_landlord_report, special_report' \
	om new --kind letter --title T --summary S --published-on 2026-01-10
unchanged "no kind" "kind is required" om new --title T --summary S --published-on 2026-01-10
unchanged "no title" "title is required" \
	om new --kind spotlight_report --summary S --published-on 2026-01-10
unchanged "no summary" "summary is required" \
	om new --kind spotlight_report --title T --published-on 2026-01-10
unchanged "no date" "published_on is required" spot
unchanged "published tomorrow" "published_on is in the future" spot --published-on 2026-04-11
unchanged "received tomorrow" "received_on is in the future" \
	spot --published-on 2026-04-10 --received-on 2026-04-11
unchanged "annual without year" "year is required" \
	om new --kind annual_landlord_report --title T --summary S --published-on 2025-10-15
# 2025/26 ended on 31 March 2026: a report on it cannot be out by then
unchanged "year not ended" "year 2025 (2025/26) had not ended when the report was published" \
	om new --kind annual_landlord_report --title T --summary S --published-on 2026-03-31 --year 2025
unchanged "year on a spotlight" "a spotlight_report has none" spot --published-on 2026-01-10 --year 2025
unchanged "ftp address" "url must be a web address starting http:// or https://" \
	spot --published-on 2026-01-10 --url ftp://example.org/r.pdf
unchanged "response date alone" "landlord_response is required with responded_on" \
	spot --published-on 2026-01-10 --responded-on 2026-01-11
unchanged "unknown complaint" "no complaint CMP-2025-000099" \
	spot --published-on 2026-01-10 --complaint CMP-2025-000099
unchanged "unknown improvement" "no improvement IMP-000099" \
	spot --published-on 2026-01-10 --improvement IMP-000099
expect_fail "the clause" "Code clause: 8.1" spot --published-on 2026-04-11
expect_fail "the field" "field: published_on" spot --published-on 2026-04-11
expect_out "nothing stored" "" om list

# --- the register -----------------------------------------------------------------------------
# 1: the annual landlord performance report on 2024/25, published in 2025/26
expect_out "annual report" "OMR-000001 received 2025-10-15 Annual landlord performance report on 2024/25: Landlord performance report 2024-25" \
	om new --kind annual_landlord_report --title "Landlord performance report 2024-25" \
	--published-on 2025-10-15 --received-on 2025-10-15 --year 2024 \
	--summary "Maladministration found in 6 of 10 cases" \
	--url https://www.housing-ombudsman.org.uk/landlord-performance --as olu
# 2: a spotlight report on the last day of 2025/26, about a complaint
expect_out "spotlight" "OMR-000002 received 2026-03-31 Spotlight report: Spotlight on damp" \
	spot --published-on 2026-03-31 --complaint $C --as rhi
# 3: a special report on the last day of 2024/25; 4: the annual report on 2023/24
expect_ok "special report" om new --kind special_report --title "Special report (paragraph 49)" \
	--published-on 2025-03-31 --summary "Record keeping" --as adm
expect_ok "annual report 2023/24" om new --kind annual_landlord_report --year 2023 \
	--title "Landlord performance report 2023-24" --published-on 2024-10-20 --summary "Fewer findings"
# 5: entered in error and withdrawn; 6: published in 2026/27
expect_ok "failure order report" om new --kind failure_order_report --title "CHFO report Q1" \
	--published-on 2025-06-30 --summary "Another landlord"
expect_ok "failure notice" om new --kind complaint_handling_failure_notice --title "Notice" \
	--published-on 2026-04-01 --summary "Late annual submission"

unchanged "update with nothing" "landlord_response is required" om update OMR-000001 --on 2025-11-03
unchanged "answered before publication" "on is before the report was received or published" \
	om update OMR-000001 --landlord-response R --on 2025-10-14
unchanged "update by the board" "the board role may not record this" \
	om update OMR-000001 --landlord-response R --as mrc
unchanged "unknown record" "no ombudsman_report OMR-000099" om update OMR-000099 --note n
expect_out "response" "OMR-000001 responded 2025-10-15 Annual landlord performance report on 2024/25: Landlord performance report 2024-25" \
	om update OMR-000001 --landlord-response "The board adopted an action plan on damp" \
	--improvement IMP-000001 --on 2025-11-03 --as rhi
unchanged "withdraw without reason" "reason is required" om withdraw OMR-000005
expect_out "withdraw" "OMR-000005 withdrawn 2025-06-30 Complaint handling failure order report: CHFO report Q1" \
	om withdraw OMR-000005 --reason "It names another landlord" --on 2025-07-01
unchanged "update when withdrawn" "OMR-000005 was withdrawn on 2025-07-01" om update OMR-000005 --note n
fld() { om show "$1" --as amy --json | json_field "$2"; }
expect_out "covers" 2024/25 fld OMR-000001 covers
expect_out "responded on" 2025-11-03 fld OMR-000001 responded_on
expect_out "improvement linked" '["IMP-000001"]' fld OMR-000001 improvements
expect_out "six records" 6 sh -c "\"$REDRESS\" ombudsman-report list --json --db \"$DB\" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'"
# people read the kinds in words; --json keeps the machine names
expect_out "list in words" "OMR-000002 received 2026-03-31 Spotlight report: Spotlight on damp" \
	sh -c "\"$REDRESS\" ombudsman-report list --db \"$DB\" | grep OMR-000002"
expect_out "show in words" "OMR-000001 responded 2025-10-15 Annual landlord performance report on 2024/25: Landlord performance report 2024-25
  received      2025-10-15
  summary       Maladministration found in 6 of 10 cases
  web address   https://www.housing-ombudsman.org.uk/landlord-performance
  improvements  IMP-000001
  response      The board adopted an action plan on damp (2025-11-03)
  recorded by   olu
  update 1      2025-11-03 by rhi
    response    The board adopted an action plan on damp
    improvements IMP-000001" om show OMR-000001
expect_out "show --json kind" failure_order_report fld OMR-000005 kind

# --- the annual report ------------------------------------------------------------------------
a() { expect_json "$1" "sections.$3" "$4" r report annual --year "$2" --json; }
refs() { r report annual --year "$1" --json | python3 -c 'import json, sys
s = json.load(sys.stdin)["sections"]
print(" ".join(x["reference"] for x in s[sys.argv[1]]["reports"]) or "none")' "$2"; }
E=e_ombudsman_annual_landlord_report F=f_other_ombudsman_reports
# 2025/26: (e) 1 (published 15 October 2025); (f) 2 (31 March 2026); 3 is
# 2024/25's (31 March 2025), 5 withdrawn, 6 is 2026/27's (1 April 2026)
expect_out "2025 (e)" OMR-000001 refs 2025 $E
expect_out "2025 (f)" OMR-000002 refs 2025 $F
a "(e) recorded" 2025 $E.recorded true
a "(e) covers" 2025 $E.reports.0.covers 2024/25
a "(e) response" 2025 $E.reports.0.landlord_response "The board adopted an action plan on damp"
a "(e) link" 2025 $E.reports.0.url https://www.housing-ombudsman.org.uk/landlord-performance
a "(e) improvement" 2025 $E.reports.0.improvements.0 IMP-000001
a "(f) complaint" 2025 $F.reports.0.complaints.0 $C
a "(f) no response yet" 2025 $F.reports.0.landlord_response null
# 2024/25: (e) 4 (20 October 2024), (f) 3 (31 March 2025)
expect_out "2024 (e)" OMR-000004 refs 2024 $E
expect_out "2024 (f)" OMR-000003 refs 2024 $F
# 2026/27 so far: no annual report; (f) 6
expect_out "2026 (e)" none refs 2026 $E
expect_out "2026 (f)" OMR-000006 refs 2026 $F
a "(e) none" 2026 $E.note "No annual landlord performance report from the Ombudsman was received in 2026/27 (none published from 2026-04-01 to 2027-03-31). The Ombudsman reports on a financial year after it ends."
a "(e) none recorded" 2026 $E.recorded true
got=$(r report annual --year 2025 | grep -c -F -e "OMR-000001 Landlord performance report 2024-25, published 2025-10-15, on 2024/25" \
	-e "The landlord's response (2025-11-03): The board adopted an action plan on damp" \
	-e "OMR-000002 Spotlight on damp, published 2026-03-31 (Spotlight report)")
[ "$got" = 3 ] && ok || bad "text report: $got of 3 lines"
got=$(r report annual --year 2025 --format html 2>/dev/null | grep -c "OMR-000001\|OMR-000002")
[ "$got" -ge 2 ] && ok || bad "html report: $got"
expect_ok "the record verifies" r verify
finish
