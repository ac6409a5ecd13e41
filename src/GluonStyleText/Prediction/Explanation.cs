namespace GluonStyleText.Prediction;

/// <summary>A prediction together with each word's share in it (see <see cref="TextClassifier.Explain"/>).</summary>
/// <param name="Prediction">The classifier's answer for the whole text, as <see cref="TextClassifier.Predict"/> gives it.</param>
/// <param name="Words">Every word of the text, in text order, with its contribution to <see cref="Prediction"/>'s label.</param>
public sealed record Explanation(Prediction Prediction, IReadOnlyList<WordContribution> Words);
