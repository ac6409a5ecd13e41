using System.Diagnostics;
using GluonStyleText.Bundles;
using GluonStyleText.Data;
using GluonStyleText.Embeddings;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Training;

/// <summary>
/// The whole way from labeled texts to a saved model bundle: label map, text transformer,
/// optional pretrained embeddings, model, training with validation, bundle. This is the entry
/// point most applications need; <see cref="Trainer"/> is the lower-level loop it drives.
/// </summary>
public sealed partial class TextClassifierTrainer
{
    private readonly TextClassifierOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a trainer; the options are validated here, so a bad configuration fails before any work.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names every bad key.</exception>
    public TextClassifierTrainer(TextClassifierOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new TextClassifierOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(TextClassifierOptions), typeof(TextClassifierOptions), validation.Failures);
        }

        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Trains on a labeled CSV file (columns <c>text_column</c> and <c>label_column</c>) and writes the bundle.</summary>
    /// <param name="csvPath">The labeled training file.</param>
    /// <param name="bundlePath">Where to write the model bundle: a folder, or a file ending in <c>.zip</c>.</param>
    /// <param name="run">Checkpointing and resuming; null for neither.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Cancelling keeps and saves the best model so far.</param>
    /// <exception cref="DataFormatException">A row of the file is bad; the message names file, line and reason.</exception>
    public TextClassifierTrainingResult TrainFromCsv(
        string csvPath,
        string bundlePath,
        TrainingRunOptions? run = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var data = LabeledCsvFile.Load(csvPath, LabeledCsvOptions.From(_options), labelMap: null, _logger, cancellationToken);
        LogRead(_logger, data.Count, csvPath, data.Summary.RowsRejected);
        return Train(data.Texts, data.ClassIds, data.LabelMap, bundlePath, run, progress, cancellationToken);
    }

    /// <summary>Trains on texts and their labels (any strings, e.g. claim categories) and writes the bundle.</summary>
    public TextClassifierTrainingResult Train(
        IReadOnlyList<string> texts,
        IReadOnlyList<string> labels,
        string bundlePath,
        TrainingRunOptions? run = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        if (texts.Count != labels.Count)
        {
            throw new ArgumentException($"There are {texts.Count} texts but {labels.Count} labels; each text needs one label.", nameof(labels));
        }

        var labelMap = LabelMap.FromTrainingLabels(labels);
        var classIds = labels.Select(labelMap.GetId).ToArray();
        return Train(texts, classIds, labelMap, bundlePath, run, progress, cancellationToken);
    }

    private TextClassifierTrainingResult Train(
        IReadOnlyList<string> texts,
        IReadOnlyList<int> classIds,
        LabelMap labelMap,
        string bundlePath,
        TrainingRunOptions? run,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bundlePath);
        var stopwatch = Stopwatch.StartNew();
        if (labelMap.Count != _options.NumberOfClasses)
        {
            throw new ArgumentException(
                $"n_classes is {_options.NumberOfClasses} but the training data has {labelMap.Count} labels ({string.Join(", ", labelMap.Labels.Take(20))}); set n_classes to {labelMap.Count}.");
        }

        var transformer = TextTransformer.Fit(texts, TextTransformerOptions.From(_options), cancellationToken: cancellationToken);
        LogVocabulary(_logger, transformer.Vocabulary.Count, texts.Count);
        var dataset = new EncodedDataset(EncodeAll(transformer, texts, cancellationToken), [.. classIds], _options.SequenceLength);

        double? coverage = null;
        float[]? pretrained = null;
        if (_options.UsePretrainedEmbeddings)
        {
            var matrix = LoadEmbeddings(transformer, cancellationToken);
            coverage = matrix.Coverage;
            pretrained = matrix.Values;
        }

        using var model = pretrained is null
            ? TextClassifierModelFactory.Create(_options)
            : TextClassifierModelFactory.Create(_options, pretrained);
        var result = new Trainer(_options, _logger).Train(
            model, dataset, validation: null, run?.CheckpointDirectory, run?.ResumeFrom, progress, cancellationToken);

        ModelBundle.Save(bundlePath, _options, transformer, labelMap, model, result.BestValidationMetrics);
        LogSaved(_logger, bundlePath, result.BestValidationMetrics?.Accuracy ?? double.NaN);
        return new TextClassifierTrainingResult
        {
            BundlePath = bundlePath,
            Training = result,
            Labels = labelMap,
            VocabularyCount = transformer.Vocabulary.Count,
            EmbeddingCoverage = coverage,
            Elapsed = stopwatch.Elapsed,
        };
    }

    /// <summary>Encodes every text into one row-major <c>[texts, seq_len]</c> array, in parallel.</summary>
    internal static long[] EncodeAll(TextTransformer transformer, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var length = transformer.SequenceLength;
        var ids = new long[(long)texts.Count * length];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, row =>
            transformer.Encode(texts[row], ids.AsSpan(row * length, length)));
        return ids;
    }

    private EmbeddingMatrix LoadEmbeddings(TextTransformer transformer, CancellationToken cancellationToken)
    {
        // One row per id the model has: ids the vocabulary leaves unused get an empty word, which no
        // vectors file contains, so they are initialised at random like any other missing word.
        var words = new string[_options.VocabularySize];
        Array.Fill(words, "");
        for (var id = 0; id < transformer.Vocabulary.Count; id++)
        {
            words[id] = transformer.Vocabulary.GetWord(id);
        }

        var matrix = PretrainedEmbeddingLoader.Load(_options.EmbeddingsPath!, words, EmbeddingLoadOptions.From(_options), cancellationToken: cancellationToken);
        LogEmbeddings(_logger, matrix.WordsFound, matrix.WordsSearched, matrix.Coverage, _options.EmbeddingsPath!);
        return matrix;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Rows} labeled texts from {Path} ({Rejected} rejected)")]
    private static partial void LogRead(ILogger logger, int rows, string path, long rejected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vocabulary: {Words} entries from {Texts} texts")]
    private static partial void LogVocabulary(ILogger logger, int words, int texts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pretrained vectors: {Found} of {Searched} words found ({Coverage:P1}) in {Path}")]
    private static partial void LogEmbeddings(ILogger logger, int found, int searched, double coverage, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved model bundle {Path} (validation accuracy {Accuracy:P2})")]
    private static partial void LogSaved(ILogger logger, string path, double accuracy);
}
