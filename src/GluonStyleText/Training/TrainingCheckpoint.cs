using GluonStyleText.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using GluonStyleText.Evaluation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>
/// The end-of-epoch checkpoint a run can resume from: <c>checkpoint.json</c> (epoch, learning rate,
/// history, best epoch, early-stopping count) naming the model, best-model and optimizer files of
/// that epoch. Every file is written under a temporary name and renamed when complete, and
/// <c>checkpoint.json</c> last: it only ever names complete files, so a crash at any point leaves
/// the previous checkpoint usable. Random numbers need no saved state because every epoch reseeds
/// them from the run's seed and the epoch number.
/// </summary>
internal sealed class TrainingCheckpoint
{
    /// <summary>Name of the file that describes, and commits, a checkpoint.</summary>
    public const string FileName = "checkpoint.json";

    private const string EpochFilePrefix = "epoch-";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Layout version of the checkpoint.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The last completed epoch, from 0.</summary>
    public required int CompletedEpoch { get; init; }

    /// <summary>The learning rate of the next epoch.</summary>
    public required double NextLearningRate { get; init; }

    /// <summary>The run's seed; every epoch's shuffle and dropout are derived from it.</summary>
    public required int Seed { get; init; }

    /// <summary>The optimizer whose state <see cref="OptimizerFile"/> holds.</summary>
    public required string Optimizer { get; init; }

    /// <summary>The epoch with the lowest validation loss.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Its validation metrics.</summary>
    public ClassificationMetrics? BestValidationMetrics { get; init; }

    /// <summary>Epochs since the validation loss last improved.</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>Whether early stopping had ended the run.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Every completed epoch.</summary>
    public required List<EpochSummary> History { get; init; }

    /// <summary>The model's weights after <see cref="CompletedEpoch"/> (TorchSharp format).</summary>
    public required string ModelFile { get; init; }

    /// <summary>The best epoch's weights (TorchSharp format), when there is a best epoch.</summary>
    public string? BestModelFile { get; init; }

    /// <summary>The optimizer's state (TorchSharp format).</summary>
    public required string OptimizerFile { get; init; }

    /// <summary>The sparse Adam state of the lookup tables (step count and moments), when the run had sparse tables.</summary>
    public string? SparseOptimizerFile { get; init; }

    /// <summary>Writes the checkpoint of the epoch just completed (<c>state.NextEpoch - 1</c>) to <paramref name="directory"/>.</summary>
    public static void Write(string directory, TrainingState state, nn.Module model, OptimizerHelper optimizer, string optimizerName, int seed) =>
        Write(directory, state, model, optimizer, null, optimizerName, seed);

    /// <summary>As the public overload, with the run's sparse Adam state beside the dense optimizer's.</summary>
    internal static void Write(string directory, TrainingState state, nn.Module model, TrainingOptimizer optimizer, string optimizerName, int seed) =>
        Write(directory, state, model, optimizer.Dense, optimizer.Sparse, optimizerName, seed);

    private static void Write(string directory, TrainingState state, nn.Module model, OptimizerHelper optimizer, SparseRowAdam? sparse, string optimizerName, int seed)
    {
        Directory.CreateDirectory(directory);
        int epoch = state.NextEpoch - 1;
        string prefix = $"{EpochFilePrefix}{epoch:D4}";
        var checkpoint = new TrainingCheckpoint
        {
            CompletedEpoch = epoch,
            NextLearningRate = state.LearningRate,
            Seed = seed,
            Optimizer = optimizerName,
            BestEpoch = state.BestEpoch,
            BestValidationMetrics = state.BestMetrics,
            EpochsWithoutImprovement = state.EpochsWithoutImprovement,
            StoppedEarly = state.StoppedEarly,
            History = [.. state.History],
            ModelFile = prefix + "-model.bin",
            BestModelFile = state.BestWeights is null ? null : prefix + "-best.bin",
            OptimizerFile = prefix + "-optimizer.bin",
            SparseOptimizerFile = sparse is null ? null : prefix + "-sparse-adam.bin",
        };

        AtomicFile.WriteUsingPath(Path.Combine(directory, checkpoint.ModelFile), path => model.save(path));
        if (state.BestWeights is { } bestWeights)
        {
            AtomicFile.WriteUsingPath(Path.Combine(directory, checkpoint.BestModelFile!), path => SaveWeights(path, bestWeights));
        }

        AtomicFile.WriteUsingPath(Path.Combine(directory, checkpoint.OptimizerFile), optimizer.save_state_dict);
        if (sparse is not null)
        {
            AtomicFile.WriteUsingPath(Path.Combine(directory, checkpoint.SparseOptimizerFile!), path =>
            {
                using var stream = File.Create(path);
                sparse.Save(stream);
            });
        }

        AtomicFile.WriteUsingPath(Path.Combine(directory, FileName), path => File.WriteAllText(path, JsonSerializer.Serialize(checkpoint, JsonOptions)));
        DeleteStaleFiles(directory, prefix);
    }

    /// <summary>Reads the checkpoint in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint, or a file it names is missing.</exception>
    /// <exception cref="InvalidDataException">The checkpoint file cannot be read.</exception>
    public static TrainingCheckpoint Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No training checkpoint to resume from in '{directory}': '{path}' does not exist.", path);
        }

        var checkpoint = ReadDescription(path);

        foreach (string? file in new[] { checkpoint.ModelFile, checkpoint.BestModelFile, checkpoint.OptimizerFile, checkpoint.SparseOptimizerFile })
        {
            if (file is not null && !File.Exists(Path.Combine(directory, file)))
            {
                throw new FileNotFoundException($"'{path}' names '{file}', which does not exist in '{directory}'.", Path.Combine(directory, file));
            }
        }

        return checkpoint;
    }

    /// <summary>Reads <c>checkpoint.json</c> alone, without checking the files it names.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read as a checkpoint.</exception>
    internal static TrainingCheckpoint ReadDescription(string path)
    {
        TrainingCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"'{path}' is not a valid training checkpoint: {exception.Message}", exception);
        }

        return checkpoint ?? throw new InvalidDataException($"'{path}' is not a valid training checkpoint: it is empty (null).");
    }

    /// <summary>Loads the checkpoint's weights, optimizer state and progress into the run.</summary>
    /// <exception cref="InvalidOperationException">The checkpoint was written with another optimizer.</exception>
    public void Restore(string directory, TrainingState state, nn.Module model, OptimizerHelper optimizer, string optimizerName) =>
        Restore(directory, state, model, optimizer, null, optimizerName);

    /// <summary>As the public overload, restoring the run's sparse Adam state too.</summary>
    /// <exception cref="InvalidOperationException">The checkpoint was written with another optimizer, or with(out) sparse tables when the run has none (some).</exception>
    internal void Restore(string directory, TrainingState state, nn.Module model, TrainingOptimizer optimizer, string optimizerName) =>
        Restore(directory, state, model, optimizer.Dense, optimizer.Sparse, optimizerName);

    private void Restore(string directory, TrainingState state, nn.Module model, OptimizerHelper optimizer, SparseRowAdam? sparse, string optimizerName)
    {

        if (!string.Equals(Optimizer, optimizerName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"'{Path.Combine(directory, FileName)}' holds the state of optimizer '{Optimizer}', but the options ask for '{optimizerName}' (key 'optimizer').");
        }

        if ((sparse is null) != (SparseOptimizerFile is null))
        {
            throw new InvalidOperationException(
                $"'{Path.Combine(directory, FileName)}' was written {(SparseOptimizerFile is null ? "without" : "with")} sparse embedding tables, but this run has {(sparse is null ? "none" : "some")}; start afresh.");
        }

        if (BestModelFile is not null)
        {
            model.load(Path.Combine(directory, BestModelFile));
            state.RememberBestWeights(model);
        }

        model.load(Path.Combine(directory, ModelFile));
        optimizer.load_state_dict(Path.Combine(directory, OptimizerFile));
        if (sparse is not null)
        {
            using var stream = File.OpenRead(Path.Combine(directory, SparseOptimizerFile!));
            sparse.Load(stream);
        }

        state.NextEpoch = CompletedEpoch + 1;
        state.LearningRate = NextLearningRate;
        state.History.Clear();
        state.History.AddRange(History);
        state.BestEpoch = BestEpoch;
        state.BestMetrics = BestValidationMetrics;
        state.EpochsWithoutImprovement = EpochsWithoutImprovement;
        state.StoppedEarly = StoppedEarly;
    }

    private static void SaveWeights(string path, Dictionary<string, Tensor> weights)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        nn.Module.save_state_dict(writer, weights);
    }

    // Earlier epochs' files, and the temporaries of a run killed mid-write: a folder that a service
    // synchronises (SageMaker's /opt/ml/checkpoints) would otherwise keep and restore them for ever.
    // A checkpoint folder has one writer, whose own temporaries are all renamed by now.
    private static void DeleteStaleFiles(string directory, string keptPrefix)
    {
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(file);
            bool earlierEpoch = name.StartsWith(EpochFilePrefix, StringComparison.Ordinal) && !name.StartsWith(keptPrefix, StringComparison.Ordinal);
            if (earlierEpoch || AtomicFile.IsTemporary(name))
            {
                File.Delete(file);
            }
        }
    }
}
