#!/usr/bin/env bash
# The README's test command: everything a fresh machine with the .NET SDK and Node.js needs, then
# every test. Installs cognito-local from the lockfile, restores, builds the module and runs xunit.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== npm ci (cognito-local, pinned by testing/package-lock.json)"
npm ci --prefix testing --no-audit --no-fund --loglevel=error

echo "== dotnet restore"
dotnet restore CognitoClerk.PowerShell.sln

echo "== dotnet build (lays out out/CognitoClerk)"
dotnet build CognitoClerk.PowerShell.sln -c Release --no-restore -nologo -clp:ErrorsOnly

echo "== dotnet test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# -m:1: one test assembly at a time, so pacing tests are not starved by another assembly's load.
dotnet test CognitoClerk.PowerShell.sln -c Release --no-build -nologo -m:1 \
  --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies, in the plain form any CI reader understands.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) + 0 }
         if ($i == "Passed:")  { p += $(i+1) + 0 }
         if ($i == "Skipped:") { s += $(i+1) + 0 }
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
