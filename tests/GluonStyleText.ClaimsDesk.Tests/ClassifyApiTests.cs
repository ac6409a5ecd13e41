using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary><c>POST /api/classify</c>: answers, and every bad request as a problem response.</summary>
[Collection(DeskCollection.Name)]
public sealed class ClassifyApiTests(TinyModelFixture model) : IDisposable
{
    private readonly DeskFactory _desk = DeskFactory.WithModel(model);

    public void Dispose() => _desk.Dispose();

    [Fact]
    public async Task OneTextGetsItsCategoryAndTheNextTwoCandidates()
    {
        var response = await _desk.CreateClient().PostAsJsonAsync("/api/classify", new { text = "smoke in the kitchen after the night" });

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = json.RootElement.GetProperty("results")[0];
        Assert.Equal("fire", result.GetProperty("category").GetString());
        Assert.Equal(3, result.GetProperty("candidates").GetArrayLength());
        Assert.Equal("claims-model", json.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task ManyTextsAreAnsweredInOrder()
    {
        var response = await _desk.CreateClient().PostAsJsonAsync("/api/classify", new { texts = new[] { "the car was stolen", "a leak in the unit" } });

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["theft", "water"], json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task AnEmptyTextIsABadRequest() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsJsonAsync("/api/classify", new { texts = new[] { "smoke", " " } }),
            HttpStatusCode.BadRequest, "Empty text", "Text 2 is empty");

    [Fact]
    public async Task NoTextIsABadRequest() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsJsonAsync("/api/classify", new { }), HttpStatusCode.BadRequest, "No text");

    [Fact]
    public async Task ATextOverTheLimitIsABadRequest() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsJsonAsync("/api/classify", new { text = new string('a', 100_001) }),
            HttpStatusCode.BadRequest, "Text too long", "100,001 characters");

    [Fact]
    public async Task TooManyTextsAreABadRequest() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsJsonAsync("/api/classify", new { texts = Enumerable.Repeat("smoke", 1001) }),
            HttpStatusCode.BadRequest, "Too many texts", "at most 1000");

    [Fact]
    public async Task MalformedJsonIsABadRequestThatSaysSo()
    {
        var response = await _desk.CreateClient().PostAsync("/api/classify", new StringContent("{\"text\": ", System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "Bad request", "JSON");
    }

    [Fact]
    public async Task WithoutAModelTheDeskSaysHowToGetOne()
    {
        using var desk = new DeskFactory(new Dictionary<string, string?> { ["DataFolder"] = model.NewDataFolder(), ["TrainingConfig"] = model.TrainingConfig });

        var response = await desk.CreateClient().PostAsJsonAsync("/api/classify", new { text = "smoke" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "No model", "train one");
    }
}
