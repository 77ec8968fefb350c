#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The module installed as admins install it, not imported from the build folder: `./build.ps1 -Task Package`,
    Publish-PSResource to a file repository, Install-PSResource into a clean user profile (a HOME of its own, so
    nothing of this machine's modules or repositories is used or touched), then a fresh pwsh imports CognitoClerk
    by name, and its cmdlets, views and help work. PSResourceGet ships with pwsh 7.4 and later.
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Root = Get-RepositoryRoot
    $Version = (Import-PowerShellDataFile -LiteralPath (Join-Path $Root 'CognitoClerk.psd1')).ModuleVersion
    $Package = Join-Path $Root "out/package/CognitoClerk/$Version"
    $AdminHome = Join-Path $TestDrive 'home'
    $Repository = Join-Path $TestDrive 'repository'
    New-Item -ItemType Directory -Path $AdminHome, $Repository -Force | Out-Null

    # A clean profile: the admin's HOME (where pwsh keeps user modules and PSResourceGet its repositories), and no
    # module path, XDG folder or Windows profile folder inherited from this test run.
    $Clean = [ordered]@{
        HOME = $AdminHome; USERPROFILE = $AdminHome; PSModulePath = $null
        XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null
        LOCALAPPDATA = $(if ($IsWindows) { Join-Path $AdminHome 'AppData/Local' }); APPDATA = $(if ($IsWindows) { Join-Path $AdminHome 'AppData/Roaming' })
        COGNITOCLERK_MODULE = $null
    }

    # 1. Package, as the README says: `pwsh ./build.ps1 -Task Package` (a dotnet build, then the Install-Module layout).
    $Packaged = Invoke-Pwsh -WorkingDirectory $Root -Script "& '$((Join-Path $Root 'build.ps1') -replace "'", "''")' -Task Package"

    # 2. Publish to a file repository and install from it, in the clean profile.
    $Installed = Invoke-Pwsh -WorkingDirectory $TestDrive -Environment $Clean -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CognitoClerkLocal -Uri '$($Repository -replace "'", "''")' -Trusted
Publish-PSResource -Path '$($Package -replace "'", "''")' -Repository CognitoClerkLocal
Install-PSResource -Name CognitoClerk -Version '$Version' -Repository CognitoClerkLocal -Scope CurrentUser -TrustRepository
`$installed = Get-InstalledPSResource -Name CognitoClerk
'INSTALLED ' + `$installed.Version + ' ' + `$installed.InstalledLocation
"@

    # 3. A fresh pwsh in the same profile, as the admin's next session: import by name, use it.
    $Used = Invoke-Pwsh -WorkingDirectory $TestDrive -Environment $Clean -Script @'
$ErrorActionPreference = 'Stop'
Import-Module CognitoClerk
$module = Get-Module CognitoClerk
'MODULEBASE ' + $module.ModuleBase
'VERSION ' + $module.Version
'COMMANDS ' + (((Get-Command -Module CognitoClerk).Name | Sort-Object) -join ',')
'SYNOPSIS ' + (Get-Help New-ClerkMigratedUser).Synopsis
'ABOUT ' + ((Get-Help about_CognitoClerk | Out-String) -match 'COGNITO_USER_POOL_ID')
$user = @{ Username = 'alice'; UserStatus = 'CONFIRMED'; Enabled = $true; UserPoolId = 'eu-west-1_AbCdEf123'; Attributes = @(@{ Name = 'sub'; Value = 's-1' }, @{ Name = 'email'; Value = 'alice@example.com' }) }
'DIGEST ' + ($user | ConvertTo-ClerkCognitoDigest -ClientId 1example23456789abcdefghij).password_digest
$user | ConvertTo-ClerkCognitoDigest -ClientId 1example23456789abcdefghij | Out-String -Width 80
'@
}

Describe 'CognitoClerk installed with PSResourceGet' {
    It 'is packaged by ./build.ps1 -Task Package' {
        $Packaged.ExitCode | Should -Be 0 -Because ($Packaged.Output -join "`n")
        Join-Path $Package 'CognitoClerk.psd1' | Should -Exist
        Join-Path $Package 'en-US/CognitoClerk.dll-Help.xml' | Should -Exist
        Get-ChildItem -LiteralPath $Package -Filter *.pdb -Recurse | Should -BeNullOrEmpty
    }

    It 'is published to a file repository and installed into the clean profile' {
        $Installed.ExitCode | Should -Be 0 -Because ($Installed.Output -join "`n")
        Get-ChildItem -LiteralPath $Repository -Filter "CognitoClerk.$Version.nupkg" | Should -Not -BeNullOrEmpty
        $line = $Installed.Output | Where-Object { $_ -like 'INSTALLED *' }
        $line | Should -Match ([regex]::Escape("INSTALLED $Version $AdminHome"))
    }

    It 'imports by name in a fresh pwsh, from the installed copy' {
        $Used.ExitCode | Should -Be 0 -Because ($Used.Output -join "`n")
        ($Used.Output | Where-Object { $_ -like 'MODULEBASE *' }) | Should -BeLike "MODULEBASE $AdminHome*"
        ($Used.Output | Where-Object { $_ -like 'VERSION *' }) | Should -Be "VERSION $Version"
        $listed = (Import-PowerShellDataFile -LiteralPath (Join-Path $Root 'CognitoClerk.psd1')).CmdletsToExport | Sort-Object
        ($Used.Output | Where-Object { $_ -like 'COMMANDS *' }) | Should -Be ('COMMANDS ' + ($listed -join ','))
    }

    It 'answers Get-Help from the installed help, about topic included' {
        ($Used.Output | Where-Object { $_ -like 'SYNOPSIS *' }) | Should -Match 'Creates a Clerk user'
        ($Used.Output | Where-Object { $_ -like 'ABOUT *' }) | Should -Be 'ABOUT True'
    }

    It 'runs a cmdlet and shows its result through the installed views' {
        ($Used.Output | Where-Object { $_ -like 'DIGEST *' }) | Should -Be 'DIGEST awscognito#eu-west-1_AbCdEf123#1example23456789abcdefghij#alice'
        $Used.Output | Should -Contain ($Used.Output | Where-Object { $_ -match '^Identifier\s+email_address\s+Migratable$' })
        $Used.Output -join "`n" | Should -Match '(?m)^alice\s+alice@example\.com\s+True\s*$'
    }
}
