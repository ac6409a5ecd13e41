using GluonStyleText.Data;
using GluonStyleText.Options;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Host.SageMaker;

/// <summary>
/// The labeled texts of a SageMaker training channel: every <c>.csv</c> file below the channel
/// folder (S3 prefixes become subfolders), in ordinal path order so that a run is repeatable,
/// read with the options' <c>text_column</c> and <c>label_column</c> and concatenated.
/// </summary>
internal sealed record SageMakerTrainingData(IReadOnlyList<string> Files, IReadOnlyList<string> Texts, IReadOnlyList<string> Labels)
{
    public static SageMakerTrainingData Load(string channelDirectory, TextClassifierOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(channelDirectory))
        {
            throw new DirectoryNotFoundException(
                $"The training channel folder '{channelDirectory}' does not exist: the training job needs an input channel named '{SageMakerPaths.TrainingChannelName}' holding labeled .csv files.");
        }

        var files = Directory.EnumerateFiles(channelDirectory, "*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException(
                $"The training channel folder '{channelDirectory}' holds no .csv files; upload labeled CSV files (columns '{options.TextColumn}' and '{options.LabelColumn}') under the training data S3 prefix.");
        }

        var texts = new List<string>();
        var labels = new List<string>();
        var csvOptions = LabeledCsvOptions.From(options);
        foreach (var file in files)
        {
            var data = LabeledCsvFile.Load(file, csvOptions, labelMap: null, logger, cancellationToken);
            texts.AddRange(data.Texts);
            labels.AddRange(data.ClassIds.Select(data.LabelMap.GetLabel));
            SageMakerEntrypointLog.ReadFile(logger, file, data.Count);
        }

        return new SageMakerTrainingData(files, texts, labels);
    }
}
