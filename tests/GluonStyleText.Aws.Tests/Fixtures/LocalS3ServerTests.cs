using System.Net.Sockets;
using System.Text;
using GluonStyleText.Aws.Local;

namespace GluonStyleText.Aws.Tests.Fixtures;

// Runs in the server collection so that the real server below never competes with npm ci.
[Collection(S3ServerCollection.Name)]
public sealed class LocalS3ServerTests
{
    [Fact]
    public async Task Start_WithBuckets_ServesThemAndDisposeStopsAndCleansUp()
    {
        var options = new LocalS3ServerOptions();
        options.Buckets.Add("preset-bucket");
        var server = await LocalS3Server.StartAsync(options);
        var endpoint = new Uri(server.ServiceUrl);
        try
        {
            using var client = server.CreateClient();
            var buckets = await client.ListBucketsAsync();

            Assert.Equal("127.0.0.1", endpoint.Host);
            Assert.Equal(["preset-bucket"], buckets.Buckets.Select(b => b.BucketName));
            Assert.True(Directory.Exists(server.DataDirectory));
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(Directory.Exists(server.DataDirectory));
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(endpoint.Host, endpoint.Port));
        Assert.Empty(await ToListAsync(server.EventsAsync()));
    }

    [Fact]
    public async Task Start_ScriptMissing_NamesIt()
    {
        using var folder = new TempFolder();
        var script = folder.Combine("server.js");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => LocalS3Server.StartAsync(new LocalS3ServerOptions { ServerScriptPath = script }));

        Assert.Contains($"'{script}'", error.Message);
    }

    [Fact]
    public async Task Start_NodePackagesMissing_SaysToRunSetup()
    {
        using var folder = new TempFolder();
        var script = folder.WriteFile("server.js", []);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LocalS3Server.StartAsync(new LocalS3ServerOptions { ServerScriptPath = script }));

        Assert.Contains("Node packages are not installed", error.Message);
        Assert.Contains("build/setup.sh", error.Message);
        Assert.Contains($"'npm ci' in '{folder.Path}'", error.Message);
    }

    [Fact]
    public async Task Start_NodeMissing_SaysToInstallIt()
    {
        using var folder = new TempFolder();
        var options = FakeServer(folder, "");
        options.NodeExecutable = folder.Combine("no-such-node");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalS3Server.StartAsync(options));

        Assert.Contains($"Could not start Node.js ('{options.NodeExecutable}')", error.Message);
        Assert.Contains("build/setup.sh", error.Message);
    }

    [Fact]
    public async Task Start_ServerExitsEarly_ShowsItsStandardError()
    {
        using var folder = new TempFolder();
        var options = FakeServer(folder, "process.stderr.write('EADDRINUSE: port taken\\n'); process.exit(3);");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalS3Server.StartAsync(options));

        Assert.Contains("exited with code 3 before it was ready", error.Message);
        Assert.Contains("EADDRINUSE: port taken", error.Message);
    }

    // The stand-in is a shell script, not Node: sh writes its line within milliseconds even on a loaded machine,
    // where Node's own start-up could take most of the 3 s window and leave the standard error still empty.
    [SageMaker.LinuxFact]
    public async Task Start_NeverReady_TimesOutWithStandardError()
    {
        using var folder = new TempFolder();
        var options = FakeServer(folder, "echo 'still starting' >&2\nwhile read -r line; do :; done\n");
        options.NodeExecutable = "/bin/sh";
        options.StartTimeout = TimeSpan.FromSeconds(3);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => LocalS3Server.StartAsync(options));

        Assert.Contains("did not report ready within 3 s", error.Message);
        Assert.Contains("still starting", error.Message);
    }

    [Fact]
    public async Task Start_UnexpectedFirstLine_IsShown()
    {
        using var folder = new TempFolder();
        var options = FakeServer(folder, "console.log('hello'); process.stdin.on('end', () => process.exit(0)); process.stdin.resume();");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalS3Server.StartAsync(options));

        Assert.Contains("first output line should be {\"ready\":true", error.Message);
        Assert.Contains("'hello'", error.Message);
    }

    // A stand-in server.js, with the folder the dependency check looks for.
    private static LocalS3ServerOptions FakeServer(TempFolder folder, string script)
    {
        Directory.CreateDirectory(folder.Combine("node_modules", "s3rver"));
        return new LocalS3ServerOptions { ServerScriptPath = folder.WriteFile("server.js", Encoding.UTF8.GetBytes(script)) };
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
