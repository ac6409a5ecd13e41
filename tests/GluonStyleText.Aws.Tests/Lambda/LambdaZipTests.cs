using System.IO.Compression;
using GluonStyleText.Aws.Tests.Fixtures;
using GluonStyleText.Aws.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GluonStyleText.Aws.Tests.Lambda;

/// <summary>
/// The upload Lambda's zip, published the way infra/deploy.sh publishes it: the handler only parses
/// an event and calls SubmitJob, so nothing of the model side may ride along.
/// </summary>
public sealed class LambdaZipTests(ITestOutputHelper output)
{
    private const long MaxZipBytes = 5 * 1024 * 1024;

    private static readonly string[] Forbidden = ["TorchSharp", "libtorch", "CsvHelper", "ScottPlot", "SkiaSharp", "libSkiaSharp", "GluonStyleText.dll"];

    [Fact]
    public void The_published_zip_is_small_and_holds_no_model_side_library()
    {
        using var work = new TempFolder();
        var publish = work.Combine("lambda");
        var result = BashRunner.Run(
            ["-c", $"dotnet publish src/GluonStyleText.Aws.Lambda/GluonStyleText.Aws.Lambda.csproj -c Release -f net10.0 -r linux-x64 --self-contained false -p:GenerateRuntimeConfigurationFiles=true -o '{publish}'"],
            timeout: TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, result.ToString());
        var zip = work.Combine("lambda.zip");
        ZipFile.CreateFromDirectory(publish, zip, CompressionLevel.Optimal, includeBaseDirectory: false);

        var files = Directory.GetFiles(publish).Select(Path.GetFileName).ToList();
        var size = new FileInfo(zip).Length;
        output.WriteLine($"lambda.zip: {size:N0} bytes; {string.Join(", ", files)}");

        Assert.Contains("GluonStyleText.Aws.Lambda.dll", files);
        Assert.Contains("GluonStyleText.Aws.dll", files);
        Assert.DoesNotContain(files, file => Forbidden.Any(name => file!.StartsWith(name, StringComparison.OrdinalIgnoreCase)));
        Assert.True(size < MaxZipBytes, $"lambda.zip is {size:N0} bytes; the upload Lambda should stay under {MaxZipBytes:N0}.");
    }
}
