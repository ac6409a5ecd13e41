using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using GluonStyleText.Models;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Options;

/// <summary>
/// Validates <see cref="TextClassifierOptions"/>: the data annotations on the class plus the rules
/// that involve several keys or a fixed list of names. Every message starts with the JSON key the
/// user writes and states what is allowed, e.g. <c>dropout: 1.5 is outside the allowed range [0, 1)</c>.
/// </summary>
public sealed class TextClassifierOptionsValidator : IValidateOptions<TextClassifierOptions>
{
    /// <summary>Optimizer names the trainer knows, compared case-insensitively.</summary>
    public static IReadOnlyList<string> KnownOptimizers { get; } = ["adam", "adamw", "sgd", "adagrad", "rmsprop"];

    /// <summary>Checks <paramref name="options"/> and reports every failure at once.</summary>
    /// <param name="name">The options name; every name is validated the same way.</param>
    /// <param name="options">The options to check.</param>
    /// <returns>Success, or a failure listing one message per problem.</returns>
    public ValidateOptionsResult Validate(string? name, TextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = AnnotationFailures(options).Concat(RuleFailures(options)).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> AnnotationFailures(TextClassifierOptions options)
    {
        foreach (var key in OptionKeys.All)
        {
            var value = key.Property.GetValue(options);
            var context = new ValidationContext(options) { MemberName = key.Property.Name, DisplayName = key.JsonName };
            foreach (var attribute in key.Property.GetCustomAttributes<ValidationAttribute>())
            {
                var result = attribute.GetValidationResult(value, context);
                if (result != ValidationResult.Success)
                {
                    yield return Describe(attribute, key.JsonName, value, result?.ErrorMessage);
                }
            }
        }
    }

    private static string Describe(ValidationAttribute attribute, string key, object? value, string? message) => attribute switch
    {
        RangeAttribute range => $"{key}: {Shown(value)} is outside the allowed range {RangeText(range)}",
        RequiredAttribute => $"{key}: a non-empty value is required",
        _ => $"{key}: {message}",
    };

    private static string RangeText(RangeAttribute range) =>
        $"{(range.MinimumIsExclusive ? "(" : "[")}{Shown(range.Minimum)}, {Shown(range.Maximum)}{(range.MaximumIsExclusive ? ")" : "]")}";

    private static IEnumerable<string> RuleFailures(TextClassifierOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Optimizer)
            && !KnownOptimizers.Contains(options.Optimizer, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"optimizer: \"{options.Optimizer}\" is not one of {string.Join(", ", KnownOptimizers)}";
        }

        if (!string.IsNullOrWhiteSpace(options.Device) && !DeviceSelector.IsValidName(options.Device))
        {
            yield return $"device: \"{options.Device}\" is not one of {DeviceSelector.AcceptedNames}";
        }

        if (!string.IsNullOrWhiteSpace(options.CnnPooling) && !CnnPoolingModes.All.Contains(options.CnnPooling, StringComparer.Ordinal))
        {
            yield return $"cnn_pooling: \"{options.CnnPooling}\" is not one of {string.Join(", ", CnnPoolingModes.All)}";
        }

        if (options.NumberOfClasses == 1)
        {
            yield return "n_classes: 1 is not allowed; use 0 (from the training data) or at least 2";
        }

        if (!string.IsNullOrWhiteSpace(options.BadRows) && !BadRowModes.All.Contains(options.BadRows, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"bad_rows: \"{options.BadRows}\" is not one of {string.Join(", ", BadRowModes.All)}";
        }

        if (!string.IsNullOrWhiteSpace(options.ClassWeights) && !ClassWeightModes.All.Contains(options.ClassWeights, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"class_weights: \"{options.ClassWeights}\" is not one of {string.Join(", ", ClassWeightModes.All)}";
        }

        if (!options.Cnn && options.BigramBuckets > 0)
        {
            yield return "bigram_buckets: the bag of bigrams belongs to the CNN; set it to 0 or set cnn to true";
        }

        foreach (var failure in KernelSizeFailures(options))
        {
            yield return failure;
        }

        if (options.UsePretrainedEmbeddings && string.IsNullOrWhiteSpace(options.EmbeddingsPath))
        {
            yield return "use_spacy_pretrained is true but embeddings_path is not set";
        }

        if (!string.IsNullOrWhiteSpace(options.SaveName) && options.SaveName.IndexOfAny(ForbiddenInFileNames) >= 0)
        {
            yield return $"save_name: \"{options.SaveName}\" must be a plain file name, without directory separators";
        }

        if (!string.IsNullOrWhiteSpace(options.TextColumn)
            && string.Equals(options.TextColumn, options.LabelColumn, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"text_column and label_column are both \"{options.TextColumn}\"; they must name different columns";
        }
    }

    private static IEnumerable<string> KernelSizeFailures(TextClassifierOptions options)
    {
        // A kernel wider than the padded text leaves the convolution nothing to slide over; the
        // LSTM ignores kernel sizes, and an invalid seq_len is reported on its own.
        var boundedBySequence = options.Cnn && options.SequenceLength >= 1;
        var maximum = boundedBySequence ? options.SequenceLength : int.MaxValue;
        var allowed = boundedBySequence ? $"[1, {maximum}] (seq_len is {maximum})" : $"[1, {maximum}]";
        if (options.KernelSizes is { Length: > 0 } sizes)
        {
            foreach (var size in sizes.Where(size => size < 1 || size > maximum))
            {
                yield return $"kernel_sizes: {size} is outside the allowed range {allowed}";
            }
        }
        else if (options.KernelSize > maximum)
        {
            yield return $"kernel_size: {options.KernelSize} is outside the allowed range {allowed}";
        }
    }

    private static readonly char[] ForbiddenInFileNames =
        [.. Path.GetInvalidFileNameChars().Union(['/', '\\', ':'])];

    private static string Shown(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
