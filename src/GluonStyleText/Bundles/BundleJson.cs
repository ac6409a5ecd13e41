using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GluonStyleText.Bundles;

/// <summary>How the manifest and the metrics are written and read.</summary>
internal static class BundleJson
{
    /// <summary>
    /// Indented, and NaN and infinities written as the strings "NaN", "Infinity" and "-Infinity":
    /// a diverged run's metrics are worth keeping, and plain JSON has no number for them.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // Keeps "0.1.0+abc" and labels of every script readable; the files are never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
