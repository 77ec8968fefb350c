using System.Management.Automation;

namespace CognitoClerk.Loading
{
    /// <summary>
    /// Runs when PowerShell imports the module and before any cmdlet touches the engine, so that the
    /// engine and its dependencies come from the module's own Dependencies/ folder.
    /// </summary>
    public sealed class ModuleAssemblyInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyResolver.Register();

        public void OnRemove(PSModuleInfo module) => DependencyResolver.Unregister();
    }
}
