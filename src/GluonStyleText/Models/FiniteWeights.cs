using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

/// <summary>Finds NaN and infinite numbers in a model's weights, which no good model has.</summary>
internal static class FiniteWeights
{
    /// <summary>The first tensor of <paramref name="model"/>'s state (parameters and buffers) holding a non-finite number, described; null when all are finite.</summary>
    /// <param name="model">The model.</param>
    public static string? Problem(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in model.state_dict())
        {
            if (!tensor.is_floating_point())
            {
                continue;
            }

            long bad = tensor.isfinite().logical_not().sum().item<long>();
            if (bad > 0)
            {
                return $"tensor '{name}' holds {bad:N0} NaN or infinite values of {tensor.NumberOfElements:N0}";
            }
        }

        return null;
    }
}
