namespace GluonStyleText.Embeddings;

/// <summary>Layout of a pretrained word-vectors file. Every layout may also be gzip-compressed.</summary>
public enum WordVectorFormat
{
    /// <summary>
    /// Decide from the file: names ending in <c>.bin</c> or <c>.bin.gz</c> are word2vec binary; otherwise the
    /// file is text, fastText <c>.vec</c> when its first line is exactly two integers and GloVe when not.
    /// </summary>
    Auto,

    /// <summary>GloVe text: no header, one <c>word v1 ... vd</c> line per word, separated by single spaces.</summary>
    GloVeText,

    /// <summary>fastText / word2vec text (<c>.vec</c>): a first line <c>count dimension</c>, then GloVe-style lines.</summary>
    FastTextVec,

    /// <summary>
    /// word2vec binary: a text header <c>count dimension</c> and a newline, then per word its UTF-8 bytes, a space,
    /// dimension little-endian float32 values and an optional newline.
    /// </summary>
    Word2VecBinary,
}
