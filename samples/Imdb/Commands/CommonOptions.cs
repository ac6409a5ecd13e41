using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GluonStyleText.Samples.Imdb.Commands;

/// <summary>Options several commands share, made the same way everywhere.</summary>
internal static partial class CommonOptions
{
    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Debug logs, the trainer's per-batch lines, and stack traces with errors.",
        Recursive = true,
    };

    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder with the IMDB train.csv and test.csv (header sentiment,review), or an extracted aclImdb folder. Without it, the official archive is downloaded once into the cache.",
        HelpName = "DIR",
    };

    public static Option<string?> CacheDirectory() => new("--cache-dir")
    {
        Description = "Where the downloaded IMDB archive and its CSVs are kept (default: the user's cache folder).",
        HelpName = "DIR",
    };

    public static Option<string?> Preset() => new Option<string?>("--preset")
    {
        Description = "Training configuration: seed (the seed's config.json), fast (CPU-friendly CNN), accurate (the CNN with a larger bigram bag) or bilstm. Files in the config folder beside the program.",
        HelpName = "NAME",
        DefaultValueFactory = _ => Training.TrainingPresets.Default,
    }.AcceptOnlyFromAmong(Training.TrainingPresets.Names);

    public static Option<string?> Config() => new("--config")
    {
        Description = "A configuration file in the seed's config.json format; replaces the preset.",
        HelpName = "FILE",
    };

    public static Option<string?> Embeddings() => new("--embeddings")
    {
        Description = "Pretrained word vectors (GloVe, fastText .vec or word2vec .bin, optionally gzipped). embed_size follows their dimension. Without it, embeddings start random.",
        HelpName = "FILE",
    };

    public static Option<int?> Epochs() => Positive(new Option<int?>("--epochs")
    {
        Description = "Number of epochs (overrides num_epoch).",
        HelpName = "N",
    });

    public static Option<int?> Threads() => Positive(new Option<int?>("--threads")
    {
        Description = "CPU threads for torch (default: all cores).",
        HelpName = "N",
    });

    public static Option<string?> Device(string defaultDescription)
    {
        var option = new Option<string?>("--device")
        {
            Description = $"cpu, cuda, cuda:N or auto (CUDA when available). Default: {defaultDescription}.",
            HelpName = "DEVICE",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !DevicePattern().IsMatch(value))
            {
                result.AddError($"--device '{value}' is not one of cpu, cuda, cuda:N, auto.");
            }
        });
        return option;
    }

    public static Option<string> Model() => new("--model")
    {
        Description = "The model bundle: a folder or a .zip written by train.",
        HelpName = "BUNDLE",
        Required = true,
    };

    /// <summary>Adds a check that the value, when given and a number, is at least 1.</summary>
    public static T Positive<T>(T option)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            // Read from the token: a value that is not a number at all is reported by the parser, and
            // converting it here would throw.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value < 1)
            {
                result.AddError($"{option.Name} must be at least 1, got {value}.");
            }
        });
        return option;
    }

    [GeneratedRegex("^(cpu|cuda|cuda:[0-9]+|auto)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DevicePattern();
}
