using GluonStyleText.Models;
using GluonStyleText.Options;
using GluonStyleText.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public sealed class SparseRowAdamTests
{
    private static readonly long[] Batch = [9, 12, 5, 12, 30, 0, 11, 7, 7, 25, 0, 0];

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void OneStepChangesExactlyTheTouchedRowsOfBothTables(string optimizerName)
    {
        using var scope = NewDisposeScope();
        var options = CnnOptions(optimizerName);
        using var model = new TextCnn(TextCnnHyperparameters.From(options));
        using var optimizer = TrainingOptimizer.Create(optimizerName, model, 0.01, weightDecay: 0.01);
        var embeddingBefore = Weight(model, "embedding.weight").clone();
        var bagBefore = Weight(model, "bigrams.vectors.weight").clone();

        Step(model, optimizer, gradientNormLimit: 0);

        Assert.NotNull(optimizer.Sparse);
        var touchedWords = Batch.Where(id => id != 0).Distinct().ToHashSet();
        AssertOnlyRowsChanged(embeddingBefore, Weight(model, "embedding.weight"), touchedWords);
        var touchedBuckets = BigramBuckets(options).ToHashSet();
        AssertOnlyRowsChanged(bagBefore, Weight(model, "bigrams.vectors.weight"), touchedBuckets);
    }

    [Fact]
    public void TheFirstStepAgreesWithDenseAdamOnTheTouchedRows()
    {
        using var scope = NewDisposeScope();
        using var sparseModel = new TextCnn(TextCnnHyperparameters.From(CnnOptions("adam")));
        using var sparseOptimizer = TrainingOptimizer.Create("adam", sparseModel, 0.01, weightDecay: 0);
        // Built for sgd, the same seed gives the same weights with dense gradients.
        using var denseModel = new TextCnn(TextCnnHyperparameters.From(CnnOptions("sgd")));
        using var denseOptimizer = optim.Adam(denseModel.parameters(), lr: 0.01);

        Step(sparseModel, sparseOptimizer, gradientNormLimit: 0);
        denseOptimizer.zero_grad();
        denseModel.eval();
        nn.functional.cross_entropy(denseModel.call(tensor(Batch, [2, 6])), tensor(new long[] { 0, 1 })).backward();
        denseOptimizer.step();

        foreach (var name in new[] { "embedding.weight", "bigrams.vectors.weight", "output.weight" })
        {
            Assert.True(Weight(sparseModel, name).allclose(Weight(denseModel, name), rtol: 0, atol: 1e-6), name);
        }
    }

    [Fact]
    public void ClippingCountsAndScalesTheSparseRows()
    {
        using var scope = NewDisposeScope();
        using var model = new TextCnn(TextCnnHyperparameters.From(CnnOptions("adam")));
        using var optimizer = TrainingOptimizer.Create("adam", model, 0.01, weightDecay: 0);
        model.eval();
        optimizer.ZeroGrad();
        nn.functional.cross_entropy(model.call(tensor(Batch, [2, 6])), tensor(new long[] { 0, 1 })).backward();
        var sparse = optimizer.Sparse!.Gradients();
        double sparseSquares = sparse.Sum(g => g!.Value.Values.square().sum().item<float>());
        double denseSquares = model.named_parameters()
            .Where(p => p.parameter.grad is { is_sparse: false })
            .Sum(p => p.parameter.grad!.square().sum().item<float>());

        Assert.True(sparseSquares > 0);
        double limit = Math.Sqrt(sparseSquares + denseSquares) / 2;
        var clip = typeof(TrainingOptimizer).GetMethod("Clip", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        clip.Invoke(optimizer, [limit, sparse]);

        double clippedSparse = sparse.Sum(g => g!.Value.Values.square().sum().item<float>());
        double clippedDense = model.named_parameters()
            .Where(p => p.parameter.grad is { is_sparse: false })
            .Sum(p => p.parameter.grad!.square().sum().item<float>());
        Assert.Equal(limit, Math.Sqrt(clippedSparse + clippedDense), 3);
        Assert.Equal(sparseSquares / 4, clippedSparse, 4);
    }

    [Fact]
    public void SavedStateRestoresTheStepCountAndTheMoments()
    {
        using var scope = NewDisposeScope();
        using var model = new TextCnn(TextCnnHyperparameters.From(CnnOptions("adam")));
        using var optimizer = TrainingOptimizer.Create("adam", model, 0.01, weightDecay: 0);
        Step(model, optimizer, 0);
        Step(model, optimizer, 0);
        using var stream = new MemoryStream();
        optimizer.Sparse!.Save(stream);
        using var restoredModel = new TextCnn(TextCnnHyperparameters.From(CnnOptions("adam")));
        restoredModel.load_state_dict(model.state_dict());
        using var restored = TrainingOptimizer.Create("adam", restoredModel, 0.01, weightDecay: 0);

        stream.Position = 0;
        restored.Sparse!.Load(stream);
        Step(model, optimizer, 0);
        Step(restoredModel, restored, 0);

        Assert.Equal(3, restored.Sparse.Steps);
        Assert.True(Weight(model, "embedding.weight").eq(Weight(restoredModel, "embedding.weight")).all().item<bool>());
    }

    [Fact]
    public void OtherOptimizersAndFrozenEmbeddingsStayDense()
    {
        using var scope = NewDisposeScope();
        using var sgdModel = new TextCnn(TextCnnHyperparameters.From(CnnOptions("sgd")));
        using var sgd = TrainingOptimizer.Create("sgd", sgdModel, 0.01, 0);
        var frozenOptions = CnnOptions("adam");
        frozenOptions.BigramBuckets = 0;
        frozenOptions.FreezeEmbeddings = true;
        using var frozenModel = new TextCnn(TextCnnHyperparameters.From(frozenOptions), rand(frozenOptions.VocabularySize, frozenOptions.EmbeddingSize));
        using var frozen = TrainingOptimizer.Create("adam", frozenModel, 0.01, 0);

        Assert.Null(sgd.Sparse);
        Assert.Null(frozen.Sparse);
        Step(sgdModel, sgd, 5);
        Step(frozenModel, frozen, 5);
    }

    private static TextClassifierOptions CnnOptions(string optimizerName)
    {
        var options = ToyData.Options(cnn: true);
        options.Optimizer = optimizerName;
        options.KernelSizes = [1, 2];
        options.Filters = 4;
        options.BigramBuckets = 50;
        options.BigramSize = 4;
        return options;
    }

    // Evaluation mode, so that dropout leaves the touched rows' gradients whole.
    private static void Step(TextCnn model, TrainingOptimizer optimizer, double gradientNormLimit)
    {
        using var scope = NewDisposeScope();
        model.eval();
        optimizer.ZeroGrad();
        nn.functional.cross_entropy(model.call(tensor(Batch, [2, 6])), tensor(new long[] { 0, 1 })).backward();
        optimizer.Step(gradientNormLimit);
    }

    private static Tensor Weight(nn.Module model, string name) =>
        model.named_parameters().Single(p => p.name == name).parameter.detach();

    // The bag's hash (HashedBigramBag): bucket = (first * 1000003 + second) mod buckets + 1, for pairs of real tokens.
    private static IEnumerable<long> BigramBuckets(TextClassifierOptions options)
    {
        for (int row = 0; row < 2; row++)
        {
            for (int position = 0; position < 5; position++)
            {
                long first = Batch[(row * 6) + position], second = Batch[(row * 6) + position + 1];
                if (first != 0 && second != 0)
                {
                    yield return ((first * 1_000_003) + second) % options.BigramBuckets + 1;
                }
            }
        }
    }

    private static void AssertOnlyRowsChanged(Tensor before, Tensor after, ISet<long> touched)
    {
        for (long row = 0; row < before.shape[0]; row++)
        {
            bool same = before[row].eq(after[row]).all().item<bool>();
            Assert.True(same != touched.Contains(row), $"row {row}: {(same ? "unchanged although touched" : "changed although untouched")}");
        }
    }
}
