#Requires -Version 5.1
<#
.SYNOPSIS
Builds, tests, documents and packages the CognitoClerk module.

.DESCRIPTION
A wrapper for people with PowerShell; CI and machines without pwsh use `dotnet build` and `bash tests/run.sh`
directly, which do the same work. Tasks always run in the order Build, Test, Docs, Package, whatever order
they are given in, and each pulls in what it needs (Test and Package build first).

- Build:   dotnet build of the solution; lays out out/CognitoClerk/ (psd1, dll, views, en-US help, Dependencies/).
- Test:    what tests/run.sh does: the xunit suite (hosts the real PowerShell engine; needs Node.js for
           cognito-local), then the Pester suites (tests/Pester/*.Tests.ps1) with the Pester pinned in
           tests/Pester/CognitoClerk.PesterTools.csproj, in a child pwsh so the module under test is the one just
           built. Works with pwsh as a .NET tool (`dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test`).
- Docs:    the in-repo help generator (docs/*.md to MAML and about_*.help.txt), and, where platyPS 0.14 is
           installed, platyPS's New-ExternalHelp into out/help/ as the reference rendering (compared with ours).
           -UpdateMarkdown refreshes docs/<Cmdlet>.md from the built cmdlets with platyPS first.
- Package: lays out out/package/CognitoClerk/<version>/ exactly as Install-Module installs it (platyPS's help
           when Docs produced it), checks it with Test-ModuleManifest, and zips it.

.PARAMETER Task
One or more of Build, Test, Docs, Package. Default: Build.

.PARAMETER Configuration
The dotnet build configuration. Default: Release.

.PARAMETER UpdateMarkdown
With -Task Docs and platyPS installed: update docs/<Cmdlet>.md from the built cmdlets' metadata (new
parameters, changed types), and create a doc for any cmdlet that has none, before generating the help.

.EXAMPLE
./build.ps1

Builds the module into out/CognitoClerk.

.EXAMPLE
./build.ps1 -Task Test

Builds, then runs the xunit suite and the Pester suites.

.EXAMPLE
./build.ps1 -Task Docs, Package

Regenerates the help and lays out out/package/CognitoClerk/<version>/ for Publish-Module or Publish-PSResource.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $UpdateMarkdown
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'CognitoClerk.PowerShell.sln'
$ModuleFolder = Join-Path $RepoRoot 'out/CognitoClerk'
$ModuleManifest = Join-Path $ModuleFolder 'CognitoClerk.psd1'
$DocsFolder = Join-Path $RepoRoot 'docs'
$PlatyPSHelpFolder = Join-Path $RepoRoot 'out/help/en-US'
$PackageRoot = Join-Path $RepoRoot 'out/package'

function Invoke-Native {
    # Native commands do not throw on failure; a build script that carries on after a failed step lies.
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments = @())
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor Cyan
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-PowerShellExecutable {
    # The pwsh for child processes. Not the current process's file: when pwsh is a .NET tool (`dotnet pwsh`,
    # as tests/run.sh runs it) that file is `dotnet`, and `dotnet -NoProfile` is no PowerShell. $PSHOME is
    # where the running PowerShell lives, tool or not. The Pester suites need PowerShell 7.2+, so Windows
    # PowerShell 5.1 hands them to a pwsh on the PATH.
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
        return (Join-Path $PSHOME $name)
    }

    $pwsh = Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $pwsh) {
        throw 'This task needs PowerShell 7.2 or later: run `dotnet tool restore` and then `dotnet pwsh ./build.ps1 ...`.'
    }

    $pwsh.Source
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile -Path (Join-Path $RepoRoot 'CognitoClerk.psd1')).ModuleVersion
}

function Get-CommandDocs {
    # Cmdlet docs are the ones whose front matter names an external help file; the module page and other
    # notes in docs/ are not help, and New-ExternalHelp would reject them.
    Get-ChildItem -Path $DocsFolder -Filter '*.md' |
        Where-Object { (Get-Content -LiteralPath $_.FullName -TotalCount 10) -match '^external help file:' }
}

function Invoke-BuildTask {
    Invoke-Native dotnet @('build', $Solution, '-c', $Configuration, '-nologo')
}

function Invoke-TestTask {
    # What tests/run.sh does, in the same order: the pinned pwsh (for the sandbox), cognito-local, xunit, Pester.
    Invoke-Native dotnet @('tool', 'restore')
    if (Get-Command npm -ErrorAction SilentlyContinue) {
        Invoke-Native npm @('ci', '--prefix', (Join-Path $RepoRoot 'testing'), '--no-audit', '--no-fund', '--loglevel=error')
    }
    else {
        Write-Warning 'npm was not found: the tests that start cognito-local will fail. Install Node.js 20 or later.'
    }

    Invoke-Native dotnet @('test', $Solution, '-c', $Configuration, '--no-build', '-nologo', '-m:1', '--logger', 'console;verbosity=minimal')

    # Pester 5 pinned by tests/Pester/CognitoClerk.PesterTools.csproj (restored with the solution), in a child
    # process: a binary module cannot be unloaded, so this session may hold an older build of it.
    Invoke-Native (Get-PowerShellExecutable) @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'tests/Pester/Invoke-PesterSuite.ps1'), '-ModuleManifest', $ModuleManifest)
}

function Invoke-DocsTask {
    $platyPS = Get-Module -Name platyPS -ListAvailable | Where-Object { $_.Version -ge [version]'0.14.0' -and $_.Version -lt [version]'1.0.0' } |
        Sort-Object Version -Descending | Select-Object -First 1

    if ($UpdateMarkdown) {
        if (-not $platyPS) {
            throw '-UpdateMarkdown needs platyPS 0.14 (Install-Module platyPS -RequiredVersion 0.14.2 -Scope CurrentUser).'
        }

        # In a child process that imports the freshly built module, so platyPS reads the real cmdlets.
        Invoke-BuildTask
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module platyPS -RequiredVersion $($platyPS.Version)
Import-Module '$($ModuleManifest -replace "'", "''")'
`$docs = '$($DocsFolder -replace "'", "''")'
foreach (`$command in (Get-Module CognitoClerk).ExportedCmdlets.Keys) {
    `$path = Join-Path `$docs "`$command.md"
    if (Test-Path -LiteralPath `$path) { Update-MarkdownHelp -Path `$path -AlphabeticParamsOrder:`$false | Out-Null }
    else { New-MarkdownHelp -Command `$command -OutputFolder `$docs | Out-Null; Write-Host "New doc: `$path (fill in every {{ ... }})" }
}
"@
        Invoke-Native (Get-PowerShellExecutable) @('-NoProfile', '-NonInteractive', '-Command', $script)
    }

    # The shipped help: the in-repo generator, run by building its project (it is incremental).
    Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'tools/CognitoClerk.HelpGen/CognitoClerk.HelpGen.csproj'), '-c', $Configuration, '-nologo')

    if (-not $platyPS) {
        Write-Host 'platyPS 0.14 is not installed: the in-repo generator produced out/CognitoClerk/en-US alone.'
        return
    }

    Import-Module $platyPS.Path -Force
    New-Item -ItemType Directory -Path $PlatyPSHelpFolder -Force | Out-Null
    $sources = @(Get-CommandDocs) + @(Get-ChildItem -Path $DocsFolder -Filter 'about_*.md')
    New-ExternalHelp -Path $sources.FullName -OutputPath $PlatyPSHelpFolder -Force | Out-Null

    # Cross-check the in-repo generator against the reference renderer: same commands, same parameters.
    $ours = [xml](Get-Content -LiteralPath (Join-Path $ModuleFolder 'en-US/CognitoClerk.dll-Help.xml') -Raw)
    $theirs = [xml](Get-Content -LiteralPath (Join-Path $PlatyPSHelpFolder 'CognitoClerk.dll-Help.xml') -Raw)
    $summarize = {
        param([xml] $maml)
        foreach ($command in $maml.helpItems.command) {
            '{0}: {1}' -f $command.details.name, (($command.parameters.parameter | ForEach-Object { $_.name }) -join ',')
        }
    }
    $difference = Compare-Object (& $summarize $ours) (& $summarize $theirs)
    if ($difference) {
        $difference | Format-Table -AutoSize | Out-String | Write-Warning
        Write-Warning 'platyPS and the in-repo generator disagree on the commands or parameters above.'
    }
    else {
        Write-Host "platyPS's rendering is in $PlatyPSHelpFolder and agrees with the in-repo generator; Package ships it."
    }
}

function Invoke-PackageTask {
    $version = Get-ModuleVersion
    $target = Join-Path $PackageRoot "CognitoClerk/$version"
    if (Test-Path -LiteralPath $target) {
        Remove-Item -LiteralPath $target -Recurse -Force
    }

    # Install-Module's layout: <ModulesPath>/CognitoClerk/<version>/CognitoClerk.psd1. Debug symbols stay out.
    New-Item -ItemType Directory -Path $target -Force | Out-Null
    Copy-Item -Path (Join-Path $ModuleFolder '*') -Destination $target -Recurse -Force
    Get-ChildItem -Path $target -Filter '*.pdb' -Recurse | Remove-Item -Force
    if (Test-Path -LiteralPath $PlatyPSHelpFolder) {
        Copy-Item -Path (Join-Path $PlatyPSHelpFolder '*') -Destination (Join-Path $target 'en-US') -Force
    }

    $manifest = Test-ModuleManifest -Path (Join-Path $target 'CognitoClerk.psd1') -ErrorAction Stop
    if ($manifest.Version -ne [version]$version) {
        throw "The packaged manifest says $($manifest.Version), expected $version."
    }

    $zip = Join-Path $PackageRoot "CognitoClerk-$version.zip"
    Compress-Archive -Path (Join-Path $PackageRoot 'CognitoClerk') -DestinationPath $zip -Force
    Write-Host "Packaged $target (and $zip). Publish with: Publish-PSResource -Path '$target' -Repository PSGallery -ApiKey <key>"
}

$ordered = @('Build', 'Test', 'Docs', 'Package') | Where-Object { $Task -contains $_ }
$built = $false
foreach ($step in $ordered) {
    Write-Host "== $step" -ForegroundColor Green
    if ($step -in @('Build', 'Test', 'Package') -and -not $built) {
        Invoke-BuildTask
        $built = $true
    }

    switch ($step) {
        'Test' { Invoke-TestTask }
        'Docs' { Invoke-DocsTask }
        'Package' { Invoke-PackageTask }
    }
}
