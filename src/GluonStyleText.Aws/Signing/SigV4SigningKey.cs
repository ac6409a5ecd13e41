using System.Security.Cryptography;
using System.Text;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// Task 3 of Signature Version 4: the signing key, derived from the secret key by a chain of
/// HMAC-SHA256 over the scope's date, region, service and the terminator <c>aws4_request</c>.
/// </summary>
internal static class SigV4SigningKey
{
    /// <summary>The last element of every credential scope.</summary>
    public const string Terminator = "aws4_request";

    /// <summary>Derives the key for one day, region and service.</summary>
    /// <param name="secretKey">The secret access key.</param>
    /// <param name="date">The scope date, <c>yyyyMMdd</c>.</param>
    /// <param name="region">The region, such as <c>eu-west-1</c>.</param>
    /// <param name="service">The signing name of the service, such as <c>batch</c>.</param>
    public static byte[] Derive(string secretKey, string date, string region, string service)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { date, region, service, Terminator })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return key;
    }
}
