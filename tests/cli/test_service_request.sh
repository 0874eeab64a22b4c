#!/bin/sh
# test_service_request.sh - service requests (Code 1.4), dissatisfaction
# with them (1.3, 1.5: offered a complaint; a complaint raised from one
# leaves the request open) and survey feedback (1.6).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

complaints() { sqlite3 "$DB" "select count(*) from complaints"; }
sr_field() { r service-request show "$1" | json_field "$2"; }

expect_ok "init" r init
expect_out "person" "P-000001 created" r person new --name "Dee Ola" --phone "0161 496 0001"

# --- new / update / complete -----------------------------------------------------
expect_out "new" "SR-2026-000001 open" r service-request new --person P-000001 \
	--category repairs --description "Dripping kitchen tap" --received-on 2026-11-02 \
	--channel phone --due-on 2026-11-30
expect_out "status open" open sr_field SR-2026-000001 status
expect_out "received_on" 2026-11-02 sr_field SR-2026-000001 received_on
expect_out "person" P-000001 sr_field SR-2026-000001 person_id
expect_out "update" "SR-2026-000001 open" r service-request update SR-2026-000001 \
	--note "Plumber booked for 25 November" --on 2026-11-20
expect_out "update in history" "Plumber booked for 25 November" \
	sr_field SR-2026-000001 history.0.detail.note
unchanged "update without note" "note is required" r service-request update SR-2026-000001
unchanged "update before received" "before the request was received" \
	r service-request update SR-2026-000001 --note x --on 2026-11-01
unchanged "update in the future" "on is in the future" \
	r service-request update SR-2026-000001 --note x --on 2026-11-24
unchanged "new without description" "description is required" \
	r service-request new --person P-000001 --category repairs
unchanged "new bad category" 'category "plumbing" is not a known category' \
	r service-request new --person P-000001 --category plumbing --description x
unchanged "new bad channel" 'channel "pigeon" is not a known channel' \
	r service-request new --person P-000001 --category repairs --description x --channel pigeon
unchanged "new unknown person" "no person P-000042" \
	r service-request new --person P-000042 --category repairs --description x
unchanged "new received in the future" "received_on is in the future" \
	r service-request new --person P-000001 --category repairs --description x \
	--received-on 2026-12-01
unchanged "unknown request" "no service request SR-2026-000099" \
	r service-request update SR-2026-000099 --note x

expect_out "second request" "SR-2026-000002 open" r service-request new --person P-000001 \
	--category estate_services --description "Communal light out on the stairs" \
	--received-on 2026-11-16
expect_out "complete" "SR-2026-000002 completed" r service-request complete SR-2026-000002 \
	--note "Bulb replaced" --on 2026-11-18
expect_out "completed_on" 2026-11-18 sr_field SR-2026-000002 completed_on
unchanged "complete twice" "already complete" r service-request complete SR-2026-000002

# --- dissatisfaction (1.3, 1.5) ------------------------------------------------------
unchanged "dissatisfied, complaint not offered" "Code 1.3" \
	r service-request dissatisfied SR-2026-000001 \
	--details "Tap still dripping after three weeks" --complaint-offered no
unchanged "dissatisfied without the offer answer" "complaint_offered is required" \
	r service-request dissatisfied SR-2026-000001 --details "Tap still dripping"
unchanged "dissatisfied without details" "details is required" \
	r service-request dissatisfied SR-2026-000001 --complaint-offered yes
unchanged "raise without details" "details is required" \
	r service-request dissatisfied SR-2026-000001 --raise-complaint
expect_out "no complaint yet" 0 complaints

# offered, and the resident chose not to complain: recorded, no complaint
expect_out "offered and declined" "SR-2026-000001 open" \
	r service-request dissatisfied SR-2026-000001 --details "Unhappy with the wait" \
	--complaint-offered yes
expect_out "dissatisfied flag" true sr_field SR-2026-000001 dissatisfied
expect_out "still no complaint" 0 complaints

# the resident wants to complain: a complaint linked to the request, which stays open
expect_out "raise complaint" \
	"CMP-2026-000001 raised from SR-2026-000001, which stays open (Code 1.5)" \
	r service-request dissatisfied SR-2026-000001 \
	--details "The tap has dripped for three weeks and the plumber did not come" \
	--raise-complaint
expect_out "one complaint" 1 complaints
expect_out "request stays open" open sr_field SR-2026-000001 status
expect_out "request not completed" false sr_field SR-2026-000001 completed
expect_out "request links the complaint" CMP-2026-000001 sr_field SR-2026-000001 complaints.0
expect_json "complaint links the request" service_request SR-2026-000001 \
	r complaint show CMP-2026-000001 --json
expect_json "complaint is new" status received r complaint show CMP-2026-000001 --json
expect_json "complainant is the resident" complainant.person_id P-000001 \
	r complaint show CMP-2026-000001 --json
expect_json "complaint category" category repairs r complaint show CMP-2026-000001 --json
expect_json "complaint description" description \
	"The tap has dripped for three weeks and the plumber did not come" \
	r complaint show CMP-2026-000001 --json
# received Mon 23 Nov 2026 (today): 24 25 26 27 30 -> acknowledge by Mon 30 Nov
expect_json "complaint deadline" deadlines.acknowledge_by 2026-11-30 \
	r complaint show CMP-2026-000001 --json
# work on the request carries on (1.5)
expect_out "update after complaint" "SR-2026-000001 open" r service-request update \
	SR-2026-000001 --note "Plumber attended; part on order"
expect_out "complete after complaint" "SR-2026-000001 completed" \
	r service-request complete SR-2026-000001 --note "Tap replaced"
expect_json "complaint still open" status received r complaint show CMP-2026-000001 --json

# a request with no person cannot raise a complaint; nothing is half-written
expect_out "anonymous request" "SR-2026-000003 open" r service-request new \
	--category pests --description "Mice in the bin store" --received-on 2026-11-23
unchanged "raise with no person" "no person to raise the complaint for" \
	r service-request dissatisfied SR-2026-000003 --details "Still mice" --raise-complaint
unchanged "raise on unknown request" "no service request SR-2026-000099" \
	r service-request dissatisfied SR-2026-000099 --details "x" --raise-complaint
expect_out "list" "3" sh -c "\"$REDRESS\" service-request list --json --db \"$DB\" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'"

# --- survey feedback (1.6) -------------------------------------------------------------
unchanged "feedback, route not offered" "Code 1.6" \
	r feedback add --survey "Repairs satisfaction" --dissatisfied yes --route-offered no \
	--person P-000001 --text "Took too long"
unchanged "feedback, route not said" "complaint_route_offered is required" \
	r feedback add --survey "Repairs satisfaction" --dissatisfied yes
unchanged "feedback without survey" "survey is required" r feedback add --dissatisfied no
unchanged "feedback bad yes/no" 'takes yes or no, not "maybe"' \
	r feedback add --survey "Repairs satisfaction" --dissatisfied maybe
expect_out "feedback, route offered" "FB-000001 recorded" \
	r feedback add --survey "Repairs satisfaction" --dissatisfied yes --route-offered yes \
	--person P-000001 --text "Took too long"
expect_out "satisfied feedback" "FB-000002 recorded" \
	r feedback add --survey "Repairs satisfaction" --dissatisfied no
expect_json "feedback stored" 0.complaint_route_offered true r feedback list
expect_json "feedback text" 0.text "Took too long" r feedback list
# survey feedback is not a complaint
expect_out "feedback is not a complaint" 1 complaints

finish
