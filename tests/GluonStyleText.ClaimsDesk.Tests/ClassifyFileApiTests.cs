using System.Net;
using System.Text;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary><c>POST /api/classify/file</c>: the results file, and each bad upload as a problem response.</summary>
[Collection(DeskCollection.Name)]
public sealed class ClassifyFileApiTests(TinyModelFixture model) : IDisposable
{
    private readonly DeskFactory _desk = DeskFactory.WithModel(model, more: ("MaxUploadMegabytes", "1"));

    public void Dispose() => _desk.Dispose();

    [Fact]
    public async Task AGoodFileComesBackWithEveryColumnForExcel()
    {
        var csv = "claim_id,description,branch\nC1,smoke in the kitchen,north\nC2,\"=HYPERLINK(\"\"http://x\"\") car stolen\",south\n";

        var response = await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("claims.csv", csv));

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("claim_id,description,branch,prediction,probability,label_2,probability_2,label_3,probability_3,needs_review,error", lines[0]);
        Assert.StartsWith("C1,smoke in the kitchen,north,fire,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("C2,\"'=HYPERLINK(", lines[2], StringComparison.Ordinal);
        Assert.Equal("2", response.Headers.GetValues("X-Rows-Read").Single());
    }

    [Fact]
    public async Task ARowThatIsNotUtf8GetsItsLineInTheErrorColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("claim_id,description\nC1,smoke\nC2,bad ").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes(" leak\n")).ToArray();

        var response = await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.File("claims.csv", bytes));

        response.EnsureSuccessStatusCode();
        Assert.Equal("1", response.Headers.GetValues("X-Rows-Rejected").Single());
        Assert.Contains("line 3: invalid UTF-8: byte 0xFF", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderThatIsNotUtf8IsUnprocessableWithItsLine()
    {
        var bytes = new byte[] { (byte)'i', (byte)'d', (byte)',', 0xFF, (byte)'\n', (byte)'1', (byte)',', (byte)'a', (byte)'\n' };

        var response = await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.File("claims.csv", bytes));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "The file cannot be read", "claims.csv line 1: the header is not valid UTF-8");
    }

    [Fact]
    public async Task AmountsStayNumbersForExcelAndPlainGivesProgramsTheCellsAsTheyWere()
    {
        var csv = "claim_id,amount,description\nC1,-120.50,smoke in the kitchen\nC2,=1+2,car stolen\n";

        var excel = await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("claims.csv", csv));
        var form = Uploads.Csv("claims.csv", csv);
        form.Add(new StringContent("plain"), "format");
        var plain = await _desk.CreateClient().PostAsync("/api/classify/file", form);

        var excelLines = Encoding.UTF8.GetString((await excel.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n");
        Assert.StartsWith("C1,-120.50,smoke in the kitchen,fire,", excelLines[1], StringComparison.Ordinal);
        Assert.StartsWith("C2,'=1+2,car stolen,", excelLines[2], StringComparison.Ordinal);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, plainBytes[0]);
        var plainLines = Encoding.UTF8.GetString(plainBytes).Split("\r\n");
        Assert.StartsWith("C2,=1+2,car stolen,", plainLines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data", "cut", 0)]
    [InlineData("multipart/form-data; boundary=other", "cut", 0)]
    [InlineData("multipart/form-data; boundary=\"\"", "cut", 0)]
    // Past the multipart reader's limits: a boundary over 70 characters, a part header over 16 KB, over 16 headers.
    [InlineData("multipart/form-data; boundary=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 0)]
    [InlineData("multipart/form-data; boundary=cut", "cut", 20_000)]
    [InlineData("multipart/form-data; boundary=cut", "cut", -20)]
    public async Task AMalformedMultipartBodyIsABadRequest(string contentType, string boundary, int extraHeader)
    {
        var extra = extraHeader > 0 ? $"X-Long: {new string('x', extraHeader)}\r\n"
            : extraHeader < 0 ? string.Concat(Enumerable.Range(0, -extraHeader).Select(i => $"X-H{i}: v\r\n"))
            : "";
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"claims.csv\"\r\n{extra}Content-Type: text/csv\r\n\r\nid,description\n1,burn\r\n--{boundary}--\r\n"));
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _desk.CreateClient().PostAsync("/api/classify/file", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AFileThatIsNotCsvByNameIsUnsupported() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("claims.xlsx", "a,b\n1,2\n")),
            HttpStatusCode.UnsupportedMediaType, "Not a CSV file", "'claims.xlsx' is not a CSV file");

    [Fact]
    public async Task ASpreadsheetRenamedToCsvIsUnsupported() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.File("claims.csv", [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0])),
            HttpStatusCode.UnsupportedMediaType, "Not a CSV file", "binary data");

    [Fact]
    public async Task AnEmptyFileIsABadRequest() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("claims.csv", "")),
            HttpStatusCode.BadRequest, "Empty file", "'claims.csv' is empty");

    [Fact]
    public async Task AHeaderWithoutRowsIsABadRequest() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("claims.csv", "claim_id,description\n")),
            HttpStatusCode.BadRequest, "No rows");

    [Fact]
    public async Task AMissingColumnIsNamedWithTheColumnsThereAre() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("claims.csv", "id,text\n1,smoke\n")),
            HttpStatusCode.UnprocessableEntity, "Missing column", "'claims.csv' has no column 'description'; its columns are 'id', 'text'");

    [Fact]
    public async Task NoColumnChosenIsABadRequest() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("claims.csv", "id,text\n1,smoke\n", textColumn: null)),
            HttpStatusCode.BadRequest, "Missing column", "Choose the column");

    [Fact]
    public async Task AFileOverTheLimitIsTooLarge()
    {
        var big = "id,description\n" + string.Concat(Enumerable.Repeat("1,smoke in the kitchen after the night\n", 40_000));

        var response = await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("claims.csv", big));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "File too large", "limit of 1 MB");
        Assert.Empty(Directory.GetFiles(Path.Combine(DataFolder(), "uploads")));
    }

    // The endpoint declares multipart/form-data (for OpenAPI), so routing itself refuses other bodies.
    [Fact]
    public async Task NotMultipartIsUnsupported() =>
        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsync("/api/classify/file", new StringContent("id,description\n1,a\n", Encoding.UTF8, "text/csv")),
            HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type");

    [Fact]
    public async Task NoFileIsABadRequest()
    {
        using var form = new MultipartFormDataContent { { new StringContent("description"), "textColumn" } };

        await ProblemAssert.IsProblemAsync(await _desk.CreateClient().PostAsync("/api/classify/file", form), HttpStatusCode.BadRequest, "No file");
    }

    [Fact]
    public async Task AnUploadKeepsNoTraceOfTheClerksFileName()
    {
        (await _desk.CreateClient().PostAsync("/api/classify/file", Uploads.Csv("../../escape.csv", "id,description\n1,smoke\n"))).EnsureSuccessStatusCode();

        var stored = Assert.Single(Directory.GetFiles(Path.Combine(DataFolder(), "uploads")));
        Assert.Matches("^[0-9a-f]{32}\\.csv$", Path.GetFileName(stored));
        Assert.False(File.Exists(Path.Combine(DataFolder(), "..", "escape.csv")));
    }

    private string DataFolder()
    {
        _ = _desk.Server;
        return _desk.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ClaimsDesk:DataFolder"]!;
    }
}
