#!/usr/bin/env bash
# The New-ClerkMigratedUser benchmark (issue 3), about 6 minutes; prints markdown tables for docs/performance.md.
#   bash bench/run.sh                      everything
#   bash bench/run.sh throughput --seconds 60 [--row production-default]   (one row: instance-throttle)
#   bash bench/run.sh memory --users 10000,100000
#   bash bench/run.sh journal --users 1,1000000 --records 1000000
#   bash bench/run.sh status --users 100000 [--paced | --production]   (Get-ClerkMigrationStatus -Summary; not part of "all")
#   bash bench/run.sh groups                 (Get-CognitoMigrationUser -IncludeGroups at 100,000 users; --users for other sizes)
#   bash bench/run.sh groups-map             (the membership map alone, in-process, at 100,000 and 1,000,000 users; seconds)
# Not part of CI (.ci/run never calls it): it measures time and memory, which a shared CI box cannot judge.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build CognitoClerk.PowerShell.sln -c Release -nologo -clp:ErrorsOnly
exec dotnet bench/CognitoClerk.Benchmark/bin/Release/net10.0/CognitoClerk.Benchmark.dll "${@:-all}"
