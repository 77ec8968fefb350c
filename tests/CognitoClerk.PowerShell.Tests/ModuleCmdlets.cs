using System.Management.Automation;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>The cmdlets the imported module exports, with their binding metadata, for tests over every cmdlet.</summary>
internal static class ModuleCmdlets
{
    /// <summary>Every exported cmdlet. Throws if there are none, so a test over "each cmdlet" cannot pass by checking nothing.</summary>
    public static List<CmdletInfo> Exported(ModuleHost host)
    {
        List<CmdletInfo> cmdlets = host.Invoke("(Get-Module CognitoClerk).ExportedCmdlets.Values")
            .Select(o => (CmdletInfo)o.BaseObject)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        Assert.True(cmdlets.Count > 0, "The module exports no cmdlets: nothing to check.");
        return cmdlets;
    }

    /// <summary>
    /// Parameters a doc must describe: all but the common ones (-Verbose, -ErrorAction, ... and -ProgressAction,
    /// which platyPS 0.14 folds into "CommonParameters"). -WhatIf and -Confirm are documented like any other.
    /// </summary>
    public static bool IsDocumented(string parameterName) =>
        !Cmdlet.CommonParameters.Contains(parameterName) && parameterName != "UseTransaction";

    /// <summary>The names a doc may give a parameter's type: the .NET short or full name (of T for Nullable&lt;T&gt;).</summary>
    public static string[] TypeNames(Type type)
    {
        Type shown = Nullable.GetUnderlyingType(type) ?? type;
        return [shown.Name, shown.FullName ?? shown.Name];
    }

    /// <summary>platyPS's spelling of a parameter's pipeline input.</summary>
    public static string PipelineInput(bool byValue, bool byPropertyName) => (byValue, byPropertyName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };
}
