using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>A desk whose active model cannot be loaded still starts, and says why.</summary>
[Collection(DeskCollection.Name)]
public sealed class UnloadableModelTests(TinyModelFixture model)
{
    [Fact]
    public async Task ABundleOfANewerFormatDoesNotKeepTheDeskFromStarting()
    {
        var dataFolder = model.NewDataFolder();
        var newer = Path.Combine(dataFolder, "newer-model.zip");
        File.Copy(model.BundlePath, newer);
        using (var zip = ZipFile.Open(newer, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("bundle.json")!;
            JsonNode manifest;
            using (var reader = new StreamReader(entry.Open()))
            {
                manifest = JsonNode.Parse(reader.ReadToEnd())!;
            }

            manifest["format_version"] = 99;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("bundle.json").Open());
            writer.Write(manifest.ToJsonString());
        }

        using var desk = new DeskFactory(new Dictionary<string, string?> { ["Model"] = newer, ["DataFolder"] = dataFolder, ["TrainingConfig"] = model.TrainingConfig });
        var client = desk.CreateClient();

        var page = await client.GetStringAsync("/");
        Assert.Contains("The active model &#x27;newer-model&#x27; could not be loaded", page, StringComparison.Ordinal);
        Assert.Contains("format version 99 is not supported", page, StringComparison.Ordinal);
        var classify = await client.PostAsync("/api/classify", JsonContent.Create(new { text = "burn damage" }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, classify.StatusCode);
    }
}
