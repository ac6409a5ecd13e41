namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>One labelled review.</summary>
/// <param name="Sentiment">1 for positive, 0 for negative.</param>
/// <param name="Id">The number before the underscore in its file name; unique within a split and sentiment.</param>
/// <param name="Text">The file's text, unchanged.</param>
internal readonly record struct ImdbReview(int Sentiment, int Id, string Text);
