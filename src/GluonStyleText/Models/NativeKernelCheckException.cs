namespace GluonStyleText.Models;

/// <summary>
/// The machine's native kernels computed the models' numbers wrong (<see cref="NativeKernelCheck"/>): training
/// stopped before any long work, because a model trained here could not be trusted.
/// </summary>
public sealed class NativeKernelCheckException : Exception
{
    /// <summary>Creates the exception for a failed check; the message names the failed checks, the CPU and what to do.</summary>
    /// <param name="report">The failed check's report.</param>
    public NativeKernelCheckException(NativeKernelReport report)
        : base(Describe(report))
    {
        Report = report;
    }

    /// <summary>What the check found.</summary>
    public NativeKernelReport Report { get; }

    private static string Describe(NativeKernelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failed = string.Join("; ", report.Checks.Where(check => !check.Passed).Select(check => $"{check.Name}: {check.Problem}"));
        return $"this machine's native kernels give wrong numbers ({failed}), so models trained or run here cannot be trusted. "
            + $"CPU: {report.CpuLine}; {report.TorchThreads} torch threads; libtorch {report.LibTorchVersion}. "
            + "Report that CPU line with the full check (gluontext doctor, or NativeKernelCheck.Run) and use another machine type.";
    }
}
