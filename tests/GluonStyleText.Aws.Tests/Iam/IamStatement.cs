using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// One resolved policy statement, matched against a request with IAM's rules: actions compare
/// case-insensitively and resources case-sensitively, both with <c>*</c> (any characters) and
/// <c>?</c> (one character); every condition operator must hold, every key within an operator
/// must hold, and a key holds when any of its values matches. A key missing from the request
/// fails its test unless the operator ends in <c>IfExists</c>.
/// </summary>
internal sealed class IamStatement
{
    public IamStatement(string location, JsonObject statement)
    {
        Location = statement["Sid"]?.GetValue<string>() is { } sid ? $"{location} ({sid})" : location;
        Effect = statement["Effect"]!.GetValue<string>();
        Actions = Strings(statement["Action"]);
        // A trust policy names no Resource: it is attached to the one resource it governs.
        Resources = statement["Resource"] is null ? ["*"] : Strings(statement["Resource"]);
        Condition = statement["Condition"] as JsonObject;
        if (statement["NotAction"] is not null || statement["NotResource"] is not null || statement["NotPrincipal"] is not null)
        {
            throw new NotSupportedException($"{Location}: NotAction/NotResource/NotPrincipal are not evaluated here.");
        }
    }

    public string Location { get; }

    public string Effect { get; }

    public IReadOnlyList<string> Actions { get; }

    public IReadOnlyList<string> Resources { get; }

    public JsonObject? Condition { get; }

    public bool Applies(IamRequest request) =>
        Actions.Any(action => Wildcard(action, ignoreCase: true).IsMatch(request.Action))
        && Resources.Any(resource => Wildcard(resource, ignoreCase: false).IsMatch(request.Resource))
        && ConditionsHold(request.Context);

    public override string ToString() => Location;

    /// <summary>IAM's wildcard match over the whole string.</summary>
    public static Regex Wildcard(string pattern, bool ignoreCase) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));

    private bool ConditionsHold(IReadOnlyDictionary<string, string> context)
    {
        if (Condition is null)
        {
            return true;
        }

        foreach (var (rawOperator, tests) in Condition)
        {
            var ifExists = rawOperator.EndsWith("IfExists", StringComparison.Ordinal);
            var op = ifExists ? rawOperator[..^"IfExists".Length] : rawOperator;
            foreach (var (key, expected) in tests!.AsObject())
            {
                // Condition keys are case-insensitive.
                var present = context.FirstOrDefault(entry => entry.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
                if (present.Key is null)
                {
                    if (!ifExists)
                    {
                        return false;
                    }

                    continue;
                }

                if (!Strings(expected).Any(value => Holds(op, present.Value, value)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool Holds(string op, string actual, string expected) => op switch
    {
        "StringEquals" or "ArnEquals" => actual == expected,
        "StringNotEquals" => actual != expected,
        "StringEqualsIgnoreCase" => actual.Equals(expected, StringComparison.OrdinalIgnoreCase),
        "StringLike" or "ArnLike" => Wildcard(expected, ignoreCase: false).IsMatch(actual),
        "Bool" => actual.Equals(expected, StringComparison.OrdinalIgnoreCase),
        _ => throw new NotSupportedException($"{Location}: condition operator {op} is not evaluated here: add it."),
    };

    private static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(item => Scalar(item!)).ToList(),
        _ => [Scalar(node)],
    };

    private static string Scalar(JsonNode node) => node.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        System.Text.Json.JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
