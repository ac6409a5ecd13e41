using CsvHelper;

namespace GluonStyleText.Samples.Tests;

/// <summary>Reads a sample CSV back with an RFC 4180 reader, checking its header.</summary>
internal static class ImdbCsvRows
{
    public static List<(int Sentiment, string Review)> Read(string path)
    {
        using var reader = CsvReader.FromFile(path);
        var rows = new List<(int, string)>();
        while (reader.Read())
        {
            rows.Add((reader.Parse<int>(0), reader.GetString(1)));
        }

        Assert.Equal(["sentiment", "review"], reader.Headers);
        return rows;
    }

    /// <summary>Asserts the same rows in any order.</summary>
    public static void AssertSameRows(IEnumerable<(int Sentiment, string Review)> expected, IEnumerable<(int Sentiment, string Review)> actual) =>
        Assert.Equal(expected.Order(), actual.Order());
}
