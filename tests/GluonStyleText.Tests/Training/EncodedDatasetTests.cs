using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

public sealed class EncodedDatasetTests
{
    [Fact]
    public void TokenCountMustMatchRowsTimesLength()
    {
        var error = Assert.Throws<ArgumentException>(() => new EncodedDataset(new long[7], new int[2], sequenceLength: 4));

        Assert.Contains("7 token ids do not make 2 rows of 4 (expected 8)", error.Message);
    }

    [Fact]
    public void NegativeIdsAreRejectedNamingRowAndPosition()
    {
        var error = Assert.Throws<ArgumentException>(() => new EncodedDataset([1, 2, 3, -4], [0, 1], sequenceLength: 2));

        Assert.Contains("Row 1, position 1 has a negative token id (-4)", error.Message);
        Assert.Contains("Row 1 has a negative class id (-1)",
            Assert.Throws<ArgumentException>(() => new EncodedDataset(new long[4], [0, -1], 2)).Message);
    }

    [Fact]
    public void IdsBeyondTheModelAreReportedNamingRowPositionAndKey()
    {
        var data = new EncodedDataset([1, 2, 3, 9], [0, 2], sequenceLength: 2);

        Assert.Contains("Row 1, position 1 has token id 9, but vocab_size is 9 (ids 0 to 8)",
            Assert.Throws<ArgumentException>(() => data.CheckTokenIds(9)).Message);
        Assert.Contains("Row 1 has class id 2, but n_classes is 2 (ids 0 to 1)",
            Assert.Throws<ArgumentException>(() => data.CheckClassIds(2)).Message);
    }

    [Fact]
    public void SplitHoldsOutTheFractionReproduciblyWithoutOverlap()
    {
        var data = new EncodedDataset(Enumerable.Range(0, 100).Select(i => (long)i).ToArray(), Enumerable.Range(0, 100).ToArray(), sequenceLength: 1);

        var (training, validation) = data.Split(0.2, seed: 42);
        var (trainingAgain, _) = data.Split(0.2, seed: 42);
        var (trainingOther, _) = data.Split(0.2, seed: 43);

        Assert.Equal(80, training.Count);
        Assert.Equal(20, validation.Count);
        Assert.Equal(Enumerable.Range(0, 100), training.Labels.ToArray().Concat(validation.Labels.ToArray()).Order());
        Assert.Equal(training.TokenIds.ToArray(), training.Labels.ToArray().Select(l => (long)l));
        Assert.Equal(training.Labels.ToArray(), trainingAgain.Labels.ToArray());
        Assert.NotEqual(training.Labels.ToArray(), trainingOther.Labels.ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void SplitFractionMustBeBetweenZeroAndOne(double fraction)
    {
        var data = new EncodedDataset(new long[4], new int[4], 1);

        Assert.Contains("validation_fraction must be between 0 and 1",
            Assert.Throws<ArgumentException>(() => data.Split(fraction, 1)).Message);
    }

    [Fact]
    public void SplitGivesEveryClassWithTwoOrMoreTextsValidationTextsAndKeepsSingletonsInTraining()
    {
        // 200 texts of class 0, 6 of class 1, 2 of class 2, 1 of class 3: a plain 20 % could miss classes 1 and 2.
        int[] labels = [.. Enumerable.Repeat(0, 200), .. Enumerable.Repeat(1, 6), .. Enumerable.Repeat(2, 2), 3];
        var data = new EncodedDataset(Enumerable.Range(0, labels.Length).Select(i => (long)i).ToArray(), labels, sequenceLength: 1);

        var (training, validation) = data.Split(0.2, seed: 42);
        var (trainingAgain, validationAgain) = data.Split(0.2, seed: 42);

        int Held(int label) => validation.Labels.ToArray().Count(l => l == label);
        Assert.Equal(40, Held(0));
        Assert.InRange(Held(1), 1, 2);
        Assert.Equal(1, Held(2));
        Assert.Equal(0, Held(3));
        Assert.Equal(42, validation.Count, tolerance: 1);
        Assert.Equal(Enumerable.Range(0, labels.Length), training.TokenIds.ToArray().Concat(validation.TokenIds.ToArray()).Select(id => (int)id).Order());
        Assert.Equal(training.TokenIds.ToArray(), trainingAgain.TokenIds.ToArray());
        Assert.Equal(validation.TokenIds.ToArray(), validationAgain.TokenIds.ToArray());
        Assert.NotEqual(validation.TokenIds.ToArray(), data.Split(0.2, seed: 43).Validation.TokenIds.ToArray());
    }

    [Fact]
    public void SplitOfTwoTextsOfOneClassHoldsOneOut()
    {
        var (training, validation) = new EncodedDataset([1, 2], [0, 0], sequenceLength: 1).Split(0.2, seed: 1);

        Assert.Equal((1, 1), (training.Count, validation.Count));
    }
}
