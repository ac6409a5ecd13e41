using System.Text.Json.Nodes;
using GluonStyleText.Aws.Tests.Iam;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// The optional GPU compute environment for Batch prediction: created only when GpuInstanceTypes names instance types,
/// beside the Fargate one, with its own queue and a job definition that runs the CUDA image with one GPU per job.
/// </summary>
public sealed class GpuComputeEnvironmentTemplateTests
{
    private const string Account = "123456789012";
    private const string Condition = "HasGpuEnvironment";

    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Repository;

    private static readonly string[] GpuResources = ["GpuInstanceRole", "GpuInstanceProfile", "GpuComputeEnvironment", "GpuJobQueue", "GpuPredictJobDefinition"];

    [Fact]
    public void By_default_the_stack_has_no_GPU_resource_and_its_Fargate_pipeline()
    {
        var resolved = Resolve(new Dictionary<string, string>());

        Assert.Equal("", Template.Parameters["GpuInstanceTypes"].GetProperty("Default").GetString());
        Assert.False(resolved.Condition(Condition));
        Assert.All(GpuResources, id => Assert.False(resolved.Exists(id), $"{id} is created without GPU instance types"));
        Assert.All(["PredictComputeEnvironment", "PredictJobQueue", "PredictJobDefinition"], id => Assert.True(resolved.Exists(id)));
    }

    [Fact]
    public void With_GPU_instance_types_a_GPU_compute_environment_queue_and_job_definition_exist()
    {
        var resolved = Resolve(new Dictionary<string, string> { ["GpuInstanceTypes"] = "g4dn.xlarge,g5", ["GpuImageTag"] = "cuda-0a1b2c3" });

        Assert.True(resolved.Condition(Condition));
        Assert.All(GpuResources, id => Assert.True(resolved.Exists(id), $"{id} is missing with GPU instance types"));

        var resources = resolved.Properties("GpuComputeEnvironment")["ComputeResources"]!;
        Assert.Equal("EC2", resources["Type"]!.GetValue<string>());
        Assert.Equal(["g4dn.xlarge", "g5"], resources["InstanceTypes"]!.AsArray().Select(type => type!.GetValue<string>()));
        Assert.Equal("ECS_AL2023_NVIDIA", resources["Ec2Configuration"]![0]!["ImageType"]!.GetValue<string>());
        Assert.Equal(resolved.GetAtt("GpuInstanceProfile", "Arn"), resources["InstanceRole"]!.GetValue<string>());
        Assert.Equal(resolved.Ref("GpuInstanceRole"), resolved.Properties("GpuInstanceProfile")["Roles"]![0]!.GetValue<string>());
        Assert.Equal(resolved.Ref("GpuComputeEnvironment"), resolved.Properties("GpuJobQueue")["ComputeEnvironmentOrder"]![0]!["ComputeEnvironment"]!.GetValue<string>());
    }

    [Fact]
    public void The_GPU_job_runs_the_CUDA_image_with_one_GPU_and_does_what_the_Fargate_job_does()
    {
        var resolved = Resolve(new Dictionary<string, string> { ["GpuInstanceTypes"] = "g4dn.xlarge", ["GpuImageTag"] = "cuda-0a1b2c3" });
        var gpu = resolved.Properties("GpuPredictJobDefinition");
        var cpu = resolved.Properties("PredictJobDefinition");
        var container = gpu["ContainerProperties"]!;

        Assert.Equal(["EC2"], gpu["PlatformCapabilities"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal($"{resolved.GetAtt("ImageRepository", "RepositoryUri")}:cuda-0a1b2c3", container["Image"]!.GetValue<string>());
        Assert.Equal(
            [("VCPU", "4"), ("MEMORY", "14336"), ("GPU", "1")],
            container["ResourceRequirements"]!.AsArray().Select(r => (r!["Type"]!.GetValue<string>(), r["Value"]!.GetValue<string>())));
        // The same command, parameters, model, results, roles and scratch volume: only where it runs differs.
        foreach (var path in new[] { "Parameters", "Timeout", "ContainerProperties.Command", "ContainerProperties.Environment", "ContainerProperties.JobRoleArn",
                     "ContainerProperties.ExecutionRoleArn", "ContainerProperties.User", "ContainerProperties.ReadonlyRootFilesystem", "ContainerProperties.MountPoints" })
        {
            Assert.True(JsonNode.DeepEquals(At(cpu, path), At(gpu, path)), $"{path} differs: {At(cpu, path)?.ToJsonString()} vs {At(gpu, path)?.ToJsonString()}");
        }

        Assert.Equal(
            resolved.Ref("PredictJobLogGroup"),
            container["LogConfiguration"]!["Options"]!["awslogs-group"]!.GetValue<string>());
    }

    [Fact]
    public void Only_what_carries_the_GPU_condition_refers_to_a_GPU_resource()
    {
        // Anything the stack creates without GPU instance types must not name a resource it then leaves out.
        var conditional = Template.Resources
            .Where(resource => resource.Value.TryGetProperty("Condition", out var condition) && condition.GetString() == Condition)
            .Select(resource => resource.Key)
            .ToHashSet();
        var offenders = TemplateReferenceFinder.FindAll(Template)
            .Where(reference => conditional.Contains(reference.Target) && !reference.Location.Contains("Fn::If", StringComparison.Ordinal))
            .Where(reference => OwnerCondition(reference.Location) != Condition)
            .Select(reference => $"{reference.Location} names {reference.Target}")
            .ToList();

        Assert.Equal(GpuResources.Order(StringComparer.Ordinal), conditional.Order(StringComparer.Ordinal));
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
        Assert.All(["GpuJobQueueArn", "GpuJobDefinitionArn"], output => Assert.Equal(Condition, Template.Outputs[output].GetProperty("Condition").GetString()));
    }

    private static ResolvedTemplate Resolve(Dictionary<string, string> parameters) => new(Template, Account, "eu-west-1", parameters);

    private static JsonNode? At(JsonNode node, string path) =>
        path.Split('.').Aggregate<string, JsonNode?>(node, (current, name) => current?[name]);

    // "Resources.X.Properties..." or "Outputs.Y.Value...": the Condition of X or Y, if any.
    private static string? OwnerCondition(string location)
    {
        var parts = location.Split('.');
        var owner = parts[0] switch
        {
            "Resources" => Template.Resources.GetValueOrDefault(parts[1]),
            "Outputs" => Template.Outputs.GetValueOrDefault(parts[1]),
            _ => default,
        };
        return owner.ValueKind == System.Text.Json.JsonValueKind.Object && owner.TryGetProperty("Condition", out var condition) ? condition.GetString() : null;
    }
}
