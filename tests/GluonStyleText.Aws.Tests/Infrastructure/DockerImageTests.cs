using System.Xml.Linq;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// The image cannot be built here (no Docker engine), so these tests check what its build relies
/// on: the files it copies exist and hold what the entry point runs.
/// </summary>
public sealed class DockerImageTests
{
    private const string HostProject = "src/GluonStyleText.Aws.Host/GluonStyleText.Aws.Host.csproj";

    private static readonly string Dockerfile = File.ReadAllText(RepositoryPaths.Dockerfile);

    [Fact]
    public void EntrypointRunsTheAssemblyTheHostBuilds()
    {
        var assemblyName = XDocument.Load(RepositoryPaths.File(HostProject))
            .Descendants("AssemblyName").Single().Value;

        var entrypoint = File.ReadAllText(RepositoryPaths.EntrypointScript);

        Assert.Contains($"app=/app/{assemblyName}.dll", entrypoint, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageIsPublishedFromTheHostAndStartsWithTheEntrypoint()
    {
        Assert.Contains($"dotnet publish {HostProject} -c Release -o /app", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY --chmod=755 infra/docker/entrypoint.sh /usr/local/bin/gluonstyletext-entrypoint", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("""ENTRYPOINT ["/usr/local/bin/gluonstyletext-entrypoint"]""", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildAndRuntimeStagesUseTheSameDistribution()
    {
        var bases = Dockerfile.Split('\n')
            .Where(line => line.StartsWith("FROM ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[1].Split('@')[0]) // pinned or not (infra/docker/pin-base-images.sh)
            .ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0-noble", "mcr.microsoft.com/dotnet/runtime:10.0-noble"], bases);
    }

    [Fact]
    public void BuildContextLetsInEveryProjectTheHostNeeds()
    {
        var ignore = File.ReadAllLines(RepositoryPaths.File("infra/docker/Dockerfile.dockerignore"));
        var letIn = ignore.Where(line => line.StartsWith('!')).Select(line => line[1..].TrimEnd('/')).ToList();

        var projects = ProjectClosure(RepositoryPaths.File(HostProject));

        Assert.All(projects, project =>
            Assert.True(
                letIn.Any(path => project.StartsWith(path + "/", StringComparison.Ordinal)),
                $"{project} is outside the Docker build context: let its folder in (Dockerfile.dockerignore)."));
        Assert.Contains("infra/docker/entrypoint.sh", letIn);
        Assert.Contains("build", letIn);
    }

    /// <summary>The project and everything it references, as paths relative to the repository root.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!found.Add(Path.GetRelativePath(RepositoryPaths.Root, current).Replace('\\', '/')))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return found;
    }
}
