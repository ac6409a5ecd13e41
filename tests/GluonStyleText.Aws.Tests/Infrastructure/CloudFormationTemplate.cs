using System.Text.Json;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>A CloudFormation template in JSON, read with System.Text.Json.</summary>
internal sealed class CloudFormationTemplate
{
    private static readonly Lazy<CloudFormationTemplate> RepositoryTemplate =
        new(() => Load(RepositoryPaths.TemplateFile));

    private CloudFormationTemplate(JsonElement root, string source)
    {
        Root = root;
        Source = source;
        Resources = Section(root, "Resources", source)
            ?? throw new InvalidDataException($"{source}: the template has no Resources section.");
        Parameters = Section(root, "Parameters", source) ?? new Dictionary<string, JsonElement>();
        Outputs = Section(root, "Outputs", source) ?? new Dictionary<string, JsonElement>();
    }

    /// <summary>The stack template of this repository, infra/cloudformation/gluonstyletext.json.</summary>
    public static CloudFormationTemplate Repository => RepositoryTemplate.Value;

    public JsonElement Root { get; }

    /// <summary>Where the template came from, for messages.</summary>
    public string Source { get; }

    public IReadOnlyDictionary<string, JsonElement> Resources { get; }

    public IReadOnlyDictionary<string, JsonElement> Parameters { get; }

    public IReadOnlyDictionary<string, JsonElement> Outputs { get; }

    public static CloudFormationTemplate Load(string path) => Parse(File.ReadAllText(path), path);

    public static CloudFormationTemplate Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return new CloudFormationTemplate(document.RootElement.Clone(), source);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: line {e.LineNumber + 1}: not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The resource with this logical id.</summary>
    public JsonElement Resource(string logicalId) =>
        Resources.TryGetValue(logicalId, out var resource)
            ? resource
            : throw new KeyNotFoundException($"{Source}: no resource '{logicalId}'.");

    /// <summary>The Properties of the resource with this logical id.</summary>
    public JsonElement Properties(string logicalId) => Resource(logicalId).GetProperty("Properties");

    /// <summary>The resources of one type, such as AWS::S3::Bucket.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> ResourcesOfType(string type) =>
        Resources.Where(resource => TypeOf(resource.Value) == type).ToList();

    public static string TypeOf(JsonElement resource) =>
        resource.TryGetProperty("Type", out var type) ? type.GetString() ?? "" : "";

    private static Dictionary<string, JsonElement>? Section(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var section))
        {
            return null;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}: {name} must be an object.");
        }

        return section.EnumerateObject().ToDictionary(property => property.Name, property => property.Value);
    }
}
