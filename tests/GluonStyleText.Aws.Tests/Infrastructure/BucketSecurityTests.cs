using System.Text.Json;

namespace GluonStyleText.Aws.Tests.Infrastructure;

public sealed class BucketSecurityTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Repository;

    public static TheoryData<string> Buckets()
    {
        var data = new TheoryData<string>();
        foreach (var (logicalId, _) in Template.ResourcesOfType("AWS::S3::Bucket"))
        {
            data.Add(logicalId);
        }

        return data;
    }

    [Fact]
    public void TheStackHasThePredictResultsAndModelsBuckets()
    {
        var buckets = Template.ResourcesOfType("AWS::S3::Bucket").Select(bucket => bucket.Key).Order(StringComparer.Ordinal);

        Assert.Equal(["ModelsBucket", "PredictBucket", "ResultsBucket"], buckets);
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void BucketEncryptsAtRest(string bucket)
    {
        var rules = Template.Properties(bucket).GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration");

        var algorithm = rules[0].GetProperty("ServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString();

        Assert.Contains(algorithm, new[] { "AES256", "aws:kms", "aws:kms:dsse" });
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void BucketBlocksEveryKindOfPublicAccess(string bucket)
    {
        var block = Template.Properties(bucket).GetProperty("PublicAccessBlockConfiguration");

        foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
        {
            Assert.True(
                block.TryGetProperty(setting, out var value) && value.ValueKind == JsonValueKind.True,
                $"{bucket}: PublicAccessBlockConfiguration.{setting} must be true.");
        }
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void BucketPolicyDeniesRequestsWithoutTls(string bucket)
    {
        var policy = Template.ResourcesOfType("AWS::S3::BucketPolicy")
            .Select(p => p.Value.GetProperty("Properties"))
            .SingleOrDefault(p => p.GetProperty("Bucket").TryGetProperty("Ref", out var target) && target.GetString() == bucket);
        Assert.True(policy.ValueKind == JsonValueKind.Object, $"{bucket} has no AWS::S3::BucketPolicy.");

        var denial = policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
            .Select(statement => new PolicyStatement(bucket, statement))
            .SingleOrDefault(statement => statement.Effect == "Deny" && statement.HasConditionOn("aws:SecureTransport"));

        Assert.NotNull(denial);
        Assert.Equal(["s3:*"], denial.Actions);
        Assert.Equal(
            [$$"""{"Fn::GetAtt":["{{bucket}}","Arn"]}""", $$"""{"Fn::Sub":"${{{bucket}}.Arn}/*"}"""],
            denial.Resources);
    }
}
