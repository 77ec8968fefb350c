#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The README's main job, as CI can see it: the sandbox rehearses a whole migration in a real pwsh (what it prints
    is the module's own rendering), keeps its own checks (exit code 0 only when everything happened as expected,
    no secret anywhere), and with --shell leaves a pwsh with the module imported and the environment pointed at the
    still-running services, which stop when that shell exits. Runs the built sandbox (what sandbox/run.sh runs
    after npm ci and the build), with the shell's commands on its stdin.
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Root = Get-RepositoryRoot
    $sandbox = Join-Path $Root 'sandbox/CognitoClerk.Sandbox/bin/Release/net10.0/CognitoClerk.Sandbox.dll'

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $sandbox, '--users', '20', '--shell') { $start.ArgumentList.Add($argument) }
    $start.WorkingDirectory = $Root
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()

    # What an admin types in the --shell pwsh once the rehearsal is done.
    $process.StandardInput.WriteLine('"SHELL-MODULE " + (Get-Module CognitoClerk).Version')
    $process.StandardInput.WriteLine('"SHELL-CLERK " + $env:CLERK_API_URL')
    $process.StandardInput.WriteLine('"SHELL-USERS " + @(Get-CognitoMigrationUser).Count')
    $process.StandardInput.WriteLine('exit')
    $process.StandardInput.Close()
    if (-not $process.WaitForExit(300000)) { $process.Kill($true); throw 'The sandbox did not finish within 5 minutes.' }
    $process.WaitForExit()
    $ExitCode = $process.ExitCode
    $Text = $stdout.Result + $stderr.Result
    $Lines = $Text -split "`r?`n"
}

Describe 'bash sandbox/run.sh --shell' {
    It 'finds everything as expected (exit code 0)' {
        $ExitCode | Should -Be 0 -Because $Text
        $Text | Should -Match 'RESULT: everything happened as expected'
        $Text | Should -Match 'secret key or a password in any output/journal\s+none'
    }

    It 'prints the module''s own views, at the 80 columns of a log' {
        $Lines | Should -Contain 'Status          CognitoUsername          ClerkUserId or Reason'
        $Lines | Should -Contain 'Result   Check             Detail'
        $Lines | Where-Object { $_ -match '^Skipped\s' } | Should -Not -BeNullOrEmpty
        $Lines | Where-Object { $_ -match '^What if: ' } | Should -Not -BeNullOrEmpty
        $Text | Should -Match '(?m)^\s+\d+ AlreadyMigrated, True\s*$' -Because 'the re-run groups its results by Status and FromJournal'
        $Text | Should -Not -Match '\x1b\[' -Because 'a log gets plain text'
    }

    It 'leaves a pwsh with the module imported and the environment on the running services' {
        $Lines | Should -Contain 'SHELL-MODULE 0.1.0'
        ($Lines | Where-Object { $_ -like 'SHELL-CLERK http://127.0.0.1:*' }) | Should -Not -BeNullOrEmpty
        $Lines | Should -Contain 'SHELL-USERS 20'
    }

    It 'stops the services when that shell exits' {
        $Text | Should -Match 'The shell exited \(0\); stopping the services\.'
        $url = ($Lines | Where-Object { $_ -like 'SHELL-CLERK *' }) -replace '^SHELL-CLERK ', ''
        { Invoke-WebRequest -Uri "$url/v1/instance" -TimeoutSec 5 } | Should -Throw
    }
}
