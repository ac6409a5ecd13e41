using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Native;

/// <summary>
/// Proves that TorchSharp's native library loads on this machine (on Debian 12 only after the
/// build's libstdc++ patch, docs/torchsharp-on-debian-12.md) and that autograd works through it.
/// </summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Conv1dForwardAndBackwardRunOnCpu()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var conv = nn.Conv1d(in_channels: 4, out_channels: 3, kernel_size: 3);
        var input = randn(2, 4, 10, requires_grad: true);

        var output = conv.forward(input);
        output.sum().backward();

        Assert.Equal(new long[] { 2, 3, 8 }, output.shape);
        Assert.NotNull(input.grad);
        Assert.Equal(input.shape, input.grad!.shape);
        Assert.True(input.grad.abs().sum().item<float>() > 0f);
        Assert.All(conv.parameters(), p => Assert.NotNull(p.grad));
    }
}
