using GluonStyleText.Samples.ClaimsDesk.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GluonStyleText.Samples.ClaimsDesk.Pages;

/// <summary>Every model with its date, data file and accuracy; one click makes another the active one.</summary>
internal sealed class ModelsModel(ModelCatalog catalog, ActiveModel active) : PageModel
{
    public IReadOnlyList<ModelEntry> Entries => catalog.All;

    public string? ActiveName => active.Entry?.Name;

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPostActivate(string? name)
    {
        if (name is null || !active.Activate(name))
        {
            Error = "There is no such model.";
            return Page();
        }

        return RedirectToPage();
    }
}
