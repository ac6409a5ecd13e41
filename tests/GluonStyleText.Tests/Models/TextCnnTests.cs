using GluonStyleText.Models;
using GluonStyleText.Tests.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

public sealed class TextCnnTests
{
    [Fact]
    public void SeedNetworkMapsTokenIdsToOneLogitPerClass()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.NumberOfClasses = 3;
        using var model = new TextCnn(options);

        var logits = model.call(randint(1, options.VocabularySize, [4, options.SequenceLength]));

        Assert.Equal(new long[] { 4, 3 }, logits.shape);
        Assert.Equal(new long[] { options.EmbeddingSize, options.EmbeddingSize, options.KernelSize }, model.get_parameter("convolutions.0.weight")!.shape);
    }

    [Fact]
    public void SeveralKernelSizesEachGetTheirFiltersAndTheirFeaturesAreConcatenated()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.KernelSizes = [2, 3, 5];
        options.Filters = 7;
        using var model = new TextCnn(options);

        var logits = model.call(randint(1, options.VocabularySize, [5, options.SequenceLength]));

        Assert.Equal(new long[] { 5, 2 }, logits.shape);
        Assert.Equal(new long[] { 7, options.EmbeddingSize, 5 }, model.get_parameter("convolutions.2.weight")!.shape);
        Assert.Equal(new long[] { 2, 3 * 7 }, model.get_parameter("output.weight")!.shape);
    }

    [Fact]
    public void TextsShorterThanTheKernelAreClassifiedAsIfPadded()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.KernelSize = 8;
        using var model = new TextCnn(options);
        model.eval();
        var shortText = tensor(new long[] { 9, 10, 11 }, [1, 3]);
        var paddedText = tensor(new long[] { 9, 10, 11, 0, 0, 0, 0, 0 }, [1, 8]);

        Assert.True(model.call(shortText).allclose(model.call(paddedText)));
    }

    [Fact]
    public void AllPaddingTextsGiveFiniteLogits()
    {
        using var scope = NewDisposeScope();
        using var model = new TextCnn(ToyData.Options(cnn: true));

        var logits = model.call(zeros([3, ToyData.SequenceLength], ScalarType.Int64));

        Assert.True(logits.isfinite().all().item<bool>());
    }
}
