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

        $payloads = @($digests | Where-Object Migratable)
        $payloads.Count | Should -Be 1
        $payloads[0].password_digest | Should -BeLike '*#dave'
        $skipped.Count | Should -Be 1
        $skipped[0].FullyQualifiedErrorId | Should -BeLike 'CognitoUserForceChangePassword,*'

        # And a marker for the next command, so New-ClerkMigratedUser can report carol as Skipped.
        $marker = @($digests | Where-Object { -not $_.Migratable })
        $marker.Count | Should -Be 1
        $marker[0].SourceUser.Username | Should -Be 'carol'
        $marker[0].ErrorId | Should -Be 'CognitoUserForceChangePassword'
        $marker[0].Reason | Should -Be $skipped[0].Exception.Message
        $marker[0].password_digest | Should -BeNullOrEmpty
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

Describe 'Every documented pipeline shape reports every user, against the local services' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
        $Service = Start-SandboxService -Users 20
        $SavedEnvironment = Set-TestEnvironment $Service.Environment
        $Kept = [scriptblock]::Create($Service.WhereObjectFilter)
        $Migratable = @($Service.Users | Where-Object expectation -eq 'Migrated')
        $Refused = @($Service.Users | Where-Object expectation -eq 'Skipped')
        $RefusedUnfiltered = @($Service.Users | Where-Object expectedErrorId)
        $ClerkCount = @{ Uri = "$($env:CLERK_API_URL)/v1/users/count"; Headers = @{ Authorization = "Bearer $($env:CLERK_SECRET_KEY)" } }

        function Assert-EveryUserReported {
            # Each refused user once as a Skipped result with the ErrorId the pool expects, and once as an error.
            param($Results, $Errors, $Expected)
            $skipped = @($Results | Where-Object Status -eq 'Skipped')
            @($skipped | ForEach-Object { "$($_.CognitoUsername) $($_.ErrorCode)" } | Sort-Object) |
                Should -Be @($Expected | ForEach-Object { "$($_.username) $($_.expectedErrorId)" } | Sort-Object)
            $skipped | ForEach-Object { $_.Reason | Should -Not -BeNullOrEmpty }
            @($Errors | ForEach-Object { "$($_.CategoryInfo.TargetName) $(($_.FullyQualifiedErrorId -split ',')[0])" } | Sort-Object) |
                Should -Be @($Expected | ForEach-Object { "$($_.username) $($_.expectedErrorId)" } | Sort-Object) -Because 'each refusal is reported once, not once per cmdlet'
        }
    }

    AfterAll {
        Restore-TestEnvironment $SavedEnvironment
        Stop-SandboxService $Service
    }

    It 'Get-CognitoMigrationUser | New-ClerkMigratedUser -WhatIf' {
        $results = @(Get-CognitoMigrationUser | New-ClerkMigratedUser -WhatIf -ErrorVariable errors -ErrorAction SilentlyContinue 6>$null)
        Assert-EveryUserReported $results $errors $RefusedUnfiltered
    }

    It 'the README line with -WhatIf: ... | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser -WhatIf' {
        $results = @(Get-CognitoMigrationUser | Where-Object $Kept |
                ConvertTo-ClerkCognitoDigest -ErrorVariable convertErrors -ErrorAction SilentlyContinue |
                New-ClerkMigratedUser -WhatIf -ErrorVariable newErrors -ErrorAction SilentlyContinue)
        Assert-EveryUserReported $results (@($convertErrors) + @($newErrors)) $Refused
        $newErrors | Should -BeNullOrEmpty -Because 'ConvertTo-ClerkCognitoDigest reported them; New-ClerkMigratedUser only turns its markers into Skipped results'
        (Invoke-RestMethod @ClerkCount).total_count | Should -Be 0
    }

    It 'digests saved with Export-Clixml and with ConvertTo-Json, read back into New-ClerkMigratedUser -WhatIf' {
        $digests = @(Get-CognitoMigrationUser | Where-Object $Kept | ConvertTo-ClerkCognitoDigest -ErrorAction SilentlyContinue)
        $xml = Join-Path $TestDrive 'digests.xml'
        $digests | Export-Clixml -LiteralPath $xml
        $fromXml = @(Import-Clixml -LiteralPath $xml | New-ClerkMigratedUser -WhatIf -ErrorVariable xmlErrors -ErrorAction SilentlyContinue)
        @($fromXml | Where-Object Status -eq 'Skipped').Count | Should -Be $Refused.Count
        $xmlErrors | Should -BeNullOrEmpty -Because 'the users were reported when the digests were made'

        $json = $digests | ConvertTo-Json -Depth 6
        $fromJson = @($json | ConvertFrom-Json | New-ClerkMigratedUser -WhatIf -ErrorVariable jsonErrors -ErrorAction SilentlyContinue)
        @($fromJson | ForEach-Object { "$($_.CognitoUsername) $($_.ErrorCode)" } | Sort-Object) |
            Should -Be @($Refused | ForEach-Object { "$($_.username) $($_.expectedErrorId)" } | Sort-Object)
        $jsonErrors | Should -BeNullOrEmpty
    }

    It 'the README line with a journal, run twice: Created once, then AlreadyMigrated from the journal, so Group-Object Status sums honestly' {
        $journal = Join-Path $TestDrive 'migration.jsonl'
        $first = @(Get-CognitoMigrationUser | Where-Object $Kept | ConvertTo-ClerkCognitoDigest -ErrorVariable +firstErrors -ErrorAction SilentlyContinue |
                New-ClerkMigratedUser -JournalPath $journal -ErrorVariable +firstErrors -ErrorAction SilentlyContinue)
        $second = @(Get-CognitoMigrationUser | Where-Object $Kept | ConvertTo-ClerkCognitoDigest -ErrorVariable +secondErrors -ErrorAction SilentlyContinue |
                New-ClerkMigratedUser -JournalPath $journal -ErrorVariable +secondErrors -ErrorAction SilentlyContinue)

        Assert-EveryUserReported $first $firstErrors $Refused
        Assert-EveryUserReported $second $secondErrors $Refused
        @($first | Where-Object Status -eq 'Created').Count | Should -Be $Migratable.Count
        $again = @($second | Where-Object Status -ne 'Skipped')
        $again.Count | Should -Be $Migratable.Count
        $again | ForEach-Object { $_.Status | Should -Be 'AlreadyMigrated'; $_.FromJournal | Should -BeTrue; $_.ClerkUserId | Should -Match '^user_' }

        $counts = @{}
        $first + $second | Group-Object Status | ForEach-Object { $counts[$_.Name] = $_.Count }
        $counts['Created'] | Should -Be $Migratable.Count -Because 'each user was created once'
        $counts['AlreadyMigrated'] | Should -Be $Migratable.Count
        $counts['Skipped'] | Should -Be (2 * $Refused.Count)
        (Invoke-RestMethod @ClerkCount).total_count | Should -Be $Migratable.Count
    }

    It 'the results of a run read back from Export-Csv say what happened to each user' {
        $csv = Join-Path $TestDrive 'results.csv'
        $results = @(Get-CognitoMigrationUser | Where-Object $Kept | ConvertTo-ClerkCognitoDigest -ErrorAction SilentlyContinue | New-ClerkMigratedUser -ErrorAction SilentlyContinue)
        $results | Export-Csv -LiteralPath $csv
        $read = @(Import-Csv -LiteralPath $csv)
        $read.Count | Should -Be ($Migratable.Count + $Refused.Count)
        foreach ($row in $read) {
            $live = $results | Where-Object CognitoUsername -eq $row.CognitoUsername
            $row.Status | Should -Be $live.Status
            $row.Reason | Should -Be "$($live.Reason)"
            $row.ErrorCode | Should -Be "$($live.ErrorCode)"
        }
        @($read | Where-Object Status -eq 'Skipped').Count | Should -Be $Refused.Count
    }
}

Describe 'Progress in a real pwsh' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
        $Service = Start-SandboxService -Users 20
        $SavedEnvironment = Set-TestEnvironment $Service.Environment
        $Manifest = (Get-Module CognitoClerk).Path -replace 'CognitoClerk\.dll$', 'CognitoClerk.psd1'
    }

    AfterAll {
        Restore-TestEnvironment $SavedEnvironment
        Stop-SandboxService $Service
    }

    It 'completes every bar it starts, in the README line' {
        $run = Invoke-InRunspace -ModuleManifest $Manifest -Script 'Get-CognitoMigrationUser | ConvertTo-ClerkCognitoDigest -ErrorAction SilentlyContinue | New-ClerkMigratedUser -WhatIf -ErrorAction SilentlyContinue'
        $run.Progress | Should -Not -BeNullOrEmpty -Because 'both long-running cmdlets show a bar'
        @($run.Progress | Select-Object -ExpandProperty Activity -Unique) | Should -Contain 'Get-CognitoMigrationUser'
        Get-ProblemWithProgress $run.Progress | Should -BeNullOrEmpty
    }

    It 'takes the read''s bar down when Select-Object -First stops the read, before the migration ends' {
        $run = Invoke-InRunspace -ModuleManifest $Manifest -Script 'Get-CognitoMigrationUser | Select-Object -First 3 | New-ClerkMigratedUser -WhatIf -ErrorAction SilentlyContinue'
        Get-ProblemWithProgress $run.Progress | Should -BeNullOrEmpty
        $records = @($run.Progress)
        $readDone = [array]::FindIndex($records, [Predicate[object]] { param($r) $r.Activity -eq 'Get-CognitoMigrationUser' -and $r.RecordType -eq 'Completed' })
        $migrationDone = [array]::FindLastIndex($records, [Predicate[object]] { param($r) $r.Activity -ne 'Get-CognitoMigrationUser' -and $r.RecordType -eq 'Completed' })
        $readDone | Should -BeGreaterOrEqual 0 -Because 'the read was stopped after 3 users and must say so'
        $readDone | Should -BeLessThan $migrationDone -Because 'the read''s bar must not stay up while the migration runs'
    }
}

Describe 'What an admin meets on the edges' {
    It 'refuses -SecretKey given as text with what to do instead, never echoing it' {
        $key = 'sk_' + 'test_NotARealKeyJustText'
        $caught = $null
        try { New-ClerkMigratedUser -SecretKey $key -InputObject 'x' -WhatIf } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $caught.Exception.Message | Should -Match ([regex]::Escape('$env:CLERK_SECRET_KEY'))
        $caught.Exception.Message | Should -Match 'Read-Host -AsSecureString'
        ($caught | Out-String) | Should -Not -Match ([regex]::Escape($key))
    }

    It 'gives every SecureString parameter of the module the same guard against text' {
        $secure = @(Get-Command -Module CognitoClerk | ForEach-Object {
            $command = $_
            $command.Parameters.Values | Where-Object { $_.ParameterType -eq [securestring] } | ForEach-Object { [pscustomobject]@{ Command = $command.Name; Parameter = $_ } }
        })
        $secure.Count | Should -BeGreaterOrEqual 7 -Because 'every cmdlet that talks to Clerk takes -SecretKey, and Test-ClerkMigratedUser -Password'
        foreach ($p in $secure) {
            @($p.Parameter.Attributes | Where-Object { $_.GetType().Name -eq 'SecureStringArgumentAttribute' }).Count |
                Should -Be 1 -Because "$($p.Command) -$($p.Parameter.Name) must say what to pass instead of text"
        }
    }

    It 'refuses -SecretKey given as text to Remove-ClerkMigratedUser too, never echoing it' {
        $key = 'sk_' + 'test_NotARealKeyJustText'
        $caught = $null
        try { Remove-ClerkMigratedUser -SecretKey $key -JournalPath (Join-Path $TestDrive 'none.jsonl') -WhatIf } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $caught.Exception.Message | Should -Match 'Read-Host -AsSecureString'
        ($caught | Out-String) | Should -Not -Match ([regex]::Escape($key))
    }

    It 'says plainly that an empty input sent nothing, with -Verbose' {
        $verbose = @(@() | New-ClerkMigratedUser -Verbose 4>&1)
        ($verbose -join "`n") | Should -Match 'No users on the input: nothing was sent to Clerk'
        ($verbose -join "`n") | Should -Not -Match 'Starting'
    }
}
