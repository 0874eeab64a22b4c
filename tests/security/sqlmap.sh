#!/bin/sh
# sqlmap against every parameterised route of a server with the demo data:
# each path parameter and each query parameter the OpenAPI description
# names, on every route that has one, as a user of the first role the route
# allows.  Run by hand or by "make security" (it takes a while); needs the
# Debian package sqlmap.
#
#   tests/security/sqlmap.sh [postgresql://URL]    (default: SQLite)
#
# Environment: SQLMAP_LEVEL (1), SQLMAP_RISK (1), SQLMAP_TECHNIQUE (BEUS:
# boolean, error, union and stacked queries; add T for time-based blind),
# SQLMAP_ONLY (a substring of the routes to test).  Ends with the number of
# targets and of injection points found, and exits 1 if any was found.
set -eu
cd "$(dirname "$0")/../.."
command -v sqlmap >/dev/null || { echo "sqlmap is not installed (apt-get install sqlmap)" >&2; exit 2; }
[ -x ./redress ] || make redress >/dev/null
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ -n "${1:-}" ]; then
	db="$1?landlord=sqlmap"
	psql -X -q "$1" -c "DROP SCHEMA IF EXISTS sqlmap CASCADE" >/dev/null 2>&1 || true
	dbms=PostgreSQL
else
	db=$dir/sqlmap.db
	dbms=SQLite
fi
export REDRESS_TODAY=2026-11-23
./redress demo --db "$db" --homes 500 --years 1 --seed 5 >/dev/null
for u in alice olu.officer rhian.lead board.mrc admin; do
	./redress user token "$u" --db "$db" > "$dir/token.$u"
done
./redress serve --db "$db" --port "$port" --access-log /dev/null 2>"$dir/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT INT TERM
for i in $(seq 1 50); do
	curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break
	sleep 0.2
done
ref=$(./redress complaint list --db "$db" --limit 1 --json | sed -n 's/.*"reference": "\(CMP-[0-9-]*\)".*/\1/p' | head -1)
sr=$(./redress service-request list --db "$db" --json 2>/dev/null | sed -n 's/.*"reference": "\(SR-[0-9-]*\)".*/\1/p' | head -1)

# The targets: METHOD URL USER, one a line, each parameter marked with "*"
# (sqlmap's custom injection mark), from the description the server serves.
curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" > "$dir/openapi.json"
python3 - "$dir/openapi.json" "http://127.0.0.1:$port" "${ref:-CMP-2026-000001}" "${sr:-SR-2026-000001}" \
	"${SQLMAP_ONLY:-}" > "$dir/targets" <<'EOF'
import json, sys
spec = json.load(open(sys.argv[1]))
base, ref, sr, only = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
user = {'handler': 'alice', 'complaints_officer': 'olu.officer', 'senior_lead': 'rhian.lead',
        'board': 'board.mrc', 'admin': 'admin'}
sample = {'ref': ref, 'id': 'P-000001', 'name': 'alice', 'year': '2025', 'date': '2026-12-25',
          'kind': 'acknowledgement', 'n': '1'}
def resolve(p):
    while '$ref' in p:
        node = spec
        for part in p['$ref'][2:].split('/'):
            node = node[part]
        p = node
    return p
for path, item in spec['paths'].items():
    common = [resolve(p) for p in item.get('parameters', [])]
    for method, op in item.items():
        if method not in ('get', 'post', 'put', 'patch', 'delete'):
            continue
        params = common + [resolve(p) for p in op.get('parameters', [])]
        query = [p for p in params if p.get('in') == 'query']
        if '{' not in path and not query:
            continue
        if only and only not in path:
            continue
        roles = op.get('x-roles') or ['handler']
        u = user.get(roles[0], 'alice')
        concrete = path
        for p in params:
            if p.get('in') == 'path':
                v = sample.get(p['name'], '1')
                if p['name'] == 'ref' and '/service-requests/' in path:
                    v = sr
                if p['name'] == 'id' and '/complaints/' in path:
                    v = '1'
                concrete = concrete.replace('{%s}' % p['name'], v + '*')
        qs = []
        for p in query:
            s = resolve(p.get('schema', {}))
            v = (s.get('enum') or [None])[0] or {'integer': '1', 'boolean': 'true'}.get(s.get('type'), '2025')
            if 'date' in p['name'] or p['name'] in ('from', 'to', 'as_at', 'due_by'):
                v = '2026-01-05'
            qs.append('%s=%s*' % (p['name'], v))
        url = base + concrete + ('?' + '&'.join(qs) if qs else '')
        print(method.upper(), url, u)
EOF
n=$(wc -l < "$dir/targets")
echo "sqlmap: $n parameterised routes on $dbms"
found=0
i=0
while read -r method url u; do
	i=$((i + 1))
	data=""
	[ "$method" = GET ] || data="{}"
	out=$(sqlmap -u "$url" --method "$method" ${data:+--data "$data"} \
		-H "Authorization: Bearer $(cat "$dir/token.$u")" -H "Content-Type: application/json" \
		--batch --dbms "$dbms" --level "${SQLMAP_LEVEL:-1}" --risk "${SQLMAP_RISK:-1}" \
		--technique "${SQLMAP_TECHNIQUE:-BEUS}" --output-dir "$dir/out" --flush-session \
		--disable-coloring --answers "custom injection marker=Y" 2>&1 || true)
	[ -z "${SQLMAP_VERBOSE:-}" ] || printf "%s\n" "$out"
	if printf '%s\n' "$out" | grep -q -i "is vulnerable\|sqlmap identified the following injection point"; then
		found=$((found + 1))
		echo "INJECTABLE: $method $url"
		printf '%s\n' "$out" | grep -i -A8 "injection point" | head -20
	else
		echo "[$i/$n] $method $url: nothing found"
	fi
done < "$dir/targets"
kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
echo "sqlmap: $n routes tested on $dbms, $found injection points found"
[ "$found" -eq 0 ]
