using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

/// <summary>
/// A 1-D convolution whose input and output channel counts are zero-padded to a multiple of <see cref="Block"/>
/// before libtorch's oneDNN kernel sees them, and cut back after: the same numbers as <c>conv1d</c>, forward and
/// backward, with the convolution's own parameters (bundles unchanged).
/// </summary>
/// <remarks>
/// oneDNN copies the weights, the input and the output gradient into blocked layouts whose channels are rounded up
/// to the SIMD block (16 floats with AVX-512, 8 with AVX2), and libtorch 2.10's build left that rounding unzeroed on
/// some CPUs (AMD Zen 5 VMs): whatever the reused heap block held was read, and a NaN there turned whole batches of
/// outputs (or, through the output gradient, of input gradients) into NaN; a virtual CPU reporting no cache sizes got
/// wrong finite outputs the same way. With both channel counts multiples of 16 those layouts have no rounding left to
/// read. A matrix-product convolution that avoids oneDNN altogether, and libtorch's convolution with oneDNN turned
/// off, were both about three times slower (docs/results.md).
/// </remarks>
internal static class BlockAlignedConvolution
{
    /// <summary>The largest channel block of oneDNN's float32 layouts (AVX-512); a multiple of the AVX2 block too.</summary>
    public const int Block = 16;

    /// <summary>Zero channels appended to <paramref name="channels"/> to reach a multiple of <see cref="Block"/>.</summary>
    public static long PaddingFor(long channels) => (Block - (channels % Block)) % Block;

    /// <summary>
    /// Appends zero channels to channels-first input <c>[batch, channels, length]</c> up to a multiple of <see cref="Block"/>;
    /// done once for all the convolutions that read it.
    /// </summary>
    /// <param name="channelsFirst">The input.</param>
    public static Tensor PadChannels(Tensor channelsFirst)
    {
        long padding = PaddingFor(channelsFirst.shape[1]);
        return padding == 0 ? channelsFirst : nn.functional.pad(channelsFirst, [0, 0, 0, padding]);
    }

    /// <summary>
    /// The convolution's output <c>[batch, filters, length - kernel + 1]</c> for input padded by <see cref="PadChannels"/>;
    /// the extra filters (zero weights, zero bias) are cut off.
    /// </summary>
    /// <param name="paddedInput">The input, channels padded to a multiple of <see cref="Block"/>.</param>
    /// <param name="convolution">The module holding the filters <c>[filters, channels, kernel]</c> and bias.</param>
    public static Tensor Apply(Tensor paddedInput, Conv1d convolution)
    {
        var weight = convolution.weight!;
        long filters = weight.shape[0];
        long extraFilters = PaddingFor(filters);
        long extraChannels = paddedInput.shape[1] - weight.shape[1];
        // pad's amounts run from the last dimension back: kernel (none), channels, filters.
        var paddedWeight = extraFilters == 0 && extraChannels == 0 ? weight : nn.functional.pad(weight, [0, 0, 0, extraChannels, 0, extraFilters]);
        var bias = convolution.bias is { } b && extraFilters > 0 ? nn.functional.pad(b, [0, extraFilters]) : convolution.bias;
        var output = nn.functional.conv1d(paddedInput, paddedWeight, bias);
        return extraFilters == 0 ? output : output.narrow(1, 0, filters);
    }
}
