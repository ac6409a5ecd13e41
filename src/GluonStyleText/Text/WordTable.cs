using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GluonStyleText.Text;

/// <summary>
/// Words numbered 0, 1, 2, ... in the order they were added, found by span without allocating.
/// Faster than a <c>Dictionary&lt;string, int&gt;</c> on this hot path, and as fast on .NET 8 (which has
/// no span lookup into a string dictionary), because it is built for the cache: the open-addressing
/// slots (linear probing, at most half full) are bare word numbers, 4 bytes each; each word's entry
/// holds its first and last four characters packed in two 64-bit values and its length, so a word of up
/// to eight characters (nine tokens in ten) is hashed and matched with a few integer operations and its
/// characters are never read; entries and characters are in insertion order, so frequent words, which
/// come early, sit close together. Words of up to eight characters are hashed with a per-process random
/// seed, longer ones with the runtime's randomized string hash, so crafted texts cannot aim at collisions.
/// Not thread-safe for writing.
/// </summary>
internal sealed class WordTable
{
    private const int MinSlots = 256;
    private const int PackedLength = sizeof(ulong) / sizeof(char);
    private const int KeyLength = 2 * PackedLength;
    private const ulong Multiplier = 0x9E3779B97F4A7C15;
    private const ulong SecondMultiplier = 0xBF58476D1CE4E5B9;

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private int[] _slots; // word number + 1; 0 marks an empty slot
    private int _mask;
    private Entry[] _entries;
    private char[] _characters;
    private int _charactersUsed;

    /// <summary>An empty table sized for <paramref name="capacity"/> words.</summary>
    public WordTable(int capacity = 0)
    {
        var slots = MinSlots;
        while (slots < capacity * 2L)
        {
            slots *= 2;
        }
        _slots = new int[slots];
        _mask = slots - 1;
        _entries = new Entry[slots / 2];
        _characters = new char[Math.Max(1024, capacity * 8)];
    }

    /// <summary>Number of words.</summary>
    public int Count { get; private set; }

    /// <summary>The number of <paramref name="word"/>, or -1 if it is not in the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(ReadOnlySpan<char> word)
    {
        var (prefix, suffix) = Pack(word);
        var slots = _slots;
        var entries = _entries;
        var mask = _mask;
        for (var i = Hash(word, prefix, suffix) & mask; ; i = (i + 1) & mask)
        {
            var number = slots[i] - 1;
            if (number < 0)
            {
                return -1;
            }
            if (Matches(entries[number], word, prefix, suffix))
            {
                return number;
            }
        }
    }

    /// <summary>The number of <paramref name="word"/>, added with the next number if it is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(ReadOnlySpan<char> word)
    {
        var (prefix, suffix) = Pack(word);
        var slots = _slots;
        var entries = _entries;
        var mask = _mask;
        for (var i = Hash(word, prefix, suffix) & mask; ; i = (i + 1) & mask)
        {
            var number = slots[i] - 1;
            if (number < 0)
            {
                return Add(word, prefix, suffix, i);
            }
            if (Matches(entries[number], word, prefix, suffix))
            {
                return number;
            }
        }
    }

    /// <summary>The word numbered <paramref name="number"/>, in [0, <see cref="Count"/>).</summary>
    public ReadOnlySpan<char> GetWord(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, Count);
        var entry = _entries[number];
        return _characters.AsSpan(entry.Offset, entry.Length);
    }

    /// <summary>
    /// The first four and the last four characters as two 64-bit values; they overlap in words of five
    /// to seven characters, and a word of up to four has zeros for the characters it lacks and no suffix.
    /// With the length, they identify any word of up to eight characters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Prefix, ulong Suffix) Pack(ReadOnlySpan<char> word)
    {
        ref var bytes = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(word));
        return word.Length switch
        {
            > PackedLength => (
                Unsafe.ReadUnaligned<ulong>(ref bytes),
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, (word.Length - PackedLength) * sizeof(char)))),
            PackedLength => (Unsafe.ReadUnaligned<ulong>(ref bytes), 0),
            3 => (Unsafe.ReadUnaligned<uint>(ref bytes) | ((ulong)word[2] << 32), 0),
            2 => (Unsafe.ReadUnaligned<uint>(ref bytes), 0),
            1 => (word[0], 0),
            _ => (0, 0),
        };
    }

    /// <summary>The home slot of <paramref name="word"/> in a table of <paramref name="slotCount"/> slots (a power of two); for tests of the hash.</summary>
    internal static int SlotOf(ReadOnlySpan<char> word, int slotCount)
    {
        var (prefix, suffix) = Pack(word);
        return Hash(word, prefix, suffix) & (slotCount - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> word, ulong prefix, ulong suffix)
    {
        if (word.Length > KeyLength)
        {
            return string.GetHashCode(word);
        }
        // Two multiply-xorshift rounds, so that every input bit reaches the low bits the slot index uses.
        var mixed = ((prefix ^ Seed) * Multiplier) ^ suffix ^ (uint)word.Length;
        mixed = (mixed ^ (mixed >> 32)) * SecondMultiplier;
        return (int)(mixed ^ (mixed >> 29));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Matches(Entry entry, ReadOnlySpan<char> word, ulong prefix, ulong suffix) =>
        entry.Prefix == prefix
        && entry.Suffix == suffix
        && entry.Length == word.Length
        && (word.Length <= KeyLength || _characters.AsSpan(entry.Offset, entry.Length).SequenceEqual(word));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Add(ReadOnlySpan<char> word, ulong prefix, ulong suffix, int slotIndex)
    {
        if (_characters.Length - _charactersUsed < word.Length)
        {
            Array.Resize(ref _characters, (int)Math.Min(Array.MaxLength, Math.Max(_characters.Length * 2L, (long)_charactersUsed + word.Length)));
        }
        var number = Count;
        if (number == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }
        _entries[number] = new Entry(prefix, suffix, _charactersUsed, word.Length);
        word.CopyTo(_characters.AsSpan(_charactersUsed));
        _charactersUsed += word.Length;
        _slots[slotIndex] = number + 1;
        Count++;
        if (Count * 2L > _slots.Length)
        {
            Grow();
        }
        return number;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        _mask = _slots.Length - 1;
        for (var number = 0; number < Count; number++)
        {
            var entry = _entries[number];
            var i = Hash(_characters.AsSpan(entry.Offset, entry.Length), entry.Prefix, entry.Suffix) & _mask;
            while (_slots[i] != 0)
            {
                i = (i + 1) & _mask;
            }
            _slots[i] = number + 1;
        }
    }

    /// <summary>One word: its first and last characters packed, and where all its characters are.</summary>
    private readonly record struct Entry(ulong Prefix, ulong Suffix, int Offset, int Length);
}
