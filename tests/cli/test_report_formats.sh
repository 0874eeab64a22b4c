#!/bin/sh
# The reports as PDF (read back with pdftotext), with the charts of their
# HTML, and as HTML, on a small fixed set of complaints whose figures were
# worked out by hand (below), for the reporting year 2025/26.  England bank
# holidays in the span: 18 and 21 April, 5 and 26 May 2025.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
export REDRESS_TODAY=2026-04-10

expect_ok "init" r init
for u in amy bea; do expect_ok "user $u" r user add $u --role handler; done
expect_ok "officer" r user add olu --role complaints_officer
expect_ok "homes" r policy set homes 1000
expect_ok "lcra" r policy set homes_lcra 800
expect_ok "lcho" r policy set homes_lcho 200
expect_ok "organisation" r policy set organisation "Fenwick & Vale <Homes>"

new() { # received tenure
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

# B: received Mon 31 March 2025 (the year before), acknowledged Tue 1
# April (within 5 working days); due Tue 15 April; answered Thu 17 April:
# late.
new 2025-03-31 lcra; B=CMP-2025-000001
ack $B 2025-04-01 amy
resp $B 2025-04-17
# A: received Tue 1 April 2025, acknowledged Wed 2 April; due Wed 16
# April, answered that day: within.
new 2025-04-01 lcra; A=CMP-2025-000002
ack $A 2025-04-02 amy
resp $A 2025-04-16
# F: received Thu 1 May, acknowledged Fri 2 May; due Mon 19 May (5 May a
# bank holiday); answered Mon 12 May: within.  Escalated Wed 14 May,
# acknowledged Thu 15 May by bea (within 5 working days); due Fri 13 June
# (26 May a bank holiday); answered Mon 16 June: late.
new 2025-05-01 lcra; F=CMP-2025-000003
ack $F 2025-05-02 amy
resp $F 2025-05-12
expect_ok "F escalate" r complaint escalate $F --on 2025-05-14
ack $F 2025-05-15 bea
resp $F 2025-06-16
# D: received Tue 1 July, refused Wed 2 July.
new 2025-07-01 lcra; D=CMP-2025-000004
expect_ok "D refuse" r complaint refuse $D --reason legal_proceedings --explanation "Court" \
	--on 2025-07-02 --as olu

# pdftotext's text as laid out, with runs of spaces squeezed.
text() { pdftotext -layout "$1" - 2>/dev/null | tr -s ' '; }
has() { # desc file text
	if grep -qF -- "$3" "$2"; then ok; else bad "$1: no \"$3\" in $2: $(head -c 600 "$2")"; fi
}
line_of() { grep -nF -- "$2" "$1" | head -1 | cut -d: -f1; }
before() { # desc file first then: the line with "first" comes before the one with "then"
	a=$(line_of "$2" "$3") b=$(line_of "$2" "$4")
	if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then ok; else
		bad "$1: \"$3\" (line $a) is not before \"$4\" (line $b) in $2"
	fi
}
# The lines of a PDF's text, its page breaks (form feeds) made line breaks.
lines() { tr '\f' '\n' < "$1"; }
pdf() { # report file: the PDF, checked, and its text in file.txt
	if r report "$1" --year 2025 --format pdf > "$T/$2.pdf" 2>"$T/err" &&
	   [ "$(head -c 5 "$T/$2.pdf")" = "%PDF-" ] && pdfinfo "$T/$2.pdf" >/dev/null 2>&1; then
		ok
		text "$T/$2.pdf" > "$T/$2.txt"
	else
		bad "$1 --format pdf: $(head -3 "$T/err")"
		: > "$T/$2.txt"
	fi
}

# TSM 2025/26.  CH01 stage 1: received A F (B the year before, D refused)
# = 2 of 1,000 homes: 2.0; LCRA 2 of 800: 2.5; LCHO 0 of 200: 0.0.
# Stage 2: F = 1: 1.0; LCRA 1 of 800 = 1.25: 1.3.  CH02 stage 1: responses
# in the year B A F, within A F: 2 of 3 = 66.7%; LCHO none.  Stage 2: F
# late: 0 of 1 = 0.0%.
pdf tsm tsm
f=$T/tsm.txt
has "TSM title" $f "Tenant Satisfaction Measures 2025/26"
has "TSM organisation, not markup" $f "Fenwick & Vale <Homes>"
has "CH01 s1" $f "CH01 stage 1: 2.0 per 1,000 homes (2 received)"
has "CH02 s1" $f "CH02 stage 1: 66.7% (2 of 3 responses within the Code's"
has "CH01 s2" $f "CH01 stage 2: 1.0 per 1,000 homes (1 received)"
has "CH02 s2" $f "CH02 stage 2: 0.0% (0 of 1 responses within the Code's"
has "LCRA" $f "Low-cost rental (LCRA), 800 homes"
has "LCRA CH01 s1" $f "CH01 stage 1: 2.5 per 1,000 homes (2 received)"
has "LCRA CH01 s2" $f "CH01 stage 2: 1.3 per 1,000 homes (1 received)"
has "LCHO" $f "Low-cost home ownership (LCHO), 200 homes"
has "LCHO CH01 s1" $f "CH01 stage 1: 0.0 per 1,000 homes (0 received)"
has "LCHO CH02 none" $f "CH02 stage 1: - (no responses) (0 of 0"
has "page footer" $f "Page 2 of 2"

# The charts of the HTML, each under its title, after the lines of all
# homes; their text is drawn: the LCHO's CH02 bar has "no figure" and the
# legend "All homes", which the report's text does not say.
has "TSM CH01 chart" $f "Chart: CH01: complaints received per 1,000 homes"
has "TSM CH02 chart" $f "Chart: CH02: complaints responded to within the Code's"
has "TSM chart drawn" $f "no figure"
before "TSM chart after all homes" $f "CH02 stage 2: 0.0% (0 of 1" "Chart: CH01"
before "TSM charts before LCRA" $f "Chart: CH02" "Low-cost rental (LCRA), 800 homes"
has "TSM legend drawn" $f "All homes"

# The board pack 2025/26.  Received A F D = 3 (refused D): 3.0 per 1,000;
# stage 2 requested F = 1: 1.0.  Stage 1 responses B A F = 3, stage 2 F.
# 6.2: acknowledged B A F, all within 5 working days: 3 of 3.  6.3: B
# late: 2 of 3 = 66.7%.  6.11: F within.  6.14: F late: 0 of 1.
pdf board board
f=$T/board.txt
has "board title" $f "Board and Member Responsible for Complaints pack 2025/26"
has "board received" $f "received 3 (refused 1); stage 2 requested 1 (refused 0)"
has "board responses" $f "responses: stage 1 3, stage 2 1; closed 0; withdrawn 0"
has "board per 1,000" $f "per 1,000 homes: 3.0 received, 1.0 stage 2"
has "6.2" $f "6.2 3 of 3 within (100.0%), 0 late"
has "6.3" $f "6.3 2 of 3 within (66.7%), 1 late"
has "6.11" $f "6.11 1 of 1 within (100.0%), 0 late"
has "6.14" $f "6.14 0 of 1 within (0.0%), 1 late"
has "refusals" $f "Refusals: 1 complaints, 0 escalations"
# Each chart after its section: outcomes after "Outcomes", before the
# timescales; the months after the table of months; none at the end.
before "outcomes chart" $f "Outcomes (decisions on each point" "Chart: Decisions on the points of the complaints, by stage"
before "outcomes chart in its section" $f "Chart: Decisions on the points" "Performance against the Code's timescales"
before "timescales chart" $f "6.14 0 of 1 within" "Chart: Share within each of the Code's timescales (%)"
before "months chart" $f "2026-03 " "Chart: Month by month"
if lines $f | grep -qx "Charts"; then bad "board: a chart left to the end"; else ok; fi

# The self-assessment and the annual report carry the same figures.
pdf self-assessment sa
has "SA 6.3" $T/sa.txt "6.3: 2 of 3 stage 1"
before "SA summary chart" $T/sa.txt "provisions:" "Chart: The provisions by their answer"
before "SA chart before the sections" $T/sa.txt "Chart: The provisions by their answer" "Section 1 - "
pdf annual annual
has "annual title" $T/annual.txt "Annual complaints performance and service improvement report 2025/26"
has "annual CH02" $T/annual.txt "66.7"
# The footer: the report's title (not "Reference" and a title) beside the
# page number, on the same line, on every page.
has "annual footer" $T/annual.txt "Annual complaints performance and service improvement report 2025/26 Page 1 of"
if grep -qF "Reference Annual" $T/annual.txt; then bad "annual footer says Reference"; else ok; fi
before "annual (a) chart" $T/annual.txt "(a) Self-assessment" "Chart: The provisions by their answer"
before "annual (b) charts" $T/annual.txt "(b) Performance" "Chart: CH01: complaints received per 1,000 homes"
before "annual (b) charts before (c)" $T/annual.txt "Chart: Refusals by reason" "(c) Ombudsman findings"

# HTML: a whole document, the figures in tables, the charts as images
# named by their titles, everything escaped, no script, no links (the
# command line has no server to list the cases).
for rep in tsm board annual self-assessment; do
	if r report $rep --year 2025 --format html > "$T/$rep.html" 2>"$T/err"; then ok; else
		bad "$rep --format html: $(head -3 "$T/err")"
	fi
	h=$T/$rep.html
	has "$rep doctype" $h "<!DOCTYPE html>"
	has "$rep svg" $h "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rd-chart\" role=\"img\""
	has "$rep table" $h "<table class=\"govuk-table\">"
	has "$rep escaped" $h "Fenwick &amp; Vale &lt;Homes&gt;"
	if grep -q "<script\|<Homes>\| href=" "$h"; then bad "$rep: script, markup or a link in the HTML"; else ok; fi
done
# The PDF carries every chart of the HTML.
for rep in tsm:tsm board:board annual:annual self-assessment:sa; do
	svgs=$(grep -c "<svg " "$T/${rep%%:*}.html") charts=$(lines "$T/${rep#*:}.txt" | grep -c "^Chart: ")
	if [ "$svgs" -gt 0 ] && [ "$svgs" = "$charts" ]; then ok; else
		bad "${rep%%:*}: $svgs charts in the HTML, $charts in the PDF"
	fi
done
h=$T/tsm.html
has "TSM CH01 chart" $h "<title id=\"tsm-ch01-title\">CH01: complaints received per 1,000 homes</title>"
has "TSM CH01 table" $h "<th scope=\"row\" class=\"govuk-table__header\">Stage 1</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">2.0</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">2.5</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">0.0</td>"
has "TSM CH02 bar label" $h ">66.7%</text>"
has "TSM CH02 no figure" $h ">no figure</text>"
h=$T/board.html
has "board 6.3 row" $h "<th scope=\"row\" class=\"govuk-table__header\">6.3</th>"
has "board late figure" $h ">66.7%</td>"

# The annual report as CSV: one row per value, under its part.  The
# figures are those worked out above: 2 of the 3 stage 1 responses of
# 2025/26 within the Code (66.7%); the complaint refused as in legal
# proceedings is the one type of refusal.
if r report annual --year 2025 --format csv > "$T/annual.csv" 2>"$T/err"; then ok; else
	bad "annual --format csv: $(head -3 "$T/err")"
fi
c=$T/annual.csv
if [ "$(head -1 "$c")" = "$(printf 'section,item,figure,value\r')" ]; then ok; else
	bad "annual CSV header: $(head -1 "$c")"
fi
has "annual CSV year" $c "report,,year,2025/26"
has "annual CSV organisation" $c "report,,organisation,Fenwick & Vale <Homes>"
has "annual CSV CH02" $c "b_performance,tsm.ch02,stage1,66.7"
has "annual CSV CH02 numerator" $c "b_performance,tsm.counts,stage1_within_timescales,2"
has "annual CSV CH02 denominator" $c "b_performance,tsm.counts,stage1_responses,3"
has "annual CSV refusal type" $c "b_performance,refusals.types.1,refused,1"
has "annual CSV (a)" $c "a_self_assessment,summary,provisions,72"
has "annual CSV not ready" $c "report,,ready_to_publish,false"
if grep -v '^[a-z_]*,[^,]*,[^,]*,' "$c" | grep -qv '^[a-z_]*,[^,]*,[^,]*,"'; then
	bad "annual CSV: a row without its four columns: $(grep -v '^[a-z_]*,[^,]*,[^,]*,' "$c" | head -3)"
else
	ok
fi

# A format that is not one is refused, and nothing is written.
expect_fail "bad format" "usage" r report tsm --format xml

finish
