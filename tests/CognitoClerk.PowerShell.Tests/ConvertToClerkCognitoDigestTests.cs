using System.Collections;
using System.Management.Automation;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// ConvertTo-ClerkCognitoDigest in the real PowerShell engine with the built module: every input shape
/// an admin can pipe in, errors with their exact ErrorIds while the run goes on, and the defaults taken
/// from the environment.
/// </summary>
public sealed class ConvertToClerkCognitoDigestTests : IDisposable
{
    private const string Pool = "us-east-1_AbCdEf123";
    private const string Client = "1example23456789abcdefghij";

    /// <summary>`aws cognito-idp list-users` as AWS CLI v2 prints it (ISO 8601 timestamps, its default).</summary>
    private const string ListUsersResponse = """
    {
      "Users": [
        {
          "Username": "alice",
          "Attributes": [
            { "Name": "sub", "Value": "0f4e5d6c-1111-4a2b-9c3d-aaaaaaaaaaaa" },
            { "Name": "email_verified", "Value": "true" },
            { "Name": "phone_number_verified", "Value": "false" },
            { "Name": "phone_number", "Value": "+14155550100" },
            { "Name": "given_name", "Value": "Zoë" },
            { "Name": "family_name", "Value": "Ångström-Núñez" },
            { "Name": "custom:tenant", "Value": "acme" },
            { "Name": "email", "Value": "alice@example.com" }
          ],
          "UserCreateDate": "2023-05-01T15:43:49.578000+00:00",
          "UserLastModifiedDate": "2023-07-10T23:03:01.630000+00:00",
          "Enabled": true,
          "UserStatus": "CONFIRMED"
        },
        {
          "Username": "bob",
          "Attributes": [
            { "Name": "sub", "Value": "0f4e5d6c-2222-4a2b-9c3d-bbbbbbbbbbbb" },
            { "Name": "email", "Value": "bob@example.com" }
          ],
          "UserCreateDate": "2023-05-02T10:00:00.000000+00:00",
          "UserLastModifiedDate": "2023-05-02T10:00:00.000000+00:00",
          "Enabled": true,
          "UserStatus": "UNCONFIRMED"
        },
        {
          "Username": "carol",
          "Attributes": [ { "Name": "sub", "Value": "0f4e5d6c-3333-4a2b-9c3d-cccccccccccc" } ],
          "UserCreateDate": "2023-05-03T10:00:00.000000+00:00",
          "Enabled": true,
          "UserStatus": "FORCE_CHANGE_PASSWORD"
        },
        {
          "Username": "Google_112233445566778899",
          "Attributes": [
            { "Name": "sub", "Value": "0f4e5d6c-4444-4a2b-9c3d-dddddddddddd" },
            { "Name": "identities", "Value": "[{\"providerName\":\"Google\",\"userId\":\"112233445566778899\"}]" }
          ],
          "UserCreateDate": "2023-05-04T10:00:00.000000+00:00",
          "Enabled": true,
          "UserStatus": "EXTERNAL_PROVIDER"
        },
        {
          "Username": "dave",
          "Attributes": [ { "Name": "sub", "Value": "0f4e5d6c-5555-4a2b-9c3d-eeeeeeeeeeee" } ],
          "UserCreateDate": "2023-05-05T10:00:00.000000+00:00",
          "Enabled": false,
          "UserStatus": "CONFIRMED"
        },
        {
          "Username": "erin",
          "Attributes": [ { "Name": "email", "Value": "erin@example.com" } ],
          "UserCreateDate": "2023-05-06T10:00:00.000000+00:00",
          "Enabled": true,
          "UserStatus": "CONFIRMED"
        },
        {
          "Username": "frank#1",
          "Attributes": [ { "Name": "sub", "Value": "0f4e5d6c-7777-4a2b-9c3d-ffffffffffff" } ],
          "UserCreateDate": "2023-05-07T10:00:00.000000+00:00",
          "Enabled": true,
          "UserStatus": "CONFIRMED"
        },
        {
          "Username": "grace",
          "Attributes": [
            { "Name": "sub", "Value": "0f4e5d6c-8888-4a2b-9c3d-000000000000" },
            { "Name": "email", "Value": "grace@example.com" },
            { "Name": "email_verified", "Value": "false" },
            { "Name": "phone_number", "Value": "555-0100" }
          ],
          "UserCreateDate": "2023-05-08T10:00:00.000000+00:00",
          "Enabled": true,
          "UserStatus": "CONFIRMED"
        }
      ]
    }
    """;

    private readonly ModuleHost _host = new();
    private readonly Dictionary<string, string?> _savedEnvironment = new();

    public ConvertToClerkCognitoDigestTests()
    {
        // The machine's own settings must not leak into the defaults under test.
        SetEnvironment("COGNITO_CLIENT_ID", null);
        SetEnvironment("COGNITO_USER_POOL_ID", null);
    }

    public void Dispose()
    {
        foreach (var pair in _savedEnvironment)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }

        _host.Dispose();
    }

    [Fact]
    public void A_list_users_response_converts_the_confirmed_users_and_reports_every_other_one()
    {
        var run = Run(
            "$response | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool",
            Vars(("response", ConvertFromJsonStandIn.Convert(ListUsersResponse)), ("client", Client), ("pool", Pool)));

        Assert.Null(run.Terminating);
        Assert.Equal(new[] { "alice", "grace" }, Payloads(run).Select(o => Digest(o)["private_metadata"] is Hashtable m ? (string)((Hashtable)m["cognito"]!)["username"]! : "?"));
        Assert.Equal(
            new[]
            {
                "CognitoUserUnconfirmed", "CognitoUserForceChangePassword", "CognitoUserExternalProvider",
                "CognitoUserDisabled", "CognitoUserSubMissing", "IdentifierContainsHash",
            },
            run.Errors.Select(ErrorIdOf));
        Assert.All(run.Errors, e => Assert.EndsWith(",CognitoClerk.Commands.ConvertToClerkCognitoDigestCommand", e.FullyQualifiedErrorId));
        Assert.Equal(
            new[] { "bob", "carol", "Google_112233445566778899", "dave", "erin", "frank#1" },
            run.Errors.Select(e => e.CategoryInfo.TargetName));
        Assert.Equal(
            new[] { ErrorCategory.InvalidOperation, ErrorCategory.InvalidOperation, ErrorCategory.InvalidOperation, ErrorCategory.NotEnabled, ErrorCategory.ObjectNotFound, ErrorCategory.InvalidData },
            run.Errors.Select(e => e.CategoryInfo.Category));

        // The target is the user element itself, so `$error[0].TargetObject.Username` names the user.
        Assert.Equal("bob", ((PSObject)run.Errors[0].TargetObject).Properties["Username"].Value);
        Assert.Contains("UNCONFIRMED", run.Errors[0].Exception.Message);
        Assert.Contains("admin-confirm-sign-up", run.Errors[0].Exception.Message);

        var alice = Digest(Payloads(run)[0]);
        Assert.Equal("awscognito", alice["password_hasher"]);
        Assert.Equal($"awscognito#{Pool}#{Client}#alice", alice["password_digest"]);
        Assert.Equal("0f4e5d6c-1111-4a2b-9c3d-aaaaaaaaaaaa", alice["external_id"]);
        Assert.Equal(new[] { "alice@example.com" }, Values(alice["email_address"]));
        Assert.Equal(new[] { "verified" }, Values(alice["email_address_identification_status"]));
        Assert.Equal(new[] { "+14155550100" }, Values(alice["phone_number"]));
        Assert.Equal(new[] { "reserved" }, Values(alice["phone_number_identification_status"]));
        Assert.Equal("Zoë", alice["first_name"]);
        Assert.Equal("Ångström-Núñez", alice["last_name"]);
        Assert.Equal("2023-05-01T15:43:49.578Z", alice["created_at"]);
        Assert.Null(alice["username"]);
        var cognito = (Hashtable)((Hashtable)alice["private_metadata"]!)["cognito"]!;
        Assert.Equal(Pool, cognito["user_pool_id"]);

        // The custom attribute is not sent, but it travels with the source user for filtering and reports.
        var source = PSObject.AsPSObject(Payloads(run)[0].Properties["SourceUser"].Value);
        Assert.Equal("acme", Script("$args[0].SourceUser.Attributes | Where-Object Name -eq 'custom:tenant' | ForEach-Object Value", Payloads(run)[0]));
        Assert.Equal(Pool, source.Properties["UserPoolId"].Value);

        // grace: her phone is not E.164, so it is left out with a warning that names her; she is still migrated.
        var grace = Digest(Payloads(run)[1]);
        Assert.Null(grace["phone_number"]);
        Assert.Equal(new[] { "reserved" }, Values(grace["email_address_identification_status"]));
        var warning = Assert.Single(run.Warnings);
        Assert.Contains("'grace'", warning);
        Assert.Contains("555-0100", warning);

        // Each user who cannot be converted is also written as a not-migratable marker, for New-ClerkMigratedUser.
        AssertOneMarkerPerError(run);
    }

    [Fact]
    public void The_users_of_a_response_can_be_piped_one_by_one_with_epoch_timestamps()
    {
        // The Cognito API itself (and `aws --cli-timestamp-format none`) gives epoch seconds with a fraction.
        const string json = """
        { "Username": "alice", "Enabled": true, "UserStatus": "CONFIRMED",
          "UserCreateDate": 1682955829.578, "UserLastModifiedDate": 1.68903018163E9,
          "Attributes": [ { "Name": "sub", "Value": "s-1" }, { "Name": "email", "Value": "alice@example.com" } ] }
        """;
        var run = Run(
            "$users | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool",
            Vars(("users", new[] { ConvertFromJsonStandIn.Convert(json) }), ("client", Client), ("pool", Pool)));

        Assert.Empty(run.Errors);
        var digest = Digest(Assert.Single(run.Output));
        Assert.Equal("2023-05-01T15:43:49.578Z", digest["created_at"]);
        Assert.Equal("s-1", digest["external_id"]);
    }

    public static TheoryData<object> SameInstantInEveryForm => new()
    {
        1682955829.578d,
        1682955829.5779998d,
        1682955829.578m,
        "1682955829.578",
        "2023-05-01T15:43:49.578000+00:00",
        "2023-05-01T17:43:49.578+02:00",
        "2023-05-01T15:43:49.578Z",
        new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Utc),
        new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Utc).ToLocalTime(),
        new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Unspecified),
        new DateTimeOffset(2023, 5, 1, 17, 43, 49, 578, TimeSpan.FromHours(2)),
    };

    [Theory]
    [MemberData(nameof(SameInstantInEveryForm))]
    public void UserCreateDate_in_every_form_it_arrives_in_becomes_the_same_created_at(object created)
    {
        var run = Run(
            "[pscustomobject]@{ Username = 'alice'; UserStatus = 'CONFIRMED'; Enabled = $true; UserCreateDate = $created; Attributes = @(@{ Name = 'sub'; Value = 's' }) } | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool",
            Vars(("created", created), ("client", Client), ("pool", Pool)));

        Assert.Empty(run.Errors);
        Assert.Empty(run.Warnings);
        Assert.Equal("2023-05-01T15:43:49.578Z", Digest(Assert.Single(run.Output))["created_at"]);
    }

    [Fact]
    public void An_unreadable_UserCreateDate_is_left_out_with_a_warning_and_the_user_kept()
    {
        var run = Run(
            "[pscustomobject]@{ Username = 'alice'; UserStatus = 'CONFIRMED'; Enabled = $true; UserCreateDate = 'last spring'; Attributes = @(@{ Name = 'sub'; Value = 's' }) } | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool",
            Vars(("client", Client), ("pool", Pool)));

        Assert.Null(Digest(Assert.Single(run.Output))["created_at"]);
        var warning = Assert.Single(run.Warnings);
        Assert.Contains("'alice'", warning);
        Assert.Contains("last spring", warning);
    }

    [Fact]
    public void Flat_rows_such_as_Import_Csv_gives_convert_from_their_columns()
    {
        // Export-Csv of our users writes the attribute list as its type name and every other value as text.
        var run = Run(
            """
            [pscustomobject]@{
                Username = 'alice'; Sub = 's-1'; Email = 'alice@example.com'; EmailVerified = 'True'
                PhoneNumber = ''; PhoneNumberVerified = ''; GivenName = 'Zoë'; FamilyName = ''
                UserStatus = 'CONFIRMED'; Enabled = 'True'; UserCreateDate = '2023-05-01T15:43:49.578Z'
                UserLastModifiedDate = ''; Attributes = 'CognitoClerk.CognitoUserAttribute[]'; UserPoolId = 'us-west-2_Pool00001'
            } | ConvertTo-ClerkCognitoDigest -ClientId $client
            """,
            Vars(("client", Client)));

        Assert.Empty(run.Errors);
        var digest = Digest(Assert.Single(run.Output));
        Assert.Equal($"awscognito#us-west-2_Pool00001#{Client}#alice", digest["password_digest"]);
        Assert.Equal("s-1", digest["external_id"]);
        Assert.Equal(new[] { "verified" }, Values(digest["email_address_identification_status"]));
        Assert.Null(digest["phone_number"]);
        Assert.Equal("Zoë", digest["first_name"]);
        Assert.Null(digest["last_name"]);
    }

    [Fact]
    public void Groups_are_read_from_a_CSV_row_a_JSON_object_and_our_own_users_and_custom_columns_travel_with_them()
    {
        // Export-Csv writes Groups as the names separated by spaces (CognitoGroupNames.ToString()), custom:<name> columns as they are.
        var json = ConvertFromJsonStandIn.Convert("""
            {"Username":"bob","UserStatus":"CONFIRMED","Enabled":true,"UserPoolId":"us-west-2_Pool00001",
             "Attributes":[{"Name":"sub","Value":"s-2"}],"Groups":["editors","members"]}
            """);
        var run = Run(
            """
            $csv = [pscustomobject]@{
                Username = 'alice'; Sub = 's-1'; UserStatus = 'CONFIRMED'; Enabled = 'True'; UserPoolId = 'us-west-2_Pool00001'
                Attributes = 'CognitoClerk.CognitoUserAttribute[]'; Groups = 'admins  editors'; 'custom:tenant' = 'acme'
            }
            $typed = [CognitoClerk.CognitoMigrationUser]@{ Username = 'carol'; Sub = 's-3'; UserStatus = 'CONFIRMED'; Enabled = $true; UserPoolId = 'us-west-2_Pool00001' }
            $typed.Groups = [CognitoClerk.CognitoGroupNames]::new([string[]]@('admins'))
            $none = [pscustomobject]@{ Username = 'dave'; Sub = 's-4'; UserStatus = 'CONFIRMED'; Enabled = 'True'; UserPoolId = 'us-west-2_Pool00001'; Groups = '' }
            $csv, $json, $typed, $none | ConvertTo-ClerkCognitoDigest -ClientId $client
            """,
            Vars(("client", Client), ("json", json)));

        Assert.Empty(run.Errors);
        var digests = run.Output.Select(Digest).ToDictionary(d => (string)d["external_id"]!);
        Assert.Equal(new[] { "admins", "editors" }, (object[])((Hashtable)digests["s-1"]["public_metadata"]!)["cognito_groups"]!);
        Assert.Equal(new[] { "editors", "members" }, (object[])((Hashtable)digests["s-2"]["public_metadata"]!)["cognito_groups"]!);
        Assert.Equal(new[] { "admins" }, (object[])((Hashtable)digests["s-3"]["public_metadata"]!)["cognito_groups"]!);
        Assert.Null(digests["s-4"]["public_metadata"]);
        var cognito = (Hashtable)((Hashtable)digests["s-1"]["private_metadata"]!)["cognito"]!;
        Assert.Equal("acme", ((Hashtable)cognito["custom_attributes"]!)["tenant"]);
    }

    [Fact]
    public void Groups_an_admin_sets_as_an_array_or_as_text_are_converted_to_the_names()
    {
        // As admins assign them, and as the Pester samples do: PowerShell converts through CognitoGroupNames'
        // constructors. A text is names separated by white space (what ToString and Export-Csv write), never a
        // group per character.
        var run = Run(
            """
            $users = 1..3 | ForEach-Object { [CognitoClerk.CognitoMigrationUser]@{ Username = "u$_"; Sub = "s-$_"; UserStatus = 'CONFIRMED'; Enabled = $true; UserPoolId = 'us-west-2_Pool00001' } }
            $users[0].Groups = 'admins', $null, ' editors '
            $users[1].Groups = 'admins  editors'
            $users[2].Groups = 'members'
            $users | ForEach-Object { "$($_.Groups.GetType().Name)|$($_.Groups.Count)|$($_.Groups)|$($_.Groups -contains 'admins')" }
            $users | ConvertTo-ClerkCognitoDigest -ClientId $client
            """,
            Vars(("client", Client)));

        Assert.Empty(run.Errors);
        Assert.Equal(
            new[] { "CognitoGroupNames|2|admins editors|True", "CognitoGroupNames|2|admins editors|True", "CognitoGroupNames|1|members|False" },
            run.Output.Take(3).Select(o => o.BaseObject.ToString()));
        var groups = run.Output.Skip(3).Select(o => (object[])((Hashtable)Digest(o)["public_metadata"]!)["cognito_groups"]!).ToList();
        Assert.Equal(new[] { "admins", "editors" }, groups[0]);
        Assert.Equal(new[] { "admins", "editors" }, groups[1]);
        Assert.Equal(new[] { "members" }, groups[2]);
    }

    [Fact]
    public void A_Groups_column_holding_a_list_type_name_is_refused_with_how_to_export_it()
    {
        var run = Run(
            """
            [pscustomobject]@{ Username = 'alice'; Sub = 's-1'; UserStatus = 'CONFIRMED'; Enabled = 'True'; UserPoolId = 'us-west-2_Pool00001'; Groups = 'System.String[]' },
            [pscustomobject]@{ Username = 'bob'; Sub = 's-2'; UserStatus = 'CONFIRMED'; Enabled = 'True'; UserPoolId = 'us-west-2_Pool00001' } |
                ConvertTo-ClerkCognitoDigest -ClientId $client
            """,
            Vars(("client", Client)));

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal("InputCognitoUserMalformed", ErrorIdOf(error));
        Assert.Contains("'System.String[]'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-join ' '", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("s-2", Digest(Assert.Single(Payloads(run)))["external_id"]);

        // alice is also written as a not-migratable marker, for New-ClerkMigratedUser.
        AssertOneMarkerPerError(run);
    }

    [Fact]
    public void DisabledUser_Ban_converts_disabled_users_banned_with_a_warning_and_Skip_reports_them()
    {
        const string users = """
            [pscustomobject]@{ Username = 'dis'; Sub = 's-1'; UserStatus = 'CONFIRMED'; Enabled = 'False'; UserPoolId = 'us-west-2_Pool00001' },
            [pscustomobject]@{ Username = 'ok'; Sub = 's-2'; UserStatus = 'CONFIRMED'; Enabled = 'True'; UserPoolId = 'us-west-2_Pool00001' }
            """;

        var banned = Run(users + " | ConvertTo-ClerkCognitoDigest -ClientId $client -DisabledUser Ban", Vars(("client", Client)));
        var skipped = Run(users + " | ConvertTo-ClerkCognitoDigest -ClientId $client", Vars(("client", Client)));

        // Banned: both are payloads, no marker (a banned user is migratable).
        Assert.Empty(banned.Errors);
        Assert.Equal(new object?[] { true, null }, banned.Output.Select(o => Digest(o)["banned"]));
        Assert.All(banned.Output, o => Assert.Equal(true, o.Properties["Migratable"].Value));
        Assert.Contains("'dis'", Assert.Single(banned.Warnings), StringComparison.Ordinal);

        // Skipped (the default): an error and a not-migratable marker for 'dis', a payload for 'ok' only.
        Assert.Equal("CognitoUserDisabled", ErrorIdOf(Assert.Single(skipped.Errors)));
        Assert.Equal("s-2", Digest(Assert.Single(Payloads(skipped)))["external_id"]);
        AssertOneMarkerPerError(skipped);
    }

    [Fact]
    public void An_attribute_map_source_no_user_had_is_named_in_one_warning_at_the_end()
    {
        var run = Run(
            """
            1..3 | ForEach-Object { [pscustomobject]@{ Username = "u$_"; Sub = "s-$_"; UserStatus = 'CONFIRMED'; Enabled = 'True'; UserPoolId = 'us-west-2_Pool00001'; 'custom:tenant' = 'acme' } } |
                ConvertTo-ClerkCognitoDigest -ClientId $client -AttributeMap @{ 'custom:tennant' = 'public_metadata.tenant'; 'custom:tenant' = 'public_metadata.t2' }
            """,
            Vars(("client", Client)));

        Assert.Equal(3, run.Output.Count);
        string warning = Assert.Single(run.Warnings);
        Assert.Contains("'custom:tennant'", warning, StringComparison.Ordinal);
        Assert.Contains("case-sensitive", warning, StringComparison.Ordinal);
        Assert.All(run.Output, o => Assert.Equal("acme", ((Hashtable)Digest(o)["public_metadata"]!)["t2"]));
    }

    [Fact]
    public void A_collection_passed_to_InputObject_is_unrolled()
    {
        var response = (PSObject)ConvertFromJsonStandIn.Convert(ListUsersResponse)!;
        var run = Run(
            "ConvertTo-ClerkCognitoDigest -InputObject $response.Users -ClientId $client -UserPoolId $pool",
            Vars(("response", response), ("client", Client), ("pool", Pool)));

        Assert.Equal(2, Payloads(run).Count);
        Assert.Equal(6, run.Errors.Count);

        // Each user who cannot be converted is also written as a not-migratable marker, for New-ClerkMigratedUser.
        AssertOneMarkerPerError(run);
    }

    [Fact]
    public void Admin_get_user_output_with_UserAttributes_converts()
    {
        const string json = """
        { "Username": "alice", "Enabled": true, "UserStatus": "CONFIRMED",
          "UserCreateDate": "2023-05-01T15:43:49.578000+00:00",
          "UserAttributes": [ { "Name": "sub", "Value": "s-1" }, { "Name": "email", "Value": "alice@example.com" }, { "Name": "email_verified", "Value": "True" } ],
          "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA" }
        """;
        var run = Run(
            "$user | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool -IdentifierSource Email",
            Vars(("user", ConvertFromJsonStandIn.Convert(json)), ("client", Client), ("pool", Pool)));

        Assert.Empty(run.Errors);
        var digest = Digest(Assert.Single(run.Output));
        Assert.Equal($"awscognito#{Pool}#{Client}#alice@example.com", digest["password_digest"]);
        Assert.Equal(new[] { "verified" }, Values(digest["email_address_identification_status"]));
    }

    [Fact]
    public void Our_own_users_convert_with_their_pool_and_edits_made_in_the_pipeline_count()
    {
        var run = Run(
            """
            $users = @(
                NewUser 'alice' 'CONFIRMED' 'alice@example.com'
                NewUser 'bob' 'RESET_REQUIRED' 'bob@example.com'
                NewUser 'carol' 'CONFIRMED' 'carol@OLD.example.com'
            )
            $users |
                ForEach-Object { if ($_.Username -eq 'carol') { $_.Email = 'carol@example.com' }; $_ } |
                ConvertTo-ClerkCognitoDigest -ClientId $client -IdentifierSource Email -IncludeUsername
            """,
            Vars(("client", Client)),
            prelude: NewUserFunction);

        Assert.Null(run.Terminating);
        Assert.Equal(new[] { "CognitoUserResetRequired" }, run.Errors.Select(ErrorIdOf));
        Assert.Equal(
            new[] { $"awscognito#us-west-2_Pool00001#{Client}#alice@example.com", $"awscognito#us-west-2_Pool00001#{Client}#carol@example.com" },
            Payloads(run).Select(o => Digest(o)["password_digest"]));
        Assert.Equal(new[] { "alice", "carol" }, Payloads(run).Select(o => Digest(o)["username"]));

        // The source user is the very object that was piped in, typed, for Where-Object and reports.
        Assert.Equal("CognitoClerk.CognitoMigrationUser", Payloads(run)[1].Properties["SourceUser"].Value is PSObject p ? p.BaseObject.GetType().FullName : Payloads(run)[1].Properties["SourceUser"].Value.GetType().FullName);
        Assert.Equal("CognitoClerk.ClerkCognitoDigest", Payloads(run)[0].BaseObject.GetType().FullName);

        // Each user who cannot be converted is also written as a not-migratable marker, for New-ClerkMigratedUser.
        AssertOneMarkerPerError(run);
    }

    [Fact]
    public void A_pool_named_with_UserPoolId_that_contradicts_the_users_own_pool_is_refused_per_user()
    {
        var run = Run(
            "NewUser 'alice' 'CONFIRMED' 'alice@example.com' | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId eu-west-1_Other0001",
            Vars(("client", Client)),
            prelude: NewUserFunction);

        Assert.Empty(Payloads(run));
        Assert.Equal("UserPoolIdMismatch", ErrorIdOf(Assert.Single(run.Errors)));
        Assert.Contains("us-west-2_Pool00001", run.Errors[0].Exception.Message);

        // Each user who cannot be converted is also written as a not-migratable marker, for New-ClerkMigratedUser.
        AssertOneMarkerPerError(run);
    }

    [Fact]
    public void AWS_Tools_objects_convert_with_a_status_object_and_DateTime_dates()
    {
        var user = new FakeAwsToolsUser
        {
            Username = "alice",
            Enabled = true,
            UserStatus = new FakeConstantClass("CONFIRMED"),
            // AWS.Tools gives local times.
            UserCreateDate = new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Utc).ToLocalTime(),
            Attributes =
            {
                new FakeAwsToolsAttribute { Name = "sub", Value = "s-1" },
                new FakeAwsToolsAttribute { Name = "phone_number", Value = "+447700900123" },
                new FakeAwsToolsAttribute { Name = "phone_number_verified", Value = "true" },
            },
        };
        var disabled = new FakeAwsToolsUser { Username = "bob", Enabled = false, UserStatus = new FakeConstantClass("CONFIRMED") };
        disabled.Attributes.Add(new FakeAwsToolsAttribute { Name = "sub", Value = "s-2" });

        var run = Run(
            "$users | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool -IdentifierSource PhoneNumber",
            Vars(("users", new List<FakeAwsToolsUser> { user, disabled }), ("client", Client), ("pool", Pool)));

        var digest = Digest(Assert.Single(Payloads(run)));
        Assert.Equal($"awscognito#{Pool}#{Client}#+447700900123", digest["password_digest"]);
        Assert.Equal(new[] { "verified" }, Values(digest["phone_number_identification_status"]));
        Assert.Equal("2023-05-01T15:43:49.578Z", digest["created_at"]);
        Assert.Equal("CognitoUserDisabled", ErrorIdOf(Assert.Single(run.Errors)));
        Assert.Same(disabled, run.Errors[0].TargetObject is PSObject w ? w.BaseObject : run.Errors[0].TargetObject);

        // Each user who cannot be converted is also written as a not-migratable marker, for New-ClerkMigratedUser.
        AssertOneMarkerPerError(run);
    }

    [Fact]
    public void Objects_that_are_not_users_are_reported_and_the_run_goes_on()
    {
        var run = Run(
            """
            @(
                'alice'
                [pscustomobject]@{ Name = 'not a user'; Email = 'x@example.com' }
                [pscustomobject]@{ Username = 'bob'; UserStatus = 'CONFIRMED'; Enabled = 'maybe'; Attributes = @() }
                [pscustomobject]@{ Username = 'carol'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Value = 'x' }) }
                @{ Username = 'dave'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 's-4' }) }
            ) | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool
            """,
            Vars(("client", Client), ("pool", Pool)));

        Assert.Null(run.Terminating);
        Assert.Equal(
            new[] { "InputNotCognitoUser", "InputNotCognitoUser", "InputCognitoUserMalformed", "InputCognitoUserMalformed" },
            run.Errors.Select(ErrorIdOf));
        Assert.Equal(ErrorCategory.InvalidType, run.Errors[0].CategoryInfo.Category);
        Assert.DoesNotContain("alice", run.Errors[0].Exception.Message);
        Assert.Contains("ConvertFrom-Json", run.Errors[0].Exception.Message);
        Assert.Contains("Name, Email", run.Errors[1].Exception.Message);
        Assert.Contains("maybe", run.Errors[2].Exception.Message);
        Assert.Contains("no Name", run.Errors[3].Exception.Message);

        // The hashtable user is still converted.
        Assert.Equal($"awscognito#{Pool}#{Client}#dave", Digest(Assert.Single(Payloads(run)))["password_digest"]);

        // Each user who cannot be converted is also written as a not-migratable marker, for New-ClerkMigratedUser.
        AssertOneMarkerPerError(run);
    }

    [Fact]
    public void Without_a_client_id_the_cmdlet_stops_once_before_the_first_user()
    {
        var (run, error) = RunExpectingTerminatingError(
            "1..5 | ForEach-Object { [pscustomobject]@{ Username = \"u$_\"; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = \"s$_\" }) } } | ConvertTo-ClerkCognitoDigest -UserPoolId $pool",
            Vars(("pool", Pool)));

        Assert.Empty(run.Errors);
        Assert.Equal("ClientIdMissing,CognitoClerk.Commands.ConvertToClerkCognitoDigestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("COGNITO_CLIENT_ID", error.Exception.Message);
    }

    [Fact]
    public void A_Clerk_secret_key_passed_as_client_id_stops_the_run_without_being_echoed()
    {
        const string key = "sk_" + "live_abcdefghijklmnopqrstuvwxyz0123456789"; // two parts: a made-up key, not for secret scanners
        var (run, error) = RunExpectingTerminatingError(
            "[pscustomobject]@{ Username = 'alice'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 's' }) } | ConvertTo-ClerkCognitoDigest -ClientId $key -UserPoolId $pool",
            Vars(("key", key), ("pool", Pool)));

        Assert.StartsWith("ClientIdInvalid,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain(key, run.AllText());
        Assert.DoesNotContain("abcdefghijklmnop", run.AllText());
    }

    [Fact]
    public void Without_any_pool_id_the_cmdlet_stops_once()
    {
        var (run, error) = RunExpectingTerminatingError(
            "1..3 | ForEach-Object { [pscustomobject]@{ Username = \"u$_\"; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = \"s$_\" }) } } | ConvertTo-ClerkCognitoDigest -ClientId $client",
            Vars(("client", Client)));

        Assert.Empty(run.Errors);
        Assert.StartsWith("UserPoolIdMissing,", error.FullyQualifiedErrorId);
        Assert.Contains("-UserPoolId", error.Exception.Message);
    }

    [Fact]
    public void A_malformed_pool_id_from_the_environment_stops_the_run_and_says_where_it_came_from()
    {
        SetEnvironment("COGNITO_USER_POOL_ID", "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123");
        var (_, error) = RunExpectingTerminatingError(
            "[pscustomobject]@{ Username = 'alice'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 's' }) } | ConvertTo-ClerkCognitoDigest -ClientId $client",
            Vars(("client", Client)));

        Assert.StartsWith("UserPoolIdInvalid,", error.FullyQualifiedErrorId);
        Assert.Contains("$env:COGNITO_USER_POOL_ID", error.Exception.Message);
    }

    [Fact]
    public void Client_and_pool_ids_default_to_the_environment_and_parameters_win_over_it()
    {
        SetEnvironment("COGNITO_CLIENT_ID", "envclient0000000000000000a");
        SetEnvironment("COGNITO_USER_POOL_ID", "eu-central-1_EnvPool01");
        const string user = "[pscustomobject]@{ Username = 'alice'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 's' }) }";

        var fromEnvironment = Run($"{user} | ConvertTo-ClerkCognitoDigest -Verbose");
        var fromParameters = Run($"{user} | ConvertTo-ClerkCognitoDigest -ClientId {Client} -UserPoolId {Pool}");

        Assert.Equal("awscognito#eu-central-1_EnvPool01#envclient0000000000000000a#alice", Digest(Assert.Single(fromEnvironment.Output))["password_digest"]);
        Assert.Contains(fromEnvironment.Verbose, v => v.Contains("$env:COGNITO_CLIENT_ID") && v.Contains("$env:COGNITO_USER_POOL_ID"));
        Assert.Equal($"awscognito#{Pool}#{Client}#alice", Digest(Assert.Single(fromParameters.Output))["password_digest"]);
    }

    [Fact]
    public void The_environment_pool_does_not_override_the_pool_a_user_comes_from()
    {
        SetEnvironment("COGNITO_USER_POOL_ID", "eu-central-1_EnvPool01");
        var run = Run(
            "NewUser 'alice' 'CONFIRMED' 'alice@example.com' | ConvertTo-ClerkCognitoDigest -ClientId $client",
            Vars(("client", Client)),
            prelude: NewUserFunction);

        Assert.Equal($"awscognito#us-west-2_Pool00001#{Client}#alice", Digest(Assert.Single(run.Output))["password_digest"]);
    }

    [Fact]
    public void IdentifierSource_Email_uses_the_email_and_reports_users_without_one()
    {
        var run = Run(
            """
            @(
                [pscustomobject]@{ Username = 'alice'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 's1' }, @{ Name = 'email'; Value = 'alice@example.com' }, @{ Name = 'email_verified'; Value = 'true' }) }
                [pscustomobject]@{ Username = 'bob'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 's2' }) }
                [pscustomobject]@{ Username = 'carol'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 's3' }, @{ Name = 'email'; Value = 'carol@example.com' }) }
            ) | ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool -IdentifierSource email
            """,
            Vars(("client", Client), ("pool", Pool)));

        Assert.Equal(
            new[] { $"awscognito#{Pool}#{Client}#alice@example.com", $"awscognito#{Pool}#{Client}#carol@example.com" },
            Payloads(run).Select(o => Digest(o)["password_digest"]));
        Assert.Equal("IdentifierMissing", ErrorIdOf(Assert.Single(run.Errors)));
        Assert.Contains("email", run.Errors[0].Exception.Message);
        Assert.Contains("identifier source Email", run.Errors[0].Exception.Message);
        Assert.Contains("another -IdentifierSource", run.Errors[0].Exception.Message);

        // carol's email is not verified: she is migrated, with a warning that an alias pool would refuse it.
        Assert.Contains(run.Warnings, w => w.Contains("'carol'") && w.Contains("not verified"));

        // Each user who cannot be converted is also written as a not-migratable marker, for New-ClerkMigratedUser.
        AssertOneMarkerPerError(run);
    }

    [Fact]
    public void IdentifierSource_Auto_resolves_offline_to_Username_and_says_so()
    {
        var run = Run(
            """
            [pscustomobject]@{ Username = 'Alice.Smith'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 's1' }, @{ Name = 'email'; Value = 'alice@example.com' }) } |
                ConvertTo-ClerkCognitoDigest -ClientId $client -UserPoolId $pool -IdentifierSource Auto -Verbose
            """,
            Vars(("client", Client), ("pool", Pool)));

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal($"awscognito#{Pool}#{Client}#Alice.Smith", Digest(Assert.Single(run.Output))["password_digest"]);
        Assert.Contains(run.Verbose, v => v.StartsWith("Auto chose Username", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cmdlet_declares_its_output_and_parameters_as_documented()
    {
        var output = _host.Invoke("(Get-Command ConvertTo-ClerkCognitoDigest).OutputType.Name");
        Assert.Equal("CognitoClerk.ClerkCognitoDigest", Assert.Single(output).BaseObject);

        var parameters = _host.Invoke(
            "(Get-Command ConvertTo-ClerkCognitoDigest).Parameters.Values | Where-Object { $_.Name -in 'InputObject','ClientId','UserPoolId','IdentifierSource','IncludeUsername' } | ForEach-Object { $_.Name + ':' + $_.ParameterType.Name }")
            .Select(o => (string)o.BaseObject).OrderBy(s => s).ToArray();
        Assert.Equal(
            new[] { "ClientId:String", "IdentifierSource:IdentifierSource", "IncludeUsername:SwitchParameter", "InputObject:PSObject", "UserPoolId:String" },
            parameters);
    }

    [Fact]
    public void The_help_markdown_documents_exactly_the_cmdlets_parameters()
    {
        string markdown = File.ReadAllText(Path.Combine(CognitoClerk.Emulators.RepositoryPaths.Root, "docs", "ConvertTo-ClerkCognitoDigest.md"));
        var documented = System.Text.RegularExpressions.Regex
            .Matches(markdown, @"### -(\w+)\s.*?```yaml\s*\nType: (\S+).*?Required: (\w+)\s*\nPosition: (\S+).*?Accept pipeline input: ([^\n]+)", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => $"{m.Groups[1].Value}|{m.Groups[2].Value}|{m.Groups[3].Value}|{m.Groups[4].Value}|{m.Groups[5].Value.Trim()}")
            .OrderBy(s => s)
            .ToArray();

        var actual = _host.Invoke(
            """
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            (Get-Command ConvertTo-ClerkCognitoDigest).Parameters.Values | Where-Object { $_.Name -notin $common } | ForEach-Object {
                $p = $_.ParameterSets['__AllParameterSets']
                $pipeline = if ($p.ValueFromPipeline) { 'True (ByValue)' } else { 'False' }
                $position = if ($p.Position -ge 0) { [string]$p.Position } else { 'Named' }
                '{0}|{1}|{2}|{3}|{4}' -f $_.Name, $_.ParameterType.Name, $p.IsMandatory, $position, $pipeline
            }
            """).Select(o => (string)o.BaseObject).OrderBy(s => s).ToArray();

        Assert.Equal(actual, documented);
    }

    [Fact]
    public void Every_type_of_the_module_assembly_loads_so_PowerShell_finds_every_cmdlet()
    {
        // A cmdlet with a field of an engine value type (an enum) cannot even be loaded while PowerShell
        // scans the assembly, before the module's resolver runs: the cmdlet then silently disappears.
        var run = Run(
            "$assembly = (Get-Command ConvertTo-ClerkCognitoDigest).ImplementingType.Assembly; $assembly.GetTypes().Count; (Get-Module CognitoClerk).ExportedCmdlets.Keys");

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.True((int)run.Output[0].BaseObject > 10);
        Assert.Contains(run.Output.Skip(1), o => (string)o.BaseObject == "ConvertTo-ClerkCognitoDigest");
    }

    private const string NewUserFunction = """
        function NewUser([string] $name, [string] $status, [string] $email) {
            $user = [CognitoClerk.CognitoMigrationUser]::new()
            $user.Username = $name
            $user.Sub = "sub-$name"
            $user.Email = $email
            $user.EmailVerified = $true
            $user.UserStatus = $status
            $user.Enabled = $true
            $user.UserPoolId = 'us-west-2_Pool00001'
            $user.UserCreateDate = [datetime]::new(2024, 1, 2, 3, 4, 5, 6, [DateTimeKind]::Utc)
            $user.Attributes = @(
                [CognitoClerk.CognitoUserAttribute]::new('sub', "sub-$name")
                [CognitoClerk.CognitoUserAttribute]::new('email', $email)
                [CognitoClerk.CognitoUserAttribute]::new('email_verified', 'true')
            )
            $user
        }
        """;

    /// <summary>
    /// Runs the pipeline inside try/catch: only a terminating error reaches the catch block (a
    /// non-terminating one would land in the error stream), and nothing else may have come out.
    /// </summary>
    private (ScriptRun Run, ErrorRecord Error) RunExpectingTerminatingError(string pipeline, Dictionary<string, object?> variables)
    {
        var run = Run("try { " + pipeline + " } catch { [pscustomobject]@{ Caught = $_ } }", variables);
        Assert.Null(run.Terminating);
        var caught = Assert.Single(run.Output);
        var error = Assert.IsType<ErrorRecord>(PSObject.AsPSObject(caught.Properties["Caught"]?.Value).BaseObject);
        return (run, error);
    }

    private ScriptRun Run(string script, Dictionary<string, object?>? variables = null, string? prelude = null) =>
        _host.Run(prelude == null ? script : prelude + "\n" + script, variables);

    private void SetEnvironment(string name, string? value)
    {
        if (!_savedEnvironment.ContainsKey(name))
        {
            _savedEnvironment[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    private object? Script(string script, object argument)
    {
        using var ps = _host.Create();
        ps.AddScript(script).AddArgument(argument);
        return ps.Invoke().SingleOrDefault()?.BaseObject;
    }

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    /// <summary>The digest's properties by their Clerk names.</summary>
    private static Dictionary<string, object?> Digest(PSObject output) =>
        output.Properties.ToDictionary(p => p.Name, p => (object?)(p.Value is PSObject w ? w.BaseObject : p.Value));

    /// <summary>The payloads among the output: after each user's error the cmdlet also writes a not-migratable marker.</summary>
    private static List<PSObject> Payloads(ScriptRun run) => run.Output.Where(o => o.Properties["Migratable"]?.Value is not false).ToList();

    /// <summary>One marker per error, in the same order, with the error's ErrorId, its reason, and no payload.</summary>
    private static void AssertOneMarkerPerError(ScriptRun run)
    {
        List<PSObject> markers = run.Output.Where(o => o.Properties["Migratable"]?.Value is false).ToList();
        Assert.Equal(run.Errors.Select(ErrorIdOf), markers.Select(m => (string?)m.Properties["ErrorId"].Value));
        Assert.Equal(run.Errors.Select(e => e.Exception.Message), markers.Select(m => (string?)m.Properties["Reason"].Value));
        Assert.All(markers, m => Assert.Equal(string.Empty, m.Properties["password_digest"].Value));
    }

    /// <summary>A digest's list field (a ClerkValueList: a list to scripts, one line to Export-Csv) as an array.</summary>
    private static string[]? Values(object? value) => (value as IEnumerable<string>)?.ToArray();

    private static string ErrorIdOf(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];
}

/// <summary>The shape of AWS.Tools' Amazon.CognitoIdentityProvider.Model.UserType, as Get-CGIPUserList writes it.</summary>
public sealed class FakeAwsToolsUser
{
    public string Username { get; set; } = string.Empty;

    public List<FakeAwsToolsAttribute> Attributes { get; set; } = new();

    public bool? Enabled { get; set; }

    public FakeConstantClass? UserStatus { get; set; }

    public DateTime UserCreateDate { get; set; }

    public DateTime UserLastModifiedDate { get; set; }
}

public sealed class FakeAwsToolsAttribute
{
    public string Name { get; set; } = string.Empty;

    public string? Value { get; set; }
}

/// <summary>Like Amazon.Runtime.ConstantClass: an object whose ToString() is the wire value.</summary>
public sealed class FakeConstantClass
{
    public FakeConstantClass(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;
}
