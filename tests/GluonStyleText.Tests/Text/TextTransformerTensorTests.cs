using GluonStyleText.Text;
using TorchSharp;

namespace GluonStyleText.Tests.Text;

public sealed class TextTransformerTensorTests
{
    private static readonly TextTransformer Transformer = TextTransformer.Fit(
        ["the cat sat on the mat", "the dog sat", "a cat and a dog"],
        new TextTransformerOptions { SequenceLength = 5 });

    [Theory]
    [InlineData(3)]
    [InlineData(700)] // enough rows to be encoded in parallel ranges
    public void WritesTheSameIdsAsEncodeBatchIntoAnInt64Tensor(int rows)
    {
        string[] samples = ["the cat", "zebra dog sat on a mat the end", "", "A CAT!"];
        var texts = Enumerable.Range(0, rows).Select(i => samples[i % samples.Length]).ToList();

        using var tensor = Transformer.EncodeToTensor(texts);

        Assert.Equal(new long[] { rows, 5 }, tensor.shape);
        Assert.Equal(torch.ScalarType.Int64, tensor.dtype);
        Assert.Equal(DeviceType.CPU, tensor.device_type);
        var expected = Transformer.EncodeBatch(texts);
        var actual = tensor.data<long>().ToArray();
        Assert.Equal(expected.Cast<long>(), actual);
        Assert.Equal([2L, 4, 0, 0, 0], actual.Take(5));
    }

    [Fact]
    public void AnEmptyBatchGivesAnEmptyTensor()
    {
        using var tensor = Transformer.EncodeToTensor([]);

        Assert.Equal(new long[] { 0, 5 }, tensor.shape);
    }

    [Fact]
    public void PutsTheTensorOnTheRequestedDevice()
    {
        using var tensor = Transformer.EncodeToTensor(["the cat"], torch.CPU);

        Assert.Equal(DeviceType.CPU, tensor.device_type);
        Assert.Equal(4L, tensor[0, 1].item<long>());
    }
}
