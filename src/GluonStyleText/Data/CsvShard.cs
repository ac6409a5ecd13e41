namespace GluonStyleText.Data;

/// <summary>
/// One shard of a <see cref="CsvShardPlan"/>: the bytes <c>[Start, End)</c> of the file, which hold whole rows and
/// begin where a row begins. Read after the file's header, they are read as the same rows as in the whole file.
/// </summary>
/// <param name="Start">Offset of the shard's first byte in the file: where its first row begins.</param>
/// <param name="End">Offset just past the shard's last byte: where the next shard begins, or the file's length.</param>
/// <param name="FirstRow">The 1-based number of the shard's first data row in the whole file (the header not counted).</param>
/// <param name="FirstLine">The 1-based line of the whole file on which the shard's first row begins (the header's line is 1, lines inside quoted fields count).</param>
/// <param name="Rows">The data rows in the shard, or null where the plan does not count them (a file that is not UTF-8).</param>
public sealed record CsvShard(long Start, long End, long FirstRow, long FirstLine, long? Rows)
{
    /// <summary>The shard's size in bytes.</summary>
    public long Length => End - Start;
}
