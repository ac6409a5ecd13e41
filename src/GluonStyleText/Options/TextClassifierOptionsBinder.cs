using System.Text.Json;

namespace GluonStyleText.Options;

/// <summary>
/// Sets <see cref="TextClassifierOptions"/> properties from raw key/value pairs. Unknown keys become
/// warnings (a misspelt key must not go unnoticed, but must not stop a run either); values of the
/// wrong type become errors that name the source, the key and the value.
/// </summary>
internal static class TextClassifierOptionsBinder
{
    // SageMaker adds its own entries (sagemaker_program, sagemaker_region, ...) to hyperparameters.json.
    private const string SageMakerKeyPrefix = "sagemaker_";

    public static OptionsBindingResult Bind(
        IEnumerable<KeyValuePair<string, JsonElement>> values, string sourceName, TextClassifierOptions target)
    {
        var warnings = new List<string>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (name.StartsWith(SageMakerKeyPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = OptionKeys.Find(name);
            if (key is null)
            {
                warnings.Add(UnknownKeyWarning(name, sourceName));
                continue;
            }

            if (!seen.Add(key.JsonName))
            {
                warnings.Add($"{sourceName}: \"{key.JsonName}\" is set more than once; the last value is used");
            }

            if (OptionValueConverter.TryConvert(value, key, out var converted, out var error))
            {
                key.Property.SetValue(target, converted);
            }
            else
            {
                errors.Add($"{sourceName}: {error}");
            }
        }

        return new OptionsBindingResult(warnings, errors);
    }

    private static string UnknownKeyWarning(string name, string sourceName)
    {
        var suggestion = OptionKeys.ClosestTo(name);
        var hint = suggestion is null ? "" : $" (did you mean \"{suggestion}\"?)";
        return $"{sourceName}: unknown key \"{name}\" is ignored{hint}";
    }
}
