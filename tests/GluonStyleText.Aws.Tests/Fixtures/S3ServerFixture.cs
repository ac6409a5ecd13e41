using System.Diagnostics;
using System.Text.Json;
using Amazon.S3;
using GluonStyleText.Aws.Local;

namespace GluonStyleText.Aws.Tests.Fixtures;

/// <summary>
/// One local S3 server (s3rver via <c>infra/local-s3/server.js</c>) for the whole test run. Runs
/// <c>npm ci</c> first when its Node packages are missing, so a clean clone only needs Node.js.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    private LocalS3Server? _server;
    private AmazonS3Client? _client;

    /// <summary>The running server.</summary>
    public LocalS3Server Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A client of the server.</summary>
    public AmazonS3Client Client => _client ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // Nothing here may fall back to asking an EC2 metadata endpoint for credentials or region.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var script = LocalS3ServerScript.Locate(configuredPath: null, AppContext.BaseDirectory);
        if (!LocalS3ServerScript.AreDependenciesInstalled(script))
        {
            await RunNpmCiAsync(Path.GetDirectoryName(script)!);
        }

        _server = await LocalS3Server.StartAsync(new LocalS3ServerOptions { ServerScriptPath = script });
        _client = _server.CreateClient();
    }

    /// <summary>Creates a bucket with a new name, so that each test sees only its own objects and events.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var name = $"test-{Guid.NewGuid():N}";
        await Client.PutBucketAsync(name);
        return name;
    }

    /// <summary>
    /// The first S3 event whose record matches, skipping (and consuming) the others; fails after
    /// 30 s without one. Returns the event's only record.
    /// </summary>
    public async Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> recordMatches)
    {
        using var timeout = new CancellationTokenSource(EventTimeout);
        try
        {
            await foreach (var json in Server.EventsAsync(timeout.Token))
            {
                using var document = JsonDocument.Parse(json);
                var record = document.RootElement.GetProperty("Records")[0];
                if (recordMatches(record))
                {
                    return record.Clone();
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Reported below.
        }

        throw new TimeoutException($"No matching S3 event within {EventTimeout.TotalSeconds} s. Server stderr:\n{Server.StandardErrorText}");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static async Task RunNpmCiAsync(string folder)
    {
        var startInfo = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The local S3 server's Node packages are missing in '{folder}' and npm could not be started ({e.Message}). Run build/setup.sh.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'npm ci' in '{folder}' failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
            }
        }
    }
}
