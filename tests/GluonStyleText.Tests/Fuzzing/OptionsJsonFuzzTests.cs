using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GluonStyleText.Options;
using GluonStyleText.Tests.Data;
using GluonStyleText.Tests.Options;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>
/// Configuration files (the seed's config.json, SageMaker's hyperparameters.json, a bundle's options.json) cannot
/// crash <see cref="TextClassifierOptionsLoader"/>: a damaged one is loaded or refused with the documented
/// <see cref="InvalidDataException"/> (not a JSON object) or <see cref="OptionsValidationException"/> (bad values),
/// both naming the file.
/// </summary>
public sealed class OptionsJsonFuzzTests : IDisposable
{
    private static readonly Gen<string> ValidJson = Gen.OneOf(
        Gen.Constant(SeedConfig.Json),
        from cnn in Gen.Elements(true, false)
        from kernels in Gen.Elements<int[]?>(null, [3, 4, 5], [2])
        from auto in Gen.Elements(true, false)
        select TextClassifierOptionsLoader.ToJson(new TextClassifierOptions
        {
            Cnn = cnn,
            KernelSizes = cnn ? kernels : null,
            BigramBuckets = cnn ? 100 : 0,
            Auto = auto,
            NumberOfClasses = 3,
        }),
        // SageMaker's hyperparameters.json: every value a string, strings JSON-quoted inside.
        Gen.Constant("""{"num_epoch": "5", "optimizer": "\"adam\"", "kernel_sizes": "[3,4,5]", "cnn": "True", "learning_rate": "0.001", "sagemaker_program": "train"}"""));

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Property(MaxTest = 1500, Replay = "(9301,41)", QuietOnSuccess = true)]
    public Property ADamagedConfigurationFileIsLoadedOrRefusedNamingItsFile() =>
        Prop.ForAll(JsonGenerators.Mutated(ValidJson).ToArbitrary(), input =>
        {
            string path = _files.WriteBytes("config.json", input.Bytes);
            OptionsLoadResult? result = null;
            if (Documented.Check(() => result = TextClassifierOptionsLoader.Load(path), path, input.Bytes,
                typeof(InvalidDataException), typeof(OptionsValidationException)) is null)
            {
                // What loads is valid and survives a round trip through the writer.
                Assert.NotNull(result);
                Assert.True(new TextClassifierOptionsValidator().Validate(null, result.Options).Succeeded);
                var again = TextClassifierOptionsLoader.LoadJson(TextClassifierOptionsLoader.ToJson(result.Options), "again.json");
                Assert.Equal(TextClassifierOptionsLoader.ToJson(result.Options), TextClassifierOptionsLoader.ToJson(again.Options));
            }
        });

    [Property(MaxTest = 1000, Replay = "(9302,43)", QuietOnSuccess = true)]
    public Property DamagedStringValuedHyperparametersAreBoundOrRefusedNamingTheirSource() =>
        Prop.ForAll(JsonGenerators.Mutated(ValidJson).ToArbitrary(), input =>
        {
            // Only a JSON object of values can be SageMaker's string map; each value is handed over as its text.
            Dictionary<string, string> values;
            try
            {
                using var document = JsonDocument.Parse(input.Bytes);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return;
                }

                values = [];
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Not JSON, or a string that no JSON host could hand over as text.
                return;
            }

            Documented.Check(() => TextClassifierOptionsLoader.FromStrings(values, "hyperparameters.json"), "hyperparameters.json", input.Bytes,
                typeof(OptionsValidationException));
        });

    // Found by the property: a value escaped as an unpaired surrogate threw InvalidOperationException from GetString.
    [Fact]
    public void AStringEscapedAsAnUnpairedSurrogateIsRefusedNamingFileAndLine()
    {
        string path = _files.Write("config.json", "{\n  \"num_epoch\": 5,\n  \"optimizer\": \"ad\\uD800am\"\n}");

        var error = Assert.Throws<InvalidDataException>(() => TextClassifierOptionsLoader.Load(path));

        Assert.Contains("config.json: line 3: a string is not valid Unicode", error.Message, StringComparison.Ordinal);
    }
}
