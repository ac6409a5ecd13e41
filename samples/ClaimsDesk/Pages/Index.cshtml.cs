using GluonStyleText.Samples.ClaimsDesk.Api;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GluonStyleText.Samples.ClaimsDesk.Pages;

/// <summary>Classify one pasted claim: the category, its probability and the next two candidates.</summary>
internal sealed class IndexModel(ClaimClassifier classifier) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    public ClaimResult? Result { get; private set; }

    public string? Error { get; private set; }

    public void OnPost()
    {
        try
        {
            Result = classifier.Classify([Text]).Results[0];
        }
        catch (UploadRejectedException e)
        {
            Error = e.Detail;
        }
    }
}
