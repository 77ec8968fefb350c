<#
    Helpers shared by the Pester suites: the local services (cognito-local and the Clerk emulator, started by
    the sandbox's --serve mode, the same stand-ins the sandbox rehearses against) and the environment that
    points the module at them.
#>

Set-StrictMode -Version 3.0

$RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath

function Get-RepositoryRoot { $RepositoryRoot }

function Start-SandboxService {
    <#
    .SYNOPSIS
    Starts cognito-local and the Clerk emulator with a seeded sample pool, and returns what they are: the
    environment for the module (Environment), the sample users with what must happen to each (Users), the
    README's Where-Object filter (WhereObjectFilter), and the process to stop with Stop-SandboxService.
    #>
    param([int] $Users = 20, [switch] $Production)

    $sandbox = Join-Path $RepositoryRoot 'sandbox/CognitoClerk.Sandbox/bin/Release/net10.0/CognitoClerk.Sandbox.dll'
    if (-not (Test-Path -LiteralPath $sandbox)) {
        throw "The sandbox is not built ($sandbox). Run: dotnet build CognitoClerk.PowerShell.sln -c Release"
    }

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($sandbox, '--serve', '--users', $Users)) { $start.ArgumentList.Add([string]$argument) }
    if ($Production) { $start.ArgumentList.Add('--production') }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.WorkingDirectory = $RepositoryRoot
    $process = [System.Diagnostics.Process]::Start($start)

    # The first stdout line describes the services; stderr says why when they could not start.
    $stderr = $process.StandardError.ReadToEndAsync()
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(90)) -or -not $line.Result) {
        if (-not $process.HasExited) { $process.Kill($true) }
        $process.WaitForExit(10000) | Out-Null
        throw "The sandbox services did not start: $($stderr.Result)"
    }

    $description = $line.Result | ConvertFrom-Json
    $environment = [ordered]@{}
    foreach ($property in $description.environment.PSObject.Properties) { $environment[$property.Name] = $property.Value }
    [pscustomobject]@{
        PSTypeName        = 'CognitoClerk.Tests.SandboxService'
        Process           = $process
        Environment       = $environment
        Users             = @($description.users)
        WhereObjectFilter = $description.whereObjectFilter
    }
}

function Stop-SandboxService {
    param([Parameter(Mandatory)] [AllowNull()] $Service)
    if (-not $Service) { return }
    $process = $Service.Process
    if ($process.HasExited) { return }

    # Closing stdin is the sandbox's signal to stop its services in order (cognito-local is its child).
    $process.StandardInput.Close()
    if (-not $process.WaitForExit(20000)) {
        $process.Kill($true)
        $process.WaitForExit(10000) | Out-Null
    }
}

function Set-TestEnvironment {
    <#
    .SYNOPSIS
    Sets environment variables (a null value removes one) and returns what they were, for Restore-TestEnvironment.
    #>
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Variables)
    $saved = [ordered]@{}
    foreach ($name in $Variables.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-EnvironmentVariable $name $Variables[$name]
    }

    $saved
}

function Restore-TestEnvironment {
    param([AllowNull()] [System.Collections.IDictionary] $Saved)
    if (-not $Saved) { return }
    foreach ($name in $Saved.Keys) { Set-EnvironmentVariable $name $Saved[$name] }
}

function Set-EnvironmentVariable([string] $Name, [AllowNull()] $Value) {
    # Not [Environment]::SetEnvironmentVariable($name, $null): PowerShell passes $null to a string argument as '',
    # which leaves an empty variable (AWS_PROFILE='' makes the AWS CLI look for a profile named '').
    if ($null -eq $Value) { Remove-Item -LiteralPath "Env:$Name" -ErrorAction SilentlyContinue }
    else { Set-Item -LiteralPath "Env:$Name" -Value $Value }
}

function Invoke-InRunspace {
    <#
    .SYNOPSIS
    Runs a script in a fresh runspace of this pwsh with the module imported, and returns what every stream
    carried (Output, Errors, Progress, Verbose, Warnings): progress records can be seen nowhere else.
    #>
    param([Parameter(Mandatory)] [string] $Script, [Parameter(Mandatory)] [string] $ModuleManifest)
    $ps = [powershell]::Create()
    try {
        [void]$ps.AddScript("Import-Module '$($ModuleManifest -replace "'", "''")'`n$Script")
        $output = $ps.Invoke()
        [pscustomobject]@{
            Output   = @($output)
            Errors   = @($ps.Streams.Error)
            Progress = @($ps.Streams.Progress)
            Verbose  = @($ps.Streams.Verbose | ForEach-Object Message)
            Warnings = @($ps.Streams.Warning | ForEach-Object Message)
        }
    }
    finally {
        $ps.Dispose()
    }
}

function Invoke-Pwsh {
    <#
    .SYNOPSIS
    Runs a script in a new pwsh process (this pwsh's own executable, $PSHOME) with its output redirected, as a
    scheduled job or a CI step runs it, and returns ExitCode and Output (stdout and stderr, as text lines).
    Environment: variables to set (a null value removes one) on top of this process's.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [System.Collections.IDictionary] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location).ProviderPath,
        [int] $TimeoutSeconds = 600
    )
    $scriptFile = Join-Path ([IO.Path]::GetTempPath()) ("cognitoclerk-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -LiteralPath $scriptFile -Value $Script -Encoding utf8NoBOM
    try {
        $start = [System.Diagnostics.ProcessStartInfo]::new((Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')))
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $scriptFile) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $start.WorkingDirectory = $WorkingDirectory
        $start.Environment['NO_COLOR'] = '1'
        foreach ($name in $Environment.Keys) {
            if ($null -eq $Environment[$name]) { [void]$start.Environment.Remove($name) } else { $start.Environment[$name] = [string]$Environment[$name] }
        }

        $process = [System.Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "pwsh did not finish within $TimeoutSeconds s: $Script"
        }

        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = @(($stdout.Result + $stderr.Result) -split "`r?`n" | Where-Object { $_ -ne '' })
        }
    }
    finally {
        Remove-Item -LiteralPath $scriptFile -ErrorAction SilentlyContinue
    }
}

function Get-ProblemWithProgress {
    <#
    .SYNOPSIS
    What is wrong with a run's progress records: an activity whose last record is not Completed (a bar left on
    screen) is named, with its last status.
    #>
    param([Parameter(Mandatory)] [AllowEmptyCollection()] [System.Management.Automation.ProgressRecord[]] $Progress)
    foreach ($group in $Progress | Group-Object ActivityId) {
        $last = $group.Group[-1]
        if ($last.RecordType -ne 'Completed') { "'$($last.Activity)' was left at '$($last.StatusDescription)'" }
    }
}

Export-ModuleMember -Function Get-RepositoryRoot, Start-SandboxService, Stop-SandboxService, Set-TestEnvironment, Restore-TestEnvironment, Invoke-InRunspace, Invoke-Pwsh, Get-ProblemWithProgress
