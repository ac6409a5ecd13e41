using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Training;

/// <summary>Creates TorchSharp optimizers by the names the <c>optimizer</c> option accepts, and changes their learning rate.</summary>
public static class OptimizerFactory
{
    /// <summary>The accepted optimizer names (compared case-insensitively).</summary>
    public static IReadOnlyList<string> Names { get; } = ["adam", "adamw", "sgd", "adagrad", "rmsprop"];

    /// <summary>Creates the optimizer called <paramref name="name"/> over <paramref name="parameters"/>, otherwise with TorchSharp's defaults.</summary>
    /// <param name="name">One of <see cref="Names"/>, in any case.</param>
    /// <param name="parameters">The parameters to train (leave frozen ones out).</param>
    /// <param name="learningRate">The initial learning rate.</param>
    /// <param name="weightDecay">The weight decay (L2 penalty; decoupled for adamw).</param>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static OptimizerHelper Create(string name, IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameters);
        return name.Trim().ToLowerInvariant() switch
        {
            "adam" => optim.Adam(parameters, lr: learningRate, weight_decay: weightDecay),
            "adamw" => optim.AdamW(parameters, lr: learningRate, weight_decay: weightDecay),
            "sgd" => optim.SGD(parameters, learningRate, weight_decay: weightDecay),
            "adagrad" => optim.Adagrad(parameters, lr: learningRate, weight_decay: weightDecay),
            "rmsprop" => optim.RMSProp(parameters, lr: learningRate, weight_decay: weightDecay),
            _ => throw new ArgumentException(
                $"Unknown optimizer '{name}' (option 'optimizer'); use one of: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>Sets the learning rate of every parameter group of <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer to change.</param>
    /// <param name="learningRate">The new learning rate.</param>
    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    /// <summary>The learning rate of the first parameter group of <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer to read.</param>
    public static double GetLearningRate(optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return optimizer.ParamGroups.First().LearningRate;
    }
}
