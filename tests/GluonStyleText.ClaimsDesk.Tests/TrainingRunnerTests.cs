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
        var page = await desk.CreateClient().GetStringAsync($"/train/{job.Id}");
        Assert.Contains("id=\"no-report\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("confusion-matrix.png", page, StringComparison.Ordinal);
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

    [Fact]
    public async Task StoppingTheDeskMidTrainingSavesAndListsTheBestModelFirst()
    {
        var dataFolder = model.NewDataFolder();
        var longRun = Path.Combine(dataFolder, "long-training.json");
        File.WriteAllText(longRun, TinyModelFixture.TinyTrainingJson.Replace("\"num_epoch\": 3", "\"num_epoch\": 500", StringComparison.Ordinal));
        TrainingJob job;
        string trained;
        using (var desk = DeskFactory.WithModel(model, dataFolder, ("TrainingConfig", longRun)))
        {
            var started = StartTraining(desk, ClaimsData.LabeledCsv(600, seed: 5), "description", "category");
            job = started;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (job.Epoch < 3 && job.State == JobState.Running && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.True(job.State == JobState.Running, $"the run should still be going: {job.Status} {job.Error}");
            trained = desk.Services.GetRequiredService<DataFolder>().Models;
        }

        // The host has stopped: the run was told to stop, saved its best epoch and was listed before the process could exit.
        Assert.True(job.State == JobState.Completed, job.Error ?? job.Status);
        Assert.StartsWith("Stopped early at your request", job.Status, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(trained, "*.tmp-*"));
        using var restarted = DeskFactory.WithModel(model, dataFolder);
        Assert.Contains(restarted.Services.GetRequiredService<ModelCatalog>().All, entry => entry.Name == job.Model!.Name);
    }

    [Fact]
    public void AHalfWrittenBundleLeftByAKilledDeskIsDeletedAtStart()
    {
        var dataFolder = model.NewDataFolder();
        var models = Path.Combine(dataFolder, "models");
        Directory.CreateDirectory(models);
        var leftover = Path.Combine(models, $"model-20261207-000000-abcd.zip.tmp-{Guid.NewGuid():N}");
        File.WriteAllText(leftover, "half a zip");
        var kept = Path.Combine(models, "notes.tmp-mine");
        File.WriteAllText(kept, "not ours");

        using var desk = DeskFactory.WithModel(model, dataFolder);
        _ = desk.Services.GetRequiredService<ModelCatalog>();
        desk.CreateClient();

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(kept));
    }

    private static async Task<TrainingJob> TrainAsync(DeskFactory desk, string csv, string textColumn, string labelColumn)
    {
        var job = StartTraining(desk, csv, textColumn, labelColumn);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (job.State == JobState.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return job;
    }

    private static TrainingJob StartTraining(DeskFactory desk, string csv, string textColumn, string labelColumn)
    {
        var data = desk.Services.GetRequiredService<DataFolder>();
        var path = Path.Combine(data.Root, $"upload-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        var header = csv[..csv.IndexOf('\n', StringComparison.Ordinal)].Split(',');
        var upload = new UploadedCsv(Guid.NewGuid().ToString("N"), "claims.csv", path, new FileInfo(path).Length, header);
        return desk.Services.GetRequiredService<TrainingRunner>().Start(upload, textColumn, labelColumn);
    }
}
