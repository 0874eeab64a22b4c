#!/bin/sh
# test_registers.sh - learning and service improvements (Code 9.1-9.3),
# training records (4.3) and the self-assessment's evidence from them,
# exceptional circumstances (8.5), quality review of responses and surveys
# of complaint handling: roles, bad input refused naming the field and
# clause with nothing stored, and the board pack and annual report counted
# by hand.  Today is Monday 23 November 2026; the reporting year 2026/27
# runs from 1 April 2026 to 31 March 2027.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

fld() { kind=$1 ref=$2 f=$3; r "$kind" show "$ref" | json_field "$f"; }
board() { r report board --year "$1" --json | json_field "$2"; }

expect_ok "init" r init
for u in amy:handler bea:handler olu:complaints_officer rhi:senior_lead brd:board adm:admin; do
	expect_ok "user ${u%%:*}" r user add "${u%%:*}" --role "${u#*:}"
done
# Four complaints, each answered at stage 1 in November 2026: 1 by amy on
# the 2nd, 2 by bea on the 3rd, 3 by amy on the 4th, 4 by bea on the 5th.
n=0
for spec in amy:2026-11-02 bea:2026-11-03 amy:2026-11-04 bea:2026-11-05; do
	n=$((n + 1))
	h=${spec%%:*} on=${spec#*:}
	expect_ok "complaint $n" r complaint new --channel phone --category repairs \
		--description "Complaint $n" --name "Resident $n" --email "r$n@example.org" \
		--issue-date 2026-09-01 --received-on 2026-10-12
	expect_ok "acknowledge $n" r complaint acknowledge "CMP-2026-00000$n" --handler "$h" \
		--on 2026-10-13 --summary "The repair" --outcomes "A repair" --responsible "Repairs" \
		--not-responsible "Contents" --point "The repair was late" --complex no --vulnerable no
	expect_ok "respond $n" r complaint respond "CMP-2026-00000$n" --on "$on" \
		--decision "1:not_upheld:The repair was on time"
done

# --- improvements (9.1-9.3) ----------------------------------------------------------------
unchanged "improvement by the board" "the board role may not record this" \
	r improvement new --title T --complaint CMP-2026-000001 --owner x --due-on 2026-12-01 --as brd
unchanged "improvement without complaints" "complaints is required" \
	r improvement new --title "Better roof repairs" --owner "Head of Repairs" --due-on 2026-12-01
unchanged "improvement, unknown complaint" "no complaint CMP-2026-000099" \
	r improvement new --title T --complaint CMP-2026-000099 --owner x --due-on 2026-12-01
unchanged "improvement without owner" "owner is required" \
	r improvement new --title T --complaint CMP-2026-000001 --due-on 2026-12-01
unchanged "improvement, bad status" 'status "done" is not one of: planned, in_progress' \
	r improvement new --title T --complaint CMP-2026-000001 --owner x --due-on 2026-12-01 --status done
unchanged "improvement due before recorded" "due_on is before recorded_on" \
	r improvement new --title T --complaint CMP-2026-000001 --owner x --due-on 2026-06-01 \
	--recorded-on 2026-07-01
expect_out "improvement 1" "IMP-000001 planned 2026-10-31 Head of Repairs Roof repairs checked within a week" \
	r improvement new --title "Roof repairs checked within a week" --complaint CMP-2026-000001 \
	--complaint CMP-2026-000002 --owner "Head of Repairs" --due-on 2026-10-31 --recorded-on 2026-07-01 --as amy
expect_out "improvement 1 links" '["CMP-2026-000001", "CMP-2026-000002"]' fld improvement IMP-000001 complaints
expect_ok "improvement 1 under way" r improvement update IMP-000001 --status in_progress \
	--note "Survey team trained" --on 2026-08-01
expect_ok "improvement 2" r improvement new --title "Call back within a day" \
	--complaint CMP-2026-000003 --owner "Contact centre lead" --due-on 2026-12-31 --recorded-on 2026-06-15
unchanged "complete without outcome" "outcome is required to complete an improvement" \
	r improvement update IMP-000002 --status completed --note "Done" --on 2026-09-30
unchanged "update before the last" "on is before the last update" \
	r improvement update IMP-000002 --note "x" --on 2026-06-14
expect_ok "improvement 2 completed" r improvement update IMP-000002 --status completed \
	--note "Done" --outcome "Call-backs now logged and chased daily" --on 2026-09-30
unchanged "update when completed" "IMP-000002 is completed: it takes no more updates" \
	r improvement update IMP-000002 --note "More"
expect_ok "improvement 3 (last year)" r improvement new --title "Damp surveys" \
	--complaint CMP-2026-000004 --owner "Asset manager" --due-on 2027-01-31 \
	--recorded-on 2025-12-01 --status in_progress
expect_out "learning is the same command" 3 sh -c "\"$REDRESS\" learning list --json --db \"$DB\" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'"
# 2026/27: recorded 1 and 2; 2 completed on 30 September; open 1 and 3; 1 overdue (31 October)
expect_out "2026 recorded" 2 board 2026 improvements.recorded
expect_out "2026 completed" 1 board 2026 improvements.completed
expect_out "2026 open" 2 board 2026 improvements.open
expect_out "2026 overdue" 1 board 2026 improvements.overdue
expect_out "2026 items" 3 sh -c "\"$REDRESS\" report board --year 2026 --json --db \"$DB\" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"improvements\"][\"items\"]))'"
# 2025/26: only 3 was recorded, and it is open (due 2027)
expect_out "2025 recorded" 1 board 2025 improvements.recorded
expect_out "2025 open" 1 board 2025 improvements.open
expect_out "2025 overdue" 0 board 2025 improvements.overdue
ann() { r report annual --year 2026 --json | json_field "sections.d_service_improvements.$1"; }
expect_out "annual (d) completed" 1 ann completed
expect_out "annual (d) the improvement" "Call-backs now logged and chased daily" ann improvements.0.outcome
expect_out "annual (d) under way" IMP-000001 ann in_progress.0.reference

# --- training records (4.3) ----------------------------------------------------------------
unchanged "training by a handler" "the handler role may not record this" \
	r training new --user amy --course C --completed-on 2026-05-01 --as amy
unchanged "training, unknown user" 'no user called "zed"' \
	r training new --user zed --course C --completed-on 2026-05-01
unchanged "training in the future" "completed_on is in the future" \
	r training new --user amy --course C --completed-on 2026-11-24
unchanged "training without course" "course is required" \
	r training new --user amy --completed-on 2026-05-01
unchanged "training expiring first" "expires_on must be after completed_on" \
	r training new --user amy --course C --completed-on 2026-05-01 --expires-on 2026-05-01
expect_out "training amy" "TRN-000001 amy 2026-05-01 Complaint handling e-learning" \
	r training new --user amy --course "Complaint handling e-learning" --completed-on 2026-05-01 --as olu
expect_out "training bea" "TRN-000002 bea 2025-01-10 Complaint handling workshop" \
	r training new --user bea --course "Complaint handling workshop" --completed-on 2025-01-10 \
	--expires-on 2026-01-10 --as adm
sa43() { r report self-assessment --year "$1" --json | python3 -c 'import json, sys
p = [x for x in json.load(sys.stdin)["provisions"] if x["provision"] == "4.3"][0]
f = p["figures"]
print(f["staff"], f["trained"], f["training_records"], p["basis"])'; }
# Staff who handle complaints: amy, bea (handlers), olu, rhi.  2026/27:
# amy trained (1 May 2026); bea's expired on 10 January 2026.  2025/26:
# bea's counts (before 31 March 2026, not expired by 1 April 2025), amy's
# is after the year; no record was made within 2025/26.
expect_out "4.3 in 2026/27" "4 1 1 organisational" sa43 2026
expect_out "4.3 in 2025/26" "4 1 0 organisational" sa43 2025
got=$(r report self-assessment --year 2026 --json | grep -c "No training recorded for: bea, olu, rhi.")
[ "$got" = 1 ] && ok || bad "4.3 evidence names the untrained: $got"

# --- exceptional circumstances (8.5) ---------------------------------------------------------
unchanged "exceptional by an officer" "the complaints_officer role may not record this" \
	r exceptional new --reason "Cyber incident" --expected-return-on 2026-11-30 --as olu
unchanged "exceptional without return date" "expected_return_on is required" \
	r exceptional new --reason "Cyber incident" --started-on 2026-10-01
unchanged "return before start" "expected_return_on is before the circumstances began" \
	r exceptional new --reason "Cyber incident" --started-on 2026-10-01 --expected-return-on 2026-09-30
expect_out "exceptional" "EXC-000001 current 2026-10-01 2026-11-30 Cyber incident" \
	r exceptional new --reason "Cyber incident" --started-on 2026-10-01 \
	--expected-return-on 2026-11-30 --as rhi
unchanged "end before telling anyone" "the Ombudsman was never told" \
	r exceptional end EXC-000001 --returned-on 2026-11-20
unchanged "told without saying what" "ombudsman_told is required" \
	r exceptional update EXC-000001 --ombudsman-informed-on 2026-10-02
expect_ok "Ombudsman told" r exceptional update EXC-000001 --ombudsman-informed-on 2026-10-02 \
	--ombudsman-told "Our case system is down; we expect to comply again by 30 November"
unchanged "end before residents are told" "residents were never told" \
	r exceptional end EXC-000001 --returned-on 2026-11-20
expect_ok "residents told" r exceptional update EXC-000001 --residents-informed-on 2026-10-03 \
	--residents-told "Replies may be late; complain by phone meanwhile" --published-on 2026-10-03 \
	--url https://example.org/notice
expect_out "ended" "EXC-000001 ended 2026-10-01 2026-11-30 Cyber incident" \
	r exceptional end EXC-000001 --returned-on 2026-11-20
unchanged "end twice" "already ended" r exceptional end EXC-000001
expect_out "board 2026 lists it" EXC-000001 board 2026 exceptional_circumstances.0.reference
expect_out "board 2025 does not" "[]" board 2025 exceptional_circumstances

# --- quality review ------------------------------------------------------------------------
unchanged "sample by a handler" "may not" \
	r quality sample --from 2026-11-01 --to 2026-11-30 --reviewer olu --as amy
unchanged "sample without reviewers" "reviewers is required" \
	r quality sample --from 2026-11-01 --to 2026-11-30
unchanged "sample, unknown reviewer" 'no user called "zed"' \
	r quality sample --from 2026-11-01 --to 2026-11-30 --reviewer zed
unchanged "review by the handler" "amy handled the stage 1 response" \
	r quality new --complaint CMP-2026-000001 --stage 1 --reviewer amy
unchanged "no stage 2 response" "has no stage 2 response to review yet" \
	r quality new --complaint CMP-2026-000001 --stage 2 --reviewer olu
unchanged "board member as reviewer" "has the board role" \
	r quality new --complaint CMP-2026-000001 --stage 1 --reviewer brd
# Four responses in order: 1 (2 Nov, amy), 2 (3 Nov, bea), 3 (4 Nov, amy),
# 4 (5 Nov, bea).  50%: k = 2 of n = 4, positions 0 and 2: complaints 1
# and 3, both amy's.  Reviewers in turn: amy cannot review 1, so olu; then
# amy again cannot review 3, so olu again.
expect_out "sample" "QR-000001 assigned CMP-2026-000001 1 olu
QR-000002 assigned CMP-2026-000003 1 olu" \
	r quality sample --from 2026-11-01 --to 2026-11-30 --percent 50 --reviewer amy --reviewer olu \
	--assigned-on 2026-11-16 --as olu
# again: 2 and 4 are left (bea's); 50% of 2 is 1, position 0: complaint 2 -> amy
expect_out "sample again" "QR-000003 assigned CMP-2026-000002 1 amy" \
	r quality sample --from 2026-11-01 --to 2026-11-30 --percent 50 --reviewer amy --reviewer olu
unchanged "scored by another" "QR-000001 is assigned to olu: only they may score it" \
	r quality score QR-000001 --points-answered 2 --required-elements 2 --plain-language 1 \
	--tone 2 --remedy-proportionate 1 --findings x --as rhi
unchanged "score out of range" "scores.tone" \
	r quality score QR-000001 --points-answered 2 --required-elements 2 --plain-language 1 \
	--tone 3 --remedy-proportionate 1 --findings x --as olu
unchanged "score missing a point" "scores.remedy_proportionate" \
	r quality score QR-000001 --points-answered 2 --required-elements 2 --plain-language 1 \
	--tone 2 --findings x --as olu
expect_ok "score 1: 8 of 10" r quality score QR-000001 --points-answered 2 --required-elements 2 \
	--plain-language 1 --tone 2 --remedy-proportionate 1 --findings "Jargon in paragraph 3" \
	--scored-on 2026-11-20 --as olu
expect_ok "score 3: 5 of 10" r quality score QR-000003 --points-answered 1 --required-elements 1 \
	--plain-language 1 --tone 1 --remedy-proportionate 1 --findings "Points only partly answered" \
	--as amy
unchanged "score twice" "QR-000001 was scored on 2026-11-20" \
	r quality score QR-000001 --points-answered 2 --required-elements 2 --plain-language 2 \
	--tone 2 --remedy-proportionate 2 --findings x --as olu
expect_out "percent" 80.0 fld quality QR-000001 percent
# board: 3 assigned, 2 scored, mean of 80% and 50% = 65.0%; plain language
# partly met twice; points answered met once, partly once
expect_out "quality assigned" 3 board 2026 quality_reviews.assigned
expect_out "quality scored" 2 board 2026 quality_reviews.scored
expect_out "quality average" 65.0 board 2026 quality_reviews.average_percent
expect_out "plain language partly" 2 board 2026 quality_reviews.points.plain_language.partly
expect_out "points answered met" 1 board 2026 quality_reviews.points.points_answered.met
expect_out "points answered partly" 1 board 2026 quality_reviews.points.points_answered.partly

# --- surveys of complaint handling ---------------------------------------------------------------
# Complaint 1 closed on Monday 2 November, 2 on Tuesday 3 November, 3 on
# Monday 23 November.  10 working days after 2 November is Monday 16
# November, after 3 November Tuesday 17 November: both due by today; 3's
# falls in December.  Resident 2 opted out.
expect_ok "policy 10 days" r policy set feedback_survey_days 10
expect_ok "close 1" r complaint close CMP-2026-000001 --on 2026-11-02
expect_ok "close 2" r complaint close CMP-2026-000002 --on 2026-11-03
expect_ok "close 3" r complaint close CMP-2026-000003 --on 2026-11-23
pid2=$(r complaint show CMP-2026-000002 --json | json_field complainant.person_id)
unchanged "opt out needs yes or no" 'takes yes or no' r person preferences "$pid2" --surveys perhaps
expect_ok "resident 2 opts out" r person preferences "$pid2" --surveys no
unchanged "schedule as the board" "the board role may not" r survey schedule --as brd
expect_out "schedule" "SV-000001 due CMP-2026-000001 2026-11-16" r survey schedule
expect_out "schedule again: nothing new" "" r survey schedule
unchanged "answer out of range" "answers.overall" r survey answer SV-000001 --overall 6
unchanged "answer nothing" "answers is required" r survey answer SV-000001
expect_ok "send" r survey send SV-000001 --sent-on 2026-11-16 --method email
unchanged "send twice" "SV-000001 is sent, not due to be sent" r survey send SV-000001
expect_ok "answer" r survey answer SV-000001 --overall 4 --kept-informed 2 --answered-on 2026-11-20
expect_out "surveys sent" 1 board 2026 surveys.sent
expect_out "surveys answered" 1 board 2026 surveys.answered
expect_out "response rate" 100.0 board 2026 surveys.response_rate
expect_out "overall" 4.0 board 2026 surveys.questions.overall.average
expect_out "kept informed" 2.0 board 2026 surveys.questions.kept_informed.average
expect_out "not asked" null board 2026 surveys.questions.outcome.average
expect_ok "verify" r verify
finish
