namespace GluonStyleText.Prediction;

/// <summary>How much one word of a text moved the classifier towards its answer (see <see cref="TextClassifier.Explain"/>).</summary>
/// <param name="Word">The word as the model saw it: case-folded and with HTML entities decoded, so it may differ from the original characters.</param>
/// <param name="Start">Offset of the word's first character in the original text passed to <see cref="TextClassifier.Explain"/>.</param>
/// <param name="Length">
/// Number of original characters the word was made from, so that <c>text.Substring(Start, Length)</c> is the
/// word as written (for example <c>SUPERB</c>, or <c>caf&amp;eacute;</c> for the word <c>café</c>).
/// </param>
/// <param name="Contribution">
/// The drop in the predicted label's probability when the word is removed from the text: positive when the
/// word supports the prediction, negative when it speaks against it, 0 for a word the model does not see.
/// </param>
public sealed record WordContribution(string Word, int Start, int Length, double Contribution);
