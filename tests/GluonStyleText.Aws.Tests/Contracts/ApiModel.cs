using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>
/// A botocore API model (<c>service-2.json</c>) and a checker that validates JSON documents
/// against its shapes: required and unknown members, types, enums, patterns, lengths and sizes.
/// </summary>
internal sealed class ApiModel
{
    public const string BatchFile = "batch-2016-08-10.service-2.json";
    public const string SageMakerFile = "sagemaker-2017-07-24.service-2.json";

    private static readonly ConcurrentDictionary<string, ApiModel> Loaded = new();
    private readonly ConcurrentDictionary<string, Regex> _patterns = new();
    private readonly JsonObject _shapes;
    private readonly JsonObject _operations;

    private ApiModel(JsonObject model)
    {
        Metadata = model["metadata"]!.AsObject();
        _shapes = model["shapes"]!.AsObject();
        _operations = model["operations"]!.AsObject();
    }

    public static ApiModel Batch => Load(BatchFile);

    public static ApiModel SageMaker => Load(SageMakerFile);

    public JsonObject Metadata { get; }

    public string MetadataString(string name) => Metadata[name]?.GetValue<string>() ?? throw new KeyNotFoundException($"metadata.{name}");

    public static ApiModel Load(string fileName) =>
        Loaded.GetOrAdd(fileName, name => new ApiModel(JsonNode.Parse(File.ReadAllText(AwsModelsDirectory.File(name)))!.AsObject()));

    public ApiOperation Operation(string name)
    {
        var operation = _operations[name]?.AsObject() ?? throw new KeyNotFoundException($"The model has no operation {name}.");
        var http = operation["http"]!.AsObject();
        return new ApiOperation(
            name,
            http["method"]!.GetValue<string>(),
            http["requestUri"]!.GetValue<string>(),
            operation["input"]?["shape"]?.GetValue<string>(),
            operation["output"]?["shape"]?.GetValue<string>(),
            operation["errors"]?.AsArray().Select(error => error!["shape"]!.GetValue<string>()).ToList() ?? []);
    }

    public JsonObject Shape(string name) =>
        _shapes[name]?.AsObject() ?? throw new KeyNotFoundException($"The model has no shape {name}.");

    public IReadOnlyList<string> EnumValues(string shapeName) =>
        Shape(shapeName)["enum"]!.AsArray().Select(value => value!.GetValue<string>()).ToList();

    /// <summary>Every way <paramref name="value"/> breaks shape <paramref name="shapeName"/>, each with its JSON path; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(JsonNode? value, string shapeName)
    {
        var violations = new List<string>();
        Check(value, shapeName, "$", violations);
        return violations;
    }

    private void Check(JsonNode? value, string shapeName, string path, List<string> violations)
    {
        var shape = Shape(shapeName);
        var type = shape["type"]!.GetValue<string>();
        if (value is null)
        {
            violations.Add($"{path}: null is not a {type} ({shapeName})");
            return;
        }

        switch (type)
        {
            case "structure":
                CheckStructure(value, shape, shapeName, path, violations);
                break;
            case "list":
                CheckList(value, shape, shapeName, path, violations);
                break;
            case "map":
                CheckMap(value, shape, shapeName, path, violations);
                break;
            case "string":
                CheckString(value, shape, shapeName, path, violations);
                break;
            case "integer" or "long":
                CheckInteger(value, shape, shapeName, type, path, violations);
                break;
            case "double" or "float":
                CheckNumber(value, shape, shapeName, path, violations);
                break;
            case "boolean":
                if (!IsKind(value, System.Text.Json.JsonValueKind.True) && !IsKind(value, System.Text.Json.JsonValueKind.False))
                {
                    violations.Add($"{path}: {Describe(value)} is not a boolean ({shapeName})");
                }

                break;
            case "timestamp":
                // Both JSON protocols default to epoch seconds.
                if (!IsKind(value, System.Text.Json.JsonValueKind.Number))
                {
                    violations.Add($"{path}: {Describe(value)} is not an epoch-seconds timestamp ({shapeName})");
                }

                break;
            case "blob":
                if (!IsKind(value, System.Text.Json.JsonValueKind.String))
                {
                    violations.Add($"{path}: {Describe(value)} is not a base64 blob ({shapeName})");
                }

                break;
            default:
                violations.Add($"{path}: the checker does not know shape type '{type}' ({shapeName})");
                break;
        }
    }

    private void CheckStructure(JsonNode value, JsonObject shape, string shapeName, string path, List<string> violations)
    {
        if (value is not JsonObject json)
        {
            violations.Add($"{path}: {Describe(value)} is not an object ({shapeName})");
            return;
        }

        var members = shape["members"]!.AsObject();
        foreach (var required in shape["required"]?.AsArray().Select(name => name!.GetValue<string>()) ?? [])
        {
            if (json[required] is null)
            {
                violations.Add($"{path}: required member '{required}' is missing ({shapeName})");
            }
        }

        foreach (var (name, memberValue) in json)
        {
            var member = members[name];
            if (member is null)
            {
                violations.Add($"{path}: unknown member '{name}' ({shapeName})");
                continue;
            }

            Check(memberValue, member["shape"]!.GetValue<string>(), $"{path}.{name}", violations);
        }

        if (shape["union"]?.GetValue<bool>() == true && json.Count(pair => pair.Value is not null) != 1)
        {
            violations.Add($"{path}: a union must set exactly one member ({shapeName})");
        }
    }

    private void CheckList(JsonNode value, JsonObject shape, string shapeName, string path, List<string> violations)
    {
        if (value is not JsonArray array)
        {
            violations.Add($"{path}: {Describe(value)} is not a list ({shapeName})");
            return;
        }

        CheckSize(array.Count, shape, shapeName, path, "entries", violations);
        var memberShape = shape["member"]!["shape"]!.GetValue<string>();
        for (var index = 0; index < array.Count; index++)
        {
            Check(array[index], memberShape, $"{path}[{index}]", violations);
        }
    }

    private void CheckMap(JsonNode value, JsonObject shape, string shapeName, string path, List<string> violations)
    {
        if (value is not JsonObject map)
        {
            violations.Add($"{path}: {Describe(value)} is not a map ({shapeName})");
            return;
        }

        CheckSize(map.Count, shape, shapeName, path, "entries", violations);
        var keyShape = shape["key"]!["shape"]!.GetValue<string>();
        var valueShape = shape["value"]!["shape"]!.GetValue<string>();
        foreach (var (key, entry) in map)
        {
            Check(JsonValue.Create(key), keyShape, $"{path} key '{key}'", violations);
            Check(entry, valueShape, $"{path}['{key}']", violations);
        }
    }

    private void CheckString(JsonNode value, JsonObject shape, string shapeName, string path, List<string> violations)
    {
        if (!IsKind(value, System.Text.Json.JsonValueKind.String))
        {
            violations.Add($"{path}: {Describe(value)} is not a string ({shapeName})");
            return;
        }

        var text = value.GetValue<string>();
        var allowed = shape["enum"]?.AsArray().Select(item => item!.GetValue<string>()).ToList();
        if (allowed is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            violations.Add($"{path}: '{text}' is not one of the {allowed.Count} values of enum {shapeName}");
        }

        CheckSize(text.Length, shape, shapeName, path, "characters", violations);
        if (shape["pattern"]?.GetValue<string>() is { } pattern && !FullMatch(pattern).IsMatch(text))
        {
            violations.Add($"{path}: '{text}' does not match pattern {pattern} ({shapeName})");
        }
    }

    private static void CheckInteger(JsonNode value, JsonObject shape, string shapeName, string type, string path, List<string> violations)
    {
        if (!IsKind(value, System.Text.Json.JsonValueKind.Number) || !value.AsValue().TryGetValue<long>(out var number)
            || (type == "integer" && number is < int.MinValue or > int.MaxValue))
        {
            violations.Add($"{path}: {Describe(value)} is not an {type} ({shapeName})");
            return;
        }

        CheckRange(number, shape, shapeName, path, violations);
    }

    private static void CheckNumber(JsonNode value, JsonObject shape, string shapeName, string path, List<string> violations)
    {
        if (!IsKind(value, System.Text.Json.JsonValueKind.Number))
        {
            violations.Add($"{path}: {Describe(value)} is not a number ({shapeName})");
            return;
        }

        CheckRange(value.GetValue<double>(), shape, shapeName, path, violations);
    }

    private static void CheckSize(long size, JsonObject shape, string shapeName, string path, string unit, List<string> violations)
    {
        if (shape["min"] is { } min && size < min.GetValue<double>())
        {
            violations.Add($"{path}: {size} {unit}, fewer than the minimum {min} ({shapeName})");
        }

        if (shape["max"] is { } max && size > max.GetValue<double>())
        {
            violations.Add($"{path}: {size} {unit}, more than the maximum {max} ({shapeName})");
        }
    }

    private static void CheckRange(double number, JsonObject shape, string shapeName, string path, List<string> violations)
    {
        if (shape["min"] is { } min && number < min.GetValue<double>())
        {
            violations.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is below the minimum {min} ({shapeName})");
        }

        if (shape["max"] is { } max && number > max.GetValue<double>())
        {
            violations.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is above the maximum {max} ({shapeName})");
        }
    }

    // AWS validates the whole value against the pattern (botocore's copies dropped the anchors),
    // so the checker is strict: it anchors every pattern.
    private Regex FullMatch(string pattern) =>
        _patterns.GetOrAdd(pattern, p => new Regex($"^(?:{p})\\z", RegexOptions.CultureInvariant));

    private static bool IsKind(JsonNode value, System.Text.Json.JsonValueKind kind) => value.GetValueKind() == kind;

    private static string Describe(JsonNode value) => $"{value.GetValueKind()} {value.ToJsonString()}";
}
