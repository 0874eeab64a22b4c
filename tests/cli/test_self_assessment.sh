#!/bin/sh
# The self-assessment against the 2024 Code (all 72 provisions) for the
# reporting year 2025/26, on a small fixed set of records whose every
# computed figure was worked out by hand (below): responses on the deadline
# day, an extension beyond the Code with a good reason, a refusal, a
# complaint raised from a service request and never acknowledged, a 2022-
# Code complaint answered late in the year (which the 2024 form does not
# count), overdue actions, remedies and reviews.  Then staff commentary,
# the governing body's approval and the publication, and bad input.
# England and Wales bank holidays in the span: 2025: 18 and 21 April, 5
# and 26 May, 25 August; 2026: 3 and 6 April.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
export REDRESS_TODAY=2026-04-10

expect_ok "init" r init
for u in amy bea; do expect_ok "user $u" r user add $u --role handler; done
expect_ok "officer" r user add olu --role complaints_officer
expect_ok "senior lead" r user add rhi --role senior_lead
expect_ok "admin" r user add adm --role admin
expect_ok "homes" r policy set homes 1000

# P-000001: two adjustments, one due for review on 1 March 2026 (overdue on
# 10 April), one on 1 June; a disclosure; a restriction reviewed by 1 May.
expect_ok "person" r person new --name "Dee Ola" --phone "0161 496 0001"
expect_ok "adjustment 1" r person adjust P-000001 --description "Large print" \
	--agreed-on 2025-04-01 --review-on 2026-03-01
expect_ok "adjustment 2" r person adjust P-000001 --description "Calls after 10am" \
	--agreed-on 2025-05-01 --review-on 2026-06-01
expect_ok "disclosure" r person disclose P-000001 --kind disability --detail "Sight loss" \
	--disclosed-on 2025-04-01 --review-on 2026-09-01
expect_ok "restriction" r person restrict P-000001 --restriction "Email only" \
	--reason "Abusive calls" --evidence "Call logs" --proportionality "Email still open" \
	--equality-considered --starts-on 2025-06-01 --review-on 2026-05-01

new() { # received category [more options]; each makes a person unless --person
	on=$1 cat=$2
	shift 2
	r complaint new --channel phone --category "$cat" --description "d" --name "R" \
		--email r@example.org --received-on "$on" "$@" >/dev/null || bad "new $on"
}
ack() { # ref date handler
	r complaint acknowledge "$1" --on "$2" --handler "$3" --summary s --outcomes o \
		--responsible r --not-responsible n --complex no --vulnerable no >/dev/null ||
		bad "ack $1 $2"
}
resp() { # ref date, then the response's options
	ref=$1 on=$2
	shift 2
	r complaint respond "$ref" --on "$on" "$@" >/dev/null || bad "respond $ref $on"
}

# K: a 2022-Code complaint (received Mon 25 March 2024), escalated Wed 2
# April 2025 and acknowledged Mon 14 April (no stage 2 acknowledgement
# deadline in 2022); due 20 working days from the request, Fri 2 May;
# answered Tue 20 May: late, but the 2024 form counts 2024-Code complaints.
new 2024-03-25 repairs; K=CMP-2024-000001
ack $K 2024-03-28 amy
resp $K 2024-04-10 --decision "1:not_upheld:r"
expect_ok "K escalate" r complaint escalate $K --on 2025-04-02
ack $K 2025-04-14 bea
resp $K 2025-05-20 --decision "1:not_upheld:r"
# A: received Tue 1 April 2025; acknowledge by Tue 8 April (2-4, 7, 8),
# acknowledged that day: within.  Due Thu 24 April (9-11, 14-17, 22-24:
# 18 and 21 April are bank holidays), answered that day: within.  Upheld,
# GBP 50 due 30 May never paid (past due); an action due 15 May, done 14 May.
new 2025-04-01 repairs; A=CMP-2025-000001
ack $A 2025-04-08 amy
resp $A 2025-04-24 --decision "1:upheld:r" --remedy "financial:2025-05-30:50:Distress" \
	--action "2025-05-15:Fix the door"
expect_ok "A action done" r complaint complete-action $A 1 --on 2025-05-14
# B: received Thu 1 May; acknowledge by Fri 9 May (2, 6-9: 5 May is a bank
# holiday); acknowledged Mon 12 May: late.  Due Tue 27 May (26 May is a bank
# holiday); extended by 15 working days with a good reason to Tue 17 June;
# the Code permits 10 (to Tue 10 June); answered Mon 16 June: late by the
# Code.  Not upheld; an action due 31 July never done (past due).
new 2025-05-01 repairs; B=CMP-2025-000002
ack $B 2025-05-12 amy
expect_ok "B extend" r complaint extend $B --days 15 --reason "Contractor" \
	--good-reason "The contractor went into administration" --informed-on 2025-05-20 --as olu
resp $B 2025-06-16 --decision "1:not_upheld:r" --action "2025-07-31:Inspect the roof"
# C: received Mon 2 June, acknowledged Tue 3 June: within; due Tue 17 June,
# answered Mon 16 June: within; partly upheld, an apology (done 18 June).
# Escalated Wed 18 June: acknowledge by Wed 25 June, acknowledged that day
# by bea: within.  Due 20 working days later, Wed 23 July, answered that
# day: within.  Upheld, GBP 100 (paid 10 August), and an action due 30
# September never done (past due).
new 2025-06-02 damp_and_mould; C=CMP-2025-000003
ack $C 2025-06-03 amy
resp $C 2025-06-16 --decision "1:partly_upheld:r" --remedy "apology:2025-06-20:Sorry"
expect_ok "C apology done" r complaint complete-remedy $C 1 --on 2025-06-18
expect_ok "C escalate" r complaint escalate $C --on 2025-06-18
ack $C 2025-06-25 bea
expect_json "C stage 2 due" deadlines.respond_by 2025-07-23 r complaint show $C --json
resp $C 2025-07-23 --decision "1:upheld:r" --remedy "financial:2025-08-15:100:Time" \
	--action "2025-09-30:Replace the windows"
expect_ok "C payment made" r complaint complete-remedy $C 2 --on 2025-08-10
# D: received Tue 1 July, refused Wed 2 July: legal proceedings.
new 2025-07-01 leaks; D=CMP-2025-000004
expect_ok "D refuse" r complaint refuse $D --reason legal_proceedings --explanation "Court" \
	--on 2025-07-02 --as olu
# E: about amy, received Mon 1 September, handled by bea; acknowledged Tue 2
# September: within; due Tue 16 September and never answered (past due).
new 2025-09-01 staff_conduct --about-kind staff --about-user amy; E=CMP-2025-000005
ack $E 2025-09-02 bea

# Service requests of P-000001: one from 2024/25; one received Thu 1 May
# 2025, dissatisfaction on 10 May (a complaint offered and declined),
# completed 20 May; one received Mon 2 March 2026, dissatisfaction on Mon 16
# March raising complaint F, which was never acknowledged: acknowledge by
# Mon 23 March (17-20, 23), past due on 10 April.
expect_ok "old request" r service-request new --person P-000001 --category repairs \
	--description "Gate" --received-on 2025-03-01
expect_ok "request 1" r service-request new --person P-000001 --category repairs \
	--description "Tap" --received-on 2025-05-01
expect_ok "request 1 dissatisfied" r service-request dissatisfied SR-2025-000002 \
	--details "Slow" --complaint-offered yes --on 2025-05-10
expect_ok "request 1 complete" r service-request complete SR-2025-000002 --on 2025-05-20
expect_ok "request 2" r service-request new --person P-000001 --category pests \
	--description "Mice" --received-on 2026-03-02
expect_ok "request 2 complaint" r service-request dissatisfied SR-2026-000001 \
	--details "Still mice" --raise-complaint --on 2026-03-16
F=CMP-2026-000001
expect_json "F deadline" deadlines.acknowledge_by 2026-03-23 r complaint show $F --json
# Survey feedback: two in 2025/26 (one dissatisfied, told how to complain),
# one in 2024/25.
expect_ok "feedback 1" r feedback add --survey Repairs --dissatisfied yes --route-offered yes \
	--on 2025-08-01
expect_ok "feedback 2" r feedback add --survey Repairs --dissatisfied no --on 2025-08-02
expect_ok "feedback old" r feedback add --survey Repairs --dissatisfied yes --route-offered yes \
	--on 2025-03-15

sa() { r report self-assessment --year 2025 --json; }
# p PROVISION FIELD EXPECTED: a field of one provision of the form.
p() {
	got=$(sa 2>"$T/err" | python3 -c 'import json,sys
f=json.load(sys.stdin)
p=[x for x in f["provisions"] if x["provision"]==sys.argv[1]][0]
v=p
for k in sys.argv[2].split("."):
    v=v.get(k) if isinstance(v,dict) else None
print("null" if v is None else (json.dumps(v) if isinstance(v,(bool,list,dict)) else v))' "$1" "$2")
	[ "$got" = "$3" ] && ok || bad "$1 $2: want [$3] got [$got] $(head -2 "$T/err")"
}
c() { # provision [--all], then the references expected
	prov=$1
	shift
	all=
	[ "$1" = --all ] && { all=--all; shift; }
	want=$(printf '%s\n' "$@")
	[ $# -eq 0 ] && want=
	expect_out "cases $prov $all" "$want" r report self-assessment --year 2025 --cases "$prov" $all
}

expect_json "form year" year 2025/26 sa
expect_json "the 2024 Code" code 2024 sa
expect_json "72 provisions" summary.provisions 72 sa
expect_json "first" provisions.0.provision 1.2 sa
expect_json "last" provisions.71.provision 9.8 sa
expect_json "section 6" provisions.36.section_name "Complaint stages" sa
expect_json "computed" summary.computed 35 sa
expect_json "enforced" summary.enforced 15 sa
expect_json "organisational" summary.organisational 22 sa
# Flagged by the records: 5.10 (a review overdue), 6.2, 6.3, 6.6, 6.17 and
# 7.3 (below), and 9.5 (no board user yet).
expect_json "flagged" summary.flagged 7 sa
p 9.5 comply no
p 9.5 flagged true
expect_ok "board user" r user add mrc --role board
p 9.5 comply yes
p 9.5 figures.users 1
p 9.4 figures.users 1
p 4.1 figures.users 1

# 1.3-1.6: dissatisfaction with service requests in 2025/26 on 10 May and
# 16 March, a complaint offered in both and raised in one; 2 requests
# received in the year (one completed); feedback: 2 in the year, 1
# dissatisfied and told how to complain.
p 1.3 figures.dissatisfied 2
p 1.3 figures.complaint_offered 2
p 1.3 comply yes
p 1.4 figures.service_requests 2
p 1.4 figures.completed 1
p 1.5 figures.complaints_raised 1
p 1.6 figures.feedback 2
p 1.6 figures.dissatisfied 1
p 1.6 figures.route_offered 1
# 2.1: D refused of the 6 received in the year (A B C D E F): 16.7%.
p 2.1 figures.refused 1
p 2.1 figures.received 6
p 2.1 comply yes
p 2.1 evidence "2.1: 1 complaint not accepted in 2025/26, of 6 received (16.7%); each for a reason the policy lists, with the reasons explained to the resident."
p 2.2 figures.blanket 0
p 2.4 figures.refusals 1
p 3.7 comply yes
p 2.3 basis enforced
p 2.3 comply yes
p 1.2 basis organisational
p 1.2 comply null
# 5.6, 5.7: acknowledgements of 2024-Code complaints in the year: A B C E
# at stage 1 and C at stage 2, all defined (K's is a 2022-Code complaint).
p 5.6 figures.acknowledgements 5
p 5.6 figures.defined 5
p 5.7 comply yes
# 5.8: E was about amy and handled by bea.
p 5.8 figures.about_staff 1
p 5.8 figures.handler_was_subject 0
# 5.10: 2 adjustments, the one due for review on 1 March overdue; 1
# disclosure.  5.14, 5.15: 1 restriction, reviewed by 1 May: not overdue.
p 5.10 figures.adjustments 2
p 5.10 figures.reviews_overdue 1
p 5.10 figures.disclosures 1
p 5.10 comply no
p 5.10 flagged true
p 5.14 figures.restrictions 1
p 5.14 comply yes
p 5.15 comply yes
# 5.11: no escalation refused of the 2 requested in the year (K, C).
p 5.11 figures.stage2_requested 2
p 5.11 figures.escalations_refused 0
# 5.13: stage 1 remedies offered with the year's responses: A's GBP 50, C's
# apology.
p 5.13 figures.stage1_remedies 2
# 6.2: A, C (on the deadline day) and E within; B late; F never
# acknowledged, past due: 3 of 5 (60.0%).
p 6.2 figures.total 5
p 6.2 figures.within 3
p 6.2 figures.late 2
p 6.2 figures.not_done 1
p 6.2 figures.percent 60.0
p 6.2 comply no
p 6.2 flagged true
p 6.2 evidence "6.2: 3 of 5 stage 1 complaints acknowledged within 5 working days (60.0%); 2 late, of which 1 not yet acknowledged on 2026-04-10."
c 6.2 $B $F
c 6.2 --all $A $B $C $E $F
# 6.3: A (deadline day) and C within; B late by the Code; E not answered
# by its deadline of 16 September: 2 of 4 (50.0%).
p 6.3 figures.total 4
p 6.3 figures.within 2
p 6.3 figures.percent 50.0
c 6.3 $B $E
# 6.4: B's extension, beyond the Code's 10 days with a good reason.
p 6.4 figures.extensions 1
p 6.4 figures.beyond_limit 1
p 6.4 figures.beyond_without_good_reason 0
p 6.4 comply yes
# 6.6: stage 1 actions A (done) and B (due 31 July, not done); 6.17: C's
# stage 2 action (due 30 September, not done).
p 6.6 figures.actions 2
p 6.6 figures.overdue 1
p 6.6 comply no
c 6.6 $B
p 6.17 figures.actions 1
p 6.17 figures.overdue 1
c 6.17 $C
# 6.7: the year's 3 stage 1 responses of 2024-Code complaints (A B C), one
# point each; 6.18: C's stage 2 response.
p 6.7 figures.responses 3
p 6.7 figures.points 3
p 6.18 figures.responses 1
# 6.11, 6.13, 6.14: C only (K is a 2022-Code complaint): within, a
# different handler, within.
p 6.11 figures.total 1
p 6.11 figures.within 1
p 6.13 figures.stage2_acknowledged 1
p 6.13 figures.same_handler 0
p 6.14 figures.total 1
p 6.14 figures.percent 100.0
p 6.14 comply yes
c 6.14
p 6.15 figures.extensions 0
# 7.1: upheld in whole or part: A and C at stage 1, C at stage 2, all with
# remedies.  7.3: A's GBP 50 (due 30 May, not paid), C's apology and GBP
# 100 (done).
p 7.1 figures.upheld 3
p 7.1 figures.without_remedy 0
p 7.3 figures.remedies 3
p 7.3 figures.completed 2
p 7.3 figures.overdue 1
c 7.3 $A

# The same figures in the board pack: F's acknowledgement past due.
expect_json "board: acknowledgement overdue" timescales.0.overdue_not_done 1 \
	r report board --year 2025 --json
expect_out "board: its case" "$F" r report board --year 2025 --cases s1_ack_overdue

# Policy settings that breach the Code show at once.
expect_ok "blanket exclusion" r policy exclusion add everything --text "Anything" --blanket
p 2.5 comply no
p 2.2 figures.blanket 1
expect_ok "remove it" r policy exclusion remove everything
p 2.5 comply yes
expect_ok "informal stage" r policy set informal_stage true
p 5.2 flagged true
expect_ok "no informal stage" r policy set informal_stage false
p 5.2 comply yes

# Commentary, approval and publication (senior lead or admin).
expect_ok "commentary" r report self-assessment comment --year 2025 --provision 6.2 \
	--text "Two complaints arrived while the team was short-staffed" --as rhi
p 6.2 commentary.text "Two complaints arrived while the team was short-staffed"
p 6.2 commentary.by rhi
p 6.2 commentary.on 2026-04-10
p 6.2 comply no
expect_ok "an organisational Yes" r report self-assessment comment --year 2025 --provision 3.1 \
	--text "Phone, email, web form, in person and by letter" --comply yes --as adm
p 3.1 comply yes
expect_ok "an organisational No" r report self-assessment comment --year 2025 --provision 7.2 \
	--text "Impact is not yet assessed" --comply no --as rhi
p 7.2 comply no
p 7.2 flagged false
# Yes: 35 computed less 6 flagged, 15 enforced, 3.1; No: 6 flagged and 7.2.
expect_json "yes" summary.comply_yes 45 sa
expect_json "no" summary.comply_no 7 sa
expect_json "to answer" summary.not_answered 20 sa
unchanged "publish before approval" "approval before publishing" \
	r report self-assessment publish --year 2025 --on 2026-04-10 --as rhi
expect_ok "approve" r report self-assessment approve --year 2025 --on 2026-04-09 \
	--body "Board" --minute "B/26/14" --as rhi
expect_json "approved on" approved.approved_on 2026-04-09 sa
expect_json "approved by" approved.body Board sa
unchanged "published before approved" "before the approval" \
	r report self-assessment publish --year 2025 --on 2026-04-08 --as adm
expect_ok "publish" r report self-assessment publish --year 2025 --on 2026-04-10 \
	--url "https://example.org/complaints" --as adm
expect_json "published on" published.published_on 2026-04-10 sa
p 8.2 evidence "Organisational: evidence to be added. This self-assessment was approved by Board on 2026-04-09. Published on 2026-04-10 at https://example.org/complaints."
expect_ok "the record verifies" r verify

# CSV in the form's layout.
csv() { r report self-assessment --year 2025 --format csv | tr -d '\r'; }
expect_out "csv header" 'Code section,Code requirement,Comply: Yes/No,"Evidence, commentary and any explanations"' \
	sh -c "$(command -v "$REDRESS") report self-assessment --db '$DB' --year 2025 --format csv | head -1 | tr -d '\\r'"
got=$(csv | grep -c '^"Section [1-9] - ')
[ "$got" = 9 ] && ok || bad "csv: $got section rows, want 9"
got=$(csv | grep -c '^"6.2","Stage 1 complaints are acknowledged, defined and logged within five working days of being received.",')
[ "$got" = 1 ] && ok || bad "csv 6.2 row"
got=$(csv | grep -c '^"6.2",.*,"No","6.2: 3 of 5 stage 1 complaints')
[ "$got" = 1 ] && ok || bad "csv 6.2 answer"
got=$(csv | grep -c '^Commentary (rhi, 2026-04-10): Two complaints arrived')
[ "$got" = 1 ] && ok || bad "csv commentary"
got=$(csv | grep -c '^"Approval","Approved by Board on 2026-04-09, minute B/26/14",')
[ "$got" = 1 ] && ok || bad "csv approval row"

# The 2022 Code's form for 2023/24 (2022-Code complaints; acknowledgement
# within 5 days, calendar days).  G: received Mon 5 June 2023, due to be
# acknowledged by Sat 10 June, acknowledged Fri 9 June: within; due 10
# working days later, Fri 23 June; answered Mon 26 June: late; upheld, an
# apology given.  H: received Mon 3 July, due to be acknowledged by Sat 8
# July, acknowledged Mon 10 July: late; due Mon 24 July (11-14, 17-21, 24),
# answered Thu 20 July: within.  K was acknowledged on Thu 28 March 2024,
# within (by Sat 30 March).  4.1: 2 of 3 (66.7%); 5.1: 1 of 2 (50.0%).
new 2023-06-05 repairs; G=CMP-2023-000001
ack $G 2023-06-09 amy
resp $G 2023-06-26 --decision "1:upheld:r" --remedy "apology:2023-07-01:Sorry"
expect_ok "G apology" r complaint complete-remedy $G 1 --on 2023-06-30
new 2023-07-03 repairs; H=CMP-2023-000002
ack $H 2023-07-10 amy
resp $H 2023-07-20 --decision "1:not_upheld:r"
old() { r report self-assessment --year 2023 --json; }
p22() {
	got=$(old 2>"$T/err" | python3 -c 'import json,sys
f=json.load(sys.stdin)
p=[x for x in f["provisions"] if x["provision"]==sys.argv[1]][0]
v=p
for k in sys.argv[2].split("."):
    v=v.get(k) if isinstance(v,dict) else None
print("null" if v is None else (json.dumps(v) if isinstance(v,(bool,list,dict)) else v))' "$1" "$2")
	[ "$got" = "$3" ] && ok || bad "2022 form $1 $2: want [$3] got [$got] $(head -2 "$T/err")"
}
expect_json "2022 form" code 2022 old
expect_json "2022 form's provisions" summary.provisions 72 old
expect_json "its order: must before should" provisions.2.provision 1.6 old
expect_json "its last" provisions.71.provision 8.3 old
p22 4.1 evidence "4.1: 2 of 3 stage 1 complaints acknowledged within 5 days (66.7%); 1 late."
p22 4.1 flagged true
p22 5.1 figures.within 1
p22 5.1 figures.total 2
p22 5.1 figures.percent 50.0
p22 4.2 figures.acknowledgements 3
p22 6.1 figures.upheld 1
p22 6.1 comply yes
p22 5.17 evidence "5.17: the policy has 2 stages."
p22 4.13 figures.escalation_window_days 20
p22 2.5 flagged true
# Flagged: 4.1, 5.1 and 2.5 (the adjustment review overdue today).
expect_json "2022 form flagged" summary.flagged 3 old
expect_out "2022 form: cases of 4.1" "$H" r report self-assessment --year 2023 --cases 4.1
expect_out "2022 form: cases of 5.1" "$G" r report self-assessment --year 2023 --cases 5.1
expect_ok "2022 form: organisational answer" r report self-assessment comment --year 2023 \
	--provision 2.1 --text "Phone, email, letter and web" --comply yes --as rhi
p22 2.1 comply yes
unchanged "2022 form: not its provision" "not a provision of the 2022 Code" \
	r report self-assessment comment --year 2023 --provision 9.1 --text x --as rhi
got=$(r report self-assessment --year 2023 --format csv | tr -d '\r' | grep -c '^"Section 8 - Self-assessment and compliance"')
[ "$got" = 1 ] && ok || bad "2022 form csv: section 8"

# Bad input fails clearly and changes nothing.
unchanged "comply on a computed provision" "computed from the records" \
	r report self-assessment comment --year 2025 --provision 6.2 --text x --comply yes --as rhi
unchanged "no such provision" "not a provision" \
	r report self-assessment comment --year 2025 --provision 1.1 --text x --as rhi
unchanged "bad comply" "comply is yes or no" \
	r report self-assessment comment --year 2025 --provision 3.1 --text x --comply maybe --as rhi
unchanged "no text" "text is required" \
	r report self-assessment comment --year 2025 --provision 3.1 --as rhi
unchanged "a handler" "may not record the self-assessment" \
	r report self-assessment comment --year 2025 --provision 3.1 --text x --as amy
unchanged "the board" "may not record the self-assessment" \
	r report self-assessment approve --year 2025 --as mrc
unchanged "approval in the future" "in the future" \
	r report self-assessment approve --year 2025 --on 2026-04-11 --as rhi
unchanged "no year" "--year is needed" r report self-assessment approve --as rhi
unchanged "bad year" "year must be" r report self-assessment --year 1900
unchanged "before the 2022 Code" "before the 2022 Code" r report self-assessment --year 2021
unchanged "cases of an unknown provision" "not a provision" \
	r report self-assessment --year 2025 --cases 10.1
unchanged "cases of a provision without cases" "not a count of complaints" \
	r report self-assessment --year 2025 --cases 5.10
expect_fail "unknown format" "usage" r report self-assessment --format xml
expect_fail "unknown action" "usage" r report self-assessment frobnicate

finish
