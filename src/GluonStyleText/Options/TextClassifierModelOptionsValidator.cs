using GluonStyleText.Models;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Options;

/// <summary>
/// Validates <see cref="TextClassifierModelOptions"/> when the host starts, so that a service configured with a
/// missing bundle fails at once rather than at its first request. The bundle's content is checked when it loads.
/// </summary>
internal sealed class TextClassifierModelOptionsValidator : IValidateOptions<TextClassifierModelOptions>
{
    public ValidateOptionsResult Validate(string? name, TextClassifierModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.BundlePath))
        {
            return ValidateOptionsResult.Fail("BundlePath: no model bundle is configured; give the folder or .zip file that training wrote.");
        }

        if (!File.Exists(options.BundlePath) && !Directory.Exists(options.BundlePath))
        {
            return ValidateOptionsResult.Fail($"BundlePath: '{options.BundlePath}' does not exist (full path '{Path.GetFullPath(options.BundlePath)}').");
        }

        return DeviceSelector.IsValidName(options.Device)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Device: '{options.Device}' is not one of {DeviceSelector.AcceptedNames}.");
    }
}
