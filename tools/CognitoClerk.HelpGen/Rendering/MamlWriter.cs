using System.Text;
using System.Xml;
using CognitoClerk.HelpGen.Model;

namespace CognitoClerk.HelpGen.Rendering;

/// <summary>
/// Writes the MAML that Get-Help reads for binary cmdlets (en-US/&lt;Assembly&gt;.dll-Help.xml), in the
/// structure platyPS 0.14's renderer produces. The syntax is rebuilt from the parameters' yaml, per
/// parameter set, as platyPS does: the SYNTAX code blocks in the markdown are for readers only.
/// Output is deterministic (fixed "\n" newlines, no BOM) so a test can compare it byte for byte.
/// </summary>
public static class MamlWriter
{
    private const string MshNs = "http://msh";
    private const string MamlNs = "http://schemas.microsoft.com/maml/2004/10";
    private const string CommandNs = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string DevNs = "http://schemas.microsoft.com/maml/dev/2004/10";
    private const string MsHelpNs = "http://msdn.microsoft.com/mshelp";
    private const int ExampleTitleWidth = 64;

    public static string Write(IEnumerable<CommandHelp> commands)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            Encoding = new UTF8Encoding(false),
        };

        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(text), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("helpItems", MshNs);
            writer.WriteAttributeString("schema", "maml");
            foreach (CommandHelp command in commands)
            {
                WriteCommand(writer, command);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return text.Append('\n').ToString();
    }

    private static void WriteCommand(XmlWriter w, CommandHelp command)
    {
        w.WriteStartElement("command", "command", CommandNs);
        w.WriteAttributeString("xmlns", "maml", null, MamlNs);
        w.WriteAttributeString("xmlns", "command", null, CommandNs);
        w.WriteAttributeString("xmlns", "dev", null, DevNs);
        w.WriteAttributeString("xmlns", "MSHelp", null, MsHelpNs);

        w.WriteStartElement("details", CommandNs);
        w.WriteElementString("name", CommandNs, command.Name);
        w.WriteElementString("verb", CommandNs, command.Verb);
        w.WriteElementString("noun", CommandNs, command.Noun);
        WriteDescription(w, command.Synopsis);
        w.WriteEndElement();

        WriteDescription(w, command.Description);
        WriteSyntax(w, command);

        w.WriteStartElement("parameters", CommandNs);
        foreach (ParameterHelp parameter in command.Parameters)
        {
            WriteParameter(w, parameter, parameter.Summary(), inSyntax: false);
        }

        w.WriteEndElement();

        WriteTypes(w, "inputTypes", "inputType", command.Inputs);
        WriteTypes(w, "returnValues", "returnValue", command.Outputs);

        w.WriteStartElement("alertSet", MamlNs);
        w.WriteStartElement("alert", MamlNs);
        WriteParagraphs(w, command.Notes);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("examples", CommandNs);
        foreach (HelpExample example in command.Examples)
        {
            w.WriteStartElement("example", CommandNs);
            w.WriteElementString("title", MamlNs, ExampleTitle(example.Title));
            w.WriteElementString("code", DevNs, string.Join("\n\n", example.Code));
            w.WriteStartElement("remarks", DevNs);
            WriteParagraphs(w, example.Remarks);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("relatedLinks", CommandNs);
        IEnumerable<RelatedLink> links = command.OnlineVersion is { } online
            ? command.RelatedLinks.Prepend(new RelatedLink { Text = "Online Version:", Uri = online })
            : command.RelatedLinks;
        foreach (RelatedLink link in links)
        {
            w.WriteStartElement("navigationLink", MamlNs);
            w.WriteElementString("linkText", MamlNs, link.Text);
            w.WriteElementString("uri", MamlNs, link.Uri ?? string.Empty);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>One syntaxItem per parameter set, default set first, parameters in the order PowerShell prints them.</summary>
    private static void WriteSyntax(XmlWriter w, CommandHelp command)
    {
        IReadOnlyList<string> sets = command.ParameterSets.Count > 0
            ? command.ParameterSets
            : [ParameterBinding.AllSets];

        w.WriteStartElement("syntax", CommandNs);
        foreach (string set in sets)
        {
            var members = command.Parameters
                .Select(p => (Parameter: p, Binding: set == ParameterBinding.AllSets ? p.Bindings[0] : p.BindingFor(set)))
                .Where(m => m.Binding != null)
                .Select((m, index) => (m.Parameter, Binding: m.Binding!, index))
                .OrderBy(m => m.Binding.Position ?? int.MaxValue)
                .ThenBy(m => m.Binding.Required ? 0 : 1)
                .ThenBy(m => m.index)
                .ToList();

            w.WriteStartElement("syntaxItem", CommandNs);
            w.WriteElementString("name", MamlNs, command.Name);
            foreach (var member in members)
            {
                WriteParameter(w, member.Parameter, member.Binding, inSyntax: true);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter w, ParameterHelp parameter, ParameterBinding binding, bool inSyntax)
    {
        w.WriteStartElement("parameter", CommandNs);
        w.WriteAttributeString("required", binding.Required ? "true" : "false");
        w.WriteAttributeString("variableLength", "true");
        w.WriteAttributeString("globbing", binding.AcceptsWildcards ? "true" : "false");
        w.WriteAttributeString("pipelineInput", binding.PipelineInputText);
        w.WriteAttributeString("position", binding.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named");
        w.WriteAttributeString("aliases", binding.Aliases.Count == 0 ? "none" : string.Join(", ", binding.Aliases));
        w.WriteElementString("name", MamlNs, parameter.Name);
        WriteDescription(w, parameter.Description);

        if (inSyntax && binding.AcceptedValues.Count > 0)
        {
            w.WriteStartElement("parameterValueGroup", CommandNs);
            foreach (string value in binding.AcceptedValues)
            {
                w.WriteStartElement("parameterValue", CommandNs);
                w.WriteAttributeString("required", "false");
                w.WriteAttributeString("command", "variableLength", CommandNs, "false");
                w.WriteString(value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }
        else if (!(inSyntax && binding.IsSwitch))
        {
            // A switch takes no value in the syntax line ("[-Force]"), but Get-Help -Parameter still names its type.
            w.WriteStartElement("parameterValue", CommandNs);
            w.WriteAttributeString("required", binding.IsSwitch ? "false" : "true");
            w.WriteAttributeString("variableLength", "false");
            w.WriteString(binding.Type);
            w.WriteEndElement();
        }

        w.WriteStartElement("type", DevNs);
        w.WriteElementString("name", MamlNs, binding.Type);
        w.WriteElementString("uri", MamlNs, string.Empty);
        w.WriteEndElement();
        w.WriteElementString("defaultValue", DevNs, binding.DefaultValue);
        w.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter w, string listElement, string itemElement, IReadOnlyList<TypeHelp> types)
    {
        w.WriteStartElement(listElement, CommandNs);
        foreach (TypeHelp type in types)
        {
            w.WriteStartElement(itemElement, CommandNs);
            w.WriteStartElement("type", DevNs);
            w.WriteElementString("name", MamlNs, type.TypeName);
            w.WriteEndElement();
            WriteDescription(w, type.Description);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteDescription(XmlWriter w, IReadOnlyList<string> paragraphs)
    {
        w.WriteStartElement("description", MamlNs);
        WriteParagraphs(w, paragraphs);
        w.WriteEndElement();
    }

    private static void WriteParagraphs(XmlWriter w, IReadOnlyList<string> paragraphs)
    {
        foreach (string paragraph in paragraphs)
        {
            w.WriteElementString("para", MamlNs, paragraph);
        }
    }

    /// <summary>"------- Example 1: Title -------", centred in 64 columns, as Get-Help prints MAML example titles.</summary>
    internal static string ExampleTitle(string title)
    {
        int dashes = Math.Max(2, (ExampleTitleWidth - title.Length - 2) / 2);
        string side = new('-', dashes);
        return $"{side} {title} {side}";
    }

    /// <summary>StringWriter reports UTF-16; this makes the XML declaration say utf-8, which is what the file is.</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
