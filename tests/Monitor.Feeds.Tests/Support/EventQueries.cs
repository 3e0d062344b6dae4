using Monitor.Testing;

namespace Monitor.Feeds.Tests.Support;

/// <summary>Plain SQL over a test schema's event table, so end-to-end assertions do not trust the code under test.</summary>
public static class EventQueries
{
    public static async Task<long> CountAsync(PostgresSchema schema, string type)
    {
        await using var command = schema.DataSource.CreateCommand($"SELECT count(*) FROM \"{schema.Name}\".mt_events WHERE type = $1");
        command.Parameters.AddWithValue(type);
        try { return (long)(await command.ExecuteScalarAsync())!; }
        catch (Npgsql.PostgresException e) when (e.SqlState == "42P01") { return 0; } // the services have not created the tables yet
    }

    /// <summary>How many events of <paramref name="type"/> each stream holds.</summary>
    public static async Task<Dictionary<Guid, long>> PerStreamAsync(PostgresSchema schema, string type)
    {
        await using var command = schema.DataSource.CreateCommand(
            $"SELECT stream_id, count(*) FROM \"{schema.Name}\".mt_events WHERE type = $1 GROUP BY stream_id");
        command.Parameters.AddWithValue(type);
        var counts = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetGuid(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>The types of the events of one stream, in order.</summary>
    public static async Task<List<string>> StreamTypesAsync(PostgresSchema schema, Guid stream)
    {
        await using var command = schema.DataSource.CreateCommand(
            $"SELECT type FROM \"{schema.Name}\".mt_events WHERE stream_id = $1 ORDER BY version");
        command.Parameters.AddWithValue(stream);
        var types = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == "42P01") { }
        return types;
    }
}
