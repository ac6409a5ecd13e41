namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>infra/docker/entrypoint.sh, run with a stand-in <c>dotnet</c> that records its arguments.</summary>
public sealed class EntrypointScriptTests : IDisposable
{
    private const string App = "/app/GluonStyleText.Aws.Host.dll";

    private readonly FakeCommands _fakes = new();

    public EntrypointScriptTests() => _fakes.Add("dotnet");

    [Fact]
    public void ScriptIsValidBash()
    {
        var result = BashRunner.Run("-n", RepositoryPaths.EntrypointScript);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void TrainAsSageMakerStartsItRunsTheHostsTrain()
    {
        Assert.Equal([App, "train"], DotnetArgumentsFor("train"));
    }

    [Fact]
    public void PredictRunsTheHostsPredictWithEveryArgumentIntact()
    {
        var arguments = DotnetArgumentsFor("predict", "--bucket", "my-bucket", "--key", "claims/May 2026.csv");

        Assert.Equal([App, "predict", "--bucket", "my-bucket", "--key", "claims/May 2026.csv"], arguments);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("trainer")]
    [InlineData("container-predict")]
    [InlineData("train")]
    public void EveryCommandGoesToTheHostUnchanged(string command)
    {
        Assert.Equal([App, command, "--verbose"], DotnetArgumentsFor(command, "--verbose"));
    }

    [Fact]
    public void NoArgumentsRunsTheHostAlone()
    {
        Assert.Equal([App], DotnetArgumentsFor());
    }

    [Fact]
    public void TheHostsExitCodeIsTheContainersExitCode()
    {
        _fakes.Add("dotnet", "exit 3");

        var result = BashRunner.Run([RepositoryPaths.EntrypointScript, "predict"], _fakes.FolderPath);

        Assert.Equal(3, result.ExitCode);
    }

    public void Dispose() => _fakes.Dispose();

    private List<string> DotnetArgumentsFor(params string[] arguments)
    {
        var result = BashRunner.Run([RepositoryPaths.EntrypointScript, .. arguments], _fakes.FolderPath);
        Assert.True(result.ExitCode == 0, result.ToString());

        var calls = File.ReadAllLines(_fakes.CallLog);
        Assert.Equal("dotnet", calls[0]);
        return calls.Skip(1).Select(line => line[2..]).ToList();
    }
}
