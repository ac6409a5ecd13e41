using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Amazon.Runtime;
using Amazon.S3;

namespace GluonStyleText.Aws.Local;

/// <summary>
/// A real S3 protocol server on 127.0.0.1 for tests and the local pipeline: runs
/// <c>node infra/local-s3/server.js</c> (s3rver plus aws-chunked decoding) in a child process and
/// reports the S3 event notification of every object created, as AWS would deliver it to Lambda.
/// Disposing stops the server and deletes its temporary data folder; the server also stops on its
/// own when this process ends, because it exits when its standard input closes.
/// </summary>
public sealed class LocalS3Server : IAsyncDisposable
{
    /// <summary>The only access key id the server accepts.</summary>
    public const string AccessKeyId = "S3RVER";

    /// <summary>The secret access key that goes with <see cref="AccessKeyId"/>.</summary>
    public const string SecretAccessKey = "S3RVER";

    private const int MaxStandardErrorChars = 32 * 1024;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly StringBuilder _standardError = new();
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<string?> _readyLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _standardOutputPump;
    private readonly string? _ownedDataDirectory;
    private int _disposed;

    private LocalS3Server(Process process, string dataDirectory, bool ownsDataDirectory, string region)
    {
        this._process = process;
        DataDirectory = dataDirectory;
        _ownedDataDirectory = ownsDataDirectory ? dataDirectory : null;
        Region = region;
        process.ErrorDataReceived += (_, e) => AppendStandardError(e.Data);
        process.BeginErrorReadLine();
        _standardOutputPump = PumpStandardOutputAsync();
    }

    /// <summary>The server's endpoint, e.g. <c>http://127.0.0.1:40123</c> (use with path-style addressing).</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>The region the server reports in events and that clients sign for.</summary>
    public string Region { get; }

    /// <summary>The folder holding the server's buckets and objects.</summary>
    public string DataDirectory { get; }

    /// <summary>What the server wrote to standard error so far (the last 32 K characters), for diagnostics.</summary>
    public string StandardErrorText
    {
        get
        {
            lock (_standardError)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server and waits until it listens. Fails with a clear message when Node.js, the
    /// script or its Node packages are missing, or when the server does not start in time.
    /// </summary>
    /// <param name="options">Where the script is, port, buckets to create; defaults when null.</param>
    /// <param name="cancellationToken">Stops waiting (and the server) before it is ready.</param>
    public static async Task<LocalS3Server> StartAsync(LocalS3ServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalS3ServerOptions();
        Validate(options);
        var scriptPath = LocalS3ServerScript.Locate(options.ServerScriptPath, AppContext.BaseDirectory);
        if (!LocalS3ServerScript.AreDependenciesInstalled(scriptPath))
        {
            throw new InvalidOperationException(
                $"The local S3 server's Node packages are not installed ('{Path.Combine(Path.GetDirectoryName(scriptPath)!, "node_modules")}' has no s3rver). " +
                $"Run build/setup.sh, or 'npm ci' in '{Path.GetDirectoryName(scriptPath)}'.");
        }

        var ownsDataDirectory = options.DataDirectory is null;
        var dataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("gluonstyletext-s3-").FullName;
        var process = new Process { StartInfo = CreateStartInfo(options, scriptPath, dataDirectory) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            if (ownsDataDirectory)
            {
                TryDeleteDirectory(dataDirectory);
            }

            throw new InvalidOperationException(
                $"Could not start Node.js ('{options.NodeExecutable}'): {e.Message}. The local S3 server needs Node.js 18 or later; " +
                "run build/setup.sh, which installs it, or set LocalS3ServerOptions.NodeExecutable.", e);
        }

        var server = new LocalS3Server(process, dataDirectory, ownsDataDirectory, options.Region);
        try
        {
            await server.WaitUntilReadyAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A client for this server: path-style addressing, the server's fixed credentials, and the
    /// SDK's default upload behaviour (aws-chunked bodies with checksum trailers) left on purpose.
    /// </summary>
    public AmazonS3Client CreateClient() => CreateClient(httpClientFactory: null);

    // Tests pass a factory whose HttpClient records each request (what IAM would be asked to allow).
    internal AmazonS3Client CreateClient(HttpClientFactory? httpClientFactory)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = Region,
        };
        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        return new AmazonS3Client(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), config);
    }

    /// <summary>
    /// The S3 event notification JSON (<c>{"Records":[...]}</c>, keys form-encoded) of each object
    /// created, in order, from the server's start. Events are buffered until read, and each is
    /// delivered to one reader only. The sequence ends when the server stops.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait for the next event.</param>
    public IAsyncEnumerable<string> EventsAsync(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops the server (closing its standard input, killing it if it lingers) and deletes its temporary data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already exited: the pipe is broken, which is what closing would achieve.
        }

        using (var stopWait = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(stopWait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        await _standardOutputPump.ConfigureAwait(false);
        _process.Dispose();
        if (_ownedDataDirectory is not null)
        {
            TryDeleteDirectory(_ownedDataDirectory);
        }
    }

    private static void Validate(LocalS3ServerOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"LocalS3ServerOptions.Port must be 0 (any free port) to 65535, got {options.Port}.", nameof(options));
        }

        if (options.StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"LocalS3ServerOptions.StartTimeout must be positive, got {options.StartTimeout}.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            throw new ArgumentException("LocalS3ServerOptions.Region is required, e.g. us-east-1.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.NodeExecutable))
        {
            throw new ArgumentException("LocalS3ServerOptions.NodeExecutable is required, e.g. node.", nameof(options));
        }
    }

    private static ProcessStartInfo CreateStartInfo(LocalS3ServerOptions options, string scriptPath, string dataDirectory)
    {
        var startInfo = new ProcessStartInfo(options.NodeExecutable)
        {
            WorkingDirectory = Path.GetDirectoryName(scriptPath)!,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(scriptPath);
        startInfo.ArgumentList.Add("--address");
        startInfo.ArgumentList.Add("127.0.0.1");
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add(options.Port.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("--directory");
        startInfo.ArgumentList.Add(dataDirectory);
        startInfo.ArgumentList.Add("--region");
        startInfo.ArgumentList.Add(options.Region);
        foreach (var bucket in options.Buckets)
        {
            startInfo.ArgumentList.Add("--bucket");
            startInfo.ArgumentList.Add(bucket);
        }

        return startInfo;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            line = await _readyLine.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"The local S3 server did not report ready within {timeout.TotalSeconds:0.#} s. Its standard error:{Environment.NewLine}{StandardErrorText}");
        }

        if (line is null)
        {
            // The server closed its output, so it is exiting; let standard error drain so the message shows why.
            using var drain = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Still running without output: reported the same way, without an exit code.
            }

            var exit = _process.HasExited ? $"exited with code {_process.ExitCode}" : "closed its output";
            throw new InvalidOperationException(
                $"The local S3 server {exit} before it was ready. Its standard error:{Environment.NewLine}{StandardErrorText}");
        }

        ServiceUrl = ParseReadyLine(line);
    }

    private string ParseReadyLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("ready", out var ready) && ready.ValueKind == JsonValueKind.True &&
                root.TryGetProperty("endpoint", out var endpoint) && endpoint.GetString() is { Length: > 0 } url)
            {
                return url;
            }
        }
        catch (JsonException)
        {
            // Reported below together with the line.
        }

        throw new InvalidOperationException(
            $"The local S3 server's first output line should be {{\"ready\":true,\"endpoint\":\"http://...\"}} but was '{line}'. " +
            $"Its standard error:{Environment.NewLine}{StandardErrorText}");
    }

    private async Task PumpStandardOutputAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (!_readyLine.TrySetResult(line) && line.Length > 0)
                {
                    _events.Writer.TryWrite(line);
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke because the server was killed; the end of output is all that matters.
        }
        finally
        {
            _readyLine.TrySetResult(null);
            _events.Writer.TryComplete();
        }
    }

    private void AppendStandardError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_standardError)
        {
            _standardError.AppendLine(line);
            if (_standardError.Length > MaxStandardErrorChars)
            {
                _standardError.Remove(0, _standardError.Length - MaxStandardErrorChars);
            }
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless; failing a dispose over them is not.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
