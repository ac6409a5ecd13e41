using GluonStyleText.Evaluation;
using GluonStyleText.Models;
using GluonStyleText.Tests.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Evaluation;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class EvaluatorTests
{
    [Fact]
    public void BatchedEvaluationMatchesOneForwardPass()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        using var model = TextClassifierModelFactory.Create(options);
        var data = ToyData.Separable(23);
        model.train();

        var metrics = Evaluator.Evaluate(model, data, batchSize: 5);

        model.eval();
        var logits = model.call(tensor(data.TokenIds.ToArray(), [23, ToyData.SequenceLength]));
        var targets = tensor(data.Labels.ToArray().Select(label => (long)label).ToArray());
        double accuracy = logits.argmax(1).eq(targets).to(ScalarType.Float64).mean().item<double>();
        double loss = nn.functional.cross_entropy(logits, targets).item<float>();
        Assert.Equal(23, metrics.Count);
        Assert.Equal(accuracy, metrics.Accuracy, 1e-9);
        Assert.Equal(loss, metrics.MeanLoss, 1e-5);
        Assert.Equal(23, metrics.ConfusionMatrix.Sum(row => row.Sum()));
    }

    [Fact]
    public void ModeIsRestoredAfterwards()
    {
        using var model = TextClassifierModelFactory.Create(ToyData.Options(cnn: false));
        model.train();

        Evaluator.Evaluate(model, ToyData.Separable(4), batchSize: 2);

        Assert.True(model.training);
    }

    [Fact]
    public void ClassIdsTheModelCannotPredictAreReported()
    {
        using var model = TextClassifierModelFactory.Create(ToyData.Options(cnn: true));
        var data = new GluonStyleText.Training.EncodedDataset(new long[2 * ToyData.SequenceLength], [1, 5], ToyData.SequenceLength);

        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(model, data, batchSize: 2));

        Assert.Contains("Row 1 has class id 5, but n_classes is 2", error.Message);
    }

    [Fact]
    public void CancellationThrows()
    {
        using var model = TextClassifierModelFactory.Create(ToyData.Options(cnn: true));

        Assert.Throws<OperationCanceledException>(() => Evaluator.Evaluate(model, ToyData.Separable(4), 2, new CancellationToken(canceled: true)));
    }
}
