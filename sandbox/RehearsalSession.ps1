#Requires -Version 7.2
<#
    The sandbox's PowerShell session: a real pwsh whose console is the sandbox's own, so what the rehearsal
    prints is the module's own rendering (its views, errors, What if: lines, progress bars) at the console's
    width. CognitoClerk.Sandbox starts it, sends one command at a time over a local named pipe, and gets back a
    JSON line per command with what it produced (objects, errors, what the console showed) for its checks.
    Not meant to be run by hand: bash sandbox/run.sh --shell gives you an interactive session instead.
#>
param(
    [Parameter(Mandatory)] [string] $PipeName,
    [Parameter(Mandatory)] [string] $TranscriptPath
)

# The admin's defaults: a non-terminating error stays one, and nothing is stricter than at a prompt.
$ErrorActionPreference = 'Continue'

function ConvertTo-SandboxText {
    # A property value as text for the sandbox's checks: scalars as PowerShell prints them, the rest as JSON.
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [string] -or $Value -is [enum] -or $Value -is [bool] -or $Value.GetType().IsPrimitive) { return [string]$Value }
    if ($Value -is [datetime]) { return $Value.ToString('o') }
    ConvertTo-Json -InputObject $Value -Depth 4 -Compress -EnumsAsStrings -WarningAction SilentlyContinue
}

function ConvertTo-SandboxRecord {
    # The module's objects with every property; anything else (Group-Object's groups, Get-Command's commands)
    # with its text and its scalar properties.
    param($InputObject)
    $record = [ordered]@{ '$type' = $InputObject.PSObject.TypeNames[0]; '$text' = "$InputObject" }
    $ours = $record['$type'] -like 'CognitoClerk.*'
    foreach ($property in $InputObject.PSObject.Properties) {
        try { $value = $property.Value } catch { continue }
        if ($ours -or $null -eq $value -or $value -is [string] -or $value -is [bool] -or $value -is [enum] -or $value.GetType().IsPrimitive) {
            $record[$property.Name] = ConvertTo-SandboxText $value
        }
    }

    $record
}

function ConvertTo-SandboxError {
    param([System.Management.Automation.ErrorRecord] $ErrorRecord)
    [ordered]@{
        errorId    = ($ErrorRecord.FullyQualifiedErrorId -split ',')[0]
        targetName = $ErrorRecord.CategoryInfo.TargetName
        category   = [string]$ErrorRecord.CategoryInfo.Category
        message    = $ErrorRecord.Exception.Message
        # Everything the record could show anywhere, for the secret scan.
        text       = @($ErrorRecord.ToString(), $ErrorRecord.ErrorDetails.Message, $ErrorRecord.ErrorDetails.RecommendedAction,
                       $ErrorRecord.Exception.ToString(), "$($ErrorRecord.TargetObject)") -join "`n"
    }
}

$transcriptRead = 0L
function Read-TranscriptSinceLastTime {
    # What the console showed since the last command: the transcript has every host line, What if: included.
    $stream = [System.IO.FileStream]::new($TranscriptPath, 'Open', 'Read', 'ReadWrite')
    try {
        [void]$stream.Seek($script:transcriptRead, 'Begin')
        $text = [System.IO.StreamReader]::new($stream, [System.Text.UTF8Encoding]::new($false)).ReadToEnd()
        $script:transcriptRead = $stream.Length
        $text
    }
    finally {
        $stream.Dispose()
    }
}

Start-Transcript -LiteralPath $TranscriptPath -UseMinimalHeader | Out-Null
$pipe = [System.IO.Pipes.NamedPipeClientStream]::new('.', $PipeName, [System.IO.Pipes.PipeDirection]::InOut)
$pipe.Connect(30000)
$utf8 = [System.Text.UTF8Encoding]::new($false)
$reader = [System.IO.StreamReader]::new($pipe, $utf8)
$writer = [System.IO.StreamWriter]::new($pipe, $utf8)
$writer.AutoFlush = $true
[void](Read-TranscriptSinceLastTime)

while ($null -ne ($line = $reader.ReadLine())) {
    $request = $line | ConvertFrom-Json
    $secrets = if ($request.secureStrings) { @($request.secureStrings.PSObject.Properties) } else { @() }
    foreach ($secret in $secrets) {
        # A password for Test-ClerkMigratedUser, as Read-Host -AsSecureString would give it; never printed.
        Set-Variable -Name $secret.Name -Value (ConvertTo-SecureString -String $secret.Value -AsPlainText -Force)
    }

    $sandboxOutput = [System.Collections.Generic.List[object]]::new()
    $sandboxLimit = [int]$request.displayLimit
    $sandboxTerminating = $null
    $Error.Clear()
    $sandboxClock = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        # As if typed at the prompt: the console formats what comes out (the module's views), as it comes.
        . ([scriptblock]::Create($request.script)) |
            ForEach-Object { $sandboxOutput.Add($_); if ($sandboxLimit -le 0 -or $sandboxOutput.Count -le $sandboxLimit) { $_ } } |
            Out-Default
    }
    catch {
        $sandboxTerminating = $_
        $_ | Out-Default
    }

    $sandboxClock.Stop()
    foreach ($secret in $secrets) { Remove-Variable -Name $secret.Name -ErrorAction SilentlyContinue }
    $errors = @($Error)
    [array]::Reverse($errors)
    $reply = [ordered]@{
        output         = @($sandboxOutput | ForEach-Object { ConvertTo-SandboxRecord $_ })
        errors         = @($errors | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_ -ne $sandboxTerminating } | ForEach-Object { ConvertTo-SandboxError $_ })
        terminating    = if ($sandboxTerminating) { ConvertTo-SandboxError $sandboxTerminating } else { $null }
        console        = Read-TranscriptSinceLastTime
        elapsedSeconds = $sandboxClock.Elapsed.TotalSeconds
    }
    $writer.WriteLine(($reply | ConvertTo-Json -Depth 6 -Compress -WarningAction SilentlyContinue))
}

Stop-Transcript | Out-Null
