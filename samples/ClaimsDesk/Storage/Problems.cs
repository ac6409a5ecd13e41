using GluonStyleText.Data;

namespace GluonStyleText.Samples.ClaimsDesk.Storage;

/// <summary>Turns the library's errors into the words a clerk reads, without the server's paths.</summary>
internal static class Problems
{
    /// <summary>A bad file: the clerk's file name, the line, the column and what is wrong, but not where the desk stored it.</summary>
    public static UploadRejectedException FromDataFormat(DataFormatException e, string shownName)
    {
        var column = e.Column is null ? "" : $", column '{e.Column}'";
        var title = e.Reason switch
        {
            RejectReason.MissingColumn => "Missing column",
            _ => "The file cannot be read",
        };
        return new UploadRejectedException(StatusCodes.Status422UnprocessableEntity, title, $"{shownName} line {e.LineNumber}{column}: {e.Problem.TrimEnd('.')}.");
    }
}
