using System.Globalization;

namespace GluonStyleText.Compare;

/// <summary><c>--name value</c> pairs of a command line.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> values;

    private CommandArguments(Dictionary<string, string> values) => this.values = values;

    public static CommandArguments Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var enumerator = args.GetEnumerator();
        while (enumerator.MoveNext())
        {
            var name = enumerator.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !enumerator.MoveNext())
            {
                throw new ArgumentException($"expected '--option value', got '{name}'");
            }

            values[name[2..]] = enumerator.Current;
        }

        return new CommandArguments(values);
    }

    public string Text(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string? OptionalText(string name) => values.GetValueOrDefault(name);

    public int Integer(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool? OptionalBoolean(string name) =>
        values.TryGetValue(name, out var value) ? bool.Parse(value) : null;
}
