#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    What an admin's console shows: every view of CognitoClerk.format.ps1xml rendered by real pwsh at 80 columns
    (a default terminal, and `pwsh -File x.ps1 > log`) and at 120, as a table and with Format-List. The types come
    from the module itself (every [OutputType] of an exported cmdlet, and every type the format file names), so a
    new cmdlet's output is held to the same rules without editing this file:
    - each type has a table view first and a list view, for live and Import-Clixml'd objects alike;
    - at 80 and 120 no line is wider than the console, no column is dropped, nothing is cut short (…), and every
      word of every value the view shows is whole (a word too long for its column breaks only after punctuation);
    - Format-List names every property.
#>

BeforeDiscovery {
    $manifest = if ($env:COGNITOCLERK_MODULE) { $env:COGNITOCLERK_MODULE } else { Join-Path $PSScriptRoot '../../out/CognitoClerk/CognitoClerk.psd1' }
    Import-Module $manifest -Force
    Import-Module (Join-Path $PSScriptRoot 'ViewSamples.psm1') -Force
    $module = Get-Module CognitoClerk
    $assembly = $module.ImplementingAssembly
    $outputTypes = foreach ($cmdlet in $module.ExportedCmdlets.Values) {
        foreach ($output in $cmdlet.OutputType) {
            if ($output.Type -and $output.Type.Assembly -eq $assembly) { $output.Type.FullName }
        }
    }

    $formatFile = Join-Path $module.ModuleBase 'CognitoClerk.format.ps1xml'
    $viewed = ([xml](Get-Content -LiteralPath $formatFile -Raw)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName |
        Where-Object { $_ -notlike 'Deserialized.*' }
    $TypeCases = @($outputTypes) + @($viewed) | Sort-Object -Unique | ForEach-Object { @{ TypeName = $_ } }
    $WidthCases = @(80, 120) | ForEach-Object { @{ Width = $_ } }
}

BeforeAll {
    # Widths are measured on the text; colours are the console's business.
    $SavedRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    $manifest = if ($env:COGNITOCLERK_MODULE) { $env:COGNITOCLERK_MODULE } else { Join-Path $PSScriptRoot '../../out/CognitoClerk/CognitoClerk.psd1' }
    Import-Module $manifest -Force
    Import-Module (Join-Path $PSScriptRoot 'ViewSamples.psm1') -Force
    $FormatFile = Join-Path (Get-Module CognitoClerk).ModuleBase 'CognitoClerk.format.ps1xml'
    $Views = @(Get-ViewDefinition -FormatFile $FormatFile)
}

AfterAll {
    $PSStyle.OutputRendering = $SavedRendering
}

Describe 'The views of <TypeName>' -ForEach $TypeCases {
    BeforeAll {
        $Type = [type]$TypeName
        $Properties = @($Type.GetProperties() | ForEach-Object Name)
        $TypeViews = @($Views | Where-Object { $_.TypeNames -contains $TypeName })
        $DefaultView = $TypeViews | Select-Object -First 1
        $ListView = $TypeViews | Where-Object Kind -eq 'List' | Select-Object -First 1
        $Samples = @(Get-ViewSample -Type $Type)

        # Words the views add to the values: column and list labels, outcomes, the fix and disabled marks, the summary's Total.
        $ViewWords = @($TypeViews | ForEach-Object { $_.ColumnLabels; $_.ListLabels }) + @('Fix:', '(disabled)', 'Passed', 'Skipped', 'True', 'False', 'Total')
        $Words = Get-SampleWord -InputObject $Samples -Extra $ViewWords
    }

    It 'has a table view first and a list view' {
        $DefaultView | Should -Not -BeNullOrEmpty -Because "every output type needs a default view in CognitoClerk.format.ps1xml"
        $DefaultView.Kind | Should -Be 'Table' -Because 'a table with fixed widths and wrapping reads the same at every width'
        $ListView | Should -Not -BeNullOrEmpty -Because 'Format-List needs a list view'
    }

    It 'selects the Deserialized type too, so Import-Clixml results look the same' {
        foreach ($view in $TypeViews) {
            $view.TypeNames | Should -Contain "Deserialized.$TypeName" -Because "view $($view.Name)"
        }
    }

    It 'reads only properties the type has' {
        foreach ($view in $TypeViews) {
            foreach ($name in $view.PropertiesRead) {
                $Properties | Should -Contain $name -Because "view $($view.Name) reads `$_.$name"
            }
        }
    }

    It 'lists every property in the list view' {
        foreach ($name in $Properties) {
            $ListView.ListLabels | Should -Contain $name -Because 'Format-List shows every field'
        }
    }

    It 'keeps the table within 79 columns with wrapping, so PowerShell drops no column at 80' {
        $DefaultView.Wraps | Should -BeTrue -Because 'a long value must wrap, not be cut'
        $DefaultView.ColumnWidths | Should -Not -Contain $null -Because 'every column needs a width so the table does not depend on the console'
        ($DefaultView.ColumnWidths | Measure-Object -Sum).Sum + $DefaultView.ColumnWidths.Count - 1 | Should -BeLessOrEqual 79
    }

    Context 'at <Width> columns' -ForEach $WidthCases {
        It 'shows every column, within the width, every value whole' {
            $text = $Samples | Out-String -Width $Width
            $header = ($text -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1)
            foreach ($label in $DefaultView.ColumnLabels) {
                $header | Should -Match ([regex]::Escape($label)) -Because "column '$label' must be shown whole at $Width columns"
            }

            $problems = @(Get-RenderingProblem -Text $text -Width $Width -Words $Words)
            $problems | Should -BeNullOrEmpty -Because "this is what prints:`n$text"
        }

        It 'shows every property with Format-List, within the width, every value whole' {
            $text = $Samples | Format-List | Out-String -Width $Width
            foreach ($label in $ListView.ListLabels) {
                $text | Should -Match ("(?m)^" + [regex]::Escape($label) + '\s*:') -Because "Format-List must show $label"
            }

            $problems = @(Get-RenderingProblem -Text $text -Width $Width -Words $Words)
            $problems | Should -BeNullOrEmpty -Because "this is what prints:`n$text"
        }
    }

    It 'looks the same after Export-Clixml and Import-Clixml' {
        $path = Join-Path $TestDrive "$TypeName.clixml"
        $Samples | Export-Clixml -LiteralPath $path -Depth 4
        $read = Import-Clixml -LiteralPath $path
        ($read | Out-String -Width 80) | Should -Be ($Samples | Out-String -Width 80)
        ($read | Format-List | Out-String -Width 80) | Should -Be ($Samples | Format-List | Out-String -Width 80)
    }
}

Describe 'A migration result at 80 columns' {
    It 'shows the status, the user and the whole reason (or the Clerk user) of <CognitoUsername>' -ForEach @(
        Get-ViewSample -Type ([CognitoClerk.ClerkMigrationResult]) | Select-Object -SkipLast 1 |
            ForEach-Object { @{ Result = $_; CognitoUsername = $_.CognitoUsername } }
    ) {
        $text = $Result | Out-String -Width 80
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $header = $lines[0]
        function Get-Column([string] $Label, [string] $Next) {
            # The pieces of one column on every row line, by where its label starts in the header.
            $start = $header.IndexOf($Label)
            $end = if ($Next) { $header.IndexOf($Next) } else { [int]::MaxValue }
            foreach ($line in $lines | Select-Object -Skip 2) {
                if ($line.Length -gt $start) { $line.Substring($start, [Math]::Min($end, $line.Length) - $start).Trim() }
            }
        }

        (Get-Column 'Status' 'CognitoUsername') -join '' | Should -Be $Result.Status
        (Get-Column 'CognitoUsername' 'ClerkUserId or Reason') -join '' | Should -Be $Result.CognitoUsername -Because 'a long name wraps after punctuation, whole'
        $detail = Get-Column 'ClerkUserId or Reason' $null
        if ($Result.Status -in 'Created', 'AlreadyMigrated') {
            $detail -join '' | Should -Be $Result.ClerkUserId
        }
        else {
            $reason = $Result.Reason -replace ("^Cognito user '" + [regex]::Escape($Result.CognitoUsername) + "' is "), ''
            $detail -join ' ' | Should -Be $reason -Because 'the reason reads whole, wrapped at spaces'
        }
    }
}

Describe 'A migration result in an 80-column log' {
    It 'keeps status, user and reason readable in `pwsh -File x.ps1 > log`' {
        $script = Join-Path $TestDrive 'results.ps1'
        $log = Join-Path $TestDrive 'results.log'
        $reason = "Cognito user 'jose.nunez.038' is disabled (Enabled = false), and Cognito refuses a disabled user's password, so Clerk could never check it."
        Set-Content -LiteralPath $script -Value @"
Import-Module '$((Join-Path (Get-Module CognitoClerk).ModuleBase 'CognitoClerk.psd1') -replace "'", "''")'
[CognitoClerk.ClerkMigrationResult]@{ Status = 'Created'; CognitoUsername = 'aiko.tanaka.010'; ClerkUserId = 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG' }
[CognitoClerk.ClerkMigrationResult]@{ Status = 'Skipped'; CognitoUsername = 'jose.nunez.038'; ErrorCode = 'CognitoUserDisabled'; Reason = '$($reason -replace "'", "''")' }
"@

        # A child pwsh with its output redirected to a file, as a scheduled job runs: the console width is then 80.
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $env:NO_COLOR = '1'
        try { & $pwsh -NoProfile -NonInteractive -File $script > $log 2>&1 } finally { Remove-Item Env:NO_COLOR }

        $LASTEXITCODE | Should -Be 0
        $text = Get-Content -LiteralPath $log -Raw
        $text | Should -Match '(?m)^Created\s+aiko\.tanaka\.010\s+user_8KIPeFImJpN3GyF9ENVgB9kCQoG\s*$'
        $text | Should -Match '(?m)^Skipped\s+jose\.nunez\.038\s+disabled \(Enabled = false\)'
        $words = Get-SampleWord -InputObject @($reason, 'aiko.tanaka.010', 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG', 'jose.nunez.038', 'Created', 'Skipped', 'CognitoUserDisabled') -Extra 'Status', 'CognitoUsername', 'ClerkUserId or Reason'
        @(Get-RenderingProblem -Text $text -Width 80 -Words $words) | Should -BeNullOrEmpty -Because "the log says:`n$text"

        # The reason reads on from the status and the user beside it: every word after "Cognito user 'x' is".
        foreach ($word in ($reason -replace "^Cognito user 'jose\.nunez\.038' is ", '') -split ' ') { $text | Should -Match ([regex]::Escape($word)) }
    }
}

Describe 'The migration status summary at 80 columns' {
    BeforeAll {
        $Summary = Get-ViewSample -Type ([CognitoClerk.ClerkMigrationStatusSummary]) | Select-Object -First 1
        $Text = $Summary | Out-String -Width 80
        $all = @($Text -split "`r?`n")
        $first = [array]::FindIndex($all, [Predicate[string]] { param($line) $line.Trim() })
        $Lines = @($all | Select-Object -Skip $first)
        # The counts column: the first 30 cells of each line under the header and its rule.
        $Counts = @($Lines | Select-Object -Skip 2 | ForEach-Object { $_.PadRight(30).Substring(0, 30).TrimEnd() })
    }

    It 'heads the counts "Users" once, then adds the states up to the total' {
        $Lines[0] | Should -Match '^Users\s+Verdict\s*$'
        $Counts[0..9] | Should -Be @(
            'SignedIn                 61250'
            'AwaitingFirstSignIn      33750'
            'NotMigrated               3000'
            'CannotMigrate             1000'
            'DeletedInCognito          1000'
            'NotRead                      0'
            '                        ------'
            'Total                   100000'
            ''
            'Changed                    412'
        ) -Because "this is what prints:`n$Text"
        $Counts[10] | Should -Be 'DisabledButActiveInClerk    17'
        $Counts[11] | Should -Be 'ReenabledButBanned           3'
        @($Counts | Where-Object { $_ -match '^Users\b' }) | Should -BeNullOrEmpty -Because 'the header already says Users'
    }

    It 'adds up: the states of the sample are the whole of Users' {
        $Summary.SignedIn + $Summary.AwaitingFirstSignIn + $Summary.NotMigrated + $Summary.CannotMigrate + $Summary.DeletedInCognito + $Summary.NotRead |
            Should -Be $Summary.Users
    }

    It 'puts the verdict beside the counts, whole, and the Cognito quota after it' {
        $verdict = @($Lines | Select-Object -Skip 2 | ForEach-Object { if ($_.Length -gt 31) { $_.Substring(31).Trim() } }) -join ' '
        ($verdict -replace '\s+', ' ').Trim() | Should -Be ("$($Summary.Verdict) $($Summary.CognitoQuota)" -replace '\s+', ' ')
    }
}
