using System.Globalization;
using System.Text;

namespace GluonStyleText.Text;

/// <summary>
/// The bits of HTML that scraped texts carry (IMDB reviews hold <c>&lt;br /&gt;</c> and entities):
/// line-break tags separate words and entities stand for the character they name.
/// </summary>
internal static class HtmlMarkup
{
    private const int LongestEntity = 10; // "&#x10FFFF;"

    /// <summary>Matches <c>&lt;br&gt;</c>, <c>&lt;br/&gt;</c>, <c>&lt;br /&gt;</c> and <c>&lt;/br&gt;</c> in any case at <paramref name="start"/>.</summary>
    public static bool TryMatchLineBreak(ReadOnlySpan<char> text, int start, out int length)
    {
        length = 0;
        var i = start + 1;
        if (i < text.Length && text[i] == '/')
        {
            i++;
        }
        if (i + 1 >= text.Length || (text[i] | 0x20) != 'b' || (text[i + 1] | 0x20) != 'r')
        {
            return false;
        }
        i = SkipSpaces(text, i + 2);
        if (i < text.Length && text[i] == '/')
        {
            i = SkipSpaces(text, i + 1);
        }
        if (i >= text.Length || text[i] != '>')
        {
            return false;
        }
        length = i + 1 - start;
        return true;
    }

    /// <summary>
    /// Decodes the entity at <paramref name="start"/>: a common named one (<c>&amp;amp;</c>, <c>&amp;eacute;</c>, ...)
    /// or a numeric one (<c>&amp;#39;</c>, <c>&amp;#x27;</c>). The closing semicolon is required.
    /// </summary>
    public static bool TryDecodeEntity(ReadOnlySpan<char> text, int start, out Rune value, out int length)
    {
        value = default;
        length = 0;
        var window = text.Slice(start + 1, Math.Min(LongestEntity, text.Length - start - 1));
        var semicolon = window.IndexOf(';');
        if (semicolon <= 0)
        {
            return false;
        }
        var body = window[..semicolon];
        var decoded = body[0] == '#' ? TryDecodeNumber(body[1..], out value) : TryDecodeName(body, out value);
        if (decoded)
        {
            length = semicolon + 2;
        }
        return decoded;
    }

    private static bool TryDecodeNumber(ReadOnlySpan<char> digits, out Rune value)
    {
        value = default;
        var hex = digits.Length > 0 && (digits[0] | 0x20) == 'x';
        if (hex)
        {
            digits = digits[1..];
        }
        if (digits.IsEmpty || digits.Length > 7)
        {
            return false;
        }
        var style = hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        if (!int.TryParse(digits, style, CultureInfo.InvariantCulture, out var codePoint)
            || codePoint == 0
            || !Rune.IsValid(codePoint))
        {
            return false;
        }
        value = new Rune(codePoint);
        return true;
    }

    private static bool TryDecodeName(ReadOnlySpan<char> name, out Rune value)
    {
        int codePoint = name switch
        {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ', // a plain space, so that it separates words in ASCII-only mode too
            "ndash" => '\u2013',
            "mdash" => '\u2014',
            "hellip" => '\u2026',
            "lsquo" => '\u2018',
            "rsquo" => '\u2019',
            "ldquo" => '\u201C',
            "rdquo" => '\u201D',
            "laquo" => '\u00AB',
            "raquo" => '\u00BB',
            "middot" => '\u00B7',
            "bull" => '\u2022',
            "copy" => '\u00A9',
            "reg" => '\u00AE',
            "trade" => '\u2122',
            "deg" => '\u00B0',
            "euro" => '\u20AC',
            "pound" => '\u00A3',
            "yen" => '\u00A5',
            "cent" => '\u00A2',
            "times" => '\u00D7',
            "divide" => '\u00F7',
            "shy" => '\u00AD',
            "aacute" => '\u00E1',
            "agrave" => '\u00E0',
            "acirc" => '\u00E2',
            "auml" => '\u00E4',
            "ccedil" => '\u00E7',
            "eacute" => '\u00E9',
            "egrave" => '\u00E8',
            "ecirc" => '\u00EA',
            "euml" => '\u00EB',
            "iacute" => '\u00ED',
            "iuml" => '\u00EF',
            "ntilde" => '\u00F1',
            "oacute" => '\u00F3',
            "ouml" => '\u00F6',
            "uacute" => '\u00FA',
            "uuml" => '\u00FC',
            "szlig" => '\u00DF',
            _ => 0,
        };
        value = codePoint == 0 ? default : new Rune(codePoint);
        return codePoint != 0;
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }
        return i;
    }
}
