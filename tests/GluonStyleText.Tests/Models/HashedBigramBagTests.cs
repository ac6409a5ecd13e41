using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Tests.Training;
using GluonStyleText.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

[Collection(SerialTorchCollection.Name)]
public sealed class HashedBigramBagTests
{
    [Fact]
    public void PaddingAddsNoBigrams()
    {
        using var scope = NewDisposeScope();
        using var bag = new HashedBigramBag(buckets: 1000, size: 4, initialRange: 0.1);
        var text = tensor(new long[] { 9, 10, 11 }, [1, 3]);
        var paddedText = tensor(new long[] { 9, 10, 11, 0, 0, 0 }, [1, 6]);

        Assert.True(bag.call(text).allclose(bag.call(paddedText)));
    }

    [Fact]
    public void WordOrderChangesTheBigrams()
    {
        using var scope = NewDisposeScope();
        using var bag = new HashedBigramBag(buckets: 1000, size: 4, initialRange: 0.1);

        var forward = bag.call(tensor(new long[] { 9, 10 }, [1, 2]));
        var backward = bag.call(tensor(new long[] { 10, 9 }, [1, 2]));

        Assert.False(forward.allclose(backward));
    }

    [Fact]
    public void TextsWithoutAPairOfWordsGiveZeros()
    {
        using var scope = NewDisposeScope();
        using var bag = new HashedBigramBag(buckets: 1000, size: 4, initialRange: 0.1);
        var texts = tensor(new long[] { 9, 0, 0, 0, 0, 0 }, [2, 3]);

        var means = bag.call(texts);

        Assert.Equal(new long[] { 2, 4 }, means.shape);
        Assert.Equal(0f, means.abs().max().item<float>());
        Assert.Equal(0f, bag.call(tensor(new long[] { 9 }, [1, 1])).abs().max().item<float>());
    }

    [Fact]
    public void TheCnnAddsTheBagBesideItsPooledFeatures()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.KernelSizes = [1, 2];
        options.Filters = 4;
        options.BigramBuckets = 500;
        options.BigramSize = 6;
        using var model = new TextCnn(TextCnnHyperparameters.From(options));

        var logits = model.call(randint(1, options.VocabularySize, [3, options.SequenceLength]));

        Assert.Equal(new long[] { 3, 2 }, logits.shape);
        Assert.Equal(new long[] { 501, 6 }, model.get_parameter("bigrams.vectors.weight")!.shape);
        Assert.Equal(new long[] { 2, (2 * 4) + 6 }, model.get_parameter("output.weight")!.shape);
    }

    [Fact]
    public void TurningTheBagOnKeepsTheOtherInitialWeights()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        using var without = new TextCnn(TextCnnHyperparameters.From(options));
        options.BigramBuckets = 500;
        using var with = new TextCnn(TextCnnHyperparameters.From(options));

        Assert.True(without.get_parameter("embedding.weight")!.equal(with.get_parameter("embedding.weight")!).all().item<bool>());
        Assert.True(without.get_parameter("convolutions.0.weight")!.equal(with.get_parameter("convolutions.0.weight")!).all().item<bool>());
    }

    // A one-word kernel with max and mean pooling cannot see word order, so only the bag can
    // tell "5 6" from "6 5"; the first assertion shows the task needs it.
    [Fact]
    public void TheBagLearnsWhatWordOrderSays()
    {
        var options = ToyData.Options(cnn: true);
        options.KernelSizes = [1];
        options.CnnPooling = CnnPoolingModes.MaxMean;
        options.Epochs = 6;
        var data = OrderDecidesTheClass(600);

        double Accuracy(int bigramBuckets)
        {
            options.BigramBuckets = bigramBuckets;
            using var model = TextClassifierModelFactory.Create(options);
            return new Trainer(options).Train(model, data).BestValidationMetrics!.Accuracy;
        }

        Assert.True(Accuracy(0) < 0.7, "a word-order task should defeat a one-word kernel");
        double withBag = Accuracy(1000);
        Assert.True(withBag >= 0.9, $"validation accuracy with the bigram bag: {withBag}");
    }

    // Random filler words with "5 6" (class 0) or "6 5" (class 1) somewhere inside.
    private static EncodedDataset OrderDecidesTheClass(int count)
    {
        var random = new Random(11);
        int length = ToyData.SequenceLength;
        var ids = new long[count * length];
        var labels = new int[count];
        for (int row = 0; row < count; row++)
        {
            int words = random.Next(4, length + 1);
            for (int position = 0; position < words; position++)
            {
                ids[(row * length) + position] = random.Next(7, ToyData.VocabularySize);
            }

            labels[row] = random.Next(2);
            int start = (row * length) + random.Next(words - 1);
            ids[start] = labels[row] == 0 ? 5 : 6;
            ids[start + 1] = labels[row] == 0 ? 6 : 5;
        }

        return new EncodedDataset(ids, labels, length);
    }
}
