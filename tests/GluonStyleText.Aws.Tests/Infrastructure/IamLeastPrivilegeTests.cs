namespace GluonStyleText.Aws.Tests.Infrastructure;

public sealed class IamLeastPrivilegeTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Repository;

    /// <summary>
    /// Actions that AWS authorizes only with <c>"Resource": "*"</c>, and why each is acceptable here.
    /// Anything else with a wildcard resource fails <see cref="AllowStatementsNameTheirResources"/>.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> WildcardResourceAllowList = new Dictionary<string, string>
    {
        ["ecr:GetAuthorizationToken"] =
            "ECR's login call has no resource-level permissions; the token only authenticates, and each pull is "
            + "still limited to this stack's repository by the ecr:BatchGetImage/GetDownloadUrlForLayer statement.",
        ["cloudwatch:PutMetricData"] =
            "CloudWatch metrics have no resource ARNs; the SageMaker role's statement is limited by a "
            + "cloudwatch:namespace condition to SageMaker's training namespace instead.",
    };

    /// <summary>Conditions that must accompany an allow-listed wildcard, where AWS offers one.</summary>
    private static readonly IReadOnlyDictionary<string, string> RequiredConditionKey = new Dictionary<string, string>
    {
        ["cloudwatch:PutMetricData"] = "cloudwatch:namespace",
    };

    private static readonly IReadOnlyList<PolicyStatement> AllowStatements =
        PolicyStatement.FindAll(Template).Where(statement => statement.Effect == "Allow").ToList();

    [Fact]
    public void TheTemplateHasAllowStatementsToCheck()
    {
        Assert.True(AllowStatements.Count >= 10, $"Found only {AllowStatements.Count} Allow statements: is the policy walker broken?");
    }

    [Fact]
    public void NoAllowStatementGrantsEveryActionOrAWholeService()
    {
        var offenders = AllowStatements
            .SelectMany(statement => statement.Actions.Select(action => (statement, action)))
            .Where(pair => pair.action == "*" || pair.action.EndsWith(":*", StringComparison.Ordinal))
            .Select(pair => $"{pair.statement.Location}: Action '{pair.action}'")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [Fact]
    public void AllowStatementsNameTheirResources()
    {
        var offenders = AllowStatements
            .Where(statement => statement.Resources.Contains("*"))
            .SelectMany(statement => statement.Actions
                .Where(action => !WildcardResourceAllowList.ContainsKey(action))
                .Select(action => $"{statement.Location}: '{action}' on Resource '*' (allow-list it with a reason only if AWS offers no resource-level permission)"))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [Fact]
    public void AllowListedWildcardsCarryTheirCondition()
    {
        foreach (var statement in AllowStatements.Where(statement => statement.Resources.Contains("*")))
        {
            foreach (var action in statement.Actions)
            {
                if (RequiredConditionKey.TryGetValue(action, out var key))
                {
                    Assert.True(statement.HasConditionOn(key), $"{statement.Location}: '{action}' on '*' must be limited by a {key} condition.");
                }
            }
        }
    }

    [Fact]
    public void NoStatementUsesNotActionOrNotResource()
    {
        var offenders = PolicyStatement.FindAll(Template)
            .Where(statement => statement.Has("NotAction") || statement.Has("NotResource"))
            .Select(statement => statement.Location)
            .ToList();

        Assert.True(offenders.Count == 0, $"NotAction/NotResource grant everything else: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void PredictJobRoleReadsInputAndModelAndWritesOnlyTheResultsBucket()
    {
        var statements = StatementsOf("PredictJobRole");

        var writes = statements.Where(s => s.Actions.Any(a => a is "s3:PutObject" or "s3:DeleteObject")).ToList();
        var allActions = statements.SelectMany(s => s.Actions).ToHashSet();

        Assert.Subset(new HashSet<string> { "s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:AbortMultipartUpload" }, allActions);
        var write = Assert.Single(writes);
        Assert.Equal(["""{"Fn::Sub":"${ResultsBucket.Arn}/*"}"""], write.Resources);
    }

    [Fact]
    public void UploadFunctionRoleSubmitsOnlyToThisStacksQueueAndJobDefinition()
    {
        var statements = StatementsOf("UploadFunctionRole");

        var submit = Assert.Single(statements, s => s.Actions.Contains("batch:SubmitJob"));
        Assert.Equal(["batch:SubmitJob"], submit.Actions);
        // The shard job definition only where the stack deploys it.
        Assert.Equal(
            ["""{"Ref":"PredictJobQueue"}""", """{"Ref":"PredictJobDefinition"}""", """{"Fn::If":["ShardingEnabled",{"Ref":"ShardJobDefinition"},{"Ref":"AWS::NoValue"}]}"""],
            submit.Resources);
        Assert.All(statements.SelectMany(s => s.Actions), action => Assert.Contains(action, new[]
        {
            "batch:SubmitJob", "logs:CreateLogStream", "logs:PutLogEvents", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
        }));
    }

    [Fact]
    public void SageMakerRoleTouchesOnlyTheModelsBucketsTrainingAndOutputPrefixes()
    {
        // The checkpoint prefixes lie inside the output prefix: reading and deleting there is for checkpoints only.
        var s3Resources = StatementsOf("SageMakerExecutionRole")
            .Where(s => s.Actions.Any(a => a.StartsWith("s3:", StringComparison.Ordinal)))
            .SelectMany(s => s.Resources)
            .ToList();

        Assert.Equal(
            [
                """{"Fn::Sub":"${ModelsBucket.Arn}/training/*"}""",
                """{"Fn::GetAtt":["ModelsBucket","Arn"]}""",
                """{"Fn::Sub":"${ModelsBucket.Arn}/sagemaker/*"}""",
                """{"Fn::Sub":"${ModelsBucket.Arn}/sagemaker/*/checkpoints/*"}""",
                """{"Fn::GetAtt":["ModelsBucket","Arn"]}""",
            ],
            s3Resources);
    }

    [Fact]
    public void SageMakerRoleDeletesOnlyCheckpoints()
    {
        var deletes = StatementsOf("SageMakerExecutionRole").Where(s => s.Actions.Contains("s3:DeleteObject")).ToList();

        // SageMaker mirrors the checkpoint folder's deletions in S3; nothing else of the bucket may go.
        var delete = Assert.Single(deletes);
        Assert.Equal(["""{"Fn::Sub":"${ModelsBucket.Arn}/sagemaker/*/checkpoints/*"}"""], delete.Resources);
    }

    [Fact]
    public void OnlyTheGpuInstancesCarryAnAwsManagedPolicyAndOnlyTheEcsContainerInstanceOne()
    {
        // The ECS agent on Batch's EC2 instances calls ECS for a cluster whose name Batch chooses; AWS's policy for
        // container instances is the documented way to allow it. The inline statements above cannot see inside it.
        var attached = Template.Resources
            .Where(resource => resource.Value.TryGetProperty("Properties", out var properties) && properties.TryGetProperty("ManagedPolicyArns", out _))
            .ToDictionary(resource => resource.Key, resource => System.Text.Json.JsonSerializer.Serialize(resource.Value.GetProperty("Properties").GetProperty("ManagedPolicyArns")));

        var (role, policies) = Assert.Single(attached);
        Assert.Equal("GpuInstanceRole", role);
        Assert.Equal("""[{"Fn::Sub":"arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"}]""", policies);
        Assert.Equal("HasGpuEnvironment", Template.Resource(role).GetProperty("Condition").GetString());
    }

    private static List<PolicyStatement> StatementsOf(string role) =>
        AllowStatements
            .Where(statement => statement.Location.StartsWith($"Resources.{role}.Properties.Policies", StringComparison.Ordinal))
            .ToList();
}
