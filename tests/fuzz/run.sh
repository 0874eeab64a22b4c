#!/bin/sh
# Runs each libFuzzer target for FUZZ_SECONDS (default 10) from its corpus
# under tests/fuzz/corpus/NAME; new inputs that reach new code are kept in
# build-fuzz/corpus (not committed).  A crash leaves its input in
# build-fuzz/crash-NAME-*: copy it into tests/fuzz/regressions/NAME/ once
# fixed, so every later run replays it.  Ends "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-10}
pass=0
fail=0
for bin in build-fuzz/fuzz/fuzz_*; do
	name=${bin##*/fuzz_}
	mkdir -p "build-fuzz/corpus/$name"
	regress=""
	[ -d "tests/fuzz/regressions/$name" ] && regress="tests/fuzz/regressions/$name"
	if "$bin" -max_total_time="$secs" -rss_limit_mb=1024 -max_len=65536 \
		-artifact_prefix="build-fuzz/crash-$name-" \
		"build-fuzz/corpus/$name" "tests/fuzz/corpus/$name" $regress >"build-fuzz/$name.log" 2>&1; then
		echo "fuzz $name: $(grep -o 'stat::number_of_executed_units: [0-9]*' "build-fuzz/$name.log" | tail -1 | cut -d' ' -f2) runs in ${secs}s, no crash"
		pass=$((pass + 1))
	else
		tail -30 "build-fuzz/$name.log"
		echo "fuzz $name: FAILED (see build-fuzz/$name.log)"
		fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
