#Requires -Version 7.2
<#
.SYNOPSIS
Regenerates aws-cli-list-users.json: the real AWS CLI v2's `list-users` output for the sample pool, made
against cognito-local, for the Pester suites that read AWS CLI output with ConvertFrom-Json.

.DESCRIPTION
Starts the sandbox's services (`CognitoClerk.Sandbox --serve`: cognito-local with the sample pool of -Users
users, whose layout is the same on every run), points the AWS CLI at cognito-local with placeholder keys, and
writes what this command prints, as the README's example 6 runs it:

    aws cognito-idp list-users --user-pool-id <pool> --output json

into aws-cli-list-users.json; and the pool and client IDs, the CLI's version, the command and what the sample
pool says must happen to each user into aws-cli-list-users.meta.json.
Needs the AWS CLI v2 (Debian: apt-get install awscli) and a built repository (dotnet build, npm ci --prefix testing).

.EXAMPLE
dotnet pwsh -NoProfile -File tests/Pester/Fixtures/Update-AwsCliFixture.ps1
#>
[CmdletBinding()]
param(
    # The AWS CLI v2 to run; default: the first `aws` on the PATH that says aws-cli/2.
    [string] $AwsCli,
    [int] $Users = 20
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../TestSupport.psm1') -Force

if (-not $AwsCli) {
    $AwsCli = Get-Command aws -CommandType Application -All -ErrorAction SilentlyContinue |
        Where-Object { (& $_.Source --version 2>&1 | Out-String) -match '^aws-cli/2\.' } |
        Select-Object -First 1 -ExpandProperty Source
    if (-not $AwsCli) { throw 'No AWS CLI v2 on the PATH (Debian: apt-get install awscli). Pass -AwsCli.' }
}

$version = (& $AwsCli --version 2>&1 | Out-String).Trim()
$service = Start-SandboxService -Users $Users
$saved = Set-TestEnvironment $service.Environment
try {
    # cognito-local checks no signature; the CLI signs with the placeholder keys the services hand out.
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_PAGER = ''
    $pool = $env:COGNITO_USER_POOL_ID
    $arguments = @('cognito-idp', 'list-users', '--user-pool-id', $pool, '--output', 'json', '--endpoint-url', $env:AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)
    $json = & $AwsCli @arguments
    if ($LASTEXITCODE -ne 0) { throw "$AwsCli exited with $LASTEXITCODE." }

    $fixture = Join-Path $PSScriptRoot 'aws-cli-list-users.json'
    Set-Content -LiteralPath $fixture -Value ($json -join "`n") -Encoding utf8NoBOM
    # What the sample pool says must happen to each user converted without a filter (null: migrated), stated
    # by the pool itself, not read from the module: the test holds the module to it.
    $expected = [ordered]@{}
    foreach ($user in $service.Users | Sort-Object username) { $expected[$user.username] = $user.expectedErrorId }
    [ordered]@{
        awsCliVersion   = $version
        userPoolId      = $pool
        clientId        = $env:COGNITO_CLIENT_ID
        users           = $Users
        command         = "aws cognito-idp list-users --user-pool-id $pool --output json --endpoint-url <cognito-local>"
        expectedErrorId = $expected
    } | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $PSScriptRoot 'aws-cli-list-users.meta.json') -Encoding utf8NoBOM
    Write-Host "Wrote $fixture ($(@(($json -join "`n") | ConvertFrom-Json).Users.Count) users) with $version."
}
finally {
    Restore-TestEnvironment $saved
    Stop-SandboxService $service
}
