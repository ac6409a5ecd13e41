using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GluonStyleText.Text;

/// <summary>
/// Words numbered 0, 1, 2, ... in the order they were added, found by span without allocating.
/// Faster than a <c>Dictionary&lt;string, int&gt;</c> on this hot path, and as fast on .NET 8 (which has
/// no span lookup into a string dictionary), because it is built for the cache: the open-addressing
/// slots (linear probing, at most half full) are bare word numbers, 4 bytes each; each word's entry
/// holds its first four characters packed in 64 bits and its length, so most lookups (short words are
/// most of any text) compare two integers and never read characters; entries and characters are in
/// insertion order, so frequent words, which come early, sit close together.
/// Short words are hashed with a per-process random seed, longer ones with the runtime's randomized
/// string hash, so crafted texts cannot aim at collisions. Not thread-safe for writing.
/// </summary>
internal sealed class WordTable
{
    private const int MinSlots = 256;
    private const int PackedLength = sizeof(ulong) / sizeof(char);
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

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
        var prefix = Pack(word);
        var slots = _slots;
        var entries = _entries;
        var mask = _mask;
        for (var i = Hash(word, prefix) & mask; ; i = (i + 1) & mask)
        {
            var number = slots[i] - 1;
            if (number < 0)
            {
                return -1;
            }
            var entry = entries[number];
            if (entry.Prefix == prefix && entry.Length == word.Length && (word.Length <= PackedLength || RestMatches(entry, word)))
            {
                return number;
            }
        }
    }

    /// <summary>The number of <paramref name="word"/>, added with the next number if it is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(ReadOnlySpan<char> word)
    {
        var prefix = Pack(word);
        var slots = _slots;
        var entries = _entries;
        var mask = _mask;
        for (var i = Hash(word, prefix) & mask; ; i = (i + 1) & mask)
        {
            var number = slots[i] - 1;
            if (number < 0)
            {
                return Add(word, prefix, i);
            }
            var entry = entries[number];
            if (entry.Prefix == prefix && entry.Length == word.Length && (word.Length <= PackedLength || RestMatches(entry, word)))
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

    /// <summary>The first four characters (fewer for a shorter word, zeros after) as one 64-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pack(ReadOnlySpan<char> word)
    {
        ref var bytes = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(word));
        return word.Length switch
        {
            >= PackedLength => Unsafe.ReadUnaligned<ulong>(ref bytes),
            3 => Unsafe.ReadUnaligned<uint>(ref bytes) | ((ulong)word[2] << 32),
            2 => Unsafe.ReadUnaligned<uint>(ref bytes),
            1 => word[0],
            _ => 0,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> word, ulong prefix)
    {
        if (word.Length > PackedLength)
        {
            return string.GetHashCode(word);
        }
        var mixed = (prefix ^ Seed) * Multiplier;
        return (int)(mixed >> 32);
    }

    private bool RestMatches(Entry entry, ReadOnlySpan<char> word) =>
        _characters.AsSpan(entry.Offset + PackedLength, entry.Length - PackedLength).SequenceEqual(word[PackedLength..]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Add(ReadOnlySpan<char> word, ulong prefix, int slotIndex)
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
        _entries[number] = new Entry(prefix, _charactersUsed, word.Length);
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
            var i = Hash(_characters.AsSpan(entry.Offset, entry.Length), entry.Prefix) & _mask;
            while (_slots[i] != 0)
            {
                i = (i + 1) & _mask;
            }
            _slots[i] = number + 1;
        }
    }

    /// <summary>One word: its first characters packed, and where all its characters are.</summary>
    private readonly record struct Entry(ulong Prefix, int Offset, int Length);
}
