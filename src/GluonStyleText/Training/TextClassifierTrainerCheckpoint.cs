using GluonStyleText.Data;
using GluonStyleText.Text;

namespace GluonStyleText.Training;

/// <summary>
/// What <see cref="TextClassifierTrainer"/> adds to a checkpoint folder besides the weights: the text
/// transformer and the label map the run started with. The checkpoint's weights only make sense with
/// the token ids and class ids they were trained on, so a resumed run must use these, not a new fit
/// of data that may have changed meanwhile.
/// </summary>
internal sealed record TextClassifierTrainerCheckpoint(TextTransformer Transformer, LabelMap Labels)
{
    /// <summary>The transformer's file in a checkpoint folder.</summary>
    public const string TransformerFile = "transformer.json";

    /// <summary>The label map's file in a checkpoint folder.</summary>
    public const string LabelsFile = "labels.json";

    /// <summary>Reads the transformer and labels of the checkpoint in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder lacks them: it holds no checkpoint of a <see cref="TextClassifierTrainer"/> run.</exception>
    public static TextClassifierTrainerCheckpoint Read(string directory)
    {
        foreach (var name in new[] { TrainingCheckpoint.FileName, TransformerFile, LabelsFile })
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"No training checkpoint to resume from in '{directory}': '{path}' does not exist. A resumable checkpoint is the CheckpointDirectory of an earlier TextClassifierTrainer run that completed at least one epoch.",
                    path);
            }
        }

        return new(TextTransformer.Load(Path.Combine(directory, TransformerFile)), LabelMap.Load(Path.Combine(directory, LabelsFile)));
    }

    /// <summary>Writes the transformer and labels into <paramref name="directory"/>, each under a temporary name renamed when complete.</summary>
    /// <param name="directory">The run's checkpoint folder.</param>
    /// <param name="freshRun">True when the run starts afresh rather than resuming a checkpoint.</param>
    public void Write(string directory, bool freshRun)
    {
        Directory.CreateDirectory(directory);
        var stale = Path.Combine(directory, TrainingCheckpoint.FileName);
        if (freshRun && File.Exists(stale))
        {
            // An earlier run's checkpoint, which this run replaces: until this run commits its first
            // epoch, those weights must not be resumable with the transformer and labels written here.
            File.Delete(stale);
        }

        Transformer.Save(Path.Combine(directory, TransformerFile));
        Labels.Save(Path.Combine(directory, LabelsFile));
    }
}
