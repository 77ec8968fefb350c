<#
    Objects to render through the module's views, and the checks that a rendering is readable. Two kinds of
    sample per type: hand-written worst cases for the types that exist (the longest statuses, usernames that are
    UUIDs, reasons of two sentences), and generated ones for any type the module outputs, so the views of a new
    cmdlet are checked too before anyone writes samples for it.
#>

Set-StrictMode -Version 3.0

# Characters after which a word too long for its column may be broken (ColumnText.Wrap's rule).
$BreakAfter = '-._@#/:,;=&?'

$LongReason = "Cognito user 'lukasz.wisniewski.012' is FORCE_CHANGE_PASSWORD: an admin created them and they never set a password of their own, so there is no password for Clerk to check."
$LongFix = 'aws cognito-idp update-user-pool-client --user-pool-id eu-west-1_AbCdEf123 --client-id 1example23456789abcdefghij --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH'

function New-KnownSample {
    # Realistic worst cases, by type name. A type not listed here gets generated samples only.
    param([Parameter(Mandatory)] [type] $Type)
    switch ($Type.FullName) {
        'CognitoClerk.ClerkMigrationResult' {
            [CognitoClerk.ClerkMigrationResult]@{ Status = 'Created'; CognitoUsername = 'aiko.tanaka.010'; Email = 'aiko.tanaka.010@example.com'; ClerkUserId = 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG'; ExternalId = '3c420e03-1234-4abc-9def-0123456789ab'; UserPoolId = 'eu-west-1_AbCdEf123' }
            [CognitoClerk.ClerkMigrationResult]@{ Status = 'AlreadyMigrated'; CognitoUsername = '7f0c1a52-0000-4000-8000-00000000e41e'; Email = 'lukasz.wisniewski.012@partner.example'; ClerkUserId = 'user_LPCus5ppI9eOmO0UMNd7FYcYXdC'; FromJournal = $true; Reason = 'Finished in an earlier run (journal); not sent to Clerk again.' }
            [CognitoClerk.ClerkMigrationResult]@{ Status = 'Skipped'; CognitoUsername = 'lukasz.wisniewski.012'; ErrorCode = 'CognitoUserForceChangePassword'; Reason = $LongReason }
            [CognitoClerk.ClerkMigrationResult]@{ Status = 'Failed'; CognitoUsername = 'søren.ågård.016'; ErrorCode = 'form_param_format_invalid'; TraceId = '0f6c2a1b9d8e4f7a8b6c5d4e3f2a1b0c'; Reason = 'Clerk refused the user: first_name is invalid (form_param_format_invalid).' }
            [CognitoClerk.ClerkMigrationResult]@{ Status = 'Conflict'; CognitoUsername = 'chloe.obrien.012'; ErrorCode = 'ClerkIdentifierConflict'; ConflictingClerkUserId = 'user_2xYzAbCdEfGhIjKlMnOpQrStUvW'; Reason = 'chloe.obrien.012@example.com belongs to Clerk user user_2xYzAbCdEfGhIjKlMnOpQrStUvW, which has another external_id.' }
        }
        'CognitoClerk.CognitoMigrationUser' {
            [CognitoClerk.CognitoMigrationUser]@{ Username = 'lukasz.wisniewski.012'; Email = 'lukasz.wisniewski.012@example.com'; UserStatus = 'FORCE_CHANGE_PASSWORD'; Enabled = $false; Sub = '3c420e03-1234-4abc-9def-0123456789ab'; UserPoolId = 'eu-west-1_AbCdEf123'; GivenName = 'Łukasz'; FamilyName = 'Wiśniewski'; EmailVerified = $true; UserCreateDate = [datetime]'2024-05-01T12:00:00Z' }
            # -IncludeGroups, with groups as an admin would set them (an array, converted), and custom attributes.
            [CognitoClerk.CognitoMigrationUser]@{
                Username = 'jose.nunez.038'; Email = 'jose.nunez.038@example.com'; UserStatus = 'CONFIRMED'; Enabled = $true; UserPoolId = 'eu-west-1_AbCdEf123'
                Groups = 'platform-administrators', 'billing.readers', 'eu-west-1-support-escalation-team', 'members'
                Attributes = [CognitoClerk.CognitoUserAttribute]::new('custom:tenant', 'acme'), [CognitoClerk.CognitoUserAttribute]::new('custom:legacy_profile_json', '{"plan":"enterprise","seats":250}')
            }
            [CognitoClerk.CognitoMigrationUser]@{ Username = '7f0c1a52-0000-4000-8000-00000000e41e'; Email = 'aiko.tanaka.010@example.com'; UserStatus = 'CONFIRMED'; Enabled = $true; PhoneNumber = '+15550000012'; PhoneNumberVerified = $false }
            [CognitoClerk.CognitoMigrationUser]@{ Username = 'Google_104000000017'; Email = 'ann@example.com'; UserStatus = 'EXTERNAL_PROVIDER'; Enabled = $true }
        }
        'CognitoClerk.CognitoUserAttribute' {
            [CognitoClerk.CognitoUserAttribute]::new('custom:tenant', 'acme')
            [CognitoClerk.CognitoUserAttribute]::new('custom:legacy_profile_json', '{"plan":"enterprise","seats":250,"region":"eu-west-1","owner":"lukasz.wisniewski.012@example.com"}')
        }
        'CognitoClerk.ClerkCognitoDigest' {
            $digest = [CognitoClerk.ClerkCognitoDigest]::new()
            $digest.external_id = '3c420e03-1234-4abc-9def-0123456789ab'
            $digest.password_digest = 'awscognito#eu-west-1_AbCdEf123#1example23456789abcdefghij#lukasz.wisniewski.012@example.com'
            $digest.email_address = @('lukasz.wisniewski.012@example.com')
            $digest.email_address_identification_status = @('verified')
            $digest.phone_number = @('+15550000012')
            $digest.phone_number_identification_status = @('reserved')
            $digest.first_name = 'Łukasz'
            $digest.last_name = 'Wiśniewski'
            $digest.created_at = '2024-05-01T12:00:00.000Z'
            $digest.private_metadata = @{ cognito = @{ user_pool_id = 'eu-west-1_AbCdEf123'; username = 'lukasz.wisniewski.012' } }
            $digest.SourceUser = [CognitoClerk.CognitoMigrationUser]@{ Username = 'lukasz.wisniewski.012' }
            $digest
            # Issue 11: a disabled user kept with -DisabledUser Ban, groups in public_metadata, custom attributes
            # under private_metadata.cognito.custom_attributes, and what -AttributeMap put in unsafe_metadata.
            $banned = [CognitoClerk.ClerkCognitoDigest]::new()
            $banned.external_id = '9ab26ae0-0b7a-416d-acc2-c852f6aa371d'
            $banned.password_digest = 'awscognito#eu-west-1_AbCdEf123#1example23456789abcdefghij#jose.nunez.038'
            $banned.email_address = 'jose.nunez.038@example.com'
            $banned.public_metadata = @{ cognito_groups = @('platform-administrators', 'billing.readers', 'members') }
            $banned.private_metadata = @{ cognito = @{ user_pool_id = 'eu-west-1_AbCdEf123'; username = 'jose.nunez.038'; custom_attributes = @{ tenant = 'acme'; legacy_profile_json = '{"plan":"enterprise","seats":250,"region":"eu-west-1"}' } } }
            $banned.unsafe_metadata = @{ preferred_theme = 'dark' }
            $banned.banned = $true
            $banned.SourceUser = [CognitoClerk.CognitoMigrationUser]@{ Username = 'jose.nunez.038'; Enabled = $false; Groups = 'platform-administrators', 'billing.readers', 'members' }
            $banned
            # A user who cannot be migrated: no payload, the reason instead.
            [CognitoClerk.ClerkCognitoDigest]@{
                password_hasher = ''; external_id = '7f0c1a52-0000-4000-8000-00000000e41e'; email_address = @('ngozi.okonkwo.020@example.com')
                Migratable = $false; ErrorId = 'CognitoUserForceChangePassword'; Reason = $LongReason
                SourceUser = [CognitoClerk.CognitoMigrationUser]@{ Username = 'ngozi.okonkwo.020' }
            }
        }
        'CognitoClerk.ClerkRemovalResult' {
            [CognitoClerk.ClerkRemovalResult]@{ Status = 'Removed'; CognitoUsername = 'aiko.tanaka.010'; ClerkUserId = 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG'; ExternalId = '3c420e03-1234-4abc-9def-0123456789ab'; UserPoolId = 'eu-west-1_AbCdEf123'; Reason = 'Clerk user user_8KIPeFImJpN3GyF9ENVgB9kCQoG was removed.' }
            [CognitoClerk.ClerkRemovalResult]@{ Status = 'Kept'; CognitoUsername = '7f0c1a52-0000-4000-8000-00000000e41e'; ClerkUserId = 'user_LPCus5ppI9eOmO0UMNd7FYcYXdC'; LastSignInAt = [datetime]::new(2026, 8, 1, 10, 22, 0, [DateTimeKind]::Utc); ErrorCode = 'ClerkUserSignedIn'; Reason = 'Clerk user user_LPCus5ppI9eOmO0UMNd7FYcYXdC signed in on 2026-08-01 10:22 UTC, after the migration: they use Clerk now, so they are kept.' }
            [CognitoClerk.ClerkRemovalResult]@{ Status = 'Kept'; CognitoUsername = 'søren.ågård.016'; ClerkUserId = 'user_2ZyXwVuTsRqPoNmLkJiHgFeDcBa'; ErrorCode = 'ClerkUserChanged'; Reason = 'Clerk user user_2ZyXwVuTsRqPoNmLkJiHgFeDcBa now has external_id someone-else, not the Cognito sub 0060b922-c169-491e-9d5b-af81bac491f2 it was created with, so it is no longer the user this module created; it is kept, even when users who signed in are removed.' }
            [CognitoClerk.ClerkRemovalResult]@{ Status = 'NotFound'; CognitoUsername = 'ngozi.okonkwo.020'; ClerkUserId = 'user_2xYzAbCdEfGhIjKlMnOpQrStUvW'; Reason = 'Clerk has no user user_2xYzAbCdEfGhIjKlMnOpQrStUvW: it was removed already.' }
            [CognitoClerk.ClerkRemovalResult]@{ Status = 'Failed'; CognitoUsername = 'lukasz.wisniewski.012'; ClerkUserId = 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG'; ErrorCode = 'internal_clerk_error'; TraceId = '0f6c2a1b9d8e4f7a8b6c5d4e3f2a1b0c'; Reason = 'Clerk user user_8KIPeFImJpN3GyF9ENVgB9kCQoG was not removed: Clerk answered 500 Internal Server Error (internal_clerk_error).' }
        }
        'CognitoClerk.MigrationReadinessCheck' {
            [CognitoClerk.MigrationReadinessCheck]@{ Name = 'ClientSecret'; Passed = $true; Severity = 'Info'; Detail = 'The client has no secret (a public client), so Clerk can call InitiateAuth with it.'; UserPoolId = 'eu-west-1_AbCdEf123'; ClientId = '1example23456789abcdefghij' }
            [CognitoClerk.MigrationReadinessCheck]@{ Name = 'UserPasswordAuth'; Passed = $false; Severity = 'Error'; Detail = 'ExplicitAuthFlows (ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH) do not allow USER_PASSWORD_AUTH, the flow Clerk calls InitiateAuth with.'; Fix = $LongFix; UserPoolId = 'eu-west-1_AbCdEf123'; ClientId = '1example23456789abcdefghij' }
            [CognitoClerk.MigrationReadinessCheck]@{ Name = 'ClerkInstance'; Skipped = $true; Severity = 'Warning'; Detail = 'No Clerk secret key: the instance could not be checked.'; Fix = 'Set $env:CLERK_SECRET_KEY or pass -SecretKey.' }
        }
        'CognitoClerk.ClerkMigrationUserStatus' {
            [CognitoClerk.ClerkMigrationUserStatus]@{ State = 'AwaitingFirstSignIn'; Username = 'lukasz.wisniewski.012'; CognitoEnabled = $true; Changes = 'first_name', 'email_address', 'private_metadata.cognito.custom_attributes.tenant'; ClerkUserId = 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG'; ExternalId = '3c420e03-1234-4abc-9def-0123456789ab'; UserPoolId = 'eu-west-1_AbCdEf123'; Email = 'lukasz.wisniewski.012@example.com' }
            [CognitoClerk.ClerkMigrationUserStatus]@{ State = 'SignedIn'; Username = '7f0c1a52-0000-4000-8000-00000000e41e'; CognitoEnabled = $false; ClerkUserId = 'user_LPCus5ppI9eOmO0UMNd7FYcYXdC'; LastSignInAt = [datetime]::new(2026, 8, 1, 10, 22, 0, [DateTimeKind]::Utc) }
            [CognitoClerk.ClerkMigrationUserStatus]@{ State = 'CannotMigrate'; Username = 'søren.ågård.016'; CognitoEnabled = $true; Reason = 'CognitoUserForceChangePassword'; CognitoUser = [CognitoClerk.CognitoMigrationUser]@{ Username = 'søren.ågård.016'; UserStatus = 'FORCE_CHANGE_PASSWORD'; Enabled = $true } }
            [CognitoClerk.ClerkMigrationUserStatus]@{ State = 'DeletedInCognito'; Username = 'ngozi.okonkwo.020'; ClerkUserId = 'user_2xYzAbCdEfGhIjKlMnOpQrStUvW'; ClerkBanned = $true; UserPoolId = 'eu-west-1_AbCdEf123' }
            # Banned by a sync when Cognito disabled her, enabled in Cognito again since: the next sync lifts it.
            [CognitoClerk.ClerkMigrationUserStatus]@{ State = 'AwaitingFirstSignIn'; Username = 'maria.garcia.lopez.024'; CognitoEnabled = $true; ClerkUserId = 'user_3aBcDeFgHiJkLmNoPqRsTuVwXyZ'; ClerkBanned = $true; ModuleRestriction = 'Ban'; UserPoolId = 'eu-west-1_AbCdEf123' }
        }
        'CognitoClerk.ClerkMigrationStatusSummary' {
            [CognitoClerk.ClerkMigrationStatusSummary]@{
                UserPoolId = 'eu-west-1_AbCdEf123'; WholePool = $true; Users = 100000; SignedIn = 61250; AwaitingFirstSignIn = 33750; NotMigrated = 3000; CannotMigrate = 1000; DeletedInCognito = 1000
                SignedInPercent = 64.5; StillNeedCognito = 33750; Changed = 412; DisabledButActiveInClerk = 17; ReenabledButBanned = 3; ClerkRequests = 1195
                Verdict = 'Not yet: 33,750 users in Clerk have never signed in there, so Clerk still asks Cognito for their password; with Cognito off they could only get in by resetting it. 3,000 users are in Cognito only and not migrated yet (a sync creates them).'
                CognitoQuota = "Each first sign-in makes Clerk call Cognito InitiateAuth, which counts against the AWS account's UserAuthentication quota: 120 requests per second per account and Region by default, shared with every other app of the account."
            }
        }
        'CognitoClerk.ClerkSyncResult' {
            [CognitoClerk.ClerkSyncResult]@{ Status = 'Updated'; Username = 'lukasz.wisniewski.012'; State = 'AwaitingFirstSignIn'; Applied = 'first_name', 'email_address'; ClerkUserId = 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG'; ExternalId = '3c420e03-1234-4abc-9def-0123456789ab'; UserPoolId = 'eu-west-1_AbCdEf123' }
            [CognitoClerk.ClerkSyncResult]@{ Status = 'Skipped'; Username = '7f0c1a52-0000-4000-8000-00000000e41e'; State = 'SignedIn'; ClerkUserId = 'user_LPCus5ppI9eOmO0UMNd7FYcYXdC'; Reason = 'Signed in to Clerk (last sign-in 2026-08-01 10:22 UTC): Clerk is their source of truth, so nothing is changed. Differs from Cognito in first_name.' }
            # The module's own ban lifted; and a ban placed by hand, left as it is.
            [CognitoClerk.ClerkSyncResult]@{ Status = 'Unbanned'; Username = 'maria.garcia.lopez.024'; State = 'AwaitingFirstSignIn'; Applied = 'unban'; ClerkUserId = 'user_3aBcDeFgHiJkLmNoPqRsTuVwXyZ'; UserPoolId = 'eu-west-1_AbCdEf123' }
            [CognitoClerk.ClerkSyncResult]@{ Status = 'Skipped'; Username = 'olusegun.adeyemi.028'; State = 'AwaitingFirstSignIn'; ClerkUserId = 'user_4bCdEfGhIjKlMnOpQrStUvWxYzA'; Reason = 'Banned in Clerk, not by this module; left as it is.' }
            [CognitoClerk.ClerkSyncResult]@{ Status = 'Banned'; Username = 'ngozi.okonkwo.020'; State = 'DeletedInCognito'; Applied = 'ban'; ClerkUserId = 'user_2xYzAbCdEfGhIjKlMnOpQrStUvW' }
            [CognitoClerk.ClerkSyncResult]@{ Status = 'Failed'; Username = 'søren.ågård.016'; State = 'AwaitingFirstSignIn'; ErrorCode = 'form_identifier_exists'; Reason = 'Clerk refused the change: That email address is taken. Please try another. (form_identifier_exists)' }
        }
        'CognitoClerk.MigratedUserValidationResult' {
            [CognitoClerk.MigratedUserValidationResult]@{ Identifier = 'lukasz.wisniewski.012@example.com'; Passed = $true; CognitoStatus = 'Authenticated'; CognitoDetail = 'Cognito issued tokens: Clerk''s sign-in will succeed.'; ClerkStatus = 'Verified'; ClerkUserId = 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG'; ClerkDetail = 'Clerk accepted the password.'; UserPoolId = 'eu-west-1_AbCdEf123'; ClientId = '1example23456789abcdefghij' }
            [CognitoClerk.MigratedUserValidationResult]@{ Identifier = 'ann.lee.003'; Passed = $false; CognitoStatus = 'PasswordResetRequired'; CognitoDetail = 'PasswordResetRequiredException: the user must reset their password before Cognito accepts it, so Clerk cannot migrate it.'; ClerkStatus = 'NotRun'; ClerkDetail = 'Not asked: Cognito refused the password, and a second try would count towards a lockout.' }
            [CognitoClerk.MigratedUserValidationResult]@{ Identifier = 'zoe.orsted.012'; Passed = $false; CognitoStatus = 'Challenge'; CognitoChallenge = 'SOFTWARE_TOKEN_MFA'; CognitoDetail = 'Cognito answered with a challenge Clerk cannot answer.'; ClerkStatus = 'IncorrectPassword'; ClerkUserId = 'user_2xYzAbCdEfGhIjKlMnOpQrStUvW'; ClerkErrorCode = 'incorrect_password' }
        }
    }
}

function New-GeneratedValue {
    # A plausible long value for a property, from its name and type: what a view of a new type must cope with.
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [type] $Type, [int] $Depth = 0)

    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { $Type = $inner }
    if ($Type -eq [string]) {
        switch -Wildcard ($Name) {
            '*Email*' { return 'lukasz.wisniewski.012@example.com' }
            '*UserPoolId*' { return 'eu-west-1_AbCdEf123' }
            '*ClientId*' { return '1example23456789abcdefghij' }
            '*ExternalId*' { return '3c420e03-1234-4abc-9def-0123456789ab' }
            'external_id' { return '3c420e03-1234-4abc-9def-0123456789ab' }
            'Sub' { return '3c420e03-1234-4abc-9def-0123456789ab' }
            '*ClerkUserId*' { return 'user_8KIPeFImJpN3GyF9ENVgB9kCQoG' }
            '*TraceId*' { return '0f6c2a1b9d8e4f7a8b6c5d4e3f2a1b0c' }
            '*Status*' { return 'FORCE_CHANGE_PASSWORD' }
            '*Username*' { return 'lukasz.wisniewski.012' }
            '*Identifier*' { return 'lukasz.wisniewski.012@example.com' }
            '*digest*' { return 'awscognito#eu-west-1_AbCdEf123#1example23456789abcdefghij#lukasz.wisniewski.012' }
            '*Reason*' { return $LongReason }
            '*Detail*' { return $LongReason }
            '*Message*' { return $LongReason }
            '*Fix*' { return $LongFix }
            '*Code*' { return 'CognitoUserForceChangePassword' }
            default { return "$Name of lukasz.wisniewski.012" }
        }
    }

    if ($Type -eq [bool]) { return $true }
    if ($Type -eq [datetime]) { return [datetime]'2024-05-01T12:00:00Z' }
    if ($Type -eq [datetimeoffset]) { return [datetimeoffset]'2024-05-01T12:00:00Z' }
    if ($Type -eq [timespan]) { return [timespan]::FromSeconds(4321.5) }
    if ($Type.IsEnum) { return [Enum]::GetNames($Type) | Sort-Object Length -Descending | Select-Object -First 1 }
    if ($Type.IsPrimitive -or $Type -eq [decimal]) { return [Convert]::ChangeType(12345, $Type) }
    if ([System.Collections.IDictionary].IsAssignableFrom($Type)) {
        return @{ cognito = @{ user_pool_id = 'eu-west-1_AbCdEf123'; username = 'lukasz.wisniewski.012' } }
    }

    $element = if ($Type.IsArray) { $Type.GetElementType() }
               else {
                   $Type.GetInterfaces() + @($Type) | Where-Object { $_.IsGenericType -and $_.GetGenericTypeDefinition() -eq [System.Collections.Generic.IEnumerable`1] } |
                       ForEach-Object { $_.GetGenericArguments()[0] } | Select-Object -First 1
               }
    if ($element) {
        return @((New-GeneratedValue -Name $Name -Type $element -Depth $Depth), (New-GeneratedValue -Name $Name -Type $element -Depth $Depth))
    }

    if ($Depth -lt 2 -and $Type.Assembly -eq [CognitoClerk.CognitoMigrationUser].Assembly) {
        return @(New-GeneratedSample -Type $Type -Depth ($Depth + 1))[0]
    }

    $null
}

function New-GeneratedSample {
    # An instance with every settable property given a plausible long value (or constructor arguments so).
    param([Parameter(Mandatory)] [type] $Type, [int] $Depth = 0)

    $parameterless = $Type.GetConstructor([type]::EmptyTypes)
    if ($parameterless) {
        $sample = [Activator]::CreateInstance($Type)
        foreach ($property in $Type.GetProperties() | Where-Object { $_.CanWrite -and $_.GetSetMethod() -and $_.GetIndexParameters().Count -eq 0 }) {
            $value = New-GeneratedValue -Name $property.Name -Type $property.PropertyType -Depth $Depth
            if ($null -ne $value) { $sample.($property.Name) = $value }
        }

        return $sample
    }

    $constructor = $Type.GetConstructors() | Sort-Object { $_.GetParameters().Count } -Descending | Select-Object -First 1
    $arguments = @($constructor.GetParameters() | ForEach-Object { New-GeneratedValue -Name $_.Name -Type $_.ParameterType -Depth $Depth })
    $constructor.Invoke($arguments)
}

function Get-ViewSample {
    <#
    .SYNOPSIS
    Samples of a type to render: the hand-written ones and a generated one.
    #>
    param([Parameter(Mandatory)] [type] $Type)
    @(New-KnownSample -Type $Type) + @(New-GeneratedSample -Type $Type)
}

function Get-DisplayWidth {
    param([AllowEmptyString()] [string] $Text)
    [CognitoClerk.Formatting.ColumnText]::DisplayWidth($Text)
}

function Get-SampleWord {
    <#
    .SYNOPSIS
    Every word a rendering of these objects may honestly contain: the words of every property value (nested
    objects, list elements, dictionary entries as "path=value", dates in both the invariant and the display form)
    and of the given extra text (column labels, words the view adds).
    #>
    param([AllowEmptyCollection()] [object[]] $InputObject = @(), [AllowEmptyCollection()] [string[]] $Extra = @())

    $texts = [System.Collections.Generic.List[string]]::new()
    $visit = {
        param($value, [string] $path, [int] $depth)
        if ($null -eq $value -or $depth -gt 4) { return }
        if ($value -is [string]) { $texts.Add($value); return }
        if ($value -is [datetime] -or $value -is [datetimeoffset]) {
            # The invariant form, the display form, and the sortable one a narrow column shows ("2024-05-01 12:00").
            $texts.Add("$value"); $texts.Add($value.ToString()); $texts.Add($value.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture))
            return
        }
        if ($value -is [System.Collections.IDictionary]) {
            foreach ($key in $value.Keys) {
                $inner = $value[$key]
                $innerPath = if ($path) { "$path.$key" } else { "$key" }
                $texts.Add("$key")
                if ($inner -isnot [System.Collections.IDictionary]) { $texts.Add("$innerPath=$inner") }
                & $visit $inner $innerPath ($depth + 1)
            }
            return
        }
        $texts.Add("$value")
        $texts.Add($value.ToString())
        if ($value -is [System.Collections.IEnumerable]) {
            foreach ($item in $value) { & $visit $item $path ($depth + 1) }
            return
        }
        if ($value.GetType().IsPrimitive -or $value -is [enum] -or $value -is [decimal]) { return }
        foreach ($property in $value.PSObject.Properties) {
            try { $inner = $property.Value } catch { continue }
            & $visit $inner $property.Name ($depth + 1)
        }
    }

    foreach ($object in $InputObject) { & $visit $object '' 0 }
    foreach ($text in $Extra) { $texts.Add($text) }
    $words = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
    foreach ($text in $texts) {
        foreach ($word in $text -split '\s+') {
            if ($word) { [void]$words.Add($word); [void]$words.Add($word.Trim($Punctuation)) }
        }
    }

    , $words
}

# What may surround a word in a rendering: "(disabled)", "CognitoUserDisabled:", "'alice'".
$Punctuation = [char[]]"()'`":,;[]{}"

function Get-RenderingProblem {
    <#
    .SYNOPSIS
    What makes a rendering hard to read at a width: a line wider than it, PowerShell's truncation mark (…), and
    any word that is not whole. Every token of the text must be a word of the objects (Get-SampleWord), or a piece
    of one that starts at its beginning or after punctuation and ends at its end or at punctuation
    ("3c420e03-1234-" / "4abc-9def-0123456789ab"): a cut like "disabl" / "ed" is neither.
    #>
    param(
        [Parameter(Mandatory)] [AllowEmptyString()] [string] $Text,
        [Parameter(Mandatory)] [int] $Width,
        [Parameter(Mandatory)] [System.Collections.Generic.HashSet[string]] $Words
    )

    foreach ($line in $Text -split "`r?`n") {
        if ((Get-DisplayWidth $line.TrimEnd()) -gt $Width) { "wider than $Width columns: '$line'" }
    }

    if ($Text.Contains([char]0x2026)) { 'PowerShell cut a value short (…)' }

    foreach ($token in $Text -split '\s+' | Where-Object { $_ } | Sort-Object -Unique) {
        if ($token -match '^[-:]+$' -or $Words.Contains($token) -or $Words.Contains($token.Trim($Punctuation))) { continue }
        if (-not (Test-WordPiece -Piece $token -Words $Words) -and -not (Test-WordPiece -Piece $token.Trim($Punctuation) -Words $Words)) {
            "'$token' is not a whole word, nor a piece broken at punctuation"
        }
    }
}

function Test-WordPiece {
    param([string] $Piece, [System.Collections.Generic.HashSet[string]] $Words)
    if (-not $Piece) { return $true }
    foreach ($word in $Words) {
        $at = $word.IndexOf($Piece, [StringComparison]::Ordinal)
        while ($at -ge 0) {
            $end = $at + $Piece.Length
            $startsClean = $at -eq 0 -or $BreakAfter.Contains($word[$at - 1])
            $endsClean = $end -eq $word.Length -or $BreakAfter.Contains($word[$end - 1])
            if ($startsClean -and $endsClean) { return $true }
            $at = $word.IndexOf($Piece, $at + 1, [StringComparison]::Ordinal)
        }
    }

    $false
}

function Get-ViewDefinition {
    <#
    .SYNOPSIS
    The views of the module's format file, as objects: Name, the type names they select, Kind (Table, List,
    Custom), column labels and widths, and the properties they read (PropertyName or $_.Name in script blocks).
    #>
    param([Parameter(Mandatory)] [string] $FormatFile)
    $xml = [xml](Get-Content -LiteralPath $FormatFile -Raw)
    foreach ($view in $xml.SelectNodes('/Configuration/ViewDefinitions/View')) {
        $kind = if ($view.SelectSingleNode('TableControl')) { 'Table' }
                elseif ($view.SelectSingleNode('ListControl')) { 'List' }
                elseif ($view.SelectSingleNode('CustomControl')) { 'Custom' }
                else { 'Other' }
        $read = [System.Collections.Generic.List[string]]::new()
        foreach ($node in $view.SelectNodes('.//PropertyName')) { $read.Add($node.InnerText.Trim()) }
        foreach ($node in $view.SelectNodes('.//ScriptBlock')) {
            foreach ($match in [regex]::Matches($node.InnerText, '\$_\.(\w+)')) { $read.Add($match.Groups[1].Value) }
        }

        $headers = @($view.SelectNodes('TableControl/TableHeaders/TableColumnHeader'))
        $labels = foreach ($item in $view.SelectNodes('ListControl/ListEntries/ListEntry/ListItems/ListItem')) {
            $label = $item.SelectSingleNode('Label')
            if ($label) { $label.InnerText.Trim() } else { $item.SelectSingleNode('PropertyName').InnerText.Trim() }
        }

        [pscustomobject]@{
            Name           = $view.SelectSingleNode('Name').InnerText
            TypeNames      = @($view.SelectNodes('ViewSelectedBy/TypeName') | ForEach-Object { $_.InnerText.Trim() })
            Kind           = $kind
            ColumnLabels   = @($headers | ForEach-Object { $_.SelectSingleNode('Label').InnerText.Trim() })
            ColumnWidths   = @($headers | ForEach-Object { $width = $_.SelectSingleNode('Width'); if ($width) { [int]$width.InnerText } else { $null } })
            Wraps          = [bool]$view.SelectSingleNode('TableControl/TableRowEntries/TableRowEntry/Wrap')
            ListLabels     = @($labels)
            PropertiesRead = @($read | Sort-Object -Unique)
        }
    }
}

Export-ModuleMember -Function Get-ViewSample, New-GeneratedSample, Get-SampleWord, Get-RenderingProblem, Get-DisplayWidth, Get-ViewDefinition
