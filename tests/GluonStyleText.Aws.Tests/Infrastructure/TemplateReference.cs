namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>How a template value names another parameter or resource.</summary>
internal enum TemplateReferenceKind
{
    /// <summary><c>{"Ref": "Name"}</c>.</summary>
    Ref,

    /// <summary><c>{"Fn::GetAtt": ["Name", "Attribute"]}</c>.</summary>
    GetAtt,

    /// <summary><c>${Name}</c> inside an <c>Fn::Sub</c> string.</summary>
    SubRef,

    /// <summary><c>${Name.Attribute}</c> inside an <c>Fn::Sub</c> string.</summary>
    SubGetAtt,

    /// <summary>A resource's <c>DependsOn</c> entry.</summary>
    DependsOn,
}

/// <summary>One reference found in a template, with where it was found.</summary>
/// <param name="Kind">The syntax used.</param>
/// <param name="Target">The parameter, resource or pseudo parameter named.</param>
/// <param name="Attribute">The attribute, for GetAtt forms.</param>
/// <param name="Location">A dotted path such as Resources.UploadFunction.Properties.Role.</param>
/// <param name="SubVariables">Names defined by the Fn::Sub variable map around a Sub reference.</param>
internal sealed record TemplateReference(
    TemplateReferenceKind Kind,
    string Target,
    string? Attribute,
    string Location,
    IReadOnlySet<string> SubVariables)
{
    public bool IsGetAtt => Kind is TemplateReferenceKind.GetAtt or TemplateReferenceKind.SubGetAtt;
}
