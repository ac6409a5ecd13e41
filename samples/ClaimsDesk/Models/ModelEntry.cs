namespace GluonStyleText.Samples.ClaimsDesk.Models;

/// <summary>A model the desk offers: a bundle and what the models page shows about it.</summary>
/// <param name="Name">Its name, safe as a file name and in a URL.</param>
/// <param name="BundlePath">The bundle (a <c>.zip</c> or a folder).</param>
/// <param name="Created">When it was trained (or the bundle's file date).</param>
/// <param name="DataFile">The training file's name as the clerk uploaded it; null for a model brought with <c>--model</c>.</param>
/// <param name="Accuracy">Validation accuracy, when known.</param>
/// <param name="ReportFolder">Its validation report (metrics and confusion matrix); null when none was written.</param>
internal sealed record ModelEntry(string Name, string BundlePath, DateTimeOffset Created, string? DataFile, double? Accuracy, string? ReportFolder);
