using CognitoClerk.HelpGen;
using CognitoClerk.HelpGen.Markdown;

// Usage: CognitoClerk.HelpGen --docs <docs folder> --out <module>/en-US
// Run by the build (see the csproj); errors are printed in MSBuild's format so they point at the doc line.
string? docs = null;
string? output = null;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--docs": docs = args[i + 1]; break;
        case "--out": output = args[i + 1]; break;
    }
}

if (docs == null || output == null)
{
    Console.Error.WriteLine("usage: CognitoClerk.HelpGen --docs <docs folder> --out <module en-US folder>");
    return 2;
}

try
{
    IReadOnlyDictionary<string, string> files = HelpGenerator.FromDirectory(docs).Render();
    Directory.CreateDirectory(output);
    foreach ((string name, string content) in files)
    {
        File.WriteAllText(Path.Combine(output, name), content, new System.Text.UTF8Encoding(false));
    }

    Console.WriteLine($"CognitoClerk.HelpGen: {files.Count} help file(s) in {output}");
    return 0;
}
catch (HelpDocumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
