namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>
/// The contract fixtures (API models, SigV4 test suite) in <c>../shared/aws-models</c> beside the
/// repository; never copied into it.
/// </summary>
internal static class AwsModelsDirectory
{
    private static readonly Lazy<string> Location = new(Find);

    public static string Path => Location.Value;

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "GluonStyleText.sln")))
            {
                var models = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "..", "shared", "aws-models"));
                return Directory.Exists(models)
                    ? models
                    : throw new DirectoryNotFoundException($"The AWS contract fixtures are missing: expected {models} (see DEVELOPERS.md, Data).");
            }
        }

        throw new DirectoryNotFoundException($"No GluonStyleText.sln above {AppContext.BaseDirectory}.");
    }
}
