using GluonStyleText.Aws.Tests.Fixtures;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// infra/docker/pin-base-images.sh on copies of the Dockerfiles, with a stand-in docker that
/// answers as `docker buildx imagetools inspect` does: tags get pinned, pins get moved.
/// </summary>
public sealed class PinBaseImagesScriptTests : IDisposable
{
    private const string NewDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private readonly FakeCommands _fakes = new();
    private readonly TempFolder _folder = new();

    public PinBaseImagesScriptTests()
    {
        _fakes.Add("docker", $"""[ "$1 $2 $3" = "buildx imagetools inspect" ] && echo {NewDigest}""");
        foreach (var name in new[] { "pin-base-images.sh", "Dockerfile", "Dockerfile.cuda" })
        {
            File.Copy(RepositoryPaths.File($"infra/docker/{name}"), _folder.Combine(name));
        }
    }

    [Fact]
    public void EveryBaseImageIsPinnedByDigestAndThePinCanBeMoved()
    {
        var first = BashRunner.Run([_folder.Combine("pin-base-images.sh")], _fakes.FolderPath);
        var cpu = File.ReadAllLines(_folder.Combine("Dockerfile"));
        var cuda = File.ReadAllText(_folder.Combine("Dockerfile.cuda"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(
            [$"FROM mcr.microsoft.com/dotnet/sdk:10.0-noble@{NewDigest} AS build", $"FROM mcr.microsoft.com/dotnet/runtime:10.0-noble@{NewDigest}"],
            cpu.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains($"ARG CUDA_IMAGE=nvidia/cuda:12.8.1-base-ubuntu24.04@{NewDigest}", cuda, StringComparison.Ordinal);
        Assert.Contains($"FROM mcr.microsoft.com/dotnet/runtime:10.0-noble@{NewDigest} AS dotnet", cuda, StringComparison.Ordinal);

        // Run again against a registry whose tags moved: the pins move, nothing else changes.
        var moved = NewDigest.Replace('1', '2');
        _fakes.Add("docker", $"""echo {moved}""");
        var second = BashRunner.Run([_folder.Combine("pin-base-images.sh")], _fakes.FolderPath);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(
            File.ReadAllText(_folder.Combine("Dockerfile.cuda")),
            cuda.Replace(NewDigest, moved, StringComparison.Ordinal));
        Assert.DoesNotContain(NewDigest, File.ReadAllText(_folder.Combine("Dockerfile")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _fakes.Dispose();
        _folder.Dispose();
    }
}
