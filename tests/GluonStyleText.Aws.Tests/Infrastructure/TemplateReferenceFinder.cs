using System.Text.Json;
using System.Text.RegularExpressions;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>Finds every Ref, Fn::GetAtt, Fn::Sub name and DependsOn entry in a template.</summary>
internal static partial class TemplateReferenceFinder
{
    private static readonly IReadOnlySet<string> NoVariables = new HashSet<string>();

    public static IReadOnlyList<TemplateReference> FindAll(CloudFormationTemplate template)
    {
        var references = new List<TemplateReference>();
        Walk(template.Root, "", references);
        foreach (var (logicalId, resource) in template.Resources)
        {
            if (resource.TryGetProperty("DependsOn", out var dependsOn))
            {
                var location = $"Resources.{logicalId}.DependsOn";
                foreach (var target in StringsOf(dependsOn))
                {
                    references.Add(new TemplateReference(TemplateReferenceKind.DependsOn, target, null, location, NoVariables));
                }
            }
        }

        return references;
    }

    /// <summary>The names inside <c>${...}</c> of an Fn::Sub string; <c>${!Literal}</c> is no reference.</summary>
    public static IEnumerable<string> SubNames(string text) =>
        SubPlaceholder().Matches(text).Select(match => match.Groups[1].Value);

    private static void Walk(JsonElement element, string location, List<TemplateReference> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (TryReadIntrinsic(element, location, references))
                {
                    return;
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, Join(location, property.Name), references);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{location}[{index++}]", references);
                }

                break;
        }
    }

    private static bool TryReadIntrinsic(JsonElement element, string location, List<TemplateReference> references)
    {
        var properties = element.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            return false;
        }

        var (name, value) = (properties[0].Name, properties[0].Value);
        switch (name)
        {
            case "Ref":
                references.Add(new TemplateReference(TemplateReferenceKind.Ref, value.GetString() ?? "", null, location, NoVariables));
                return true;
            case "Fn::GetAtt":
                var (target, attribute) = value.ValueKind == JsonValueKind.Array
                    ? (value[0].GetString() ?? "", value[1].ValueKind == JsonValueKind.String ? value[1].GetString() : value[1].GetRawText())
                    : SplitAtFirstDot(value.GetString() ?? "");
                references.Add(new TemplateReference(TemplateReferenceKind.GetAtt, target, attribute, location, NoVariables));
                return true;
            case "Fn::Sub":
                ReadSub(value, Join(location, name), references);
                return true;
            default:
                return false;
        }
    }

    private static void ReadSub(JsonElement value, string location, List<TemplateReference> references)
    {
        var text = value.ValueKind == JsonValueKind.Array ? value[0].GetString() ?? "" : value.GetString() ?? "";
        var variables = new HashSet<string>();
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 1)
        {
            foreach (var variable in value[1].EnumerateObject())
            {
                variables.Add(variable.Name);
                Walk(variable.Value, Join(location, variable.Name), references);
            }
        }

        foreach (var placeholder in SubNames(text))
        {
            // Pseudo parameters (AWS::Region) contain "::"; anything else with a dot is Name.Attribute.
            var isGetAtt = !placeholder.Contains("::", StringComparison.Ordinal) && placeholder.Contains('.', StringComparison.Ordinal);
            var (target, attribute) = isGetAtt ? SplitAtFirstDot(placeholder) : (placeholder, null);
            references.Add(new TemplateReference(
                isGetAtt ? TemplateReferenceKind.SubGetAtt : TemplateReferenceKind.SubRef, target, attribute, location, variables));
        }
    }

    private static (string Target, string? Attribute) SplitAtFirstDot(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (text, null) : (text[..dot], text[(dot + 1)..]);
    }

    private static IEnumerable<string> StringsOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Select(item => item.GetString() ?? "")
            : [element.GetString() ?? ""];

    private static string Join(string location, string name) => location.Length == 0 ? name : $"{location}.{name}";

    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubPlaceholder();
}
