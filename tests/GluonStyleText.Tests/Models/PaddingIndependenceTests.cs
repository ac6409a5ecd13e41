using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

/// <summary>Trimmed batches are only safe because a text's logits do not depend on how much padding it carries.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class PaddingIndependenceTests
{
    public static TheoryData<string> Models => ["cnn-max", "cnn-max_mean", "cnn-max-bigrams", "cnn-max_mean-bigrams", "cnn-max_mean-bigrams-wordbag", "bilstm"];

    [Theory]
    [MemberData(nameof(Models))]
    public void LogitsAreTheSameAloneTrimmedPaddedTo500AndInAMixedBatch(string kind)
    {
        using var scope = NewDisposeScope();
        using var model = Create(kind);
        model.eval();
        long[] text = [9, 12, 5, 30, 7, 8, 21];
        long[] other = [11, 13, 17, 19, 23, 29, 31, 37, 10, 14, 15, 16, 18, 20];

        using var noGrad = no_grad();
        var alone = model.call(tensor(text, [1, text.Length]));
        var padded = model.call(Padded([text], 500));
        var mixed = model.call(Padded([other, text, [6], []], other.Length));

        Assert.True(alone.allclose(padded, rtol: 0, atol: 1e-5), $"{kind}: padding to 500 changed the logits");
        Assert.True(alone[0].allclose(mixed[1], rtol: 0, atol: 1e-5), $"{kind}: a mixed batch changed the logits");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ATextWithoutATokenGivesFiniteLogits(string kind)
    {
        using var scope = NewDisposeScope();
        using var model = Create(kind);
        model.eval();

        using var noGrad = no_grad();
        var logits = model.call(zeros([2, 1], ScalarType.Int64));

        Assert.True(logits.isfinite().all().item<bool>());
    }

    private static nn.Module<Tensor, Tensor> Create(string kind)
    {
        var options = ToyData.Options(cnn: kind.StartsWith("cnn", StringComparison.Ordinal));
        options.KernelSizes = [1, 2, 3];
        options.Filters = 8;
        options.CnnPooling = kind.Contains("max_mean", StringComparison.Ordinal) ? CnnPoolingModes.MaxMean : CnnPoolingModes.Max;
        options.WordBag = kind.EndsWith("wordbag", StringComparison.Ordinal);
        if (kind.Contains("bigrams", StringComparison.Ordinal))
        {
            options.BigramBuckets = 101;
            options.BigramSize = 8;
        }

        return options.Cnn ? new TextCnn(TextCnnHyperparameters.From(options)) : new BiLstmClassifier(BiLstmHyperparameters.From(options));
    }

    private static Tensor Padded(long[][] texts, int width)
    {
        var ids = new long[texts.Length * width];
        for (int row = 0; row < texts.Length; row++)
        {
            texts[row].CopyTo(ids, row * width);
        }

        return tensor(ids, [texts.Length, width]);
    }
}
