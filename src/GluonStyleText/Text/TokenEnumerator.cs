using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace GluonStyleText.Text;

/// <summary>
/// Enumerates the words of one text (see <see cref="TextTokenizer"/> for the rules). A word that
/// appears in the text exactly as it is returned (the common, lowercase case) is a slice of the text;
/// any other is built in a pooled buffer, so no word costs an allocation. Dispose it (a <c>foreach</c> does).
/// </summary>
public ref struct TokenEnumerator
{
    private const int InitialBufferLength = 128;

    private readonly ReadOnlySpan<char> _text;
    private readonly bool _lowercase;
    private readonly bool _asciiOnly;
    private readonly bool _splitCjk;
    private int _position;
    private char[]? _buffer;
    private int _length;
    private ReadOnlySpan<char> _current;
    private int _currentStart;
    private int _currentLength;

    internal TokenEnumerator(ReadOnlySpan<char> text, bool lowercase, bool asciiOnly, bool splitCjk)
    {
        _text = text;
        _lowercase = lowercase;
        _asciiOnly = asciiOnly;
        _splitCjk = splitCjk;
    }

    /// <summary>The current word; valid until the next <see cref="MoveNext"/> or <see cref="Dispose"/>.</summary>
    public readonly ReadOnlySpan<char> Current => _current;

    /// <summary>
    /// Where the current word lies in the original text: the characters it was made from, before case
    /// folding and entity decoding (so <c>&amp;eacute;</c> counts as its 8 characters), including any
    /// invisible format characters inside or right after it. Only meaningful while <see cref="MoveNext"/> returned true.
    /// </summary>
    internal readonly (int Start, int Length) CurrentSpan => (_currentStart, _currentLength);

    /// <summary>This enumerator, so that it works in <c>foreach</c>.</summary>
    public readonly TokenEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next word.</summary>
    /// <returns>False when the text has no more words.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext()
    {
        // Fast path for the common word: plain ASCII separators, lowercase ASCII letters and digits,
        // a plain separator. Anything else (uppercase, markup, non-ASCII) goes to the general path.
        var text = _text;
        var asciiKinds = CharacterClasses.Ascii;
        var position = _position;
        char c;
        while (true)
        {
            if (position >= text.Length)
            {
                _position = position;
                _current = default;
                return false;
            }
            c = text[position];
            if (c >= 128 || asciiKinds[c] != CharacterClasses.Separator)
            {
                break;
            }
            position++;
        }
        if (c >= 128 || asciiKinds[c] != CharacterClasses.Word)
        {
            return MoveNextGeneral(position, -1);
        }

        var start = position;
        position += 1 + PlainRunLength(text, position + 1);
        if (position == text.Length)
        {
            _current = text[start..];
            SetSpan(start, position);
            _position = position;
            return true;
        }
        c = text[position];
        if (c >= 128 || asciiKinds[c] != CharacterClasses.Separator)
        {
            return MoveNextGeneral(position, start);
        }
        _current = text[start..position];
        SetSpan(start, position);
        _position = position + 1;
        return true;
    }

    /// <summary>
    /// Number of lowercase ASCII letters and digits from <paramref name="position"/> on, found eight
    /// characters at a time so that a word's end costs no mispredicted branch per character.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PlainRunLength(ReadOnlySpan<char> text, int position)
    {
        var length = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            while (position + length + Vector128<ushort>.Count <= text.Length)
            {
                var chars = Vector128.LoadUnsafe(ref first, (nuint)(position + length));
                var plain = Vector128.LessThanOrEqual(chars - Vector128.Create((ushort)'a'), Vector128.Create((ushort)('z' - 'a')))
                    | Vector128.LessThanOrEqual(chars - Vector128.Create((ushort)'0'), Vector128.Create((ushort)('9' - '0')));
                var others = ~plain.ExtractMostSignificantBits() & 0xFFu;
                if (others != 0)
                {
                    return length + BitOperations.TrailingZeroCount(others);
                }
                length += Vector128<ushort>.Count;
            }
        }
        var asciiKinds = CharacterClasses.Ascii;
        while (position + length < text.Length)
        {
            var c = text[position + length];
            if (c >= 128 || asciiKinds[c] != CharacterClasses.Word)
            {
                break;
            }
            length++;
        }
        return length;
    }

    /// <summary>Cuts the next word handling every case, from <paramref name="position"/>, with the word begun at <paramref name="start"/> (-1: none yet).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MoveNextGeneral(int position, int start)
    {
        var text = _text;
        var asciiKinds = CharacterClasses.Ascii;
        var copying = false; // the word differs from the text (case, entity, removed character), so it is built in _buffer
        _length = 0;

        while (position < text.Length)
        {
            var c = text[position];
            Rune rune;
            int consumed;
            bool fromText;
            if (c < 128)
            {
                var kind = asciiKinds[c];
                if (kind == CharacterClasses.Word)
                {
                    if (start < 0)
                    {
                        start = position;
                    }
                    var run = 1 + PlainRunLength(text, position + 1);
                    if (copying)
                    {
                        Append(text.Slice(position, run));
                    }
                    position += run;
                    continue;
                }
                if (kind == CharacterClasses.Upper)
                {
                    if (start < 0)
                    {
                        start = position;
                    }
                    if (_lowercase && !copying)
                    {
                        BeginCopy(text, start, position);
                        copying = true;
                    }
                    if (copying)
                    {
                        Append(_lowercase ? (char)(c | 0x20) : c);
                    }
                    position++;
                    continue;
                }
                if (c == '&' && HtmlMarkup.TryDecodeEntity(text, position, out rune, out consumed))
                {
                    fromText = false;
                }
                else
                {
                    consumed = c == '<' && HtmlMarkup.TryMatchLineBreak(text, position, out var tagLength) ? tagLength : 1;
                    if (start >= 0)
                    {
                        return Finish(text, start, position, position + consumed, copying);
                    }
                    position += consumed;
                    continue;
                }
            }
            else
            {
                consumed = 1;
                if (char.IsSurrogate(c))
                {
                    // A lone surrogate decodes to U+FFFD, a symbol, and so separates words.
                    Rune.DecodeFromUtf16(text[position..], out rune, out consumed);
                }
                else
                {
                    rune = new Rune(c);
                }
                fromText = true;
            }

            switch (CharacterClasses.Classify(rune, _lowercase, _asciiOnly, _splitCjk, out var folded))
            {
                case CharacterClasses.RuneKind.Word:
                    if (start < 0)
                    {
                        start = position;
                    }
                    if (!copying && (!fromText || folded != rune))
                    {
                        BeginCopy(text, start, position);
                        copying = true;
                    }
                    if (copying)
                    {
                        Append(folded);
                    }
                    position += consumed;
                    break;

                case CharacterClasses.RuneKind.Ignored:
                    if (start >= 0 && !copying)
                    {
                        BeginCopy(text, start, position);
                        copying = true;
                    }
                    position += consumed;
                    break;

                case CharacterClasses.RuneKind.SingleCharacterWord:
                    if (start >= 0)
                    {
                        // The character becomes the next word.
                        return Finish(text, start, position, position, copying);
                    }
                    if (fromText && folded == rune)
                    {
                        _current = text.Slice(position, consumed);
                    }
                    else
                    {
                        Append(folded);
                        _current = _buffer.AsSpan(0, _length);
                    }
                    SetSpan(position, position + consumed);
                    _position = position + consumed;
                    return true;

                default:
                    if (start >= 0)
                    {
                        return Finish(text, start, position, position + consumed, copying);
                    }
                    position += consumed;
                    break;
            }
        }

        if (start >= 0)
        {
            return Finish(text, start, position, position, copying);
        }
        _position = position;
        _current = default;
        return false;
    }

    /// <summary>Returns the pooled buffer.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = null;
        }
        _current = default;
    }

    private bool Finish(ReadOnlySpan<char> text, int start, int end, int next, bool copying)
    {
        _current = copying ? _buffer.AsSpan(0, _length) : text[start..end];
        SetSpan(start, end);
        _position = next;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetSpan(int start, int end)
    {
        _currentStart = start;
        _currentLength = end - start;
    }

    private void BeginCopy(ReadOnlySpan<char> text, int start, int position)
    {
        var prefix = text[start..position];
        EnsureCapacity(prefix.Length + 2);
        prefix.CopyTo(_buffer);
        _length = prefix.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(char c)
    {
        EnsureCapacity(_length + 1);
        _buffer[_length++] = c;
    }

    private void Append(ReadOnlySpan<char> characters)
    {
        EnsureCapacity(_length + characters.Length);
        characters.CopyTo(_buffer.AsSpan(_length));
        _length += characters.Length;
    }

    private void Append(Rune rune)
    {
        EnsureCapacity(_length + 2);
        _length += rune.EncodeToUtf16(_buffer.AsSpan(_length));
    }

    [MemberNotNull(nameof(_buffer))]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureCapacity(int needed)
    {
        if (_buffer is null || _buffer.Length < needed)
        {
            Grow(needed);
        }
    }

    [MemberNotNull(nameof(_buffer))]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(needed, Math.Max(InitialBufferLength, (_buffer?.Length ?? 0) * 2)));
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<char>.Shared.Return(_buffer);
        }
        _buffer = larger;
    }
}
