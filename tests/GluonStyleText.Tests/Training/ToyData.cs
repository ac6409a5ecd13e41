using GluonStyleText.Options;
using GluonStyleText.Training;

namespace GluonStyleText.Tests.Training;

/// <summary>Small, separable encoded data: a text is class 0 when it contains token 5 and class 1 when it contains token 6.</summary>
internal static class ToyData
{
    public const int VocabularySize = 40;
    public const int SequenceLength = 16;

    /// <summary>Right-padded texts of random length made of random tokens 7..vocab-1 plus one marker token (5 or 6) at a random place.</summary>
    public static EncodedDataset Separable(int count, int seed = 7)
    {
        var random = new Random(seed);
        var ids = new long[count * SequenceLength];
        var labels = new int[count];
        for (int row = 0; row < count; row++)
        {
            int length = random.Next(3, SequenceLength + 1);
            for (int position = 0; position < length; position++)
            {
                ids[(row * SequenceLength) + position] = random.Next(7, VocabularySize);
            }

            labels[row] = random.Next(2);
            ids[(row * SequenceLength) + random.Next(length)] = labels[row] == 0 ? 5 : 6;
        }

        return new EncodedDataset(ids, labels, SequenceLength);
    }

    /// <summary>Options for a small, fast model on <see cref="Separable"/> data, single-threaded on the CPU.</summary>
    public static TextClassifierOptions Options(bool cnn) => new()
    {
        // Trainer takes the class count from its options; n_classes 0 (from the data) is TextClassifierTrainer's to resolve.
        NumberOfClasses = 2,
        Cnn = cnn,
        VocabularySize = VocabularySize,
        SequenceLength = SequenceLength,
        EmbeddingSize = 16,
        HiddenSize = 16,
        // Explicit, because n_classes 0 now means "from the data", which only the high-level trainer resolves.
        KernelSize = 3,
        Dropout = 0.2,
        BatchSize = 16,
        Epochs = 4,
        LearningRate = 0.01,
        Device = "cpu",
        Threads = 1,
        Seed = 3,
        TrainLogInterval = 5,
    };
}
