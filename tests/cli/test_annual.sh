#!/bin/sh
# The annual complaints performance and service improvement report (Code
# 8.1 a-f) for 2025/26 on four complaints whose figures were worked out by
# hand (below), and the governing body's response to it (8.2).  England
# and Wales bank holidays in the span: 18 and 21 April, 5 and 26 May 2025.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
export REDRESS_TODAY=2026-04-10

expect_ok "init" r init
expect_ok "handler" r user add amy --role handler
expect_ok "officer" r user add olu --role complaints_officer
expect_ok "senior lead" r user add rhi --role senior_lead
expect_ok "board" r user add mrc --role board
expect_ok "homes" r policy set homes 500

new() { # received category
	r complaint new --channel phone --category "$2" --description d --name R \
		--email r@example.org --received-on "$1" >/dev/null || bad "new $1"
}
ack() {
	r complaint acknowledge "$1" --on "$2" --handler amy --summary s --outcomes o \
		--responsible r --not-responsible n --complex no --vulnerable no >/dev/null || bad "ack $1"
}
# A (repairs): received Tue 1 April 2025, acknowledged Wed 2 April (due Tue
# 8), due Wed 16 April, answered that day: within; upheld, an apology
# given on 20 April.
new 2025-04-01 repairs; A=CMP-2025-000001
ack $A 2025-04-02
expect_ok "A respond" r complaint respond $A --on 2025-04-16 --decision "1:upheld:r" \
	--remedy "apology:2025-04-30:Sorry"
expect_ok "A apology" r complaint complete-remedy $A 1 --on 2025-04-20
# B (leaks) and C (pests): refused, for legal proceedings and as already
# considered.
new 2025-05-01 leaks; B=CMP-2025-000002
expect_ok "B refuse" r complaint refuse $B --reason legal_proceedings --explanation Court \
	--on 2025-05-02 --as olu
new 2025-06-02 pests; C=CMP-2025-000003
expect_ok "C refuse" r complaint refuse $C --reason already_considered --explanation Answered \
	--on 2025-06-03 --as olu
# D (repairs): received Tue 1 July, acknowledged Wed 2 July (due Tue 8):
# within; due Wed 16 July (3, 4, 7-11, 14-16); answered Wed 30 July: late.
new 2025-07-01 repairs; D=CMP-2025-000004
ack $D 2025-07-02
expect_ok "D respond" r complaint respond $D --on 2025-07-30 --decision "1:not_upheld:r"

a() { expect_json "$1" "$2" "$3" r report annual --year 2025 --json; }
a "year" year 2025/26
# (a) the self-assessment: only 6.3 (D late) is not met; the 22
# organisational provisions are still to answer; not yet approved.
a "not met" sections.a_self_assessment.not_met.0.provision 6.3
a "only one" sections.a_self_assessment.summary.comply_no 1
a "to answer" sections.a_self_assessment.summary.not_answered 22
a "first to answer" sections.a_self_assessment.to_answer.0 1.2
a "not approved" sections.a_self_assessment.approved null
# (b) TSMs: CH01 stage 1 counts A and D (refusals are not counted): 2 of
# 500 homes -> 4.0 per 1,000; CH02 stage 1: A within, D late -> 50.0.
a "CH01" sections.b_performance.tsm.ch01.stage1 4.0
a "CH02" sections.b_performance.tsm.ch02.stage1 50.0
a "received" sections.b_performance.volumes.received 4
a "refused" sections.b_performance.refusals.refused 2
a "type refused" sections.b_performance.refusals.types.0.reason already_considered
a "its count" sections.b_performance.refusals.types.0.refused 1
a "other type" sections.b_performance.refusals.types.1.reason legal_proceedings
a "6.3 late" sections.b_performance.timescales.1.late 1
a "upheld" sections.b_performance.outcomes.stage1.complaints_upheld 1
# (c), (d) come from the Ombudsman and improvement registers; (e), (f)
# from the register of the Ombudsman's reports, empty here, and they say so.
a "(c)" sections.c_ombudsman_non_compliance.recorded true
a "(d)" sections.d_service_improvements.recorded true
a "(e)" sections.e_ombudsman_annual_landlord_report.recorded true
a "(e) none" sections.e_ombudsman_annual_landlord_report.reports "[]"
a "(f) none" sections.f_other_ombudsman_reports.reports "[]"
a "(f) says so" sections.f_other_ombudsman_reports.note "No other report or publication of the Ombudsman about the landlord was received in 2025/26 (none published from 2025-04-01 to 2026-03-31)."
a "no response yet" governing_body_response null
a "not ready" ready_to_publish false

# The governing body's response (senior lead or admin), and approval.
unchanged "response by a handler" "may not record" \
	r report annual respond --year 2025 --text "Noted" --as amy
unchanged "response without text" "text is required" r report annual respond --year 2025 --as rhi
unchanged "response in the future" "in the future" \
	r report annual respond --year 2025 --text "Noted" --on 2026-04-11 --as rhi
expect_ok "respond" r report annual respond --year 2025 --on 2026-04-09 --body "Board" \
	--text "The Board notes the late responses and asks for monthly figures" --as rhi
a "response" governing_body_response.text "The Board notes the late responses and asks for monthly figures"
a "response date" governing_body_response.responded_on 2026-04-09
a "still not ready: not approved" ready_to_publish false
expect_ok "approve" r report self-assessment approve --year 2025 --on 2026-04-09 --as rhi
a "ready" ready_to_publish true
a "approved" sections.a_self_assessment.approved.approved_on 2026-04-09

got=$(r report annual --year 2025 | grep -c '^(a) Self-assessment\|^(b) Performance\|^(c) \|^(d) \|^(e) \|^(f) ')
[ "$got" = 6 ] && ok || bad "text report: $got of the six parts"
got=$(r report annual --year 2025 | grep -c 'The Board notes the late responses')
[ "$got" = 1 ] && ok || bad "text report lacks the response"

# (f) names each report's kind in words, in the text and the HTML; the
# JSON keeps the kind's machine name.
expect_ok "severe maladministration report" r ombudsman-report new --kind severe_maladministration_report \
	--title "Heating repairs" --published-on 2025-09-01 --summary "Names the landlord" --as olu
expect_ok "spotlight report" r ombudsman-report new --kind spotlight_report --title "Spotlight on damp" \
	--published-on 2026-02-10 --summary "Names the landlord" --landlord-response "An action plan" \
	--responded-on 2026-03-02 --as olu
a "(f) as stored" sections.f_other_ombudsman_reports.reports.1.kind spotlight_report
r report annual --year 2025 >"$T/annual.txt"
got=$(grep -c -F -x -e "  OMR-000001 Heating repairs, published 2025-09-01 (Severe maladministration report)" \
	-e "  OMR-000002 Spotlight on damp, published 2026-02-10 (Spotlight report)" "$T/annual.txt")
[ "$got" = 2 ] && ok || bad "text (f): $got of 2 kinds in words: $(sed -n '/^(f)/,/^The gov/p' "$T/annual.txt")"
r report annual --year 2025 --format html >"$T/annual.html"
row='<th scope="row" class="govuk-table__header">%s</th><td class="govuk-table__cell">%s</td><td class="govuk-table__cell">%s</td><td class="govuk-table__cell">%s</td>'
got=$(grep -c -F -e "$(printf "$row" OMR-000001 "Heating repairs" 2025-09-01 "Severe maladministration report")" \
	-e "$(printf "$row" OMR-000002 "Spotlight on damp" 2026-02-10 "Spotlight report")" "$T/annual.html")
[ "$got" = 2 ] && ok || bad "html (f): $got of 2 kinds in words"
if grep -q "spotlight_report\|severe_maladministration_report" "$T/annual.txt" "$T/annual.html"; then
	bad "a machine name of a kind in the text or HTML"
else ok; fi
unchanged "a 2022 Code year" "2022 Code year" r report annual --year 2023
got=$(r report annual --year 2025 --format csv | grep -c '^governing_body_response,,text,The Board notes the late responses and asks for monthly figures')
[ "$got" = 1 ] && ok || bad "CSV report lacks the response"
expect_fail "xml is not a format of it" "usage" r report annual --format xml
expect_ok "the record verifies" r verify

finish
