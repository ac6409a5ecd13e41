using GluonStyleText.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

/// <summary>The machine check: it passes here, says which machine it ran on, and fails on wrong or missing numbers.</summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class NativeKernelCheckTests
{
    [Fact]
    public void PassesOnThisMachineAndNamesIt()
    {
        var report = NativeKernelCheck.Run();

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(
            ["matrix product (Linear), forward and backward", "cross-entropy (log-softmax), forward and backward", "CNN forward (logits)", "CNN backward (gradients)", "BiLSTM forward (logits)", "BiLSTM backward (gradients)"],
            report.Checks.Select(check => check.Name));
        Assert.All(report.Checks, check => Assert.InRange(check.Error, 0, check.Tolerance / 10));
        Assert.Equal(torch.get_num_threads(), report.TorchThreads);
        Assert.Equal(Environment.ProcessorCount, report.LogicalCores);
        Assert.Equal(torch.__version__, report.LibTorchVersion);
        Assert.StartsWith("0.", report.TorchSharpVersion, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux() && File.ReadAllText("/proc/cpuinfo").Contains("cpu family", StringComparison.Ordinal))
        {
            Assert.Matches(@"family \d+ model \d+", report.CpuFamily);
            Assert.NotEqual("unknown", report.Cpu);
        }

        var text = report.ToString();
        Assert.Contains($"CPU:      {report.Cpu} ({report.CpuFamily}", text, StringComparison.Ordinal);
        Assert.Contains($"torch threads: {report.TorchThreads}", text, StringComparison.Ordinal);
        Assert.Contains($"libtorch: {report.LibTorchVersion}", text, StringComparison.Ordinal);
        Assert.EndsWith("Native kernels: all 6 checks passed (float32 against float64) in " + report.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LeavesGradModeAndTheRandomGeneratorAsTheyWere()
    {
        torch.manual_seed(5);
        using var expected = torch.rand(4);
        torch.manual_seed(5);

        using (torch.no_grad())
        {
            NativeKernelCheck.Run();
            Assert.False(torch.is_grad_enabled());
        }

        Assert.True(torch.is_grad_enabled());
        using var drawn = torch.rand(4);
        Assert.Equal(expected.data<float>().ToArray(), drawn.data<float>().ToArray());
    }

    [Fact]
    public void PassesFloat32RoundingOfTheReference()
    {
        using var reference = torch.randn([20, 30], dtype: ScalarType.Float64) * 5;
        using var single = reference.to(ScalarType.Float32);

        var result = NativeKernelCheck.Compare("rounding", [("logits", single, reference)]);

        Assert.True(result.Passed, result.ToString());
        Assert.InRange(result.Error, 1e-9, 1e-6);
    }

    [Fact]
    public void FailsOnANaNAndNamesTheOutput()
    {
        using var reference = torch.randn([8, 3], dtype: ScalarType.Float64);
        using var single = reference.to(ScalarType.Float32);
        single[5, 1] = float.NaN;

        var result = NativeKernelCheck.Compare("CNN forward (logits)", [("bias gradients", reference.to(ScalarType.Float32), reference), ("logits", single, reference)]);

        Assert.False(result.Passed);
        Assert.True(double.IsNaN(result.Error));
        Assert.Equal("non-finite values (NaN or infinity) in the logits", result.Problem);
        Assert.StartsWith("FAIL  CNN forward (logits)", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FailsOnWrongFiniteNumbersAndNamesTheWorstOutput()
    {
        // As on the virtual CPU without cache sizes: finite, plausible, and off by a tenth of the outputs' size.
        using var reference = torch.randn([16, 100], dtype: ScalarType.Float64);
        using var perturbed = (reference + (0.1 * reference.abs().max() * torch.rand_like(reference))).to(ScalarType.Float32);
        using var slightlyOff = (reference * (1 + 1e-5)).to(ScalarType.Float32);

        var result = NativeKernelCheck.Compare("CNN backward (gradients)", [("output.weight gradients", slightlyOff, reference), ("convolutions.0.weight gradients", perturbed, reference)]);

        Assert.False(result.Passed);
        Assert.InRange(result.Error, 0.01, 0.1);
        Assert.StartsWith("the convolutions.0.weight gradients are off by ", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparesSparseGradientsAsDense()
    {
        using var indices = torch.tensor(new long[] { 0, 2 }).reshape(1, 2);
        using var values = torch.tensor(new[] { 1.0f, 2.0f });
        using var sparse = torch.sparse_coo_tensor(indices, values, [4]);
        using var reference = torch.tensor(new[] { 1.0, 0, 2.5, 0 });

        var result = NativeKernelCheck.Compare("embedding", [("embedding.weight gradients", sparse, reference)]);

        Assert.False(result.Passed);
        Assert.Equal(0.2, result.Error, 6);
    }

    [Fact]
    public void AFailedCheckFailsTheReportAndTheExceptionSaysWhatToDo()
    {
        using var reference = torch.ones(3, dtype: ScalarType.Float64);
        using var broken = torch.full([3], float.NaN, dtype: ScalarType.Float32);
        var failed = NativeKernelCheck.Compare("CNN forward (logits)", [("logits", broken, reference)]);
        var passed = NativeKernelCheck.Compare("matrix product (Linear), forward and backward", [("outputs", reference.to(ScalarType.Float32), reference)]);
        var report = new NativeKernelReport(
            new CpuDescription("AMD EPYC 9R45", "AuthenticAMD family 26 model 2 stepping 1", "not reported", "avx2 avx512f"),
            4, 4, "2.10.0", "0.107.0", "Linux", [passed, failed], TimeSpan.FromSeconds(0.25));

        var exception = new NativeKernelCheckException(report);

        Assert.False(report.Passed);
        Assert.Contains("  FAIL  CNN forward (logits)", report.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("Native kernels: 1 of 2 checks FAILED (float32 against float64) in 0.25 s.", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("CNN forward (logits): non-finite values (NaN or infinity) in the logits", exception.Message, StringComparison.Ordinal);
        Assert.Contains("AMD EPYC 9R45 (AuthenticAMD family 26 model 2 stepping 1; cache not reported; avx2 avx512f)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be trusted", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsTheFirstProcessorOfCpuInfo()
    {
        const string cpuInfo = """
            processor	: 0
            vendor_id	: AuthenticAMD
            cpu family	: 26
            model		: 2
            model name	: AMD EPYC 9R45
            stepping	: 1
            flags		: fpu sse2 avx avx2 avx512f avx512_bf16 avx512_vnni

            processor	: 1
            model name	: another
            """;

        var cpu = CpuDescription.FromCpuInfo(cpuInfo);

        Assert.Equal(new CpuDescription("AMD EPYC 9R45", "AuthenticAMD family 26 model 2 stepping 1", "not reported", "avx2 avx512f avx512_vnni avx512_bf16"), cpu);
    }
}
