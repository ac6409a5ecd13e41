using System.Text;
using System.Text.RegularExpressions;
using GluonStyleText.Prediction;
using Microsoft.Playwright;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>The desk as a clerk uses it, in Chromium against the real app with a real tiny model; each page is photographed for the README.</summary>
[Collection(DeskCollection.Name)]
public sealed partial class BrowserTests(TinyModelFixture model, BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const double ReviewBelow = 0.9;
    private readonly string _files = Directory.CreateDirectory(Path.Combine(model.Folder, "browser-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [Fact]
    public async Task PasteAClaimAndSeeItsCategory()
    {
        await using var desk = await StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(desk.Url("/"));
        await page.FillAsync("#text", "thick smoke in the kitchen after the night");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal("fire", await page.Locator("#category").TextContentAsync());
        Assert.Equal(2, await page.Locator("ol.candidates li").CountAsync());
        Assert.Equal("thick smoke in the kitchen after the night", await page.Locator("#why").TextContentAsync());
        Assert.Equal(["smoke"], await page.Locator("#why mark.supports").AllTextContentsAsync());
        await ScreenshotAsync(page, "claims-desk-classify.png");

        await page.FillAsync("#text", "   ");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("The text is empty", await page.Locator(".error").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadFileGetsAClearMessage()
    {
        await using var desk = await StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(desk.Url("/batch"));

        await page.SetInputFilesAsync("#file", Write("notes.txt", "just some notes"));
        Assert.Contains("'notes.txt' is not a CSV file", await VisibleErrorAsync(page), StringComparison.Ordinal);

        await page.SetInputFilesAsync("#file", Write("empty.csv", ""));
        Assert.Contains("'empty.csv' is empty", await VisibleErrorAsync(page), StringComparison.Ordinal);

        await page.SetInputFilesAsync("#file", WriteBytes("header.csv", [(byte)'i', (byte)'d', (byte)',', 0xFF, (byte)'\n', (byte)'1', (byte)',', (byte)'a', (byte)'\n']));
        Assert.Contains("header.csv line 1: the header is not valid UTF-8", await VisibleErrorAsync(page), StringComparison.Ordinal);
        await ScreenshotAsync(page, "claims-desk-bad-file.png");
    }

    [Fact]
    public async Task ARowThatIsNotUtf8IsShownWithItsLine()
    {
        await using var desk = await StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(desk.Url("/batch"));
        var broken = Encoding.UTF8.GetBytes("claim_id,description\nC1,smoke in the kitchen\nC2,a leak ").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(" under the sink\nC3,car stolen at night\n")).ToArray();

        await page.SetInputFilesAsync("#file", WriteBytes("broken.csv", broken));
        await ColumnsOfferedAsync(page);
        await page.ClickAsync("form.run button[type=submit]");
        await page.WaitForURLAsync(BatchResultUrl());

        var errors = await page.Locator("#row-errors").TextContentAsync();
        Assert.Contains("1 row(s) could not be classified", errors, StringComparison.Ordinal);
        Assert.Contains("line 3: invalid UTF-8: byte 0xE9", errors, StringComparison.Ordinal);
        await ScreenshotAsync(page, "claims-desk-broken-row.png");
    }

    [Fact]
    public async Task ClassifyAFileFilterTheOnesThatNeedReviewAndDownloadThem()
    {
        await using var desk = await StartAsync();
        var page = await browser.NewPageAsync();
        var input = Write("march-claims.csv", ClaimsData.UnlabeledCsv(30_000, seed: 3));
        await page.GotoAsync(desk.Url("/batch"));

        await page.SetInputFilesAsync("#file", input);
        await ColumnsOfferedAsync(page);
        Assert.Equal("description", await page.Locator("#textColumn").InputValueAsync());
        await page.ClickAsync("form.run button[type=submit]");
        await page.Locator(".progress").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await ScreenshotAsync(page, "claims-desk-batch-progress.png");
        await page.WaitForURLAsync(BatchResultUrl());

        Assert.Contains("30,000 rows classified", await page.Locator("#summary").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("table.counts tbody tr").CountAsync());
        await ScreenshotAsync(page, "claims-desk-batch-results.png", fullPage: false);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.Equal("march-claims_classified.csv", download.SuggestedFilename);
        var downloaded = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(await ExpectedResultsAsync(input), downloaded);

        await page.ClickAsync("#review-filter");
        var shown = await page.Locator("#rows tbody tr").CountAsync();
        var flagged = Encoding.UTF8.GetString(downloaded).Split("\r\n").Skip(1).Take(2000).Count(line => line.EndsWith(",true,", StringComparison.Ordinal));
        Assert.True(flagged > 0, "some vague claims should need review");
        Assert.Equal(flagged, shown);
        Assert.Equal(shown, await page.Locator("#rows tbody tr.review").CountAsync());
        await ScreenshotAsync(page, "claims-desk-needs-review.png", fullPage: false);
    }

    [Fact]
    public async Task TrainATinyModelAndMakeItTheActiveOne()
    {
        await using var desk = await StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(desk.Url("/train"));

        // Enough rows that training outlasts a few status polls: the page must show its epochs on the way.
        await page.SetInputFilesAsync("#file", Write("claims-2025.csv", ClaimsData.LabeledCsv(1500, seed: 11)));
        await ColumnsOfferedAsync(page);
        Assert.Equal("description", await page.Locator("#textColumn").InputValueAsync());
        Assert.Equal("category", await page.Locator("#labelColumn").InputValueAsync());
        var polled = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Response += async (_, response) =>
        {
            if (response.Url.Contains("/desk/jobs/", StringComparison.Ordinal))
            {
                try
                {
                    polled.Enqueue(await response.TextAsync());
                }
                catch (PlaywrightException)
                {
                    // The page moved on to the report before this body was read.
                }
            }
        };
        await page.ClickAsync("form.run button[type=submit]");
        await page.WaitForURLAsync(TrainResultUrl());

        Assert.Contains(polled, status => EpochText().IsMatch(status));

        Assert.Equal(3, await page.Locator("#per-category tbody tr").CountAsync());
        Assert.True(await page.Locator("img.matrix").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        var name = await page.Locator("#model-name").TextContentAsync();
        await ScreenshotAsync(page, "claims-desk-training-report.png");

        await page.ClickAsync("#activate");
        Assert.Equal(name, await page.Locator("#active-model").TextContentAsync());

        await page.GotoAsync(desk.Url("/models"));
        Assert.Equal(2, await page.Locator("#models tbody tr").CountAsync());
        Assert.Contains("claims-2025.csv", await page.Locator("#models").TextContentAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "claims-desk-models.png");
    }

    [Fact]
    public async Task CancellingATrainingRunSaysWhatWasKept()
    {
        await using var desk = await StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(desk.Url("/train"));
        await page.SetInputFilesAsync("#file", Write("big-history.csv", ClaimsData.LabeledCsv(20_000, seed: 12)));
        await ColumnsOfferedAsync(page);

        await page.ClickAsync("form.run button[type=submit]");
        await page.ClickAsync(".progress .cancel");

        // Before the first epoch ends nothing is saved; after it, the best model so far is kept (the library's rule).
        var outcome = page.GetByText(CancelledText());
        await outcome.First.WaitForAsync();
        var models = await page.APIRequest.GetAsync(desk.Url("/api/models"));
        var listed = System.Text.Json.JsonDocument.Parse(await models.TextAsync()).RootElement.GetArrayLength();
        Assert.Equal((await outcome.First.TextContentAsync())!.Contains("Stopped early", StringComparison.Ordinal) ? 2 : 1, listed);
    }

    private Task<RunningDesk> StartAsync() => RunningDesk.StartAsync(model, "--review-below", ReviewBelow.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>What the library's own CSV predictor writes for the same file and settings: the download must be exactly that.</summary>
    private async Task<byte[]> ExpectedResultsAsync(string input)
    {
        using var classifier = TextClassifier.Load(model.BundlePath);
        var output = Path.Combine(_files, "expected.csv");
        await new CsvBatchPredictor(classifier, new CsvPredictionOptions { TextColumn = "description", TopK = 3, ReviewBelow = ReviewBelow, Excel = true })
            .PredictFileAsync(input, output);
        return await File.ReadAllBytesAsync(output);
    }

    /// <summary>Waits for the upload to come back with the file's columns.</summary>
    private static Task ColumnsOfferedAsync(IPage page) =>
        page.Locator("form.run fieldset.columns").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

    private static async Task<string?> VisibleErrorAsync(IPage page)
    {
        var error = page.Locator("form.run .error");
        await error.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        return await error.TextContentAsync();
    }

    // Long result tables are photographed as the window shows them; a whole 2,000-row page would be megabytes.
    private static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ImagesFolder, name), FullPage = fullPage });

    private string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(_files, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [GeneratedRegex("/batch/[0-9a-f]{32}$")]
    private static partial Regex BatchResultUrl();

    [GeneratedRegex("/train/[0-9a-f]{32}$")]
    private static partial Regex TrainResultUrl();

    [GeneratedRegex("Cancelled before the first epoch|Stopped early at your request")]
    private static partial Regex CancelledText();

    [GeneratedRegex("Epoch \\d+ of \\d+")]
    private static partial Regex EpochText();
}
