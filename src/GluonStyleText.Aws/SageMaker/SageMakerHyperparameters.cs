using System.Text.Json;
using GluonStyleText.Options;

namespace GluonStyleText.Aws.SageMaker;

/// <summary>
/// Converts between <see cref="TextClassifierOptions"/> and SageMaker hyperparameters, whose
/// values are always strings (<c>"5"</c>, <c>"0.001"</c>, <c>"true"</c>, <c>"[3,4,5]"</c>).
/// <see cref="TextClassifierOptionsLoader.FromStrings"/> reads them back into the same options.
/// </summary>
public static class SageMakerHyperparameters
{
    /// <summary>
    /// The options as hyperparameters: every key that has a value, under its configuration name
    /// (<c>num_epoch</c>, <c>seq_len</c>, ...). Unset optional keys are left out.
    /// </summary>
    /// <param name="options">The options to send.</param>
    /// <returns>Key/value strings, in the options' key order.</returns>
    /// <exception cref="ArgumentException">A value is longer than SageMaker accepts, or there are too many keys.</exception>
    public static IReadOnlyDictionary<string, string> FromOptions(TextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var document = JsonDocument.Parse(TextClassifierOptionsLoader.ToJson(options));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            // Compact JSON for lists: "[3,4,5]" rather than the indented form ToJson writes.
            var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : JsonSerializer.Serialize(property.Value);
            if (value.Length > TrainingJobRequest.MaxHyperParameterValueLength)
            {
                throw new ArgumentException(
                    $"Option \"{property.Name}\" is {value.Length} characters long; SageMaker accepts hyperparameter values of at most {TrainingJobRequest.MaxHyperParameterValueLength}.",
                    nameof(options));
            }

            values[property.Name] = value;
        }

        if (values.Count > TrainingJobRequest.MaxHyperParameters)
        {
            throw new ArgumentException(
                $"The options make {values.Count} hyperparameters; SageMaker accepts at most {TrainingJobRequest.MaxHyperParameters}.", nameof(options));
        }

        return values;
    }

    /// <summary>
    /// Reads SageMaker's <c>hyperparameters.json</c>. Values should be strings; any other JSON value
    /// is kept as its JSON text, which the options loader reads the same way.
    /// </summary>
    /// <param name="path">The file, normally <see cref="SageMakerPaths.HyperparametersFile"/>.</param>
    /// <returns>The key/value pairs, in file order.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a JSON object; the message names the file and line.</exception>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The hyperparameters file '{path}' does not exist.", path);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: line {e.LineNumber + 1}: not valid JSON ({FirstSentence(e.Message)}).", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException(
                    $"{path}: expected a JSON object of hyperparameters, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }

            return values;
        }
    }

    private static string FirstSentence(string message)
    {
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (position > 0 ? message[..position] : message).TrimEnd('.', ' ');
    }
}
