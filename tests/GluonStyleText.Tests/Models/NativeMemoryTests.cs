using GluonStyleText.Models;

namespace GluonStyleText.Tests.Models;

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
}
