using System.Text.Json.Nodes;
using GluonStyleText.Aws.Tests.Infrastructure;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// The policies of the resolved template that decide a request: the principal's identity
/// policies (a role's inline policies, or a managed policy) and the bucket policy of an S3
/// resource. The decision is IAM's: an applicable Deny wins, else an applicable Allow allows,
/// else the request is implicitly denied.
/// </summary>
internal sealed class IamPolicies(CloudFormationTemplate template, ResolvedTemplate resolved)
{
    /// <summary>The statements of a role's inline policies, or of a managed policy, by logical id.</summary>
    public IReadOnlyList<IamStatement> IdentityStatements(string principal)
    {
        var properties = resolved.Properties(principal);
        var documents = CloudFormationTemplate.TypeOf(template.Resource(principal)) == "AWS::IAM::ManagedPolicy"
            ? [("PolicyDocument", properties["PolicyDocument"]!)]
            : (properties["Policies"]?.AsArray() ?? []).Select((policy, i) => ($"Policies[{i}]", policy!["PolicyDocument"]!)).ToList();
        return documents.SelectMany(document => Statements($"{principal}.{document.Item1}", document.Item2)).ToList();
    }

    /// <summary>The statements of the role's trust policy.</summary>
    public IReadOnlyList<IamStatement> TrustStatements(string role) =>
        Statements($"{role}.AssumeRolePolicyDocument", resolved.Properties(role)["AssumeRolePolicyDocument"]!).ToList();

    /// <summary>Whether the principal may make the request, and the statements that decided it.</summary>
    public (bool Allowed, IReadOnlyList<IamStatement> Allowing) Decide(IamRequest request, IReadOnlyList<IamStatement>? identity = null)
    {
        var statements = (identity ?? IdentityStatements(request.Principal)).Concat(ResourceStatements(request)).ToList();
        var applicable = statements.Where(statement => statement.Applies(request)).ToList();
        if (applicable.Any(statement => statement.Effect == "Deny"))
        {
            return (false, []);
        }

        var allowing = applicable.Where(statement => statement.Effect == "Allow").ToList();
        return (allowing.Count > 0, allowing);
    }

    private IEnumerable<IamStatement> ResourceStatements(IamRequest request)
    {
        if (!request.Action.StartsWith("s3:", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var bucket = request.Resource["arn:aws:s3:::".Length..].Split('/')[0];
        return template.ResourcesOfType("AWS::S3::BucketPolicy")
            .Where(policy => resolved.Properties(policy.Key)["Bucket"]!.GetValue<string>() == bucket)
            .SelectMany(policy => Statements(policy.Key, resolved.Properties(policy.Key)["PolicyDocument"]!));
    }

    private static IEnumerable<IamStatement> Statements(string location, JsonNode document)
    {
        var statements = document["Statement"]!;
        return statements is JsonArray array
            ? array.Select((statement, i) => new IamStatement($"{location}.Statement[{i}]", statement!.AsObject()))
            : [new IamStatement($"{location}.Statement", statements.AsObject())];
    }
}
