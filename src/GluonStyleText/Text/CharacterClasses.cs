using System.Globalization;
using System.Text;

namespace GluonStyleText.Text;

/// <summary>What the tokenizer does with each character.</summary>
internal static class CharacterClasses
{
    /// <summary>ASCII separator: white space, punctuation, symbols, control characters.</summary>
    public const byte Separator = 0;

    /// <summary>ASCII lowercase letter or digit: kept as it is.</summary>
    public const byte Word = 1;

    /// <summary>ASCII uppercase letter: kept, folded to lowercase when asked.</summary>
    public const byte Upper = 2;

    /// <summary><c>&lt;</c> or <c>&amp;</c>: may start a line-break tag or an entity; otherwise a separator.</summary>
    public const byte Markup = 3;

    /// <summary>The class of each ASCII character, so the common case costs one table read.</summary>
    public static readonly byte[] Ascii = CreateAsciiTable();

    /// <summary>How the tokenizer treats one non-ASCII character (or one decoded entity).</summary>
    public enum RuneKind
    {
        /// <summary>Ends the current word.</summary>
        Separator,

        /// <summary>Removed without ending the word (format characters such as soft hyphens; non-ASCII when ASCII-only).</summary>
        Ignored,

        /// <summary>Part of a word.</summary>
        Word,

        /// <summary>A word of its own (ideograph, kana, hangul).</summary>
        SingleCharacterWord,
    }

    /// <summary>Classifies a character the ASCII table does not cover, and gives the form it takes in a word.</summary>
    public static RuneKind Classify(Rune rune, bool lowercase, bool asciiOnly, bool splitCjk, out Rune folded)
    {
        folded = lowercase ? Rune.ToLowerInvariant(rune) : rune;
        if (asciiOnly)
        {
            // The seed lowercased before dropping non-ASCII, so a character whose lowercase is ASCII survives.
            if (folded.IsAscii)
            {
                return Ascii[folded.Value] is Word or Upper ? RuneKind.Word : RuneKind.Separator;
            }
            return Rune.IsWhiteSpace(rune) ? RuneKind.Separator : RuneKind.Ignored;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return splitCjk && IsCjk(rune.Value) ? RuneKind.SingleCharacterWord : RuneKind.Word;
            case UnicodeCategory.Format:
                return RuneKind.Ignored;
            default:
                return RuneKind.Separator;
        }
    }

    /// <summary>Whether a code point belongs to a script written without spaces between words (Han, kana, hangul, bopomofo).</summary>
    public static bool IsCjk(int codePoint) => codePoint switch
    {
        >= 0x1100 and <= 0x11FF => true,   // Hangul Jamo
        >= 0x3005 and <= 0x3007 => true,   // iteration mark, closing mark, ideographic zero
        >= 0x3021 and <= 0x3029 => true,   // Hangzhou numerals
        >= 0x3031 and <= 0x3035 => true,   // kana repeat marks
        >= 0x3038 and <= 0x303C => true,   // Hangzhou numerals, iteration marks
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0x3100 and <= 0x318F => true,   // Bopomofo, Hangul Compatibility Jamo
        >= 0x31A0 and <= 0x31BF => true,   // Bopomofo Extended
        >= 0x31F0 and <= 0x31FF => true,   // Katakana Phonetic Extensions
        >= 0x3400 and <= 0x4DBF => true,   // CJK Extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0xA960 and <= 0xA97F => true,   // Hangul Jamo Extended-A
        >= 0xAC00 and <= 0xD7FF => true,   // Hangul Syllables, Jamo Extended-B
        >= 0xF900 and <= 0xFAFF => true,   // CJK Compatibility Ideographs
        >= 0xFF66 and <= 0xFFDC => true,   // halfwidth Katakana and Hangul
        >= 0x1B000 and <= 0x1B16F => true, // Kana Supplement and Extended-A, Small Kana Extension
        >= 0x20000 and <= 0x3FFFF => true, // CJK Extensions B and later, Compatibility Supplement
        _ => false,
    };

    private static byte[] CreateAsciiTable()
    {
        var table = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = Word;
        }
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = Word;
        }
        for (var c = 'A'; c <= 'Z'; c++)
        {
            table[c] = Upper;
        }
        table['<'] = Markup;
        table['&'] = Markup;
        return table;
    }
}
