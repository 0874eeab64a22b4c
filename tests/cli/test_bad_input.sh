#!/bin/sh
# Bad input everywhere on the command line: every option of every action
# of every command, and every positional argument, given empty, huge,
# wrong-type and hostile values (generated from the command sources by
# bad_input.py): a clear error or success, never a crash, nothing stored
# when refused, typed options' bad values always refused.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

expect_ok "demo" r demo --homes 200 --years 1 --seed 3
# the sanitizer build and PostgreSQL are slower: every 6th case there
every=1
[ -z "${LABEL:-}" ] || every=6
out=$(BAD_INPUT_EVERY=$every LANDLORD=${landlord:-} python3 "$here/bad_input.py" "$REDRESS" "$DB" "$here/../.." 2>&1)
printf '%s\n' "$out" | grep '^FAIL' | head -40
p=$(printf '%s\n' "$out" | sed -n 's/^ok //p')
f=$(printf '%s\n' "$out" | sed -n 's/^failed //p')
if [ -z "$p" ]; then
	bad "bad_input.py did not finish: $(printf '%s\n' "$out" | tail -5)"
else
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$p" -gt $((1000 / every)) ] && ok || bad "only $p runs: the generator found too few options"
fi
finish
