using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Hosting;

/// <summary>
/// When an API key is set, every request must carry it: other applications in the <c>X-Api-Key</c> header, a
/// clerk's browser in the cookie the login page sets. Without a key (loopback only) this does nothing.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<DeskOptions> options)
{
    public const string HeaderName = "X-Api-Key";
    public const string CookieName = "claimsdesk-key";

    public async Task InvokeAsync(HttpContext context)
    {
        var key = options.Value.ApiKey;
        var path = context.Request.Path;
        if (string.IsNullOrEmpty(key) || path.StartsWithSegments("/login") || path.StartsWithSegments("/desk.css")
            || Matches(context.Request.Headers[HeaderName].FirstOrDefault(), key) || Matches(context.Request.Cookies[CookieName], key))
        {
            await next(context);
            return;
        }

        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/desk"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await Results.Problem(statusCode: 401, title: "API key required", detail: $"Send the desk's API key in the {HeaderName} header.").ExecuteAsync(context);
            return;
        }

        context.Response.Redirect("/login");
    }

    /// <summary>Compares in constant time, so that the key cannot be guessed a character at a time from response times.</summary>
    public static bool Matches(string? given, string key) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
}
