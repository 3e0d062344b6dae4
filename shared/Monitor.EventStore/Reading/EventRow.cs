using System.Collections.Frozen;
using System.Text.Json;
using Npgsql;

namespace Monitor.EventStore;

/// <summary>Turns a row of <see cref="StoreSql.EventColumns"/> into a <see cref="StoredEvent"/>.</summary>
internal static class EventRow
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = FrozenDictionary<string, string>.Empty;

    public static StoredEvent Read(NpgsqlDataReader reader, EventTypeRegistry registry)
    {
        var id = reader.GetGuid(2);
        var storedType = reader.GetString(5);
        var (type, data) = registry.Deserialize(storedType, reader.GetString(6));
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
