#!/bin/sh
# test_workdays.sh - "redress workdays add|count" on the built-in calendar
# (no database) for the three regions.  Every expected date below was
# worked out by hand from the bank-holiday tables in requirements.md §5;
# non-obvious rows carry the reasoning.  "Within N working days of D" is
# the Nth working day strictly after D (design.md, Working days).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# wd EXPECTED ARGS...: "redress workdays ARGS" prints EXPECTED (no --db).
wd() {
	want=$1
	shift
	expect_out "workdays $*" "$want" "$REDRESS" workdays "$@"
}

# --- England and Wales: Christmas and New Year ------------------------------
# 24 Dec 2026 Thu; 25 Fri and 28 Mon (Boxing Day substitute) are holidays -> 29 Tue
wd 2026-12-29 add 2026-12-24 1
# 29(1) 30(2) 31(3); 1 Jan 2027 Fri holiday; 4 Jan Mon(4) 5 Tue(5)
wd 2027-01-05 add 2026-12-24 5
# 24 Dec 2027 Fri; 25/26 weekend; 27 Mon and 28 Tue substitutes -> 29 Wed
wd 2027-12-29 add 2027-12-24 1
# 24 Dec 2021 Fri; 27 and 28 are substitutes -> 29 Wed
wd 2021-12-29 add 2021-12-24 1
# 23 Dec 2022 Fri; weekend; 26 Mon Boxing Day, 27 Tue Christmas substitute -> 28 Wed
wd 2022-12-28 add 2022-12-23 1
# 30 Dec 2022 Fri; 31/1 weekend; 2 Jan 2023 Mon New Year substitute -> 3 Tue
wd 2023-01-03 add 2022-12-30 1
# 31 Dec 2021 Fri; 1/2 Jan weekend; 3 Jan 2022 Mon substitute -> 4 Tue
wd 2022-01-04 add 2021-12-31 1
# 24 Dec 2020 Thu; 25 Fri; weekend; 28 Mon Boxing Day substitute -> 29 Tue
wd 2020-12-29 add 2020-12-24 1
# 24 Dec 2019 Tue; 25 Wed and 26 Thu holidays -> 27 Fri
wd 2019-12-27 add 2019-12-24 1
# 24 Dec 2025 Wed; 25 Thu, 26 Fri holidays; weekend -> 29 Mon
wd 2025-12-29 add 2025-12-24 1

# --- Easter 2024-2027 -----------------------------------------------------------
# Good Friday 29 Mar 2024, Easter Monday 1 Apr: from Thu 28 Mar -> Tue 2 Apr
wd 2024-04-02 add 2024-03-28 1
# Good Friday 18 Apr 2025, Easter Monday 21 Apr: from Thu 17 -> Tue 22
wd 2025-04-22 add 2025-04-17 1
# Good Friday 3 Apr 2026, Easter Monday 6 Apr: from Thu 2 -> Tue 7
wd 2026-04-07 add 2026-04-02 1
# Good Friday 26 Mar 2027, Easter Monday 29 Mar: from Thu 25 -> Tue 30
wd 2027-03-30 add 2027-03-25 1
# after Thu 2 Apr 2026 up to Tue 7: 3 hol, 4-5 weekend, 6 hol, 7 -> 1
wd 1 count 2026-04-02 2026-04-07

# --- one-off changes ------------------------------------------------------------
# 2020: Early May moved from Mon 4 May to Fri 8 May (VE Day): 4 May is a working day
wd 2020-05-04 add 2020-05-01 1
# Thu 7 May 2020; Fri 8 holiday; weekend -> Mon 11
wd 2020-05-11 add 2020-05-07 1
# 2022 Jubilee: Thu 2 and Fri 3 Jun holidays; from Wed 1 Jun -> Mon 6
wd 2022-06-06 add 2022-06-01 1
# 2022: Spring bank holiday moved off Mon 30 May, so 30 May is a working day
wd 2022-05-30 add 2022-05-27 1
# State Funeral Mon 19 Sep 2022: from Fri 16 -> Tue 20
wd 2022-09-20 add 2022-09-16 1
# Coronation Mon 8 May 2023: from Fri 5 -> Tue 9
wd 2023-05-09 add 2023-05-05 1
# after Fri 28 Apr 2023 to Fri 12 May: 1 May hol, 2-5 (4), 8 May hol, 9-12 (4) -> 8
wd 8 count 2023-04-28 2023-05-12

# --- weekends, N = 0, negative N, counting ------------------------------------
# Sat 21 Nov 2026: the first working day after it is Mon 23
wd 2026-11-23 add 2026-11-21 1
wd 2026-11-23 add 2026-11-22 1
# Sat 21 Nov: 23 24 25 26 27 -> Fri 27 (30 Nov is only a holiday in Scotland)
wd 2026-11-27 add 2026-11-21 5
# N = 0 gives D itself, even on a weekend or a holiday
wd 2026-11-21 add 2026-11-21 0
wd 2026-12-25 add 2026-12-25 0
# Mon 23 Nov 2026 + 10: 24-27 (4), 30 (5), 1-4 Dec (9), 7 Dec (10)
wd 2026-12-07 add 2026-11-23 10
# ... + 20: 8-11 Dec (14), 14-18 (19), 21 (20)
wd 2026-12-21 add 2026-11-23 20
# -1 from Tue 29 Dec 2026: 28 hol, 27/26 weekend, 25 hol -> Thu 24
wd 2026-12-24 add 2026-12-29 -1
wd 0 count 2026-11-23 2026-11-23
wd 5 count 2026-11-23 2026-11-30
# TO before FROM: working days after 24 Dec up to 31 Dec are 29, 30, 31 -> -3
wd -3 count 2026-12-31 2026-12-24
# 2026 starts on a Thursday: 261 weekdays; after 1 Jan leaves 260; minus the
# 7 weekday holidays 3 Apr, 6 Apr, 4 May, 25 May, 31 Aug, 25 Dec, 28 Dec -> 253
wd 253 count 2026-01-01 2026-12-31

# --- leap years ----------------------------------------------------------------------
# Thu 29 Feb 2024 -> Fri 1 Mar; 2000 was a leap year (Tue 29 Feb -> Wed 1 Mar)
wd 2024-03-01 add 2024-02-29 1
wd 2000-03-01 add 2000-02-29 1
# after Wed 28 Feb 2024 to Fri 1 Mar: 29 Feb, 1 Mar -> 2
wd 2 count 2024-02-28 2024-03-01

# --- far years -----------------------------------------------------------------
# Easter 1990 was 15 Apr: Good Friday 13, Easter Monday 16; from Thu 12 -> Tue 17
wd 1990-04-17 add 1990-04-12 1
# 24 Dec 1990 Mon; 25 Tue and 26 Wed holidays -> Thu 27
wd 1990-12-27 add 1990-12-24 1
# 25 Dec 2100 is a Saturday: substitutes Mon 27 and Tue 28; from Fri 24 -> Wed 29
wd 2100-12-29 add 2100-12-24 1
# Easter 2100 is 28 Mar: Good Friday 26, Easter Monday 29; from Thu 25 -> Tue 30
wd 2100-03-30 add 2100-03-25 1

# --- Scotland ------------------------------------------------------------------
# 1 Jan 2026 Thu and 2 Jan Fri both holidays in Scotland; weekend -> Mon 5
wd 2026-01-05 add 2025-12-31 1 --region scotland
wd 2026-01-02 add 2025-12-31 1
# 1 Jan 2027 Fri; 2 Jan Sat -> substitute Mon 4 Jan in Scotland -> Tue 5
wd 2027-01-05 add 2026-12-31 1 --region scotland
wd 2027-01-04 add 2026-12-31 1
# St Andrew's Day Mon 30 Nov 2026: from Fri 27 -> Tue 1 Dec (E&W: Mon 30)
wd 2026-12-01 add 2026-11-27 1 --region scotland
wd 2026-11-30 add 2026-11-27 1
wd 4 count 2026-11-23 2026-11-30 --region scotland
# St Andrew's Day 2025 is a Sunday: substitute Mon 1 Dec -> from Fri 28 Nov, Tue 2 Dec
wd 2025-12-02 add 2025-11-28 1 --region scotland
# Scottish summer holiday: first Monday of August, 3 Aug 2026; from Fri 31 Jul -> Tue 4
wd 2026-08-04 add 2026-07-31 1 --region scotland
# ... and the E&W one (Mon 31 Aug) is a working day in Scotland
wd 2026-08-31 add 2026-08-28 1 --region scotland
wd 2026-09-01 add 2026-08-28 1
# no Easter Monday in Scotland: Good Friday 3 Apr 2026 only -> Mon 6
wd 2026-04-06 add 2026-04-02 1 --region scotland
# Second half of 2026 (after Tue 30 Jun to Thu 31 Dec): 132 weekdays
# (Jul 23, Aug 21, Sep 22, Oct 22, Nov 21, Dec 23).  Scotland loses 3 Aug,
# 30 Nov, 25 Dec, 28 Dec -> 128; E&W loses 31 Aug, 25 Dec, 28 Dec -> 129.
# (The first half is left out on purpose: requirements.md §5 leaves the
# Scottish "World Cup bank holiday" of Mon 15 Jun 2026 to be confirmed, and
# the built-in rules include it.)
wd 128 count 2026-06-30 2026-12-31 --region scotland
wd 129 count 2026-06-30 2026-12-31

# --- Northern Ireland ----------------------------------------------------------
# St Patrick's Day 2024 is a Sunday: substitute Mon 18 Mar; from Fri 15 -> Tue 19
wd 2024-03-19 add 2024-03-15 1 --region northern-ireland
wd 2024-03-18 add 2024-03-15 1
# St Patrick's Day Tue 17 Mar 2026; from Mon 16 -> Wed 18
wd 2026-03-18 add 2026-03-16 1 --region northern-ireland
# Boyne 12 Jul 2026 Sun -> substitute Mon 13; from Fri 10 -> Tue 14
wd 2026-07-14 add 2026-07-10 1 --region northern-ireland
wd 2026-07-13 add 2026-07-10 1
# Boyne 12 Jul 2025 Sat -> substitute Mon 14; from Fri 11 -> Tue 15
wd 2025-07-15 add 2025-07-11 1 --region northern-ireland
# Boyne 12 Jul 2020 Sun -> substitute Mon 13; from Fri 10 -> Tue 14
wd 2020-07-14 add 2020-07-10 1 --region northern-ireland
# the one-off days apply in NI too: VE Day Fri 8 May 2020
wd 2020-05-11 add 2020-05-07 1 --region northern-ireland
# Easter Monday is a holiday in NI: from Thu 2 Apr 2026 -> Tue 7
wd 2026-04-07 add 2026-04-02 1 --region northern-ireland
# 2026 in NI: the 253 of E&W minus St Patrick's (Tue 17 Mar) and Boyne (Mon 13 Jul) -> 251
wd 251 count 2026-01-01 2026-12-31 --region northern-ireland
wd 2026-12-29 add 2026-12-24 1 --region england-and-wales

# --- --json --------------------------------------------------------------------
expect_json "add --json date" date 2026-12-29 "$REDRESS" workdays add 2026-12-24 1 --json
expect_json "add --json working_days" working_days 1 "$REDRESS" workdays add 2026-12-24 1 --json
expect_json "add --json region" region england-and-wales "$REDRESS" workdays add 2026-12-24 1 --json
expect_json "add --json from" from 2026-12-24 "$REDRESS" workdays add 2026-12-24 1 --json
expect_json "no database: built-in calendar" calendar_version 0 "$REDRESS" workdays add 2026-12-24 1 --json
expect_json "add --json scotland date" date 2026-12-01 \
	"$REDRESS" workdays add 2026-11-27 1 --region scotland --json
expect_json "add --json scotland region" region scotland \
	"$REDRESS" workdays add 2026-11-27 1 --region scotland --json
expect_json "count --json working_days" working_days -3 \
	"$REDRESS" workdays count 2026-12-31 2026-12-24 --json
expect_json "count --json NI region" region northern-ireland \
	"$REDRESS" workdays count 2026-03-16 2026-03-18 --region northern-ireland --json
expect_json "count --json NI" working_days 1 \
	"$REDRESS" workdays count 2026-03-16 2026-03-18 --region northern-ireland --json

# --- bad input -----------------------------------------------------------------
expect_fail "month 13" '"2026-13-01" is not a real date' "$REDRESS" workdays add 2026-13-01 1
expect_fail "30 February" '"2026-02-30" is not a real date' "$REDRESS" workdays add 2026-02-30 1
expect_fail "2100 is not a leap year" '"2100-02-29" is not a real date' "$REDRESS" workdays add 2100-02-29 1
expect_fail "unpadded" '"2026-1-1" is not a real date' "$REDRESS" workdays add 2026-1-1 1
expect_fail "tomorrow" '"tomorrow" is not a real date' "$REDRESS" workdays add tomorrow 1
expect_fail "count bad TO" 'TO "2026-02-30"' "$REDRESS" workdays count 2026-02-01 2026-02-30
expect_fail "count bad FROM" 'FROM "2026-13-01"' "$REDRESS" workdays count 2026-13-01 2026-12-01
expect_fail "N not a number" '"ten" is not a whole number' "$REDRESS" workdays add 2026-01-01 ten
expect_fail "N with junk" '"5x" is not a whole number' "$REDRESS" workdays add 2026-01-01 5x
expect_fail "unknown region" 'unknown region "wales"' \
	"$REDRESS" workdays add 2026-01-01 1 --region wales
expect_fail "out of range" 'outside the supported years' "$REDRESS" workdays add 1900-01-01 1
expect_fail "missing N" 'usage' "$REDRESS" workdays add 2026-01-01
expect_fail "unknown subcommand" 'usage' "$REDRESS" workdays sub 2026-01-01 1

# no database was created by any of this
if [ ! -e "$T/redress.db" ]; then ok; else bad "workdays created a database"; fi

finish
