#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The built module as an admin meets it, in a real pwsh with Pester 5. Run by tests/run.sh (and so CI) and
    `./build.ps1 -Task Test` through tests/Pester/Invoke-PesterSuite.ps1, or directly:

        dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1 -Path tests/Pester/CognitoClerk.Module.Tests.ps1

    COGNITOCLERK_MODULE names the module to test (default: out/CognitoClerk/CognitoClerk.psd1).
#>

BeforeDiscovery {
    $script:ManifestPath = if ($env:COGNITOCLERK_MODULE) { $env:COGNITOCLERK_MODULE } else { Join-Path $PSScriptRoot '../out/CognitoClerk/CognitoClerk.psd1' }
    Import-Module $script:ManifestPath -Force
    $script:Cmdlets = @((Get-Module CognitoClerk).ExportedCmdlets.Keys | Sort-Object)
    $script:RegionCmdlets = @($script:Cmdlets | Where-Object { (Get-Command $_).Parameters.ContainsKey('Region') })
}

BeforeAll {
    $ManifestPath = if ($env:COGNITOCLERK_MODULE) { $env:COGNITOCLERK_MODULE } else { Join-Path $PSScriptRoot '../out/CognitoClerk/CognitoClerk.psd1' }
    Import-Module $ManifestPath -Force
    $Module = Get-Module CognitoClerk
    $CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters |
        Where-Object { $_ -notin 'WhatIf', 'Confirm' }
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'runs on Windows PowerShell 5.1 and PowerShell 7' {
        $Module.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $Module.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'exports every cmdlet it lists, and only those' {
        $listed = (Import-PowerShellDataFile -Path $ManifestPath).CmdletsToExport | Sort-Object
        $Module.ExportedCmdlets.Keys | Sort-Object | Should -Be $listed
        $Module.ExportedFunctions.Count | Should -Be 0
        $Module.ExportedAliases.Count | Should -Be 0
    }

    It 'has what the PowerShell Gallery shows' {
        $Module.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $Module.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        $Module.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $Module.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        $Module.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Desktop'
    }
}

Describe 'Help for <_>' -ForEach $Cmdlets {
    BeforeAll {
        $Name = $_
        $Help = Get-Help $Name -Full
        $Command = Get-Command $Name
    }

    It 'has a written synopsis, not the syntax line PowerShell makes up' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        # Literal text, not a wildcard: '[<CommonParameters>]' in -BeLike is a character class that matches almost anything.
        $Help.Synopsis | Should -Not -Match ([regex]::Escape('[<CommonParameters>]'))
        $Help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + '\s+\[')
    }

    It 'has a description' {
        ($Help.description.Text -join '') | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code' {
        @($Help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
        }
    }

    It 'documents every parameter with its type, requiredness and pipeline input' {
        $documented = @{}
        foreach ($parameter in $Help.parameters.parameter) { $documented[$parameter.name] = $parameter }
        foreach ($parameter in $Command.Parameters.Values | Where-Object Name -NotIn $CommonParameters) {
            $documented.ContainsKey($parameter.Name) | Should -BeTrue -Because "-$($parameter.Name) must be documented"
            $doc = $documented[$parameter.Name]
            $type = if ([Nullable]::GetUnderlyingType($parameter.ParameterType)) { [Nullable]::GetUnderlyingType($parameter.ParameterType) } else { $parameter.ParameterType }
            $doc.type.name | Should -BeIn @($type.Name, $type.FullName) -Because "-$($parameter.Name) is a $($type.Name)"
            $required = -not ($parameter.ParameterSets.Values | Where-Object { -not $_.IsMandatory })
            $doc.required | Should -Be $required.ToString().ToLowerInvariant() -Because "-$($parameter.Name) Required"
            ($doc.description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }

    It 'documents no parameter the cmdlet does not have' {
        foreach ($parameter in $Help.parameters.parameter) {
            $Command.Parameters.ContainsKey($parameter.name) | Should -BeTrue -Because "-$($parameter.name) is documented"
        }
    }
}

Describe 'The about topic' {
    It 'is found by Get-Help and names the environment variables' {
        $topic = Get-Help about_CognitoClerk | Out-String
        foreach ($variable in 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'CLERK_SECRET_KEY', 'CLERK_API_URL', 'AWS_REGION', 'AWS_PROFILE') {
            $topic | Should -Match $variable
        }
    }
}

Describe 'Views' {
    It 'shows a migration result as a table of status, user, Clerk id and reason' {
        $result = [CognitoClerk.ClerkMigrationResult]@{ Status = 'Created'; CognitoUsername = 'alice'; ClerkUserId = 'user_2alice' }
        $text = $result | Format-Table | Out-String -Width 120
        $text | Should -Match 'Status\s+CognitoUsername\s+ClerkUserId\s+Reason'
        $text | Should -Match 'Created\s+alice\s+user_2alice'
    }

    It 'shows every field of a migration result with Format-List' {
        $result = [CognitoClerk.ClerkMigrationResult]@{ Status = 'Failed'; CognitoUsername = 'bob'; TraceId = 'trace-123'; ErrorCode = 'form_param_format_invalid' }
        $text = $result | Format-List | Out-String -Width 120
        foreach ($property in [CognitoClerk.ClerkMigrationResult].GetProperties().Name) {
            $text | Should -Match "(?m)^$property\s+:"
        }
    }

    It 'shows a Cognito user as a table of username, email, status and enabled' {
        $user = [CognitoClerk.CognitoMigrationUser]@{ Username = 'carol'; Email = 'carol@example.com'; UserStatus = 'CONFIRMED'; Enabled = $true }
        $user | Format-Table | Out-String -Width 120 | Should -Match 'Username\s+Email\s+UserStatus\s+Enabled'
    }

    It 'shows a digest by external id, email and the identifier Clerk sends to Cognito' {
        $digest = [CognitoClerk.ClerkCognitoDigest]::new()
        $digest.external_id = 'sub-dave'
        $digest.email_address = @('dave@example.com')
        $digest.password_digest = 'awscognito#eu-west-1_Pool1#client1#dave-login'
        $digest | Format-Table | Out-String -Width 120 | Should -Match 'sub-dave\s+dave@example\.com\s+dave-login'
    }
}

Describe 'Tab completion' {
    It '-Region completes to Cognito Regions on <_>' -ForEach $RegionCmdlets {
        $line = "$_ -Region eu-we"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'eu-west-1'
        $completions | Should -Not -Contain 'us-east-1'
    }
}

Describe 'Next to another AWSSDK.Core' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
    It 'keeps the module''s AWSSDK.Core out of the default load context' {
        [void][System.Reflection.Assembly]::Load('CognitoClerk.Engine')
        $engine = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CognitoClerk.Engine' }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine) |
            Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        $engine.Location | Should -BeLike '*Dependencies*'
    }
}
