using System.Globalization;
using System.Numerics;
using GluonStyleText.Options;
using GluonStyleText.Text;

namespace GluonStyleText.Training;

/// <summary>
/// The rules of <c>auto</c>: settings that depend on the data, derived from it before the model is built. Each rule
/// treats the configured value as an upper bound, so that a configuration still limits time and memory, and each
/// returns its reason so the log says why a value was chosen.
/// </summary>
internal static class AutoSettings
{
    /// <summary>Share of the texts that must fit whole in seq_len: the few longest are cut rather than every batch padded for them.</summary>
    public const double SequenceLengthPercentile = 99;

    /// <summary>Training steps per epoch below which the batch is made smaller: few updates per pass over a small data set learn slowly.</summary>
    public const int MinimumStepsPerEpoch = 100;

    /// <summary>The smallest batch auto chooses; smaller batches make the gradient too noisy and the CPU idle.</summary>
    public const int MinimumBatchSize = 16;

    /// <summary>seq_len is rounded up to a multiple of this: tensor shapes the CPU kernels vectorise well, and a little slack for texts a word longer.</summary>
    public const int SequenceLengthMultiple = 8;

    /// <summary>
    /// Training texts from which a data set counts as large enough to drop words seen once (without pretrained
    /// vectors): below it, words seen once are too large a share of what there is to learn from.
    /// </summary>
    public const int LargeDataTexts = 10_000;

    /// <summary>Patience used when the configuration sets none: two epochs without a lower validation loss.</summary>
    public const int DefaultPatience = 2;

    /// <summary>
    /// unknown_word_dropout chosen without pretrained vectors: a word seen once becomes the unknown id half the
    /// time, one seen 9 times a tenth of the time.
    /// </summary>
    public const double UnknownWordDropoutAlpha = 1;

    /// <summary>
    /// Networks auto averages on a small data set without pretrained vectors. On TREC's fine labels (5,444 training
    /// questions, 50 categories; 499 test questions) ten single runs (seeds 42-46 and 1-5) gave 76.75 to 80.36 % test
    /// accuracy (the default seed 76.75 %); averaging any 5 of them gave 79.56 to 82.36 % (mean 80.83 %), any 2 78.96
    /// to 80.96 % of six (mean 80.07 %), any 4 of six 79.76 to 81.16 % (mean 80.56 %).
    /// </summary>
    public const int SmallDataEnsembleSize = 5;

    /// <summary>The fewest bigram buckets worth a table.</summary>
    public const int MinimumBigramBuckets = 256;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Sets seq_len, min_count, vocab_size, batch_size, early_stopping_patience, refit_on_all_data,
    /// ensemble_size, unknown_word_dropout and word_bag of <paramref name="options"/>
    /// from the profile of the training texts.
    /// </summary>
    /// <param name="options">The options being prepared; changed in place.</param>
    /// <param name="profile">The training texts, measured.</param>
    /// <param name="trainingTexts">How many texts the training part (without validation) will hold.</param>
    /// <returns>The choices, in the order made.</returns>
    public static IReadOnlyList<AutoChoice> FromProfile(TextClassifierOptions options, TextDataProfile profile, int trainingTexts)
    {
        var choices = new List<AutoChoice>
        {
            ChooseSequenceLength(options, profile),
            ChooseMinCount(options, trainingTexts),
            ChooseVocabularySize(options, profile),
            ChooseBatchSize(options, trainingTexts),
            ChooseEpochs(options),
            ChooseRefit(options, trainingTexts),
            ChooseEnsembleSize(options, trainingTexts),
            ChooseUnknownWordDropout(options, profile),
        };
        if (ChooseWordBag(options) is { } wordBag)
        {
            choices.Add(wordBag);
        }

        return choices;
    }

    /// <summary>
    /// seq_len: the 99th percentile of the texts' token counts rounded up to a multiple of 8, at least the longest
    /// kernel, at most the configured value.
    /// </summary>
    public static AutoChoice ChooseSequenceLength(TextClassifierOptions options, TextDataProfile profile)
    {
        int configured = options.SequenceLength;
        int percentile = profile.TokenCountPercentile(SequenceLengthPercentile);
        int rounded = (Math.Max(percentile, 1) + SequenceLengthMultiple - 1) / SequenceLengthMultiple * SequenceLengthMultiple;

        // A convolution needs at least as many positions as its kernel is wide.
        int longestKernel = options.Cnn ? options.EffectiveKernelSizes.Max() : 1;
        int chosen = Math.Min(configured, Math.Max(rounded, longestKernel));
        options.SequenceLength = chosen;
        string reason = F($"{SequenceLengthPercentile:0}th percentile of {profile.Texts:N0} texts' token counts ({percentile:N0}; longest {profile.LongestText:N0}), rounded up to a multiple of {SequenceLengthMultiple}")
            + (chosen == configured && rounded > configured ? F($", capped at the configured {configured:N0}")
                : chosen == longestKernel && rounded < longestKernel ? F($", raised to the longest kernel ({longestKernel})")
                : "");
        return new AutoChoice("seq_len", chosen.ToString(Invariant), reason);
    }

    /// <summary>
    /// min_count: 1 with pretrained vectors (a word seen once still gets a meaningful vector) or on a small data
    /// set (where words seen once are much of what there is); 2 without vectors on a large one (at least
    /// <see cref="LargeDataTexts"/> training texts): a randomly initialised vector trained on one text only
    /// memorises it, and mapping such words to the unknown id teaches that id what the unseen words of new texts
    /// look like. A higher configured min_count is kept.
    /// </summary>
    public static AutoChoice ChooseMinCount(TextClassifierOptions options, int trainingTexts)
    {
        bool large = trainingTexts >= LargeDataTexts;
        int rule = options.UsePretrainedEmbeddings || !large ? 1 : 2;
        int chosen = Math.Max(options.MinCount, rule);
        options.MinCount = chosen;
        string reason = options.UsePretrainedEmbeddings
            ? "pretrained vectors give even words seen once a meaningful row"
            : large
                ? F($"without pretrained vectors, on {trainingTexts:N0} training texts (at least {LargeDataTexts:N0}), a word seen once only memorises its text; such words share the unknown id")
                : F($"{trainingTexts:N0} training texts (fewer than {LargeDataTexts:N0}): too few to drop the words seen once");
        if (chosen > rule)
        {
            reason += F($" (the configured {chosen} is higher and kept)");
        }

        return new AutoChoice("min_count", chosen.ToString(Invariant), reason);
    }

    /// <summary>vocab_size: every word seen at least min_count times plus the reserved ids, at most the configured value.</summary>
    public static AutoChoice ChooseVocabularySize(TextClassifierOptions options, TextDataProfile profile)
    {
        int configured = options.VocabularySize;
        int words = profile.WordsSeenAtLeast(options.MinCount);
        int needed = (int)Math.Min((long)words + Vocabulary.ReservedCount, int.MaxValue);
        int chosen = Math.Clamp(needed, TextTransformerOptions.MinVocabularySize, configured);
        options.VocabularySize = chosen;
        string reason = F($"{words:N0} of {profile.Words.DistinctWords:N0} distinct words seen {SeenTimes(options.MinCount)}, plus {Vocabulary.ReservedCount} reserved ids")
            + (needed > configured ? F($", capped at the configured {configured:N0}") : "");
        return new AutoChoice("vocab_size", chosen.ToString(Invariant), reason);
    }

    /// <summary>
    /// batch_size: the configured value, or a smaller power of two (at least 16) that gives a small data set at
    /// least 100 steps per epoch.
    /// </summary>
    public static AutoChoice ChooseBatchSize(TextClassifierOptions options, int trainingTexts)
    {
        int configured = options.BatchSize;
        int fitting = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, trainingTexts / MinimumStepsPerEpoch + 1)) / 2;
        int chosen = Math.Min(configured, Math.Max(MinimumBatchSize, fitting));
        options.BatchSize = chosen;
        int steps = (trainingTexts + chosen - 1) / chosen;
        string reason = chosen < configured
            ? F($"{steps:N0} steps per epoch over {trainingTexts:N0} training texts; the configured {configured} would give {(trainingTexts + configured - 1) / configured:N0}, fewer than {MinimumStepsPerEpoch}")
            : F($"the configured value: {steps:N0} steps per epoch over {trainingTexts:N0} training texts");
        return new AutoChoice("batch_size", chosen.ToString(Invariant), reason);
    }

    /// <summary>num_epoch stays the maximum; early stopping on the validation loss ends the run, and the best epoch's weights are kept.</summary>
    public static AutoChoice ChooseEpochs(TextClassifierOptions options)
    {
        if (options.EarlyStoppingPatience == 0)
        {
            options.EarlyStoppingPatience = DefaultPatience;
        }

        return new AutoChoice("num_epoch", F($"up to {options.Epochs}"),
            F($"early stopping after {options.EarlyStoppingPatience} epochs without a lower validation loss; the weights of the best epoch are kept"));
    }

    /// <summary>
    /// refit_on_all_data: on for a small data set (fewer than <see cref="LargeDataTexts"/> training texts), where
    /// the validation part holds examples the rarer categories need and a second, fresh run costs little; once
    /// validation has chosen the epoch count, a model trained on every text is kept. On a large data set the
    /// configured value stays, as the second run would double a long training for little gain.
    /// </summary>
    public static AutoChoice ChooseRefit(TextClassifierOptions options, int trainingTexts)
    {
        bool small = trainingTexts < LargeDataTexts;
        string reason;
        if (small && !options.RefitOnAllData)
        {
            options.RefitOnAllData = true;
            reason = F($"{trainingTexts:N0} training texts (fewer than {LargeDataTexts:N0}): the validation texts are too many to leave out; a fresh model is trained on all texts for the epochs validation chose");
        }
        else
        {
            reason = small ? "the configured value" : F($"the configured value ({trainingTexts:N0} training texts are enough without the validation ones)");
        }

        return new AutoChoice("refit_on_all_data", options.RefitOnAllData ? "true" : "false", reason);
    }

    /// <summary>
    /// ensemble_size: <see cref="SmallDataEnsembleSize"/> on a small data set (fewer than <see cref="LargeDataTexts"/>
    /// training texts) without pretrained vectors, where randomly initialised vectors make one run's result depend
    /// much on its seed and each run is short; else 1. With pretrained vectors the runs start from the same
    /// meaningful vectors and agree more; on a large data set the runs would multiply a long training. A
    /// configured value is kept.
    /// </summary>
    public static AutoChoice ChooseEnsembleSize(TextClassifierOptions options, int trainingTexts)
    {
        string reason;
        if (options.EnsembleSize is not null)
        {
            reason = "the configured value";
        }
        else if (!options.UsePretrainedEmbeddings && trainingTexts < LargeDataTexts)
        {
            options.EnsembleSize = SmallDataEnsembleSize;
            reason = F($"{trainingTexts:N0} training texts (fewer than {LargeDataTexts:N0}) without pretrained vectors: one run depends much on its seed, so the class probabilities of {SmallDataEnsembleSize} runs (seeds {options.Seed} to {options.Seed + SmallDataEnsembleSize - 1}) are averaged; training and prediction take about {SmallDataEnsembleSize} times as long");
        }
        else
        {
            options.EnsembleSize = 1;
            reason = options.UsePretrainedEmbeddings
                ? "one network: runs from the same pretrained vectors agree more"
                : F($"one network: {trainingTexts:N0} training texts are enough for a steady run, and more runs would multiply a long training");
        }

        return new AutoChoice("ensemble_size", options.EnsembleSize.Value.ToString(Invariant), reason);
    }

    /// <summary>
    /// word_bag: on for the CNN without pretrained vectors, as in fastText, whose bag of words straight into the
    /// classifier is what linear models learn fastest from few texts: randomly initialised vectors reach the
    /// classes through the filters only slowly, and the bag gives every word a direct, linear say. With
    /// pretrained vectors it is off, as the filters start from meaningful vectors; a configured value is kept.
    /// </summary>
    /// <returns>The choice, or null for a BiLSTM, which has no such path.</returns>
    public static AutoChoice? ChooseWordBag(TextClassifierOptions options)
    {
        if (!options.Cnn)
        {
            return null;
        }

        string reason;
        if (options.WordBag is not null)
        {
            reason = "the configured value";
        }
        else if (options.UsePretrainedEmbeddings)
        {
            options.WordBag = false;
            reason = "off: pretrained vectors give the filters meaningful words to start from";
        }
        else
        {
            options.WordBag = true;
            reason = "without pretrained vectors the mean word vector goes straight into the output layer, as in fastText, beside the filters over randomly initialised vectors";
        }

        return new AutoChoice("word_bag", options.WordBag == true ? "true" : "false", reason);
    }

    /// <summary>
    /// unknown_word_dropout: <see cref="UnknownWordDropoutAlpha"/> without pretrained vectors when the configuration
    /// sets none (and 0 with them). The unknown id is the vector every unseen word of a new text gets; kept words alone never train
    /// it, and a random vector is noise to the filters. Dropping rare words to it, as Kiperwasser and Goldberg
    /// (2016) do, trains it on the place of a rare word in its text; the log compares the share of training words
    /// it then replaces with the Good-Turing estimate of the share of new words in new texts (the share of
    /// words seen once). With pretrained vectors it is off: an unseen word's own vector is then
    /// often known, and the rare ones carry meaning the drop would hide.
    /// </summary>
    public static AutoChoice ChooseUnknownWordDropout(TextClassifierOptions options, TextDataProfile profile)
    {
        string reason;
        if (options.UnknownWordDropout is not null)
        {
            reason = "the configured value";
        }
        else if (options.UsePretrainedEmbeddings)
        {
            options.UnknownWordDropout = 0;
            reason = "off: with pretrained vectors, rare words carry meaning of their own";
        }
        else
        {
            options.UnknownWordDropout = UnknownWordDropoutAlpha;
            reason = F($"without pretrained vectors the unknown id, which every unseen word of a new text gets, is trained on rare words: a word seen n times becomes it with probability {UnknownWordDropoutAlpha:0.##}/({UnknownWordDropoutAlpha:0.##}+n), {profile.ExpectedDroppedShare(UnknownWordDropoutAlpha):P1} of the words read, against {profile.SeenOnceShare:P1} seen once (the Good-Turing share of new words)");
        }

        return new AutoChoice("unknown_word_dropout", options.UnknownWordDropout.Value.ToString("0.###", Invariant), reason);
    }

    /// <summary>
    /// bigram_buckets: the next power of two of the number of distinct pairs of neighbouring word ids (a bucket
    /// per pair, as far as the hash allows), at most the configured value; 0 when most texts have no pair at all
    /// (one-word texts, codes), where the table would only add weights.
    /// </summary>
    /// <returns>The choice, or null when there is nothing to choose (a BiLSTM, or the bag turned off).</returns>
    public static AutoChoice? ChooseBigramBuckets(TextClassifierOptions options, EncodedDataset dataset)
    {
        int configured = options.BigramBuckets;
        if (!options.Cnn || configured == 0)
        {
            return null;
        }

        // Counting stops at the configured value: past it the answer is the cap, and memory stays bounded by it.
        var pairs = new HashSet<long>();
        int textsWithPair = 0;
        long vocabulary = options.VocabularySize;
        for (int row = 0; row < dataset.Count; row++)
        {
            var ids = dataset.Row(row);
            bool hasPair = false;
            for (int i = 1; i < ids.Length && ids[i] != 0; i++)
            {
                hasPair = true;
                if (pairs.Count <= configured)
                {
                    pairs.Add((ids[i - 1] * vocabulary) + ids[i]);
                }
            }

            textsWithPair += hasPair ? 1 : 0;
        }

        string counted = pairs.Count > configured ? F($"more than {configured:N0}") : F($"{pairs.Count:N0}");
        if (textsWithPair * 2 < dataset.Count)
        {
            options.BigramBuckets = 0;
            return new AutoChoice("bigram_buckets", "0", F($"off: only {textsWithPair:N0} of {dataset.Count:N0} texts have two words in a row"));
        }

        int chosen = pairs.Count > configured
            ? configured
            : (int)Math.Min(configured, Math.Max(MinimumBigramBuckets, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, pairs.Count))));
        options.BigramBuckets = chosen;
        string reason = F($"next power of two of {counted} distinct word pairs")
            + (chosen == configured && pairs.Count > configured / 2 ? F($", capped at the configured {configured:N0}") : "");
        return new AutoChoice("bigram_buckets", chosen.ToString(Invariant), reason);
    }

    private static string F(FormattableString text) => text.ToString(Invariant);

    private static string SeenTimes(int minCount) => minCount == 1 ? "at least once" : F($"at least {minCount} times");
}
