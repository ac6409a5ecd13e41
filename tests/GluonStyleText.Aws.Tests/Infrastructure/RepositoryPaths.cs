namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    private const string SolutionFileName = "GluonStyleText.sln";

    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The folder holding GluonStyleText.sln.</summary>
    public static string Root => RootDirectory.Value;

    public static string TemplateFile => File("infra/cloudformation/gluonstyletext.json");

    public static string DeployScript => File("infra/deploy.sh");

    public static string EntrypointScript => File("infra/docker/entrypoint.sh");

    public static string Dockerfile => File("infra/docker/Dockerfile");

    /// <summary>The full path of a file given relative to the repository root with '/' separators.</summary>
    public static string File(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds {SolutionFileName}; the infrastructure tests read the repository's files.");
    }
}
