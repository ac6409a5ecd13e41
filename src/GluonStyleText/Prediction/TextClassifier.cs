using GluonStyleText.Bundles;
using GluonStyleText.Models;
using GluonStyleText.Text;
using GluonStyleText.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Prediction;

/// <summary>
/// Classifies texts with a trained model bundle. Safe to share between threads: every call's texts are
/// encoded and classified on the classifier's own thread (<see cref="ForwardPassThread"/>), one call after
/// another, as libtorch already spreads each pass over all cores.
/// </summary>
public sealed class TextClassifier : IDisposable
{
    /// <summary>Texts per forward pass in <see cref="PredictBatch"/>; bounds memory for any input size.</summary>
    /// <remarks>64 because smaller passes stay in the CPU caches: CSV to CSV ran 2.3 times faster than with 256 (docs/benchmarks.md).</remarks>
    public const int DefaultBatchSize = 64;

    /// <summary>Batches encoded and sorted by length together (in <see cref="PredictBatch"/> and CSV prediction), so that a batch holds texts of similar length.</summary>
    internal const int BatchesPerSortWindow = 16;

    private readonly ModelBundle _bundle;
    private readonly Device _device;
    private readonly ForwardPassThread _forwardPasses = new();
    private readonly IReadOnlyList<string> _labels;

    /// <summary>Wraps an already loaded bundle; the classifier owns and disposes it.</summary>
    public TextClassifier(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        _bundle = bundle;
        _device = bundle.Model.parameters().First().device;
        // Read-only, because every prediction hands the same list out.
        _labels = Array.AsReadOnly(Enumerable.Range(0, bundle.Labels.Count).Select(bundle.Labels.GetLabel).ToArray());
    }

    /// <summary>Loads and verifies a bundle (a folder, a .zip, or SageMaker's model.tar.gz as it is) and wraps it.</summary>
    /// <param name="bundlePath">The bundle folder, or a .zip or .tar.gz file.</param>
    /// <param name="device">Where to run the model; null means the CPU.</param>
    /// <exception cref="BundleFormatException">The path is no bundle, or the bundle is damaged or inconsistent.</exception>
    public static TextClassifier Load(string bundlePath, Device? device = null) => new(ModelBundle.Load(bundlePath, device));

    /// <summary>
    /// Loads and verifies a bundle held in a stream (a .zip or a .tar.gz, for example an upload) and wraps it; see
    /// <see cref="ModelBundle.Load(Stream, string, Device?)"/>. The stream is read in full before this returns and stays the caller's to dispose.
    /// </summary>
    /// <param name="stream">The archive, from its current position.</param>
    /// <param name="displayName">The name errors give the bundle, for example the uploaded file's name.</param>
    /// <param name="device">Where to run the model; null means the CPU.</param>
    /// <exception cref="BundleFormatException">The stream holds no bundle archive, or the bundle is damaged or inconsistent.</exception>
    public static TextClassifier Load(Stream stream, string displayName, Device? device = null) => new(ModelBundle.Load(stream, displayName, device));

    /// <summary>The loaded bundle.</summary>
    public ModelBundle Bundle => _bundle;

    /// <summary>Labels by class id.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Classifies one text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public Prediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PredictBatch([text])[0];
    }

    /// <summary>Classifies many texts, in batches of <paramref name="batchSize"/>; results are in input order.</summary>
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<string> texts, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var results = new List<Prediction>(texts.Count);
        // Several batches are encoded together so that sorting them by length finds similar texts;
        // the window still bounds memory for any input size.
        var window = batchSize * BatchesPerSortWindow;
        for (var start = 0; start < texts.Count; start += window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(window, texts.Count - start);
            var chunk = texts is List<string> list ? list.GetRange(start, count) : texts.Skip(start).Take(count).ToList();
            var probabilities = PredictProbabilities(chunk, batchSize, cancellationToken);
            for (var row = 0; row < count; row++)
            {
                results.Add(ToPrediction(probabilities, row));
            }
        }

        return results;
    }

    /// <summary>
    /// Classifies <paramref name="text"/> and tells which words drove the answer, by occlusion: each word's
    /// contribution is the drop in the predicted label's probability when that word is taken out of the text
    /// (positive: the word supports the prediction; negative: it speaks against it). The text and one copy
    /// without each word run together in a single forward pass (at most <see cref="Text.TextTransformer.SequenceLength"/>
    /// + 1 rows), so an explanation costs about one batch prediction. Safe to call from several threads, like <see cref="Predict"/>.
    /// </summary>
    /// <remarks>
    /// <see cref="Explanation.Words"/> lists every word of the text in text order, with its span in
    /// <paramref name="text"/> for highlighting. Words the model does not see (those beyond the sequence length,
    /// which the transformer cuts off, and unknown words when the bundle drops them instead of mapping them to
    /// <c>&lt;unk&gt;</c>) are listed with contribution 0: removing them cannot change the answer, so they cost no
    /// forward pass. Contributions are not additive: two words that each suffice show small contributions each.
    /// </remarks>
    /// <param name="text">The text to classify and explain.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public Explanation Explain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = _bundle.Transformer.Tokenizer.TokenizeWithSpans(text);
        var encoded = _bundle.Transformer.EncodedWords(words);
        var variants = new List<string>(words.Count + 1) { text };
        var variantRows = new int[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            variantRows[i] = encoded[i] ? variants.Count : -1;
            if (encoded[i])
            {
                variants.Add(TextTokenizer.WithoutWord(text, words[i]));
            }
        }

        // One batch for all rows: they all have the text's length or one word less, so none is padded much.
        var probabilities = PredictProbabilities(variants, variants.Count, CancellationToken.None);
        var prediction = ToPrediction(probabilities, 0);
        var classes = _labels.Count;
        var contributions = new WordContribution[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var row = variantRows[i];
            var contribution = row < 0 ? 0.0 : (double)prediction.Probability - probabilities[(row * classes) + prediction.ClassId];
            contributions[i] = new WordContribution(words[i].Word, words[i].Start, words[i].Length, contribution);
        }

        return new Explanation(prediction, Array.AsReadOnly(contributions));
    }

    /// <summary>Class probabilities of each text, row-major <c>[texts.Count, classes]</c>.</summary>
    public float[] PredictProbabilities(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        PredictProbabilities(texts, DefaultBatchSize, cancellationToken);

    // Texts run sorted by length in batches cut to their longest text (BatchWidth), since the models' logits do
    // not depend on padding and most texts are far shorter than seq_len; results go back in input order.
    /// <param name="texts">The texts.</param>
    /// <param name="batchSize">Texts per forward pass.</param>
    /// <param name="cancellationToken">Checked before every pass.</param>
    /// <param name="textsDone">Told, after every pass, how many of <paramref name="texts"/> are classified so far.</param>
    internal float[] PredictProbabilities(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken, Action<int>? textsDone = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Count == 0 ? [] : _forwardPasses.Invoke(() => ForwardPasses(texts, batchSize, cancellationToken, textsDone));
    }

    private float[] ForwardPasses(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken, Action<int>? textsDone)
    {
        using var scope = NewDisposeScope();
        var lengths = new int[texts.Count];
        var ids = _bundle.Transformer.EncodeToTensor(texts, _device, lengths, cancellationToken);
        var order = Enumerable.Range(0, texts.Count).ToArray();
        LengthBucketedOrder.SortByLength(order, lengths);

        var classes = _labels.Count;
        var result = new float[texts.Count * classes];
        using var noGrad = no_grad();
        for (var start = 0; start < texts.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var batchScope = NewDisposeScope();
            var count = Math.Min(batchSize, texts.Count - start);
            var rows = order.AsSpan(start, count).ToArray();
            var width = BatchWidth.For(lengths[rows[^1]], (int)ids.shape[1]);
            var batchIds = ids.index_select(0, tensor(rows.Select(row => (long)row).ToArray(), device: _device)).narrow(1, 0, width);
            var probabilities = nn.functional.softmax(_bundle.Model.forward(batchIds), dim: 1).to(CPU).data<float>();
            for (var i = 0; i < count; i++)
            {
                for (var c = 0; c < classes; c++)
                {
                    result[(rows[i] * classes) + c] = probabilities[(i * classes) + c];
                }
            }

            textsDone?.Invoke(start + count);
        }

        return result;
    }

    /// <summary>Releases the model.</summary>
    public void Dispose()
    {
        _forwardPasses.Dispose();
        _bundle.Dispose();
    }

    private Prediction ToPrediction(float[] probabilities, int row)
    {
        var classes = _labels.Count;
        var rowProbabilities = probabilities.AsSpan(row * classes, classes).ToArray();
        if (!Probabilities.AllFinite(rowProbabilities))
        {
            throw new NonFiniteNumbersException($"The model's output for a text is not a number (NaN); no prediction was made. {NonFiniteNumbersException.Advice}");
        }

        var best = Probabilities.ArgMax(rowProbabilities);
        return new Prediction(_labels[best], best, rowProbabilities[best], rowProbabilities, _labels);
    }
}
