namespace GluonStyleText.Aws.Local;

/// <summary>Finds <c>infra/local-s3/server.js</c> and tells whether its Node packages are installed.</summary>
internal static class LocalS3ServerScript
{
    /// <summary>The script's path relative to the repository root.</summary>
    public static readonly string RelativePath = Path.Combine("infra", "local-s3", "server.js");

    /// <summary>
    /// The configured path when given, else the first <c>infra/local-s3/server.js</c> in
    /// <paramref name="searchFrom"/> or a folder above it (build outputs live below the repository root).
    /// </summary>
    public static string Locate(string? configuredPath, string searchFrom)
    {
        if (configuredPath is not null)
        {
            var fullPath = Path.GetFullPath(configuredPath);
            return File.Exists(fullPath)
                ? fullPath
                : throw new FileNotFoundException(
                    $"The local S3 server script '{fullPath}' (LocalS3ServerOptions.ServerScriptPath) does not exist.", fullPath);
        }

        for (var folder = new DirectoryInfo(searchFrom); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"The local S3 server script {RelativePath} was not found in '{searchFrom}' or any folder above it; " +
            "set LocalS3ServerOptions.ServerScriptPath.");
    }

    /// <summary>Whether <c>npm ci</c> has run beside the script (s3rver is its only dependency).</summary>
    public static bool AreDependenciesInstalled(string scriptPath) =>
        Directory.Exists(Path.Combine(Path.GetDirectoryName(scriptPath)!, "node_modules", "s3rver"));
}
