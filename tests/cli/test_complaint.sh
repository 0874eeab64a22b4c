#!/bin/sh
# A complaint through every state with the real binary on a temporary
# database: the deadlines (counted by hand on the England and Wales
# calendar), the refusals with their clauses, "as at" views, and that a
# refused action changes nothing stored.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect_ok "init" r init
expect_ok "user amy" r user add amy --role handler
expect_ok "user bea" r user add bea --role handler
expect_ok "user dan" r user add dan --role handler
expect_ok "user olu" r user add olu --role complaints_officer
expect_ok "user bob" r user add bob --role board

# Received Monday 2 November 2026: acknowledge within 5 working days.
export REDRESS_TODAY=2026-11-02
expect_out "new" "CMP-2026-000001 received 2026-11-02; acknowledge by 2026-11-09" \
	r complaint new --channel phone --category repairs \
	--description "The roof leak reported in August has not been fixed" \
	--name "Ann Lee" --email ann@example.org --issue-date 2026-08-10 \
	--about-kind staff --about-name dan --about-user dan
expect_json "code version" code_version 2024 r complaint show CMP-2026-000001 --json
expect_json "person made" complainant.person_id P-000001 r complaint show CMP-2026-000001 --json
expect_json "status" status received r complaint show CMP-2026-000001 --json

unchanged "unknown reference" "no complaint CMP-2026-999999" \
	r complaint acknowledge CMP-2026-999999 --handler amy
unchanged "no channel" "channel is required" \
	r complaint new --category repairs --description d --name X --email x@example.org
unchanged "bad channel names 3.1" "3.1" \
	r complaint new --channel pigeon --category repairs --description d --name X --email x@example.org
unchanged "future date" "in the future" \
	r complaint new --channel phone --category repairs --description d --name X --email x@example.org \
	--received-on 2026-11-03
unchanged "impossible date" "real date" \
	r complaint new --channel phone --category repairs --description d --name X --email x@example.org \
	--received-on 2026-02-29
unchanged "respond before acknowledging" "cannot respond" \
	r complaint respond CMP-2026-000001 --decision 1:upheld:late
unchanged "definition needed (5.6)" "5.6" \
	r complaint acknowledge CMP-2026-000001 --handler amy --complex no --vulnerable no
unchanged "responsibility needed (5.7)" "5.7" \
	r complaint acknowledge CMP-2026-000001 --handler amy --summary "Roof not fixed" \
	--outcomes "Fix it" --complex no --vulnerable no
unchanged "triage needed (6.1)" "6.1" \
	r complaint acknowledge CMP-2026-000001 --handler amy --summary "Roof not fixed" \
	--outcomes "Fix it" --responsible "Roof" --not-responsible "Contents"
unchanged "handler is the subject (5.8)" "5.8" \
	r complaint acknowledge CMP-2026-000001 --handler dan --summary "Roof not fixed" \
	--outcomes "Fix it" --responsible "Roof" --not-responsible "Contents" --complex no --vulnerable no
unchanged "handler must be staff" "no user called" \
	r complaint acknowledge CMP-2026-000001 --handler nobody --summary "Roof not fixed" \
	--outcomes "Fix it" --responsible "Roof" --not-responsible "Contents" --complex no --vulnerable no
unchanged "board cannot handle" "board" \
	r complaint acknowledge CMP-2026-000001 --handler bob --summary "Roof not fixed" \
	--outcomes "Fix it" --responsible "Roof" --not-responsible "Contents" --complex no --vulnerable no
unchanged "yes/no" "yes or no" \
	r complaint acknowledge CMP-2026-000001 --handler amy --complex maybe
unchanged "no stage 0 (5.2)" "unknown complaint action" r complaint stage0 CMP-2026-000001

# Acknowledged Wednesday 4 November: respond within 10 working days, by
# Wednesday 18 November.
export REDRESS_TODAY=2026-11-04
expect_ok "acknowledge" r complaint acknowledge CMP-2026-000001 --handler amy \
	--summary "The roof leak was not repaired" --outcomes "Repair and compensation" \
	--responsible "Roof repairs" --not-responsible "Damage to contents" \
	--point "The roof leak was not repaired" --point "Calls were not returned" \
	--complex no --vulnerable yes
expect_json "respond by" deadlines.respond_by 2026-11-18 r complaint show CMP-2026-000001 --json
expect_json "acknowledged on" deadlines.acknowledged_on 2026-11-04 r complaint show CMP-2026-000001 --json
expect_json "handler" handler amy r complaint show CMP-2026-000001 --json
expect_json "vulnerability flag from triage" flags.vulnerability true r complaint show CMP-2026-000001 --json

# Extended by 10 working days: 18 November -> 2 December.
export REDRESS_TODAY=2026-11-16
unchanged "extension needs a reason (6.4)" "6.4" \
	r complaint extend CMP-2026-000001 --days 10 --informed-on 2026-11-16
expect_ok "extend 10" r complaint extend CMP-2026-000001 --days 10 \
	--reason "A roofer's survey is needed" --informed-on 2026-11-16
expect_json "extended respond by" deadlines.respond_by 2026-12-02 r complaint show CMP-2026-000001 --json
unchanged "beyond 10 without good reason (6.4)" "6.4" \
	r complaint extend CMP-2026-000001 --days 2 --reason "More time" --informed-on 2026-11-16
unchanged "beyond 10 by a handler is denied" "complaints officer" \
	r complaint extend CMP-2026-000001 --days 2 --reason "More time" --informed-on 2026-11-16 \
	--good-reason "The roofer is unavailable" --as amy
# By a complaints officer, with a good reason: 2 December + 2 = 4 December.
expect_ok "beyond 10 by an officer" r complaint extend CMP-2026-000001 --days 2 \
	--reason "More time" --informed-on 2026-11-16 --good-reason "The roofer is unavailable" --as olu
expect_json "beyond code flagged" stages.0.extended_beyond_code true r complaint show CMP-2026-000001 --json
expect_json "respond by after both" deadlines.respond_by 2026-12-04 r complaint show CMP-2026-000001 --json

# New issues before the response join the definition (6.8).
expect_ok "add issue" r complaint add-issue CMP-2026-000001 --point "The gutter is blocked"
expect_json "third point" stages.0.definition.points.2 "The gutter is blocked" \
	r complaint show CMP-2026-000001 --json

export REDRESS_TODAY=2026-11-20
unchanged "a point unanswered (6.7)" "6.7" \
	r complaint respond CMP-2026-000001 --decision "1:upheld:The repair was late" \
	--decision "2:not_upheld:We called back"
unchanged "upheld needs a remedy (7.1)" "7.1" \
	r complaint respond CMP-2026-000001 --decision "1:upheld:The repair was late" \
	--decision "2:not_upheld:We called back" --decision "3:not_upheld:Cleared in October"
unchanged "bad decision syntax" "POINT:OUTCOME:REASONS" \
	r complaint respond CMP-2026-000001 --decision "1-upheld"
expect_ok "respond" r complaint respond CMP-2026-000001 \
	--decision "1:upheld:The repair was late: our target is 20 days" \
	--decision "2:not_upheld:We called back on 3 November" --decision "3:not_upheld:Cleared in October" \
	--remedy "apology:2026-11-20:We apologise for the delay" \
	--remedy "financial:2026-12-04:150:Compensation for distress and inconvenience" \
	--action "2027-01-15:Replace the roof covering"
expect_json "responded" status stage1_responded r complaint show CMP-2026-000001 --json
expect_json "reasons keep colons" stages.0.decisions.0.reasons "The repair was late: our target is 20 days" \
	r complaint show CMP-2026-000001 --json
expect_json "financial amount" remedies.1.amount 150.0 r complaint show CMP-2026-000001 --json
unchanged "new issue after response (6.8)" "6.8" \
	r complaint add-issue CMP-2026-000001 --point "Another thing"
unchanged "close with open action (6.6)" "6.6" r complaint close CMP-2026-000001

# Escalated Monday 23 November: acknowledge within 5 working days, by
# Monday 30 November.
export REDRESS_TODAY=2026-11-23
expect_ok "escalate without a reason (6.12)" r complaint escalate CMP-2026-000001
expect_json "stage 2 ack by" deadlines.acknowledge_by 2026-11-30 r complaint show CMP-2026-000001 --json
expect_json "stage" stage 2 r complaint show CMP-2026-000001 --json
unchanged "same handler at stage 2 (6.13)" "6.13" \
	r complaint acknowledge CMP-2026-000001 --handler amy --summary s --outcomes o \
	--responsible r --not-responsible n --complex no --vulnerable no
export REDRESS_TODAY=2026-11-24
# Acknowledged Tuesday 24 November: 20 working days, by 22 December.
expect_ok "stage 2 acknowledge" r complaint acknowledge CMP-2026-000001 --handler bea \
	--summary "Stage 1 did not resolve the leak" --outcomes "A firm date for the roof" \
	--responsible "Roof repairs" --not-responsible "Contents" --complex yes --vulnerable yes
expect_json "stage 2 respond by" deadlines.respond_by 2026-12-22 r complaint show CMP-2026-000001 --json
expect_ok "stage 2 respond" r complaint respond CMP-2026-000001 --decision "1:not_upheld:Remedied at stage 1"
expect_json "final" status stage2_responded r complaint show CMP-2026-000001 --json
unchanged "no stage 3 (5.3)" "5.3" r complaint escalate CMP-2026-000001
unchanged "close with open items (6.17)" "6.17" r complaint close CMP-2026-000001
expect_ok "complete action" r complaint complete-action CMP-2026-000001 1 --evidence "Roof replaced"
unchanged "remedy still open (7.3)" "7.3" r complaint close CMP-2026-000001
unchanged "no such remedy" "has no remedy 9" r complaint complete-remedy CMP-2026-000001 9
expect_ok "complete remedy 1" r complaint complete-remedy CMP-2026-000001 1
expect_ok "complete remedy 2" r complaint complete-remedy CMP-2026-000001 2
expect_ok "close" r complaint close CMP-2026-000001
expect_json "closed" status closed r complaint show CMP-2026-000001 --json
unchanged "withdraw a closed complaint" "cannot withdraw" \
	r complaint withdraw CMP-2026-000001 --reason "x"

# As at a date: the case as it stood then.
expect_json "as at 3 November" status received r complaint show CMP-2026-000001 --as-at 2026-11-03 --json
expect_json "as at 17 November" deadlines.respond_by 2026-12-04 \
	r complaint show CMP-2026-000001 --as-at 2026-11-17 --json
expect_json "as at 21 November" status stage1_responded \
	r complaint show CMP-2026-000001 --as-at 2026-11-21 --json
expect_fail "as at before receipt" "had not been received" \
	r complaint show CMP-2026-000001 --as-at 2026-10-01
expect_fail "as at bad date" "real date" r complaint show CMP-2026-000001 --as-at 2026-13-01

# Every change is an event in the chain.
n=$(sqlite3 "$DB" "select count(*) from events where stream = 'complaint:CMP-2026-000001'")
# new, acknowledge, 2 extensions, add-issue, respond, escalate, acknowledge,
# respond, complete-action, 2 complete-remedy, close = 13
if [ "$n" = 13 ]; then ok; else bad "13 events expected, found $n"; fi
expect_ok "verify" r verify

# Refusal, with the right to go to the Ombudsman; reopening.
expect_ok "second complaint" r complaint new --channel letter --category asb_handling \
	--description "Noise" --name "Cy Ray" --address "2 High St" --issue-date 2026-11-01
unchanged "refuse with an unlisted reason (2.2)" "2.2" \
	r complaint refuse CMP-2026-000002 --reason dislike --explanation "No"
unchanged "refuse out of time when it is not (2.3)" "2.3" \
	r complaint refuse CMP-2026-000002 --reason over_12_months --explanation "Old" --discretion-considered
unchanged "a handler may not refuse" "needs a complaints officer" \
	r complaint refuse CMP-2026-000002 --reason legal_proceedings --explanation "Court" --as amy
unchanged "the board may not act on complaints" "board role may not" \
	r complaint note CMP-2026-000002 --text "hello" --as bob
expect_ok "refuse" r complaint refuse CMP-2026-000002 --reason legal_proceedings --as olu \
	--explanation "A claim about the noise was filed at court"
expect_json "not accepted" status not_accepted r complaint show CMP-2026-000002 --json
expect_json "signposted" refusal.ombudsman_signposted true r complaint show CMP-2026-000002 --json
expect_ok "reopen" r complaint reopen CMP-2026-000002 --reason "Housing Ombudsman direction"
expect_json "reopened" status received r complaint show CMP-2026-000002 --json
expect_ok "withdraw" r complaint withdraw CMP-2026-000002 --reason "Resolved informally by the resident's choice"
expect_json "withdrawn" status withdrawn r complaint show CMP-2026-000002 --json

# A petition is one complaint; letters go to the first signer.
expect_ok "petition" r complaint new --channel petition --category estate_services \
	--description "The play area is unsafe" --name "Di Fox" --email di@example.org \
	--signer "Ed Moss" --signer "Flo Hart"
expect_json "signers" signers.1.name "Flo Hart" r complaint show CMP-2026-000003 --json
unchanged "representative needs consent (3.6)" "3.6" \
	r complaint new --channel phone --category repairs --description d --name "Gil" \
	--phone 0100 --representative "Hal MP"

# Lists and filters.
expect_out "list received" "1" sh -c "'$REDRESS' complaint list --db '$DB' --status received --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'"
expect_out "list by handler" "CMP-2026-000001" sh -c "'$REDRESS' complaint list --db '$DB' --handler bea --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"reference\"])'"

# Input as JSON, as the API will take it.
cat > "$T/new.json" <<'JSON'
{"received_on": "2026-11-20", "channel": "email", "category": "damp_and_mould",
 "complainant": {"name": "Ivy Nash", "email": "ivy@example.org"},
 "description": "Mould in the bedroom", "issue_date": "2026-11-01",
 "flags": {"discrimination": true}}
JSON
expect_json "new from JSON" flags.discrimination true r complaint new --input "$T/new.json" --json
expect_json "ack by from JSON (Fri 20 -> Fri 27 Nov)" deadlines.acknowledge_by 2026-11-27 \
	r complaint show CMP-2026-000004 --json
printf '{"channel": "email", "surprise": 1}' > "$T/bad.json"
unchanged "unknown field" "unknown field \"surprise\"" r complaint new --input "$T/bad.json"
printf '{"channel": ' > "$T/trunc.json"
unchanged "truncated JSON" "not valid JSON" r complaint new --input "$T/trunc.json"
printf '[1, 2]' > "$T/arr.json"
unchanged "not an object" "must be a JSON object" r complaint new --input "$T/arr.json"
head -c 5000000 /dev/zero | tr '\0' 'a' > "$T/huge.json"
unchanged "oversized input" "too large" r complaint new --input "$T/huge.json"

# Before 1 April 2024: the 2022 Code and its 5 calendar days.
export REDRESS_TODAY=2024-03-28
expect_json "2022 code" code_version 2022 r complaint new --channel phone --category repairs \
	--description "d" --name "Jo" --phone 0100 --json
expect_json "2022 ack by (28 Mar + 5 days)" deadlines.acknowledge_by 2024-04-02 \
	r complaint show CMP-2024-000001 --json

finish
