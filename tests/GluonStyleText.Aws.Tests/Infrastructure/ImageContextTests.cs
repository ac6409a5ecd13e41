using GluonStyleText.Aws.Tests.Fixtures;
using Xunit.Abstractions;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// There is no Docker engine here, so the image build is emulated: the build context is copied
/// exactly as each Dockerfile's <c>.dockerignore</c> selects it (from the files a clean clone
/// has), and the build stage's RUN commands run in that copy with its ENV settings. A step that
/// needs a file the context leaves out fails here as it would in <c>docker build</c>.
/// </summary>
public sealed class ImageContextTests(ITestOutputHelper output)
{
    // A guard against a hung build, not a speed target; a warm NuGet cache publishes in about a minute.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    [Theory]
    [InlineData("*", "README.md", true)]
    [InlineData("*", "src/A/a.cs", true)]
    [InlineData("*\n!src/", "src/A/a.cs", false)]
    [InlineData("*\n!src/\n**/bin/", "src/A/bin/Release/a.dll", true)]
    [InlineData("*\n!src/\n**/bin/", "src/A/binary.cs", false)]
    [InlineData("*\n!infra/docker/entrypoint.sh", "infra/docker/entrypoint.sh", false)]
    [InlineData("*\n!infra/docker/entrypoint.sh", "infra/local-s3/package.json", true)]
    [InlineData("docs/*.md", "docs/a.md", true)]
    [InlineData("docs/*.md", "docs/sub/a.md", false)]
    [InlineData("docs/?.md", "docs/ab.md", false)]
    public void DockerIgnoreFollowsDockersMatchingRules(string patterns, string path, bool excluded)
    {
        Assert.Equal(excluded, DockerIgnore.Parse(patterns.Split('\n')).Excludes(path));
    }

    [Fact]
    public void TheCpuImagesBuildStepsRunInItsContextAndPublishTheEntrypointsAssembly()
    {
        using var work = new TempFolder();
        var stage = RunBuildStage("infra/docker/Dockerfile", work, skipStep: null);

        Assert.Contains(stage.RunCommands, command => command.StartsWith("dotnet publish", StringComparison.Ordinal));
        Assert.True(File.Exists(work.Combine("app", "GluonStyleText.Aws.Host.dll")), "the publish step left no /app/GluonStyleText.Aws.Host.dll, which entrypoint.sh runs");
    }

    [Fact]
    public void TheCudaImagesBuildStepsRunInItsContext()
    {
        using var work = new TempFolder();
        // Its publish restores TorchSharp-cuda-linux, which this machine's package feed does not
        // serve (DEVELOPERS.md); it reads the same context files as the CPU image's publish, which
        // runs in full above. Every other step runs.
        RunBuildStage("infra/docker/Dockerfile.cuda", work, skipStep: command => command.StartsWith("dotnet publish", StringComparison.Ordinal));

        Assert.Contains("TorchSharp-cuda-linux", File.ReadAllText(work.Combine("context", "Directory.Packages.props")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheContextLeavesOutTestsDataGitAndTheLocalS3Server()
    {
        var ignore = DockerIgnore.Load(RepositoryPaths.File("infra/docker/Dockerfile.dockerignore"));
        var files = ContextFiles(ignore);

        Assert.Contains("build/setup.sh", files);
        Assert.Contains("src/GluonStyleText.Aws.Host/GluonStyleText.Aws.Host.csproj", files);
        Assert.DoesNotContain(files, file => file.StartsWith("tests/", StringComparison.Ordinal)
            || file.StartsWith("infra/local-s3/", StringComparison.Ordinal)
            || file.StartsWith(".git", StringComparison.Ordinal)
            || file.Contains("/bin/", StringComparison.Ordinal)
            || file.Contains("/obj/", StringComparison.Ordinal));
        Assert.Equal(
            File.ReadAllLines(RepositoryPaths.File("infra/docker/Dockerfile.dockerignore")).Where(IsPattern),
            File.ReadAllLines(RepositoryPaths.File("infra/docker/Dockerfile.cuda.dockerignore")).Where(IsPattern));
    }

    private DockerBuildStage RunBuildStage(string dockerfile, TempFolder work, Func<string, bool>? skipStep)
    {
        var stage = DockerBuildStage.Load(RepositoryPaths.File(dockerfile));
        Assert.True(stage.CopiesWholeContext, $"{dockerfile}: the build stage is expected to COPY . . (the context)");
        var context = work.Combine("context");
        var ignore = DockerIgnore.Load(RepositoryPaths.File(dockerfile + ".dockerignore"));
        foreach (var file in ContextFiles(ignore))
        {
            var target = Path.Combine(context, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(RepositoryPaths.File(file), target);
        }

        var environment = new Dictionary<string, string>(stage.Variables, StringComparer.Ordinal)
        {
            // No build servers that outlive the step (a container's would die with it).
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
        };
        foreach (var command in stage.RunCommands)
        {
            if (skipStep?.Invoke(command) == true)
            {
                output.WriteLine($"skipped: RUN {command}");
                continue;
            }

            // The image's /app becomes a folder of this test.
            var local = command.Replace(" /app", " " + work.Combine("app"), StringComparison.Ordinal);
            output.WriteLine($"RUN {local}");
            var result = BashRunner.Run(
                ["-euo", "pipefail", "-c", local],
                environment: environment,
                workingDirectory: context,
                timeout: StepTimeout,
                // The test host's MSBuild settings would point the step at this test run's build.
                dropVariable: name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name == "MSBuildSDKsPath" || name == "DOTNET_HOST_PATH");
            Assert.True(result.ExitCode == 0, $"{dockerfile}: RUN {command} failed in the build context (.dockerignore-selected copy at {context}):\n{Tail(result.ToString())}");
        }

        return stage;
    }

    /// <summary>The files of a clean clone (tracked, plus new files not git-ignored) that the .dockerignore lets in.</summary>
    private static List<string> ContextFiles(DockerIgnore ignore)
    {
        var listed = BashRunner.Run("-c", "git ls-files -z --cached --others --exclude-standard");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        return listed.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(file => File.Exists(RepositoryPaths.File(file)) && !ignore.Excludes(file))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsPattern(string line) => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#');

    private static string Tail(string text) => text.Length <= 6000 ? text : "...\n" + text[^6000..];
}
