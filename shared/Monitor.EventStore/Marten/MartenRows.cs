using System.Data.Common;
using System.Text.Json;
using JasperFx.Events;

namespace Monitor.EventStore;

/// <summary>Marten's rows and events as Monitor's records.</summary>
internal static class MartenRows
{
    internal static readonly IReadOnlyDictionary<string, string> NoHeaders = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;

    /// <summary>id, type, version, is_archived, created, timestamp of mt_streams.</summary>
    public static StreamState StreamState(DbDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));

    /// <param name="registry">Names an upcast event by the type it now has, rather than the name it was stored under.</param>
    public static StoredEvent ToStored(IEvent e, EventTypeRegistry? registry) => new(
        e.Sequence, 0, e.Id, e.StreamId, e.Version, NameOf(e, registry), e.Data, Headers(e), e.Timestamp);

    private static string NameOf(IEvent e, EventTypeRegistry? registry) =>
        registry is not null && registry.IsRegistered(e.EventTypeName) ? e.EventTypeName
        : registry?.TryNameOf(e.Data.GetType()) ?? e.EventTypeName;

    private static IReadOnlyDictionary<string, string> Headers(IEvent e)
    {
        if (e.Headers is not { Count: > 0 } headers) return NoHeaders;
        return headers.ToDictionary(h => h.Key, h => h.Value switch
        {
            null => "",
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } j => j.GetString() ?? "",
            var other => other.ToString() ?? "",
        });
    }
}
