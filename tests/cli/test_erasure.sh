#!/bin/sh
# Erasure requests (UK GDPR art. 17): "redress person erase ID --reason"
# erases what may be erased, keeps what there is a reason to keep (an open
# complaint, the 12 months in which the Housing Ombudsman may still be
# asked, the retention period), and records the decision with its reasons.
# Today is 2026-11-23; retention_years is 6.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect_ok "init" r init
expect_ok "handler" r user add amy --role handler
expect_ok "officer" r user add olu --role complaints_officer

new() { # RECEIVED NAME [more]
	on=$1 nm=$2
	shift 2
	r complaint new --channel phone --category repairs --description "Damp in the flat of $nm" \
		--name "$nm" --email "$(echo "$nm" | tr 'A-Z ' 'a-z.')@example.org" --received-on "$on" \
		"$@" >/dev/null || bad "new $on $nm"
}
done_on() { # REF ACK RESPOND CLOSE
	r complaint acknowledge "$1" --on "$2" --handler amy --summary "Damp" --outcomes "Repair" \
		--responsible "Repairs" --not-responsible "Contents" --complex no --vulnerable no \
		>/dev/null || bad "ack $1"
	r complaint respond "$1" --on "$3" --decision "1:not_upheld:Reasons" >/dev/null || bad "respond $1"
	r complaint close "$1" --on "$4" >/dev/null || bad "close $1"
}

# P-000001 Una Erased: one complaint closed 2018-03-01: nothing to keep.
new 2018-02-01 "Una Erased"; A=CMP-2018-000001
done_on $A 2018-02-02 2018-02-09 2018-03-01
# P-000002 Otto Open: a complaint still open.
new 2026-11-02 "Otto Open"; B=CMP-2026-000001
# P-000003 Mia Mixed: closed 2019-03-01 (erased) and closed 2026-03-02, the
# final response 2026-02-20: within 12 months (Ombudsman) until 2027-03-02.
new 2019-02-01 "Mia Mixed"; C=CMP-2019-000001
done_on $C 2019-02-04 2019-02-11 2019-03-01
new 2026-02-02 "Mia Mixed" --person P-000003; D=CMP-2026-000002
done_on $D 2026-02-03 2026-02-20 2026-03-02
# P-000004 Rex Retained: closed 2023-05-10: within 6 years, until 2029-05-10.
new 2023-04-03 "Rex Retained"; E=CMP-2023-000001
done_on $E 2023-04-04 2023-04-18 2023-05-10

# bad requests change nothing
unchanged "no grounds" "field: reason" r person erase P-000001 --as olu
unchanged "blank grounds" "field: reason" r person erase P-000001 --reason "  " --as olu
unchanged "no such person" "no person P-999999" r person erase P-999999 --reason "Asked" --as olu
unchanged "a handler may not decide" "the handler role may not decide an erasure request" \
	r person erase P-000001 --reason "Asked" --as amy
unchanged "huge grounds" "at most 4000" r person erase P-000001 --reason "$(head -c 5000 /dev/zero | tr '\0' a)" --as olu

expect_out "Una: everything erased" "erasure request of P-000001: erased
  erased  complaint:$A
  erased  person:P-000001" r person erase P-000001 --reason "I have moved away" --as olu
expect_json "Una's complaint anonymised" complainant.name "[redacted]" r complaint show $A --json
expect_json "Una's decision kept" stages.0.decisions.0.outcome not_upheld r complaint show $A --json
expect_json "Una's person anonymised" name "[redacted]" r person show P-000001 --json
d=$(sqlite3 "$DB" "SELECT payload FROM events WHERE stream = 'person:P-000001' AND type = 'person.erasure_decided'")
case $d in *'"outcome":"erased"'*'"grounds":"[redacted]"'*|*'"grounds":"[redacted]"'*'"outcome":"erased"'*) ok ;;
*) bad "the decision is recorded, its grounds anonymised: $d" ;; esac

expect_out "Otto: refused, an open complaint" "erasure request of P-000002: refused
  kept    complaint:$B: a complaint still being handled: the Code requires the record of it (5.1, 6.1) and it is needed to answer it (UK GDPR art. 17(3)(e))
  kept    person:P-000002: records of the person are kept for the reasons given, and they need the person's record" \
	r person erase P-000002 --reason "Please delete me" --as olu
expect_json "Otto's name kept" name "Otto Open" r person show P-000002 --json
d=$(sqlite3 "$DB" "SELECT payload FROM events WHERE stream = 'person:P-000002' AND type = 'person.erasure_decided'")
case $d in *'"grounds":"Please delete me"'*'"outcome":"refused"'*|*'"outcome":"refused"'*'"grounds":"Please delete me"'*) ok ;;
*) bad "Otto's refusal is recorded: $d" ;; esac

expect_json "Mia: partly erased" outcome partly_erased r person erase P-000003 --reason "Moved" --as olu --json
expect_json "Mia: the old complaint erased" complainant.name "[redacted]" r complaint show $C --json
expect_json "Mia: the recent one kept" complainant.name "Mia Mixed" r complaint show $D --json
d=$(sqlite3 "$DB" "SELECT payload FROM events WHERE stream = 'person:P-000003' AND type = 'person.erasure_decided'")
case $d in *"{\"record\":\"complaint:$D\",\"reason\":\"ombudsman_window\",\"until\":\"2027-03-02\"}"*) ok ;;
*) bad "Mia's recent complaint kept for the Ombudsman until 2027-03-02: $d" ;; esac

expect_json "Rex: refused" outcome refused r person erase P-000004 --reason "Moved" --as olu --json
decision() {
	sqlite3 "$DB" "SELECT payload FROM events WHERE stream = 'person:$1' AND type = 'person.erasure_decided'"
}
got=$(decision P-000004 | json_field kept.0.until)
[ "$got" = 2029-05-10 ] && ok || bad "Rex: retention until 2029-05-10, got $got"
got=$(decision P-000004 | json_field kept.0.reason)
[ "$got" = retention_period ] && ok || bad "Rex: retention_period, got $got"
got=$(decision P-000004 | json_field kept.0.record)
[ "$got" = "complaint:$E" ] && ok || bad "Rex: $E kept, got $got"

expect_json "every chain verifies" problems 0 r verify --json
if [ "${REDRESS_TEST_STORE:-sqlite}" = sqlite ]; then
	for s in "Una Erased" una.erased@example.org "I have moved away" "Damp in the flat of Una"; do
		if grep -a -q -F "$s" "$DB"; then bad "\"$s\" is still in the database file"; else ok; fi
	done
	for s in "Otto Open" "Please delete me" "Rex Retained"; do
		if grep -a -q -F "$s" "$DB" "$DB-wal" 2>/dev/null; then ok; else bad "\"$s\" was lost"; fi
	done
fi
finish
