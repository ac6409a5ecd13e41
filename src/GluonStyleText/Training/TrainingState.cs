using GluonStyleText.Evaluation;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>
/// What a training run knows between epochs besides the model and optimizer: enough, together
/// with them, to continue the run exactly where it stopped.
/// </summary>
internal sealed class TrainingState : IDisposable
{
    /// <summary>The next epoch to train, from 0.</summary>
    public int NextEpoch { get; set; }

    /// <summary>The learning rate the next epoch uses (already decayed).</summary>
    public double LearningRate { get; set; }

    /// <summary>Completed epochs.</summary>
    public List<EpochSummary> History { get; } = [];

    /// <summary>The epoch with the lowest validation loss so far.</summary>
    public int? BestEpoch { get; set; }

    /// <summary>Its validation metrics.</summary>
    public ClassificationMetrics? BestMetrics { get; set; }

    /// <summary>A copy of the model's weights after the best epoch, detached from any dispose scope.</summary>
    public Dictionary<string, Tensor>? BestWeights { get; private set; }

    /// <summary>Epochs since the validation loss last improved.</summary>
    public int EpochsWithoutImprovement { get; set; }

    /// <summary>Early stopping has ended the run.</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>Replaces the best weights by a copy of <paramref name="model"/>'s current ones.</summary>
    public void RememberBestWeights(nn.Module model)
    {
        using (NewDisposeScope())
        using (no_grad())
        {
            var weights = model.state_dict();
            // Copied into the tensors of the previous best when there is one (a run's model keeps its shapes): a
            // second copy of the model (88 MB for IMDB's) alive beside the first raised the peak at every better epoch.
            if (BestWeights is not null)
            {
                foreach (var (name, value) in weights)
                {
                    BestWeights[name].copy_(value);
                }

                return;
            }

            var copy = new Dictionary<string, Tensor>();
            foreach (var (name, value) in weights)
            {
                copy[name] = value.detach().clone().DetachFromDisposeScope();
            }

            BestWeights = copy;
        }
    }

    /// <summary>Loads the best weights, if any, into <paramref name="model"/>.</summary>
    public void RestoreBestWeights(nn.Module model)
    {
        if (BestWeights is not null)
        {
            model.load_state_dict(BestWeights);
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeBestWeights();

    private void DisposeBestWeights()
    {
        if (BestWeights is null)
        {
            return;
        }

        foreach (var weight in BestWeights.Values)
        {
            weight.Dispose();
        }

        BestWeights = null;
    }
}
