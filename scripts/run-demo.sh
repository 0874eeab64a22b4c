#!/bin/sh
# make run: a demo landlord in demo.db, served on http://127.0.0.1:8080.
set -eu
cd "$(dirname "$0")/.."
./redress demo --db demo.db --force
password="demo-password-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
printf '%s\n' "$password" | ./redress user passwd alice --db demo.db >/dev/null
for u in bilal olu.officer rhian.lead board.mrc admin; do
	printf '%s\n' "$password" | ./redress user passwd "$u" --db demo.db >/dev/null
done
token=$(./redress user token alice --db demo.db)
ref=$(./redress complaint list --db demo.db --status stage1 --json |
	sed -n 's/.*"reference": "\(CMP-[0-9-]*\)".*/\1/p' | head -1)
ref=${ref:-CMP-2026-000001}
cat <<EOT

Staff workspace: http://127.0.0.1:8080/   sign in as alice / $password
  (a complaint handler; also bilal, olu.officer, rhian.lead, board.mrc and
  admin, with the same password)
Resident portal: http://127.0.0.1:8080/complain and http://127.0.0.1:8080/track
API token for alice: $token

Try the API:
  curl -H "Authorization: Bearer $token" http://127.0.0.1:8080/api/v1/complaints?overdue=true
  curl -H "Authorization: Bearer $token" http://127.0.0.1:8080/api/v1/complaints/$ref
  curl http://127.0.0.1:8080/api/v1/openapi.json

Or the command line, on the same database:
  ./redress complaint show $ref --db demo.db
  ./redress workdays add 2026-12-24 5
  ./redress policy check --db demo.db
  ./redress verify --db demo.db

EOT
exec ./redress serve --db demo.db --port "${PORT:-8080}" --bind 127.0.0.1
