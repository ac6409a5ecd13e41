using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// Damage for JSON files: besides the byte mutations, edits that keep the JSON valid and so reach past the
/// parser into the reader's own checks: a value replaced by one of another type or out of every range, a key
/// removed, renamed or written twice.
/// </summary>
internal static class JsonGenerators
{
    private static readonly string[] NastyValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0.0", "1e400", "-1e400", "1e-400", "2147483648", "-2147483649", "9223372036854775808",
        "99999999999999999999999999999", "\"\"", "\" \"", "\"NaN\"", "\"Infinity\"", "\"1e400\"", "\"2147483648\"", "\"[3,4,5]\"", "\"3,,5\"", "\"\\\"adam\\\"\"", "\"\\u0000\"",
        "\"\\uD800\"", "\"<pad>\"", "\"<unk>\"", "\"a b\"", "\"pos\"", "[]", "[null]", "[1,2,3]", "[\"x\",\"x\"]", "[[1]]", "{}", "{\"a\":1}",
        "\"GluonStyleText.LabelMap\"", "\"GluonStyleText.TextTransformer\"", "\"gluonstyletext-model-bundle\"", "1", "2", "100000", "10000000",
    ];

    /// <summary>A valid JSON text edited structurally (one time in two) or bytewise, or random bytes now and then.</summary>
    public static Gen<FuzzInput> Mutated(Gen<string> valid) =>
        Gen.Frequency(
            (4, from json in valid
                from edits in Gen.ArrayOf(Edit, 3).Select(e => e.Take(1 + (e[0].Pick % 3)).ToArray())
                select new FuzzInput(Encoding.UTF8.GetBytes(ApplyAll(json, edits)), $"{edits.Length} JSON edits")),
            (4, FuzzInput.MutatedOrRandom(valid.Select(Encoding.UTF8.GetBytes), randomOneIn: 10)));

    public sealed record JsonEdit(int Kind, int Pick, string Value);

    private static readonly Gen<JsonEdit> Edit =
        from kind in Gen.Choose(0, 3)
        from pick in Gen.Choose(0, 10_000)
        from value in Gen.Elements(NastyValues)
        select new JsonEdit(kind, pick, value);

    private static string ApplyAll(string json, IEnumerable<JsonEdit> edits) => edits.Aggregate(json, Apply);

    // JsonNode refuses what earlier edits may have made (a key twice, a lone surrogate); such a text is left as it is.
    private static string Apply(string json, JsonEdit edit)
    {
        try
        {
            return TryApply(json, edit);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return json;
        }
    }

    private static string TryApply(string json, JsonEdit edit)
    {
        var root = JsonNode.Parse(json);

        var nodes = Descendants(root).ToList();
        if (nodes.Count == 0)
        {
            return edit.Value;
        }

        var node = nodes[edit.Pick % nodes.Count];
        var parent = node?.Parent;
        switch (edit.Kind)
        {
            case 0 or 1 when parent is JsonObject obj:
                string key = node!.GetPropertyName();
                if (edit.Kind == 0)
                {
                    obj[key] = JsonNode.Parse(edit.Value);
                }
                else
                {
                    obj.Remove(key);
                }

                break;
            case 0 or 1 when parent is JsonArray array:
                int index = node!.GetElementIndex();
                if (edit.Kind == 0)
                {
                    array[index] = JsonNode.Parse(edit.Value);
                }
                else
                {
                    array.RemoveAt(index);
                }

                break;
            case 2 when parent is JsonObject:
                // The key written twice: JsonNode cannot hold that, so the text is edited after the property.
                string name = node!.GetPropertyName();
                string text = root!.ToJsonString();
                string marker = $"\"{name}\":";
                int at = text.IndexOf(marker, StringComparison.Ordinal);
                return at < 0 ? text : text.Insert(at, $"{marker}{edit.Value},");
            case 3 when parent is JsonObject renamed:
                string old = node!.GetPropertyName();
                renamed.Remove(old);
                renamed[old.ToUpperInvariant() + "_"] = JsonNode.Parse(edit.Value);
                break;
            default:
                return edit.Value;
        }

        return root!.ToJsonString();
    }

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    yield return child;
                    foreach (var below in Descendants(child))
                    {
                        yield return below;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    yield return child;
                    foreach (var below in Descendants(child))
                    {
                        yield return below;
                    }
                }

                break;
        }
    }
}
