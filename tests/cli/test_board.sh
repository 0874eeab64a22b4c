#!/bin/sh
# The board and Member Responsible for Complaints pack (Code 9.6, 9.7) on a
# small fixed set of complaints whose every figure was worked out by hand
# (below), for the reporting year 2025/26 (1 April 2025 to 31 March 2026),
# with the edge cases: responses on the deadline day, extensions within and
# beyond the Code, a refusal and a refused escalation, complaints spanning
# reporting years, and a 2022-Code complaint.  England and Wales bank
# holidays in the span: 2024: 29 March, 1 April; 2025: 18 and 21 April, 5
# and 26 May, 25 August.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
export REDRESS_TODAY=2026-04-10

expect_ok "init" r init
for u in amy bea; do expect_ok "user $u" r user add $u --role handler; done
expect_ok "officer" r user add olu --role complaints_officer
expect_ok "homes" r policy set homes 1000

# new RECEIVED CATEGORY ESTATE [more options]: the references are
# CMP-YYYY-NNNNNN in order of creation within the year received, and each
# complaint without --person makes a new person P-NNNNNN in order.
new() {
	on=$1 cat=$2 est=$3
	shift 3
	r complaint new --channel phone --category "$cat" --description "d" --name "R" \
		--email r@example.org --received-on "$on" --estate "$est" "$@" >/dev/null || bad "new $on"
}
ack() { # ref date handler [more options]
	ref=$1 on=$2 h=$3
	shift 3
	r complaint acknowledge "$ref" --on "$on" --handler "$h" --summary s --outcomes o \
		--responsible r --not-responsible n --complex no --vulnerable no "$@" >/dev/null ||
		bad "ack $ref $on"
}
resp() { # ref date decisions and other options
	ref=$1 on=$2
	shift 2
	r complaint respond "$ref" --on "$on" "$@" >/dev/null || bad "respond $ref $on"
}

# K (2022 Code: received Mon 25 March 2024, before 1 April 2024; person
# P-000001): acknowledged Thu 28 March by amy, answered Wed 10 April 2024.
# Escalated Wed 2 April 2025 (in 2025/26), acknowledged Mon 7 April by bea:
# the 2022 Code set no stage 2 acknowledgement deadline, and the response
# is due 20 working days from the request: 3, 4, 7-11, 14-17 April (11),
# [18 and 21 April bank holidays], 22-25 (15), 28-30 April, 1 and 2 May
# (20): Fri 2 May 2025.  Answered that day: within.  Closed Tue 6 May.
new 2024-03-25 repairs Northfield; K=CMP-2024-000001
ack $K 2024-03-28 amy
resp $K 2024-04-10 --decision "1:not_upheld:reasons"
expect_json "K is a 2022-Code complaint" code_version 2022 r complaint show $K --json
expect_ok "K escalate" r complaint escalate $K --on 2025-04-02
ack $K 2025-04-07 bea
expect_json "K stage 2 due" deadlines.respond_by 2025-05-02 r complaint show $K --json
resp $K 2025-05-02 --decision "1:not_upheld:reasons"
expect_ok "K close" r complaint close $K --on 2025-05-06
# L (pests, P-000002): received Mon 3 June 2024 and withdrawn: only the
# year before counts it.
new 2024-06-03 pests Southgate; L=CMP-2024-000002
expect_ok "L withdraw" r complaint withdraw $L --on 2024-06-10 --reason "Resolved"
# B (damp and mould, Kestrel Tower, P-000003): received Mon 3 March 2025
# (2024/25), acknowledged Wed 5 March: due Wed 19 March; extended by 10
# working days (within the Code; the resident was told Fri 14 March, in
# 2024/25) to Wed 2 April 2025.  Answered Wed 2 April, on the extended
# deadline: within, but not within the original 10 days.  Point 1 upheld,
# point 2 partly; an apology (done 3 April) and GBP 250; an action due 30
# June, done 20 June.
new 2025-03-03 damp_and_mould Riverside --building "Kestrel Tower"; B=CMP-2025-000001
ack $B 2025-03-05 amy --point "Mould" --point "Delay"
expect_ok "B extend" r complaint extend $B --days 10 --reason "Survey" --informed-on 2025-03-14
expect_json "B extended due" deadlines.respond_by 2025-04-02 r complaint show $B --json
resp $B 2025-04-02 --decision "1:upheld:r" --decision "2:partly_upheld:r" \
	--remedy "apology:2025-04-03:Sorry" --remedy "financial:2025-04-30:250:Distress" \
	--action "2025-06-30:Treat the mould"
expect_ok "B apology done" r complaint complete-remedy $B 1 --on 2025-04-03
expect_ok "B action done" r complaint complete-action $B 1 --on 2025-06-20
# C (repairs, P-000004): received Mon 24 March 2025 (2024/25), due to be
# acknowledged by Mon 31 March; acknowledged Tue 1 April (2025/26): late.
# Due Tue 15 April (2-4, 7-11, 14, 15); answered Thu 17 April: late.
new 2025-03-24 repairs Northfield; C=CMP-2025-000002
ack $C 2025-04-01 amy
resp $C 2025-04-17 --decision "1:not_upheld:r"
# D (repairs, Beacon House, P-000005 "X"): received Tue 1 April 2025, the
# year's first day; acknowledged Wed 2 April (due Tue 8 April): within.
# Due Wed 16 April (3, 4, 7-11, 14-16); answered that day: within.
# Upheld, an apology, and an action due 30 May never done: past due on
# 10 April 2026.
new 2025-04-01 repairs Northfield --building "Beacon House"; D=CMP-2025-000003
ack $D 2025-04-02 amy
resp $D 2025-04-16 --decision "1:upheld:r" --remedy "apology:2025-04-30:Sorry" \
	--action "2025-05-30:Repair the gutter"
# E (repairs, Beacon House, X again): received Thu 1 May; due to be
# acknowledged by Fri 9 May (2, 6-9: 5 May is a bank holiday) and
# acknowledged that day: within.  Due Fri 23 May; extended by 15 working
# days with a good reason (beyond the Code's 10; told Tue 20 May) to Mon
# 16 June (26 May is a bank holiday); the Code permits only 10: Mon 9
# June.  Answered Thu 12 June: late by the Code.  Point 1 partly upheld,
# point 2 not; GBP 100 (done 25 June).
# Escalated Mon 16 June: acknowledge by Mon 23 June; acknowledged Tue 24
# June by bea: late.  Due Tue 22 July; extended by 20 working days (the
# Code's stage 2 limit; told Tue 15 July) to Tue 19 August; answered Mon
# 18 August: within, but not within the original 20 days.  Upheld, GBP 50.
new 2025-05-01 repairs Northfield --building "Beacon House" --person P-000005; E=CMP-2025-000004
ack $E 2025-05-09 amy --point "Repair" --point "Calls"
expect_ok "E extend beyond" r complaint extend $E --days 15 --reason "Contractor" \
	--good-reason "The contractor went into administration" --informed-on 2025-05-20 --as olu
expect_json "E extended due" deadlines.respond_by 2025-06-16 r complaint show $E --json
resp $E 2025-06-12 --decision "1:partly_upheld:r" --decision "2:not_upheld:r" \
	--remedy "financial:2025-06-30:100:Time and trouble"
expect_ok "E remedy done" r complaint complete-remedy $E 1 --on 2025-06-25
expect_ok "E escalate" r complaint escalate $E --on 2025-06-16
ack $E 2025-06-24 bea
expect_ok "E stage 2 extend" r complaint extend $E --days 20 --reason "Survey" --informed-on 2025-07-15
expect_json "E stage 2 extended due" deadlines.respond_by 2025-08-19 r complaint show $E --json
resp $E 2025-08-18 --decision "1:upheld:r" --remedy "financial:2025-09-01:50:More"
# F (leaks, Kestrel Tower, P-000006): received Mon 2 June, refused Tue 3
# June: legal proceedings.
new 2025-06-02 leaks Riverside --building "Kestrel Tower"; F=CMP-2025-000005
expect_ok "F refuse" r complaint refuse $F --reason legal_proceedings --explanation "Court" \
	--on 2025-06-03 --as olu
# G (repairs, C's person P-000004): received Tue 1 July, acknowledged Thu
# 3 July (due Tue 8 July): within; withdrawn Thu 10 July.  P-000004 made
# one complaint in 2025/26 (C was received the year before): no repeat.
new 2025-07-01 repairs Riverside --person P-000004; G=CMP-2025-000006
ack $G 2025-07-03 amy
expect_ok "G withdraw" r complaint withdraw $G --on 2025-07-10 --reason "Sorted"
# H (staff conduct about amy, X again): received Mon 1 September, handled by
# bea; acknowledged Tue 2 September (due Mon 8): within; due Tue 16
# September, answered Mon 15: within; not upheld; closed Sat 20 September.
new 2025-09-01 staff_conduct Greenhill --person P-000005 --about-kind staff --about-user amy
H=CMP-2025-000007
ack $H 2025-09-02 bea
resp $H 2025-09-15 --decision "1:not_upheld:r"
expect_ok "H close" r complaint close $H --on 2025-09-20
# M (repairs, P-000007): received Mon 6 October, acknowledged Tue 7 (due
# Mon 13): within; due Tue 21 October, answered Mon 13: within; not upheld.
# Escalated Wed 15 October; the escalation refused Thu 16: already
# considered.
new 2025-10-06 repairs Southgate; M=CMP-2025-000008
ack $M 2025-10-07 amy
resp $M 2025-10-13 --decision "1:not_upheld:r"
expect_ok "M escalate" r complaint escalate $M --on 2025-10-15
expect_ok "M refuse escalation" r complaint refuse-escalation $M --reason already_considered \
	--explanation "Answered" --on 2025-10-16 --as olu
# I (damp and mould, P-000008 "W"): received Wed 7 January 2026,
# acknowledged Mon 12 January (due Wed 14): within; answered Wed 8 April
# 2026, in 2026/27.
new 2026-01-07 damp_and_mould Greenhill; I=CMP-2026-000001
ack $I 2026-01-12 amy
resp $I 2026-04-08 --decision "1:not_upheld:r"
# J (damp and mould, W again): received Tue 31 March 2026, the year's last
# day; not yet acknowledged.
new 2026-03-31 damp_and_mould Greenhill --person P-000008; J=CMP-2026-000002

t() { expect_json "$1" "$2" "$3" r report board --year 2025 --json; }
c() { # figure key, then the references expected, one a line
	key=$1
	shift
	want=$(printf '%s\n' "$@")
	expect_out "cases $key" "$want" r report board --year 2025 --cases "$key"
}
t "period" period 2025/26
t "from" from 2025-04-01
t "to" to 2026-03-31
# Volumes.  Received in 2025/26: D E F G H M I J = 8 (8.0 per 1,000 homes);
# refused F; stage 2 requested K E M = 3 (3.0 per 1,000), refused M;
# stage 1 responses B C D E H M = 6 (K's was in 2024, I's in 2026/27);
# stage 2 responses K E = 2; closed K H = 2; withdrawn G (L was in 2024).
t "received" volumes.received 8
t "refused" volumes.refused 1
t "stage 2 requested" volumes.stage2_requested 3
t "escalations refused" volumes.escalation_refused 1
t "stage 1 responses" volumes.s1_responses 6
t "stage 2 responses" volumes.s2_responses 2
t "closed" volumes.closed 2
t "withdrawn" volumes.withdrawn 1
t "per 1,000 homes" volumes.per_1000_homes.received 8.0
t "stage 2 per 1,000 homes" volumes.per_1000_homes.stage2_requested 3.0
t "2022-Code stage 1 responses" volumes.by_code.2022.s1_responses 0
t "2022-Code stage 2 responses (K)" volumes.by_code.2022.s2_responses 1
c received $D $E $F $G $H $M $I $J
c refused $F
c stage2_requested $K $E $M
c closed $K $H
c withdrawn $G
# Outcomes per point.  Stage 1: B upheld + partly, C not, D upheld, E
# partly + not, H not, M not: 8 points, 2 upheld, 2 partly, 4 not; upheld
# in whole or part: B D E = 3 of 6 (50.0).  Stage 2: K not, E upheld.
t "s1 points" outcomes.stage1.points 8
t "s1 upheld points" outcomes.stage1.upheld 2
t "s1 partly upheld points" outcomes.stage1.partly_upheld 2
t "s1 not upheld points" outcomes.stage1.not_upheld 4
t "s1 complaints upheld" outcomes.stage1.complaints_upheld 3
t "s1 uphold rate" outcomes.stage1.uphold_rate 50.0
t "s2 upheld points" outcomes.stage2.upheld 1
t "s2 not upheld points" outcomes.stage2.not_upheld 1
t "s2 uphold rate" outcomes.stage2.uphold_rate 50.0
c s1_upheld $B $D
c s1_partly_upheld $B $E
c s1_not_upheld $C $E $H $M
c s1_upheld_any $B $D $E
# Timescales.  6.2: acknowledged in the year C D E G H M I = 7, late C:
# 6 of 7 = 85.7.  6.3: responses B C D E H M, late C E: 4 of 6 = 66.7;
# within the original 10 days D H M = 3.  6.11: K (no deadline) and E
# (late): 0 of 1 = 0.0.  6.14: K and E both within: 100.0; within the
# original 20 days K only.
t "6.2 total" timescales.0.total 7
t "6.2 within" timescales.0.within 6
t "6.2 late" timescales.0.late 1
t "6.2 percent" timescales.0.percent 85.7
t "6.3 clause" timescales.1.clause 6.3
t "6.3 within" timescales.1.within 4
t "6.3 late" timescales.1.late 2
t "6.3 percent" timescales.1.percent 66.7
t "6.3 within the original" timescales.1.within_without_extension 3
t "6.11 total" timescales.2.total 2
t "6.11 no deadline" timescales.2.no_deadline 1
t "6.11 late" timescales.2.late 1
t "6.11 percent" timescales.2.percent 0.0
t "6.14 within" timescales.3.within 2
t "6.14 percent" timescales.3.percent 100.0
t "6.14 within the original" timescales.3.within_without_extension 1
c s1_ack_late $C
c s1_late $C $E
c s1_within_original $D $H $M
c s2_ack_late $E
c s2_acknowledged $K $E
c s2_within_original $K
# Extensions the resident was told of in the year: E stage 1 (15 days,
# beyond the Code) and E stage 2 (20, within); B's was in 2024/25.
t "extensions" extensions.extensions 2
t "stage 1 extensions" extensions.s1_extensions 1
t "stage 2 extensions" extensions.s2_extensions 1
t "within the Code" extensions.extensions_within_code 1
t "beyond the Code" extensions.extensions_beyond_code 1
t "first reason" extensions.reasons.0.reason Contractor
t "its figure" extensions.reasons.0.extensions_beyond_code 1
t "second reason" extensions.reasons.1.reason Survey
c extensions_beyond_code $E
c "reason:Survey:extensions" $E
# Refusals by reason.
t "first refusal reason" refusals.reasons.0.reason legal_proceedings
t "its count" refusals.reasons.0.refused 1
t "second refusal reason" refusals.reasons.1.reason already_considered
t "its escalations" refusals.reasons.1.escalation_refused 1
c "reason:already_considered:escalation_refused" $M
# Month by month: April received D, escalated K, stage 1 responses B C D
# (C late); June stage 1 response E (late); March received J.
t "12 months" months.11.month 2026-03
t "April received" months.0.received 1
t "April stage 2" months.0.stage2_requested 1
t "April responses" months.0.s1_responses 3
t "April late" months.0.s1_late 1
t "June late" months.2.s1_late 1
t "August stage 2 response" months.4.s2_responses 1
t "March received" months.11.received 1
c "month:2025-04:s1_responses" $B $C $D
# Category by category against 2024/25: repairs 4 (D E G M) against 1 (C);
# damp and mould 2 (I J) against 1 (B); leaks 1 and staff conduct 1
# against none; pests none against 1 (L).  Repairs: stage 2 requested K E
# M; upheld at stage 1 D E.
t "first category" categories.0.category repairs
t "repairs" categories.0.received 4
t "repairs before" categories.0.previous_received 1
t "repairs change" categories.0.change 3
t "repairs stage 2" categories.0.stage2_requested 3
t "repairs upheld" categories.0.s1_upheld_any 2
t "second category" categories.1.category damp_and_mould
t "damp before" categories.1.previous_received 1
t "third category" categories.2.category leaks
t "leaks refused" categories.2.refused 1
t "last category" categories.4.category pests
t "pests change" categories.4.change -1
# 2024/25 received L B C (K was received in 2023/24).
t "previous year" previous_period.received 3
c "category:repairs:stage2_requested" $K $E $M
# Repeat complainants: P-000005 (D E H) and P-000008 (I J).
t "repeat people" repeat_complainants.people 2
t "repeat complaints" repeat_complainants.repeat 5
c repeat $D $E $H $I $J
# Hotspots by complaints received: Greenhill 3 (H I J), Northfield 2 (D E),
# Riverside 2 (F G), Southgate 1 (M); Beacon House 2 (D E), Kestrel Tower
# 1 (F).
t "first estate" hotspots.estates.0.estate Greenhill
t "its complaints" hotspots.estates.0.received 3
t "second estate" hotspots.estates.1.estate Northfield
t "fourth estate" hotspots.estates.3.estate Southgate
t "first building" hotspots.buildings.0.building "Beacon House"
t "its count" hotspots.buildings.0.received 2
t "second building" hotspots.buildings.1.received 1
c "estate:Greenhill:received" $H $I $J
c "building:Beacon House:received" $D $E
# Remedies with the responses of the year: B apology (done) and GBP 250,
# D apology, E GBP 100 (done) and GBP 50: 5, 2 done, 3 financial, GBP 400.
t "remedies" remedies.remedies 5
t "remedies done" remedies.remedies_completed 2
t "financial" remedies.remedies_financial 3
t "financial total" remedies.financial_total 400.0
t "first type" remedies.types.0.type financial
c "type:financial:remedies" $B $E
c remedies_completed $B $E
# Outstanding actions: B's (done) and D's (due 30 May 2025, open: past due).
t "actions" actions.actions 2
t "actions done" actions.actions_completed 1
t "past due" actions.actions_overdue 1
c actions_overdue $D
# The 2022-Code complaint, narrowed by its Code.
c "code:2022:s2_responses" $K
c "code:2024:s2_responses" $E

# Any period, and the period before it of the same length: 1 April to 30
# September 2025 received D E F G H; the 183 days before (30 September
# 2024 to 31 March 2025) B and C.
expect_json "a half year" volumes.received 5 r report board --from 2025-04-01 --to 2025-09-30 --json
expect_json "the half year before" previous_period.received 2 \
	r report board --from 2025-04-01 --to 2025-09-30 --json
expect_json "one day: the deadline day" timescales.3.within 1 \
	r report board --from 2025-05-02 --to 2025-05-02 --json

# CSV: every figure with its cases key.
csv() { r report board --year 2025 --format csv | tr -d '\r'; }
expect_out "csv header" "section,item,figure,value,cases" sh -c "$(command -v "$REDRESS") report board --db '$DB' --year 2025 --format csv | head -1 | tr -d '\\r'"
got=$(csv | grep '^timescales,s1_response,late,')
[ "$got" = "timescales,s1_response,late,2,s1_late" ] && ok || bad "csv timescale row: $got"
got=$(csv | grep '^categories,repairs,received,')
[ "$got" = "categories,repairs,received,4,category:repairs:received" ] && ok || bad "csv category row: $got"
got=$(csv | grep '^remedies,,financial_total,')
[ "$got" = "remedies,,financial_total,400.00," ] && ok || bad "csv money row: $got"
got=$(r report board --year 2025 | grep -c 'Stage 1 response within 10 working days')
[ "$got" = 1 ] && ok || bad "text report lacks the 6.3 line"

# Bad input fails clearly and changes nothing.
unchanged "bad year" "year must be" r report board --year 1900
unchanged "year and period" "not both" r report board --year 2025 --from 2025-04-01 --to 2025-05-01
unchanged "period backwards" "before it starts" r report board --from 2025-05-01 --to 2025-04-01
unchanged "bad date" "from must be" r report board --from 2025-02-30 --to 2025-04-01
unchanged "half a period" "to must be" r report board --from 2025-04-01
unchanged "unknown figure" "unknown figure" r report board --year 2025 --cases nonsense
unchanged "unknown dimension" "unknown dimension" r report board --year 2025 --cases "colour:red:received"
unchanged "wrong dimension" "cannot be narrowed" r report board --year 2025 --cases "estate:Greenhill:refused"
unchanged "bad month" "YYYY-MM" r report board --year 2025 --cases "month:2025-13:received"
expect_fail "unknown format" "usage" r report board --format xml
expect_fail "unknown report" "usage" r report nonsense

finish
