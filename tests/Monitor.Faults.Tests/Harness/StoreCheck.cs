using Monitor.Hosting.Storage;
using Npgsql;

namespace Monitor.Faults.Tests.Harness;

/// <summary>What the event store holds for a run, compared with the items that were accepted.</summary>
/// <param name="Stored">Accepted items with exactly one event of each stage.</param>
/// <param name="Lost">Accepted items missing a stage.</param>
/// <param name="Duplicated">Events beyond one per stage: a second event of a stage, a metrics update
/// nobody asked for (every item was sent once, or again unchanged), or a stream nobody accepted.</param>
public sealed record StoreOutcome(int Accepted, int Stored, int Lost, int Duplicated, IReadOnlyList<string> Problems);

public static class StoreCheck
{
    private static readonly string[] Stages = [MonitorEventTypes.CoverageIngested, MonitorEventTypes.ContentExtracted, MonitorEventTypes.SentimentScored];

    /// <summary>How many of <paramref name="streams"/> have reached the last stage.</summary>
    public static async Task<long> ScoredAsync(NpgsqlDataSource db, string schema, IReadOnlyCollection<Guid> streams)
    {
        await using var command = db.CreateCommand(
            $"SELECT count(DISTINCT stream_id) FROM \"{schema}\".mt_events WHERE type = $1 AND stream_id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = MonitorEventTypes.SentimentScored });
        command.Parameters.Add(new NpgsqlParameter { Value = streams.ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<StoreOutcome> CompareAsync(NpgsqlDataSource db, string schema, IReadOnlyCollection<Guid> accepted)
    {
        var perStream = new Dictionary<Guid, Dictionary<string, int>>();
        await using (var command = db.CreateCommand($"SELECT stream_id, type, count(*)::int FROM \"{schema}\".mt_events GROUP BY stream_id, type"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var stream = reader.GetGuid(0);
                if (!perStream.TryGetValue(stream, out var types)) perStream[stream] = types = new Dictionary<string, int>();
                types[reader.GetString(1)] = reader.GetInt32(2);
            }

        var problems = new List<string>();
        int stored = 0, lost = 0, duplicated = 0;
        foreach (var stream in accepted)
        {
            var types = perStream.GetValueOrDefault(stream) ?? new Dictionary<string, int>();
            var missing = Stages.Where(s => types.GetValueOrDefault(s) == 0).ToList();
            if (missing.Count == 0) stored++;
            else
            {
                lost++;
                if (problems.Count < 10) problems.Add($"{stream} lacks {string.Join(", ", missing)}");
            }
            foreach (var (type, count) in types)
            {
                var extra = type == MonitorEventTypes.CoverageMetricsUpdated ? count : count - 1;
                if (extra <= 0) continue;
                duplicated += extra;
                if (problems.Count < 10) problems.Add($"{stream} holds {count} x {type}");
            }
        }
        var acceptedSet = accepted.ToHashSet();
        foreach (var (stream, types) in perStream.Where(s => !acceptedSet.Contains(s.Key)))
        {
            duplicated += types.Values.Sum();
            if (problems.Count < 10) problems.Add($"{stream} was never accepted but holds {string.Join(", ", types.Keys)}");
        }
        return new StoreOutcome(accepted.Count, stored, lost, duplicated, problems);
    }
}
