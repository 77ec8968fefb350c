@{
    RootModule             = 'CognitoClerk.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b7f3c2e-9d41-4a8e-b6f0-2c1d8e4a7f93'
    Author                 = 'CognitoClerk contributors'
    CompanyName            = 'CognitoClerk contributors'
    Copyright              = '(c) CognitoClerk contributors. MIT License.'
    Description            = 'Moves the users of an AWS Cognito user pool into Clerk so that they keep their Cognito passwords (Clerk awscognito password migration).'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    # netstandard2.0 needs .NET Framework 4.7.2 to run without missing facades on Windows PowerShell.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('CognitoClerk.format.ps1xml')
    # Explicit lists, never wildcards: PowerShell reads them to auto-load the module without importing it.
    CmdletsToExport        = @(
        'Get-CognitoMigrationUser'
        'ConvertTo-ClerkCognitoDigest'
        'New-ClerkMigratedUser'
        'Test-CognitoMigrationReadiness'
        'Test-ClerkMigratedUser'
        'Get-ClerkMigrationStatus'
        'Sync-ClerkMigratedUser'
        'Remove-ClerkMigratedUser'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    # No HelpInfoURI: help ships inside the module (en-US/), and a URI without hosted updatable help would
    # make Update-Help report an error for this module on every run.
    PrivateData            = @{
        PSData = @{
            Tags         = @('Clerk', 'Cognito', 'AWS', 'Migration', 'Identity', 'Authentication', 'Passwords', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/cognitoclerk/CognitoClerk'
            LicenseUri   = 'https://github.com/cognitoclerk/CognitoClerk/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0
- Get-CognitoMigrationUser streams every user of a Cognito user pool (all pages, throttling retried).
- ConvertTo-ClerkCognitoDigest builds Clerk's awscognito CreateUser payload offline, and reports users who cannot be migrated.
- New-ClerkMigratedUser creates the Clerk users; safe to re-run (existing users are reported, not duplicated); -WhatIf sends nothing.
- Test-CognitoMigrationReadiness checks the pool, app client and Clerk key before a migration; Test-ClerkMigratedUser validates one user's sign-in.
- Help (Get-Help, about_CognitoClerk), table and list views, tab completion for -Region.
- Loads next to AWS.Tools: its own AWSSDK.Core is isolated on PowerShell 7.
- Get-ClerkMigrationStatus says where every user stands (NotMigrated, CannotMigrate, AwaitingFirstSignIn, SignedIn, DeletedInCognito), what changed in Cognito since the import, and whether Cognito can be switched off; Sync-ClerkMigratedUser brings Clerk in step until the switch.
'@
        }
    }
}
