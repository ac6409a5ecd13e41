using System.Globalization;
using System.Text;

namespace GluonStyleText.Tests.Cli;

/// <summary>
/// A claims-like labeled CSV that is not IMDB-shaped: header <c>id,description,category</c>, string labels
/// <c>fire</c>, <c>water</c> and <c>theft</c> told apart by easy marker words, one row with an empty
/// description (a bad row) and one in Japanese.
/// </summary>
internal static class TinyClaimsData
{
    /// <summary>A text whose label any trained model here gets right.</summary>
    public const string EasyFireText = "burn fire smoke flames after the heater overheated";

    /// <summary>The Japanese row's text ("water leaked in the kitchen" with the marker words).</summary>
    public const string JapaneseText = "台所で水漏れ water leak flood";

    private static readonly Dictionary<string, string[]> Markers = new()
    {
        ["fire"] = ["burn", "fire", "smoke", "flames", "scorched"],
        ["water"] = ["water", "leak", "flood", "soaked", "pipe"],
        ["theft"] = ["stolen", "theft", "burglar", "missing", "robbed"],
    };

    private static readonly string[] Filler = "the a claim house car kitchen roof after during night customer reported damage to of in".Split(' ');

    /// <summary>The labels, in alphabetical order.</summary>
    public static IReadOnlyList<string> Labels { get; } = [.. Markers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Writes <paramref name="rows"/> good rows (plus, when <paramref name="withBadAndJapaneseRows"/>, a row with an
    /// empty description and a Japanese row) to <paramref name="path"/> as UTF-8 (no byte order mark).
    /// </summary>
    public static string Write(string path, int rows, int seed, bool withBadAndJapaneseRows = true)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("id,description,category\n");
        var labels = Labels;
        for (var i = 0; i < rows; i++)
        {
            var label = labels[i % labels.Count];
            var words = Enumerable.Range(0, random.Next(4, 12)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            var markers = Markers[label];
            for (var m = 0; m < 2; m++)
            {
                words.Insert(random.Next(words.Count + 1), markers[random.Next(markers.Length)]);
            }

            csv.Append(CultureInfo.InvariantCulture, $"c{i},\"{string.Join(' ', words)}\",{label}\n");
            if (withBadAndJapaneseRows && i == rows / 2)
            {
                csv.Append("bad-1,,fire\n");
                csv.Append(CultureInfo.InvariantCulture, $"jp-1,{JapaneseText},water\n");
            }
        }

        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
