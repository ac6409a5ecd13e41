using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GluonStyleText.Samples.ClaimsDesk.Hosting;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>Models, OpenAPI, the active model across a restart, and the desk's security.</summary>
[Collection(DeskCollection.Name)]
public sealed class DeskApiTests(TinyModelFixture model)
{
    [Fact]
    public async Task ModelsListsTheActiveModel()
    {
        using var desk = DeskFactory.WithModel(model);

        using var json = JsonDocument.Parse(await desk.CreateClient().GetStringAsync("/api/models"));

        var only = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("claims-model", only.GetProperty("name").GetString());
        Assert.True(only.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task OpenApiDescribesTheThreeEndpoints()
    {
        using var desk = DeskFactory.WithModel(model);

        var document = await desk.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/classify\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/classify/file\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/models\"", document, StringComparison.Ordinal);
        Assert.DoesNotContain("/desk/", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheActiveModelSurvivesARestart()
    {
        var data = model.NewDataFolder();
        var second = Path.Combine(model.Folder, "two-models");
        Directory.CreateDirectory(second);
        File.Copy(model.BundlePath, Path.Combine(second, "alpha.zip"), overwrite: true);
        File.Copy(model.BundlePath, Path.Combine(second, "beta.zip"), overwrite: true);
        using (var desk = new DeskFactory(new Dictionary<string, string?> { ["Model"] = second, ["DataFolder"] = data, ["TrainingConfig"] = model.TrainingConfig }))
        {
            Assert.Equal("alpha", await ActiveAsync(desk));
            var active = desk.Services.GetRequiredService<GluonStyleText.Samples.ClaimsDesk.Models.ActiveModel>();
            Assert.True(active.Activate("beta"));
        }

        using var restarted = new DeskFactory(new Dictionary<string, string?> { ["Model"] = second, ["DataFolder"] = data, ["TrainingConfig"] = model.TrainingConfig });
        Assert.Equal("beta", await ActiveAsync(restarted));
        Assert.Empty(Directory.GetFiles(data, "*.tmp"));
    }

    [Fact]
    public async Task DeskCallsWithoutTheAntiforgeryTokenAreRefused()
    {
        using var desk = DeskFactory.WithModel(model);

        var response = await desk.CreateClient().PostAsync("/desk/uploads", Uploads.Csv("claims.csv", "id,description\n1,smoke\n"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "Page expired");
    }

    [Theory]
    [InlineData("/desk/models/..%2F..%2Fetc/confusion-matrix.png")]
    [InlineData("/desk/models/claims-model%2F..%2F..%2Fkeys/confusion-matrix.png")]
    [InlineData("/desk/batch/..%2Fmodels/download")]
    public async Task NamesFromTheRequestNeverReachAPath(string url)
    {
        using var desk = DeskFactory.WithModel(model);

        var response = await desk.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WithAnApiKeyEveryCallNeedsIt()
    {
        using var desk = DeskFactory.WithModel(model, more: ("ApiKey", "s3cret"));
        var client = desk.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/models"), HttpStatusCode.Unauthorized, "API key required", "X-Api-Key");
        Assert.Equal("/login", (await client.GetAsync("/")).Headers.Location?.OriginalString);
        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");
        (await client.GetAsync("/api/models")).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", null, true)]
    [InlineData("http://localhost:5080", null, true)]
    [InlineData("http://[::1]:5080", null, true)]
    [InlineData("http://0.0.0.0:5080", null, false)]
    [InlineData("http://*:5080", null, false)]
    [InlineData("http://192.168.1.20:5080", null, false)]
    [InlineData("http://0.0.0.0:5080", "key", true)]
    public void ListeningBeyondLoopbackNeedsAnApiKey(string urls, string? key, bool allowed)
    {
        if (allowed)
        {
            Assert.Equal(urls, ListenAddresses.Resolve(urls, key));
        }
        else
        {
            Assert.Contains("--api-key", Assert.Throws<InvalidOperationException>(() => ListenAddresses.Resolve(urls, key)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ByDefaultTheDeskListensOnLoopback() => Assert.Equal("http://127.0.0.1:5080", ListenAddresses.Resolve(null, null));

    private static async Task<string?> ActiveAsync(DeskFactory desk)
    {
        var models = await desk.CreateClient().GetFromJsonAsync<JsonElement>("/api/models");
        return models.EnumerateArray().Single(m => m.GetProperty("active").GetBoolean()).GetProperty("name").GetString();
    }
}
