@{
    RootModule           = 'CognitoClerk.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b7f3c2e-9d41-4a8e-b6f0-2c1d8e4a7f93'
    Author               = 'CognitoClerk contributors'
    CompanyName          = 'CognitoClerk contributors'
    Copyright            = '(c) CognitoClerk contributors. MIT License.'
    Description          = 'Moves the users of an AWS Cognito user pool into Clerk so that they keep their Cognito passwords (Clerk awscognito password migration).'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport      = @(
        'Get-CognitoMigrationUser'
        'ConvertTo-ClerkCognitoDigest'
        'New-ClerkMigratedUser'
        'Test-CognitoMigrationReadiness'
        'Test-ClerkMigratedUser'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Clerk', 'Cognito', 'AWS', 'Migration', 'Identity', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/cognitoclerk/CognitoClerk'
            LicenseUri   = 'https://github.com/cognitoclerk/CognitoClerk/blob/main/LICENSE'
            ReleaseNotes = 'First release: list Cognito users, build awscognito digests, create Clerk users.'
        }
    }
}
