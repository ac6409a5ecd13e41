using GluonStyleText.Samples.ClaimsDesk.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Pages;

/// <summary>When the desk has an API key, a clerk types it once; the browser then carries it in an HTTP-only cookie.</summary>
internal sealed class LoginModel(IOptions<DeskOptions> options) : PageModel
{
    [BindProperty]
    public string? Key { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnPost()
    {
        if (options.Value.ApiKey is not { Length: > 0 } key)
        {
            return Redirect("/");
        }

        if (!ApiKeyMiddleware.Matches(Key, key))
        {
            Error = "That is not the desk's key.";
            return Page();
        }

        Response.Cookies.Append(ApiKeyMiddleware.CookieName, key, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = Request.IsHttps });
        return Redirect("/");
    }
}
