using System.Diagnostics;
using System.Text.Json;
using GluonStyleText.Benchmarks;
using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Text;
using GluonStyleText.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Compare;

/// <summary>
/// Timed training steps or inference passes of our CNN or BiLSTM, built from a preset file as the
/// library builds it, on full-length random token ids (what python/models.py feeds its PyTorch twin).
/// A training step is the benchmarks' <see cref="TrainingStep"/>, what <see cref="Trainer"/> does per batch.
/// </summary>
internal static class ModelRun
{
    /// <summary>The resolved shapes and training settings of a configuration, as JSON for the PyTorch twin.</summary>
    public static string Shapes(CommandArguments arguments) => JsonSerializer.Serialize(Describe(LoadOptions(arguments)));

    public static string Run(CommandArguments arguments)
    {
        var options = LoadOptions(arguments);
        var mode = arguments.Text("mode");
        var threads = arguments.Integer("threads", Environment.ProcessorCount);
        var steps = arguments.Integer("steps", 5);
        var warmup = arguments.Integer("warmup", 1);
        var batch = mode == "train" ? options.BatchSize : arguments.Integer("infer-batch", 256);
        torch.set_num_threads(threads);

        using var model = TextClassifierModelFactory.Create(options);
        var generator = new Generator(seed: 7);
        using var ids = randint(Vocabulary.ReservedCount, options.VocabularySize, [batch, options.SequenceLength], generator: generator);
        using var targets = randint(0, options.NumberOfClasses, [batch], generator: generator);
        using var trainingStep = mode == "train" ? new TrainingStep(model, options) : null;
        Func<double> step = mode switch
        {
            "train" => () => trainingStep!.Run(ids, targets),
            "infer" => () => Inference(model, ids),
            _ => throw new ArgumentException($"--mode must be train or infer, not '{mode}'"),
        };

        for (var i = 0; i < warmup; i++)
        {
            step();
        }

        var seconds = new List<double>();
        for (var i = 0; i < steps; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            step();
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
        }

        var median = Median(seconds);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["bench"] = "model",
            ["contender"] = "ours",
            ["model"] = arguments.OptionalText("name") ?? Path.GetFileNameWithoutExtension(arguments.Text("config")),
            ["mode"] = mode,
            ["threads"] = torch.get_num_threads(),
            ["batch"] = batch,
            ["parameters"] = model.parameters().Sum(parameter => parameter.numel()),
            ["step_seconds"] = seconds,
            ["median_step_seconds"] = median,
            ["examples_per_s"] = batch / median,
        });
    }

    private static TextClassifierOptions LoadOptions(CommandArguments arguments)
    {
        var options = TextClassifierOptionsLoader.Load(arguments.Text("config")).Options;
        options.Cnn = arguments.OptionalBoolean("cnn") ?? options.Cnn;
        options.BatchSize = arguments.Integer("batch", options.BatchSize);
        options.Device = "cpu";
        options.UsePretrainedEmbeddings = false;
        return options;
    }

    private static Dictionary<string, object> Describe(TextClassifierOptions options) => new()
    {
        ["cnn"] = options.Cnn,
        ["n_classes"] = options.NumberOfClasses,
        ["vocab_size"] = options.VocabularySize,
        ["embed_size"] = options.EmbeddingSize,
        ["seq_len"] = options.SequenceLength,
        ["batch_size"] = options.BatchSize,
        ["kernel_sizes"] = options.EffectiveKernelSizes,
        ["filters"] = options.EffectiveFilters,
        ["cnn_pooling"] = options.CnnPooling,
        ["hidden_size"] = options.HiddenSize,
        ["n_layers"] = options.Layers,
        ["bidirectional"] = options.Bidirectional,
        ["dropout"] = options.Dropout,
        ["embedding_dropout"] = options.EmbeddingDropout,
        ["bigram_buckets"] = options.BigramBuckets,
        ["bigram_size"] = options.BigramSize,
        ["optimizer"] = options.Optimizer,
        ["learning_rate"] = options.LearningRate,
        ["weight_decay"] = options.WeightDecay,
        ["freeze_embeddings"] = options.FreezeEmbeddings,
        ["max_grad_norm"] = options.MaxGradientNorm > 0 ? options.MaxGradientNorm : options.Cnn ? 0 : Trainer.DefaultLstmGradientNorm,
    };

    private static double Inference(nn.Module<Tensor, Tensor> model, Tensor ids)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        return model.call(ids).sum().item<float>();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
