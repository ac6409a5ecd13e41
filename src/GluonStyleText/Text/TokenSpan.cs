namespace GluonStyleText.Text;

/// <summary>One word of a text as the tokenizer returns it, and the characters of the original text it was made from.</summary>
/// <param name="Word">The word, as the vocabulary sees it (case-folded, entities decoded).</param>
/// <param name="Start">Offset of its first character in the original text.</param>
/// <param name="Length">Number of original characters it was made from (an entity counts with all its characters).</param>
internal readonly record struct TokenSpan(string Word, int Start, int Length);
