using System.Globalization;
using System.Text;

namespace GluonStyleText.Models;

/// <summary>
/// What <see cref="NativeKernelCheck.Run"/> found: the machine (CPU, cores, threads, libtorch, OS) and, per check,
/// whether its native kernels computed the models' numbers right. <see cref="ToString"/> renders it for a person.
/// </summary>
public sealed class NativeKernelReport
{
    internal NativeKernelReport(CpuDescription cpu, int logicalCores, int torchThreads, string libTorchVersion, string torchSharpVersion, string operatingSystem, IReadOnlyList<NativeKernelCheckResult> checks, TimeSpan elapsed)
    {
        Cpu = cpu.Model;
        CpuFamily = cpu.Family;
        CpuCache = cpu.Cache;
        CpuVectorExtensions = cpu.VectorExtensions;
        LogicalCores = logicalCores;
        TorchThreads = torchThreads;
        LibTorchVersion = libTorchVersion;
        TorchSharpVersion = torchSharpVersion;
        OperatingSystem = operatingSystem;
        Checks = checks;
        Elapsed = elapsed;
    }

    /// <summary>Whether every check passed: the numbers of models trained and run on this machine can be trusted.</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(check => check.Passed);

    /// <summary>The checks, in the order they ran.</summary>
    public IReadOnlyList<NativeKernelCheckResult> Checks { get; }

    /// <summary>The CPU's model name (from <c>/proc/cpuinfo</c> on Linux), or <c>unknown</c>.</summary>
    public string Cpu { get; }

    /// <summary>The CPU's vendor, family, model and stepping, e.g. <c>AuthenticAMD family 26 model 2 stepping 1</c>, or <c>unknown</c>.</summary>
    public string CpuFamily { get; }

    /// <summary>The cache size the CPU reports, or <c>not reported</c> (as on virtual CPUs that libtorch's oneDNN has computed wrong numbers on).</summary>
    public string CpuCache { get; }

    /// <summary>The vector extensions by which oneDNN chooses its kernels that the CPU has, e.g. <c>avx2 avx512f</c>; empty when none or unknown.</summary>
    public string CpuVectorExtensions { get; }

    /// <summary>The logical cores this process may use (<see cref="Environment.ProcessorCount"/>).</summary>
    public int LogicalCores { get; }

    /// <summary>The threads libtorch computed with (<c>torch.get_num_threads()</c>) when the checks ran.</summary>
    public int TorchThreads { get; }

    /// <summary>The libtorch version TorchSharp is built for and loads (<c>torch.__version__</c>), e.g. <c>2.10.0</c>.</summary>
    public string LibTorchVersion { get; }

    /// <summary>The version of the TorchSharp assembly that binds it.</summary>
    public string TorchSharpVersion { get; }

    /// <summary>The operating system and processor architecture.</summary>
    public string OperatingSystem { get; }

    /// <summary>How long the checks took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The CPU in one line: name, family, cache and vector extensions.</summary>
    public string CpuLine =>
        $"{Cpu} ({CpuFamily}; cache {CpuCache}{(CpuVectorExtensions.Length > 0 ? "; " + CpuVectorExtensions : "")})";

    /// <summary>The verdict in one line, e.g. <c>Native kernels: all 6 checks passed (float32 against float64) in 0.31 s.</c></summary>
    public string Verdict
    {
        get
        {
            int failed = Checks.Count(check => !check.Passed);
            var outcome = failed == 0 ? $"all {Checks.Count} checks passed" : $"{failed} of {Checks.Count} checks FAILED";
            return string.Create(CultureInfo.InvariantCulture, $"Native kernels: {outcome} (float32 against float64) in {Elapsed.TotalSeconds:0.00} s.");
        }
    }

    /// <summary>The machine's facts, one line per check, and the verdict.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"CPU:      {CpuLine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Cores:    {LogicalCores} logical; torch threads: {TorchThreads}");
        text.AppendLine($"libtorch: {LibTorchVersion} (TorchSharp {TorchSharpVersion})");
        text.AppendLine($"OS:       {OperatingSystem}");
        foreach (var check in Checks)
        {
            text.AppendLine($"  {check}");
        }

        text.Append(Verdict);
        return text.ToString();
    }
}
