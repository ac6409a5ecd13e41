namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>The two labelled halves of the IMDB release.</summary>
internal enum ImdbSplit
{
    /// <summary>The 25,000 training reviews (<c>aclImdb/train</c>).</summary>
    Train,

    /// <summary>The 25,000 test reviews (<c>aclImdb/test</c>).</summary>
    Test,
}
