using System.Text.Json;
using GluonStyleText.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Options;

/// <summary>
/// Reads <see cref="TextClassifierOptions"/> from the seed's <c>config.json</c>, from SageMaker's
/// string-valued hyperparameters, or from a saved bundle configuration, and writes them back with the
/// same snake_case keys.
/// </summary>
public static class TextClassifierOptionsLoader
{
    /// <summary>The logger category used for configuration warnings.</summary>
    public const string LoggerCategory = "GluonStyleText.Options";

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>Loads and validates the JSON configuration file at <paramref name="path"/>.</summary>
    /// <param name="path">A JSON object of configuration keys, such as the seed's <c>config.json</c> or SageMaker's <c>hyperparameters.json</c>.</param>
    /// <param name="logger">Receives every warning as well; optional.</param>
    /// <returns>The options and the warnings, such as unknown keys.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a JSON object; the message names the file and line.</exception>
    /// <exception cref="OptionsValidationException">Values have the wrong type or break a rule; lists every failure.</exception>
    public static OptionsLoadResult Load(string path, ILogger? logger = null)
    {
        var options = new TextClassifierOptions();
        var binding = BindFile(path, options);
        return Validated(options, binding, path, logger);
    }

    /// <summary>Loads and validates configuration from JSON text.</summary>
    /// <param name="json">A JSON object of configuration keys.</param>
    /// <param name="sourceName">Where the text came from; starts every message.</param>
    /// <param name="logger">Receives every warning as well; optional.</param>
    /// <returns>The options and the warnings, such as unknown keys.</returns>
    /// <exception cref="InvalidDataException">The text is not a JSON object; the message names the source and line.</exception>
    /// <exception cref="OptionsValidationException">Values have the wrong type or break a rule; lists every failure.</exception>
    public static OptionsLoadResult LoadJson(string json, string sourceName, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var options = new TextClassifierOptions();
        var binding = BindJson(json, sourceName, options);
        return Validated(options, binding, sourceName, logger);
    }

    /// <summary>
    /// Loads and validates string-valued configuration, such as the hyperparameters SageMaker hands
    /// to a training job: <c>"5"</c>, <c>"0.001"</c>, <c>"True"</c>, <c>"[3,4,5]"</c> or <c>"3,4,5"</c>
    /// bind like their typed equivalents, and JSON-quoted strings (<c>"\"adam\""</c>) are unquoted.
    /// </summary>
    /// <param name="values">Key/value pairs; keys starting with <c>sagemaker_</c> are SageMaker's own and are skipped.</param>
    /// <param name="sourceName">Where the values came from; starts every message.</param>
    /// <param name="logger">Receives every warning as well; optional.</param>
    /// <returns>The options and the warnings, such as unknown keys.</returns>
    /// <exception cref="OptionsValidationException">Values have the wrong type or break a rule; lists every failure.</exception>
    public static OptionsLoadResult FromStrings(
        IReadOnlyDictionary<string, string> values, string sourceName, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var options = new TextClassifierOptions();
        var elements = values.Select(pair => KeyValuePair.Create(pair.Key, JsonSerializer.SerializeToElement(pair.Value)));
        var binding = TextClassifierOptionsBinder.Bind(elements, sourceName, options);
        return Validated(options, binding, sourceName, logger);
    }

    /// <summary>The options as indented JSON with the same keys <see cref="LoadJson"/> reads.</summary>
    /// <param name="options">The options to write.</param>
    /// <returns>A JSON object holding every key, unset optional ones as null.</returns>
    public static string ToJson(TextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JsonSerializer.Serialize(options, WriteOptions);
    }

    /// <summary>
    /// The options as string key/value pairs, the inverse of <see cref="FromStrings"/>: every key that
    /// has a value, under its configuration name (<c>num_epoch</c>, <c>seq_len</c>, ...), lists as compact
    /// JSON (<c>"[3,4,5]"</c>). This is the form SageMaker hyperparameters take.
    /// </summary>
    /// <param name="options">The options to convert.</param>
    /// <returns>Key/value strings in the options' key order; unset optional keys are left out.</returns>
    public static IReadOnlyDictionary<string, string> ToStrings(TextClassifierOptions options)
    {
        using var document = JsonDocument.Parse(ToJson(options));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : JsonSerializer.Serialize(property.Value);
            }
        }

        return values;
    }

    /// <summary>
    /// Writes the options to <paramref name="path"/> as JSON (see <see cref="ToJson"/>), through a
    /// temporary file so that a reader never sees half a file.
    /// </summary>
    /// <param name="options">The options to write.</param>
    /// <param name="path">The file to create or replace.</param>
    public static void Save(TextClassifierOptions options, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = ToJson(options);
        AtomicFile.WriteText(path, json);
    }

    /// <summary>
    /// Applies the file at <paramref name="path"/> onto <paramref name="target"/> without validating,
    /// for the options pipeline, whose registered validator runs afterwards.
    /// </summary>
    internal static void ConfigureFromFile(string path, TextClassifierOptions target, ILogger? logger)
    {
        var binding = BindFile(path, target);
        Log(binding.Warnings, logger);
        if (binding.Errors.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(TextClassifierOptions), binding.Errors);
        }
    }

    private static OptionsBindingResult BindFile(string path, TextClassifierOptions target)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Configuration file not found: {Path.GetFullPath(path)}", path);
        }

        return BindJson(File.ReadAllText(path), path, target);
    }

    private static OptionsBindingResult BindJson(string json, string sourceName, TextClassifierOptions target)
    {
        using var document = Parse(json, sourceName);
        if (JsonStrings.FindUnreadable(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is { } unreadable)
        {
            throw new InvalidDataException($"{sourceName}: line {unreadable.Line}: {unreadable.Problem}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException(
                $"{sourceName}: the configuration must be a JSON object of keys and values, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
        }

        var values = document.RootElement.EnumerateObject().Select(property => KeyValuePair.Create(property.Name, property.Value));
        return TextClassifierOptionsBinder.Bind(values, sourceName, target);
    }

    private static JsonDocument Parse(string json, string sourceName)
    {
        try
        {
            return JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException exception)
        {
            // The reader's own message ends with zero-based "LineNumber: 0 | BytePositionInLine: 5.";
            // people count lines from 1.
            var reason = exception.Message;
            var positionStart = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = positionStart > 0 ? reason[..positionStart] : reason;
            throw new InvalidDataException(
                $"{sourceName}: line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}: malformed JSON: {reason}",
                exception);
        }
    }

    private static OptionsLoadResult Validated(
        TextClassifierOptions options, OptionsBindingResult binding, string sourceName, ILogger? logger)
    {
        Log(binding.Warnings, logger);
        var validation = new TextClassifierOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        var failures = binding.Errors
            .Concat(validation.Failed ? validation.Failures.Select(failure => $"{sourceName}: {failure}") : [])
            .ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(TextClassifierOptions), failures);
        }

        return new OptionsLoadResult(options, binding.Warnings);
    }

    private static void Log(IReadOnlyList<string> warnings, ILogger? logger)
    {
        if (logger is null)
        {
            return;
        }

        foreach (var warning in warnings)
        {
            OptionsLog.ConfigurationWarning(logger, warning);
        }
    }
}
