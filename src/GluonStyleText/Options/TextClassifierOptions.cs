using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace GluonStyleText.Options;

/// <summary>
/// Everything that defines how a text classifier is built and trained. The JSON names are the
/// seed's <c>config.json</c> keys, so that file binds verbatim; our additions use the same
/// snake_case style. Defaults are the seed's configuration unless noted.
/// </summary>
public sealed class TextClassifierOptions
{
    /// <summary>
    /// Number of classes the classifier distinguishes; 0 (default) takes it from the training data. When
    /// set, the training data must have exactly this many labels (the error says how many it has).
    /// </summary>
    [JsonPropertyName("n_classes"), Range(0, 100_000)]
    public int NumberOfClasses { get; set; }

    /// <summary>Number of passes over the training data. Default 5.</summary>
    [JsonPropertyName("num_epoch"), Range(1, 10_000)]
    public int Epochs { get; set; } = 5;

    /// <summary>Optimizer name: <c>adam</c>, <c>adamw</c>, <c>sgd</c>, <c>adagrad</c> or <c>rmsprop</c>. Default <c>adam</c>.</summary>
    [JsonPropertyName("optimizer"), Required]
    public string Optimizer { get; set; } = "adam";

    /// <summary>Tokens per text after truncation and padding. Default 500.</summary>
    [JsonPropertyName("seq_len"), Range(1, 100_000)]
    public int SequenceLength { get; set; } = 500;

    /// <summary>Vocabulary size, including the reserved padding (0) and unknown (1) ids. Default 5000.</summary>
    [JsonPropertyName("vocab_size"), Range(3, 10_000_000)]
    public int VocabularySize { get; set; } = 5000;

    /// <summary>Texts per training step. Default 64.</summary>
    [JsonPropertyName("batch_size"), Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>LSTM hidden units per direction. Default 500.</summary>
    [JsonPropertyName("hidden_size"), Range(1, 100_000)]
    public int HiddenSize { get; set; } = 500;

    /// <summary>Embedding width; also the CNN's filter count when <see cref="Filters"/> is not set. Default 300.</summary>
    [JsonPropertyName("embed_size"), Range(1, 100_000)]
    public int EmbeddingSize { get; set; } = 300;

    /// <summary>Dropout probability, in [0, 1). Default 0.5.</summary>
    [JsonPropertyName("dropout"), Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Dropout { get; set; } = 0.5;

    /// <summary>Number of stacked LSTM layers. Default 1.</summary>
    [JsonPropertyName("n_layers"), Range(1, 100)]
    public int Layers { get; set; } = 1;

    /// <summary>Whether the LSTM reads both directions. Default true.</summary>
    [JsonPropertyName("bidirectional")]
    public bool Bidirectional { get; set; } = true;

    /// <summary>Log training loss every this many batches. Default 100.</summary>
    [JsonPropertyName("train_log_interval"), Range(1, int.MaxValue)]
    public int TrainLogInterval { get; set; } = 100;

    /// <summary>Kept for compatibility with the seed's config; validation runs once per epoch. Default 100.</summary>
    [JsonPropertyName("val_log_interval"), Range(1, int.MaxValue)]
    public int ValidationLogInterval { get; set; } = 100;

    /// <summary>Initial learning rate. Default 0.001.</summary>
    [JsonPropertyName("learning_rate"), Range(1e-12, 100.0)]
    public double LearningRate { get; set; } = 0.001;

    /// <summary>
    /// Initialise the embedding from pretrained word vectors (the seed used spaCy's; here the file
    /// named by <see cref="EmbeddingsPath"/>). Default false.
    /// </summary>
    [JsonPropertyName("use_spacy_pretrained")]
    public bool UsePretrainedEmbeddings { get; set; }

    /// <summary>Base name for saved artifacts. Default <c>model</c>.</summary>
    [JsonPropertyName("save_name"), Required]
    public string SaveName { get; set; } = "model";

    /// <summary>The seed's S3 URL of the trained parameters; informational here (bundles replace it).</summary>
    [JsonPropertyName("MODELPARAMSURL")]
    public string? ModelParametersUrl { get; set; }

    /// <summary>The seed's S3 URL of the pickled transformer; informational here (bundles replace it).</summary>
    [JsonPropertyName("TRANSFORMERURL")]
    public string? TransformerUrl { get; set; }

    /// <summary>The seed's S3 URL of the model configuration; informational here (bundles replace it).</summary>
    [JsonPropertyName("MODELCONFIGURL")]
    public string? ModelConfigUrl { get; set; }

    /// <summary>Epoch interval of the learning-rate decay (see the LR schedule). Default 2.</summary>
    [JsonPropertyName("epoch_factor"), Range(1, int.MaxValue)]
    public int EpochFactor { get; set; } = 2;

    /// <summary>Power decay (0.1^floor(epoch/epoch_factor)) instead of 0.9 per epoch. Default false.</summary>
    [JsonPropertyName("power_decay")]
    public bool PowerDecay { get; set; }

    /// <summary>Use the CNN (true) or the BiLSTM (false). Default true.</summary>
    [JsonPropertyName("cnn")]
    public bool Cnn { get; set; } = true;

    /// <summary>Weight decay. Default 0.</summary>
    [JsonPropertyName("wd"), Range(0.0, 10.0)]
    public double WeightDecay { get; set; }

    /// <summary>The seed's single CNN kernel size (rows of the convolution). Default 8.</summary>
    [JsonPropertyName("kernel_size"), Range(1, 1000)]
    public int KernelSize { get; set; } = 8;

    // ----- Our additions -----

    /// <summary>Word-vectors file (GloVe text, fastText .vec or word2vec binary; .gz allowed) used when
    /// <see cref="UsePretrainedEmbeddings"/> is true. Its dimension must equal <see cref="EmbeddingSize"/>.</summary>
    [JsonPropertyName("embeddings_path")]
    public string? EmbeddingsPath { get; set; }

    /// <summary>Keep the pretrained embedding fixed during training. Default false.</summary>
    [JsonPropertyName("freeze_embeddings")]
    public bool FreezeEmbeddings { get; set; }

    /// <summary>Several CNN kernel sizes (Kim-style); when set, replaces <see cref="KernelSize"/>.</summary>
    [JsonPropertyName("kernel_sizes")]
    public int[]? KernelSizes { get; set; }

    /// <summary>CNN filters per kernel size; default (null) is <see cref="EmbeddingSize"/>, as in the seed.</summary>
    [JsonPropertyName("filters"), Range(1, 100_000)]
    public int? Filters { get; set; }

    /// <summary>
    /// How the CNN pools each filter over time: <c>max</c> (default, the seed's max over time) or
    /// <c>max_mean</c>, which adds the mean over the text's real tokens. The mean lets short kernels act
    /// as a learned bag of n-grams (what fastText and NBSVM exploit), while the max picks out the
    /// single strongest phrase.
    /// </summary>
    [JsonPropertyName("cnn_pooling"), Required]
    public string CnnPooling { get; set; } = CnnPoolingModes.Max;

    /// <summary>
    /// Dropout on the CNN's word vectors, whole vectors at a time, before the convolutions; 0 (default)
    /// disables. Fine-tuned embeddings of rare words overfit first, and this regularises them. (The
    /// BiLSTM already applies <see cref="Dropout"/> to its word vectors.)
    /// </summary>
    [JsonPropertyName("embedding_dropout"), Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double EmbeddingDropout { get; set; }

    /// <summary>
    /// Hash buckets of the CNN's bag of word bigrams; 0 (default) leaves it out. When set, each pair of
    /// neighbouring words is hashed to a learned vector of <see cref="BigramSize"/> values and the text's
    /// mean bigram vector joins the pooled convolution features, as fastText's <c>-wordNgrams 2</c>. Word
    /// order inside short phrases ("not good") is what a bag of words misses and a max over time keeps
    /// only once; the bag counts every occurrence.
    /// </summary>
    [JsonPropertyName("bigram_buckets"), Range(0, 100_000_000)]
    public int BigramBuckets { get; set; }

    /// <summary>Values per bigram vector when <see cref="BigramBuckets"/> is set. Default 16.</summary>
    [JsonPropertyName("bigram_size"), Range(1, 10_000)]
    public int BigramSize { get; set; } = 16;

    /// <summary>
    /// Whether the mean of the text's word vectors joins the CNN's pooled features, straight into the output layer
    /// as in fastText. It gives every word a direct, linear say in every class, which a small data set without
    /// pretrained vectors learns sooner than filters over randomly initialised vectors. Default null: off, unless
    /// <see cref="Auto"/> turns it on (without pretrained vectors); a configured true or false is kept.
    /// </summary>
    [JsonPropertyName("word_bag")]
    public bool? WordBag { get; set; }

    /// <summary>
    /// Word dropout to the unknown id while training: an occurrence of a word seen <c>n</c> times in the training
    /// texts becomes the unknown id with probability <c>unknown_word_dropout / (unknown_word_dropout + n)</c>; 0
    /// turns it off. It trains the unknown id's vector on rare words, so that the words of new texts that training
    /// never saw meet a learned vector rather than an untouched random one. Default null: off, unless
    /// <see cref="Auto"/> chooses a value (without pretrained vectors); a configured value, 0 included, is kept.
    /// </summary>
    [JsonPropertyName("unknown_word_dropout"), Range(0.0, 1_000_000.0)]
    public double? UnknownWordDropout { get; set; }

    /// <summary>Words seen fewer times than this are left out of the vocabulary. Default 1.</summary>
    [JsonPropertyName("min_count"), Range(1, int.MaxValue)]
    public int MinCount { get; set; } = 1;

    /// <summary>Map unknown words to id 1 (true, default) or drop them as the seed did (false).</summary>
    [JsonPropertyName("map_unknown_words")]
    public bool MapUnknownWords { get; set; } = true;

    /// <summary>Texts longer than seq_len keep their last words instead of their first (the seed's). Default false.</summary>
    [JsonPropertyName("keep_last_words")]
    public bool KeepLastWords { get; set; }

    /// <summary>Seed of every random choice (split, initialisation, shuffling, dropout). Default 42, as the seed's split.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; set; } = 42;

    /// <summary><c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (CUDA when available). Default <c>auto</c>.</summary>
    [JsonPropertyName("device"), Required]
    public string Device { get; set; } = "auto";

    /// <summary>Share of the training data held out for validation, in (0, 1). Default 0.2, as the seed.</summary>
    [JsonPropertyName("validation_fraction"), Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>Stop after this many epochs without a better validation loss; 0 (default) never stops early.</summary>
    [JsonPropertyName("early_stopping_patience"), Range(0, int.MaxValue)]
    public int EarlyStoppingPatience { get; set; }

    /// <summary>
    /// After the run with its held-out validation has chosen the best epoch, train a fresh model on all
    /// the texts (validation ones included) for that many epochs, and keep it. The held-out texts still
    /// pick the epoch count and give the bundle's validation metrics; the final model learns from 25%
    /// more texts (with the default 0.2 split), as the usual baselines (fastText, TF-IDF) do. Doubles
    /// training time. Default false.
    /// </summary>
    [JsonPropertyName("refit_on_all_data")]
    public bool RefitOnAllData { get; set; }

    /// <summary>
    /// Networks whose class probabilities are averaged, each a whole training run of its own seed (<c>seed</c>,
    /// <c>seed</c> + 1, ...: its own validation split, epoch count and refit), so training and prediction take about
    /// that many times as long; the first is the run a single network would be. Default null: one network, unless
    /// <see cref="Auto"/> chooses more (on a small data set without pretrained vectors); a configured value is kept.
    /// </summary>
    [JsonPropertyName("ensemble_size"), Range(1, 16)]
    public int? EnsembleSize { get; set; }

    /// <summary>Clip the gradient norm to this value; 0 disables. Default 0 (the trainer applies 5 for the LSTM when 0).</summary>
    [JsonPropertyName("max_grad_norm"), Range(0.0, 1e6)]
    public double MaxGradientNorm { get; set; }

    /// <summary>CPU threads for TorchSharp; 0 (default) uses every core.</summary>
    [JsonPropertyName("threads"), Range(0, 4096)]
    public int Threads { get; set; }

    /// <summary>Name of the text column in labeled CSV files. Default <c>review</c>.</summary>
    [JsonPropertyName("text_column"), Required]
    public string TextColumn { get; set; } = "review";

    /// <summary>Name of the label column in labeled CSV files. Default <c>sentiment</c>.</summary>
    [JsonPropertyName("label_column"), Required]
    public string LabelColumn { get; set; } = "sentiment";

    /// <summary>
    /// What training does with a row it cannot use (an empty text or label, a short row, a text over the
    /// length limit): <c>skip</c> (default) leaves it out, writes it to a rejects file beside the bundle and
    /// goes on unless more than <see cref="MaxRejectRatio"/> of the rows are bad; <c>fail</c> stops at the
    /// first one, naming file and line.
    /// </summary>
    [JsonPropertyName("bad_rows"), Required]
    public string BadRows { get; set; } = BadRowModes.Skip;

    /// <summary>With <c>bad_rows</c> <c>skip</c>, the largest share of bad rows, in [0, 1], before training fails. Default 0.01.</summary>
    [JsonPropertyName("max_reject_ratio"), Range(0.0, 1.0)]
    public double MaxRejectRatio { get; set; } = 0.01;

    /// <summary>
    /// Fit the settings that depend on the data to the training file, logging each choice and its
    /// reason: <c>seq_len</c> from the distribution of text lengths, <c>vocab_size</c> from word counts,
    /// <c>bigram_buckets</c> from the number of distinct word pairs, <c>min_count</c> and <c>batch_size</c> from the
    /// data's size, <c>word_bag</c> and <c>unknown_word_dropout</c> from whether pretrained vectors are given, and the epoch count by early stopping on the validation loss (best weights kept). The
    /// configured <c>seq_len</c>, <c>vocab_size</c>, <c>bigram_buckets</c>, <c>batch_size</c> and <c>num_epoch</c>
    /// are then upper bounds. Default false: every value as given.
    /// </summary>
    [JsonPropertyName("auto")]
    public bool Auto { get; set; }

    /// <summary>
    /// Weights of the classes in the training loss: <c>none</c> (default) or <c>balanced</c>, which weighs
    /// each class by the inverse of its share of the training texts so that rare categories count as much
    /// as common ones.
    /// </summary>
    [JsonPropertyName("class_weights"), Required]
    public string ClassWeights { get; set; } = ClassWeightModes.None;

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    public TextClassifierOptions Clone()
    {
        var copy = (TextClassifierOptions)MemberwiseClone();
        copy.KernelSizes = KernelSizes?.ToArray();
        return copy;
    }

    /// <summary>Kernel sizes the CNN uses: <see cref="KernelSizes"/> when set, else the single <see cref="KernelSize"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> EffectiveKernelSizes => KernelSizes is { Length: > 0 } sizes ? sizes : [KernelSize];

    /// <summary>CNN filters per kernel size: <see cref="Filters"/> when set, else <see cref="EmbeddingSize"/>.</summary>
    [JsonIgnore]
    public int EffectiveFilters => Filters ?? EmbeddingSize;
}
