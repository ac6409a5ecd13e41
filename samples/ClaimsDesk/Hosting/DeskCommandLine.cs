namespace GluonStyleText.Samples.ClaimsDesk.Hosting;

/// <summary>Short command-line switches for the settings a clerk's administrator sets when starting the desk.</summary>
internal static class DeskCommandLine
{
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--model"] = $"{DeskOptions.Section}:{nameof(DeskOptions.Model)}",
        ["--data"] = $"{DeskOptions.Section}:{nameof(DeskOptions.DataFolder)}",
        ["--api-key"] = $"{DeskOptions.Section}:{nameof(DeskOptions.ApiKey)}",
        ["--review-below"] = $"{DeskOptions.Section}:{nameof(DeskOptions.ReviewBelow)}",
        ["--max-upload-mb"] = $"{DeskOptions.Section}:{nameof(DeskOptions.MaxUploadMegabytes)}",
        ["--training-config"] = $"{DeskOptions.Section}:{nameof(DeskOptions.TrainingConfig)}",
    };
}
