namespace GluonStyleText.Options;

/// <summary>Options loaded from a configuration source, with the warnings the source produced.</summary>
/// <param name="Options">The bound and validated options.</param>
/// <param name="Warnings">Problems that did not stop loading, such as unknown keys; each names the source and the key.</param>
public sealed record OptionsLoadResult(TextClassifierOptions Options, IReadOnlyList<string> Warnings);
