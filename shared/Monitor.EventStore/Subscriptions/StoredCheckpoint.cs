using Npgsql;

namespace Monitor.EventStore;

/// <summary>
/// A subscription's checkpoint row as read: its position and the projection version stored beside it
/// (null when there is no row: an operator deleted it, and the subscription starts over).
/// </summary>
internal readonly record struct StoredCheckpoint(GlobalPosition Position, int? Version)
{
    public static StoredCheckpoint Missing { get; } = new(GlobalPosition.Start, null);

    /// <summary>There was no row (the version column is NOT NULL, so a row read always has one).</summary>
    public bool IsMissing => Version is null;

    /// <summary>Reads the columns tx_id, seq_id, version, in that order, at the start of the row.</summary>
    public static StoredCheckpoint Read(NpgsqlDataReader reader) =>
        new(new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetInt32(2));
}
