using GluonStyleText.Data;
using GluonStyleText.Tests.Support;

namespace GluonStyleText.Tests.Data;

public sealed class AtomicFileLeftoverTests
{
    [Fact]
    public void DeletesTheTemporaryFilesAndFoldersOfKilledWritersAndNothingElse()
    {
        using var folder = new TemporaryDirectory();
        var finished = folder.Combine("model.zip");
        File.WriteAllText(finished, "whole");
        AtomicFile.WriteText(folder.Combine("report.md"), "whole");
        var killedFile = folder.Combine($"model.zip.tmp-{Guid.NewGuid():N}");
        File.WriteAllText(killedFile, "half");
        var killedFolder = Directory.CreateDirectory(folder.Combine($"model.tmp-{Guid.NewGuid():N}")).FullName;
        File.WriteAllText(Path.Combine(killedFolder, "weights.pt"), "half");
        var lookalike = folder.Combine("notes.tmp-draft");
        File.WriteAllText(lookalike, "someone's");

        var deleted = AtomicFile.DeleteLeftovers(folder.Path);

        Assert.Equal(new[] { killedFile, killedFolder }.Order(StringComparer.Ordinal), deleted.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(["model.zip", "notes.tmp-draft", "report.md"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(AtomicFile.DeleteLeftovers(folder.Combine("absent")));
    }
}
