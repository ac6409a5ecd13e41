using System.Globalization;

namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>How far a download has come.</summary>
/// <param name="BytesDone">Bytes on disk so far, including those kept from an earlier, interrupted attempt.</param>
/// <param name="TotalBytes">Size of the whole file, or null when the server does not say.</param>
/// <param name="BytesPerSecond">Average speed of this attempt.</param>
internal readonly record struct DownloadProgress(long BytesDone, long? TotalBytes, double BytesPerSecond)
{
    /// <summary>Fraction done between 0 and 1, or null when the total is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 ? (double)BytesDone / TotalBytes.Value : null;

    /// <summary>One line for a console, e.g. <c>12.3 / 80.2 MB (15%) at 4.1 MB/s</c>.</summary>
    public override string ToString()
    {
        const double Megabyte = 1_000_000;
        var done = (BytesDone / Megabyte).ToString("0.0", CultureInfo.InvariantCulture);
        var speed = (BytesPerSecond / Megabyte).ToString("0.0", CultureInfo.InvariantCulture);
        return TotalBytes is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{done} / {total / Megabyte:0.0} MB ({Fraction * 100:0}%) at {speed} MB/s")
            : $"{done} MB at {speed} MB/s";
    }
}
