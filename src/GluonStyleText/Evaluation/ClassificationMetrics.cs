namespace GluonStyleText.Evaluation;

/// <summary>How well a classifier did on a labeled set: a plain type that serialises with System.Text.Json.</summary>
public sealed record ClassificationMetrics
{
    /// <summary>Number of texts evaluated.</summary>
    public required int Count { get; init; }

    /// <summary>Share of texts whose predicted class is their class.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Mean cross-entropy loss per text.</summary>
    public required double MeanLoss { get; init; }

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Precision, recall, F1 and support of each class, by class id.</summary>
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }

    /// <summary>Counts by true class (row) and predicted class (column).</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }

    /// <summary>Computes the metrics from true and predicted class ids.</summary>
    /// <param name="numberOfClasses">Number of classes; every id must be below it.</param>
    /// <param name="labels">True class id of each text.</param>
    /// <param name="predictions">Predicted class id of each text.</param>
    /// <param name="totalLoss">Sum of the per-text losses.</param>
    /// <exception cref="ArgumentException">The spans differ in length or an id is out of range.</exception>
    public static ClassificationMetrics FromPredictions(int numberOfClasses, ReadOnlySpan<int> labels, ReadOnlySpan<int> predictions, double totalLoss)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfClasses, 1);
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException($"{labels.Length} labels but {predictions.Length} predictions.", nameof(predictions));
        }

        var confusion = new int[numberOfClasses][];
        for (int c = 0; c < numberOfClasses; c++)
        {
            confusion[c] = new int[numberOfClasses];
        }

        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            int actual = CheckClass(labels[i], numberOfClasses, i, "class id");
            int predicted = CheckClass(predictions[i], numberOfClasses, i, "predicted class id");
            confusion[actual][predicted]++;
            correct += actual == predicted ? 1 : 0;
        }

        var perClass = Enumerable.Range(0, numberOfClasses).Select(c => ForClass(c, confusion)).ToArray();
        int count = labels.Length;
        return new ClassificationMetrics
        {
            Count = count,
            Accuracy = count == 0 ? 0 : (double)correct / count,
            MeanLoss = count == 0 ? 0 : totalLoss / count,
            MacroF1 = perClass.Average(c => c.F1),
            PerClass = perClass,
            ConfusionMatrix = confusion,
        };
    }

    private static int CheckClass(int classId, int numberOfClasses, int row, string what)
    {
        if (classId < 0 || classId >= numberOfClasses)
        {
            throw new ArgumentException($"Row {row}: {what} {classId} is outside [0, {numberOfClasses}) (n_classes = {numberOfClasses}).");
        }

        return classId;
    }

    private static ClassMetrics ForClass(int classId, int[][] confusion)
    {
        int truePositives = confusion[classId][classId];
        int support = confusion[classId].Sum();
        int predicted = confusion.Sum(row => row[classId]);
        double precision = predicted == 0 ? 0 : (double)truePositives / predicted;
        double recall = support == 0 ? 0 : (double)truePositives / support;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics { ClassId = classId, Precision = precision, Recall = recall, F1 = f1, Support = support };
    }
}
