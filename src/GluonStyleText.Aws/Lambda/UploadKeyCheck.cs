using System.Globalization;
using System.Text;
using GluonStyleText.Aws.Batch;

namespace GluonStyleText.Aws.Lambda;

/// <summary>
/// Keys the function refuses to start a job for, and why: a job whose output key would exceed
/// S3's 1,024-byte limit fails only after classifying the whole file; <c>.</c> and <c>..</c>
/// segments mean different files to S3 and to tools that copy results to disk; control and
/// bidirectional-formatting characters make a key display as another one in logs and consoles.
/// </summary>
internal static class UploadKeyCheck
{
    /// <summary>S3's limit on a key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Why the key is refused, or null when a job can run for it.</summary>
    public static string? Problem(string key)
    {
        // The manifest's key is the longest the job writes.
        var longest = BatchPredictionJobOutputNames.ManifestKey(key);
        var bytes = Encoding.UTF8.GetByteCount(longest);
        if (bytes > MaxKeyBytes)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"key too long: its result key {longest[^40..]}... would be {bytes} UTF-8 bytes, over S3's {MaxKeyBytes}; shorten the key by {bytes - MaxKeyBytes} bytes");
        }

        if (key.Split('/').FirstOrDefault(segment => segment is "." or "..") is { } dots)
        {
            return $"key has a '{dots}' path segment";
        }

        foreach (var rune in key.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return string.Create(CultureInfo.InvariantCulture, $"key has control character U+{rune.Value:X4}");
            }

            if (IsBidiControl(rune.Value))
            {
                return string.Create(CultureInfo.InvariantCulture, $"key has bidirectional formatting character U+{rune.Value:X4}");
            }
        }

        return null;
    }

    // ALM, LRM, RLM, the embeddings and overrides (LRE..RLO), the isolates (LRI..PDI).
    private static bool IsBidiControl(int c) =>
        c is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
