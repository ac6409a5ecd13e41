namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>One operation of an API model: its HTTP binding and input/output shapes.</summary>
internal sealed record ApiOperation(string Name, string Method, string RequestUri, string? InputShape, string? OutputShape, IReadOnlyList<string> ErrorShapes);
