using GluonStyleText.Models;

namespace GluonStyleText.Tests.Models;

public sealed class NativeMemoryTests
{
    [Fact]
    public void FixesGlibcsMmapThresholdOnLinux()
    {
        // glibc is the libc.so.6 mapped into this process; musl and other systems have no such mapping.
        bool glibc = OperatingSystem.IsLinux() && File.ReadAllText("/proc/self/maps").Contains("/libc.so.6", StringComparison.Ordinal);
        bool userChose = Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null;

        Assert.Equal(glibc && !userChose, NativeMemory.LimitFragmentation());
        Assert.Equal(glibc && !userChose, NativeMemory.LimitFragmentation());
    }
}
