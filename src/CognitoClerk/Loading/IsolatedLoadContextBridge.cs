using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace CognitoClerk.Loading
{
    /// <summary>
    /// The bridge pattern for PowerShell 7: the default context asks for the engine once (through the
    /// Resolving event, because the engine is not next to this dll), and the engine is loaded into
    /// <see cref="ModuleLoadContext"/>, whose Load override then serves every dependency of the engine
    /// from Dependencies/ before the default context can offer its own copy.
    /// </summary>
    internal static class IsolatedLoadContextBridge
    {
        private static ModuleLoadContext? _context;

        internal static void Register(string dependencyDirectory)
        {
            _context ??= new ModuleLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        internal static void Unregister() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            // Only the engine crosses the bridge; everything else stays the default context's business.
            return string.Equals(name.Name, DependencyResolver.EngineAssemblyName, StringComparison.Ordinal)
                ? _context?.LoadFromAssemblyName(name)
                : null;
        }

        private sealed class ModuleLoadContext : AssemblyLoadContext
        {
            private readonly string _directory;
            private readonly string _runtimeDirectory;

            internal ModuleLoadContext(string directory)
            {
                _directory = directory;

                // The folder of System.Private.CoreLib: the shared framework, or pwsh's own folder when
                // PowerShell is installed self-contained.
                _runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                string fileName = (assemblyName.Name ?? string.Empty) + ".dll";

                // What the runtime itself provides (System.Memory, System.Text.Json, ...) must come from the
                // default context: the netstandard copies in Dependencies/ would split types such as Span<T>.
                if (File.Exists(Path.Combine(_runtimeDirectory, fileName)))
                {
                    return null;
                }

                string candidate = Path.Combine(_directory, fileName);
                return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
            }
        }
    }
}
