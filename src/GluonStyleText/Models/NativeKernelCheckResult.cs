using System.Globalization;

namespace GluonStyleText.Models;

/// <summary>One check of <see cref="NativeKernelCheck"/>: a computation in float32 compared with the same computation in float64.</summary>
public sealed class NativeKernelCheckResult
{
    internal NativeKernelCheckResult(string name, double error, double tolerance, string? problem)
    {
        Name = name;
        Error = error;
        Tolerance = tolerance;
        Problem = problem;
    }

    /// <summary>What was computed, e.g. <c>CNN backward (gradients)</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The largest difference between a float32 value and its float64 reference, divided by the largest reference value
    /// of the same output (a logit, a gradient): about 1e-6 on a sound machine. NaN when an output was not finite or the
    /// check could not run.
    /// </summary>
    public double Error { get; }

    /// <summary>The largest <see cref="Error"/> that passes.</summary>
    public double Tolerance { get; }

    /// <summary>Whether every output was finite and within <see cref="Tolerance"/> of the reference.</summary>
    public bool Passed => Problem is null;

    /// <summary>What went wrong, naming the output (e.g. <c>non-finite values in the logits</c>); null when the check passed.</summary>
    public string? Problem { get; }

    /// <summary>One line: pass or fail, the name, the error against the tolerance, and the problem if any.</summary>
    public override string ToString()
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{(Passed ? "ok  " : "FAIL")}  {Name,-50} error {Error:0.0e+00} (tolerance {Tolerance:0e+00})");
        return Problem is null ? line : $"{line}: {Problem}";
    }
}
