using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

/// <summary>
/// The tokenization rules read plainly, one character at a time with regular expressions and
/// string builders: slow and obviously right, to check the fast tokenizer against.
/// </summary>
internal static partial class ReferenceTokenizer
{
    private static readonly Dictionary<string, string> NamedEntities = new(StringComparer.Ordinal)
    {
        ["amp"] = "&",
        ["lt"] = "<",
        ["gt"] = ">",
        ["quot"] = "\"",
        ["apos"] = "'",
        ["nbsp"] = " ",
        ["eacute"] = "é",
    };

    public static List<string> Tokenize(string text, bool lowercase, bool asciiOnly, bool splitCjk)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        void EndWord()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }

        var i = 0;
        while (i < text.Length)
        {
            var lineBreak = LineBreakTag().Match(text, i);
            if (lineBreak.Success)
            {
                EndWord();
                i += lineBreak.Length;
                continue;
            }

            Rune rune;
            var entity = Entity().Match(text, i);
            if (entity.Success && TryDecode(entity, out rune))
            {
                i += entity.Length;
            }
            else if (Rune.TryGetRuneAt(text, i, out rune))
            {
                i += rune.Utf16SequenceLength;
            }
            else
            {
                rune = Rune.ReplacementChar;
                i++;
            }

            var folded = lowercase ? Rune.ToLowerInvariant(rune) : rune;
            if (asciiOnly)
            {
                if (folded.IsAscii && char.IsAsciiLetterOrDigit((char)folded.Value))
                {
                    word.Append((char)folded.Value);
                }
                else if (folded.IsAscii || Rune.IsWhiteSpace(rune))
                {
                    EndWord();
                }
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
                    or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber:
                    if (splitCjk && CharacterClasses.IsCjk(rune.Value))
                    {
                        EndWord();
                        tokens.Add(folded.ToString());
                    }
                    else
                    {
                        word.Append(folded.ToString());
                    }
                    break;
                case UnicodeCategory.Format:
                    break;
                default:
                    EndWord();
                    break;
            }
        }
        EndWord();
        return tokens;
    }

    private static bool TryDecode(Match entity, out Rune rune)
    {
        rune = default;
        int codePoint;
        if (entity.Groups["decimal"].Success)
        {
            codePoint = int.Parse(entity.Groups["decimal"].Value, CultureInfo.InvariantCulture);
        }
        else if (entity.Groups["hex"].Success)
        {
            codePoint = int.Parse(entity.Groups["hex"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (NamedEntities.TryGetValue(entity.Groups["name"].Value, out var value))
        {
            codePoint = value[0];
        }
        else
        {
            return false;
        }
        if (codePoint == 0 || !Rune.IsValid(codePoint))
        {
            return false;
        }
        rune = new Rune(codePoint);
        return true;
    }

    [GeneratedRegex(@"\G</?[bB][rR] *(?:/ *)?>")]
    private static partial Regex LineBreakTag();

    [GeneratedRegex(@"\G&(?:#(?<decimal>[0-9]{1,7})|#[xX](?<hex>[0-9a-fA-F]{1,7})|(?<name>[a-zA-Z]+));")]
    private static partial Regex Entity();
}
