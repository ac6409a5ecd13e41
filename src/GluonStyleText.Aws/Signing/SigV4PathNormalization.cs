namespace GluonStyleText.Aws.Signing;

/// <summary>
/// The path normalisation Signature Version 4 asks of services other than S3: dot segments
/// removed (RFC 3986, section 5.2.4) and runs of '/' collapsed, since those services sign the
/// path they resolve. S3 signs object keys verbatim ('a//b' and 'a/./b' are keys of their own).
/// </summary>
internal static class SigV4PathNormalization
{
    /// <summary>Returns the normalised form of the absolute path <paramref name="path"/>, which starts with '/'.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/');
        var kept = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (kept.Count > 0)
                    {
                        kept.RemoveAt(kept.Count - 1);
                    }

                    break;
                default:
                    kept.Add(segment);
                    break;
            }
        }

        // A path that named a folder ('/a/', '/a/.', '/a/b/..') still names one.
        var last = segments[^1];
        var endsAsFolder = kept.Count > 0 && last is "" or "." or "..";
        return "/" + string.Join('/', kept) + (endsAsFolder ? "/" : string.Empty);
    }
}
