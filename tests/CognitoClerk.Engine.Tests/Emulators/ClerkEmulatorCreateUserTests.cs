using System.Text.Json;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Emulators;

/// <summary>
/// The emulator's POST /v1/users over raw HTTP: the spec's schema, Clerk's format rules, uniqueness
/// and error bodies. The client is not involved: these are the rules the client is tested against.
/// </summary>
public sealed class ClerkEmulatorCreateUserTests : IAsyncLifetime
{
    private ClerkEmulator _emulator = null!;
    private RawClerkHttp _raw = null!;

    public async Task InitializeAsync()
    {
        _emulator = await ClerkEmulator.StartAsync();
        _raw = new RawClerkHttp(_emulator);
    }

    public async Task DisposeAsync()
    {
        _raw.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public void Listens_on_loopback_only() => Assert.StartsWith("http://127.0.0.1:", _emulator.BaseUrl);

    [Fact]
    public void The_schema_comes_from_the_spec_file()
    {
        OpenApiSchema schema = ClerkOpenApiSpec.Load().RequestBody("/users", "post");

        Assert.False(schema.AdditionalProperties);
        Assert.Equal(30, schema.Properties.Count);
        Assert.Equal("string", schema.Properties["password_hasher"].Type);
        Assert.Equal(new[] { "verified", "reserved" }, schema.Properties["email_address_identification_status"].Items!.Enum);
    }

    [Theory]
    [InlineData("locked", "true")]
    [InlineData("bypass_client_trust", "false")]
    [InlineData("create_organizations_limit", "3")]
    [InlineData("unsafe_metadata", """{"a":{"b":[1,2]}}""")]
    [InlineData("legal_accepted_at", "\"2024-02-29T23:59:59.5+01:00\"")]
    [InlineData("locale", "null")]
    public async Task Accepts_spec_fields_no_hand_list_would_think_of(string field, string json)
    {
        RawAnswer answer = await _raw.PostAsync("users", $$"""{"external_id":"ok-{{field}}","{{field}}":{{json}}}""");

        Assert.True(answer.Status == 200, answer.Text);
        Assert.Equal("user", answer.Body.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Refuses_a_field_the_spec_does_not_have_in_clerks_error_shape()
    {
        RawAnswer answer = await _raw.PostAsync("users", """{"external_id":"x","favourite_colour":"teal"}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal("form_param_unknown", answer.Code);
        Assert.Equal("favourite_colour", answer.ParamName);
        Assert.Equal("is unknown", answer.FirstError.GetProperty("message").GetString());
        Assert.Contains("favourite_colour", answer.FirstError.GetProperty("long_message").GetString());
        Assert.Matches("^[0-9a-f]{32}$", answer.Body.GetProperty("clerk_trace_id").GetString()!);
        Assert.Equal(JsonValueKind.Object, answer.Body.GetProperty("meta").ValueKind);
        Assert.Empty(_emulator.Users);
    }

    [Theory]
    [InlineData("first_name", "5")]
    [InlineData("email_address", "\"a@example.com\"")]
    [InlineData("email_address", "[1]")]
    [InlineData("banned", "\"yes\"")]
    [InlineData("create_organizations_limit", "1.5")]
    [InlineData("private_metadata", "[]")]
    [InlineData("email_address_identification_status", "[\"pending\"]")]
    [InlineData("phone_number", "null")]
    public async Task Refuses_a_value_of_the_wrong_type(string field, string json)
    {
        RawAnswer answer = await _raw.PostAsync("users", $$"""{"{{field}}":{{json}}}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal("form_param_value_invalid", answer.Code);
        Assert.Equal(field, answer.ParamName);
    }

    [Theory]
    [InlineData("""{"email_address":["a@example.com","b@example.com"],"email_address_identification_status":["verified"]}""", "email_address_identification_status")]
    [InlineData("""{"phone_number":["+14155550100"],"phone_number_identification_status":["verified","reserved"]}""", "phone_number_identification_status")]
    public async Task Refuses_status_arrays_that_do_not_match_their_identifiers(string json, string param)
    {
        RawAnswer answer = await _raw.PostAsync("users", json);

        Assert.Equal(422, answer.Status);
        Assert.Equal("form_param_array_length_mismatch", answer.Code);
        Assert.Equal(param, answer.ParamName);
    }

    [Theory]
    [InlineData("4155550100")]
    [InlineData("+0155550100")]
    [InlineData("+1 415 555 0100")]
    [InlineData("+1234567890123456")]
    public async Task Refuses_phone_numbers_that_are_not_e164(string phone)
    {
        RawAnswer answer = await _raw.PostAsync("users", $$"""{"phone_number":["{{phone}}"]}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal("form_param_format_invalid", answer.Code);
        Assert.Equal("phone_number", answer.ParamName);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-01-01 00:00:00Z")]
    [InlineData("2024-01-01T00:00:00")]
    [InlineData("1700000000")]
    public async Task Refuses_created_at_that_is_not_rfc3339(string createdAt)
    {
        RawAnswer answer = await _raw.PostAsync("users", $$"""{"created_at":"{{createdAt}}"}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal("form_param_invalid_time", answer.Code);
        Assert.Equal("created_at", answer.ParamName);
    }

    [Theory]
    [InlineData("awscognito#us-east-1_AbC123#client1")]
    [InlineData("awscognito#us-east-1_AbC123#client1#")]
    [InlineData("awscognito#us-east-1_AbC123#client1#user#extra")]
    [InlineData("awscognito#nopoolunderscore#client1#user")]
    [InlineData("awscognito##client1#user")]
    [InlineData("cognito#us-east-1_AbC123#client1#user")]
    public async Task Refuses_a_malformed_awscognito_digest(string digest)
    {
        RawAnswer answer = await _raw.PostAsync("users", $$"""{"password_hasher":"awscognito","password_digest":"{{digest}}"}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal("form_password_digest_invalid_code", answer.Code);
        Assert.Equal("password_digest", answer.ParamName);
    }

    [Fact]
    public async Task Accepts_a_well_formed_awscognito_digest()
    {
        RawAnswer answer = await _raw.PostAsync("users", """{"password_hasher":"awscognito","password_digest":"awscognito#eu-central-1_Xy9#5ab3cd7ef#jörg@example.com"}""");

        Assert.Equal(200, answer.Status);
        Assert.True(answer.Body.GetProperty("password_enabled").GetBoolean());
        Assert.Equal("awscognito", Assert.Single(_emulator.Users).PasswordHasher);
    }

    [Fact]
    public async Task Refuses_username_when_the_instance_has_no_usernames()
    {
        RawAnswer answer = await _raw.PostAsync("users", """{"external_id":"u","username":"alice"}""");

        Assert.Equal(422, answer.Status);
        Assert.Equal("form_param_unknown", answer.Code);
        Assert.Equal("username", answer.ParamName);
    }

    [Theory]
    [InlineData("""{"email_address":["Dup@Example.com"]}""", """{"email_address":["dup@example.com"]}""", "email_address")]
    [InlineData("""{"phone_number":["+14155550100"]}""", """{"phone_number":["+14155550100"]}""", "phone_number")]
    [InlineData("""{"external_id":"same"}""", """{"external_id":"same"}""", "external_id")]
    public async Task Enforces_unique_identifiers(string first, string second, string param)
    {
        Assert.Equal(200, (await _raw.PostAsync("users", first)).Status);

        RawAnswer answer = await _raw.PostAsync("users", second);

        Assert.Equal(422, answer.Status);
        Assert.Equal("form_identifier_exists", answer.Code);
        Assert.Equal(param, answer.ParamName);
        Assert.Single(_emulator.Users);
    }

    [Fact]
    public async Task Refuses_a_wrong_or_missing_key()
    {
        RawAnswer wrong = await _raw.PostAsync("users", "{}", key: "sk_test_wrong");
        RawAnswer missing = await _raw.PostAsync("users", "{}", key: "");

        Assert.Equal((401, "authentication_invalid"), (wrong.Status, wrong.Code));
        Assert.Equal((401, "authentication_invalid"), (missing.Status, missing.Code));
        Assert.Equal(2, _emulator.Stats.Unauthorized);
        Assert.Empty(_emulator.Users);
    }

    [Fact]
    public async Task Refuses_bodies_that_are_not_json()
    {
        RawAnswer text = await _raw.SendAsync(HttpMethod.Post, "users", "{}", contentType: "text/plain");
        RawAnswer broken = await _raw.PostAsync("users", "{\"external_id\":");

        Assert.Equal((415, "unsupported_content_type"), (text.Status, text.Code));
        Assert.Equal((400, "request_body_invalid"), (broken.Status, broken.Code));
    }

    [Fact]
    public async Task Answers_users_with_every_key_the_spec_requires()
    {
        RawAnswer created = await _raw.PostAsync("users", """{"external_id":"shape","email_address":["shape@example.com","r@example.com"],"email_address_identification_status":["verified","reserved"],"phone_number":["+14155550123"]}""");
        Assert.Equal(200, created.Status);
        ClerkOpenApiSpec spec = ClerkOpenApiSpec.Load();

        AssertHasKeys(created.Body, spec.ComponentSchema("User", 0).Required);
        AssertHasKeys(created.Body.GetProperty("email_addresses")[0], spec.ComponentSchema("EmailAddress", 0).Required);
        AssertHasKeys(created.Body.GetProperty("phone_numbers")[0], spec.ComponentSchema("PhoneNumber", 0).Required);
        Assert.True(created.Body.GetProperty("email_addresses")[1].GetProperty("reserved").GetBoolean());
        Assert.Equal(created.Body.GetProperty("email_addresses")[0].GetProperty("id").GetString(), created.Body.GetProperty("primary_email_address_id").GetString());
        Assert.Equal(JsonValueKind.Number, created.Body.GetProperty("created_at").ValueKind);
    }

    private static void AssertHasKeys(JsonElement json, IReadOnlyList<string> required)
    {
        Assert.NotEmpty(required);
        Assert.All(required, key => Assert.True(json.TryGetProperty(key, out _), $"missing required key {key}"));
    }
}
