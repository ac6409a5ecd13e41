using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Tests.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

/// <summary>
/// Batches are cut to their longest text, so a text meets different amounts of padding in training,
/// evaluation and prediction: its logits must not depend on that.
/// </summary>
public sealed class PaddingIndependenceTests
{
    public static TheoryData<string, string, int> Networks => new()
    {
        { "cnn", CnnPoolingModes.Max, 0 },
        { "cnn", CnnPoolingModes.MaxMean, 0 },
        { "cnn", CnnPoolingModes.MaxMean, 64 },
        { "bilstm", CnnPoolingModes.Max, 0 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void ATextHasTheSameLogitsAloneInAPaddedRowAndInAMixedBatch(string network, string pooling, int bigramBuckets)
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: network == "cnn");
        options.KernelSizes = network == "cnn" ? [1, 2, 3] : null;
        options.CnnPooling = pooling;
        options.BigramBuckets = bigramBuckets;
        options.BigramSize = 8;
        using var model = TextClassifierModelFactory.Create(options);
        model.eval();
        long[] text = [5, 9, 2, 7, 7];

        var alone = Logits(model, [text], width: text.Length);
        var padded = Logits(model, [text], width: 500);
        var mixed = Logits(model, [[3, 4], text, [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 6], []], width: 12)[alone.Length..(2 * alone.Length)];

        AssertClose(alone, padded);
        AssertClose(alone, mixed);
    }

    [Fact]
    public void AnEmptyTextGetsFiniteLogits()
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn: true);
        options.KernelSizes = [1, 3];
        using var model = TextClassifierModelFactory.Create(options);
        model.eval();

        var logits = Logits(model, [[]], width: 4);

        Assert.All(logits, value => Assert.True(float.IsFinite(value)));
    }

    private static float[] Logits(TorchSharp.torch.nn.Module<Tensor, Tensor> model, long[][] texts, int width)
    {
        var ids = new long[texts.Length * width];
        for (int row = 0; row < texts.Length; row++)
        {
            texts[row].CopyTo(ids, row * width);
        }

        using var noGrad = no_grad();
        var logits = model.call(tensor(ids, [texts.Length, width]));
        return logits.data<float>().ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"logit {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
