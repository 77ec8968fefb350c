using System.Management.Automation;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Tab completion as the console asks for it: through TabExpansion2, the function PSReadLine calls, in the
/// hosted engine with the built module imported. Checked on every cmdlet that has the parameter, so a
/// new cmdlet with -Region or -IdentifierSource gets the same behaviour or fails here.
/// Property completion after a pipe ("| Where-Object { $_.Em") cannot be checked here: member completion
/// throws inside the hosted engine for any command (Get-Command too), so FormatViewTests instead checks that
/// every cmdlet declares the [OutputType] that completion infers from.
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly ModuleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Region_completes_to_Cognito_Regions_on_every_cmdlet_that_takes_one()
    {
        List<CmdletInfo> withRegion = CmdletsWith("Region");
        Assert.Contains(withRegion, c => c.Name == "Get-CognitoMigrationUser");

        foreach (CmdletInfo cmdlet in withRegion)
        {
            List<string> matches = Complete($"{cmdlet.Name} -Region eu-");

            Assert.True(matches.Contains("eu-west-1") && matches.Contains("eu-central-1"), $"{cmdlet.Name} -Region eu- completed to [{string.Join(", ", matches)}]");
            Assert.All(matches, m => Assert.StartsWith("eu-", m, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Region_completion_offers_the_Region_of_the_pool_on_the_command_line_first()
    {
        List<string> matches = Complete("Get-CognitoMigrationUser -UserPoolId ap-southeast-2_AbCdEf123 -Region ");

        Assert.True(matches.Count > 30, $"all Cognito Regions are offered, got {matches.Count}");
        Assert.Equal("ap-southeast-2", matches[0]);
    }

    [Fact]
    public void Region_completion_finds_a_Region_by_its_city()
    {
        Assert.Equal(["eu-west-1"], Complete("Get-CognitoMigrationUser -Region Ireland"));
    }

    [Fact]
    public void ProfileName_completes_to_the_AWS_profiles_the_SDK_finds()
    {
        // Both profiles in the credentials file: AWSSDK.Core reads the config file once per process, so a
        // config written by this test could be hidden by an earlier test's read. The SDK rereads credentials.
        using EnvironmentScope scope = EnvironmentScope.IsolatedAws();
        File.WriteAllText(EnvironmentScope.AwsCredentialsFile, """
            [admin-sso]
            aws_access_key_id = AKIDEXAMPLE
            aws_secret_access_key = not-a-real-secret

            [ci deploy]
            aws_access_key_id = AKIDEXAMPLE
            aws_secret_access_key = not-a-real-secret
            """);

        List<CmdletInfo> withProfile = CmdletsWith("ProfileName");
        Assert.Contains(withProfile, c => c.Name == "Get-CognitoMigrationUser");
        foreach (CmdletInfo cmdlet in withProfile)
        {
            Assert.Equal(["admin-sso"], Complete($"{cmdlet.Name} -ProfileName adm"));

            // A name with a space comes back quoted, so it stays one argument.
            Assert.Equal(["'ci deploy'"], Complete($"{cmdlet.Name} -ProfileName ci"));
        }

        string[] tooltips = CompleteResults("Get-CognitoMigrationUser -ProfileName ").Select(r => r.ToolTip).ToArray();
        Assert.All(tooltips, t => Assert.DoesNotContain("wJalrXUtnFEMI", t, StringComparison.Ordinal));
    }

    [Fact]
    public void IdentifierSource_completes_to_the_identifier_sources_on_every_cmdlet_that_takes_one()
    {
        List<CmdletInfo> withSource = CmdletsWith("IdentifierSource");
        Assert.Contains(withSource, c => c.Name == "ConvertTo-ClerkCognitoDigest");

        foreach (CmdletInfo cmdlet in withSource)
        {
            List<string> matches = Complete($"{cmdlet.Name} -IdentifierSource ");

            foreach (string source in new[] { "Username", "Email", "Sub", "PhoneNumber", "PreferredUsername" })
            {
                Assert.True(matches.Contains(source), $"{cmdlet.Name} -IdentifierSource completed to [{string.Join(", ", matches)}], missing {source}");
            }
        }
    }

    private List<CmdletInfo> CmdletsWith(string parameter) =>
        ModuleCmdlets.Exported(_host).Where(c => c.Parameters.ContainsKey(parameter)).ToList();

    private List<string> Complete(string input) => CompleteResults(input).Select(m => m.CompletionText).ToList();

    private List<CompletionResult> CompleteResults(string input)
    {
        PSObject result = _host.Invoke(
                "TabExpansion2 -inputScript $inputScript -cursorColumn $inputScript.Length",
                new Dictionary<string, object?> { ["inputScript"] = input })
            .Single();
        return ((CommandCompletion)result.BaseObject).CompletionMatches.ToList();
    }
}
