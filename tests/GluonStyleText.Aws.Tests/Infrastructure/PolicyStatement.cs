using System.Text.Json;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>One IAM policy statement of a template (role policies, trust policies and bucket policies alike).</summary>
/// <param name="Location">A dotted path such as Resources.PredictJobRole.Properties.Policies[0].PolicyDocument.Statement[1].</param>
/// <param name="Element">The statement's JSON.</param>
internal sealed record PolicyStatement(string Location, JsonElement Element)
{
    public string Effect => Element.TryGetProperty("Effect", out var effect) ? effect.GetString() ?? "" : "";

    public string? Sid => Element.TryGetProperty("Sid", out var sid) ? sid.GetString() : null;

    /// <summary>The Action entries (an intrinsic function shows as its compact JSON).</summary>
    public IReadOnlyList<string> Actions => Entries("Action");

    /// <summary>The Resource entries (an intrinsic function shows as its compact JSON, e.g. <c>{"Ref":"Queue"}</c>).</summary>
    public IReadOnlyList<string> Resources => Entries("Resource");

    public bool Has(string property) => Element.TryGetProperty(property, out _);

    /// <summary>Whether the statement's Condition tests this key, e.g. cloudwatch:namespace.</summary>
    public bool HasConditionOn(string key) =>
        Element.TryGetProperty("Condition", out var condition)
        && condition.EnumerateObject().Any(test => test.Value.TryGetProperty(key, out _));

    public static IReadOnlyList<PolicyStatement> FindAll(CloudFormationTemplate template)
    {
        var statements = new List<PolicyStatement>();
        Walk(template.Root.GetProperty("Resources"), "Resources", statements);
        return statements;
    }

    private IReadOnlyList<string> Entries(string property)
    {
        if (!Element.TryGetProperty(property, out var value))
        {
            return [];
        }

        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        return items.Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() ?? "" : JsonSerializer.Serialize(item)).ToList();
    }

    private static void Walk(JsonElement element, string location, List<PolicyStatement> statements)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, $"{location}[{index++}]", statements);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var path = $"{location}.{property.Name}";
            if (property.Name == "Statement")
            {
                var list = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value];
                for (var i = 0; i < list.Count; i++)
                {
                    statements.Add(new PolicyStatement($"{path}[{i}]", list[i]));
                }
            }
            else
            {
                Walk(property.Value, path, statements);
            }
        }
    }
}
