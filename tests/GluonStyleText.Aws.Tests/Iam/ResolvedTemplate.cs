using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GluonStyleText.Aws.Tests.Infrastructure;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// The stack template with its intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If
/// with its Conditions) evaluated
/// for one account, region and set of parameters, as CloudFormation would deploy it. Resources
/// without an explicit name get their logical id as physical name; ARNs follow each service's format.
/// </summary>
internal sealed partial class ResolvedTemplate
{
    public const string Partition = "aws";

    // What Ref AWS::NoValue leaves: the property or list item is dropped.
    private const string NoValue = "\u0000AWS::NoValue";

    private readonly CloudFormationTemplate _template;
    private readonly IReadOnlyDictionary<string, string> _parameters;

    public ResolvedTemplate(CloudFormationTemplate template, string account, string region, IReadOnlyDictionary<string, string> parameters)
    {
        this._template = template;
        Account = account;
        Region = region;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, definition) in template.Parameters)
        {
            // A parameter without default (VPC, subnets, Lambda code) gets a placeholder unless given.
            values[name] = !definition.TryGetProperty("Default", out var value) ? $"<{name}>"
                : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        this._parameters = values;
    }

    public string Account { get; }

    public string Region { get; }

    /// <summary>A resource's Properties, every intrinsic function evaluated.</summary>
    public JsonNode Properties(string logicalId) => Resolve(_template.Properties(logicalId))!;

    /// <summary>An output's value.</summary>
    public string Output(string name) => Resolve(_template.Outputs[name].GetProperty("Value"))!.GetValue<string>();

    /// <summary>The value of <c>Ref</c> on a parameter, pseudo parameter or resource.</summary>
    public string Ref(string name)
    {
        switch (name)
        {
            case "AWS::AccountId": return Account;
            case "AWS::Region": return Region;
            case "AWS::Partition": return Partition;
            case "AWS::StackName": return "stack";
            case "AWS::URLSuffix": return "amazonaws.com";
        }

        if (_parameters.TryGetValue(name, out var value))
        {
            return value;
        }

        var type = CloudFormationTemplate.TypeOf(_template.Resource(name));
        return type switch
        {
            "AWS::S3::Bucket" => NamedBy(name, "BucketName"),
            "AWS::ECR::Repository" => NamedBy(name, "RepositoryName"),
            "AWS::Logs::LogGroup" => NamedBy(name, "LogGroupName"),
            "AWS::IAM::ManagedPolicy" => $"arn:{Partition}:iam::{Account}:policy/{name}",
            "AWS::Batch::JobQueue" => $"arn:{Partition}:batch:{Region}:{Account}:job-queue/{name}",
            "AWS::Batch::JobDefinition" => $"arn:{Partition}:batch:{Region}:{Account}:job-definition/{name}:1",
            "AWS::Batch::ComputeEnvironment" => $"arn:{Partition}:batch:{Region}:{Account}:compute-environment/{name}",
            "AWS::SQS::Queue" => $"https://sqs.{Region}.amazonaws.com/{Account}/{name}",
            _ => name,
        };
    }

    /// <summary>The value of <c>Fn::GetAtt</c>.</summary>
    public string GetAtt(string name, string attribute)
    {
        var type = CloudFormationTemplate.TypeOf(_template.Resource(name));
        return (type, attribute) switch
        {
            ("AWS::S3::Bucket", "Arn") => $"arn:{Partition}:s3:::{Ref(name)}",
            ("AWS::IAM::Role", "Arn") => $"arn:{Partition}:iam::{Account}:role/{name}",
            ("AWS::IAM::InstanceProfile", "Arn") => $"arn:{Partition}:iam::{Account}:instance-profile/{name}",
            // A log group's Arn attribute ends with ":*" (every stream of the group).
            ("AWS::Logs::LogGroup", "Arn") => $"arn:{Partition}:logs:{Region}:{Account}:log-group:{Ref(name)}:*",
            ("AWS::ECR::Repository", "Arn") => $"arn:{Partition}:ecr:{Region}:{Account}:repository/{Ref(name)}",
            ("AWS::ECR::Repository", "RepositoryUri") => $"{Account}.dkr.ecr.{Region}.amazonaws.com/{Ref(name)}",
            ("AWS::Lambda::Function", "Arn") => $"arn:{Partition}:lambda:{Region}:{Account}:function:{name}",
            ("AWS::SQS::Queue", "Arn") => $"arn:{Partition}:sqs:{Region}:{Account}:{name}",
            ("AWS::SQS::Queue", "QueueName") => name,
            ("AWS::Batch::JobQueue", "JobQueueArn") => Ref(name),
            _ => throw new NotSupportedException($"{nameof(ResolvedTemplate)} does not know {type}.{attribute}: add it."),
        };
    }

    public JsonNode? Resolve(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                return new JsonArray(element.EnumerateArray().Select(Resolve).Where(item => !IsNoValue(item)).ToArray());
            case JsonValueKind.Object:
                var properties = element.EnumerateObject().ToList();
                if (properties.Count == 1 && properties[0].Name is "Ref" or "Fn::GetAtt" or "Fn::Sub" or "Fn::Join" or "Fn::If")
                {
                    return Function(properties[0].Name, properties[0].Value);
                }

                var result = new JsonObject();
                foreach (var property in properties)
                {
                    var value = Resolve(property.Value);
                    if (!IsNoValue(value))
                    {
                        result[property.Name] = value;
                    }
                }

                return result;
            default:
                return JsonNode.Parse(element.GetRawText());
        }
    }

    /// <summary>Evaluates a condition of the Conditions section.</summary>
    public bool Condition(string name) => Holds(_template.Root.GetProperty("Conditions").GetProperty(name));

    /// <summary>Whether CloudFormation creates the resource: it has no Condition, or its Condition holds.</summary>
    public bool Exists(string logicalId) =>
        !_template.Resource(logicalId).TryGetProperty("Condition", out var condition) || Condition(condition.GetString()!);

    private static bool IsNoValue(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text == NoValue;

    private bool Holds(JsonElement condition)
    {
        var function = condition.EnumerateObject().Single();
        var arguments = function.Value;
        return function.Name switch
        {
            "Fn::Not" => !Holds(arguments[0]),
            "Fn::And" => arguments.EnumerateArray().All(Holds),
            "Fn::Or" => arguments.EnumerateArray().Any(Holds),
            "Fn::Equals" => Scalar(arguments[0]) == Scalar(arguments[1]),
            "Condition" => Condition(arguments.GetString()!),
            _ => throw new NotSupportedException($"Condition function {function.Name} is not evaluated here: add it."),
        };
    }

    private string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Object => Resolve(element)!.ToString(),
        _ => element.GetRawText(),
    };

    private JsonNode? Function(string name, JsonElement argument) => name switch
    {
        "Ref" when argument.GetString() == "AWS::NoValue" => NoValue,
        "Fn::If" => Resolve(Condition(argument[0].GetString()!) ? argument[1] : argument[2]),
        "Ref" when IsListParameter(argument.GetString()!) => new JsonArray(Ref(argument.GetString()!).Split(',').Select(item => (JsonNode?)JsonValue.Create(item)).ToArray()),
        "Ref" => Ref(argument.GetString()!),
        "Fn::GetAtt" => GetAtt(argument[0].GetString()!, argument[1].GetString()!),
        "Fn::Join" => string.Join(argument[0].GetString(), JoinItems(argument[1])),
        _ => Sub(argument),
    };

    // A list parameter (CommaDelimitedList, List<...>) is a list to Ref, as in CloudFormation.
    private bool IsListParameter(string name) =>
        _template.Parameters.TryGetValue(name, out var parameter)
        && parameter.GetProperty("Type").GetString() is { } type
        && (type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal));

    // Fn::Join takes a list written out, or a function that gives one (a list parameter's Ref).
    private IEnumerable<string> JoinItems(JsonElement list) =>
        (list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(Resolve) : Resolve(list)!.AsArray())
            .Select(item => item!.GetValue<string>());

    private string Sub(JsonElement argument)
    {
        var (text, variables) = argument.ValueKind == JsonValueKind.Array
            ? (argument[0].GetString()!, argument[1].EnumerateObject().ToDictionary(p => p.Name, p => Resolve(p.Value)!.GetValue<string>()))
            : (argument.GetString()!, new Dictionary<string, string>());
        return SubVariable().Replace(text, match =>
        {
            var variable = match.Groups[1].Value;
            if (variable.StartsWith('!'))
            {
                return "${" + variable[1..] + "}";
            }

            if (variables.TryGetValue(variable, out var value))
            {
                return value;
            }

            var dot = variable.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && !variable.StartsWith("AWS::", StringComparison.Ordinal) ? GetAtt(variable[..dot], variable[(dot + 1)..]) : Ref(variable);
        });
    }

    private string NamedBy(string logicalId, string nameProperty) =>
        _template.Properties(logicalId).TryGetProperty(nameProperty, out var named) ? Resolve(named)!.GetValue<string>() : logicalId;

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();
}
