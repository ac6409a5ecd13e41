using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>Turns rows of an <see cref="EncodedDataset"/> into the tensors a training or evaluation step feeds the model.</summary>
internal static class Batches
{
    /// <summary>Token ids <c>[rows, seq_len]</c> (int64) and class ids <c>[rows]</c> (int64) on <paramref name="device"/>.</summary>
    internal static (Tensor Inputs, Tensor Targets) ToTensors(EncodedDataset data, int[] rows, Device device)
    {
        var ids = new long[(long)rows.Length * data.SequenceLength];
        data.CopyRows(rows, ids);
        var labels = data.Labels.Span;
        var targets = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            targets[i] = labels[rows[i]];
        }

        var inputTensor = tensor(ids, [rows.Length, data.SequenceLength]);
        var targetTensor = tensor(targets);
        return device.type == DeviceType.CPU
            ? (inputTensor, targetTensor)
            : (inputTensor.to(device), targetTensor.to(device));
    }
}
