using System.Runtime.InteropServices;

namespace GluonStyleText.Models;

/// <summary>
/// Keeps the C allocator from hoarding the native memory that tensors free. libtorch allocates tensors
/// with malloc, and glibc raises its mmap threshold each time a large block is freed, so after a few
/// batches of varying length every activation comes from the heap, and the freed holes between them are
/// never returned: IMDB training grew by 1.7 GB over one epoch that way. A fixed threshold keeps large
/// tensors in their own mappings, which go back to the system when freed.
/// </summary>
internal static class NativeMemory
{
    // glibc's mallopt parameter number (malloc.h), and its own default threshold; setting it disables the raising.
    private const int MmapThresholdParameter = -3;
    private const int MmapThresholdBytes = 128 * 1024;

    private static readonly Lazy<bool> Applied = new(Apply);

    /// <summary>Fixes glibc's mmap threshold once per process; elsewhere (Windows, macOS, musl) does nothing.</summary>
    /// <returns>Whether the threshold is now fixed by this call or an earlier one.</returns>
    internal static bool LimitFragmentation() => Applied.Value;

    private static bool Apply()
    {
        // The variable is glibc's own way of setting the same; a user who set it keeps their choice.
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null)
        {
            return false;
        }

        try
        {
            return SetMallocOption(MmapThresholdParameter, MmapThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetMallocOption(int parameter, int value);
}
