namespace GluonStyleText.Aws.Tests.SageMaker;

/// <summary>A fact about Linux behaviour (the SageMaker container's), skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Runs on Linux only, as SageMaker training containers do.";
        }
    }
}
