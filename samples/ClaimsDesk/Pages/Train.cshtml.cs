using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GluonStyleText.Samples.ClaimsDesk.Pages;

/// <summary>Upload a labeled CSV file, choose its text and label columns, follow the training; the script goes on to the report.</summary>
internal sealed class TrainModel : PageModel
{
}
