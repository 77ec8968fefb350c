using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace CognitoClerk.Loading
{
    /// <summary>
    /// The bridge pattern for PowerShell 7: the default context asks for the engine once (through the
    /// Resolving event, because the engine is not next to this dll), and the engine is loaded into
    /// <see cref="ModuleLoadContext"/>, whose Load override then serves every dependency of the engine
    /// from Dependencies/ before the default context can offer its own copy. An AWSSDK.Core that AWS.Tools
    /// (or anyone) loaded first therefore never reaches the engine, and ours never reaches them.
    /// </summary>
    /// <remarks>
    /// Only the engine crosses the bridge, so the cmdlets assembly may use engine and framework types but
    /// no third-party type: such a reference would be resolved in the default context, which cannot see
    /// Dependencies/ (a module test checks the cmdlets assembly's references).
    /// Every member touching AssemblyLoadContext is NoInlining: if the JIT inlined one into
    /// <see cref="DependencyResolver"/>, Windows PowerShell would fail to compile that caller, because
    /// .NET Framework has no AssemblyLoadContext type to resolve.
    /// </remarks>
    internal static class IsolatedLoadContextBridge
    {
        /// <summary>Subfolder of Dependencies/ for the .NET builds of polyfill packages (see <see cref="ModuleLoadContext"/>).</summary>
        internal const string NetFacadeFolder = "net";

        private static ModuleLoadContext? _context;

        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static void Register(string dependencyDirectory)
        {
            // One context per process: re-importing the module must not load a second engine.
            _context ??= new ModuleLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
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
            private readonly string _netFacadeDirectory;
            private readonly string _runtimeDirectory;

            internal ModuleLoadContext(string directory)
            {
                _directory = directory;
                _netFacadeDirectory = Path.Combine(directory, NetFacadeFolder);

                // The folder of System.Private.CoreLib: the shared framework, or pwsh's own folder when
                // PowerShell is installed self-contained. Deliberately not the host's whole TPA list: a host
                // application that ships its own AWSSDK.Core or Polly must not hand it to the engine.
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

                // Polyfill packages (Microsoft.Bcl.AsyncInterfaces, Microsoft.Bcl.TimeProvider) define their own
                // IAsyncEnumerable, IAsyncDisposable and TimeProvider in their netstandard2.0 build, which is the
                // one in Dependencies/ for Windows PowerShell. On .NET those types are in CoreLib, so serve the
                // packages' .NET builds, which only forward to CoreLib: otherwise a framework API returning
                // IAsyncEnumerable (System.Text.Json) would not match the engine's, and fail as "Method not found".
                string facade = Path.Combine(_netFacadeDirectory, fileName);
                if (File.Exists(facade))
                {
                    return LoadFromAssemblyPath(facade);
                }

                string candidate = Path.Combine(_directory, fileName);
                return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
            }
        }
    }
}
