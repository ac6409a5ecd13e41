namespace GluonStyleText.Aws.Tests.Fixtures;

/// <summary>A temporary folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates an empty folder under the system temp folder.</summary>
    public TempFolder() => Path = Directory.CreateTempSubdirectory("gluonstyletext-aws-tests-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file inside the folder (creating subfolders) and returns its path.</summary>
    public string WriteFile(string relativePath, byte[] content)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
