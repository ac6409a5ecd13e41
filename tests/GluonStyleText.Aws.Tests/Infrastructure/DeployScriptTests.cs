namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>infra/deploy.sh: its command line, and a dry run that must touch nothing.</summary>
public sealed class DeployScriptTests : IDisposable
{
    private readonly FakeCommands _fakes = new();

    public DeployScriptTests()
    {
        // Stand-ins that fail if called: a dry run must not call AWS, docker, dotnet or zip.
        foreach (var tool in new[] { "aws", "docker", "dotnet", "zip", "git" })
        {
            _fakes.Add(tool, "exit 97");
        }

        // The real cfn-lint may or may not be installed; its verdict is not this test's subject.
        _fakes.Add("cfn-lint");
    }

    [Fact]
    public void ScriptIsValidBash()
    {
        var result = BashRunner.Run("-n", RepositoryPaths.DeployScript);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void HelpPrintsUsageAndSucceeds(string option)
    {
        var result = BashRunner.Run(RepositoryPaths.DeployScript, option);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("usage: infra/deploy.sh [options]", result.StandardOutput, StringComparison.Ordinal);
        foreach (var documented in new[] { "--region", "--profile", "--stack", "--dry-run", "--skip-image", "--parameter" })
        {
            Assert.Contains(documented, result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("unknown option '--bogus'", "--bogus")]
    [InlineData("--region needs a value", "--region")]
    [InlineData("--region needs a value", "--region", "--dry-run")]
    [InlineData("--lambda-runtime must be dotnet10 or dotnet8, got 'dotnet6'", "--lambda-runtime", "dotnet6")]
    [InlineData("--name-prefix 'Bad_Prefix' must be 2-24 lowercase", "--name-prefix", "Bad_Prefix")]
    [InlineData("--parameter takes KEY=VALUE, got 'JobVcpu'", "--parameter", "JobVcpu")]
    public void BadCommandLinesFailWithAClearMessage(string message, params string[] arguments)
    {
        var result = BashRunner.Run([RepositoryPaths.DeployScript, .. arguments], _fakes.FolderPath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.Empty(_fakes.CalledCommands());
    }

    [Fact]
    public void DryRunPrintsTheDeploymentAndRunsNothing()
    {
        var result = DryRun("--stack", "Demo", "--vpc", "vpc-1", "--subnets", "subnet-1,subnet-2", "--image-tag", "abc123",
            "--parameter", "ComputeType=FARGATE_SPOT");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(_fakes.CalledCommands(), command => command != "cfn-lint");
        var output = result.StandardOutput;
        Assert.Contains("+ aws --region eu-west-1 cloudformation deploy --stack-name Demo --template-file infra/cloudformation/gluonstyletext.json", output, StringComparison.Ordinal);
        Assert.Contains("--capabilities CAPABILITY_IAM --no-fail-on-empty-changeset", output, StringComparison.Ordinal);
        foreach (var parameter in new[] { "NamePrefix=demo", "VpcId=vpc-1", "SubnetIds=subnet-1,subnet-2", "ImageTag=abc123", "LambdaRuntime=dotnet10", "ComputeType=FARGATE_SPOT" })
        {
            Assert.Contains($" {parameter}", output, StringComparison.Ordinal);
        }

        Assert.Contains("+ dotnet publish src/GluonStyleText.Aws.Lambda/GluonStyleText.Aws.Lambda.csproj -c Release -f net10.0 -r linux-x64", output, StringComparison.Ordinal);
        Assert.Contains("+ docker build --platform linux/amd64 -f infra/docker/Dockerfile -t gluonstyletext:abc123 .", output, StringComparison.Ordinal);
        Assert.Contains("docker push '<account-id>.dkr.ecr.eu-west-1.amazonaws.com/demo:abc123'", output, StringComparison.Ordinal);
        Assert.Contains(" 'ImageDigest=<image-digest>'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void DryRunWithDotnet8PublishesTheNet8Build()
    {
        var result = DryRun("--vpc", "vpc-1", "--subnets", "subnet-1", "--image-tag", "t", "--lambda-runtime", "dotnet8");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("-f net8.0 ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" LambdaRuntime=dotnet8", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("LambdaCodeKey=lambda/GluonStyleText.Aws.Lambda-net8.0-", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void DryRunWithSkipImageBuildsNoImageAndKeepsTheStacksTag()
    {
        var result = DryRun("--vpc", "vpc-1", "--subnets", "subnet-1", "--skip-image");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("docker", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("ImageTag=", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("ImageDigest=", result.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _fakes.Dispose();

    private ScriptResult DryRun(params string[] arguments) =>
        BashRunner.Run([RepositoryPaths.DeployScript, "--dry-run", "--region", "eu-west-1", .. arguments], _fakes.FolderPath);
}
