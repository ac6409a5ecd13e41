namespace GluonStyleText.Aws.Storage;

/// <summary>An object found by <see cref="S3FileStore.ListAsync"/>.</summary>
/// <param name="Location">Where the object is.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="ETag">The object's entity tag, without quotes.</param>
public sealed record S3ObjectInfo(S3Location Location, long Size, string ETag);
