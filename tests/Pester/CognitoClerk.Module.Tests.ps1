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

Describe 'Get-Help <_> as a console shows it' -ForEach $Cmdlets {
    BeforeAll {
        $Name = $_
        $Command = Get-Command $Name
        $Full = Get-Help $Name -Full | Out-String -Width 80
    }

    It 'renders every section of -Full within 80 columns, with no placeholder left' {
        foreach ($section in 'NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'RELATED LINKS') {
            $Full | Should -Match "(?m)^$section\s*$"
        }

        $Full | Should -Match '(?m)^\s*-+ Example 1'

        $Full | Should -Match ("(?m)^\s+" + [regex]::Escape($Name) + '\s')
        $Full | Should -Not -Match '\{\{'
        foreach ($line in $Full -split "`r?`n") {
            $line.TrimEnd().Length | Should -BeLessOrEqual 80 -Because "Get-Help wraps at the console width: '$line'"
        }
    }

    It 'shows each parameter on its own with -Parameter' {
        foreach ($parameter in $Command.Parameters.Values | Where-Object Name -NotIn $CommonParameters) {
            $text = Get-Help $Name -Parameter $parameter.Name | Out-String -Width 80
            $text | Should -Match ("-" + $parameter.Name + '\b')
            $text | Should -Match 'Required\?'
        }
    }

    It 'shows at least two examples, with code, with -Examples' {
        $text = Get-Help $Name -Examples | Out-String -Width 120
        ([regex]::Matches($text, '-+ (EXAMPLE|Example) \d+')).Count | Should -BeGreaterOrEqual 2
        $text | Should -Match ([regex]::Escape($Name))
    }

    It 'opens the module''s own page with -Online' {
        # Get-Help -Online opens the first related link with a URI: it must be this cmdlet's page, not AWS's or Clerk's.
        $first = @((Get-Help $Name).relatedLinks.navigationLink | Where-Object { $_.PSObject.Properties['uri'] -and $_.uri })[0]
        $first.uri | Should -Be "$($Module.PrivateData.PSData.ProjectUri)/blob/main/docs/$Name.md"
    }
}

Describe 'Tab completion (TabExpansion2, as the console asks)' {
    BeforeAll {
        function Complete([string] $Line) {
            [pscustomobject]@{ CompletionText = @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText) }
        }
    }

    It 'completes the cmdlet names' {
        (Complete 'Get-CognitoMig').CompletionText | Should -Contain 'Get-CognitoMigrationUser'
        (Complete 'New-ClerkMig').CompletionText | Should -Contain 'New-ClerkMigratedUser'
    }

    It 'completes parameter names of <_>' -ForEach $Cmdlets {
        $parameter = (Get-Command $_).Parameters.Values | Where-Object Name -NotIn $CommonParameters | Select-Object -First 1
        (Complete "$_ -$($parameter.Name.Substring(0, [Math]::Min(4, $parameter.Name.Length)))").CompletionText | Should -Contain "-$($parameter.Name)"
    }

    It 'completes -IdentifierSource with its values' {
        $completions = (Complete 'ConvertTo-ClerkCognitoDigest -IdentifierSource ').CompletionText
        foreach ($value in [Enum]::GetNames([CognitoClerk.IdentifierSource])) { $completions | Should -Contain $value }
    }

    It 'completes the properties of what Get-CognitoMigrationUser writes, for Where-Object' {
        $completions = (Complete 'Get-CognitoMigrationUser | Where-Object -Property UserS').CompletionText
        $completions | Should -Contain 'UserStatus'
    }

    It 'completes the properties of New-ClerkMigratedUser''s results, for Group-Object' {
        (Complete 'New-ClerkMigratedUser -InputObject $x | Group-Object -Property Stat').CompletionText | Should -Contain 'Status'
        (Complete 'New-ClerkMigratedUser -InputObject $x | Select-Object -Property FromJ').CompletionText | Should -Contain 'FromJournal'
    }

    It '-ProfileName completes to the AWS profiles the SDK finds, quoting a name with a space' {
        # The credentials file: AWSSDK.Core reads the config file once per process, but rereads this one.
        $credentials = Join-Path $TestDrive 'aws-credentials'
        $secret = 'not-a-' + 'real-secret'
        Set-Content -LiteralPath $credentials -Value "[migration-admin]`naws_access_key_id = AKIDEXAMPLE`naws_secret_access_key = $secret`n[migration ci]`naws_access_key_id = AKIDEXAMPLE`naws_secret_access_key = $secret"
        $saved = $env:AWS_SHARED_CREDENTIALS_FILE
        try {
            $env:AWS_SHARED_CREDENTIALS_FILE = $credentials
            $completions = (Complete 'Get-CognitoMigrationUser -ProfileName migration').CompletionText
            $completions | Should -Contain 'migration-admin'
            $completions | Should -Contain "'migration ci'"
        }
        finally {
            $env:AWS_SHARED_CREDENTIALS_FILE = $saved
        }
    }

    It '-Region completes to Cognito Regions on <_>' -ForEach $RegionCmdlets {
        $completions = (Complete "$_ -Region eu-we").CompletionText
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
