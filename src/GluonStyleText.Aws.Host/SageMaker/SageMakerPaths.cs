using GluonStyleText.Aws.SageMaker;

namespace GluonStyleText.Aws.Host.SageMaker;

/// <summary>
/// Where SageMaker puts a training container's inputs and collects its outputs. Everything hangs
/// off <see cref="Root"/> (<c>/opt/ml</c> in a real job), so tests can use a temporary folder.
/// </summary>
/// <param name="Root">The folder that plays <c>/opt/ml</c>.</param>
public sealed record SageMakerPaths(string Root)
{
    /// <summary>The root SageMaker uses.</summary>
    public const string DefaultRoot = "/opt/ml";

    /// <summary>The input channel this package trains from (see <see cref="TrainingJobRequest.TrainingChannelName"/>).</summary>
    public const string TrainingChannelName = TrainingJobRequest.TrainingChannelName;

    /// <summary>The paths of a real SageMaker training container.</summary>
    public static SageMakerPaths Default { get; } = new(DefaultRoot);

    /// <summary>The hyperparameters SageMaker writes: a JSON object whose values are all strings.</summary>
    public string HyperparametersFile => Path.Combine(Root, "input", "config", "hyperparameters.json");

    /// <summary>The folder SageMaker copies the <c>training</c> channel's S3 objects into.</summary>
    public string TrainingChannelDirectory => Path.Combine(Root, "input", "data", TrainingChannelName);

    /// <summary>The folder SageMaker tars into <c>model.tar.gz</c> when the job ends.</summary>
    public string ModelDirectory => Path.Combine(Root, "model");

    /// <summary>The folder SageMaker tars into <c>output.tar.gz</c> (reports, not the model).</summary>
    public string OutputDataDirectory => Path.Combine(Root, "output", "data");

    /// <summary>The file whose text SageMaker shows as the job's <c>FailureReason</c>.</summary>
    public string FailureFile => Path.Combine(Root, "output", "failure");

    /// <summary>
    /// SageMaker's local checkpoint folder: with a checkpoint configuration (managed spot training)
    /// it is synchronised with S3 and restored when an interrupted job restarts.
    /// </summary>
    public string CheckpointDirectory { get; init; } = Path.Combine(Root, "checkpoints");
}
