namespace GluonStyleText.Samples.ClaimsDesk.Api;

/// <summary>One model, as <c>GET /api/models</c> lists it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Created">When it was trained.</param>
/// <param name="DataFile">The training file's name, when trained here.</param>
/// <param name="Accuracy">Validation accuracy, when known.</param>
/// <param name="Active">Whether it classifies now.</param>
internal sealed record ModelInfo(string Name, DateTimeOffset Created, string? DataFile, double? Accuracy, bool Active);
