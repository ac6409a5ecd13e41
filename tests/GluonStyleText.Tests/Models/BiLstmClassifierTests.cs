using GluonStyleText.Models;
using GluonStyleText.Tests.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class BiLstmClassifierTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void MapsTokenIdsToOneLogitPerClass(bool bidirectional, int layers)
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: false);
        options.Bidirectional = bidirectional;
        options.Layers = layers;
        options.NumberOfClasses = 4;
        using var model = new BiLstmClassifier(BiLstmHyperparameters.From(options));

        var logits = model.call(randint(1, options.VocabularySize, [3, options.SequenceLength]));

        Assert.Equal(new long[] { 3, 4 }, logits.shape);
        int directions = bidirectional ? 2 : 1;
        Assert.Equal(new long[] { 4, 2 * directions * options.HiddenSize }, model.get_parameter("output.weight")!.shape);
    }

    [Fact]
    public void AllPaddingTextsGiveFiniteLogitsAndGradients()
    {
        using var scope = NewDisposeScope();
        using var model = new BiLstmClassifier(BiLstmHyperparameters.From(ToyData.Options(cnn: false)));
        var ids = tensor(new long[] { 0, 0, 0, 0, 8, 9, 0, 0 }, [2, 4]);

        var logits = model.call(ids);
        logits.sum().backward();

        Assert.True(logits.isfinite().all().item<bool>());
        // The embedding's gradient is sparse (for the trainer's sparse Adam); its values are what counts.
        Assert.All(model.parameters(), parameter => Assert.True(
            parameter.grad is null || (parameter.grad.is_sparse ? parameter.grad.SparseValues : parameter.grad).isfinite().all().item<bool>()));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void ExtraPaddingDoesNotChangeTheLogits(bool bidirectional, int layers)
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: false);
        options.Bidirectional = bidirectional;
        options.Layers = layers;
        using var model = new BiLstmClassifier(BiLstmHyperparameters.From(options));
        model.eval();
        var text = tensor(new long[] { 12, 13, 14, 15 }, [1, 4]);
        var padded = tensor(new long[] { 12, 13, 14, 15, 0, 0, 0, 0, 0, 0 }, [1, 10]);
        var inLongerBatch = tensor(new long[] { 12, 13, 14, 15, 0, 0, 0, 0, 0, 0, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29 }, [2, 10]);

        var alone = model.call(text);

        Assert.True(alone.allclose(model.call(padded), rtol: 1e-5, atol: 1e-6));
        Assert.True(alone.allclose(model.call(inLongerBatch)[0].unsqueeze(0), rtol: 1e-5, atol: 1e-6));
    }
}
