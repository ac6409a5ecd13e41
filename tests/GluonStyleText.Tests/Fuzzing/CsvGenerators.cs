using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace GluonStyleText.Tests.Fuzzing;

/// <summary>Valid CSV files for the fuzz properties to start from: RFC 4180, quoted fields with commas, quotes and line breaks, any script.</summary>
internal static class CsvGenerators
{
    private static readonly string[] Words = ["the", "film", "great", "awful", "plot", "破損", "配送", "café", "naïve", "😀", "a,b", "say \"hi\"", "two\nlines", "cr\rlf", "tab\t", " ", ""];

    public static readonly string[] Labels = ["pos", "neg", "0", "1", "遅延", "-3", " spaced "];

    /// <summary>A field as a careful writer saves it: quoted when it must be, quotes doubled.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.StartsWith(' ') ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    // A real word first, so that most rows have a text and a file is not refused at its first row.
    public static Gen<string> Text { get; } =
        from first in Gen.Elements(Words[..10])
        from rest in Gen.ListOf(Gen.Elements(Words)).Resize(6)
        select string.Join(' ', rest.Prepend(first));

    /// <summary>A file with the <paramref name="required"/> columns and up to two others, in any order, and up to 12 rows.</summary>
    /// <param name="required">Column names; a column named like a label column gets labels, any other gets texts.</param>
    /// <param name="labelColumn">The column whose values are labels, or null.</param>
    public static Gen<string> File(string[] required, string? labelColumn) =>
        from extra in Gen.SubListOf(new[] { "id", "region" })
        from columns in Gen.Shuffle(required.Concat(extra))
        from rows in Gen.ListOf(Gen.CollectToArray(columns, column =>
            column == labelColumn ? Gen.Elements(Labels) : column == "id" ? Gen.Choose(0, 999).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)) : Text)).Resize(12)
        from lineEnd in Gen.Elements("\n", "\r\n", "\r")
        from finalLineEnd in Gen.Elements(true, false)
        select string.Join(lineEnd, new[] { string.Join(',', columns.Select(Field)) }.Concat(rows.Select(row => string.Join(',', row.Select(Field)))))
            + (finalLineEnd ? lineEnd : "");

    /// <summary>The text in one of the encodings the readers accept: UTF-8 with or without a byte order mark, UTF-16 LE or BE with one.</summary>
    public static Gen<byte[]> Encoded(Gen<string> text, bool utf16Only = false) =>
        from value in text
        from encoding in utf16Only
            ? Gen.Elements<Encoding>(new UnicodeEncoding(false, true), new UnicodeEncoding(true, true))
            : Gen.Elements<Encoding>(new UTF8Encoding(false), new UTF8Encoding(false), new UTF8Encoding(true), new UnicodeEncoding(false, true), new UnicodeEncoding(true, true))
        select (byte[])[.. encoding.GetPreamble(), .. encoding.GetBytes(value)];
}
