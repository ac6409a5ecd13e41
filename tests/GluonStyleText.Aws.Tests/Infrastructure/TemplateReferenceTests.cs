namespace GluonStyleText.Aws.Tests.Infrastructure;

public sealed class TemplateReferenceTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Repository;

    [Fact]
    public void EveryRefGetAttSubAndDependsOnNamesSomethingThatExists()
    {
        var problems = TemplateChecks.UnresolvedReferences(Template);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void ResourcesDoNotDependOnEachOtherInACircle()
    {
        var cycle = TemplateChecks.DependencyCycle(Template);

        Assert.True(cycle is null, $"CloudFormation rejects circular dependencies: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void ReferencesInsideSubStringsAreFound()
    {
        var references = TemplateReferenceFinder.FindAll(Template);

        Assert.Contains(references, r => r.Kind == TemplateReferenceKind.SubGetAtt && r.Target == "ImageRepository" && r.Attribute == "RepositoryUri");
        Assert.Contains(references, r => r.Kind == TemplateReferenceKind.SubRef && r.Target == "NamePrefix");
        Assert.Contains(references, r => r.Kind == TemplateReferenceKind.SubRef && r.Target == "AWS::Region");
    }

    [Fact]
    public void CheckReportsAMissingRefTarget()
    {
        var template = Synthetic("""{ "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": { "Ref": "Missing" } } } }""");

        var problem = Assert.Single(TemplateChecks.UnresolvedReferences(template));

        Assert.Contains("Resources.Bucket.Properties.BucketName: Ref names 'Missing'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckReportsSubNamesButNotSubVariablesNorEscapedLiterals()
    {
        var template = Synthetic("""
            { "Bucket": { "Type": "AWS::S3::Bucket", "Properties": {
                "BucketName": { "Fn::Sub": ["${Prefix}-${AWS::Regoin}-${Other.Arn}-${!Literal}", { "Prefix": "x" }] } } } }
            """);

        var problems = TemplateChecks.UnresolvedReferences(template);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("SubRef names 'AWS::Regoin'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no resource 'Other'", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckReportsAnAttributeTheResourceTypeDoesNotHave()
    {
        var template = Synthetic("""
            { "Repo": { "Type": "AWS::ECR::Repository" },
              "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [{ "Key": "k", "Value": { "Fn::GetAtt": ["Repo", "RepositoryUrl"] } }] } } }
            """);

        var problem = Assert.Single(TemplateChecks.UnresolvedReferences(template));

        Assert.Contains("reads 'RepositoryUrl' of 'Repo'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CycleCheckFindsACircleThroughDependsOnAndSub()
    {
        var template = Synthetic("""
            { "A": { "Type": "AWS::S3::Bucket", "DependsOn": "B" },
              "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": { "Fn::Sub": "${C}" } } },
              "C": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": { "Fn::GetAtt": ["A", "Arn"] } } } }
            """);

        var cycle = TemplateChecks.DependencyCycle(template);

        Assert.Equal(["A", "B", "C", "A"], cycle);
    }

    private static CloudFormationTemplate Synthetic(string resources) =>
        CloudFormationTemplate.Parse($$"""{ "Resources": {{resources}} }""", "synthetic.json");
}
