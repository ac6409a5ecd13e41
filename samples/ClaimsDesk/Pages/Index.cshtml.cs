using System.Text.Encodings.Web;
using GluonStyleText.Samples.ClaimsDesk.Api;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GluonStyleText.Samples.ClaimsDesk.Pages;

/// <summary>Classify one pasted claim: the category, its probability, the next two candidates and the words that drove it.</summary>
internal sealed class IndexModel(ClaimClassifier classifier) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    public ClaimResult? Result { get; private set; }

    public string? Error { get; private set; }

    /// <summary>
    /// The pasted text with the words that moved the answer marked: green for the predicted category, red
    /// against it (a contribution of at least 0.01 in probability either way), the rest as written.
    /// </summary>
    public IHtmlContent? Why { get; private set; }

    public void OnPost()
    {
        try
        {
            Result = classifier.Classify([Text]).Results[0];
            var explanation = classifier.Explain(Text);
            var why = new HtmlContentBuilder();
            var at = 0;
            foreach (var word in explanation.Words)
            {
                why.Append(Text![at..word.Start]);
                var written = Text.Substring(word.Start, word.Length);
                if (Math.Abs(word.Contribution) >= 0.01)
                {
                    var title = $"{word.Contribution:+0.000;-0.000} for {Result.Category}";
                    why.AppendHtml($"<mark class=\"{(word.Contribution > 0 ? "supports" : "against")}\" title=\"{HtmlEncoder.Default.Encode(title)}\">{HtmlEncoder.Default.Encode(written)}</mark>");
                }
                else
                {
                    why.Append(written);
                }

                at = word.Start + word.Length;
            }

            Why = why.Append(Text![at..]);
        }
        catch (UploadRejectedException e)
        {
            Error = e.Detail;
        }
    }
}
