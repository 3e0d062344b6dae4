using System.Collections.Frozen;
using System.Text.Json;
using Npgsql;

namespace Monitor.EventStore;

/// <summary>Turns a row of <see cref="StoreSql.EventColumns"/> into a <see cref="StoredEvent"/>.</summary>
internal static class EventRow
{
    internal static readonly IReadOnlyDictionary<string, string> NoHeaders = FrozenDictionary<string, string>.Empty;

    /// <param name="rawData">Leave the data as its JSON (<see cref="EventJson"/>) instead of deserializing it.</param>
    public static StoredEvent Read(NpgsqlDataReader reader, EventTypeRegistry registry, bool rawData = false)
    {
        var id = reader.GetGuid(2);
        var storedType = reader.GetString(5);
        var (type, data) = rawData
            ? registry.UpcastJson(storedType, reader.GetString(6))
            : registry.Deserialize(storedType, reader.GetString(6));
        var headers = reader.IsDBNull(7)
            ? NoHeaders
            : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)) ?? NoHeaders;
        return new StoredEvent(
            SeqId: reader.GetInt64(0),
            TxId: reader.GetFieldValue<ulong>(1),
            Id: id,
            StreamId: reader.GetGuid(3),
            Version: reader.GetInt32(4),
            Type: type,
            Data: data,
            Headers: headers,
            Timestamp: reader.GetFieldValue<DateTimeOffset>(8));
    }
}
