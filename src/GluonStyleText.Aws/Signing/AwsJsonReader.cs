using System.Text.Json;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// Reads members of AWS JSON answers. Missing optional members give null; a missing required
/// member is an error naming the operation and member, since it means the answer is not what the
/// API model promises.
/// </summary>
/// <param name="Context">Names the answer in messages, such as <c>Batch DescribeJobs</c>.</param>
internal readonly record struct AwsJsonReader(string Context)
{
    /// <summary>A string member that must be present.</summary>
    public string RequiredString(JsonElement parent, string name) =>
        OptionalString(parent, name) ?? throw Missing(name);

    /// <summary>A string member, or null.</summary>
    public static string? OptionalString(JsonElement parent, string name) =>
        TryGet(parent, name, JsonValueKind.String, out var value) ? value.GetString() : null;

    /// <summary>An integer member, or null.</summary>
    public static int? OptionalInt32(JsonElement parent, string name) =>
        TryGet(parent, name, JsonValueKind.Number, out var value) ? value.GetInt32() : null;

    /// <summary>An object or array member, or null.</summary>
    public static JsonElement? OptionalElement(JsonElement parent, string name, JsonValueKind kind) =>
        TryGet(parent, name, kind, out var value) ? value : null;

    /// <summary>An object or array member that must be present.</summary>
    public JsonElement RequiredElement(JsonElement parent, string name, JsonValueKind kind) =>
        OptionalElement(parent, name, kind) ?? throw Missing(name);

    /// <summary>A rest-json timestamp as AWS Batch sends it: milliseconds since 1970, or null.</summary>
    public static DateTimeOffset? OptionalEpochMilliseconds(JsonElement parent, string name) =>
        TryGet(parent, name, JsonValueKind.Number, out var value) ? DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64()) : null;

    /// <summary>An awsJson timestamp: seconds since 1970 with a fraction, or null.</summary>
    public static DateTimeOffset? OptionalEpochSeconds(JsonElement parent, string name) =>
        TryGet(parent, name, JsonValueKind.Number, out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value.GetDouble() * 1000))
            : null;

    /// <summary>An awsJson timestamp that must be present.</summary>
    public DateTimeOffset RequiredEpochSeconds(JsonElement parent, string name) =>
        OptionalEpochSeconds(parent, name) ?? throw Missing(name);

    private static bool TryGet(JsonElement parent, string name, JsonValueKind kind, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind == kind;

    private InvalidDataException Missing(string name) =>
        new($"{Context} answered without '{name}'.");
}
