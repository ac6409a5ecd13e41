using GluonStyleText.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

// The root cause of NaN models on some CPUs: libtorch's oneDNN convolution read the unzeroed rounding of its blocked
// layouts (channels rounded up to the SIMD block). Each check poisons freed memory first, so that a read of memory
// the kernel never wrote shows as NaN, and compares with a float64 reference (libtorch's plain code, not oneDNN).
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class BlockAlignedConvolutionTests
{
    // 100 input channels (GloVe's width) and 200 filters: neither a multiple of the 16-float SIMD block.
    private const int Channels = 100;
    private const int Filters = 200;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    public void ForwardEqualsAFloat64ConvolutionAfterFreedMemoryWasPoisoned(int kernel)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(kernel);
        using var convolution = nn.Conv1d(Channels, Filters, kernel);
        var input = randn(8, Channels, 37);
        var reference = Float64Convolution(input, convolution);

        FreedMemoryPoison.Apply();
        Tensor output;
        using (no_grad())
        {
            output = BlockAlignedConvolution.Apply(BlockAlignedConvolution.PadChannels(input), convolution);
        }

        AssertClose(reference, output, "output");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void GradientsEqualAFloat64ConvolutionsAfterFreedMemoryWasPoisoned(int kernel)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(kernel);
        using var convolution = nn.Conv1d(Channels, Filters, kernel);
        var input = randn(8, Channels, 37).requires_grad_(true);
        var input64 = input.detach().to(float64).requires_grad_(true);
        var weight64 = convolution.weight!.detach().to(float64).requires_grad_(true);
        var bias64 = convolution.bias!.detach().to(float64).requires_grad_(true);
        nn.functional.conv1d(input64, weight64, bias64).relu().sum().backward();

        FreedMemoryPoison.Apply();
        BlockAlignedConvolution.Apply(BlockAlignedConvolution.PadChannels(input), convolution).relu().sum().backward();

        AssertClose(input64.grad!, input.grad!, "input gradient");
        AssertClose(weight64.grad!, convolution.weight!.grad!, "weight gradient");
        AssertClose(bias64.grad!, convolution.bias!.grad!, "bias gradient");
    }

    [Fact]
    public void AWrongOutputFailsTheComparison()
    {
        using var scope = NewDisposeScope();
        var reference = ones(4, 4, dtype: float64);
        var poisoned = ones(4, 4);
        poisoned[1, 2] = tensor(float.NaN);

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertClose(reference, poisoned, "output"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertClose(reference, ones(4, 4) * 1.01f, "output"));
    }

    /// <summary>Every value finite and within 1e-5 of the reference's largest magnitude (float32 against float64 gives about 1e-7): the machine check's comparison, at a tighter tolerance.</summary>
    internal static void AssertClose(Tensor reference, Tensor actual, string what)
    {
        var result = NativeKernelCheck.Compare(what, [(what, actual, reference)], tolerance: 1e-5);
        Assert.True(result.Passed, result.ToString());
    }

    // libtorch has no oneDNN kernel for float64: this convolution runs its plain code.
    private static Tensor Float64Convolution(Tensor input, TorchSharp.Modules.Conv1d convolution)
    {
        using (no_grad())
        {
            return nn.functional.conv1d(input.to(float64), convolution.weight!.to(float64), convolution.bias!.to(float64));
        }
    }
}
