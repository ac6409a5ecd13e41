using System.Globalization;
using System.Text.Json;

namespace GluonStyleText.Options;

/// <summary>
/// Converts one configuration value to the type of its key. Strings are accepted wherever a number,
/// boolean or list is expected, because SageMaker hands every hyperparameter over as a string.
/// </summary>
internal static class OptionValueConverter
{
    /// <summary>Converts <paramref name="value"/>; on failure, <paramref name="error"/> says what was expected and what was found.</summary>
    public static bool TryConvert(JsonElement value, OptionKey key, out object? result, out string? error)
    {
        result = null;
        error = null;
        if (value.ValueKind == JsonValueKind.Null && key.AllowsNull)
        {
            return true;
        }

        var type = key.ValueType;
        result = type == typeof(int) ? ToInt(value)
            : type == typeof(double) ? ToDouble(value)
            : type == typeof(bool) ? ToBool(value)
            : type == typeof(string) ? ToText(value)
            : type == typeof(int[]) ? ToIntArray(value)
            : throw new NotSupportedException($"Option \"{key.JsonName}\" has the unsupported type {type}.");
        if (result is not null)
        {
            return true;
        }

        error = $"\"{key.JsonName}\" must be {Expected(type)}, got {Shown(value)}";
        return false;
    }

    private static string Expected(Type type) =>
        type == typeof(int) ? "an integer"
        : type == typeof(double) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(string) ? "a string"
        : "a list of integers such as [3,4,5] or \"3,4,5\"";

    private static string Shown(JsonElement value)
    {
        const int MaxShown = 60;
        var text = value.ValueKind == JsonValueKind.String ? $"\"{value.GetString()}\"" : value.GetRawText();
        return text.Length <= MaxShown ? text : string.Concat(text.AsSpan(0, MaxShown), "...");
    }

    private static object? ToInt(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var number) => number,
        JsonValueKind.Number => WholeNumber(value.GetDouble()),
        JsonValueKind.String => ParseInt(value.GetString()!),
        _ => null,
    };

    private static object? ParseInt(string text)
    {
        text = text.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return ParseDouble(text) is double real ? WholeNumber(real) : null;
    }

    // Python writes 5.0 for a float that holds a whole number; that is still a valid count.
    private static object? WholeNumber(double real) =>
        real == Math.Floor(real) && real >= int.MinValue && real <= int.MaxValue ? (int)real : null;

    private static object? ToDouble(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => ParseDouble(value.GetString()!),
        _ => null,
    };

    private static object? ParseDouble(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
            ? real
            : null;

    private static object? ToBool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var number) && number is 0 or 1 => number == 1,
        JsonValueKind.String => ParseBool(value.GetString()!.Trim()),
        _ => null,
    };

    // Python's str(True) is "True"; shell scripts and YAML tools tend to write 1 and 0.
    private static object? ParseBool(string text) =>
        bool.TryParse(text, out var flag) ? flag
        : text == "1" ? true
        : text == "0" ? false
        : null;

    private static object? ToText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Unquote(value.GetString()!) : null;

    // The SageMaker Python SDK json.dumps every hyperparameter, so the string adam arrives as "\"adam\"".
    private static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(text) ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static object? ToIntArray(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => AllOrNothing(value.EnumerateArray().Select(ToInt)),
        JsonValueKind.Number => ToInt(value) is int single ? new[] { single } : null,
        JsonValueKind.String => ParseIntList(value.GetString()!),
        _ => null,
    };

    private static object? ParseIntList(string text)
    {
        var items = text.Trim().TrimStart('[').TrimEnd(']')
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return AllOrNothing(items.Select(ParseInt));
    }

    private static int[]? AllOrNothing(IEnumerable<object?> items)
    {
        var converted = items.ToArray();
        return converted.All(item => item is int) ? converted.Cast<int>().ToArray() : null;
    }
}
