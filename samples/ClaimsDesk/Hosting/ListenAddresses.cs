using System.Net;

namespace GluonStyleText.Samples.ClaimsDesk.Hosting;

/// <summary>Where the desk listens: the loopback address unless told otherwise, and never elsewhere without an API key.</summary>
internal static class ListenAddresses
{
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>The configured <c>urls</c>, or <see cref="Default"/>.</summary>
    /// <exception cref="InvalidOperationException">An address is not loopback and no API key is set.</exception>
    public static string Resolve(string? configured, string? apiKey)
    {
        var urls = string.IsNullOrWhiteSpace(configured) ? Default : configured;
        if (string.IsNullOrEmpty(apiKey))
        {
            var open = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(url => !IsLoopback(url));
            if (open is not null)
            {
                throw new InvalidOperationException(
                    $"The desk would listen on {open}, which other machines can reach; start it with --api-key KEY (or ClaimsDesk:ApiKey) to require a key, or listen on 127.0.0.1.");
            }
        }

        return urls;
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards (*, +, 0.0.0.0) are not valid URI hosts, so they fail to parse and count as open.
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal).Replace("://+", "://wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
