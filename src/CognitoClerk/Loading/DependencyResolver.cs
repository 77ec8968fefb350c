using System;
using System.IO;
using System.Reflection;

namespace CognitoClerk.Loading
{
    /// <summary>
    /// Makes the engine (CognitoClerk.Engine.dll) and its third-party dependencies load from
    /// Dependencies/ beside this assembly, never from whatever copy another module loaded first.
    /// AWS.Tools ships its own AWSSDK.Core and every 4.x release has the same assembly version, so
    /// sharing one copy breaks whichever module loaded second ("Method not found").
    /// </summary>
    internal static class DependencyResolver
    {
        internal const string EngineAssemblyName = "CognitoClerk.Engine";

        private static readonly object Gate = new object();
        private static bool _registered;

        internal static string DependencyDirectory { get; } = Path.Combine(
            Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".",
            "Dependencies");

        /// <summary>PowerShell 7 (.NET) has AssemblyLoadContext; Windows PowerShell 5.1 (.NET Framework) does not.</summary>
        internal static bool HasAssemblyLoadContext { get; } =
            typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") != null;

        internal static void Register()
        {
            lock (Gate)
            {
                if (_registered)
                {
                    return;
                }

                if (HasAssemblyLoadContext)
                {
                    // Kept in its own class so .NET Framework never has to load the AssemblyLoadContext type.
                    IsolatedLoadContextBridge.Register(DependencyDirectory);
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyFolder;
                }

                _registered = true;
            }
        }

        internal static void Unregister()
        {
            lock (Gate)
            {
                if (!_registered)
                {
                    return;
                }

                if (HasAssemblyLoadContext)
                {
                    IsolatedLoadContextBridge.Unregister();
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencyFolder;
                }

                _registered = false;
            }
        }

        /// <summary>
        /// .NET Framework has no load contexts. LoadFrom (never LoadFile, which breaks type identity)
        /// from Dependencies/ acts as a version-agnostic binding redirect for the engine's dependencies.
        /// </summary>
        /// <remarks>
        /// This is all Windows PowerShell allows short of a separate AppDomain: if another module already
        /// loaded an assembly with the same identity (AWS.Tools' AWSSDK.Core 4.0.0.0), LoadFrom returns that
        /// copy, so on 5.1 the two modules share it. Only PowerShell 7 isolates fully.
        /// </remarks>
        private static Assembly? ResolveFromDependencyFolder(object? sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name ?? string.Empty;
            string candidate = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
