namespace GluonStyleText.Training;

/// <summary>
/// Looks into a checkpoint folder (<see cref="TrainingRunOptions.CheckpointDirectory"/>) without
/// loading anything, so that a host can decide whether to resume and say so before training starts;
/// nobody but the trainer parses the checkpoint's files.
/// </summary>
public static class TrainingCheckpoints
{
    /// <summary>The last epoch (from 0) the checkpoint in <paramref name="directory"/> completed; null when the folder holds no checkpoint.</summary>
    /// <param name="directory">A checkpoint folder; it need not exist.</param>
    /// <exception cref="InvalidDataException">The checkpoint's description cannot be read; the message names the file.</exception>
    public static int? CompletedEpoch(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = Path.Combine(directory, TrainingCheckpoint.FileName);
        return File.Exists(path) ? TrainingCheckpoint.ReadDescription(path).CompletedEpoch : null;
    }
}
