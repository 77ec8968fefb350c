using System.Collections.Concurrent;
using YamlDotNet.RepresentationModel;

namespace CognitoClerk.Emulators;

/// <summary>
/// Clerk's Backend API OpenAPI document, read with YamlDotNet at run time, so that the emulator accepts
/// exactly the request fields the spec allows: a hand-written list would drift from the spec and hide
/// the very mistakes (a misspelled or unsupported field) the emulator exists to catch.
/// </summary>
public sealed class ClerkOpenApiSpec
{
    private static readonly ConcurrentDictionary<string, Lazy<ClerkOpenApiSpec>> Cache = new(StringComparer.Ordinal);

    private readonly YamlMappingNode _root;

    private ClerkOpenApiSpec(string path, YamlMappingNode root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>The spec at <paramref name="path"/> (default: <see cref="RepositoryPaths.ClerkOpenApiSpec"/>), parsed once per process.</summary>
    public static ClerkOpenApiSpec Load(string? path = null)
    {
        string full = System.IO.Path.GetFullPath(path ?? RepositoryPaths.ClerkOpenApiSpec);
        return Cache.GetOrAdd(full, p => new Lazy<ClerkOpenApiSpec>(() => Parse(p))).Value;
    }

    /// <summary>The JSON request-body schema of an operation, every $ref resolved.</summary>
    public OpenApiSchema RequestBody(string path, string method)
    {
        YamlMappingNode operation = Mapping(Mapping(Mapping(_root, "paths"), path), method.ToLowerInvariant());
        YamlMappingNode json = Mapping(Mapping(Mapping(operation, "requestBody"), "content"), "application/json");
        return Build(Child(json, "schema"), depth: 0);
    }

    /// <summary>A named component schema (e.g. User), every $ref resolved.</summary>
    public OpenApiSchema ComponentSchema(string name, int maxDepth = 2) =>
        Build(Mapping(Mapping(Mapping(_root, "components"), "schemas"), name), depth: 0, maxDepth);

    private static ClerkOpenApiSpec Parse(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Clerk's OpenAPI spec is not at {path} (set CLERK_OPENAPI_SPEC to its location).", path);
        }

        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return new ClerkOpenApiSpec(path, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    private OpenApiSchema Build(YamlNode node, int depth, int maxDepth = 12)
    {
        YamlMappingNode map = Resolve(node);

        // "nullable + allOf: [$ref]" is the spec's way to make a referenced schema nullable.
        if (TryChild(map, "allOf", out YamlNode? allOf) && allOf is YamlSequenceNode { Children.Count: 1 } single)
        {
            OpenApiSchema inner = Build(single.Children[0], depth, maxDepth);
            return inner with { Nullable = inner.Nullable || IsTrue(map, "nullable") };
        }

        string? type = Scalar(map, "type");
        bool nullable = IsTrue(map, "nullable");
        IReadOnlyList<string>? values = TryChild(map, "enum", out YamlNode? e) && e is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList()
            : null;

        OpenApiSchema? items = null;
        var properties = new Dictionary<string, OpenApiSchema>(StringComparer.Ordinal);
        var required = new List<string>();
        bool additional = true;
        if (depth < maxDepth)
        {
            if (TryChild(map, "items", out YamlNode? itemNode))
            {
                items = Build(itemNode!, depth + 1, maxDepth);
            }

            if (TryChild(map, "properties", out YamlNode? props) && props is YamlMappingNode propMap)
            {
                foreach (var (key, value) in propMap.Children)
                {
                    properties[((YamlScalarNode)key).Value!] = Build(value, depth + 1, maxDepth);
                }
            }
        }

        if (TryChild(map, "required", out YamlNode? req) && req is YamlSequenceNode reqSeq)
        {
            required.AddRange(reqSeq.Children.OfType<YamlScalarNode>().Select(s => s.Value!));
        }

        if (TryChild(map, "additionalProperties", out YamlNode? ap) && ap is YamlScalarNode apScalar)
        {
            additional = !string.Equals(apScalar.Value, "false", StringComparison.OrdinalIgnoreCase);
        }

        return new OpenApiSchema(type, nullable, values, items, properties, required, additional);
    }

    private YamlMappingNode Resolve(YamlNode node)
    {
        var map = (YamlMappingNode)node;
        for (int hops = 0; hops < 16 && TryChild(map, "$ref", out YamlNode? reference); hops++)
        {
            string pointer = ((YamlScalarNode)reference!).Value!;
            if (!pointer.StartsWith("#/", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"Only local $refs are supported, not {pointer}.");
            }

            YamlNode target = _root;
            foreach (string part in pointer[2..].Split('/'))
            {
                target = Child((YamlMappingNode)target, part.Replace("~1", "/").Replace("~0", "~"));
            }

            map = (YamlMappingNode)target;
        }

        return map;
    }

    private static YamlMappingNode Mapping(YamlMappingNode parent, string key) => (YamlMappingNode)Child(parent, key);

    private static YamlNode Child(YamlMappingNode parent, string key) =>
        TryChild(parent, key, out YamlNode? node) ? node! : throw new KeyNotFoundException($"The Clerk spec has no '{key}' here.");

    private static bool TryChild(YamlMappingNode parent, string key, out YamlNode? node) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out node);

    private static string? Scalar(YamlMappingNode map, string key) =>
        TryChild(map, key, out YamlNode? node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static bool IsTrue(YamlMappingNode map, string key) =>
        string.Equals(Scalar(map, key), "true", StringComparison.OrdinalIgnoreCase);
}
