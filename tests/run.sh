#!/usr/bin/env bash
# The README's test command: everything a fresh machine with the .NET SDK and Node.js needs, then every
# test. Restores the pinned pwsh (.config/dotnet-tools.json) and Pester (dotnet restore), installs
# cognito-local from the lockfile, builds the module, runs xunit, then the Pester suites in real pwsh.
# Arguments go to `dotnet test` (e.g. --filter). Exit code non-zero when any test failed.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== dotnet tool restore (pwsh, pinned by .config/dotnet-tools.json)"
dotnet tool restore

echo "== npm ci (cognito-local, pinned by testing/package-lock.json)"
npm ci --prefix testing --no-audit --no-fund --loglevel=error

echo "== dotnet restore (packages, and Pester for the Pester suites)"
dotnet restore CognitoClerk.PowerShell.sln

echo "== dotnet build (lays out out/CognitoClerk)"
dotnet build CognitoClerk.PowerShell.sln -c Release --no-restore -nologo -clp:ErrorsOnly

log=$(mktemp)
pester_counts=$(mktemp)
trap 'rm -f "$log" "$pester_counts"' EXIT
status=0

echo "== dotnet test (xunit)"
# -m:1: one test assembly at a time, so pacing tests are not starved by another assembly's load.
dotnet test CognitoClerk.PowerShell.sln -c Release --no-build -nologo -m:1 \
  --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?

echo "== Pester (tests/Pester/*.Tests.ps1 in pwsh $(dotnet pwsh -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()'))"
# A child pwsh: the module under test is the one just built. Exit code 1 on any failed test, block or file.
dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuite.ps1 -CountsFile "$pester_counts" || status=1

# One closing line over xunit and Pester, in the plain form any CI reader understands. A Pester run that
# wrote no counts (pwsh did not start) is a failure, never silence.
awk -v pester="$(cat "$pester_counts" 2>/dev/null)" '
     /(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) + 0 }
         if ($i == "Passed:")  { p += $(i+1) + 0 }
         if ($i == "Skipped:") { s += $(i+1) + 0 }
       }
     }
     END {
       if (split(pester, c, " ") == 3) { p += c[1]; f += c[2]; s += c[3] } else { f += 1 }
       printf "%d passed, %d failed, %d skipped\n", p, f, s
     }' "$log"
exit "$status"
