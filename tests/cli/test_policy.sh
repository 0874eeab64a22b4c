#!/bin/sh
# test_policy.sh - "redress policy show|set|check|exclusion": the landlord's
# policy is data, and "check" names the Code clause each bad setting breaches
# (design.md, "Policy is configuration, checked against the Code").
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect_ok "init" r init

# --- defaults ------------------------------------------------------------------
expect_json "default escalation window" escalation_window_days 20 r policy show --json
expect_json "default stages" stages 2 r policy show --json
expect_json "default region" region england-and-wales r policy show --json
expect_json "default acknowledge_days" acknowledge_days 5 r policy show --json
expect_json "default informal_stage" informal_stage false r policy show --json
expect_json "default homes" homes 0 r policy show --json
expect_json "default closure days" closure_days "[]" r policy show --json

# check_is DESC RC CLAUSES: "policy check" exits RC and its breaches name
# exactly CLAUSES (space-separated, in order; "" for none).
check_is() {
	desc=$1 want_rc=$2 want=$3
	out=$(r policy check 2>"$T/err")
	rc=$?
	got=$(printf '%s\n' "$out" | sed -n 's/.* breaches Code \([0-9.]*\):.*/\1/p' | tr '\n' ' ' | sed 's/ $//')
	if [ "$rc" -eq "$want_rc" ] && [ "$got" = "$want" ]; then ok; else
		bad "$desc: want rc=$want_rc clauses [$want] got rc=$rc [$got]: $out $(head -3 "$T/err")"
	fi
}

# homes = 0 is itself reported: CH01 is per 1,000 homes
check_is "fresh policy" 1 "3.3"
expect_out "set homes" "homes set" r policy set homes 20000
expect_json "homes shown" homes 20000 r policy show --json
check_is "compliant policy" 0 ""
expect_out "compliant message" "No setting breaches the Complaint Handling Code." r policy check
expect_out "check --json empty" "[]" r policy check --json

# --- region --------------------------------------------------------------------
# St Andrew's Day, Mon 30 Nov 2026, is a bank holiday only in Scotland
expect_out "E&W before" 2026-11-30 r workdays add 2026-11-27 1
expect_out "set region" "region set" r policy set region scotland
expect_json "region shown" region scotland r policy show --json
expect_out "Scotland from policy" 2026-12-01 r workdays add 2026-11-27 1
expect_json "Scotland in --json" region scotland r workdays add 2026-11-27 1 --json
# first Monday of August (3 Aug 2026) is the Scottish summer holiday
expect_out "Scotland August" 2026-08-04 r workdays add 2026-07-31 1
# --region on the command line wins over the policy
expect_out "--region wins" 2026-11-30 r workdays add 2026-11-27 1 --region england-and-wales
expect_json "calendar show follows" region scotland r calendar show --json
check_is "Scotland is compliant" 0 ""
expect_out "set region NI" "region set" r policy set region northern-ireland
# St Patrick's Day Tue 17 Mar 2026; from Mon 16 -> Wed 18
expect_out "NI from policy" 2026-03-18 r workdays add 2026-03-16 1
expect_ok "region back" r policy set region england-and-wales

# --- each breach names its clause -----------------------------------------------
expect_ok "acknowledge_days 7" r policy set acknowledge_days 7
check_is "acknowledge_days 7" 1 "6.2"
expect_json "breach --json setting" 0.setting acknowledge_days r policy check --json
expect_json "breach --json clause" 0.clause 6.2 r policy check --json
expect_json "breach --json value" 0.value 7 r policy check --json
# the Code's 5 working days still bind the deadline: from Fri 20 Nov 2026,
# 23 24 25 26 27 -> Fri 27 Nov (not 7 working days, which would be 1 Dec)
expect_out "deadline kept to the Code" "CMP-2026-000001 received 2026-11-20; acknowledge by 2026-11-27" \
	r complaint new --received-on 2026-11-20 --channel phone --category repairs \
	--description "Window will not close" --issue-date 2026-11-01 --name "Ann Smith" --phone 0161
expect_ok "acknowledge_days back" r policy set acknowledge_days 5
check_is "acknowledge_days 5" 0 ""

expect_ok "stages 3" r policy set stages 3
check_is "stages 3" 1 "5.3"
expect_ok "stages back" r policy set stages 2

expect_ok "informal_stage true" r policy set informal_stage true
check_is "informal_stage" 1 "5.2"
expect_ok "informal_stage back" r policy set informal_stage false

expect_ok "time_limit_months 6" r policy set time_limit_months 6
check_is "time_limit_months 6" 1 "2.3"
expect_ok "time_limit_months back" r policy set time_limit_months 12

expect_out "blanket exclusion" "exclusion all_repairs added" \
	r policy exclusion add all_repairs --text "We do not accept complaints about repairs" --blanket
check_is "blanket exclusion" 1 "2.5"
expect_json "blanket names the exclusion" 0.setting exclusions.all_repairs r policy check --json
expect_out "remove blanket" "exclusion all_repairs removed" r policy exclusion remove all_repairs
check_is "after removing blanket" 0 ""
# an exclusion that is not blanket is fine
expect_ok "fair exclusion" r policy exclusion add insurance_claims --text "An insurance claim"
check_is "fair exclusion" 0 ""

# two breaches at once are both reported
expect_ok "stages 3 again" r policy set stages 3
expect_ok "informal again" r policy set informal_stage true
check_is "two breaches" 1 "5.3 5.2"
expect_ok "stages back again" r policy set stages 2
expect_ok "informal back again" r policy set informal_stage false
check_is "all clear" 0 ""

# --- bad values leave the database unchanged -------------------------------------
unchanged "unknown key" 'unknown policy setting "colour"' r policy set colour blue
unchanged "homes -1" 'not "-1"' r policy set homes -1
unchanged "homes abc" 'not "abc"' r policy set homes abc
unchanged "homes 1.5" 'not "1.5"' r policy set homes 1.5
unchanged "region wales" 'unknown region "wales"' r policy set region wales
unchanged "acknowledge_days 0" 'acknowledge_days must be a whole number from 1' \
	r policy set acknowledge_days 0
unchanged "informal_stage maybe" 'informal_stage must be true or false' \
	r policy set informal_stage maybe
unchanged "exclusion without text" 'needs the text' r policy exclusion add no_text
unchanged "exclusion bad code" 'lower-case letters' r policy exclusion add "All Repairs" --text x
unchanged "exclusion twice" 'already has an exclusion "insurance_claims"' \
	r policy exclusion add insurance_claims --text "again"
unchanged "remove unknown exclusion" 'no exclusion "nothing"' r policy exclusion remove nothing
unchanged "set without value" 'usage' r policy set homes
expect_json "homes still 20000" homes 20000 r policy show --json
expect_json "region still E&W" region england-and-wales r policy show --json
unchanged "no database" 'no database' "$REDRESS" policy show --db "$T/missing.db"
if [ ! -e "$T/missing.db" ]; then ok; else bad "policy show created $T/missing.db"; fi

# --- closure days through the policy ---------------------------------------------------
expect_out "set closure_days" "closure_days set" r policy set closure_days "2026-12-29,2026-12-30"
expect_json "closure_days shown" closure_days.1 2026-12-30 r policy show --json
# Thu 24 Dec 2026; 25 and 28 holidays, 29 and 30 closed -> Thu 31
expect_out "closure days skipped" 2026-12-31 r workdays add 2026-12-24 1
unchanged "closure_days bad date" 'closure day "2026-02-30" is not a real date' \
	r policy set closure_days "2027-01-05,2026-02-30"
expect_json "closure_days kept" closure_days.0 2026-12-29 r policy show --json
expect_out "clear closure_days" "closure_days set" r policy set closure_days ""
expect_out "closure days gone" 2026-12-29 r workdays add 2026-12-24 1

# --- who may change the policy ------------------------------------------------------------
expect_ok "admin user" r user add ada --role admin
expect_ok "handler user" r user add hal --role handler
expect_ok "board user" r user add bea --role board
expect_out "admin sets policy" "homes set" r policy set homes 21000 --as ada
expect_json "admin's change" homes 21000 r policy show --json
expect_json "board may read the policy" homes 21000 r policy show --json --as bea
unchanged "unknown --as" 'no user called "zed"' r policy set homes 5 --as zed
# The landlord policy is the administrator's (design.md, "Who uses it"):
# neither a handler nor a board member may change it.
unchanged "handler may not set policy" "role" r policy set homes 5 --as hal
unchanged "board may not set policy" "role" r policy set homes 5 --as bea
unchanged "board may not add a blanket exclusion" "role" \
	r policy exclusion add everything --text "No complaints" --blanket --as bea

finish
