#!/bin/sh
# The Tenant Satisfaction Measures CH01 and CH02 on a small fixed set of
# complaints whose every figure was worked out by hand (below), with the
# edge cases: a response on the deadline day, extensions within and beyond
# the Code, complaints spanning reporting years, refusals, a stage 2
# requested in one year and acknowledged in the next.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
export REDRESS_TODAY=2026-04-10

expect_ok "init" r init
for u in amy bea; do expect_ok "user $u" r user add $u --role handler; done
expect_ok "officer" r user add olu --role complaints_officer
expect_ok "homes" r policy set homes 1000
expect_ok "lcra" r policy set homes_lcra 800
expect_ok "lcho" r policy set homes_lcho 200

new() { # received tenure -> prints nothing; references are CMP-YYYY-NNNNNN in order
	r complaint new --channel phone --category repairs --description "d" --name "R" \
		--email r@example.org --received-on "$1" --tenure "$2" >/dev/null || bad "new $1"
}
ack() { # ref date handler
	r complaint acknowledge "$1" --on "$2" --handler "$3" --summary s --outcomes o \
		--responsible r --not-responsible n --complex no --vulnerable no >/dev/null || bad "ack $1 $2"
}
resp() { # ref date
	r complaint respond "$1" --on "$2" --decision "1:not_upheld:reasons" >/dev/null || bad "respond $1 $2"
}

# B: received Mon 31 March 2025 (the year before), acknowledged Tue 1 April:
# due 10 working days later, Tue 15 April; answered Thu 17 April: late.
new 2025-03-31 lcra; B=CMP-2025-000001
ack $B 2025-04-01 amy
resp $B 2025-04-17
# A: received Tue 1 April 2025 (the first day), acknowledged Wed 2 April:
# due Wed 16 April (3, 4, 7-11, 14, 15, 16); answered that day: within.
new 2025-04-01 lcra; A=CMP-2025-000002
ack $A 2025-04-02 amy
resp $A 2025-04-16
expect_json "A due" deadlines.respond_by 2025-04-16 r complaint show $A --json
# F: received Thu 1 May, acknowledged Fri 2 May: Mon 5 May is a bank
# holiday, so due Mon 19 May; answered Mon 12 May: within.  Escalated Wed
# 14 May, acknowledged Thu 15 May by bea: 20 working days (26 May is a bank
# holiday) is Fri 13 June; answered Mon 16 June: late.
new 2025-05-01 lcra; F=CMP-2025-000003
ack $F 2025-05-02 amy
expect_json "F due" deadlines.respond_by 2025-05-19 r complaint show $F --json
resp $F 2025-05-12
expect_ok "F escalate" r complaint escalate $F --on 2025-05-14
ack $F 2025-05-15 bea
expect_json "F stage 2 due" deadlines.respond_by 2025-06-13 r complaint show $F --json
resp $F 2025-06-16
# C: received Mon 2 June (LCHO), acknowledged Tue 3 June: due Tue 17 June;
# extended by 10 working days (within the Code) to Tue 1 July; answered Mon
# 30 June: within counting the extension, late without it.
new 2025-06-02 lcho; C=CMP-2025-000004
ack $C 2025-06-03 amy
expect_ok "C extend" r complaint extend $C --days 10 --reason "Survey" --informed-on 2025-06-10
expect_json "C extended due" deadlines.respond_by 2025-07-01 r complaint show $C --json
resp $C 2025-06-30
# D: received Tue 1 July, refused: left out of CH01 unless refusals count.
new 2025-07-01 lcra; D=CMP-2025-000005
expect_ok "D refuse" r complaint refuse $D --reason legal_proceedings --explanation "Court" --as olu
# G: received Fri 1 August (LCHO), acknowledged Mon 4 August, answered Tue
# 5 August: within.  Escalation requested Mon 30 March 2026 (year 2025),
# acknowledged Wed 1 April 2026 (year 2026).
new 2025-08-01 lcho; G=CMP-2025-000006
ack $G 2025-08-04 amy
resp $G 2025-08-05
expect_ok "G escalate" r complaint escalate $G --on 2026-03-30
ack $G 2026-04-01 bea
# H: received Mon 1 September, acknowledged Tue 2 September: due Tue 16
# September; extended by 15 working days with a good reason to Tue 7
# October.  The Code permits 10 without good reason: Tue 30 September.
# Answered Fri 3 October: inside the granted extension, but late by the
# Code.
new 2025-09-01 lcra; H=CMP-2025-000007
ack $H 2025-09-02 amy
expect_ok "H extend beyond" r complaint extend $H --days 15 --reason "Contractor" \
	--good-reason "The contractor went into administration" --informed-on 2025-09-10 --as olu
expect_json "H extended due" deadlines.respond_by 2025-10-07 r complaint show $H --json
resp $H 2025-10-03
# E: received Tue 31 March 2026, the last day of the year; not yet
# acknowledged.
new 2026-03-31 lcra; E=CMP-2026-000001

# CH01 2025/26: received A C E F G H (D refused) = 6 of 1,000 homes -> 6.0;
# LCRA A E F H = 4 of 800 -> 5.0; LCHO C G = 2 of 200 -> 10.0.
# Stage 2 requested in the year: F, G = 2 -> 2.0; LCRA F: 1 of 800 = 1.25
# -> 1.3 (halves away from zero); LCHO G: 1 of 200 -> 5.0.
# CH02 stage 1, responses issued in the year: B A F C G H = 6; within A F C
# G = 4 -> 66.7; LCRA B A F H: A F = 2 of 4 -> 50.0; LCHO C G -> 100.0.
# CH02 stage 2: F only, late -> 0.0; LCHO none -> null.
t() { expect_json "$1" "$2" "$3" r report tsm --year 2025 --json; }
t "year label" year 2025/26
t "from" from 2025-04-01
t "to" to 2026-03-31
t "homes" homes 1000
t "CH01 s1" ch01.stage1 6.0
t "CH01 s2" ch01.stage2 2.0
t "CH02 s1" ch02.stage1 66.7
t "CH02 s2" ch02.stage2 0.0
t "s1 received" counts.stage1_received 6
t "s1 responses" counts.stage1_responses 6
t "s1 within" counts.stage1_within_timescales 4
t "s2 responses" counts.stage2_responses 1
t "LCRA CH01 s1" tenure.lcra.ch01.stage1 5.0
t "LCRA CH01 s2" tenure.lcra.ch01.stage2 1.3
t "LCRA CH02 s1" tenure.lcra.ch02.stage1 50.0
t "LCHO CH01 s1" tenure.lcho.ch01.stage1 10.0
t "LCHO CH01 s2" tenure.lcho.ch01.stage2 5.0
t "LCHO CH02 s1" tenure.lcho.ch02.stage1 100.0
t "LCHO CH02 s2 none" tenure.lcho.ch02.stage2 null
t "choice recorded" choices.refused_complaints_counted false

# The numbers link to the cases behind them.
expect_out "late stage 1 cases" "$B
$H" r report tsm --year 2025 --cases s1_late
expect_out "stage 2 received in LCRA" "$F" r report tsm --year 2025 --cases s2_received --tenure lcra
unchanged "unknown measure" "unknown measure" r report tsm --year 2025 --cases nonsense

# The choices the Regulator leaves open, made the other way.
expect_ok "count refusals" r policy set tsm_include_refused true
t "CH01 s1 with refusals (7)" ch01.stage1 7.0
expect_ok "no extension credit" r policy set tsm_extensions_within false
# C is now late: A F G = 3 of 6 -> 50.0.
t "CH02 s1 without extensions" ch02.stage1 50.0
expect_ok "stage 2 by acknowledgement" r policy set tsm_stage2_year acknowledgement
# F acknowledged 15 May 2025 is in; G acknowledged 1 April 2026 is not.
t "CH01 s2 by acknowledgement" ch01.stage2 1.0

# The year before holds only B's receipt.
expect_json "2024/25 stage 1" counts.stage1_received 1 r report tsm --year 2024 --json
expect_json "2024/25 no responses" ch02.stage1 null r report tsm --year 2024 --json
expect_out "csv header" "year,tenure,measure,stage,value,numerator,denominator" \
	sh -c "'$REDRESS' report tsm --db '$DB' --year 2025 --format csv | head -1 | tr -d '\\r'"
expect_fail "bad year" "year" r report tsm --year 1900
expect_fail "bad format" "usage" r report tsm --format xml

finish
