using System.Reflection;
using System.Runtime.Loader;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Scripts match on ErrorIds, so each must mean one thing: one catalogue in the cmdlets (ErrorIds) and one per engine
/// concept (MigrationErrorIds, RemovalErrorIds), no value declared twice, no two constants of one name with different values.
/// Read from the built assemblies, in a load context of their own, without importing the module.
/// </summary>
public class ErrorCatalogueTests
{
    [Fact]
    public void Every_ErrorId_is_declared_once_and_every_name_means_one_value()
    {
        string module = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
        var context = new AssemblyLoadContext("error-catalogue", isCollectible: true);
        try
        {
            Assembly cmdlets = context.LoadFromAssemblyPath(Path.Combine(module, "CognitoClerk.dll"));
            Assembly engine = context.LoadFromAssemblyPath(Path.Combine(module, "Dependencies", "CognitoClerk.Engine.dll"));
            var declared = Constants(cmdlets.GetType("CognitoClerk.Errors.ErrorIds", throwOnError: true)!)
                .Concat(Constants(engine.GetType("CognitoClerk.Engine.Migration.MigrationErrorIds", throwOnError: true)!))
                .Concat(Constants(engine.GetType("CognitoClerk.Engine.Removal.RemovalErrorIds", throwOnError: true)!))
                .ToList();

            Assert.True(declared.Count > 40, $"Only {declared.Count} ids found: the catalogues moved?");
            var twice = declared.GroupBy(d => d.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, "Declared twice: " + string.Join(", ", twice));
            var ambiguous = declared.GroupBy(d => d.Name).Where(g => g.Select(d => d.Value).Distinct().Count() > 1).Select(g => g.Key).ToList();
            Assert.True(ambiguous.Count == 0, "One name, several values: " + string.Join(", ", ambiguous));

            // The cmdlet assembly keeps no other list of ids: no constant that looks like an ErrorId outside the catalogue.
            var strays = cmdlets.GetTypes()
                .Where(t => t.FullName != "CognitoClerk.Errors.ErrorIds")
                .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
                .Where(f => declared.Any(d => d.Value == (string)f.GetRawConstantValue()!))
                .Select(f => f.DeclaringType!.Name + "." + f.Name)
                .ToList();
            Assert.True(strays.Count == 0, "ErrorIds declared outside the catalogue: " + string.Join(", ", strays));
        }
        finally
        {
            context.Unload();
        }
    }

    private static IEnumerable<(string Name, string Value)> Constants(Type type) =>
        type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));
}
