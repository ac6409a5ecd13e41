namespace GluonStyleText.Aws.Storage;

/// <summary>
/// An S3 key no longer holds the object version a caller asked for (S3 answered 412 to a read
/// conditioned on its ETag): it was overwritten since.
/// </summary>
internal sealed class S3ObjectChangedException : IOException
{
    /// <summary>Creates the exception for <paramref name="location"/>, which no longer has ETag <paramref name="expectedETag"/>.</summary>
    /// <param name="location">The object.</param>
    /// <param name="expectedETag">The ETag asked for, without quotes.</param>
    /// <param name="innerException">S3's answer.</param>
    public S3ObjectChangedException(S3Location location, string expectedETag, Exception? innerException = null)
        : base($"{location} no longer holds the object with ETag {expectedETag}: it was overwritten after the upload that started this job; the newer upload has its own job.", innerException)
    {
        Location = location;
        ExpectedETag = expectedETag;
    }

    /// <summary>The object.</summary>
    public S3Location Location { get; }

    /// <summary>The ETag asked for, without quotes.</summary>
    public string ExpectedETag { get; }
}
