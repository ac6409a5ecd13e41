using System.ComponentModel.DataAnnotations;
using GluonStyleText.Options;

namespace GluonStyleText.Embeddings;

/// <summary>How <see cref="PretrainedEmbeddingLoader"/> reads a word-vectors file and fills the rows it lacks.</summary>
public sealed class EmbeddingLoadOptions : IValidatableObject
{
    /// <summary>The file layout. Default <see cref="WordVectorFormat.Auto"/>.</summary>
    public WordVectorFormat Format { get; set; } = WordVectorFormat.Auto;

    /// <summary>Seed of the random rows given to words without a vector. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Words without a vector get values drawn uniformly from [-InitRange, InitRange). Default 0.1.</summary>
    [Range(0.0, 1000.0)]
    public double InitRange { get; set; } = 0.1;

    /// <summary>
    /// The embedding size the model expects; a file with another dimension is rejected. Null (default) takes the
    /// file's dimension.
    /// </summary>
    [Range(1, PretrainedEmbeddingLoader.MaxDimension)]
    public int? ExpectedDimension { get; set; }

    /// <summary>
    /// Give a word without a vector of its own the vector of its lower-case form (<c>Paris</c> gets <c>paris</c>).
    /// Default true.
    /// </summary>
    public bool LowerCaseFallback { get; set; } = true;

    /// <summary>
    /// The options for a classifier's configuration: its embedding size and seed.
    /// </summary>
    /// <param name="options">The classifier options.</param>
    /// <returns>New options with <see cref="ExpectedDimension"/> and <see cref="Seed"/> taken from <paramref name="options"/>.</returns>
    public static EmbeddingLoadOptions From(TextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EmbeddingLoadOptions { ExpectedDimension = options.EmbeddingSize, Seed = options.Seed };
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming every invalid setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException(
                "Invalid embedding load options: " + string.Join("; ", results.Select(r => r.ErrorMessage)));
        }
    }

    /// <inheritdoc/>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Format))
        {
            yield return new ValidationResult($"Format {(int)Format} is not a WordVectorFormat.", [nameof(Format)]);
        }

        if (double.IsNaN(InitRange))
        {
            yield return new ValidationResult("InitRange must be a number.", [nameof(InitRange)]);
        }
    }
}
