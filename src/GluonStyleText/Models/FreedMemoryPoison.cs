using System.Runtime.InteropServices;

namespace GluonStyleText.Models;

/// <summary>
/// Leaves NaN-filled blocks free in the calling thread's malloc heap, so that a native kernel which reads memory it
/// never wrote reads NaN there rather than whatever the heap happened to hold. On some CPUs libtorch's oneDNN
/// convolution read the unzeroed padding of its reordered weights; a freed NaN left there turned whole batches of
/// outputs into NaN, while on other CPUs (or with a quieter heap) the same code looked right. Poisoning first makes
/// such a read show on any machine, which is what the numeric checks (<see cref="NativeKernelCheck"/>, the tests) need.
/// </summary>
internal static class FreedMemoryPoison
{
    /// <summary>Bytes of the largest poisoned block; blocks from 1 KiB up to it cover the buffers of small models.</summary>
    internal const int LargestBlock = 4 << 20;

    /// <summary>
    /// Allocates blocks of geometrically spaced sizes from 1 KiB to <see cref="LargestBlock"/>, fills them with 0xFF
    /// bytes (a float NaN) and frees them. Done twice: glibc serves the first round's large blocks by mmap and raises
    /// its mmap threshold when they are freed, so the second round's stay in the heap, where later allocations reuse them.
    /// </summary>
    internal static void Apply()
    {
        var sizes = new List<int>();
        for (int size = 1024; size <= LargestBlock; size = (int)(size * 1.15))
        {
            sizes.Add(size);
        }

        for (int round = 0; round < 2; round++)
        {
            var blocks = new IntPtr[sizes.Count];
            for (int i = 0; i < sizes.Count; i++)
            {
                blocks[i] = Marshal.AllocHGlobal(sizes[i]);
                Fill(blocks[i], sizes[i]);
            }

            // A small block after the poisoned ones keeps them from merging into the heap's top, which glibc may trim.
            var guard = Marshal.AllocHGlobal(64);
            foreach (var block in blocks)
            {
                Marshal.FreeHGlobal(block);
            }

            Marshal.FreeHGlobal(guard);
        }
    }

    private static void Fill(IntPtr block, int size)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)0xFF);
        for (int offset = 0; offset < size; offset += chunk.Length)
        {
            Marshal.Copy(chunk, 0, block + offset, Math.Min(chunk.Length, size - offset));
        }
    }
}
