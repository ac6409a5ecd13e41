namespace GluonStyleText.Models;

/// <summary>
/// The width a batch of token ids is cut to: its longest text, rounded up so that one run sees at most
/// <see cref="MostWidths"/> different widths. libtorch allocates every activation with malloc, and batches of
/// every width from 1 to seq_len leave freed blocks of every size in glibc's heap, which it neither reuses
/// nor returns: IMDB training cut to each batch's exact longest text peaked at 2.8 GB and spent a quarter of its
/// CPU time in the kernel, faulting pages back in. With the widths rounded to 16 steps one IMDB epoch took 36 s
/// instead of 47 s and peaked at 1.7 GB, although the batches carry a little more padding; 8 steps used a little
/// less memory again over four epochs (1.76 against 1.81 GiB) in about the same time.
/// The models' logits do not depend on padding, so the rounding changes no prediction.
/// </summary>
internal static class BatchWidth
{
    /// <summary>The most distinct widths a run of batches uses.</summary>
    internal const int MostWidths = 8;

    /// <summary>Widths are multiples of this (or seq_len itself): shapes the CPU kernels vectorise well.</summary>
    internal const int Multiple = 8;

    /// <summary>The width for a batch whose longest text has <paramref name="longestText"/> tokens.</summary>
    /// <param name="longestText">Tokens in the batch's longest text (0 for a batch of empty texts).</param>
    /// <param name="sequenceLength">seq_len: the widest a batch can be.</param>
    internal static int For(int longestText, int sequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceLength, 1);
        int step = RoundUp((sequenceLength + MostWidths - 1) / MostWidths, Multiple);
        return Math.Min(sequenceLength, RoundUp(Math.Max(longestText, 1), step));
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
