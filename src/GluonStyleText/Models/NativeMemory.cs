using System.Runtime.InteropServices;

namespace GluonStyleText.Models;

/// <summary>
/// Hands the native memory that freed tensors leave behind back to the system. libtorch allocates tensors
/// with malloc; batches of varying length leave holes in glibc's heap that it keeps, so IMDB training grew
/// by 1.7 GB over one epoch. Fixing glibc's mmap threshold instead kept memory flat but made every large
/// tensor a fresh mapping, and training twice as slow. Trimming on a fixed count of steps either cost time
/// (every 8: +20 %) or let the peak creep over the epochs (every 32: IMDB's demo reached 2.04 GB in its fourth
/// epoch); <see cref="TrimIfGrown"/> trims only when the process has grown by <see cref="GrowthBeforeTrim"/>
/// since the last trim, so it costs nothing while memory is steady and bounds the creep.
/// </summary>
internal static class NativeMemory
{
    /// <summary>Growth of the resident set since the last trim past which <see cref="TrimIfGrown"/> trims.</summary>
    internal const long GrowthBeforeTrim = 512L << 20;

    private static readonly bool Available = OperatingSystem.IsLinux();

    private static long _residentAfterTrim;

    /// <summary>
    /// Trims (<see cref="Trim"/>) when the process's resident memory is <see cref="GrowthBeforeTrim"/> above what
    /// it was after the last trim; called after every training or evaluation step (reading the resident set
    /// takes about 20 microseconds).
    /// </summary>
    /// <returns>Whether it trimmed.</returns>
    internal static bool TrimIfGrown()
    {
        if (!Available)
        {
            return false;
        }

        long resident = Environment.WorkingSet;
        long baseline = Interlocked.Read(ref _residentAfterTrim);
        if (resident < baseline)
        {
            // Memory was freed by other means (a model disposed, a collection): growth counts from here.
            Interlocked.Exchange(ref _residentAfterTrim, resident);
            return false;
        }

        if (resident - baseline < GrowthBeforeTrim)
        {
            return false;
        }

        bool trimmed = Trim();
        Interlocked.Exchange(ref _residentAfterTrim, Environment.WorkingSet);
        return trimmed;
    }

    /// <summary>Returns free heap pages to the system (glibc's malloc_trim); elsewhere (Windows, macOS, musl) does nothing.</summary>
    /// <returns>Whether memory was returned.</returns>
    internal static bool Trim()
    {
        if (!Available)
        {
            return false;
        }

        try
        {
            return TrimHeap(0) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int TrimHeap(nuint pad);
}
