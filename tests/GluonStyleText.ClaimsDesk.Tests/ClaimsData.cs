using System.Globalization;
using System.Text;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>
/// Synthetic warranty claims: each category has its own marker words among shared filler, so a tiny model
/// learns them in seconds; "vague" claims carry no marker, so the model is unsure of them and they need review.
/// </summary>
public static class ClaimsData
{
    public static readonly IReadOnlyDictionary<string, string[]> Markers = new Dictionary<string, string[]>
    {
        ["fire"] = ["burn", "smoke", "flames", "scorched"],
        ["water"] = ["flood", "leak", "soaked", "dripping"],
        ["theft"] = ["stolen", "burglary", "robbed", "taken"],
    };

    private static readonly string[] Filler = ["the", "of", "my", "after", "a", "was", "in", "kitchen", "car", "house", "night", "unit", "damage", "reported", "customer"];

    /// <summary>Labeled claims, <c>id,description,category</c>.</summary>
    public static (List<string> Texts, List<string> Labels) Labeled(int count, int seed)
    {
        var random = new Random(seed);
        var categories = Markers.Keys.ToArray();
        var texts = new List<string>();
        var labels = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var category = categories[random.Next(categories.Length)];
            var words = Words(random);
            words.Insert(random.Next(words.Count + 1), Markers[category][random.Next(Markers[category].Length)]);
            texts.Add(string.Join(' ', words));
            labels.Add(category);
        }

        return (texts, labels);
    }

    /// <summary>A labeled CSV file's text.</summary>
    public static string LabeledCsv(int count, int seed)
    {
        var (texts, labels) = Labeled(count, seed);
        var csv = new StringBuilder("id,description,category\n");
        for (var i = 0; i < texts.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i + 1},\"{texts[i]}\",{labels[i]}\n");
        }

        return csv.ToString();
    }

    /// <summary>Claims to classify, <c>claim_id,description,branch</c>: every fifth one vague.</summary>
    public static string UnlabeledCsv(int count, int seed)
    {
        var random = new Random(seed);
        var (texts, _) = Labeled(count, seed);
        var csv = new StringBuilder("claim_id,description,branch\n");
        for (var i = 0; i < count; i++)
        {
            var text = i % 5 == 4 ? string.Join(' ', Words(random)) : texts[i];
            csv.Append(CultureInfo.InvariantCulture, $"C{i + 1:D5},\"{text}\",{(i % 2 == 0 ? "north" : "south")}\n");
        }

        return csv.ToString();
    }

    private static List<string> Words(Random random) => [.. Enumerable.Range(0, random.Next(3, 8)).Select(_ => Filler[random.Next(Filler.Length)])];
}
