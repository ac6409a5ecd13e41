using System.Text.RegularExpressions;
using GluonStyleText.Aws.Configuration;

namespace GluonStyleText.Aws.SageMaker;

/// <summary>
/// Valid SageMaker training job names: 1 to 63 letters, digits and hyphens, starting and ending
/// with a letter or digit (the API model's pattern <c>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}</c>).
/// Names must be unique in an account and region, and SageMaker keeps them after the job ends.
/// </summary>
internal static partial class TrainingJobNames
{
    /// <summary>The longest training job name SageMaker accepts.</summary>
    public const int MaxLength = 63;

    /// <summary>
    /// Derives a valid, deterministic name: <paramref name="readableText"/> with other characters
    /// replaced by hyphens (shortened to fit), then a 16-hex-digit SHA-256 hash of the text and
    /// <paramref name="uniqueParts"/>. Include something that changes between runs (a timestamp,
    /// the configuration's hash) in <paramref name="uniqueParts"/> to get a new name per run.
    /// </summary>
    /// <param name="readableText">Text that makes the name recognisable, such as <c>imdb-cnn</c>.</param>
    /// <param name="uniqueParts">Everything that identifies the run.</param>
    /// <returns>A name such as <c>imdb-cnn-3f2a9c0d1e4b5a67</c>.</returns>
    public static string Create(string readableText, params string[] uniqueParts) =>
        ResourceNames.Create(readableText, uniqueParts, MaxLength, character => character == '-');

    /// <summary>Whether <paramref name="name"/> is a valid training job name.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns>True when SageMaker accepts the name.</returns>
    public static bool IsValid(string? name) => name is { Length: >= 1 and <= MaxLength } && JobName().IsMatch(name);

    /// <summary>Throws an <see cref="ArgumentException"/> explaining why <paramref name="name"/> is not a valid training job name.</summary>
    /// <param name="name">The name to check.</param>
    public static void Validate(string? name)
    {
        if (IsValid(name))
        {
            return;
        }

        throw new ArgumentException(
            $"'{name}' is not a valid SageMaker training job name: it must be 1 to {MaxLength} letters, digits or hyphens, " +
            $"starting and ending with a letter or digit (pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){{0,62}}; was {name?.Length ?? 0} characters). " +
            $"{nameof(TrainingJobNames)}.{nameof(Create)} derives a valid name from any text.",
            nameof(name));
    }

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}\\z")]
    private static partial Regex JobName();
}
