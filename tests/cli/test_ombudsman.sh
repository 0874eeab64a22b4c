#!/bin/sh
# test_ombudsman.sh - the Housing Ombudsman track: referral, information
# requests with due dates (a date or working days) and answers,
# determinations per issue with the Ombudsman's eight findings, orders with
# due dates and evidence of compliance, complaint handling failure orders;
# roles; bad input refused with the field and clause and nothing stored;
# the staff reminders, the board pack and the annual report (c), every
# figure counted by hand.  Today is Monday 23 November 2026.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

OMB=OMB-2026-000001
om() { r ombudsman "$@" --as olu; }
field() { r ombudsman show "$OMB" | json_field "$1"; }

expect_ok "init" r init
for u in amy:handler olu:complaints_officer rhi:senior_lead brd:board adm:admin; do
	expect_ok "user ${u%%:*}" r user add "${u%%:*}" --role "${u#*:}"
done
expect_out "complaint" "CMP-2026-000001 received 2026-06-01; acknowledge by 2026-06-08" \
	r complaint new --channel phone --category repairs --description "The roof leaks" \
	--name "Ann Lee" --email ann@example.org --issue-date 2026-05-20 --received-on 2026-06-01

# --- the referral -------------------------------------------------------------------
unchanged "handler may not refer" "the handler role may not record this" \
	r ombudsman new --complaint CMP-2026-000001 --as amy
unchanged "board may not refer" "the board role may not" \
	r ombudsman new --complaint CMP-2026-000001 --as brd
unchanged "no such complaint" "no complaint CMP-2026-000099" \
	om new --complaint CMP-2026-000099
unchanged "complaint missing" "complaint is required" om new --summary "x"
unchanged "referred before the complaint" "referred_on is before the complaint was received" \
	om new --complaint CMP-2026-000001 --referred-on 2026-05-31
unchanged "referred in the future" "referred_on is in the future" \
	om new --complaint CMP-2026-000001 --referred-on 2026-11-24
unchanged "unknown field" 'unknown field "what" in the referral' \
	om new --complaint CMP-2026-000001 --what x
expect_out "refer" "$OMB open CMP-2026-000001 2026-09-01" \
	om new --complaint CMP-2026-000001 --referred-on 2026-09-01 \
	--ombudsman-reference 202612345 --summary "Roof leak and complaint handling"
expect_out "ombudsman reference" 202612345 field ombudsman_reference

# --- information requests ----------------------------------------------------------------
unchanged "request: no due date" "give the due date of the Ombudsman's request as due_on or as working_days" \
	om request "$OMB" --what "Repair records" --requested-on 2026-09-07
unchanged "request: both due dates" "one of them" \
	om request "$OMB" --what "Repair records" --requested-on 2026-09-07 --due-on 2026-09-30 \
	--working-days 10
unchanged "request: no what" "what is required" om request "$OMB" --working-days 10
unchanged "request before the referral" "requested_on is before the referral" \
	om request "$OMB" --what x --requested-on 2026-08-31 --working-days 5
unchanged "request: due before requested" "due_on is before requested_on" \
	om request "$OMB" --what x --requested-on 2026-09-07 --due-on 2026-09-04
unchanged "request: too many days" "working_days must be between 1 and 250" \
	om request "$OMB" --what x --working-days 251
unchanged "request on an unknown case" "no ombudsman_case OMB-2026-000099" \
	om request OMB-2026-000099 --what x --working-days 5
# Monday 7 September + 10 working days: 8 9 10 11 14 15 16 17 18 21 -> Monday 21 September
expect_out "request 1 by working days" "$OMB open CMP-2026-000001 2026-09-01" \
	om request "$OMB" --what "Repair records and photographs" --requested-on 2026-09-07 \
	--working-days 10
expect_out "request 1 due" 2026-09-21 field information_requests.0.due_on
expect_ok "request 2 by date" om request "$OMB" --what "The complaint file" \
	--requested-on 2026-11-02 --due-on 2026-11-20
expect_ok "request 3 by date" om request "$OMB" --what "The stage 2 letter" \
	--requested-on 2026-11-16 --due-on 2026-11-27
unchanged "answer without summary" "summary is required" om answer "$OMB" 1
unchanged "answer before the request" "answered_on is before the request" \
	om answer "$OMB" 1 --summary x --answered-on 2026-09-04
unchanged "answer an unknown request" "has no information request 9" \
	om answer "$OMB" 9 --summary x
expect_ok "answer 1, a day late" om answer "$OMB" 1 --summary "Records sent" --answered-on 2026-09-22
expect_out "answer 1 late" false field information_requests.0.on_time
unchanged "answer twice" "information request 1 was answered on 2026-09-22" \
	om answer "$OMB" 1 --summary again

# --- determinations ---------------------------------------------------------------------
unchanged "bad finding" 'finding "upheld" is not one of: no_maladministration, service_failure, maladministration, severe_maladministration, mediation, reasonable_redress, outside_jurisdiction, withdrawn' \
	om determine "$OMB" --issue "Roof" --finding upheld
unchanged "determination without issue" "issue is required" \
	om determine "$OMB" --finding maladministration
expect_ok "determination 1" om determine "$OMB" --issue "The roof repair" \
	--finding severe_maladministration --determined-on 2026-10-15 --reasons "Two years of leaks"
expect_ok "determination 2" om determine "$OMB" --issue "Complaint handling" \
	--finding service_failure --determined-on 2026-10-15
expect_ok "determination 3" om determine "$OMB" --issue "Communication" \
	--finding no_maladministration --determined-on 2026-10-15
expect_out "status determined" determined field status

# --- orders and compliance ----------------------------------------------------------------
unchanged "compensation without amount" "amount is required for an order to pay compensation" \
	om order "$OMB" --kind compensation --description "Pay" --due-on 2026-11-12 --made-on 2026-10-15
unchanged "order on no maladministration" "determination 3 found no_maladministration: orders follow a finding of service failure, maladministration or severe maladministration" \
	om order "$OMB" --kind apology --description "Apologise" --due-on 2026-11-12 --made-on 2026-10-15 --determination 3
unchanged "order on an unknown determination" "has no determination 7" \
	om order "$OMB" --kind apology --description "Apologise" --due-on 2026-11-12 --made-on 2026-10-15 --determination 7
unchanged "order: bad kind" 'kind "fine" is not one of' \
	om order "$OMB" --kind fine --description "x" --due-on 2026-11-12
unchanged "order: no due date" "due_on is required" om order "$OMB" --kind apology --description x
unchanged "order: negative amount" "amount must be a sum of money above 0" \
	om order "$OMB" --kind compensation --amount -5 --description x --due-on 2026-11-30
expect_ok "order 1" om order "$OMB" --kind compensation --amount 800 --description "Pay GBP 800" \
	--due-on 2026-11-12 --made-on 2026-10-15 --determination 1
expect_ok "order 2" om order "$OMB" --kind apology --description "Apologise in writing" \
	--due-on 2026-10-29 --made-on 2026-10-15 --determination 2
expect_ok "order 3" om order "$OMB" --kind policy_review --description "Review the repairs policy" \
	--due-on 2026-12-15 --made-on 2026-10-15 --determination 1
expect_out "order 1 finding" severe_maladministration field orders.0.finding
unchanged "comply without evidence" "evidence is required" om comply "$OMB" 2
expect_ok "comply 2 on time" om comply "$OMB" 2 --evidence "Letter of apology sent" \
	--complied-on 2026-10-28
expect_ok "comply 1 late" om comply "$OMB" 1 --evidence "BACS payment ref 4411" \
	--complied-on 2026-11-16
expect_out "order 1 late" false field orders.0.on_time
expect_out "order 2 on time" true field orders.1.on_time
unchanged "comply twice" "order 1 was complied with on 2026-11-16" \
	om comply "$OMB" 1 --evidence again
unchanged "N not a number" "N must be a whole number" om comply "$OMB" x --evidence e

# --- complaint handling failure orders ------------------------------------------------------
unchanged "failure order type 4" "type must be between 1 and 3" \
	om failure-order "$OMB" --type 4 --ground "Delay"
expect_ok "failure order" om failure-order "$OMB" --type 2 \
	--ground "Unreasonable delay in giving the Ombudsman information" \
	--issued-on 2026-09-25 --due-on 2026-10-09
expect_ok "failure order complied" om comply-failure-order "$OMB" 1 \
	--evidence "File sent" --complied-on 2026-10-08

# --- closing -------------------------------------------------------------------------------
unchanged "close with an order open" "order 3 has not been complied with" om close "$OMB"
# 1 referral, 3 requests, 1 answer, 3 determinations, 3 orders, 2 compliances,
# 1 failure order and its compliance
expect_out "events" 15 sqlite3 "$DB" "select count(*) from events where stream = 'ombudsman_case:$OMB'"

# --- the staff reminders: to the complaints officer and senior lead ------------------------
# by Monday 30 November (5 working days): request 2 (due 20 November) is
# overdue, request 3 (27 November) due; order 3 (15 December) is not yet.
rem() {
	r letter reminders --json | python3 -c 'import json, sys
for d in json.load(sys.stdin):
    if d["user"] == sys.argv[1]:
        print(" ".join("%s:%s:%s" % (x["due_on"], x["overdue"], x["what"].split(" (")[0]) for x in d["ombudsman"]))' "$1"
}
expect_out "officer reminded" \
	"2026-11-20:True:Ombudsman information request 2 2026-11-27:False:Ombudsman information request 3" rem olu
expect_out "senior lead reminded" \
	"2026-11-20:True:Ombudsman information request 2 2026-11-27:False:Ombudsman information request 3" rem rhi
expect_out "handler not" "" rem amy
got=$(r letter reminders | grep -c "OMB-2026-000001: Ombudsman information request 2 (CMP-2026-000001): The complaint file by 20 November 2026 (OVERDUE)")
[ "$got" = 2 ] && ok || bad "reminder text: $got"

# --- the board pack, 2026/27 -----------------------------------------------------------------
b() { r report board --year 2026 --json | json_field "ombudsman.$1"; }
expect_out "referred" 1 b referred
expect_out "open" 1 b open
expect_out "determinations" 3 b determinations
expect_out "failure findings" 2 b failure_findings
expect_out "severe" 1 b findings.severe_maladministration
expect_out "service failure" 1 b findings.service_failure
expect_out "no maladministration" 1 b findings.no_maladministration
expect_out "maladministration" 0 b findings.maladministration
expect_out "requests" 3 b information_requests
expect_out "requests answered" 1 b information_requests_answered
expect_out "answered on time" 0 b information_requests_answered_on_time
expect_out "requests overdue" 1 b information_requests_overdue
expect_out "orders made" 3 b orders_made
expect_out "orders complied" 2 b orders_complied
expect_out "orders on time" 1 b orders_complied_on_time
expect_out "orders outstanding" 1 b orders_outstanding
expect_out "orders overdue" 0 b orders_overdue
expect_out "severe orders" 2 b severe_maladministration_orders
expect_out "severe orders complied" 1 b severe_maladministration_orders_complied
expect_out "failure orders" 1 b failure_orders
expect_out "failure orders complied" 1 b failure_orders_complied
expect_out "the case listed" "$OMB" b cases.0.reference
expect_out "its open orders" 1 b cases.0.orders_outstanding
expect_out "a year before: nothing" 0 sh -c "\"$REDRESS\" report board --year 2025 --json --db \"$DB\" | python3 -c 'import json,sys; o=json.load(sys.stdin)[\"ombudsman\"]; print(o[\"referred\"]+o[\"open\"]+o[\"orders_made\"]+len(o[\"cases\"]))'"
got=$(r report board --year 2026 --format csv | tr -d '\r' | grep '^ombudsman,,orders_made,')
[ "$got" = "ombudsman,,orders_made,3," ] && ok || bad "csv: $got"
got=$(r report board --year 2026 | grep -c "orders 3: 2 complied with (1 on time), 1 outstanding, 0 overdue")
[ "$got" = 1 ] && ok || bad "board text: $got"

# --- the annual report (8.1 c) -------------------------------------------------------------
a() { r report annual --year 2026 --json | json_field "sections.c_ombudsman_non_compliance.$1"; }
expect_out "annual (c) recorded" true a recorded
expect_out "annual (c) failure findings" 2 a failure_findings
expect_out "annual (c) first finding" "The roof repair:severe_maladministration" \
	sh -c "\"$REDRESS\" report annual --year 2026 --json --db \"$DB\" | python3 -c 'import json,sys; x=json.load(sys.stdin)[\"sections\"][\"c_ombudsman_non_compliance\"][\"non_compliance\"]; print(len(x) == 2 and x[0][\"issue\"] + \":\" + x[0][\"finding\"])'"

# --- and the case closes once every order is complied with ------------------------------------
expect_ok "comply 3" om comply "$OMB" 3 --evidence "Policy reviewed by the board" --complied-on 2026-11-23
expect_out "close" "$OMB closed CMP-2026-000001 2026-09-01" om close "$OMB" --closed-on 2026-11-23
unchanged "nothing after closing" "was closed on 2026-11-23" om determine "$OMB" --issue x --finding withdrawn
expect_out "board: no longer open" 0 b open
expect_out "list" "$OMB closed CMP-2026-000001 2026-09-01" r ombudsman list
unchanged "the board may not read the register" "the board role may not read the registers" \
	r ombudsman list --as brd
expect_ok "verify" r verify
finish
