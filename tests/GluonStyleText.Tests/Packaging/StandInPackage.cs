using System.IO.Compression;
using System.Text;

namespace GluonStyleText.Tests.Packaging;

/// <summary>
/// A package that stands in for a release newer than any this machine's package source serves:
/// only a nuspec (with an id, a version and dependencies) and an empty lib folder, enough for a
/// restore to resolve it, never to build against it.
/// </summary>
internal static class StandInPackage
{
    /// <summary>Writes <c>{id}.{version}.nupkg</c> into <paramref name="folder"/> and returns its path.</summary>
    /// <param name="folder">The feed folder.</param>
    /// <param name="id">The package id.</param>
    /// <param name="version">Its version.</param>
    /// <param name="dependencies">Dependencies by id and version range, for every target framework.</param>
    public static string Write(string folder, string id, string version, params (string Id, string Range)[] dependencies)
    {
        var path = Path.Combine(folder, $"{id}.{version}.nupkg");
        var dependencyElements = string.Concat(dependencies.Select(dependency => $"""<dependency id="{dependency.Id}" version="{dependency.Range}" />"""));
        var nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>GluonStyleText tests</authors>
                <description>A stand-in for a newer {id}, for restore tests only.</description>
                <dependencies><group>{dependencyElements}</group></dependencies>
              </metadata>
            </package>
            """;

        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(archive, $"{id}.nuspec", nuspec);
        // '_._' marks a folder as compatible with no assembly in it, so the restore does not report NU1202.
        Add(archive, "lib/net8.0/_._", string.Empty);
        return path;
    }

    private static void Add(ZipArchive archive, string name, string text)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(text);
    }
}
