namespace CognitoClerk.Emulators;

/// <summary>A pool of the <see cref="FakeCognitoServer"/>: its users and what DescribeUserPool says about it.</summary>
public sealed class FakeCognitoPool
{
    public FakeCognitoPool(string id, FakeCognitoUserSource users)
    {
        Id = id;
        Users = users;
        Name = "fake-" + id;
    }

    public string Id { get; }

    public string Name { get; set; }

    public FakeCognitoUserSource Users { get; }

    /// <summary>What DescribeUserPool reports; null means the real count.</summary>
    public int? EstimatedNumberOfUsers { get; set; }

    public List<string> UsernameAttributes { get; } = new();

    public List<string> AliasAttributes { get; } = new();

    /// <summary>Null leaves UsernameConfiguration out, as legacy pools do.</summary>
    public bool? CaseSensitive { get; set; }

    public string MfaConfiguration { get; set; } = "OFF";

    /// <summary>Trigger name to Lambda ARN (PreAuthentication, UserMigration, ...).</summary>
    public Dictionary<string, string> LambdaTriggers { get; } = new();

    /// <summary>Answers DescribeUserPool with AccessDeniedException, as an IAM policy without that action would.</summary>
    public bool DenyDescribeUserPool { get; set; }

    /// <summary>The pool's groups, in the order ListGroups returns them (Cognito's own order is not by precedence).</summary>
    public List<FakeCognitoGroup> Groups { get; } = new();
}
