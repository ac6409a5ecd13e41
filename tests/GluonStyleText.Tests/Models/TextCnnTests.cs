using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Tests.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class TextCnnTests
{
    [Fact]
    public void SeedNetworkMapsTokenIdsToOneLogitPerClass()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.NumberOfClasses = 3;
        using var model = new TextCnn(TextCnnHyperparameters.From(options));

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
        using var model = new TextCnn(TextCnnHyperparameters.From(options));

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
        using var model = new TextCnn(TextCnnHyperparameters.From(options));
        model.eval();
        var shortText = tensor(new long[] { 9, 10, 11 }, [1, 3]);
        var paddedText = tensor(new long[] { 9, 10, 11, 0, 0, 0, 0, 0 }, [1, 8]);

        Assert.True(model.call(shortText).allclose(model.call(paddedText)));
    }

    [Fact]
    public void AllPaddingTextsGiveFiniteLogits()
    {
        using var scope = NewDisposeScope();
        using var model = new TextCnn(TextCnnHyperparameters.From(ToyData.Options(cnn: true)));

        var logits = model.call(zeros([3, ToyData.SequenceLength], ScalarType.Int64));

        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void MaxMeanPoolingGivesTwoFeaturesPerFilter()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.KernelSizes = [1, 2];
        options.Filters = 4;
        options.CnnPooling = CnnPoolingModes.MaxMean;
        using var model = new TextCnn(TextCnnHyperparameters.From(options));

        var logits = model.call(randint(1, options.VocabularySize, [3, options.SequenceLength]));

        Assert.Equal(new long[] { 3, 2 }, logits.shape);
        Assert.Equal(new long[] { 2, 2 * 2 * 4 }, model.get_parameter("output.weight")!.shape);
    }

    [Fact]
    public void MeanPoolingIgnoresPadding()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.KernelSizes = [1];
        options.Filters = 4;
        options.CnnPooling = CnnPoolingModes.MaxMean;
        using var model = new TextCnn(TextCnnHyperparameters.From(options));
        model.eval();
        using (no_grad())
        {
            // Features are [max of the 4 filters, mean of the 4 filters]; silencing the max half
            // leaves logits that only the mean can move.
            model.get_parameter("output.weight")!.narrow(1, 0, 4).zero_();
        }

        var text = tensor(new long[] { 9, 10, 11, 12 }, [1, 4]);
        var paddedText = tensor(new long[] { 9, 10, 11, 12, 0, 0, 0, 0, 0, 0 }, [1, 10]);

        Assert.True(model.call(text).allclose(model.call(paddedText), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void EmbeddingDropoutActsInTrainingOnly()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.KernelSizes = [1];
        options.Dropout = 0;
        using var withoutDropout = new TextCnn(TextCnnHyperparameters.From(options));
        options.EmbeddingDropout = 0.5;
        using var withDropout = new TextCnn(TextCnnHyperparameters.From(options));
        var text = randint(2, options.VocabularySize, [8, options.SequenceLength]);

        withDropout.eval();
        withoutDropout.eval();
        Assert.True(withDropout.call(text).allclose(withoutDropout.call(text)));

        withDropout.train();
        Assert.False(withDropout.call(text).allclose(withDropout.call(text)));
    }
}
