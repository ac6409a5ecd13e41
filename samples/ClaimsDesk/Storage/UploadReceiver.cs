using GluonStyleText.Data;
using GluonStyleText.Samples.ClaimsDesk.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GluonStyleText.Samples.ClaimsDesk.Storage;

/// <summary>
/// Receives a multipart upload straight into the data folder, counting bytes as they arrive: the file is never
/// held in memory (a claims export may be hundreds of megabytes) and one over the limit is cut off at the limit,
/// not after it has filled the disk. The file gets a generated name; the clerk's own name is kept for display only.
/// </summary>
internal sealed class UploadReceiver(DataFolder folder, UploadRegistry registry, IOptions<DeskOptions> options)
{
    private const int MaxFieldLength = 4096;
    private const int MaxFields = 16;

    /// <summary>The uploaded CSV file and the form's other fields.</summary>
    /// <exception cref="UploadRejectedException">Not a multipart request, no file, not CSV, empty, too large, or an unreadable header.</exception>
    public async Task<(UploadedCsv File, IReadOnlyDictionary<string, string> Fields)> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType, "Not a file upload", "Send the CSV file as multipart/form-data, in a field named 'file'.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw UploadRejectedException.BadRequest("Not a file upload", "The multipart request has no boundary.");
        }

        // The desk-wide body limit is small; an upload may be as large as the configured limit plus the multipart framing.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.Value.MaxUploadBytes + (1024 * 1024);
        }

        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        UploadedCsv? file = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                if (disposition.IsFileDisposition())
                {
                    if (file is not null)
                    {
                        throw UploadRejectedException.BadRequest("One file at a time", "Upload one CSV file per request.");
                    }

                    file = await StoreAsync(section.Body, disposition.FileName.Value ?? disposition.FileNameStar.Value ?? "", cancellationToken);
                }
                else if (disposition.IsFormDisposition() && fields.Count < MaxFields)
                {
                    fields[disposition.Name.Value ?? ""] = await ReadFieldAsync(section.Body, cancellationToken);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (InvalidDataException e)
        {
            // The multipart reader's own limits (header length and count): a malformed request, not a fault of the desk.
            throw UploadRejectedException.BadRequest("Malformed upload", $"The upload is not a well-formed multipart/form-data request ({e.Message}).");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            // A body cut short or a malformed multipart body; the request, not the desk, is at fault.
            throw UploadRejectedException.BadRequest("The upload did not arrive whole", $"The upload could not be read to its end ({e.Message}); please send it again.");
        }

        return file is null
            ? throw UploadRejectedException.BadRequest("No file", "Choose a CSV file to upload (form field 'file').")
            : (file, fields);
    }

    private async Task<UploadedCsv> StoreAsync(Stream body, string fileName, CancellationToken cancellationToken)
    {
        var shownName = Path.GetFileName(fileName.Replace('\\', '/'));
        if (!shownName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType, "Not a CSV file",
                $"'{shownName}' is not a CSV file. Save the spreadsheet as CSV (UTF-8) and upload that.");
        }

        var id = Guid.NewGuid().ToString("N");
        var path = folder.PathIn(folder.Uploads, id + ".csv");
        var partial = path + ".part";
        long length = 0;
        try
        {
            await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    if (length == 0 && LooksBinary(buffer.AsSpan(0, read)))
                    {
                        throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType, "Not a CSV file",
                            $"'{shownName}' holds binary data (a spreadsheet or an archive?), not CSV text. Save it as CSV (UTF-8) and upload that.");
                    }

                    length += read;
                    if (length > options.Value.MaxUploadBytes)
                    {
                        throw TooLarge();
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (length == 0)
            {
                throw UploadRejectedException.BadRequest("Empty file", $"'{shownName}' is empty.");
            }

            File.Move(partial, path);
        }
        finally
        {
            File.Delete(partial);
        }

        return registry.Add(new UploadedCsv(id, shownName, path, length, ReadColumns(path, shownName)));
    }

    private static IReadOnlyList<string> ReadColumns(string path, string shownName)
    {
        try
        {
            var header = CsvHeader.Read(path);
            return header.HasRows
                ? header.Columns
                : throw UploadRejectedException.BadRequest("No rows", $"'{shownName}' has a header but no rows.");
        }
        catch (DataFormatException e)
        {
            File.Delete(path);
            throw Problems.FromDataFormat(e, shownName);
        }
        catch (UploadRejectedException)
        {
            File.Delete(path);
            throw;
        }
    }

    // Zip (xlsx), old Excel and PDF files start with these, and any NUL byte means binary unless UTF-16's mark says otherwise.
    private static bool LooksBinary(ReadOnlySpan<byte> start)
    {
        if (start is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            return false;
        }

        return start is [(byte)'P', (byte)'K', 3, 4, ..] or [0xD0, 0xCF, 0x11, 0xE0, ..] or [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..]
            || start[..Math.Min(start.Length, 8192)].Contains((byte)0);
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[MaxFieldLength + 1];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return read > MaxFieldLength
            ? throw UploadRejectedException.BadRequest("Field too long", $"A form field is longer than {MaxFieldLength} characters.")
            : new string(buffer, 0, read);
    }

    private UploadRejectedException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "File too large",
        $"The file is larger than the limit of {options.Value.MaxUploadMegabytes} MB. Split it into smaller files, or ask the administrator to raise the limit (--max-upload-mb).");
}
