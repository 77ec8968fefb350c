#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The migration pipeline in a real pwsh (see CognitoClerk.Module.Tests.ps1 for how to run them). The offline
    part needs nothing; the rehearsal runs against the sandbox's local services (cognito-local and the Clerk
    emulator, started by `CognitoClerk.Sandbox --serve`), only with -WhatIf.
#>

BeforeAll {
    $ManifestPath = if ($env:COGNITOCLERK_MODULE) { $env:COGNITOCLERK_MODULE } else { Join-Path $PSScriptRoot '../out/CognitoClerk/CognitoClerk.psd1' }
    Import-Module $ManifestPath -Force

    $ClientId = '1example23456789abcdefghij'
    $PoolId = 'eu-west-1_AbCdEf123'

    function New-CognitoUser {
        param([string] $Username, [string] $Status = 'CONFIRMED', [bool] $Enabled = $true, [string] $Email)
        $attributes = @(@{ Name = 'sub'; Value = [guid]::NewGuid().ToString() })
        if ($Email) {
            $attributes += @{ Name = 'email'; Value = $Email }
            $attributes += @{ Name = 'email_verified'; Value = 'true' }
        }
        # The shape of `aws cognito-idp list-users` output after ConvertFrom-Json.
        [pscustomobject]@{ Username = $Username; UserStatus = $Status; Enabled = $Enabled; Attributes = $attributes; UserCreateDate = [datetime]'2024-05-01T12:00:00Z' }
    }
}

Describe 'ConvertTo-ClerkCognitoDigest, offline' {
    It 'builds the awscognito digest Clerk will check against Cognito' {
        $digest = New-CognitoUser -Username 'alice' -Email 'alice@example.com' |
            ConvertTo-ClerkCognitoDigest -ClientId $ClientId -UserPoolId $PoolId

        $digest.password_hasher | Should -Be 'awscognito'
        $digest.password_digest | Should -Be "awscognito#$PoolId#$ClientId#alice"
        $digest.email_address | Should -Be @('alice@example.com')
        $digest.email_address_identification_status | Should -Be @('verified')
    }

    It 'uses the email as the identifier when asked' {
        $digest = New-CognitoUser -Username 'bob' -Email 'bob@example.com' |
            ConvertTo-ClerkCognitoDigest -ClientId $ClientId -UserPoolId $PoolId -IdentifierSource Email

        $digest.password_digest | Should -Be "awscognito#$PoolId#$ClientId#bob@example.com"
    }

    It 'reports a user who cannot sign in with a password, with a stable ErrorId, and goes on with the others' {
        $users = @(
            New-CognitoUser -Username 'carol' -Status 'FORCE_CHANGE_PASSWORD'
            New-CognitoUser -Username 'dave'
        )

        $digests = @($users | ConvertTo-ClerkCognitoDigest -ClientId $ClientId -UserPoolId $PoolId -ErrorVariable skipped -ErrorAction SilentlyContinue)

        $digests.Count | Should -Be 1
        $digests[0].password_digest | Should -BeLike '*#dave'
        $skipped.Count | Should -Be 1
        $skipped[0].FullyQualifiedErrorId | Should -BeLike 'CognitoUserForceChangePassword,*'
    }

    It 'stops before the first user when no app client is given' {
        $saved = $env:COGNITO_CLIENT_ID
        try {
            Remove-Item Env:COGNITO_CLIENT_ID -ErrorAction SilentlyContinue
            { New-CognitoUser -Username 'erin' | ConvertTo-ClerkCognitoDigest -UserPoolId $PoolId -ErrorAction Stop } |
                Should -Throw -ErrorId 'ClientIdMissing*'
        }
        finally {
            if ($saved) { $env:COGNITO_CLIENT_ID = $saved }
        }
    }
}

Describe 'A rehearsal against the local services (-WhatIf only)' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
        $Service = Start-SandboxService -Users 20
        $SavedEnvironment = Set-TestEnvironment $Service.Environment
        $Clerk = @{ Uri = "$($env:CLERK_API_URL)/v1/users/count"; Headers = @{ Authorization = "Bearer $($env:CLERK_SECRET_KEY)" } }
    }

    AfterAll {
        Restore-TestEnvironment $SavedEnvironment
        Stop-SandboxService $Service
    }

    It 'reads the pool and converts its users without errors that stop the run' {
        $users = @(Get-CognitoMigrationUser -ErrorAction Stop)
        $users.Count | Should -Be $Service.Users.Count
        $users | ForEach-Object { $_.UserPoolId | Should -Be $env:COGNITO_USER_POOL_ID }
        { $users | ConvertTo-ClerkCognitoDigest -ErrorAction SilentlyContinue | Out-Null } | Should -Not -Throw
    }

    It 'sends nothing to Clerk with -WhatIf' {
        Get-CognitoMigrationUser | New-ClerkMigratedUser -WhatIf -ErrorAction SilentlyContinue | Out-Null
        (Invoke-RestMethod @Clerk).total_count | Should -Be 0
    }
}
