namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>The two CSV files (header <c>sentiment,review</c>) that the sample trains and evaluates on.</summary>
/// <param name="TrainCsvPath">Full path of <c>train.csv</c>.</param>
/// <param name="TestCsvPath">Full path of <c>test.csv</c>.</param>
internal sealed record ImdbDataFiles(string TrainCsvPath, string TestCsvPath);
