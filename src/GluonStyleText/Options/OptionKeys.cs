using System.Reflection;
using System.Text.Json.Serialization;

namespace GluonStyleText.Options;

/// <summary>
/// The table of configuration keys, read from the <see cref="JsonPropertyNameAttribute"/>s of
/// <see cref="TextClassifierOptions"/> so that the loader, the validator and the saved JSON can never
/// disagree about a key's name.
/// </summary>
internal static class OptionKeys
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Every key, in declaration order.</summary>
    public static IReadOnlyList<OptionKey> All { get; } = typeof(TextClassifierOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(property => (property, name: property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name))
        .Where(entry => entry.name is not null)
        .Select(entry => new OptionKey(entry.name!, entry.property, AllowsNull(entry.property)))
        .ToArray();

    // Case-insensitive because SageMaker users and hand-edited files vary the case; the seed's keys
    // stay unique when compared that way (they mix "n_classes" and "MODELPARAMSURL").
    private static readonly Dictionary<string, OptionKey> ByJsonName =
        All.ToDictionary(key => key.JsonName, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> JsonNameByProperty =
        All.ToDictionary(key => key.Property.Name, key => key.JsonName, StringComparer.Ordinal);

    /// <summary>The key named <paramref name="jsonName"/> (any case), or null when there is none.</summary>
    public static OptionKey? Find(string jsonName) => ByJsonName.GetValueOrDefault(jsonName);

    /// <summary>The JSON name of the property named <paramref name="propertyName"/>.</summary>
    public static string JsonNameOf(string propertyName) => JsonNameByProperty[propertyName];

    /// <summary>The known key an unknown one most likely misspells, or null when none is close.</summary>
    public static string? ClosestTo(string unknownKey)
    {
        const int MaxTypos = 2;
        var best = All
            .Select(key => (key.JsonName, distance: EditDistance(unknownKey.ToUpperInvariant(), key.JsonName.ToUpperInvariant())))
            .MinBy(candidate => candidate.distance);
        // Short keys are all close to each other ("lr" is two edits from "wd"), so allow fewer typos there.
        return best.distance <= Math.Min(MaxTypos, unknownKey.Length / 3) ? best.JsonName : null;
    }

    private static bool AllowsNull(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || Nullability.Create(property).WriteState == NullabilityState.Nullable;

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
