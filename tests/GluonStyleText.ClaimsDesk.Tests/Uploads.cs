using System.Net.Http.Headers;
using System.Text;

namespace GluonStyleText.ClaimsDesk.Tests;

/// <summary>Multipart bodies as a browser or another application sends them.</summary>
internal static class Uploads
{
    public static MultipartFormDataContent Csv(string fileName, string text, string? textColumn = "description") =>
        File(fileName, Encoding.UTF8.GetBytes(text), textColumn);

    public static MultipartFormDataContent File(string fileName, byte[] content, string? textColumn = "description")
    {
        var form = new MultipartFormDataContent();
        if (textColumn is not null)
        {
            form.Add(new StringContent(textColumn), "textColumn");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return form;
    }
}
