#!/usr/bin/env bash
# The README's main job: a local rehearsal of a whole migration. Needs only the .NET SDK and Node.js:
# restores the pinned pwsh (.config/dotnet-tools.json), installs cognito-local from the lockfile, builds the
# module and the sandbox, then runs the sandbox, which starts cognito-local and the Clerk emulator on
# 127.0.0.1, seeds sample users, and runs the README's commands in a real pwsh that imports
# out/CognitoClerk/CognitoClerk.psd1 and prints on this console. Arguments go to the sandbox (--users N,
# --production, --show-all, --shell, --serve, --help). Exit code: 0 when everything happened as expected.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm ci wipes and reinstalls node_modules; skip it when the installed tree already matches the lockfile
# (npm writes node_modules/.package-lock.json after a successful install).
if [ ! -f testing/node_modules/.package-lock.json ] || [ testing/package-lock.json -nt testing/node_modules/.package-lock.json ]; then
  echo "== npm ci (cognito-local, pinned by testing/package-lock.json)"
  npm ci --prefix testing --no-audit --no-fund --loglevel=error
fi

echo "== dotnet tool restore (pwsh, pinned by .config/dotnet-tools.json)"
dotnet tool restore >/dev/null

echo "== dotnet build (the module into out/CognitoClerk, and the sandbox)"
dotnet build sandbox/CognitoClerk.Sandbox/CognitoClerk.Sandbox.csproj -c Release -nologo -clp:ErrorsOnly -v:quiet

echo "== sandbox"
exec dotnet sandbox/CognitoClerk.Sandbox/bin/Release/net10.0/CognitoClerk.Sandbox.dll "$@"
