using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Stats;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.SentimentModel.Data;
using Npgsql;

namespace Monitor.Cli.Sentiment.Correct;

/// <summary>What the store's corrections come to as training rows, and how many corrections they came from.</summary>
public sealed record CorrectionRows(IReadOnlyList<LabelledText> Rows, int Corrections, int Items);

/// <summary>
/// Staff corrections read from the event store as training rows: the latest correction of each item (a later one
/// replaces an earlier one), paired with the text the model scored (ContentExtracted). Items whose text is the
/// same text count once, with the latest correction among them.
/// </summary>
public static class StoredCorrections
{
    /// <summary>Streams read per round trip for their texts.</summary>
    private const int Page = 500;

    public static async Task<CorrectionRows> ReadAsync(EventStore.EventStore store, CancellationToken ct = default)
    {
        var corrections = await store.ReadAllCommittedAsync([MonitorEventTypes.SentimentCorrected], ct: ct);
        var latest = corrections.GroupBy(e => e.StreamId).Select(g => g.MaxBy(e => e.Version)!).ToArray();
        var texts = new Dictionary<Guid, string>(latest.Length);
        foreach (var page in latest.Select(e => e.StreamId).Chunk(Page))
            foreach (var (id, events) in await store.ReadStreamsAsync(page, ct))
                if (events.Select(e => e.Data).OfType<ContentExtracted>().LastOrDefault() is { } extracted)
                    texts[id] = extracted.NormalizedText;

        var rows = latest
            .Where(e => texts.ContainsKey(e.StreamId))
            .Select(e => (Correction: (SentimentCorrected)e.Data, Text: texts[e.StreamId]))
            .GroupBy(x => x.Text.Trim(), StringComparer.Ordinal)
            .Select(g => g.MaxBy(x => x.Correction.At))
            .OrderBy(x => x.Correction.At)
            .Select((x, i) => new LabelledText(SentimentLabelText.FromName(x.Correction.Label), x.Text, $"correction of {x.Correction.CoverageId}", i + 1))
            .ToArray();
        return new CorrectionRows(rows, corrections.Count, latest.Length);
    }

    /// <summary>The corrections of the store MONITOR_POSTGRES and MONITOR_EVENTSTORE_SCHEMA name, as training needs them before it starts.</summary>
    public static CorrectionRows ReadFromEnvironment()
    {
        var connection = EventStoreConnection.FromEnvironment();
        try
        {
            return Task.Run(async () =>
            {
                await using var store = EventStore.EventStore.Create(
                    new EventStoreOptions { ConnectionString = connection.ConnectionString, Schema = connection.Schema }, MonitorEventTypes.CreateRegistry());
                return await ReadAsync(store);
            }).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is NpgsqlException or EventStoreException or PipelineCommandException)
        {
            throw new InvalidDataException($"--corrections: cannot read the corrections from the event store at {connection.Describe()}: {e.Message}", e);
        }
    }
}
