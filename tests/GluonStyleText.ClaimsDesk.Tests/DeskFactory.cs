using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>The desk in memory (TestServer), with the given settings (the keys of the <c>ClaimsDesk</c> section).</summary>
internal sealed class DeskFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting($"ClaimsDesk:{key}", value);
        }
    }

    public static DeskFactory WithModel(TinyModelFixture model, string? dataFolder = null, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Model"] = model.BundlePath,
            ["DataFolder"] = dataFolder ?? model.NewDataFolder(),
            ["TrainingConfig"] = model.TrainingConfig,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return new DeskFactory(settings);
    }
}
