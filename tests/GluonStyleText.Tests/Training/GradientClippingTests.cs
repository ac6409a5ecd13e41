using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Training;
using TorchSharp;

namespace GluonStyleText.Tests.Training;

/// <summary>
/// max_grad_norm as the trainer applies it: on every step the gradients the optimizers apply (dense
/// ones and the sparse tables' rows together) have exactly the limit as their norm, on the CNN and the
/// BiLSTM. A limit far below the toy data's natural gradient norm makes every step a clipped one.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class GradientClippingTests
{
    private const double Limit = 1e-4;

    [Theory]
    [InlineData(true, "adam")]
    [InlineData(false, "adam")]
    [InlineData(true, "sgd")]
    [InlineData(false, "sgd")]
    public void EveryStepAppliesGradientsWhoseNormIsTheLimit(bool cnn, string optimizer)
    {
        var options = ToyData.Options(cnn);
        options.Optimizer = optimizer;
        options.Epochs = 2;
        var (training, validation) = ToyData.Separable(64).Split(0.25, seed: 1);

        // The same run unclipped (the CNN's default) shows that the limit is far below the natural norm.
        var unclipped = StepNorms(options, training, validation, maxGradientNorm: cnn ? 0 : 1e6);
        var clipped = StepNorms(options, training, validation, maxGradientNorm: Limit);

        Assert.Equal(2 * ((training.Count + options.BatchSize - 1) / options.BatchSize), clipped.Count);
        Assert.All(unclipped, norm => Assert.True(norm > 100 * Limit, $"unclipped norm {norm:G4} is not far above the limit {Limit}"));
        Assert.All(clipped, norm => Assert.True(Math.Abs(norm - Limit) <= Limit * 1e-3, $"a step applied gradients of norm {norm:G6}, not the limit {Limit} (all: {string.Join(", ", clipped.Select(n => n.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))})"));
    }

    private static List<double> StepNorms(TextClassifierOptions template, EncodedDataset training, EncodedDataset validation, double maxGradientNorm)
    {
        var options = template.Clone();
        options.MaxGradientNorm = maxGradientNorm;
        var norms = new List<double>();
        using var model = TextClassifierModelFactory.Create(options);
        var trainer = new Trainer(options) { OptimizerCreated = optimizer => optimizer.GradientsApplied = gradients => norms.Add(Norm(gradients)) };

        trainer.Train(model, training, validation);

        return norms;
    }

    private static double Norm(IReadOnlyList<torch.Tensor> gradients) =>
        Math.Sqrt(gradients.Sum(gradient => gradient.to_type(torch.ScalarType.Float64).square().sum().item<double>()));
}
