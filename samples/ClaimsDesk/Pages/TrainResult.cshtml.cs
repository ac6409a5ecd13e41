using GluonStyleText.Samples.ClaimsDesk.Jobs;
using GluonStyleText.Samples.ClaimsDesk.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GluonStyleText.Samples.ClaimsDesk.Pages;

/// <summary>A training run: its progress, then the validation report and the button that makes the model active.</summary>
internal sealed class TrainResultModel(JobRegistry jobs, ActiveModel active) : PageModel
{
    public TrainingJob Job { get; private set; } = null!;

    public bool IsActive => Job.Model is { } model && active.Entry?.Name == model.Name;

    public IActionResult OnGet(string id)
    {
        if (jobs.Find<TrainingJob>(id) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        return Page();
    }

    public IActionResult OnPostActivate(string id)
    {
        if (jobs.Find<TrainingJob>(id) is not { Model: { } model })
        {
            return NotFound();
        }

        active.Activate(model.Name);
        return RedirectToPage(new { id });
    }
}
