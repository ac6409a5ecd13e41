using System.CommandLine;
using System.Globalization;
using GluonStyleText.Models;
using GluonStyleText.Options;

namespace GluonStyleText.Cli.Commands;

/// <summary>Options several commands share, made the same way everywhere.</summary>
internal static class CommonOptions
{
    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Debug logs, the trainer's per-batch lines, and stack traces with errors.",
        Recursive = true,
    };

    /// <summary><c>--preset</c>, defaulting to <paramref name="defaultPreset"/>.</summary>
    public static Option<string> Preset(string defaultPreset) => new Option<string>("--preset")
    {
        Description = "A configuration that ships with GluonStyleText: auto (a CNN that fits its text length, vocabulary and epochs to the data), fast and accurate (CNNs tuned on movie reviews), bilstm, or seed (the seed's config.json). --config replaces it.",
        HelpName = "NAME",
        DefaultValueFactory = _ => defaultPreset,
    }.AcceptOnlyFromAmong([.. TextClassifierPresets.Names]);

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
            if (value is not null && !DeviceSelector.IsValidName(value))
            {
                result.AddError($"--device '{value}' is not one of cpu, cuda, cuda:N, auto.");
            }
        });
        return option;
    }

    public static Option<int?> Seed() => new("--seed")
    {
        Description = "Seed of every random choice: validation split, initialisation, shuffling (overrides seed).",
        HelpName = "N",
    };

    /// <summary><c>--text-column</c>; <paramref name="defaultDescription"/> says what is used without it.</summary>
    public static Option<string?> TextColumn(string defaultDescription) => NonEmpty(new Option<string?>("--text-column")
    {
        Description = $"The column holding the texts. Default: {defaultDescription}.",
        HelpName = "NAME",
    });

    /// <summary><c>--label-column</c>; <paramref name="defaultDescription"/> says what is used without it.</summary>
    public static Option<string?> LabelColumn(string defaultDescription) => NonEmpty(new Option<string?>("--label-column")
    {
        Description = $"The column holding the labels (any strings). Default: {defaultDescription}.",
        HelpName = "NAME",
    });

    public static Option<int?> NumberOfClasses()
    {
        var option = new Option<int?>("--n-classes")
        {
            Description = "How many labels the data must have (overrides n_classes); 0 or leaving it out takes them from the data.",
            HelpName = "N",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && (value < 0 || value == 1))
            {
                result.AddError($"--n-classes must be 0 (from the data) or at least 2, got {value}.");
            }
        });
        return option;
    }

    public static Option<string?> BadRows() => new Option<string?>("--bad-rows")
    {
        Description = "A row without text or label, or otherwise unusable: skip (leave it out, list it in a rejects file beside the bundle, fail past --max-reject-ratio) or fail (stop at the first, naming its line). Default: the configuration's bad_rows (skip).",
        HelpName = "MODE",
    }.AcceptOnlyFromAmong([.. BadRowModes.All]);

    public static Option<double?> MaxRejectRatio()
    {
        var option = new Option<double?>("--max-reject-ratio")
        {
            Description = "With --bad-rows skip: the largest share of bad rows, from 0 to 1, before training fails. Default: the configuration's max_reject_ratio (0.01).",
            HelpName = "RATIO",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is < 0 or > 1)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--max-reject-ratio must be between 0 and 1, got {value}."));
            }
        });
        return option;
    }

    public static Option<string?> ClassWeights() => new Option<string?>("--class-weights")
    {
        Description = "none, or balanced: weigh each label by the inverse of its share of the texts, so that rare labels count as much as common ones. Default: the configuration's class_weights (none).",
        HelpName = "MODE",
    }.AcceptOnlyFromAmong([.. ClassWeightModes.All]);

    public static Option<string> Model() => new("--model")
    {
        Description = "The model bundle: a folder or a .zip written by train, or the model.tar.gz of a SageMaker training job.",
        HelpName = "BUNDLE",
        Required = true,
    };

    /// <summary>Adds a check that the value, when given, is not empty or blank.</summary>
    public static Option<string?> NonEmpty(Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && string.IsNullOrWhiteSpace(token.Value))
            {
                result.AddError($"{option.Name} must not be empty.");
            }
        });
        return option;
    }

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
}
