using System.Diagnostics;

namespace CognitoClerk.Sandbox;

/// <summary>
/// <c>--shell</c>: after the rehearsal, an interactive pwsh with the module imported and the environment pointed at
/// the still-running services (the pool with its users, the Clerk emulator with the migrated ones), to try commands
/// by hand. The services stop when that shell exits. Its profile is not loaded: it could point the session at real
/// services (AWS_PROFILE, CLERK_SECRET_KEY) without anyone noticing.
/// </summary>
internal static class SandboxShell
{
    private const string Greeting = """
        Write-Host ''
        Write-Host 'CognitoClerk sandbox shell: the module is imported, and $env:COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID,' -ForegroundColor Green
        Write-Host 'CLERK_SECRET_KEY, CLERK_API_URL and AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER point at the sandbox''s' -ForegroundColor Green
        Write-Host 'cognito-local and Clerk emulator on 127.0.0.1, which still hold the rehearsal''s users. Try:' -ForegroundColor Green
        Write-Host '    Get-CognitoMigrationUser | Format-Table'
        Write-Host '    Test-CognitoMigrationReadiness'
        Write-Host '    Get-CognitoMigrationUser | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser | Group-Object Status'
        Write-Host '    Get-Help New-ClerkMigratedUser -Full'
        Write-Host 'Type exit to stop the services.' -ForegroundColor Green
        """;

    public static async Task RunAsync(SandboxConsole console, SandboxServices services, string workDirectory)
    {
        console.Section("Interactive pwsh (--shell): the module imported, the environment pointed at the running services. Type exit to stop them.");
        Console.Out.Flush();
        ProcessStartInfo start = PwshCommand.StartInfo(
            services.ModuleEnvironment(workDirectory),
            "-NoLogo", "-NoProfile", "-NoExit", "-Command", "Import-Module ./out/CognitoClerk/CognitoClerk.psd1\n" + Greeting);
        using Process shell = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start.");
        await shell.WaitForExitAsync();
        console.Section($"The shell exited ({shell.ExitCode}); stopping the services.");
    }
}
