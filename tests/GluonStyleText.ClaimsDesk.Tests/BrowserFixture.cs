using Microsoft.Playwright;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>
/// One headless Chromium for the browser tests: Debian's (<c>apt-get install chromium</c>, done by build/setup.sh),
/// since no browser can be downloaded here; Playwright's own driver ships inside its NuGet package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the README's screenshots go: docs/images of the repository these tests are built from.</summary>
    public static string ImagesFolder
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GluonStyleText.sln")))
            {
                folder = folder.Parent;
            }

            var images = Path.Combine(folder?.FullName ?? Path.GetTempPath(), "docs", "images");
            Directory.CreateDirectory(images);
            return images;
        }
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 800 }, AcceptDownloads = true });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
