using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

/// <summary>
/// A 1-D convolution over channels-last input computed as one matrix product of the input's windows with the
/// flattened filters: the same numbers as <c>conv1d</c> for the CNN's shapes (stride 1, no padding, no dilation),
/// forward and backward, through libtorch's GEMM instead of its oneDNN convolution. libtorch 2.10's oneDNN
/// convolution reordered the weights into a layout whose input channels are padded to the SIMD block and, on some
/// CPUs (AMD Zen 5 VMs), read that padding without zeroing it: a NaN left in a reused heap block turned whole batches
/// into NaN, in training and in prediction, and a virtual CPU reporting no cache sizes got wrong finite outputs too.
/// The product here reads only tensors it wrote; measured beside oneDNN on the CNN's training step it costs about
/// the same (docs/results.md), and it spares the two transposes the channels-first convolution needed.
/// </summary>
internal static class WindowedMatrixProduct
{
    /// <summary>
    /// The convolution's output <c>[batch, length - kernel + 1, filters]</c> for input <c>[batch, length, channels]</c>,
    /// with the convolution's own weight <c>[filters, channels, kernel]</c> and bias.
    /// </summary>
    /// <param name="channelsLast">The input, one row of channels per position.</param>
    /// <param name="convolution">The module holding the filters (its parameters keep their names in bundles).</param>
    public static Tensor Apply(Tensor channelsLast, Conv1d convolution)
    {
        var weight = convolution.weight!;
        long filters = weight.shape[0], channels = weight.shape[1], kernel = weight.shape[2];
        // unfold gives [batch, windows, channels, kernel], the weight's own [channels, kernel] order per filter.
        var windows = kernel == 1
            ? channelsLast
            : channelsLast.unfold(1, kernel, 1).reshape(channelsLast.shape[0], -1, channels * kernel);
        var product = windows.matmul(weight.reshape(filters, channels * kernel).t());
        return convolution.bias is { } bias ? product.add_(bias) : product;
    }
}
