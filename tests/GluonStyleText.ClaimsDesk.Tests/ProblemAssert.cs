using System.Net;
using System.Text.Json;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>Checks an RFC 7807 answer: its status, content type, title, and words in its detail; never a stack trace.</summary>
internal static class ProblemAssert
{
    public static async Task<string> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title, string? detailContains = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(title, json.RootElement.GetProperty("title").GetString());
        var detail = json.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, detail, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), body, StringComparison.Ordinal);
        return detail;
    }
}
