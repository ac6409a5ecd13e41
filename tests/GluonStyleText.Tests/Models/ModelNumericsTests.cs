using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

// Whole networks after freed memory was poisoned with NaN, against the same weights in float64: finite logits and
// gradients that agree, on any machine (the oneDNN convolution read unwritten memory on some CPUs only).
[Collection(SerialTorchCollection.Name)]
public sealed class ModelNumericsTests
{
    [Theory]
    [InlineData(CnnPoolingModes.Max, false, 0)]
    [InlineData(CnnPoolingModes.MaxMean, true, 256)]
    public void TextCnnLogitsAndGradientsEqualFloat64AfterFreedMemoryWasPoisoned(string pooling, bool wordBag, int bigramBuckets)
    {
        var options = WideOptions(cnn: true);
        options.KernelSizes = [1, 2, 3, 5];
        options.Filters = 40;
        options.CnnPooling = pooling;
        options.WordBag = wordBag;
        options.BigramBuckets = bigramBuckets;
        using var model = new TextCnn(TextCnnHyperparameters.From(options));
        using var reference = new TextCnn(TextCnnHyperparameters.From(options));

        AssertSameAsFloat64(model, reference);
    }

    [Fact]
    public void BiLstmLogitsAndGradientsEqualFloat64AfterFreedMemoryWasPoisoned()
    {
        using var model = new BiLstmClassifier(BiLstmHyperparameters.From(WideOptions(cnn: false)));
        using var reference = new BiLstmClassifier(BiLstmHyperparameters.From(WideOptions(cnn: false)));

        AssertSameAsFloat64(model, reference);
    }

    // 100-d word vectors (GloVe's width): not a multiple of the SIMD block that oneDNN padded to.
    private static TextClassifierOptions WideOptions(bool cnn)
    {
        var options = ToyData.Options(cnn);
        options.EmbeddingSize = 100;
        options.HiddenSize = 24;
        options.NumberOfClasses = 5;
        options.Dropout = 0;
        return options;
    }

    // Built twice from one seed, so both start from the same weights; the reference is moved to float64.
    private static void AssertSameAsFloat64(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor> reference)
    {
        using var scope = NewDisposeScope();
        reference.to(float64);
        model.eval();
        reference.eval();
        torch.manual_seed(11);
        var ids = randint(1, ToyData.VocabularySize, [24, ToyData.SequenceLength]);
        // Texts of every length, right-padded, as the batches are.
        for (int row = 0; row < 24; row++)
        {
            ids[row, TensorIndex.Slice(1 + (row % ToyData.SequenceLength))] = tensor(0L);
        }

        var targets = randint(0, 5, [24]);
        var expected = reference.call(ids);
        nn.functional.cross_entropy(expected, targets).backward();

        FreedMemoryPoison.Apply();
        var logits = model.call(ids);
        nn.functional.cross_entropy(logits, targets).backward();

        BlockAlignedConvolutionTests.AssertClose(expected.detach(), logits.detach(), "logits");
        var referenceParameters = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (parameter.grad is { } gradient && referenceParameters[name].grad is { } referenceGradient)
            {
                // Gradients sum over the batch: compared on their own scale, like the logits.
                BlockAlignedConvolutionTests.AssertClose(referenceGradient, gradient, $"gradient of {name}");
            }
        }
    }
}
