using GluonStyleText.Options;
using GluonStyleText.Samples.ClaimsDesk.Api;
using GluonStyleText.Samples.ClaimsDesk.Jobs;
using GluonStyleText.Samples.ClaimsDesk.Models;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Hosting;

/// <summary>Builds the desk: services, limits, security and endpoints. Tests build it the same way on a loopback port.</summary>
internal static class DeskApp
{
    /// <summary>Largest request that is not an upload (JSON with many texts, a pasted claim).</summary>
    public const long MaxRequestBytes = 32L * 1024 * 1024;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, DeskCommandLine.SwitchMappings.ToDictionary());
        var desk = builder.Configuration.GetSection(DeskOptions.Section).Get<DeskOptions>() ?? new DeskOptions();
        builder.WebHost.UseUrls(ListenAddresses.Resolve(builder.Configuration["urls"], desk.ApiKey));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Uploads raise this for their own request (UploadReceiver); everything else stays small.
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = MaxRequestBytes);

        builder.Services.AddOptions<DeskOptions>().Bind(builder.Configuration.GetSection(DeskOptions.Section))
            .Validate(o => o.ReviewBelow is > 0 and <= 1, "ClaimsDesk:ReviewBelow (--review-below) must be in (0, 1].")
            .Validate(o => o.MaxUploadMegabytes > 0, "ClaimsDesk:MaxUploadMegabytes (--max-upload-mb) must be positive.")
            .ValidateOnStart();
        builder.Services.AddGluonStyleText(desk.TrainingConfig ?? Path.Combine(AppContext.BaseDirectory, "training.json"));

        builder.Services.AddSingleton<DataFolder>();
        builder.Services.AddSingleton<UploadRegistry>();
        builder.Services.AddSingleton<UploadReceiver>();
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<ActiveModel>();
        builder.Services.AddSingleton<JobRegistry>();
        builder.Services.AddSingleton<BatchRunner>();
        builder.Services.AddSingleton<TrainingRunner>();
        builder.Services.AddHostedService<DeskShutdown>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = DeskShutdown.SaveTimeout);
        builder.Services.AddSingleton<ClaimClassifier>();

        // A malformed JSON body then reaches ProblemExceptionHandler with the framework's message, not a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);

        // Keys in the data folder keep the clerks' antiforgery tokens valid across a restart.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(desk.DataFolder), "keys")));
        builder.Services.AddRazorPages();
        builder.Services.AddAntiforgery(antiforgery => antiforgery.HeaderName = "RequestVerificationToken");
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();

        var app = builder.Build();

        // Load the active model now, so that a bad --model fails at start, not at the first claim.
        _ = app.Services.GetRequiredService<ActiveModel>();
        _ = app.Services.GetRequiredService<IOptions<DeskOptions>>().Value;

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapDeskApi();
        app.MapDeskEndpoints();
        app.MapRazorPages();
        return app;
    }
}
