namespace GluonStyleText.Samples.ClaimsDesk.Api;

/// <summary>Body of <c>POST /api/classify</c>: one <see cref="Text"/> or many <see cref="Texts"/>.</summary>
/// <param name="Text">One claim text.</param>
/// <param name="Texts">Several claim texts, classified in one call (at most <see cref="ClassifyEndpoints.MaxTexts"/>).</param>
internal sealed record ClassifyRequest(string? Text, IReadOnlyList<string>? Texts);
