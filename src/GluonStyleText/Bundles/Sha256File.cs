using System.Security.Cryptography;

namespace GluonStyleText.Bundles;

/// <summary>SHA-256 of files, as lower-case hex.</summary>
internal static class Sha256File
{
    public static string Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
