namespace GluonStyleText.Data;

/// <summary>
/// Finds where the records of UTF-8 CSV bytes begin, block by block, the way the CSV reader with
/// <see cref="CsvFormat.ReaderOptions"/> splits them, and cuts the data rows into shards of about a target size.
/// It only follows quotes and line breaks (no field is decoded), so it runs at memory speed on any block size.
/// </summary>
/// <remarks>
/// The rules, each checked against the reader (docs/csv-shards.md): a quote opens a quoted field only as the first
/// byte of a field; inside one, <c>""</c> is a quote and separators and line breaks are text; after the closing
/// quote, anything but a separator or line break is text after the closing quote, in which (as in any unquoted
/// field) a quote is an ordinary byte; CR, LF and CR LF each end a line; an empty line is no record; a quote never
/// closed runs to the end of the input. The first record is the header.
/// </remarks>
internal sealed class CsvShardScanner
{
    private const byte Quote = (byte)'"';
    private const byte Comma = (byte)',';
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private readonly long _targetShardBytes;
    private readonly int _rowAlignment;
    private readonly List<CsvShard> _shards = [];

    private State _state = State.LineStart;
    private long _position;
    private bool _headerSeen;
    private long _rows;

    // Lines are counted only up to where they are needed (a shard's start) and at the end of each block,
    // with one vectorised count per block rather than a test per byte in the state machine.
    private long _lineBreaks;
    private long _linesCountedTo;
    private bool _lastCountedWasCr;

    private long _shardStart = -1;
    private long _shardFirstRow;
    private long _shardFirstLine;

    /// <summary>Creates a scanner for bytes that start at file offset <paramref name="start"/> (after a byte order mark).</summary>
    public CsvShardScanner(long start, long targetShardBytes, int rowAlignment)
    {
        _position = start;
        _linesCountedTo = start;
        HeaderStart = start;
        this._targetShardBytes = targetShardBytes;
        this._rowAlignment = rowAlignment;
    }

    private enum State : byte
    {
        /// <summary>Between records: a line break here is an empty line, anything else starts a record.</summary>
        LineStart,
        FieldStart,
        Unquoted,
        Quoted,

        /// <summary>A quote inside a quoted field: the closing quote, or the first of an escaped <c>""</c>.</summary>
        QuoteInQuoted,
    }

    /// <summary>Where the header begins.</summary>
    public long HeaderStart { get; }

    /// <summary>Scans the next block of the file.</summary>
    public void Scan(ReadOnlySpan<byte> block)
    {
        int i = 0;
        while (i < block.Length)
        {
            switch (_state)
            {
                case State.LineStart:
                    if (block[i] is Cr or Lf)
                    {
                        i++;
                        break;
                    }

                    RecordStarts(block, i);
                    _state = State.FieldStart;
                    break;

                case State.FieldStart:
                    _state = block[i++] switch
                    {
                        Quote => State.Quoted,
                        Comma => State.FieldStart,
                        Cr or Lf => State.LineStart,
                        _ => State.Unquoted,
                    };
                    break;

                case State.Unquoted:
                    int stop = block[i..].IndexOfAny(Comma, Cr, Lf);
                    if (stop < 0)
                    {
                        i = block.Length;
                        break;
                    }

                    i += stop;
                    _state = block[i++] == Comma ? State.FieldStart : State.LineStart;
                    break;

                case State.Quoted:
                    int quote = block[i..].IndexOf(Quote);
                    if (quote < 0)
                    {
                        i = block.Length;
                        break;
                    }

                    i += quote + 1;
                    _state = State.QuoteInQuoted;
                    break;

                case State.QuoteInQuoted:
                    _state = block[i++] switch
                    {
                        Quote => State.Quoted,
                        Comma => State.FieldStart,
                        Cr or Lf => State.LineStart,
                        _ => State.Unquoted,
                    };
                    break;
            }
        }

        CountLinesTo(block, _position + block.Length);
        _position += block.Length;
    }

    /// <summary>Ends the scan at the end of the file.</summary>
    /// <returns>Where the header ends (and the first shard begins), the shards, and the data rows of the file.</returns>
    public (long HeaderEnd, IReadOnlyList<CsvShard> Shards, long Rows) Finish()
    {
        if (_shardStart < 0)
        {
            // No data row: the header (if any) runs to the end, and one empty shard writes the output's header.
            _shards.Add(new CsvShard(_position, _position, 1, _lineBreaks + 1, 0));
            return (_position, _shards, 0);
        }

        _shards.Add(new CsvShard(_shardStart, _position, _shardFirstRow, _shardFirstLine, _rows - _shardFirstRow + 1));
        return (_shards[0].Start, _shards, _rows);
    }

    private void RecordStarts(ReadOnlySpan<byte> block, int index)
    {
        if (!_headerSeen)
        {
            _headerSeen = true;
            return;
        }

        long start = _position + index;
        long row = _rows++;
        if (row == 0)
        {
            StartShard(block, start, row);
        }
        else if (start - _shardStart >= _targetShardBytes && row % _rowAlignment == 0)
        {
            _shards.Add(new CsvShard(_shardStart, start, _shardFirstRow, _shardFirstLine, row - _shardFirstRow + 1));
            StartShard(block, start, row);
        }
    }

    private void StartShard(ReadOnlySpan<byte> block, long start, long rowsBefore)
    {
        CountLinesTo(block, start);
        _shardStart = start;
        _shardFirstRow = rowsBefore + 1;
        _shardFirstLine = _lineBreaks + 1;
    }

    /// <summary>Counts the line breaks of <paramref name="block"/> up to file offset <paramref name="end"/>: CR, LF and CR LF each once.</summary>
    private void CountLinesTo(ReadOnlySpan<byte> block, long end)
    {
        var bytes = block[(int)(_linesCountedTo - _position)..(int)(end - _position)];
        if (bytes.IsEmpty)
        {
            return;
        }

        // Every CR and every LF is a line break, except an LF right after a CR (also across blocks).
        long breaks = bytes.Count(Lf);
        if (_lastCountedWasCr && bytes[0] == Lf)
        {
            breaks--;
        }

        for (int cr = bytes.IndexOf(Cr); cr >= 0;)
        {
            breaks++;
            if (cr + 1 < bytes.Length && bytes[cr + 1] == Lf)
            {
                breaks--;
            }

            int next = bytes[(cr + 1)..].IndexOf(Cr);
            cr = next < 0 ? -1 : cr + 1 + next;
        }

        _lineBreaks += breaks;
        _lastCountedWasCr = bytes[^1] == Cr;
        _linesCountedTo = end;
    }
}
