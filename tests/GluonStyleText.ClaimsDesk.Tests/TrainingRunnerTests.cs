using GluonStyleText.Samples.ClaimsDesk.Jobs;
using GluonStyleText.Samples.ClaimsDesk.Models;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>What a training run in the desk keeps when something after the save goes wrong, and what it refuses before.</summary>
[Collection(DeskCollection.Name)]
public sealed class TrainingRunnerTests(TinyModelFixture model)
{
    [Fact]
    public async Task AReportThatCannotBeWrittenCostsTheReportNotTheModel()
    {
        using var desk = DeskFactory.WithModel(model);
        var data = desk.Services.GetRequiredService<DataFolder>();
        // A file where the reports folder should be: writing any report fails, as on a full disk.
        Directory.Delete(data.Reports, recursive: true);
        File.WriteAllText(data.Reports, "not a folder");

        var job = await TrainAsync(desk, ClaimsData.LabeledCsv(120, seed: 4), "description", "category");

        Assert.True(job.State == JobState.Completed, job.Error ?? job.Status);
        var catalog = desk.Services.GetRequiredService<ModelCatalog>();
        var listed = Assert.Single(catalog.All, entry => entry.Name == job.Model!.Name);
        Assert.True(Directory.Exists(listed.BundlePath) || File.Exists(listed.BundlePath));
        Assert.Null(listed.ReportFolder);
    }

    [Fact]
    public async Task ALabelColumnOfIdentifiersIsRefusedWithASentenceBeforeTraining()
    {
        using var desk = DeskFactory.WithModel(model);
        var rows = string.Join("", Enumerable.Range(0, 1_200).Select(i => $"C{i:D5},burn damage number {i}\n"));

        var job = await TrainAsync(desk, "claim_id,description\n" + rows, "description", "claim_id");

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("label column 'claim_id' of ", job.Error, StringComparison.Ordinal);
        Assert.Contains("has 1,200 distinct values in 1,200 rows: is it the right column?", job.Error, StringComparison.Ordinal);
        Assert.Equal(0, job.Epoch);
    }

    private static async Task<TrainingJob> TrainAsync(DeskFactory desk, string csv, string textColumn, string labelColumn)
    {
        var data = desk.Services.GetRequiredService<DataFolder>();
        var path = Path.Combine(data.Root, $"upload-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        var header = csv[..csv.IndexOf('\n', StringComparison.Ordinal)].Split(',');
        var upload = new UploadedCsv(Guid.NewGuid().ToString("N"), "claims.csv", path, new FileInfo(path).Length, header);

        var job = desk.Services.GetRequiredService<TrainingRunner>().Start(upload, textColumn, labelColumn);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (job.State == JobState.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return job;
    }
}
