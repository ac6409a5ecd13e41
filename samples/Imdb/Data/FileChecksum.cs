using System.Security.Cryptography;

namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>SHA-256 of a file, as lower-case hex.</summary>
internal static class FileChecksum
{
    /// <summary>Hashes the whole file.</summary>
    public static async Task<string> ComputeSha256Async(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }
}
