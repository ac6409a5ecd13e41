using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GluonStyleText.Aws.Storage;

/// <summary>
/// An S3 object or key prefix, written <c>s3://bucket/key</c> as in the AWS CLI. The key is kept
/// verbatim (no URL decoding): <c>s3://b/red flower.csv</c> names the key <c>red flower.csv</c>.
/// </summary>
public sealed record S3Location
{
    private const string Scheme = "s3://";
    private const int MaxKeyBytes = 1024;

    /// <summary>Creates a location, checking the bucket name against S3's naming rules.</summary>
    /// <param name="bucket">Bucket name: 3-63 lowercase letters, digits, dots and hyphens.</param>
    /// <param name="key">Object key or prefix; empty means the whole bucket.</param>
    public S3Location(string bucket, string key)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(key);
        if (BucketNameProblem(bucket) is { } bucketProblem)
        {
            throw new ArgumentException($"{Format(bucket, key)}: {bucketProblem}.", nameof(bucket));
        }

        if (KeyProblem(key) is { } keyProblem)
        {
            throw new ArgumentException($"{Format(bucket, key)}: {keyProblem}.", nameof(key));
        }

        Bucket = bucket;
        Key = key;
    }

    /// <summary>The bucket name.</summary>
    public string Bucket { get; }

    /// <summary>The object key or prefix, possibly empty.</summary>
    public string Key { get; }

    /// <summary>The last segment of the key (after the last <c>/</c>), e.g. the file name.</summary>
    public string Name => Key[(Key.LastIndexOf('/') + 1)..];

    /// <summary>Parses <c>s3://bucket/key</c> (or <c>s3://bucket</c>); the error names the text and what is wrong.</summary>
    /// <param name="text">The location, e.g. <c>s3://claims/models/latest.zip</c>.</param>
    /// <exception cref="FormatException">The text is not an S3 location.</exception>
    public static S3Location Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var location, out var problem)
            ? location
            : throw new FormatException($"'{text}' is not an S3 location: {problem}.");
    }

    /// <summary>Parses <c>s3://bucket/key</c>; false when the text is not an S3 location.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="location">The location, when the text is one.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out S3Location? location) =>
        TryParse(text, out location, out _);

    /// <summary>This location with <paramref name="relativeKey"/> appended after a <c>/</c> (none is doubled).</summary>
    /// <param name="relativeKey">Key below this one, using <c>/</c> as the separator.</param>
    public S3Location Append(string relativeKey)
    {
        ArgumentNullException.ThrowIfNull(relativeKey);
        relativeKey = relativeKey.TrimStart('/');
        return new S3Location(Bucket, AsPrefix().Key + relativeKey);
    }

    /// <summary>
    /// This location as a folder-like prefix: the key with a trailing <c>/</c>, so that
    /// <c>models/run1</c> does not also match <c>models/run10</c>. The bucket root stays empty.
    /// </summary>
    public S3Location AsPrefix() =>
        Key.Length == 0 || Key.EndsWith('/') ? this : new S3Location(Bucket, Key + "/");

    /// <summary>The location as <c>s3://bucket/key</c>.</summary>
    public override string ToString() => Format(Bucket, Key);

    private static string Format(string bucket, string key) => $"{Scheme}{bucket}/{key}";

    private static bool TryParse(
        [NotNullWhen(true)] string? text, [NotNullWhen(true)] out S3Location? location, [NotNullWhen(false)] out string? problem)
    {
        location = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "it is empty; expected s3://bucket/key";
            return false;
        }

        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            problem = "expected s3://bucket/key";
            return false;
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..];
        problem = BucketNameProblem(bucket) ?? KeyProblem(key);
        if (problem is not null)
        {
            return false;
        }

        location = new S3Location(bucket, key);
        return true;
    }

    // S3's bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
    private static string? BucketNameProblem(string bucket)
    {
        if (bucket.Length == 0)
        {
            return "the bucket name is missing; expected s3://bucket/key";
        }

        if (bucket.Length is < 3 or > 63)
        {
            return $"bucket name '{bucket}' must be 3 to 63 characters long";
        }

        foreach (var c in bucket)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
            {
                return $"bucket name '{bucket}' may contain only lowercase letters, digits, dots and hyphens (found '{c}')";
            }
        }

        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            return $"bucket name '{bucket}' must begin and end with a letter or digit";
        }

        return bucket.Contains("..", StringComparison.Ordinal) ? $"bucket name '{bucket}' must not contain '..'" : null;
    }

    private static string? KeyProblem(string key) =>
        Encoding.UTF8.GetByteCount(key) > MaxKeyBytes ? $"key is longer than S3's {MaxKeyBytes} UTF-8 bytes" : null;
}
