namespace GluonStyleText.Samples.ClaimsDesk.Storage;

/// <summary>An upload or request the desk refuses, with the words shown to the clerk and the HTTP status for the API.</summary>
internal sealed class UploadRejectedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    public static UploadRejectedException BadRequest(string title, string detail) => new(StatusCodes.Status400BadRequest, title, detail);
}
