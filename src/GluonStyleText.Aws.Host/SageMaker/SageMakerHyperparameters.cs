using System.Text.Json;

namespace GluonStyleText.Aws.Host.SageMaker;

/// <summary>
/// Reads SageMaker's hyperparameters, whose values are always strings (<c>"5"</c>, <c>"0.001"</c>,
/// <c>"true"</c>, <c>"[3,4,5]"</c>); <see cref="GluonStyleText.Options.TextClassifierOptionsLoader.FromStrings"/>
/// binds them, and <see cref="GluonStyleText.Options.TextClassifierOptionsLoader.ToStrings"/> made them.
/// </summary>
public static class SageMakerHyperparameters
{
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
