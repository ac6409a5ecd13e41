using GluonStyleText.Samples.ClaimsDesk.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GluonStyleText.Samples.ClaimsDesk.Pages;

/// <summary>A classified file: counts per category, the rows (all, or those that need review) and the download.</summary>
internal sealed class BatchResultModel(JobRegistry jobs) : PageModel
{
    private int _reviewIndex = -1;

    public BatchJob Job { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    public bool ReviewOnly => Filter == "review";

    public IEnumerable<IReadOnlyList<string>> ShownRows => Job.Results is { } results
        ? results.Rows.Where(row => !ReviewOnly || NeedsReview(row))
        : [];

    public IActionResult OnGet(string id)
    {
        if (jobs.Find<BatchJob>(id) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        if (job.Results is { } results)
        {
            _reviewIndex = results.Columns.ToList().IndexOf("needs_review");
        }

        return Page();
    }

    public bool NeedsReview(IReadOnlyList<string> row) => _reviewIndex >= 0 && row[_reviewIndex] == "true";
}
