using GluonStyleText.Samples.ClaimsDesk.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>The real desk (Kestrel) on a free loopback port, built exactly as <c>dotnet run</c> builds it, for the browser.</summary>
internal sealed class RunningDesk : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningDesk(WebApplication app, string address, string dataFolder)
    {
        _app = app;
        Address = address;
        DataFolder = dataFolder;
    }

    public string Address { get; }

    public string DataFolder { get; }

    public static async Task<RunningDesk> StartAsync(TinyModelFixture model, params string[] more)
    {
        var data = model.NewDataFolder();
        // Inside the test host the entry assembly is the test runner's, so the desk's pages and its wwwroot are named here, as dotnet run would find them.
        var app = DeskApp.Build([
            "--applicationName", typeof(DeskApp).Assembly.GetName().Name!, "--contentRoot", ContentRoot(),
            "--urls", "http://127.0.0.1:0", "--model", model.BundlePath, "--data", data, "--training-config", model.TrainingConfig,
            "--Logging:LogLevel:Default", "Warning", .. more]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningDesk(app, address, data);
    }

    private static string ContentRoot() => Path.Combine(Path.GetDirectoryName(BrowserFixture.ImagesFolder)!, "..", "samples", "ClaimsDesk");

    public string Url(string path) => Address + path;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
