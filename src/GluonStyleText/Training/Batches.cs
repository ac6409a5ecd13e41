using GluonStyleText.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>Turns rows of an <see cref="EncodedDataset"/> into the tensors a training or evaluation step feeds the model.</summary>
internal static class Batches
{
    /// <summary>
    /// Token ids <c>[rows, width]</c> (int64) and class ids <c>[rows]</c> (int64) on <paramref name="device"/>,
    /// where width is the longest of the rows' texts, rounded up by <see cref="BatchWidth"/>: the padding beyond
    /// it would only cost time, because both models give the same logits whatever the padding.
    /// With <paramref name="wordDropout"/> (training steps only) some ids are replaced by the unknown id first.
    /// </summary>
    internal static (Tensor Inputs, Tensor Targets) ToTensors(EncodedDataset data, int[] rows, Device device, UnknownWordDropout? wordDropout = null)
    {
        var lengths = data.Lengths.Span;
        int longest = 0;
        foreach (int row in rows)
        {
            longest = Math.Max(longest, lengths[row]);
        }

        int width = BatchWidth.For(longest, data.SequenceLength);

        var ids = new long[(long)rows.Length * width];
        data.CopyRows(rows, ids, width);
        wordDropout?.Apply(ids);
        var labels = data.Labels.Span;
        var targets = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            targets[i] = labels[rows[i]];
        }

        var inputTensor = tensor(ids, [rows.Length, width]);
        var targetTensor = tensor(targets);
        return device.type == DeviceType.CPU
            ? (inputTensor, targetTensor)
            : (inputTensor.to(device), targetTensor.to(device));
    }
}
