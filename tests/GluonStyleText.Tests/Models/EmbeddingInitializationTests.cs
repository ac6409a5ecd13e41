using GluonStyleText.Models;
using GluonStyleText.Tests.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

[Collection(SerialTorchCollection.Name)]
public sealed class EmbeddingInitializationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PretrainedVectorsAreCopiedWithAZeroPaddingRow(bool cnn)
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn);
        var pretrained = randn(options.VocabularySize, options.EmbeddingSize);

        using var model = TextClassifierModelFactory.Create(options, pretrained);

        var weight = model.get_parameter("embedding.weight")!;
        Assert.True(weight[1..].equal(pretrained[1..]).all().item<bool>());
        Assert.Equal(0f, weight[0].abs().sum().item<float>());
        Assert.True(weight.requires_grad);
        pretrained.add_(1);
        Assert.False(weight[1..].equal(pretrained[1..]).all().item<bool>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FrozenPretrainedVectorsStayUnchangedWhileTheRestTrains(bool cnn)
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn);
        options.FreezeEmbeddings = true;
        var values = Enumerable.Range(0, options.VocabularySize * options.EmbeddingSize).Select(i => (float)Math.Sin(i)).ToArray();
        using var model = TextClassifierModelFactory.Create(options, values);
        var weight = model.get_parameter("embedding.weight")!;
        var before = weight.clone();
        var output = model.get_parameter("output.weight")!;
        var outputBefore = output.clone();
        using var optimizer = optim.Adam(model.parameters().Where(p => p.requires_grad), lr: 0.1);

        var data = ToyData.Separable(8);
        var ids = tensor(data.TokenIds.ToArray(), [8, ToyData.SequenceLength]);
        nn.functional.cross_entropy(model.call(ids), tensor(data.Labels.ToArray().Select(l => (long)l).ToArray())).backward();
        optimizer.step();

        Assert.False(weight.requires_grad);
        Assert.True(weight.equal(before).all().item<bool>());
        Assert.False(output.equal(outputBefore).all().item<bool>());
        Assert.Equal(values[options.EmbeddingSize], weight[1][0].item<float>());
    }

    [Fact]
    public void RandomInitialisationIsUniformSeededAndKeepsPaddingZero()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        using var first = TextClassifierModelFactory.Create(options);
        using var second = TextClassifierModelFactory.Create(options);
        options.Seed++;
        using var other = TextClassifierModelFactory.Create(options);

        var weight = first.get_parameter("embedding.weight")!;
        Assert.Equal(0f, weight[0].abs().sum().item<float>());
        Assert.True(weight.abs().max().item<float>() <= 0.1f);
        Assert.All(first.state_dict(), pair => Assert.True(pair.Value.equal(second.state_dict()[pair.Key]).all().item<bool>(), pair.Key));
        Assert.False(weight.equal(other.get_parameter("embedding.weight")!).all().item<bool>());
    }

    [Fact]
    public void PretrainedMatrixOfTheWrongShapeIsRejectedNamingBothShapes()
    {
        var options = ToyData.Options(cnn: true);
        using var wrong = zeros(options.VocabularySize, options.EmbeddingSize + 1);

        var error = Assert.Throws<ArgumentException>(() => TextClassifierModelFactory.Create(options, wrong));

        Assert.Contains($"[{options.VocabularySize}, {options.EmbeddingSize + 1}]", error.Message);
        Assert.Contains($"[vocab_size, embed_size] = [{options.VocabularySize}, {options.EmbeddingSize}]", error.Message);
    }

    [Fact]
    public void PretrainedArrayOfTheWrongLengthIsRejected()
    {
        var options = ToyData.Options(cnn: false);

        var error = Assert.Throws<ArgumentException>(() => TextClassifierModelFactory.Create(options, new float[10]));

        Assert.Contains("has 10 values, but vocab_size (40) x embed_size (16) = 640", error.Message);
    }
}
