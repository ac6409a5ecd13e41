namespace GluonStyleText.Models;

/// <summary>
/// What the machine check says about the processor: its name, family and cache, and the vector extensions that
/// decide which of libtorch's (oneDNN's) kernels run. The failures it exists for were tied to one CPU family
/// (AMD Zen 5) and to a virtual CPU that reported no cache sizes, so these are the facts a report must carry.
/// </summary>
/// <param name="Model">The model name, e.g. <c>AMD EPYC 9R45</c>; <c>unknown</c> where the system does not say.</param>
/// <param name="Family">Vendor, family, model and stepping, e.g. <c>AuthenticAMD family 26 model 2 stepping 1</c>; <c>unknown</c> where the system does not say.</param>
/// <param name="Cache">The cache size the CPU reports, e.g. <c>1024 KB</c>, or <c>not reported</c>.</param>
/// <param name="VectorExtensions">Which of the extensions oneDNN chooses kernels by the CPU has, e.g. <c>avx2 avx512f</c>; empty where unknown or none.</param>
internal sealed record CpuDescription(string Model, string Family, string Cache, string VectorExtensions)
{
    private const string Unknown = "unknown";

    // The extensions whose presence switches oneDNN and MKL to other kernels.
    private static readonly string[] KernelChoosingFlags = ["avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile"];

    /// <summary>The calling machine's processor: from <c>/proc/cpuinfo</c> on Linux, unknown elsewhere.</summary>
    public static CpuDescription OfThisMachine()
    {
        const string cpuInfo = "/proc/cpuinfo";
        try
        {
            return OperatingSystem.IsLinux() && File.Exists(cpuInfo) ? FromCpuInfo(File.ReadAllText(cpuInfo)) : NotKnown();
        }
        catch (IOException)
        {
            return NotKnown();
        }
        catch (UnauthorizedAccessException)
        {
            return NotKnown();
        }
    }

    /// <summary>Reads the first processor's block of <c>/proc/cpuinfo</c> text (all cores of a machine are alike).</summary>
    /// <param name="text">The file's content.</param>
    internal static CpuDescription FromCpuInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (fields.Count > 0)
                {
                    break;
                }

                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        string? Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var family = new[] { Field("vendor_id"), Prefixed("family", Field("cpu family")), Prefixed("model", Field("model")), Prefixed("stepping", Field("stepping")) }
            .Where(part => part is not null)
            .ToList();

        // ARM kernels name no model; their implementer and part numbers identify the core.
        if (family.Count == 0)
        {
            family = new[] { Prefixed("implementer", Field("CPU implementer")), Prefixed("part", Field("CPU part")) }.Where(part => part is not null).ToList();
        }

        var flags = (Field("flags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new CpuDescription(
            Field("model name") ?? Unknown,
            family.Count > 0 ? string.Join(' ', family) : Unknown,
            Field("cache size") ?? "not reported",
            string.Join(' ', KernelChoosingFlags.Where(flags.Contains)));
    }

    private static string? Prefixed(string label, string? value) => value is null ? null : $"{label} {value}";

    private static CpuDescription NotKnown() => new(Unknown, Unknown, "not reported", "");
}
