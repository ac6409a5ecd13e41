using GluonStyleText.Embeddings;
using GluonStyleText.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Cli.Training;

/// <summary>
/// How the command line chooses the training options: a preset or a <c>--config</c> file (which wins),
/// then the overrides given as options.
/// </summary>
internal sealed record TrainingConfiguration
{
    /// <summary>The preset, when no <see cref="ConfigPath"/> is given.</summary>
    public string Preset { get; init; } = TextClassifierPresets.Default;

    /// <summary>A configuration file in the seed's <c>config.json</c> format; replaces the preset.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>
    /// Pretrained word vectors: sets <c>use_spacy_pretrained</c> and <c>embeddings_path</c>. When the
    /// configuration's <c>embed_size</c> differs from the vectors' dimension, <c>embed_size</c> follows the
    /// vectors (with a warning): the vectors cannot be resized, the model can.
    /// </summary>
    public string? EmbeddingsPath { get; init; }

    /// <summary>Overrides <c>num_epoch</c>.</summary>
    public int? Epochs { get; init; }

    /// <summary>Overrides <c>threads</c>.</summary>
    public int? Threads { get; init; }

    /// <summary>Overrides <c>device</c>.</summary>
    public string? Device { get; init; }

    /// <summary>Overrides <c>seed</c>.</summary>
    public int? Seed { get; init; }

    /// <summary>Overrides <c>text_column</c>.</summary>
    public string? TextColumn { get; init; }

    /// <summary>Overrides <c>label_column</c>.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Overrides <c>n_classes</c> (0: from the data).</summary>
    public int? NumberOfClasses { get; init; }

    /// <summary>Overrides <c>bad_rows</c>.</summary>
    public string? BadRows { get; init; }

    /// <summary>Overrides <c>max_reject_ratio</c>.</summary>
    public double? MaxRejectRatio { get; init; }

    /// <summary>Overrides <c>class_weights</c>.</summary>
    public string? ClassWeights { get; init; }

    /// <summary>A short name for the run, for default output names: the preset, or the config file's name.</summary>
    public string RunName => ConfigPath is null ? Preset : Path.GetFileNameWithoutExtension(ConfigPath);

    /// <summary>Loads the preset or config file, applies the overrides and validates the result.</summary>
    /// <exception cref="FileNotFoundException">The config or vectors file does not exist.</exception>
    /// <exception cref="OptionsValidationException">The result is invalid; lists every failure.</exception>
    public TextClassifierOptions Build(ILogger logger)
    {
        if (ConfigPath is not null && !File.Exists(ConfigPath))
        {
            throw new FileNotFoundException($"Configuration file not found: {Path.GetFullPath(ConfigPath)}", ConfigPath);
        }

        var source = ConfigPath is null ? $"preset {Preset}" : Path.GetFullPath(ConfigPath);
        var options = (ConfigPath is null ? TextClassifierPresets.Load(Preset, logger) : TextClassifierOptionsLoader.Load(ConfigPath, logger)).Options;
        TrainingLog.Configuration(logger, source);
        if (Epochs is { } epochs)
        {
            options.Epochs = epochs;
        }

        if (Threads is { } threads)
        {
            options.Threads = threads;
        }

        if (Device is { } device)
        {
            options.Device = device;
        }

        options.Seed = Seed ?? options.Seed;
        options.TextColumn = TextColumn ?? options.TextColumn;
        options.LabelColumn = LabelColumn ?? options.LabelColumn;
        options.NumberOfClasses = NumberOfClasses ?? options.NumberOfClasses;
        options.BadRows = BadRows ?? options.BadRows;
        options.MaxRejectRatio = MaxRejectRatio ?? options.MaxRejectRatio;
        options.ClassWeights = ClassWeights ?? options.ClassWeights;

        if (EmbeddingsPath is { } vectors)
        {
            var dimension = WordVectorHeader.ReadDimension(vectors);
            options.UsePretrainedEmbeddings = true;
            options.EmbeddingsPath = Path.GetFullPath(vectors);
            if (dimension != options.EmbeddingSize)
            {
                TrainingLog.EmbeddingSizeAdapted(logger, options.EmbeddingSize, source, dimension, vectors);
                options.EmbeddingSize = dimension;
            }
        }

        var validation = new TextClassifierOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(source, typeof(TextClassifierOptions), validation.Failures);
        }

        return options;
    }
}
