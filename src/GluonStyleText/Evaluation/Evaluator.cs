using GluonStyleText.Models;
using GluonStyleText.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Evaluation;

/// <summary>Measures a classifier on a labeled, encoded set: batched, without gradients, in evaluation mode.</summary>
internal static class Evaluator
{
    /// <summary>
    /// Runs <paramref name="model"/> over <paramref name="data"/> in batches on the model's device and
    /// compares its predictions with the labels. The model's training/evaluation mode is restored afterwards.
    /// </summary>
    /// <param name="model">The classifier; its output width is the number of classes.</param>
    /// <param name="data">The texts and their class ids.</param>
    /// <param name="batchSize">Texts per forward pass.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <exception cref="ArgumentException">The set is empty or a class id is not below the model's number of classes.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    /// <exception cref="NonFiniteNumbersException">The model's outputs for some texts are NaN or infinite.</exception>
    public static ClassificationMetrics Evaluate(
        nn.Module<Tensor, Tensor> model, EncodedDataset data, int batchSize, CancellationToken cancellationToken = default) =>
        Evaluate(model, data, batchSize, classWeights: null, cancellationToken);

    /// <summary>
    /// As the public overload; with <paramref name="classWeights"/> the mean loss is weighted as the training
    /// loss is (the sum of weighted losses over the sum of the texts' weights, cross entropy's own weighted mean),
    /// so that early stopping and the best epoch follow the loss the run minimises.
    /// </summary>
    internal static ClassificationMetrics Evaluate(
        nn.Module<Tensor, Tensor> model, EncodedDataset data, int batchSize, float[]? classWeights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0)
        {
            throw new ArgumentException("There are no texts to evaluate.", nameof(data));
        }

        var device = model.parameters().First().device;
        bool wasTraining = model.training;
        model.eval();
        try
        {
            var predictions = new int[data.Count];
            double totalLoss = 0, totalWeight = 0;
            long numberOfClasses = 0;
            // Sorted by length so that each batch can be cut to its longest text (the logits do not
            // depend on padding); the loss is a sum and the predictions go back to their rows.
            int[] order = Enumerable.Range(0, data.Count).ToArray();
            LengthBucketedOrder.SortByLength(order, data.Lengths.Span);
            using (no_grad())
            {
                for (int start = 0; start < data.Count; start += batchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int count = Math.Min(batchSize, data.Count - start);
                    using var scope = NewDisposeScope();
                    int[] rows = order[start..(start + count)];
                    var (inputs, targets) = Batches.ToTensors(data, rows, device);
                    var logits = model.call(inputs);
                    if (numberOfClasses == 0)
                    {
                        numberOfClasses = logits.shape[1];
                        data.CheckClassIds((int)numberOfClasses);
                    }

                    var weights = classWeights is null ? null : tensor(classWeights, device: device);
                    float batchLoss = nn.functional.cross_entropy(logits, targets, weight: weights, reduction: nn.Reduction.Sum).item<float>();
                    // A NaN or infinite logit makes the loss non-finite; its argmax would still name a class, so an
                    // accuracy over such outputs would look like a figure while it is not one.
                    if (!float.IsFinite(batchLoss))
                    {
                        throw new NonFiniteNumbersException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"The model's outputs are not finite (loss {batchLoss}) for {count} of the {data.Count} texts evaluated; no accuracy is computed over them. {NonFiniteNumbersException.Advice}"));
                    }

                    totalLoss += batchLoss;
                    totalWeight += weights is null ? count : weights.index_select(0, targets).sum().item<float>();
                    var predicted = logits.argmax(1).to(ScalarType.Int32, CPU).data<int>().ToArray();
                    for (int i = 0; i < count; i++)
                    {
                        predictions[rows[i]] = predicted[i];
                    }

                    NativeMemory.TrimIfGrown();
                }
            }

            // FromPredictions divides the total by the number of texts; scaled so, the weighted mean comes out.
            return ClassificationMetrics.FromPredictions((int)numberOfClasses, data.Labels.Span, predictions, totalLoss * data.Count / totalWeight);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
