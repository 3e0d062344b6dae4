using Npgsql;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>Questions the tests ask the event store's events table directly, in plain SQL.</summary>
public sealed class EventsTable(NpgsqlDataSource dataSource, string schema)
{
    public async Task<long> CountAsync(string? type = null)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*) FROM \"{schema}\".mt_events" + (type is null ? "" : " WHERE type = $1"));
        if (type is not null) command.Parameters.Add(new NpgsqlParameter { Value = type });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> CountInStreamsAsync(IEnumerable<Guid> streamIds)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM \"{schema}\".mt_events WHERE stream_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds.ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Per stream: how many events of each type it holds.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, int>>> TypesPerStreamAsync()
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT stream_id, type, count(*)::int FROM \"{schema}\".mt_events GROUP BY stream_id, type");
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<Guid, Dictionary<string, int>>();
        while (await reader.ReadAsync())
        {
            var stream = reader.GetGuid(0);
            if (!result.TryGetValue(stream, out var types)) result[stream] = types = new Dictionary<string, int>();
            types[reader.GetString(1)] = reader.GetInt32(2);
        }
        return result.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<string, int>)r.Value);
    }
}
