namespace GluonStyleText.Training;

/// <summary>
/// Chooses the validation rows class by class. A plain random 20 % of claims data, where dozens of categories
/// have a handful of examples each, leaves some categories out of validation altogether, so their errors would
/// never show in the metrics nor in the early-stopping loss. Here every class with at least 2 texts has at least
/// one in validation, the others keep their share, and a class with a single text stays in training, where it
/// can at least be learned.
/// </summary>
internal static class StratifiedSplit
{
    /// <summary>How many of <paramref name="count"/> texts (at least 2) are held out for validation: at least one, and at least one left to train on.</summary>
    public static int ValidationCount(int count, double validationFraction) =>
        Math.Clamp((int)Math.Round(count * validationFraction), 1, count - 1);

    /// <summary>The training and validation rows of a dataset with these class ids, reproducibly for a seed.</summary>
    /// <param name="labels">The class id of every row; at least 2 rows.</param>
    /// <param name="validationFraction">Share of the rows to hold out, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public static (int[] Training, int[] Validation) Rows(ReadOnlySpan<int> labels, double validationFraction, int seed)
    {
        var random = new Random(seed);
        int count = labels.Length;
        int target = ValidationCount(count, validationFraction);

        var groups = new SortedDictionary<int, List<int>>();
        for (int row = 0; row < count; row++)
        {
            if (!groups.TryGetValue(labels[row], out var rows))
            {
                groups[labels[row]] = rows = [];
            }

            rows.Add(row);
        }

        if (groups.Values.All(rows => rows.Count < 2))
        {
            // No class can spare a text (every label is unique): there are no proportions to keep.
            int[] order = Enumerable.Range(0, count).ToArray();
            random.Shuffle(order);
            return (order[target..], order[..target]);
        }

        var classes = groups.Values.Select(rows => rows.ToArray()).ToArray();
        var held = new int[classes.Length];
        for (int c = 0; c < classes.Length; c++)
        {
            random.Shuffle(classes[c]);
            int size = classes[c].Length;
            held[c] = size < 2 ? 0 : Math.Clamp((int)Math.Floor(size * validationFraction), 1, size - 1);
        }

        // Rounding down leaves the total short of the target; the classes closest to their next text get one
        // more each (largest remainder), so that the overall fraction is kept too.
        int missing = target - held.Sum();
        var byRemainder = Enumerable.Range(0, classes.Length)
            .Where(c => classes[c].Length >= 2)
            .OrderByDescending(c => (classes[c].Length * validationFraction) - held[c])
            .ThenBy(c => c)
            .ToArray();
        bool added = true;
        while (missing > 0 && added)
        {
            added = false;
            foreach (int c in byRemainder)
            {
                if (missing > 0 && held[c] < classes[c].Length - 1)
                {
                    held[c]++;
                    missing--;
                    added = true;
                }
            }
        }

        var training = new List<int>(count);
        var validation = new List<int>(target);
        for (int c = 0; c < classes.Length; c++)
        {
            validation.AddRange(classes[c].AsSpan(0, held[c]));
            training.AddRange(classes[c].AsSpan(held[c]));
        }

        // Rows grouped by class would make every batch of an unshuffled pass one class.
        int[] trainingRows = [.. training];
        int[] validationRows = [.. validation];
        random.Shuffle(trainingRows);
        random.Shuffle(validationRows);
        return (trainingRows, validationRows);
    }
}
