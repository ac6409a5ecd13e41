using System.Collections.Concurrent;

namespace GluonStyleText.Samples.ClaimsDesk.Storage;

/// <summary>The uploads of this run, by generated id: a browser names an upload only by its id, never by a path.</summary>
internal sealed class UploadRegistry
{
    private readonly ConcurrentDictionary<string, UploadedCsv> _uploads = new(StringComparer.Ordinal);

    public UploadedCsv Add(UploadedCsv upload) => _uploads[upload.Id] = upload;

    /// <exception cref="UploadRejectedException">No such upload.</exception>
    public UploadedCsv Get(string? id) => id is not null && _uploads.TryGetValue(id, out var upload)
        ? upload
        : throw new UploadRejectedException(StatusCodes.Status404NotFound, "Unknown upload", "That upload is not known (the desk may have restarted); please upload the file again.");
}
