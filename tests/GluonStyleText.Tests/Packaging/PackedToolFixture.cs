using System.Diagnostics;

namespace GluonStyleText.Tests.Packaging;

/// <summary>
/// Packs the <c>gluontext</c> tool from this repository's sources into a temporary folder feed, once per
/// test class, under a version no real release has, and installs it from there into a temporary
/// <c>--tool-path</c> as a user would (<c>dotnet tool install --add-source FEED</c>). The package carries
/// libtorch (about 200 MB packed), so packing is the slow part; both durations are kept for the test log.
/// </summary>
public sealed class PackedToolFixture : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    public PackedToolFixture()
    {
        Root = Directory.CreateTempSubdirectory("gluonstyletext-tool-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        ToolPath = Path.Combine(Root, "tools");
        var repository = PackedFeedFixture.FindRepositoryRoot();
        try
        {
            var stopwatch = Stopwatch.StartNew();
            ProcessRunner.Run(
                ProcessRunner.Dotnet,
                [
                    "pack", Path.Combine(repository, "src", "GluonStyleText.Cli", "GluonStyleText.Cli.csproj"),
                    "--configuration", "Release", $"-p:Version={Version}", "--output", Feed,
                    // Builds go to their own folder, so the repository's bin and obj folders are left alone.
                    "--artifacts-path", Path.Combine(Root, "artifacts"),
                    // Analyzers change no byte of the package; skipping them keeps the test fast.
                    "-p:RunAnalyzers=false",
                ],
                Root,
                PackTimeout).EnsureSuccess();
            PackTime = stopwatch.Elapsed;

            stopwatch.Restart();
            ProcessRunner.Run(
                ProcessRunner.Dotnet,
                ["tool", "install", "--tool-path", ToolPath, "--add-source", Feed, "--version", Version, PackageId],
                Root,
                PackTimeout).EnsureSuccess();
            InstallTime = stopwatch.Elapsed;
        }
        catch
        {
            Directory.Delete(Root, recursive: true);
            throw;
        }
    }

    /// <summary>The tool's package id.</summary>
    public const string PackageId = "GluonStyleText.Cli";

    /// <summary>A version no release has, so no package cache can answer for the feed.</summary>
    public string Version { get; } = $"0.1.0-test.{Guid.NewGuid():N}";

    /// <summary>The temporary folder holding the feed, the installed tool and everything the tests make.</summary>
    public string Root { get; }

    /// <summary>The folder holding the .nupkg.</summary>
    public string Feed { get; }

    /// <summary>The <c>--tool-path</c> the tool was installed into.</summary>
    public string ToolPath { get; }

    /// <summary>The installed command.</summary>
    public string Command => Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "gluontext.exe" : "gluontext");

    /// <summary>The package file.</summary>
    public string Package => Path.Combine(Feed, $"{PackageId}.{Version}.nupkg");

    /// <summary>How long <c>dotnet pack</c> took (restore, build, pack).</summary>
    public TimeSpan PackTime { get; }

    /// <summary>How long <c>dotnet tool install</c> took.</summary>
    public TimeSpan InstallTime { get; }

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        PackedFeedFixture.RemoveFromPackageCache(["gluonstyletext.cli"], Version);
    }
}
