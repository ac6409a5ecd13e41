using GluonStyleText.Models;

namespace GluonStyleText.Tests.Models;

// With the torch tests, whose trainers and evaluators call TrimIfGrown too and would move its baseline.
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class NativeMemoryTests
{
    [Fact]
    public void TrimsGlibcsHeapOnLinux()
    {
        // glibc is the libc.so.6 mapped into this process; musl and other systems have no such mapping.
        bool glibc = OperatingSystem.IsLinux() && File.ReadAllText("/proc/self/maps").Contains("/libc.so.6", StringComparison.Ordinal);

        // Freed blocks well below the mmap threshold stay in the heap, so there is something to return.
        var blocks = Enumerable.Range(0, 2000).Select(_ => System.Runtime.InteropServices.Marshal.AllocHGlobal(16 * 1024)).ToList();
        blocks.ForEach(System.Runtime.InteropServices.Marshal.FreeHGlobal);

        Assert.Equal(glibc, NativeMemory.Trim());
    }

    [Fact]
    public void TrimsOnceTheProcessHasGrownPastTheThreshold()
    {
        bool glibc = OperatingSystem.IsLinux() && File.ReadAllText("/proc/self/maps").Contains("/libc.so.6", StringComparison.Ordinal);
        NativeMemory.TrimIfGrown();

        // Touched pages count in the resident set; freed small blocks stay in the heap until trimmed.
        const int blockSize = 16 * 1024;
        int count = (int)((NativeMemory.GrowthBeforeTrim + (256L << 20)) / blockSize);
        var blocks = new IntPtr[count];
        var ones = new byte[blockSize];
        Array.Fill(ones, (byte)1);
        for (int i = 0; i < count; i++)
        {
            blocks[i] = System.Runtime.InteropServices.Marshal.AllocHGlobal(blockSize);
            System.Runtime.InteropServices.Marshal.Copy(ones, 0, blocks[i], blockSize);
        }

        long grown = Environment.WorkingSet;

        // Every other block freed: holes glibc cannot give back by shrinking the top of its heap itself.
        for (int i = 0; i < count; i += 2)
        {
            System.Runtime.InteropServices.Marshal.FreeHGlobal(blocks[i]);
        }

        bool trimmed = NativeMemory.TrimIfGrown();
        long after = Environment.WorkingSet;
        for (int i = 1; i < count; i += 2)
        {
            System.Runtime.InteropServices.Marshal.FreeHGlobal(blocks[i]);
        }

        Assert.Equal(glibc, trimmed);
        if (glibc)
        {
            Assert.True(after < grown - (NativeMemory.GrowthBeforeTrim / 4), $"resident {after >> 20} MB after the trim, {grown >> 20} MB before");
        }
    }
}
