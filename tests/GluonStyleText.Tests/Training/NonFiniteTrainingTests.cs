using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Training;

// A model that computes NaN must never look like a trained one: the run stops with the epoch and batch, the
// checkpoint of the last complete epoch stays, evaluation refuses to count argmaxes of NaN, and good runs end finite.
[Collection(SerialTorchCollection.Name)]
public sealed class NonFiniteTrainingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gst-nonfinite-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ANaNLossStopsTrainingNamingEpochAndBatchAndKeepsTheLastCompleteEpochsCheckpoint(bool cnn)
    {
        var options = ToyData.Options(cnn);
        options.Epochs = 3;
        using var model = TextClassifierModelFactory.Create(options);
        // After the first batch of the second epoch, a weight turns NaN, as a kernel reading a freed NaN would make it.
        var poisonOnce = new SynchronousProgress<TrainingProgress>(progress =>
        {
            if (progress.Epoch == 1 && progress.Batch == 1)
            {
                using (no_grad())
                {
                    model.get_parameter("output.bias")!.fill_(float.NaN);
                }
            }
        });

        var error = Assert.Throws<NonFiniteNumbersException>(() =>
            new Trainer(options).Train(model, ToyData.Separable(200), checkpointDirectory: _directory, progress: poisonOnce));

        Assert.Contains("The training loss became NaN in epoch 2 of 3, batch 2 of ", error.Message, StringComparison.Ordinal);
        Assert.Contains("gluontext doctor", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, TrainingCheckpoints.CompletedEpoch(_directory));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ATrainedTinyModelsWeightsAreFiniteAndANaNWeightIsFound(bool cnn)
    {
        var options = ToyData.Options(cnn);
        using var model = TextClassifierModelFactory.Create(options);
        FreedMemoryPoison.Apply();

        var result = new Trainer(options).Train(model, ToyData.Separable(300));

        Assert.Null(FiniteWeights.Problem(model));
        Assert.All(result.History, epoch => Assert.True(double.IsFinite(epoch.TrainingLoss) && double.IsFinite(epoch.ValidationLoss)));
        using (no_grad())
        {
            model.get_parameter("embedding.weight")![3, 1] = tensor(float.PositiveInfinity);
        }

        Assert.Equal("tensor 'embedding.weight' holds 1 NaN or infinite values of 640", FiniteWeights.Problem(model));
    }

    [Fact]
    public void EvaluationRefusesNaNOutputsInsteadOfReportingAnAccuracy()
    {
        var options = ToyData.Options(cnn: true);
        using var model = TextClassifierModelFactory.Create(options);
        using (no_grad())
        {
            model.get_parameter("output.weight")!.fill_(float.NaN);
        }

        var error = Assert.Throws<NonFiniteNumbersException>(() => Evaluator.Evaluate(model, ToyData.Separable(40), batchSize: 16));

        Assert.Contains("no accuracy is computed", error.Message, StringComparison.Ordinal);
    }
}
