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
using TorchSharp;
using static TorchSharp.torch;

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

    /// <summary>
    /// Trains on a labeled CSV file (columns <c>text_column</c> and <c>label_column</c>; UTF-8, or UTF-16 with a byte
    /// order mark) and writes the bundle. With <c>bad_rows</c> <c>skip</c> (the default) bad rows are left out and
    /// written to the rejects file <see cref="RejectsPathFor"/> names, beside the bundle; more than
    /// <c>max_reject_ratio</c> of them fail the run.
    /// </summary>
    /// <param name="csvPath">The labeled training file.</param>
    /// <param name="bundlePath">Where to write the model bundle: a folder, or a file ending in <c>.zip</c>.</param>
    /// <param name="run">Checkpointing and resuming; null for neither. A resumed run keeps the checkpoint's vocabulary and labels.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Cancelling after the first epoch keeps and saves the best model so far (<see cref="TrainingResult.Cancelled"/>); cancelling before it throws.</param>
    /// <exception cref="DataFormatException">A row of the file is bad, or (when resuming) has a label the checkpoint does not know; the message names file, line and reason.</exception>
    /// <exception cref="NativeKernelCheckException">This machine's native kernels compute wrong numbers (checked once per process, before the data is read); nothing is written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the first epoch completed; no bundle is written.</exception>
    /// <exception cref="FileNotFoundException">The checkpoint to resume from does not exist.</exception>
    public TextClassifierTrainingResult TrainFromCsv(
        string csvPath,
        string bundlePath,
        TrainingRunOptions? run = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        TrainFromCsv(
            csvPath, (csvOptions, labels) => LabeledCsvFile.Load(csvPath, csvOptions, labels, _logger, cancellationToken), bundlePath, run, progress, cancellationToken);

    /// <summary>
    /// <see cref="TrainFromCsv(string, string, TrainingRunOptions?, IProgress{TrainingProgress}?, CancellationToken)"/> on a
    /// thread of its own: the task completes when the bundle is written, and faults with the same exceptions.
    /// </summary>
    /// <param name="csvPath">The labeled training file.</param>
    /// <param name="bundlePath">Where to write the model bundle: a folder, or a file ending in <c>.zip</c>.</param>
    /// <param name="run">Checkpointing and resuming; null for neither.</param>
    /// <param name="progress">Told after every batch (from the training thread).</param>
    /// <param name="cancellationToken">As for the synchronous overload.</param>
    public Task<TextClassifierTrainingResult> TrainFromCsvAsync(
        string csvPath,
        string bundlePath,
        TrainingRunOptions? run = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        LongRunningWork.Run(() => TrainFromCsv(csvPath, bundlePath, run, progress, cancellationToken), cancellationToken);

    /// <summary>
    /// Trains on labeled CSV content in a stream (an upload, a blob) as <see cref="TrainFromCsv(string, string, TrainingRunOptions?, IProgress{TrainingProgress}?, CancellationToken)"/>
    /// trains on a file: the same columns, encodings and bad-row handling, and the same bundle for the same bytes.
    /// The stream is read forward to its end before training starts, and stays the caller's to dispose. The rows
    /// <c>bad_rows</c> <c>skip</c> leaves out go to the same rejects file as from a file, the one
    /// <see cref="RejectsPathFor"/> names beside the bundle (<see cref="TextClassifierTrainingResult.RejectsPath"/>):
    /// the bundle has a folder where a stream has none.
    /// </summary>
    /// <param name="csv">The labeled training content; it need not seek.</param>
    /// <param name="csvName">The name errors and logs give the content, for example the uploaded file's name: <c>claims.csv line 17: ...</c>.</param>
    /// <param name="bundlePath">Where to write the model bundle: a folder, or a file ending in <c>.zip</c>.</param>
    /// <param name="run">Checkpointing and resuming; null for neither. A resumed run keeps the checkpoint's vocabulary and labels.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">As for the file overload.</param>
    /// <exception cref="DataFormatException">A row is bad, or (when resuming) has a label the checkpoint does not know; the message names <paramref name="csvName"/>, line and reason.</exception>
    /// <exception cref="NativeKernelCheckException">This machine's native kernels compute wrong numbers (checked once per process, before the data is read); nothing is written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the first epoch completed; no bundle is written.</exception>
    /// <exception cref="FileNotFoundException">The checkpoint to resume from does not exist.</exception>
    public TextClassifierTrainingResult TrainFromCsv(
        Stream csv,
        string csvName,
        string bundlePath,
        TrainingRunOptions? run = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(csvName);
        return TrainFromCsv(
            csvName, (csvOptions, labels) => LabeledCsvFile.Load(csv, csvName, csvOptions, labels, _logger, cancellationToken), bundlePath, run, progress, cancellationToken);
    }

    /// <summary>
    /// <see cref="TrainFromCsv(Stream, string, string, TrainingRunOptions?, IProgress{TrainingProgress}?, CancellationToken)"/> on a
    /// thread of its own: the task completes when the bundle is written, and faults with the same exceptions. The
    /// stream must stay open until the task completes.
    /// </summary>
    /// <param name="csv">The labeled training content; it need not seek.</param>
    /// <param name="csvName">The name errors and logs give the content.</param>
    /// <param name="bundlePath">Where to write the model bundle: a folder, or a file ending in <c>.zip</c>.</param>
    /// <param name="run">Checkpointing and resuming; null for neither.</param>
    /// <param name="progress">Told after every batch (from the training thread).</param>
    /// <param name="cancellationToken">As for the file overload.</param>
    public Task<TextClassifierTrainingResult> TrainFromCsvAsync(
        Stream csv,
        string csvName,
        string bundlePath,
        TrainingRunOptions? run = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        LongRunningWork.Run(() => TrainFromCsv(csv, csvName, bundlePath, run, progress, cancellationToken), cancellationToken);

    /// <summary>Trains on texts and their labels (any strings, e.g. claim categories) and writes the bundle.</summary>
    /// <param name="texts">The training texts.</param>
    /// <param name="labels">The label of each text.</param>
    /// <param name="bundlePath">Where to write the model bundle: a folder, or a file ending in <c>.zip</c>.</param>
    /// <param name="run">Checkpointing and resuming; null for neither. A resumed run keeps the checkpoint's vocabulary and labels.</param>
    /// <param name="progress">Told after every batch.</param>
    /// <param name="cancellationToken">Cancelling after the first epoch keeps and saves the best model so far (<see cref="TrainingResult.Cancelled"/>); cancelling before it throws.</param>
    /// <exception cref="ArgumentException">Texts and labels differ in number, there are more labels than n_classes, or (when resuming) a label the checkpoint does not know.</exception>
    /// <exception cref="NativeKernelCheckException">This machine's native kernels compute wrong numbers (checked once per process, before the data is read); nothing is written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the first epoch completed; no bundle is written.</exception>
    /// <exception cref="FileNotFoundException">The checkpoint to resume from does not exist.</exception>
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

        CheckBeforeLongWork(bundlePath);
        var resumed = ReadCheckpoint(run);
        var labelMap = resumed?.Labels ?? LabelMap.FromTrainingLabels(labels);
        var classIds = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            classIds[i] = labelMap.TryGetId(labels[i], out var id)
                ? id
                : throw new ArgumentException($"Label {i}: {labelMap.DescribeUnknown(labels[i])}, the labels of the checkpoint in '{run!.ResumeFrom}' that this run resumes.", nameof(labels));
        }

        return Train(texts, classIds, labelMap, "the labels", resumed?.Transformer, bundlePath, run, progress, cancellationToken);
    }

    /// <summary>
    /// Where training from a CSV file writes the rows it skipped: beside the bundle, named after it, e.g.
    /// <c>claims-model.rejects.csv</c> for <c>claims-model.zip</c> or for the folder <c>claims-model</c>. Beside and
    /// not inside, because a bundle holds exactly the files its manifest lists.
    /// </summary>
    /// <param name="bundlePath">The bundle's path: a folder, or a file ending in <c>.zip</c>.</param>
    public static string RejectsPathFor(string bundlePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bundlePath);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(bundlePath));
        string name = Path.GetExtension(full).Equals(".zip", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFileNameWithoutExtension(full)
            : Path.GetFileName(full);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", name + ".rejects.csv");
    }

    // Every way into training (the CLI, the claims desk, the SageMaker host) passes here before the data is read: on a
    // machine whose native kernels compute wrong numbers it stops in a second, not after an hour that yields a model
    // of NaN or wrong weights. Checked once per process; the line tells every run's log which machine it ran on.
    // What must hold before data is read and trained on for hours: this machine's numbers, and the output path.
    private void CheckBeforeLongWork(string bundlePath)
    {
        CheckNativeKernels();
        ModelBundleWriter.CheckCanWrite(bundlePath);
    }

    private void CheckNativeKernels()
    {
        var report = NativeKernelCheck.RunOnce();
        if (!report.Passed)
        {
            throw new NativeKernelCheckException(report);
        }

        LogNativeKernelsChecked(_logger, report.CpuLine, report.TorchThreads, report.LibTorchVersion);
    }

    private static TextClassifierTrainerCheckpoint? ReadCheckpoint(TrainingRunOptions? run) =>
        run?.ResumeFrom is { } directory ? TextClassifierTrainerCheckpoint.Read(directory) : null;

    // The file and the stream overloads differ only in how the rows are read; the rejects go beside the bundle either way.
    private TextClassifierTrainingResult TrainFromCsv(
        string csvName,
        Func<LabeledCsvOptions, LabelMap?, LabeledDataset> load,
        string bundlePath,
        TrainingRunOptions? run,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bundlePath);
        CheckBeforeLongWork(bundlePath);
        var resumed = ReadCheckpoint(run);
        var csvOptions = LabeledCsvOptions.From(_options);
        if (csvOptions.OnBadRow == BadRowHandling.Skip)
        {
            csvOptions.RejectsPath = RejectsPathFor(bundlePath);

            // The bundle's folder may not exist yet (ModelBundle.Save creates it later), and the rejects go beside it.
            Directory.CreateDirectory(Path.GetDirectoryName(csvOptions.RejectsPath)!);
        }

        var data = load(csvOptions, resumed?.Labels);
        var summary = data.Summary;
        LogRead(_logger, summary.RowsRead, csvName, summary.RowsAccepted, summary.RowsRejected, summary.RejectsPath ?? "none written");
        return Train(data.Texts, data.ClassIds, data.LabelMap, $"label column '{csvOptions.LabelColumn}' of {csvName}", resumed?.Transformer, bundlePath, run, progress, cancellationToken) with
        {
            RowsRead = summary.RowsRead,
            RowsAccepted = summary.RowsAccepted,
            RowsRejected = summary.RowsRejected,
            RejectsPath = summary.RejectsPath,
        };
    }

    private TextClassifierTrainingResult Train(
        IReadOnlyList<string> texts,
        IReadOnlyList<int> classIds,
        LabelMap labelMap,
        string labelSource,
        TextTransformer? resumedTransformer,
        string bundlePath,
        TrainingRunOptions? run,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bundlePath);
        var stopwatch = Stopwatch.StartNew();
        if (_options.NumberOfClasses != 0 && labelMap.Count != _options.NumberOfClasses)
        {
            throw new ArgumentException(
                $"n_classes is {_options.NumberOfClasses} but the training data has {labelMap.Count} labels ({string.Join(", ", labelMap.Labels.Take(20))}); set n_classes to {labelMap.Count}, or leave it out to take it from the data.");
        }

        TrainingPreflight.CheckLabelCount(labelMap.Count, texts.Count, labelSource);
        var options = _options.Clone();
        options.NumberOfClasses = labelMap.Count;

        var transformer = PrepareTransformer(options, texts, resumedTransformer, cancellationToken);
        LogVocabulary(_logger, transformer.Vocabulary.Count, texts.Count);
        TrainingPreflight.CheckMemory(options, texts.Count, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        if (run?.CheckpointDirectory is { } checkpoints)
        {
            new TextClassifierTrainerCheckpoint(transformer, labelMap).Write(checkpoints, freshRun: run.ResumeFrom is null);
        }

        EncodedDataset? dataset = new EncodedDataset(transformer.EncodeRowMajor(texts, cancellationToken), [.. classIds], options.SequenceLength);
        if (options.Auto && AutoSettings.ChooseBigramBuckets(options, dataset) is { } bigrams)
        {
            LogAuto(_logger, bigrams.Key, bigrams.Value, bigrams.Reason);
        }

        double? coverage = null;
        float[]? pretrained = null;
        if (options.UsePretrainedEmbeddings)
        {
            (pretrained, coverage) = LoadEmbeddings(options, transformer, cancellationToken);
        }

        // Reading, profiling, encoding and the word vectors leave managed garbage (IMDB's preparation needs more
        // than 320 MB of managed heap), and training allocates too little managed memory to ever trigger the
        // collection that would free it: collected and returned to the system now, before training's native
        // memory grows beside it.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        // An ensemble's members are whole runs of their own seed (split, validation, epoch count, refit): the first
        // is the run a single network would be, and its validation metrics are the bundle's. A checkpointed or
        // resumed run checkpoints the first member only. A later member that is cancelled is left out, and
        // ensemble_size becomes the count kept, so that the bundle describes what it holds.
        int size = options.EnsembleSize ?? 1;
        var members = new List<nn.Module<Tensor, Tensor>>(size);
        TrainingResult? result = null;
        try
        {
            for (int member = 0; member < size && (member == 0 || !cancellationToken.IsCancellationRequested); member++)
            {
                var memberOptions = TextClassifierModelFactory.EnsembleMember(options, member);
                if (size > 1)
                {
                    LogMember(_logger, member + 1, size, memberOptions.Seed);
                }

                // The last run without a refit needs the whole data set only to split it: no reference is kept
                // here, so that the split's copies are not held beside it (IMDB: 100 MB of token ids).
                var memberData = dataset!;
                if (member == size - 1 && !options.RefitOnAllData)
                {
                    dataset = null;
                }

                var (trained, memberResult) = TrainMember(memberOptions, memberData, pretrained, member == 0 ? run : null, progress, cancellationToken);
                if (member == 0 && trained is null)
                {
                    // The weights are as initialised: a bundle of them would classify at random, so none is written.
                    throw new OperationCanceledException("Training was cancelled before its first epoch completed; no model bundle was written.", cancellationToken);
                }

                if (trained is null || (member > 0 && memberResult.Cancelled))
                {
                    trained?.Dispose();
                    break;
                }

                result ??= memberResult;
                members.Add(trained);
                if (memberResult.Cancelled)
                {
                    break;
                }
            }

            if (size > 1)
            {
                options.EnsembleSize = members.Count;
            }

            // An ensemble owns (and disposes) its members.
            using var saved = members.Count == 1 ? members[0] : new EnsembleClassifier(members);
            members.Clear();
            ModelBundle.Save(bundlePath, options, transformer, labelMap, saved, result!.BestValidationMetrics);
        }
        finally
        {
            members.ForEach(member => member.Dispose());
        }

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

    // One network's run: the validation split of its seed (made here rather than in Trainer, so that the class
    // weights come from the training part only), training with early stopping, then the refit on every text
    // when configured. The model is null when training was cancelled before its first epoch completed.
    private (nn.Module<Tensor, Tensor>? Model, TrainingResult Result) TrainMember(
        TextClassifierOptions options, EncodedDataset dataset, float[]? pretrained, TrainingRunOptions? run,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var (training, validation) = dataset.Split(options.ValidationFraction, options.Seed);
        var refitData = options.RefitOnAllData ? dataset : null;
        var model = pretrained is null ? TextClassifierModelFactory.Create(options) : TextClassifierModelFactory.Create(options, pretrained);
        var trainer = new Trainer(options, _logger) { ClassWeights = ClassWeights.For(options.ClassWeights, training.Labels.Span, options.NumberOfClasses) };
        var result = trainer.Train(model, training, validation, run?.CheckpointDirectory, run?.ResumeFrom, progress, cancellationToken);
        if (result.Cancelled && result.BestEpoch is null)
        {
            model.Dispose();
            return (null, result);
        }

        if (refitData is not null && !result.Cancelled
            && Refit(options, refitData, pretrained, result.BestEpoch!.Value + 1, progress, cancellationToken) is { } refitted)
        {
            model.Dispose();
            model = refitted;
        }

        return (model, result);
    }

    // A cancelled refit returns null, so that the bundle keeps the validated model rather than a
    // partly trained one.
    private nn.Module<Tensor, Tensor>? Refit(TextClassifierOptions trainingOptions, EncodedDataset dataset, float[]? pretrained, int epochs, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var options = trainingOptions.Clone();
        options.Epochs = epochs;
        var model = pretrained is null ? TextClassifierModelFactory.Create(options) : TextClassifierModelFactory.Create(options, pretrained);
        var trainer = new Trainer(options, _logger) { ClassWeights = ClassWeights.For(options.ClassWeights, dataset.Labels.Span, options.NumberOfClasses) };
        if (trainer.TrainAllEpochs(model, dataset, progress, cancellationToken) is null)
        {
            model.Dispose();
            return null;
        }

        return model;
    }

    // With auto, the settings that depend on the data are chosen (and logged) before the vocabulary is built from
    // the same word counts; a resumed run keeps its checkpoint's text settings, as the model it continues has them.
    private TextTransformer PrepareTransformer(TextClassifierOptions options, IReadOnlyList<string> texts, TextTransformer? resumed, CancellationToken cancellationToken)
    {
        if (!options.Auto)
        {
            return resumed ?? TextTransformer.Fit(texts, TextTransformerOptions.From(options), cancellationToken: cancellationToken);
        }

        var transformerOptions = TextTransformerOptions.From(options);
        var profile = TextDataProfile.Measure(texts, new TextTokenizer(transformerOptions), cancellationToken);
        int trainingTexts = texts.Count < 2 ? texts.Count : texts.Count - StratifiedSplit.ValidationCount(texts.Count, options.ValidationFraction);
        foreach (var choice in AutoSettings.FromProfile(options, profile, trainingTexts))
        {
            if (resumed is null || choice.Key is not ("seq_len" or "min_count" or "vocab_size"))
            {
                LogAuto(_logger, choice.Key, choice.Value, choice.Reason);
            }
        }

        if (resumed is not null)
        {
            var kept = resumed.GetOptions();
            (options.SequenceLength, options.VocabularySize, options.MinCount) = (kept.SequenceLength, kept.VocabularySize, kept.MinCount);
            LogAuto(_logger, "seq_len, vocab_size, min_count", $"{kept.SequenceLength}, {kept.VocabularySize}, {kept.MinCount}", "those of the checkpoint resumed");
            return resumed;
        }

        var words = profile.Words.MostFrequent(options.VocabularySize - Vocabulary.ReservedCount, options.MinCount);
        return new TextTransformer(TextTransformerOptions.From(options), new Vocabulary(words.Select(entry => entry.Key)));
    }

    private (float[] Values, double Coverage) LoadEmbeddings(TextClassifierOptions options, TextTransformer transformer, CancellationToken cancellationToken)
    {
        // One row per id the model has: ids the vocabulary leaves unused get an empty word, which no
        // vectors file contains, so they are initialised at random like any other missing word.
        var words = new string[options.VocabularySize];
        Array.Fill(words, "");
        for (var id = 0; id < transformer.Vocabulary.Count; id++)
        {
            words[id] = transformer.Vocabulary.GetWord(id);
        }

        var matrix = PretrainedEmbeddingLoader.Load(options.EmbeddingsPath!, words, EmbeddingLoadOptions.From(options), cancellationToken: cancellationToken);

        // The share of the vocabulary's real words, not of every row: unused ids were never words.
        var searched = transformer.Vocabulary.Count - Vocabulary.ReservedCount;
        var coverage = searched <= 0 ? 0 : (double)matrix.WordsFound / searched;
        LogEmbeddings(_logger, matrix.WordsFound, searched, coverage, options.EmbeddingsPath!);
        return (matrix.Values, coverage);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Rows:N0} rows from {Path}: {Accepted:N0} accepted, {Rejected:N0} rejected (rejects: {RejectsPath})")]
    private static partial void LogRead(ILogger logger, long rows, string path, long accepted, long rejected, string rejectsPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "CPU {Cpu}, {Threads} torch threads, libtorch {Version}: native kernels checked")]
    private static partial void LogNativeKernelsChecked(ILogger logger, string cpu, int threads, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ensemble member {Member} of {Size}: seed {Seed}")]
    private static partial void LogMember(ILogger logger, int member, int size, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "auto: {Key} {Value} = {Reason}")]
    private static partial void LogAuto(ILogger logger, string key, string value, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vocabulary: {Words} entries from {Texts} texts")]
    private static partial void LogVocabulary(ILogger logger, int words, int texts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pretrained vectors: {Found} of {Searched} words found ({Coverage:P1}) in {Path}")]
    private static partial void LogEmbeddings(ILogger logger, int found, int searched, double coverage, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved model bundle {Path} (validation accuracy {Accuracy:P2})")]
    private static partial void LogSaved(ILogger logger, string path, double accuracy);
}
