#!/bin/sh
# test_calendar.sh - "redress calendar show|import|closure" and how the
# landlord's calendar feeds "workdays --db" and complaint deadlines.
# Expected dates are worked out by hand from requirements.md §5.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect_ok "init" r init

# --- show ------------------------------------------------------------------------
r calendar show --year 2026 --json >"$T/show.json" 2>"$T/err"
got=$(python3 -c 'import json,sys
j=json.load(open(sys.argv[1]))
print(" ".join(h["date"] for h in j["bank_holidays"]))' "$T/show.json")
want="2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28"
if [ "$got" = "$want" ]; then ok; else bad "show 2026: want [$want] got [$got]"; fi
expect_json "show region" region england-and-wales r calendar show --year 2026 --json
expect_json "show year" year 2026 r calendar show --year 2026 --json
expect_json "show Boxing Day 2026 title" bank_holidays.7.title "Boxing Day" \
	r calendar show --year 2026 --json
# 2022 had ten: the Spring holiday moved to 2 Jun, the Jubilee, the State Funeral
expect_json "show 2022 Jubilee" bank_holidays.5.date 2022-06-03 r calendar show --year 2022 --json
expect_json "show 2022 funeral" bank_holidays.7.date 2022-09-19 r calendar show --year 2022 --json
expect_json "show Scotland 2026 St Andrew" bank_holidays.1.date 2026-01-02 \
	r calendar show --year 2026 --region scotland --json
expect_fail "show bad region" 'unknown region "wales"' r calendar show --region wales
v0=$(r calendar show --json | json_field calendar_version)

# --- a complaint acknowledged before the import ----------------------------------
expect_ok "handler" r user add hana --role handler
expect_out "complaint new" "CMP-2026-000001 received 2026-11-20; acknowledge by 2026-11-27" \
	r complaint new --received-on 2026-11-20 --channel phone --category repairs \
	--description "The leak under the sink has not been fixed" --issue-date 2026-11-01 \
	--name "Ann Smith" --phone "0161 000 0000"
ack() {
	r complaint acknowledge "$1" --on 2026-11-23 --handler hana --summary "Leak not fixed" \
		--outcomes "Fix the leak" --responsible "Repairs to the kitchen" \
		--not-responsible "The neighbour's pipes" --complex no --vulnerable no
}
expect_out "acknowledge before import" "CMP-2026-000001 stage1" ack CMP-2026-000001
# Mon 23 Nov 2026 + 10: 24-27 (4), 30 (5), 1-4 Dec (9), 7 Dec (10)
expect_json "respond_by before import" deadlines.respond_by 2026-12-07 \
	r complaint show CMP-2026-000001 --json

# --- import --------------------------------------------------------------------------
# The file covers 2026 and 2027 for England and Wales.  2026: the rule holidays
# plus an invented Wed 2 Dec.  2027: an invented Tue 15 Jun is added and the
# Spring bank holiday (Mon 31 May) is left out.
ev() { printf '{"title": "%s", "date": "%s", "notes": "", "bunting": true}' "$1" "$2"; }
{
	printf '{"england-and-wales": {"division": "england-and-wales", "events": [\n'
	ev "New Year's Day" 2026-01-01; echo ,
	ev "Good Friday" 2026-04-03; echo ,
	ev "Easter Monday" 2026-04-06; echo ,
	ev "Early May bank holiday" 2026-05-04; echo ,
	ev "Spring bank holiday" 2026-05-25; echo ,
	ev "Summer bank holiday" 2026-08-31; echo ,
	ev "Invented test day" 2026-12-02; echo ,
	ev "Christmas Day" 2026-12-25; echo ,
	ev "Boxing Day" 2026-12-28; echo ,
	ev "New Year's Day" 2027-01-01; echo ,
	ev "Good Friday" 2027-03-26; echo ,
	ev "Easter Monday" 2027-03-29; echo ,
	ev "Early May bank holiday" 2027-05-03; echo ,
	ev "Invented extra holiday" 2027-06-15; echo ,
	ev "Summer bank holiday" 2027-08-30; echo ,
	ev "Christmas Day" 2027-12-27; echo ,
	ev "Boxing Day" 2027-12-28
	printf ']}}\n'
} >"$T/bank-holidays.json"

# before: the built-in rules (31 May 2027 a holiday, 15 Jun not)
expect_out "before: 15 Jun 2027 working" 2027-06-15 r workdays add 2027-06-14 1
expect_out "before: 31 May 2027 holiday" 2027-06-01 r workdays add 2027-05-28 1

expect_out "import" "england-and-wales 2026-2027: 2 added, 1 removed
calendar version $((v0 + 1))" r calendar import "$T/bank-holidays.json"
v1=$(r calendar show --json | json_field calendar_version)
if [ "$v1" -gt "$v0" ]; then ok; else bad "calendar version did not increase: $v0 -> $v1"; fi

# Mon 14 Jun 2027; Tue 15 now a holiday -> Wed 16
expect_out "after: 15 Jun 2027 skipped" 2027-06-16 r workdays add 2027-06-14 1
# Fri 28 May 2027; weekend; Mon 31 May is now a working day
expect_out "after: 31 May 2027 working" 2027-05-31 r workdays add 2027-05-28 1
# after Fri 28 May to Fri 4 Jun: 31 May - 4 Jun = 5
expect_out "after: count" 5 r workdays count 2027-05-28 2027-06-04
expect_json "after: workdays version" calendar_version "$v1" r workdays add 2027-05-28 1 --json
# without --db, ./redress.db is used when there is one (a SQLite file) ...
if [ "${REDRESS_TEST_STORE:-sqlite}" = sqlite ]; then
	expect_out "./redress.db used" 2027-06-16 "$REDRESS" workdays add 2027-06-14 1
fi
# ... and where there is none, the built-in rules still apply
mkdir "$T/elsewhere"
nodb() { (cd "$T/elsewhere" && "$@"); }
expect_out "built-in unaffected" 2027-06-15 nodb "$REDRESS" workdays add 2027-06-14 1
expect_json "show 2027 invented" bank_holidays.4.title "Invented extra holiday" \
	r calendar show --year 2027 --json
expect_json "show 2027 count" bank_holidays.7.date 2027-12-28 r calendar show --year 2027 --json

# the complaint acknowledged before the import keeps its date ...
expect_json "respond_by kept" deadlines.respond_by 2026-12-07 \
	r complaint show CMP-2026-000001 --json
expect_json "calendar version kept" stages.0.calendar_version "$v0" \
	r complaint show CMP-2026-000001 --json
# ... and one acknowledged after it on the same day gets the new calendar:
# 24-27 (4), 30 Nov (5), 1 Dec (6), 2 Dec invented holiday, 3 (7), 4 (8), 7 (9), 8 (10)
expect_ok "second complaint" r complaint new --received-on 2026-11-20 --channel email \
	--category repairs --description "Boiler broken" --issue-date 2026-11-10 \
	--name "Bob Jones" --email bob@example.org
expect_out "acknowledge after import" "CMP-2026-000002 stage1" ack CMP-2026-000002
expect_json "respond_by after import" deadlines.respond_by 2026-12-08 \
	r complaint show CMP-2026-000002 --json
expect_json "version after import" stages.0.calendar_version "$v1" \
	r complaint show CMP-2026-000002 --json

# --- closure days --------------------------------------------------------------------
expect_out "closure add" "closure day 2026-12-29 added" \
	r calendar closure add 2026-12-29 --reason "Office closed between Christmas and New Year"
# Thu 24 Dec; 25 and 28 holidays, 29 closed -> Wed 30
expect_out "closure skipped" 2026-12-30 r workdays add 2026-12-24 1
expect_out "closure counted" 2 r workdays count 2026-12-24 2026-12-31
expect_json "closure listed" closures.0.date 2026-12-29 r calendar show --json
unchanged "closure twice" "already a closure day" r calendar closure add 2026-12-29
unchanged "closure bad date" "real date" r calendar closure add 2026-02-30
unchanged "closure remove unknown" "not a closure day" r calendar closure remove 2026-12-30
expect_out "closure remove" "closure day 2026-12-29 removed" r calendar closure remove 2026-12-29
expect_out "closure gone" 2026-12-29 r workdays add 2026-12-24 1
# a closure day inside a deadline already given does not move it either
expect_ok "closure in the window" r calendar closure add 2026-12-03 --reason "Staff training day"
expect_json "respond_by kept after closure" deadlines.respond_by 2026-12-07 \
	r complaint show CMP-2026-000001 --json
expect_json "respond_by kept after closure (2)" deadlines.respond_by 2026-12-08 \
	r complaint show CMP-2026-000002 --json
# Mon 30 Nov + 3: 1 Dec, (2 invented holiday), (3 closed), 4, 7 -> Mon 7 Dec
expect_out "closure and import together" 2026-12-07 r workdays add 2026-11-30 3
expect_ok "closure in the window removed" r calendar closure remove 2026-12-03

# --- bad imports leave the database unchanged ---------------------------------------
printf '{"england-and-wales": {"division": "england-and-wales", "events": [' >"$T/trunc.json"
unchanged "truncated JSON" "not valid JSON" r calendar import "$T/trunc.json"
echo '[{"date": "2027-06-15"}]' >"$T/array.json"
unchanged "not an object" "not a JSON object" r calendar import "$T/array.json"
sed 's/2027-06-15/2027-02-30/' "$T/bank-holidays.json" >"$T/baddate.json"
unchanged "bad date" "england-and-wales.events[13].date" r calendar import "$T/baddate.json"
: >"$T/empty.json"
unchanged "empty file" "empty" r calendar import "$T/empty.json"
unchanged "missing file" "$T/nope.json" r calendar import "$T/nope.json"
echo '{"wales": {"division": "wales", "events": []}}' >"$T/nodiv.json"
unchanged "no known division" "no england-and-wales, scotland or northern-ireland" \
	r calendar import "$T/nodiv.json"
expect_out "still the imported calendar" 2027-06-16 r workdays add 2027-06-14 1
unchanged "import without a file" "usage" r calendar import

# --- importing GOV.UK's file again puts the rules back -------------------------------
# the 2026-2027 file without the invented days and with 31 May 2027: exactly
# the built-in rules, so every earlier override for those years must go
grep -v Invented "$T/bank-holidays.json" |
	sed 's/^\({"title": "Early May bank holiday", "date": "2027-05-03".*\)$/\1\
{"title": "Spring bank holiday", "date": "2027-05-31", "notes": "", "bunting": true},/' \
	>"$T/official.json"
expect_out "official file has 16 events" 16 python3 -c 'import json,sys
print(len(json.load(open(sys.argv[1]))["england-and-wales"]["events"]))' "$T/official.json"
v2=$(r calendar show --json | json_field calendar_version)
expect_out "re-import" "england-and-wales 2026-2027: 0 added, 0 removed
calendar version $((v2 + 1))" r calendar import "$T/official.json"
expect_out "15 Jun 2027 working again" 2027-06-15 r workdays add 2027-06-14 1
expect_out "31 May 2027 holiday again" 2027-06-01 r workdays add 2027-05-28 1
expect_out "2 Dec 2026 working again" 2026-12-02 r workdays add 2026-12-01 1
expect_json "deadline given before still kept" deadlines.respond_by 2026-12-08 \
	r complaint show CMP-2026-000002 --json

# --- a file with only Scotland changes only Scotland -------------------------------------
# Scotland 2027 by §5: 1 Jan, 4 Jan (2 Jan substitute), Good Friday 26 Mar (no
# Easter Monday), 3 May, 31 May, 2 Aug, 30 Nov, 27 and 28 Dec; plus an invented 15 Jun
{
	printf '{"scotland": {"division": "scotland", "events": [\n'
	ev "New Year's Day" 2027-01-01; echo ,
	ev "2nd January" 2027-01-04; echo ,
	ev "Good Friday" 2027-03-26; echo ,
	ev "Early May bank holiday" 2027-05-03; echo ,
	ev "Spring bank holiday" 2027-05-31; echo ,
	ev "Invented Scottish day" 2027-06-15; echo ,
	ev "Summer bank holiday" 2027-08-02; echo ,
	ev "St Andrew's Day" 2027-11-30; echo ,
	ev "Christmas Day" 2027-12-27; echo ,
	ev "Boxing Day" 2027-12-28
	printf ']}}\n'
} >"$T/scotland.json"
v3=$(r calendar show --json | json_field calendar_version)
expect_out "Scotland import" "scotland 2027-2027: 1 added, 0 removed
calendar version $((v3 + 1))" r calendar import "$T/scotland.json"
expect_out "Scotland sees it" 2027-06-16 r workdays add 2027-06-14 1 --region scotland
expect_out "E&W does not" 2027-06-15 r workdays add 2027-06-14 1
expect_out "NI does not" 2027-06-15 r workdays add 2027-06-14 1 --region northern-ireland
echo '{"england-and-wales": {"events": [{"title": "x", "date": "1900-01-01"}]}}' >"$T/old.json"
unchanged "date out of range" "outside the supported years" r calendar import "$T/old.json"
echo '{"england-and-wales": {"events": "none"}}' >"$T/notlist.json"
unchanged "events not a list" "england-and-wales.events must be a list" r calendar import "$T/notlist.json"
echo '{"england-and-wales": {"division": "england-and-wales", "events": []}}' >"$T/noevents.json"
# A division with an empty events list is refused, and the message says so.
unchanged "division without events" "no events" r calendar import "$T/noevents.json"
unchanged "division without events refused" "" r calendar import "$T/noevents.json"

# --- odd options -----------------------------------------------------------------------
expect_fail "show --year out of range" "--year must be from 1978 to 2199" \
	r calendar show --year 1977
# --year is a whole number: junk after the digits is refused.
expect_fail "show --year with junk" '2026abc' r calendar show --year 2026abc
# The calendar is the administrator's (design.md, "Who uses it"): a handler
# may neither import bank holidays nor add closure days.
expect_ok "handler user" r user add hal --role handler
unchanged "handler may not import" "role" r calendar import "$T/bank-holidays.json" --as hal
unchanged "handler may not add closures" "role" r calendar closure add 2027-01-05 --as hal

finish
