#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Acceptance tests of the migration pipeline for people with pwsh and Pester 5 (see CognitoClerk.Module.Tests.ps1
    for how to run them). The offline part needs nothing; the rehearsal against a pool runs only when
    COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID are set, and only with -WhatIf: it never writes to Clerk.
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

Describe 'A rehearsal against the configured pool (-WhatIf only)' -Skip:(-not ($env:COGNITO_USER_POOL_ID -and $env:COGNITO_CLIENT_ID)) {
    It 'reads the pool and converts its users without errors that stop the run' {
        $users = @(Get-CognitoMigrationUser -ErrorAction Stop | Select-Object -First 20)
        $users | ForEach-Object { $_.UserPoolId | Should -Be $env:COGNITO_USER_POOL_ID }
        { $users | ConvertTo-ClerkCognitoDigest -ErrorAction SilentlyContinue | Out-Null } | Should -Not -Throw
    }

    It 'sends nothing to Clerk with -WhatIf' -Skip:(-not $env:CLERK_SECRET_KEY) {
        { Get-CognitoMigrationUser | Select-Object -First 20 | New-ClerkMigratedUser -WhatIf -ErrorAction SilentlyContinue } | Should -Not -Throw
    }
}
