using System.Reflection;

namespace GluonStyleText.Options;

/// <summary>One configuration key: its JSON name, the property it binds to, and whether null is a valid value.</summary>
internal sealed record OptionKey(string JsonName, PropertyInfo Property, bool AllowsNull)
{
    public Type ValueType => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
}
