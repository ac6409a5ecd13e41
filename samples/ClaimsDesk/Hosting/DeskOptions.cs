namespace GluonStyleText.Samples.ClaimsDesk.Hosting;

/// <summary>The desk's settings: section <c>ClaimsDesk</c> of the configuration, or the command-line switches <see cref="DeskCommandLine"/> maps.</summary>
internal sealed class DeskOptions
{
    public const string Section = "ClaimsDesk";

    /// <summary>Where uploads, trained models, reports and the active-model file live. Default <c>claimsdesk-data</c> in the working folder.</summary>
    public string DataFolder { get; set; } = "claimsdesk-data";

    /// <summary>A model bundle (a <c>.zip</c> or a bundle folder) or a folder of bundles, offered beside the trained ones; optional.</summary>
    public string? Model { get; set; }

    /// <summary>Largest upload accepted, in megabytes. Default 200.</summary>
    public long MaxUploadMegabytes { get; set; } = 200;

    /// <summary>Rows whose top probability is below this need a person's review. Set by the team; default 0.8.</summary>
    public double ReviewBelow { get; set; } = 0.8;

    /// <summary>
    /// When set, every request must carry it (header <c>X-Api-Key</c>, or the cookie the login page sets). Required when
    /// the desk listens on anything but the loopback address, so that claims never sit open on a network.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Training options file (the seed's <c>config.json</c> keys); default the <c>training.json</c> beside the app (the <c>auto</c> preset).</summary>
    public string? TrainingConfig { get; set; }

    public long MaxUploadBytes => MaxUploadMegabytes * 1024 * 1024;
}
