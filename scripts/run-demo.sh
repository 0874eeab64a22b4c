#!/bin/sh
# make run: a demo landlord in demo.db, and how to use it.
set -eu
cd "$(dirname "$0")/.."
./redress demo --db demo.db --force
ref=$(./redress complaint list --db demo.db --status stage1 --json |
	sed -n 's/.*"reference": "\(CMP-[0-9-]*\)".*/\1/p' | head -1)
cat <<EOT

The demo landlord is in demo.db. Try:

  ./redress complaint list --db demo.db --overdue
  ./redress complaint show ${ref:-CMP-2026-000001} --db demo.db
  ./redress complaint events ${ref:-CMP-2026-000001} --db demo.db
  ./redress workdays add 2026-12-24 5
  ./redress calendar show --year 2026 --db demo.db
  ./redress person reviews --db demo.db
  ./redress policy check --db demo.db
  ./redress verify --db demo.db

Log a complaint and take it through the stages (see README.md):

  ./redress complaint new --db demo.db --channel phone --category repairs \\
      --description "The boiler has failed twice" --name "Ann Lee" --email ann@example.org
EOT
