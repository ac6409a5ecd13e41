namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// infra/deploy.sh for real (not a dry run) against stand-ins for aws, docker, dotnet and zip that
/// answer like the real tools: what it creates, what it skips on a second run, where it stops.
/// </summary>
public sealed class DeployScriptRunTests : IDisposable
{
    private const string Account = "123456789012";
    private const string Registry = Account + ".dkr.ecr.eu-west-1.amazonaws.com";
    private const string Digest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    // Answers the few questions deploy.sh asks AWS; FAKE_* variables choose the account's state.
    private const string FakeAws = """
        args="$*"
        case "$args" in
          *"sts get-caller-identity"*) echo 123456789012 ;;
          *"describe-stacks"*StackStatus*)
            if [ -n "${FAKE_STACK_STATUS:-}" ]; then echo "$FAKE_STACK_STATUS"; else echo "Stack with id x does not exist" >&2; exit 254; fi ;;
          *"describe-stacks"*NamePrefix*) echo existing ;;
          *"describe-stacks"*ImageRepositoryUri*) echo 123456789012.dkr.ecr.eu-west-1.amazonaws.com/demo ;;
          *"describe-stacks"*OutputKey,OutputValue*) printf 'PredictBucketName\tdemo-predict-bucket\nTrainingDataUri\ts3://demo-models-bucket/training/\n' ;;
          *"describe-stacks"*) echo "(outputs table)" ;;
          *"describe-vpcs"*) echo vpc-default ;;
          *"describe-subnets"*) printf 'subnet-a\tsubnet-b\n' ;;
          *"head-bucket"*) [ -n "${FAKE_BUCKET_EXISTS:-}" ] || exit 254 ;;
          *"head-object"*) [ -n "${FAKE_OBJECT_EXISTS:-}" ] || exit 254; echo "${FAKE_OBJECT_SHA256:-None}" ;;
          *"ecr describe-images"*)
            [ -f "$FAKE_STATE/pushed" ] || [ -n "${FAKE_IMAGE_EXISTS:-}" ] || { echo "ImageNotFoundException" >&2; exit 254; }
            echo sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ;;
          *"get-login-password"*) echo secret ;;
          *"configure get region"*) exit 1 ;;
        esac
        exit 0
        """;

    private readonly FakeCommands _fakes = new();

    public DeployScriptRunTests()
    {
        _fakes.Add("aws", FakeAws);
        _fakes.Add("docker", """
            [ "$1" != login ] || cat > /dev/null
            [ "$1" != push ] || touch "$FAKE_STATE/pushed"
            """);
        _fakes.Add("dotnet", """while [ $# -gt 0 ]; do [ "$1" != -o ] || out=$2; shift; done; mkdir -p "$out"; echo code > "$out/GluonStyleText.Aws.Lambda.dll" """);
        _fakes.Add("zip", """echo zip > "$4" """);
        _fakes.Add("cfn-lint");
        _fakes.Add("git", "exit 97");
    }

    [Fact]
    public void NewStackGetsItsBucketCodeStackAndImageInThatOrder()
    {
        var result = Deploy(new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = _fakes.CallLines();
        var bucket = $"demo-deploy-{Account}-eu-west-1";
        AssertInOrder(
            calls,
            "dotnet publish src/GluonStyleText.Aws.Lambda/GluonStyleText.Aws.Lambda.csproj -c Release -f net10.0",
            "docker build --platform linux/amd64 -f infra/docker/Dockerfile -t gluonstyletext:abc123 .",
            $"aws --region eu-west-1 s3api create-bucket --bucket {bucket} --create-bucket-configuration LocationConstraint=eu-west-1",
            $"aws --region eu-west-1 s3api put-public-access-block --bucket {bucket}",
            $"aws --region eu-west-1 s3 cp ",
            "aws --region eu-west-1 cloudformation deploy --stack-name Demo",
            $"docker login --username AWS --password-stdin {Registry}",
            $"docker push {Registry}/demo:abc123",
            "aws --region eu-west-1 ecr describe-images --repository-name demo --image-ids imageTag=abc123",
            "aws --region eu-west-1 cloudformation deploy --stack-name Demo");
        // Created first (its repository holds no image yet), updated with the pushed image's digest.
        var deploys = calls.Where(call => call.Contains("cloudformation deploy", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, deploys.Count);
        foreach (var parameter in new[] { " NamePrefix=demo", " VpcId=vpc-default", " SubnetIds=subnet-a,subnet-b", " ImageTag=abc123", $" LambdaCodeBucket={bucket}" })
        {
            Assert.All(deploys, deploy => Assert.Contains(parameter, deploy, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("ImageDigest=", deploys[0], StringComparison.Ordinal);
        Assert.EndsWith($" ImageDigest={Digest}", deploys[1], StringComparison.Ordinal);
        Assert.All(calls.Where(call => call.Contains(" s3api ", StringComparison.Ordinal) && !call.Contains("create-bucket", StringComparison.Ordinal))
                .Concat(calls.Where(call => call.Contains(" s3 cp ", StringComparison.Ordinal))),
            call => Assert.Contains($"--expected-bucket-owner {Account}", call, StringComparison.Ordinal));

        Assert.Contains("aws s3 cp train.csv s3://demo-models-bucket/training/imdb/train.csv", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("aws s3 cp my.csv s3://demo-predict-bucket/", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void LambdaZipIsNamedAfterItsContentSoTheSameBuildKeepsTheSameName()
    {
        var first = Deploy(new Dictionary<string, string>());
        var firstKey = LambdaKey();
        File.Delete(_fakes.CallLog);
        var second = Deploy(new Dictionary<string, string>());

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Matches("^lambda/GluonStyleText.Aws.Lambda-net10.0-[0-9a-f]{16}.zip$", firstKey);
        Assert.Equal(firstKey, LambdaKey());
    }

    [Fact]
    public void SecondRunUploadsNothingAlreadyThereAndKeepsTheStacksNamesAndNetwork()
    {
        var uploadedSha = FirstRunContentSha();
        var result = Deploy(new Dictionary<string, string>
        {
            ["FAKE_STACK_STATUS"] = "UPDATE_COMPLETE",
            ["FAKE_BUCKET_EXISTS"] = "1",
            ["FAKE_OBJECT_EXISTS"] = "1",
            ["FAKE_OBJECT_SHA256"] = uploadedSha,
            ["FAKE_IMAGE_EXISTS"] = "1",
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = _fakes.CallLines();
        Assert.DoesNotContain(calls, call => call.Contains("create-bucket", StringComparison.Ordinal) || call.Contains(" s3 cp ", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, call => call.Contains("describe-vpcs", StringComparison.Ordinal) || call.StartsWith("docker push", StringComparison.Ordinal));
        var deploy = Assert.Single(calls, call => call.Contains("cloudformation deploy", StringComparison.Ordinal));
        Assert.Contains(" NamePrefix=existing", deploy, StringComparison.Ordinal);
        Assert.Contains($" ImageDigest={Digest}", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain("VpcId=", deploy, StringComparison.Ordinal);
        Assert.Contains("is already uploaded (content-sha256 matches)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("is already in the repository (tags are immutable)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingStackGetsTheImagePushedBeforeTheUpdateThatPointsAtIt()
    {
        var result = Deploy(new Dictionary<string, string> { ["FAKE_STACK_STATUS"] = "UPDATE_COMPLETE", ["FAKE_BUCKET_EXISTS"] = "1" });

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = _fakes.CallLines();
        AssertInOrder(calls, $"docker push {Registry}/demo:abc123", "aws --region eu-west-1 ecr describe-images", "aws --region eu-west-1 cloudformation deploy");
        Assert.Contains($" ImageDigest={Digest}", Assert.Single(calls, call => call.Contains("cloudformation deploy", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void AnObjectUnderTheLambdaKeyWithOtherContentIsUploadedAgain()
    {
        var result = Deploy(new Dictionary<string, string>
        {
            ["FAKE_STACK_STATUS"] = "UPDATE_COMPLETE",
            ["FAKE_BUCKET_EXISTS"] = "1",
            ["FAKE_OBJECT_EXISTS"] = "1",
            ["FAKE_OBJECT_SHA256"] = new string('0', 64),
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(_fakes.CallLines(), call => call.Contains(" s3 cp ", StringComparison.Ordinal));
        Assert.Contains($"holds other content (content-sha256 {new string('0', 64)}): uploading again", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void AStackWhoseCreationFailedIsReportedBeforeAnythingIsBuilt()
    {
        var result = Deploy(new Dictionary<string, string> { ["FAKE_STACK_STATUS"] = "ROLLBACK_COMPLETE" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("stack 'Demo' is in ROLLBACK_COMPLETE", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("aws --region eu-west-1 cloudformation delete-stack --stack-name Demo", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(_fakes.CallLines(), call =>
            call.StartsWith("dotnet", StringComparison.Ordinal)
            || call.StartsWith("docker build", StringComparison.Ordinal)
            || call.Contains("cloudformation deploy", StringComparison.Ordinal));
    }

    public void Dispose() => _fakes.Dispose();

    private ScriptResult Deploy(Dictionary<string, string> state) =>
        BashRunner.Run(
            [RepositoryPaths.DeployScript, "--stack", "Demo", "--region", "eu-west-1", "--image-tag", "abc123"],
            _fakes.FolderPath,
            new Dictionary<string, string>(state) { ["FAKE_STATE"] = _fakes.FolderPath });

    // The content hash a new stack's deployment stores with the Lambda zip; the state file is reset after.
    private string FirstRunContentSha()
    {
        var first = Deploy(new Dictionary<string, string>());
        Assert.True(first.ExitCode == 0, first.ToString());
        var upload = Assert.Single(_fakes.Calls(), call => call.Count > 2 && call[0] == "aws" && call.Contains("cp"));
        var metadata = upload[upload.ToList().IndexOf("--metadata") + 1];
        File.Delete(_fakes.CallLog);
        File.Delete(Path.Combine(_fakes.FolderPath, "pushed"));
        return metadata["content-sha256=".Length..];
    }

    private string LambdaKey()
    {
        var upload = Assert.Single(_fakes.Calls(), call => call.Count > 2 && call[0] == "aws" && call.Contains("cp"));
        var destination = upload.Last(argument => argument.StartsWith("s3://", StringComparison.Ordinal));
        return destination[(destination.IndexOf("/lambda/", StringComparison.Ordinal) + 1)..];
    }

    private static void AssertInOrder(IReadOnlyList<string> calls, params string[] expectedPrefixes)
    {
        var position = 0;
        foreach (var expected in expectedPrefixes)
        {
            var found = calls.Skip(position).ToList().FindIndex(call => call.StartsWith(expected, StringComparison.Ordinal));
            Assert.True(found >= 0, $"No call starting with '{expected}' after call {position}. Calls:\n{string.Join('\n', calls)}");
            position += found + 1;
        }
    }
}
