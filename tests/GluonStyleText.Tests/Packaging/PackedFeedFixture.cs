using System.Xml.Linq;

namespace GluonStyleText.Tests.Packaging;

/// <summary>
/// Packs GluonStyleText and GluonStyleText.Aws from this repository's sources, once per test class,
/// into a temporary folder feed under a version no real release has. Builds go to their own artifacts
/// folder, so the repository's bin and obj folders are left alone.
/// </summary>
public sealed class PackedFeedFixture : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);

    public PackedFeedFixture()
    {
        Root = Directory.CreateTempSubdirectory("gluonstyletext-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        RepositoryRoot = FindRepositoryRoot();
        var artifacts = Path.Combine(Root, "artifacts");
        string[] common =
        [
            "--configuration", "Release", $"-p:Version={Version}", "--output", Feed, "--artifacts-path", artifacts,
            // Analyzers change no byte of the package; skipping them keeps the test fast.
            "-p:RunAnalyzers=false",
        ];

        try
        {
            // The two packages are independent: the AWS package carries no reference to the core.
            ProcessRunner.Run(ProcessRunner.Dotnet, ["pack", Path.Combine(RepositoryRoot, "src", "GluonStyleText", "GluonStyleText.csproj"), .. common], Root, PackTimeout).EnsureSuccess();
            ProcessRunner.Run(ProcessRunner.Dotnet, ["pack", Path.Combine(RepositoryRoot, "src", "GluonStyleText.Aws", "GluonStyleText.Aws.csproj"), .. common], Root, PackTimeout).EnsureSuccess();
        }
        catch
        {
            Directory.Delete(Root, recursive: true);
            throw;
        }
    }

    /// <summary>A version no release has, so the package cache cannot answer for the feed.</summary>
    public string Version { get; } = $"0.1.0-test.{Guid.NewGuid():N}";

    /// <summary>The temporary folder holding the feed and everything else the tests make.</summary>
    public string Root { get; }

    /// <summary>The folder of .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>The folder holding GluonStyleText.sln.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The package file of <paramref name="id"/>.</summary>
    public string Package(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    /// <summary>The version of a package that Directory.Packages.props pins.</summary>
    public string PinnedVersion(string id) =>
        XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(element => (string?)element.Attribute("Include") == id)
            .Attribute("Version")!.Value;

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        RemoveFromPackageCache(["gluonstyletext", "gluonstyletext.aws"], Version);
    }

    /// <summary>Deletes the one-off <paramref name="version"/> of the packages <paramref name="ids"/> (lower case) that a restore extracted into the machine's package cache.</summary>
    internal static void RemoveFromPackageCache(IEnumerable<string> ids, string version)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in ids)
        {
            var extracted = Path.Combine(cache, id, version);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }

            var versions = Path.GetDirectoryName(extracted)!;
            if (Directory.Exists(versions) && !Directory.EnumerateFileSystemEntries(versions).Any())
            {
                Directory.Delete(versions);
            }
        }
    }

    /// <summary>The folder holding GluonStyleText.sln, above the test assembly.</summary>
    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GluonStyleText.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"GluonStyleText.sln is not in any parent folder of {AppContext.BaseDirectory}.");
    }
}
