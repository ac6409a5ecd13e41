using GluonStyleText.Samples.ClaimsDesk.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Pages;

/// <summary>Upload a CSV file, choose its text column, follow the run; the script goes on to the results page.</summary>
internal sealed class BatchModel(IOptions<DeskOptions> options) : PageModel
{
    public long MaxUploadMegabytes => options.Value.MaxUploadMegabytes;

    public double ReviewBelow => options.Value.ReviewBelow;
}
