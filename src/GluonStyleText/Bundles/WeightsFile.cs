using System.Text;
using static TorchSharp.torch;

namespace GluonStyleText.Bundles;

/// <summary>
/// Reads the table of contents of a weights file in TorchSharp's own format and compares it with the
/// tensors a model has, before any byte of it reaches libtorch. The format is data only: a count, then
/// per tensor its name, element type, shape and raw values. There is nothing in it to execute, unlike
/// a Python pickle, and this check makes a wrong or damaged file fail with the tensor's name rather
/// than inside the native loader.
/// </summary>
internal static class WeightsFile
{
    // Far above any real model, low enough that a garbage count or name fails at once.
    private const long MaxTensors = 100_000;
    private const int MaxNameBytes = 4096;
    private const long MaxDimensions = 32;

    /// <summary>Checks that <paramref name="path"/> holds exactly the tensors of <paramref name="expected"/>, with their element types and shapes.</summary>
    /// <param name="path">The weights file.</param>
    /// <param name="expected">The model's state dictionary, by parameter name.</param>
    /// <exception cref="InvalidDataException">The file differs; the message names the tensor and both shapes or types.</exception>
    public static void Check(string path, IReadOnlyDictionary<string, Tensor> expected)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var count = ReadNumber(reader, "the number of tensors");
            if (count > MaxTensors)
            {
                throw new InvalidDataException($"it starts with a tensor count of {count:N0}; it is not a TorchSharp weights file.");
            }

            for (long i = 0; i < count; i++)
            {
                var name = ReadName(reader, i);
                if (!expected.TryGetValue(name, out var tensor))
                {
                    throw new InvalidDataException($"it holds tensor '{name}', which is not part of the model its options describe.");
                }

                if (!seen.Add(name))
                {
                    throw new InvalidDataException($"it holds tensor '{name}' twice.");
                }

                CheckTensor(reader, name, tensor);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"it ends early, after {seen.Count} of its tensors.", e);
        }

        if (stream.Position != stream.Length)
        {
            throw new InvalidDataException($"it has {stream.Length - stream.Position:N0} bytes after its last tensor.");
        }

        foreach (var name in expected.Keys.Where(name => !seen.Contains(name)))
        {
            throw new InvalidDataException($"it lacks tensor '{name}', which the options imply.");
        }
    }

    private static void CheckTensor(BinaryReader reader, string name, Tensor expected)
    {
        var type = ReadNumber(reader, $"the element type of '{name}'");
        if (type != (long)expected.dtype)
        {
            throw new InvalidDataException($"tensor '{name}' has element type {Describe(type)} but the model's is {expected.dtype}.");
        }

        var dimensions = ReadNumber(reader, $"the rank of '{name}'");
        if (dimensions > MaxDimensions)
        {
            throw new InvalidDataException($"tensor '{name}' has {dimensions:N0} dimensions; it is not a TorchSharp weights file.");
        }

        var shape = new long[dimensions];
        for (var d = 0; d < shape.Length; d++)
        {
            shape[d] = ReadNumber(reader, $"the shape of '{name}'");
        }

        if (!shape.SequenceEqual(expected.shape))
        {
            throw new InvalidDataException($"tensor '{name}' has shape {Shape(shape)} but the options imply {Shape(expected.shape)}.");
        }

        // The shape matches the model's, so the size cannot overflow.
        var bytes = expected.NumberOfElements * expected.ElementSize;
        var stream = reader.BaseStream;
        if (stream.Length - stream.Position < bytes)
        {
            throw new EndOfStreamException();
        }

        stream.Seek(bytes, SeekOrigin.Current);
    }

    /// <summary>Reads a LEB128-encoded non-negative number, as TorchSharp writes counts, types and sizes.</summary>
    private static long ReadNumber(BinaryReader reader, string what)
    {
        long value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var part = reader.ReadByte();
            value |= (long)(part & 0x7F) << shift;
            if ((part & 0x80) == 0 && value >= 0)
            {
                return value;
            }
        }

        throw new InvalidDataException($"{what} is not a valid number; it is not a TorchSharp weights file.");
    }

    private static string ReadName(BinaryReader reader, long index)
    {
        // BinaryWriter.Write(string): a LEB128 byte count, then UTF-8.
        var length = ReadNumber(reader, $"the name of tensor {index + 1}");
        if (length > MaxNameBytes)
        {
            throw new InvalidDataException($"the name of tensor {index + 1} would be {length:N0} bytes long; it is not a TorchSharp weights file.");
        }

        var bytes = reader.ReadBytes((int)length);
        if (bytes.Length < length)
        {
            throw new EndOfStreamException();
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"the name of tensor {index + 1} is not UTF-8; it is not a TorchSharp weights file.", e);
        }
    }

    private static string Describe(long type) =>
        type <= sbyte.MaxValue && Enum.IsDefined((ScalarType)(sbyte)type) ? ((ScalarType)(sbyte)type).ToString() : $"#{type}";

    internal static string Shape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
