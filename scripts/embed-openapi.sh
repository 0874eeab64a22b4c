#!/bin/sh
# Converts docs/openapi.yaml to JSON and writes it as a C string:
#   const char http_openapi_json[];
set -eu
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" - "$1" <<'PY'
import json, sys, yaml
with open(sys.argv[1]) as f:
    doc = yaml.safe_load(f)
text = json.dumps(doc, separators=(",", ":"), ensure_ascii=True)
print("/* Generated from docs/openapi.yaml by scripts/embed-openapi.sh. */")
print("const char http_openapi_json[] =")
for i in range(0, len(text), 100):
    chunk = text[i:i + 100].replace("\\", "\\\\").replace('"', '\\"')
    print('\t"%s"' % chunk)
print(";")
PY
