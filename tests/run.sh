#!/usr/bin/env bash
# The README's test command: everything a fresh machine with the .NET SDK and Node.js needs, then
# every test. Installs cognito-local from the lockfile, restores, builds the module and runs xunit.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== npm ci (cognito-local, pinned by tests/package-lock.json)"
npm ci --prefix tests --no-audit --no-fund --loglevel=error

echo "== dotnet restore"
dotnet restore CognitoClerk.PowerShell.sln

echo "== dotnet build (lays out out/CognitoClerk)"
dotnet build CognitoClerk.PowerShell.sln -c Release --no-restore -nologo -clp:ErrorsOnly

echo "== dotnet test"
dotnet test CognitoClerk.PowerShell.sln -c Release --no-build -nologo \
  --logger "console;verbosity=minimal" "$@"
