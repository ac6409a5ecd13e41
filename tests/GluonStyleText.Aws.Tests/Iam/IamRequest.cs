namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// One authorization IAM makes: a principal (the component, such as <c>PredictJobRole</c>) doing
/// an action on a resource ARN, with the request's condition keys (e.g. <c>s3:prefix</c>,
/// <c>aws:SecureTransport</c>).
/// </summary>
/// <param name="Why">What in the code or platform made the call, for messages.</param>
internal sealed record IamRequest(string Principal, string Action, string Resource, IReadOnlyDictionary<string, string> Context, string Why)
{
    public override string ToString() =>
        $"{Principal}: {Action} on {Resource}{(Context.Count == 0 ? "" : $" [{string.Join(", ", Context.Select(c => $"{c.Key}={c.Value}"))}]")} ({Why})";
}
