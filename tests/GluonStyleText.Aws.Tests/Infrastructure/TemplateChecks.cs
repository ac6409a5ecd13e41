namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>Checks that hold for any template: references resolve and resources do not depend on each other in a circle.</summary>
internal static class TemplateChecks
{
    private static readonly IReadOnlySet<string> PseudoParameters = new HashSet<string>
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
        "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    // The GetAtt attributes of the resource types this project uses (from each type's CloudFormation
    // reference). A type missing here fails the check on purpose: add its attributes when you use it.
    private static readonly IReadOnlyDictionary<string, string[]> AttributesByType = new Dictionary<string, string[]>
    {
        ["AWS::S3::Bucket"] = ["Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL"],
        ["AWS::ECR::Repository"] = ["Arn", "RepositoryUri"],
        ["AWS::IAM::Role"] = ["Arn", "RoleId"],
        ["AWS::IAM::InstanceProfile"] = ["Arn"],
        ["AWS::Lambda::Function"] = ["Arn", "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus"],
        ["AWS::Logs::LogGroup"] = ["Arn"],
        ["AWS::EC2::SecurityGroup"] = ["GroupId", "VpcId"],
        ["AWS::Batch::ComputeEnvironment"] = ["ComputeEnvironmentArn"],
        ["AWS::Batch::JobQueue"] = ["JobQueueArn"],
        ["AWS::SQS::Queue"] = ["Arn", "QueueName", "QueueUrl"],
    };

    /// <summary>One message per reference to a parameter, resource, attribute or pseudo parameter that does not exist.</summary>
    public static IReadOnlyList<string> UnresolvedReferences(CloudFormationTemplate template)
    {
        var problems = new List<string>();
        foreach (var reference in TemplateReferenceFinder.FindAll(template))
        {
            var problem = Check(template, reference);
            if (problem is not null)
            {
                problems.Add($"{template.Source}: {reference.Location}: {problem}");
            }
        }

        return problems;
    }

    /// <summary>A circle of resources that depend on each other (first one repeated at the end), or null.</summary>
    public static IReadOnlyList<string>? DependencyCycle(CloudFormationTemplate template)
    {
        var dependencies = template.Resources.Keys.ToDictionary(id => id, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var reference in TemplateReferenceFinder.FindAll(template))
        {
            var owner = ResourceOwning(reference.Location);
            if (owner is not null && dependencies.ContainsKey(owner) && template.Resources.ContainsKey(reference.Target)
                && !reference.SubVariables.Contains(reference.Target))
            {
                dependencies[owner].Add(reference.Target);
            }
        }

        var finished = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in dependencies.Keys.Order(StringComparer.Ordinal))
        {
            var cycle = Visit(start, dependencies, finished, path);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        return null;
    }

    private static List<string>? Visit(string id, Dictionary<string, SortedSet<string>> dependencies, HashSet<string> finished, List<string> path)
    {
        if (finished.Contains(id))
        {
            return null;
        }

        var onPath = path.IndexOf(id);
        if (onPath >= 0)
        {
            return [.. path.Skip(onPath), id];
        }

        path.Add(id);
        foreach (var dependency in dependencies[id])
        {
            var cycle = Visit(dependency, dependencies, finished, path);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        finished.Add(id);
        return null;
    }

    private static string? ResourceOwning(string location)
    {
        const string prefix = "Resources.";
        if (!location.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = location[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static string? Check(CloudFormationTemplate template, TemplateReference reference)
    {
        if (reference.Kind == TemplateReferenceKind.DependsOn)
        {
            return template.Resources.ContainsKey(reference.Target) ? null : $"DependsOn names no resource '{reference.Target}'.";
        }

        if (reference.IsGetAtt)
        {
            return CheckAttribute(template, reference);
        }

        var known = PseudoParameters.Contains(reference.Target)
            || template.Parameters.ContainsKey(reference.Target)
            || template.Resources.ContainsKey(reference.Target)
            || reference.SubVariables.Contains(reference.Target);
        return known ? null : $"{reference.Kind} names '{reference.Target}', which is no parameter, resource or pseudo parameter.";
    }

    private static string? CheckAttribute(CloudFormationTemplate template, TemplateReference reference)
    {
        if (!template.Resources.TryGetValue(reference.Target, out var resource))
        {
            return $"{reference.Kind} names '{reference.Target}.{reference.Attribute}', but there is no resource '{reference.Target}'.";
        }

        var type = CloudFormationTemplate.TypeOf(resource);
        if (!AttributesByType.TryGetValue(type, out var attributes))
        {
            return $"{reference.Kind} reads an attribute of {type}, whose attributes the test does not know yet: add them to {nameof(TemplateChecks)}.{nameof(AttributesByType)}.";
        }

        return attributes.Contains(reference.Attribute)
            ? null
            : $"{reference.Kind} reads '{reference.Attribute}' of '{reference.Target}', but {type} has only {string.Join(", ", attributes)}.";
    }
}
