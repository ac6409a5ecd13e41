namespace GluonStyleText.Aws.Tests;

/// <summary>
/// The test assembly's entry point, which the test host never calls. Run as <c>dotnet GluonStyleText.Aws.Tests.dll</c>
/// it is the child process of tests that must not act on the test host itself, such as sending it a signal.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args) =>
        args is [SageMaker.SigtermChild.Command, var root] ? await SageMaker.SigtermChild.RunAsync(root) : 2;
}
