#Requires -Version 7.2
<#
.SYNOPSIS
Runs the Pester suites (tests/Pester/*.Tests.ps1) in this pwsh, with the Pester pinned by
CognitoClerk.PesterTools.csproj, against the built module.

.DESCRIPTION
tests/run.sh and `./build.ps1 -Task Test` run it as a child process (`dotnet pwsh -NoProfile -File ...`), so
the module under test is the one just built: a binary module cannot be unloaded from a session that has it.
`dotnet restore` puts Pester in the NuGet packages folder; this script imports it from there by path, so
nothing needs Install-Module. Exit code 1 when any test, block or file failed.

.PARAMETER ModuleManifest
The module the suites import. Default: out/CognitoClerk/CognitoClerk.psd1 (what `dotnet build` lays out).

.PARAMETER Path
Suite files or folders. Default: every *.Tests.ps1 beside this script.

.PARAMETER FullNameFilter
Only the tests whose full name ("Describe Context It") matches one of these wildcards.

.PARAMETER CountsFile
Where to write "<passed> <failed> <skipped>" for tests/run.sh's closing line.

.EXAMPLE
dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1 -Path tests/Pester/CognitoClerk.Views.Tests.ps1
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../out/CognitoClerk/CognitoClerk.psd1'),
    [string[]] $Path = @($PSScriptRoot),
    [string[]] $FullNameFilter,
    [string] $CountsFile
)

# No Set-StrictMode and no $ErrorActionPreference here: the suites run under PowerShell's defaults, as an admin's
# session does (a non-terminating error stays non-terminating), and say so themselves where they need more.

function Get-PesterManifest {
    $ErrorActionPreference = 'Stop'
    # The version is pinned in one place, the restore project; the packages folder is NuGet's, wherever it is.
    $project = [xml](Get-Content -LiteralPath (Join-Path $PSScriptRoot 'CognitoClerk.PesterTools.csproj') -Raw)
    $version = @($project.Project.PropertyGroup | ForEach-Object { $_.PSObject.Properties['PesterVersion'] } | Where-Object { $_ })[0].Value
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = dotnet nuget locals global-packages --list | Select-Object -First 1
        $packages = ($line -replace '^global-packages:\s*', '').Trim()
    }

    $manifest = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "Pester $version is not in $packages. Run: dotnet restore tests/Pester/CognitoClerk.PesterTools.csproj"
    }

    $manifest
}

# CI logs and `> file` get plain text; a terminal keeps its colours.
if ([Console]::IsOutputRedirected) {
    $PSStyle.OutputRendering = 'PlainText'
}

$pester = Get-PesterManifest
Import-Module $pester -Force -ErrorAction Stop
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest -ErrorAction Stop).ProviderPath
$env:COGNITOCLERK_MODULE = $ModuleManifest
Write-Host "Pester $((Get-Module Pester).Version) on PowerShell $($PSVersionTable.PSVersion) ($PSHOME); module $ModuleManifest"

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = if ($env:COGNITOCLERK_PESTER_VERBOSITY) { $env:COGNITOCLERK_PESTER_VERBOSITY } else { 'Normal' }
if ([Console]::IsOutputRedirected) {
    $configuration.Output.RenderMode = 'Plaintext'
}
if ($FullNameFilter) {
    $configuration.Filter.FullName = $FullNameFilter
}

$result = Invoke-Pester -Configuration $configuration

# A failing BeforeAll or a file that does not even load fails its tests without counting them as failed tests.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$skipped = $result.SkippedCount + $result.NotRunCount
Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $result.PassedCount, $failed, $skipped)
if ($CountsFile) {
    Set-Content -LiteralPath $CountsFile -Value ("{0} {1} {2}" -f $result.PassedCount, $failed, $skipped)
}

exit ([int]($failed -gt 0))
