using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

public sealed class TextTransformerFitTests
{
    private const int GeneratedTexts = 200_000;

    /// <summary>Texts made on demand, so that nothing holds them all; counts how many were taken.</summary>
    private sealed class GeneratedClaims
    {
        public int Taken;

        public IEnumerable<string> Texts(Action<int>? onText = null)
        {
            for (var i = 0; i < GeneratedTexts; i++)
            {
                Interlocked.Increment(ref Taken);
                onText?.Invoke(i);
                yield return $"Claim {i}: the PUMP leaks, part p{i % 50} replaced &amp; tested";
            }
        }
    }

    [Fact]
    public void FitStreamsALargeLazySequence()
    {
        var claims = new GeneratedClaims();
        var reports = new List<long>();

        var transformer = TextTransformer.Fit(
            claims.Texts(),
            new TextTransformerOptions { VocabularySize = 12 },
            new SynchronousProgress<long>(reports.Add));

        Assert.Equal(GeneratedTexts, claims.Taken);
        Assert.Equal(GeneratedTexts, reports[^1]);
        Assert.True(reports.Count > 10);
        // Seven words occur in every text; p0..p49 4000 times each; the claim numbers a few times at most.
        Assert.Equal(["<pad>", "<unk>", "claim", "leaks", "part", "pump", "replaced", "tested", "the", "p0", "p1", "p10"], transformer.Vocabulary.Words);
    }

    [Fact]
    public void FitStopsWhenCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var claims = new GeneratedClaims();

        Assert.ThrowsAny<OperationCanceledException>(() => TextTransformer.Fit(
            claims.Texts(i =>
            {
                if (i == 50_000)
                {
                    cancellation.Cancel();
                }
            }),
            new TextTransformerOptions(),
            cancellationToken: cancellation.Token));

        Assert.InRange(claims.Taken, 50_001, GeneratedTexts - 1);
    }

    [Fact]
    public void FitValidatesTheOptions()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => TextTransformer.Fit(["a"], new TextTransformerOptions { VocabularySize = 1 }));

        Assert.Equal(nameof(TextTransformerOptions.VocabularySize), error.ParamName);
    }

    [Fact]
    public void FitOfNoTextsKnowsOnlyTheReservedIds()
    {
        var transformer = TextTransformer.Fit([], new TextTransformerOptions());

        Assert.Equal(["<pad>", "<unk>"], transformer.Vocabulary.Words);
        Assert.Equal(1, transformer.Encode("anything")[0]);
    }
}
