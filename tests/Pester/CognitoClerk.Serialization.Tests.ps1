#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    What the usual PowerShell serializers make of the module's objects, in a real pwsh: ConvertTo-Json,
    Export-Csv/Import-Csv and Export-Clixml/Import-Clixml keep every value readable (a status is "Created", not 0;
    a list is "a@example.com", not System.String[]; metadata is JSON, not System.Collections.Hashtable), for every
    type the module's cmdlets declare, so a new cmdlet's output is held to it too. And ConvertFrom-Json of the real
    AWS CLI v2's list-users output (Fixtures/aws-cli-list-users.json, made against cognito-local by
    Fixtures/Update-AwsCliFixture.ps1) feeds the README's example 6.
#>

BeforeDiscovery {
    $manifest = if ($env:COGNITOCLERK_MODULE) { $env:COGNITOCLERK_MODULE } else { Join-Path $PSScriptRoot '../../out/CognitoClerk/CognitoClerk.psd1' }
    Import-Module $manifest -Force
    $module = Get-Module CognitoClerk
    $outputTypes = foreach ($cmdlet in $module.ExportedCmdlets.Values) {
        foreach ($output in $cmdlet.OutputType) {
            if ($output.Type -and $output.Type.Assembly -eq $module.ImplementingAssembly) { $output.Type.FullName }
        }
    }

    $TypeCases = @($outputTypes) + @('CognitoClerk.CognitoUserAttribute') | Sort-Object -Unique | ForEach-Object { @{ TypeName = $_ } }
}

BeforeAll {
    $manifest = if ($env:COGNITOCLERK_MODULE) { $env:COGNITOCLERK_MODULE } else { Join-Path $PSScriptRoot '../../out/CognitoClerk/CognitoClerk.psd1' }
    Import-Module $manifest -Force
    Import-Module (Join-Path $PSScriptRoot 'ViewSamples.psm1') -Force

    function ConvertTo-Comparable {
        # The same value before and after a serializer, as text: dictionaries (hashtable or PSCustomObject) as sorted
        # key=value, lists joined, everything else as PowerShell prints it.
        param($Value)
        if ($null -eq $Value) { return '' }
        if ($Value -is [System.Collections.IDictionary]) {
            return '{' + (@($Value.Keys | Sort-Object { "$_" } | ForEach-Object { "$_=$(ConvertTo-Comparable $Value[$_])" }) -join ';') + '}'
        }
        if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('o') }
        if ($Value -is [System.Management.Automation.PSCustomObject] -or
            ($Value.GetType().Assembly -eq [CognitoClerk.CognitoMigrationUser].Assembly -and $Value -isnot [System.Collections.IEnumerable])) {
            return '{' + (@($Value.PSObject.Properties | Sort-Object Name | ForEach-Object { "$($_.Name)=$(ConvertTo-Comparable $_.Value)" }) -join ';') + '}'
        }
        if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [string]) { return (@($Value | ForEach-Object { ConvertTo-Comparable $_ }) -join ', ') }
        "$Value"
    }

    function Test-ReadableText {
        # A value's text is readable when it is not a type name: what Export-Csv and "$x" show for a plain array or hashtable.
        param([string] $Text)
        -not ($Text -match '^(System|CognitoClerk)\.[\w.`\[\]]+$' -or $Text -match '^@\{.*=System\.')
    }
}

Describe 'Serializing <TypeName>' -ForEach $TypeCases {
    BeforeAll {
        $Type = [type]$TypeName
        $Samples = @(Get-ViewSample -Type $Type)
        $Properties = @($Type.GetProperties() | Where-Object { $_.GetIndexParameters().Count -eq 0 })
    }

    It 'has no enum-typed property (ConvertTo-Json writes an enum as its number), and each list or object property reads as text' {
        foreach ($property in $Properties) {
            $propertyType = [Nullable]::GetUnderlyingType($property.PropertyType) ?? $property.PropertyType
            $propertyType.IsEnum | Should -BeFalse -Because "$TypeName.$($property.Name) would be a number in JSON"
            $scalar = $propertyType -in [string], [bool], [datetime], [datetimeoffset], [timespan], [decimal] -or $propertyType.IsPrimitive
            if (-not $scalar) {
                $propertyType.GetMethod('ToString', [type[]]@()).DeclaringType | Should -Be $propertyType -Because "$TypeName.$($property.Name) ($($propertyType.Name)) must override ToString, which Export-Csv shows"
            }
        }
    }

    It 'keeps every value readable through ConvertTo-Json and ConvertFrom-Json' {
        $read = @($Samples | ConvertTo-Json -Depth 6 | ConvertFrom-Json)
        $read.Count | Should -Be $Samples.Count
        for ($i = 0; $i -lt $Samples.Count; $i++) {
            foreach ($property in $Properties) {
                $value = $Samples[$i].($property.Name)
                $back = $read[$i].($property.Name)
                if ($back -is [datetime]) {
                    # ConvertFrom-Json turns date-like text into a DateTime; the moment must be the same.
                    $back.ToUniversalTime() | Should -Be ([datetimeoffset]"$value").UtcDateTime -Because "$($property.Name) in JSON"
                }
                elseif ($value -is [string] -or $value -is [bool]) { $back | Should -BeExactly $value -Because "$($property.Name) in JSON" }
                elseif ($value -is [System.Collections.IDictionary] -or ($value -is [System.Collections.IEnumerable] -and $value -isnot [string])) {
                    ConvertTo-Comparable $back | Should -BeExactly (ConvertTo-Comparable $value) -Because "$($property.Name) in JSON"
                }
            }
        }
    }

    It 'writes readable text into every Export-Csv cell, and Import-Csv reads the same text back' {
        $path = Join-Path $TestDrive "$TypeName.csv"
        $Samples | Export-Csv -LiteralPath $path
        $rows = @(Import-Csv -LiteralPath $path)
        $rows.Count | Should -Be $Samples.Count
        for ($i = 0; $i -lt $Samples.Count; $i++) {
            foreach ($property in $Properties) {
                $cell = $rows[$i].($property.Name)
                Test-ReadableText $cell | Should -BeTrue -Because "$($property.Name) was written as '$cell'"
                $value = $Samples[$i].($property.Name)
                if ($null -ne $value) { $cell | Should -BeExactly $value.ToString() -Because "$($property.Name) in CSV" }
            }
        }
    }

    It 'keeps every value through Export-Clixml and Import-Clixml' {
        $path = Join-Path $TestDrive "$TypeName.clixml"
        $Samples | Export-Clixml -LiteralPath $path -Depth 5
        $read = @(Import-Clixml -LiteralPath $path)
        for ($i = 0; $i -lt $Samples.Count; $i++) {
            $read[$i].PSObject.TypeNames | Should -Contain "Deserialized.$TypeName"
            foreach ($property in $Properties) {
                ConvertTo-Comparable $read[$i].($property.Name) | Should -BeExactly (ConvertTo-Comparable $Samples[$i].($property.Name)) -Because "$($property.Name) after Import-Clixml"
            }
        }
    }
}

Describe 'A migration result in JSON' {
    It 'says "Status": "Created", not a number' {
        $json = [CognitoClerk.ClerkMigrationResult]@{ Status = 'Created'; CognitoUsername = 'alice'; ClerkUserId = 'user_2alice' } | ConvertTo-Json
        $json | Should -Match '"Status":\s*"Created"'
    }
}

Describe 'A digest in CSV and at ConvertTo-Json''s default depth' {
    BeforeAll {
        $Digest = @(Get-ViewSample -Type ([CognitoClerk.ClerkCognitoDigest]))[0]
    }

    It 'shows its lists and its metadata as text in Export-Csv' {
        $row = $Digest | ConvertTo-Csv | ConvertFrom-Csv
        $row.email_address | Should -Be 'lukasz.wisniewski.012@example.com'
        $row.email_address_identification_status | Should -Be 'verified'
        ($row.private_metadata | ConvertFrom-Json).cognito.username | Should -Be 'lukasz.wisniewski.012'
        $row.SourceUser | Should -Be 'lukasz.wisniewski.012'
    }

    It 'keeps the nested metadata at ConvertTo-Json''s default depth, and New-ClerkMigratedUser reads it back' {
        $json = $Digest | ConvertTo-Json -WarningAction SilentlyContinue
        $json | Should -Not -Match 'System\.Collections'
        $read = $json | ConvertFrom-Json
        $read.private_metadata.cognito.user_pool_id | Should -Be 'eu-west-1_AbCdEf123'
        $result = $read | New-ClerkMigratedUser -WhatIf -ErrorAction Stop 6>$null
        $result | Should -BeNullOrEmpty -Because '-WhatIf writes no result for a user it would create'
    }
}

Describe 'ConvertFrom-Json of the real AWS CLI v2''s list-users output' {
    BeforeAll {
        $Fixture = Join-Path $PSScriptRoot 'Fixtures/aws-cli-list-users.json'
        $Meta = Get-Content -LiteralPath (Join-Path $PSScriptRoot 'Fixtures/aws-cli-list-users.meta.json') -Raw | ConvertFrom-Json
        $Expected = @{}
        foreach ($property in $Meta.expectedErrorId.PSObject.Properties) { $Expected[$property.Name] = $property.Value }
        $Users = (Get-Content -LiteralPath $Fixture -Raw | ConvertFrom-Json).Users
    }

    It 'is what the AWS CLI v2 printed for the sample pool' {
        $Meta.awsCliVersion | Should -Match '^aws-cli/2\.'
        $Users.Count | Should -Be $Meta.users
        @($Users.Username | Sort-Object) | Should -Be @($Expected.Keys | Sort-Object)
    }

    It 'converts every user the pool says can be migrated, and reports and marks every other one (example 6)' {
        $digests = @($Users | ConvertTo-ClerkCognitoDigest -UserPoolId $Meta.userPoolId -ClientId $Meta.clientId -ErrorVariable errors -ErrorAction SilentlyContinue)
        $payloads = @($digests | Where-Object Migratable)
        @($payloads.SourceUser.Username | Sort-Object) | Should -Be @($Expected.Keys | Where-Object { -not $Expected[$_] } | Sort-Object)
        @($errors | ForEach-Object { "$($_.CategoryInfo.TargetName) $(($_.FullyQualifiedErrorId -split ',')[0])" } | Sort-Object) |
            Should -Be @($Expected.Keys | Where-Object { $Expected[$_] } | ForEach-Object { "$_ $($Expected[$_])" } | Sort-Object)
        @($digests | Where-Object { -not $_.Migratable } | ForEach-Object { "$($_.SourceUser.Username) $($_.ErrorId)" } | Sort-Object) |
            Should -Be @($Expected.Keys | Where-Object { $Expected[$_] } | ForEach-Object { "$_ $($Expected[$_])" } | Sort-Object)
    }

    It 'carries what the CLI printed into the payload: the digest, non-ASCII names, the date, the custom attributes' {
        $user = $Users | Where-Object { -not $Expected[$_.Username] -and ($_.Attributes | Where-Object Name -eq 'family_name').Value -match '[^\x00-\x7F]' } | Select-Object -First 1
        $user | Should -Not -BeNullOrEmpty -Because 'the sample pool has users with non-ASCII names'
        $digest = $user | ConvertTo-ClerkCognitoDigest -UserPoolId $Meta.userPoolId -ClientId $Meta.clientId
        $digest.password_digest | Should -Be "awscognito#$($Meta.userPoolId)#$($Meta.clientId)#$($user.Username)"
        $digest.last_name | Should -Be ($user.Attributes | Where-Object Name -eq 'family_name').Value
        $digest.email_address | Should -Be ($user.Attributes | Where-Object Name -eq 'email').Value
        $digest.external_id | Should -Be ($user.Attributes | Where-Object Name -eq 'sub').Value
        $digest.created_at | Should -Be ([datetimeoffset]$user.UserCreateDate).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'")
        $digest.SourceUser.Attributes['custom:tenant'] | Should -Be ($user.Attributes | Where-Object Name -eq 'custom:tenant').Value
    }

    It 'gives New-ClerkMigratedUser -WhatIf a Skipped result for every user who cannot be migrated' {
        $results = @($Users | ConvertTo-ClerkCognitoDigest -UserPoolId $Meta.userPoolId -ClientId $Meta.clientId -ErrorAction SilentlyContinue |
                New-ClerkMigratedUser -WhatIf -ErrorVariable newErrors -ErrorAction SilentlyContinue 6>$null)
        @($results | ForEach-Object { "$($_.CognitoUsername) $($_.Status) $($_.ErrorCode)" } | Sort-Object) |
            Should -Be @($Expected.Keys | Where-Object { $Expected[$_] } | ForEach-Object { "$_ Skipped $($Expected[$_])" } | Sort-Object)
        $newErrors | Should -BeNullOrEmpty
    }
}
