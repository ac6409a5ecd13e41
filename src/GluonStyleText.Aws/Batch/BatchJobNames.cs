using System.Text.RegularExpressions;
using GluonStyleText.Aws.Configuration;

namespace GluonStyleText.Aws.Batch;

/// <summary>Valid AWS Batch job names: up to 128 letters, digits, hyphens and underscores, starting with a letter or digit.</summary>
internal static partial class BatchJobNames
{
    /// <summary>The longest job name AWS Batch accepts.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Derives a valid, deterministic job name: <paramref name="readableText"/> with other
    /// characters replaced by hyphens (shortened if needed), then a 16-hex-digit SHA-256 hash of
    /// the text and <paramref name="uniqueParts"/>. The same input always gives the same name, so
    /// an S3 event delivered twice (bucket, key, ETag) maps to the same job name.
    /// </summary>
    /// <param name="readableText">Text that makes the name recognisable, such as <c>predict-claims-2024-05.csv</c>.</param>
    /// <param name="uniqueParts">Everything that identifies the job, such as bucket, key and ETag.</param>
    /// <returns>A name such as <c>predict-claims-2024-05-csv-3f2a9c0d1e4b5a67</c>.</returns>
    public static string Create(string readableText, params string[] uniqueParts) =>
        ResourceNames.Create(readableText, uniqueParts, MaxLength, character => character is '-' or '_');

    /// <summary>Whether <paramref name="name"/> is a valid AWS Batch job name.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns>True when AWS Batch accepts the name.</returns>
    public static bool IsValid(string? name) => name is { Length: >= 1 and <= MaxLength } && JobName().IsMatch(name);

    /// <summary>Throws an <see cref="ArgumentException"/> explaining why <paramref name="name"/> is not a valid job name.</summary>
    /// <param name="name">The name to check.</param>
    public static void Validate(string? name)
    {
        if (IsValid(name))
        {
            return;
        }

        throw new ArgumentException(
            $"'{name}' is not a valid AWS Batch job name: it must be 1 to {MaxLength} letters, digits, hyphens or underscores, " +
            $"starting with a letter or digit (was {name?.Length ?? 0} characters). {nameof(BatchJobNames)}.{nameof(Create)} derives a valid name from any text.",
            nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*\\z")]
    private static partial Regex JobName();
}
