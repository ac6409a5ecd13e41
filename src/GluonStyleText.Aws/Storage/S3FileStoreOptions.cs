using System.ComponentModel.DataAnnotations;

namespace GluonStyleText.Aws.Storage;

/// <summary>How <see cref="S3FileStore"/> transfers files. Validated when the store is created.</summary>
public sealed class S3FileStoreOptions
{
    private const long MiB = 1024 * 1024;

    /// <summary>Files at least this large are uploaded in parts, in parallel. Default 16 MiB.</summary>
    [Range(typeof(long), "5242880", "5368709120", ErrorMessage = "S3FileStoreOptions.MultipartThreshold must be from 5 MiB to 5 GiB.")]
    public long MultipartThreshold { get; set; } = 16 * MiB;

    /// <summary>Size of each uploaded part. Default 8 MiB; S3 accepts 5 MiB to 5 GiB and at most 10,000 parts.</summary>
    [Range(typeof(long), "5242880", "5368709120", ErrorMessage = "S3FileStoreOptions.PartSize must be from 5 MiB (S3's minimum part) to 5 GiB.")]
    public long PartSize { get; set; } = 8 * MiB;

    /// <summary>Parts of one file uploaded at the same time. Default 4.</summary>
    [Range(1, 64, ErrorMessage = "S3FileStoreOptions.ConcurrentRequests must be from 1 to 64.")]
    public int ConcurrentRequests { get; set; } = 4;
}
