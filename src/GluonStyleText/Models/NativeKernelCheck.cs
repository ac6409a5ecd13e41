using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using GluonStyleText.Options;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

/// <summary>
/// Checks that this machine's native kernels (libtorch, with oneDNN and MKL underneath) compute the models' numbers
/// right, before anyone spends an hour training on it. On some CPUs oneDNN read memory it never wrote (NaN models,
/// NaN predictions) or computed wrong finite numbers (a virtual CPU that reported no cache sizes), while every tool
/// said "done". Each check runs a small forward and backward pass in float32, the way training does, and again in
/// float64 from the same weights and inputs, which libtorch computes with other, plainer kernels; the float32 results
/// must be finite and agree with that reference. The freed memory of the calling thread is filled with NaN first
/// (<see cref="FreedMemoryPoison"/>), so that a kernel reading memory it never wrote shows on any machine.
/// </summary>
public static class NativeKernelCheck
{
    /// <summary>
    /// The largest error that passes, relative to the reference's magnitude. float32 against float64 differs by about
    /// 1e-6 here; the broken kernels gave NaN or errors of 0.1 to 1. A thousand times the first leaves room for
    /// other CPUs' rounding and is still a hundred times below the second.
    /// </summary>
    internal const double Tolerance = 1e-3;

    // Below this a reference output counts as zero: its error is measured against this, not against rounding noise.
    private const double SmallestScale = 1e-6;

    private const int Seed = 20240611;

    // Not a multiple of 16: oneDNN pads such widths in its blocked layouts, and reading that padding unwritten was the Zen 5 fault.
    private const int EmbeddingWidth = 100;

    private const int Vocabulary = 300;

    private const int Classes = 3;

    private const string LinearCheck = "matrix product (Linear), forward and backward";

    private const string CrossEntropyCheck = "cross-entropy (log-softmax), forward and backward";

    private static readonly Lazy<NativeKernelReport> OncePerProcess = new(() => Run(CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Runs the checks (a matrix product, log-softmax with cross-entropy, a small CNN and a small BiLSTM, forward and
    /// backward) on this machine, and reports them with the machine's CPU, threads and libtorch version. Takes a few
    /// tenths of a second. Leaves grad mode and torch's random generator as they were.
    /// </summary>
    /// <param name="cancellationToken">Checked between the checks.</param>
    /// <returns>The report; <see cref="NativeKernelReport.Passed"/> says whether the numbers can be trusted.</returns>
    public static NativeKernelReport Run(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var checks = new List<NativeKernelCheckResult>();
        using var generatorState = torch.get_rng_state();
        try
        {
            using var gradients = torch.enable_grad();

            // Each model check gets freshly poisoned blocks, as the checks before it used some up; the two small
            // checks share the first (poisoning takes about 50 ms, most of the check's time).
            foreach (var (names, poison, check) in new (string[] Names, bool Poison, Func<NativeKernelCheckResult[]> Check)[]
            {
                ([LinearCheck], true, CheckLinear),
                ([CrossEntropyCheck], false, CheckCrossEntropy),
                (["CNN forward (logits)", "CNN backward (gradients)"], true, CheckCnn),
                (["BiLSTM forward (logits)", "BiLSTM backward (gradients)"], true, CheckBiLstm),
            })
            {
                cancellationToken.ThrowIfCancellationRequested();
                checks.AddRange(Guarded(names, poison, check));
            }
        }
        finally
        {
            torch.set_rng_state(generatorState);
        }

        return new NativeKernelReport(
            CpuDescription.OfThisMachine(),
            Environment.ProcessorCount,
            torch.get_num_threads(),
            torch.__version__,
            TorchSharpVersion(),
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            checks,
            stopwatch.Elapsed);
    }

    /// <summary>The report of this process's first check, run then: training checks once, not once per model.</summary>
    internal static NativeKernelReport RunOnce() => OncePerProcess.Value;

    /// <summary>
    /// Compares float32 outputs with their float64 references. Each output's error is its largest difference from the
    /// reference divided by the reference's largest magnitude; the check's error is the largest of these. Non-finite
    /// values, differing shapes or an error above <paramref name="tolerance"/> fail it, naming the output.
    /// </summary>
    /// <param name="name">The check's name.</param>
    /// <param name="outputs">Each output's name, float32 value and float64 reference; sparse tensors are compared dense.</param>
    /// <param name="tolerance">The largest relative error that passes.</param>
    internal static NativeKernelCheckResult Compare(string name, IEnumerable<(string Output, Tensor Actual, Tensor Reference)> outputs, double tolerance = Tolerance)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        double worst = 0;
        string? worstOutput = null;
        foreach (var (output, actual, reference) in outputs)
        {
            using var scope = NewDisposeScope();
            var value = Dense(actual);
            var expected = Dense(reference);
            if (!value.shape.SequenceEqual(expected.shape))
            {
                return new NativeKernelCheckResult(name, double.NaN, tolerance, $"the {output} have shape [{string.Join(", ", value.shape)}] instead of [{string.Join(", ", expected.shape)}]");
            }

            if (value.numel() == 0)
            {
                continue;
            }

            if (!value.isfinite().all().item<bool>())
            {
                return new NativeKernelCheckResult(name, double.NaN, tolerance, $"non-finite values (NaN or infinity) in the {output}");
            }

            if (!expected.isfinite().all().item<bool>())
            {
                return new NativeKernelCheckResult(name, double.NaN, tolerance, $"non-finite values in the float64 reference {output}");
            }

            double scale = Math.Max(expected.abs().max().item<double>(), SmallestScale);
            double error = (value - expected).abs().max().item<double>() / scale;
            if (error > worst)
            {
                (worst, worstOutput) = (error, output);
            }
        }

        var problem = worst > tolerance
            ? string.Create(CultureInfo.InvariantCulture, $"the {worstOutput} are off by {worst:0.0e+00} of their magnitude")
            : null;
        return new NativeKernelCheckResult(name, worst, tolerance, problem);
    }

    // A kernel that throws on this machine is as much a finding as one that computes wrong numbers.
    private static NativeKernelCheckResult[] Guarded(string[] names, bool poison, Func<NativeKernelCheckResult[]> check)
    {
        try
        {
            if (poison)
            {
                FreedMemoryPoison.Apply();
            }

            using var scope = NewDisposeScope();
            return check();
        }
#pragma warning disable CA1031 // Any failure of a native kernel is reported as the check's result, not thrown.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return names.Select(name => new NativeKernelCheckResult(name, double.NaN, Tolerance, $"{exception.GetType().Name}: {exception.Message}")).ToArray();
        }
    }

    private static NativeKernelCheckResult[] CheckLinear()
    {
        torch.manual_seed(Seed);
        var input = randn(37, EmbeddingWidth);
        var weight = randn(29, EmbeddingWidth) * 0.1;
        var bias = randn(29);
        var upstream = randn(37, 29);
        Tensor[] Pass(ScalarType type)
        {
            var (x, w, b) = (Leaf(input, type), Leaf(weight, type), Leaf(bias, type));
            var output = nn.functional.linear(x, w, b);
            (output * upstream.to(type)).sum().backward();
            return [output, x.grad!, w.grad!, b.grad!];
        }

        var (single, reference) = (Pass(ScalarType.Float32), Pass(ScalarType.Float64));
        return [Compare(
            LinearCheck,
            new[] { "outputs", "input gradients", "weight gradients", "bias gradients" }.Select((output, i) => (output, single[i], reference[i])))];
    }

    private static NativeKernelCheckResult[] CheckCrossEntropy()
    {
        torch.manual_seed(Seed);
        var logits = randn(16, 5) * 3;
        var targets = randint(0, 5, [16], dtype: ScalarType.Int64);
        Tensor[] Pass(ScalarType type)
        {
            var x = Leaf(logits, type);
            var logProbabilities = nn.functional.log_softmax(x, 1);
            var loss = nn.functional.cross_entropy(x, targets);
            loss.backward();
            return [logProbabilities, loss, x.grad!];
        }

        var (single, reference) = (Pass(ScalarType.Float32), Pass(ScalarType.Float64));
        return [Compare(
            CrossEntropyCheck,
            new[] { "log-probabilities", "losses", "logit gradients" }.Select((output, i) => (output, single[i], reference[i])))];
    }

    private static NativeKernelCheckResult[] CheckCnn()
    {
        var options = ModelOptions(cnn: true);
        options.KernelSizes = [1, 2, 3];
        options.Filters = EmbeddingWidth;
        options.CnnPooling = CnnPoolingModes.MaxMean;
        options.WordBag = true;
        options.BigramBuckets = 64;
        return CheckModel("CNN", options, batch: 8, steps: 40);
    }

    private static NativeKernelCheckResult[] CheckBiLstm()
    {
        var options = ModelOptions(cnn: false);
        options.HiddenSize = 30;
        options.Layers = 1;
        options.Bidirectional = true;
        return CheckModel("BiLSTM", options, batch: 6, steps: 12);
    }

    // The shape training uses (train mode, sparse embedding gradients as under adam), without dropout, whose random
    // masks would differ between the two passes.
    private static TextClassifierOptions ModelOptions(bool cnn) => new()
    {
        Cnn = cnn,
        NumberOfClasses = Classes,
        VocabularySize = Vocabulary,
        EmbeddingSize = EmbeddingWidth,
        Dropout = 0,
        EmbeddingDropout = 0,
        Seed = Seed,
    };

    private static NativeKernelCheckResult[] CheckModel(string label, TextClassifierOptions options, int batch, int steps)
    {
        var (tokenIds, labels) = Texts(batch, steps);
        using var model = TextClassifierModelFactory.Create(options);
        using var reference = TextClassifierModelFactory.Create(options);
        reference.load_state_dict(model.state_dict());
        reference.to(ScalarType.Float64);

        var logits = Pass(model, tokenIds, labels);
        var referenceLogits = Pass(reference, tokenIds, labels);
        var referenceGradients = reference.named_parameters().ToDictionary(parameter => parameter.name, parameter => parameter.parameter.grad);
        var gradients = model.named_parameters()
            .Where(parameter => parameter.parameter.grad is not null)
            .Select(parameter => ($"{parameter.name} gradients", parameter.parameter.grad!, referenceGradients[parameter.name]!));
        return
        [
            Compare($"{label} forward (logits)", [("logits", logits, referenceLogits)]),
            Compare($"{label} backward (gradients)", gradients),
        ];
    }

    private static Tensor Pass(nn.Module<Tensor, Tensor> model, Tensor tokenIds, Tensor labels)
    {
        model.train();
        var logits = model.call(tokenIds);
        nn.functional.cross_entropy(logits, labels).backward();
        return logits;
    }

    // Right-padded token ids of varying lengths (one text without a token, one without padding), with repeated words.
    private static (Tensor TokenIds, Tensor Labels) Texts(int batch, int steps)
    {
        var random = new Random(Seed);
        var ids = new long[batch * steps];
        var labels = new long[batch];
        for (int text = 0; text < batch; text++)
        {
            int length = text == 0 ? 0 : text == 1 ? steps : random.Next(1, steps);
            for (int step = 0; step < length; step++)
            {
                ids[(text * steps) + step] = random.Next(1, 40) < 10 ? random.Next(1, 10) : random.Next(1, Vocabulary);
            }

            labels[text] = text % Classes;
        }

        return (tensor(ids, [batch, steps]), tensor(labels));
    }

    private static Tensor Leaf(Tensor value, ScalarType type) => value.to(type).detach().requires_grad_();

    private static Tensor Dense(Tensor value)
    {
        var dense = value.is_sparse ? value.to_dense() : value;
        return dense.detach().to(ScalarType.Float64);
    }

    private static string TorchSharpVersion()
    {
        var assembly = typeof(torch).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";

        // Drops the source revision that informational versions carry after a '+'.
        int revision = version.IndexOf('+', StringComparison.Ordinal);
        return revision < 0 ? version : version[..revision];
    }
}
