using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Cli.Tests.Sentiment;

/// <summary>Coverage items stored as the pipeline leaves them (ingested, extracted, scored), and corrections as the API appends them.</summary>
internal static class CorrectedItems
{
    public static async Task<Guid> StoreScoredAsync(EventStore.EventStore store, string text, string label)
    {
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2024, 3, 28, 10, 0, 0, TimeSpan.Zero);
        await store.AppendAsync(id, MonitorEventTypes.CoverageStream, ExpectedVersion.NoStream,
        [
            new EventData(CoverageEventIds.Ingested(id), new CoverageIngested(id, PlatformNames.Weibo, id.ToString("N"), $"https://weibo.example/{id:N}", null, text,
                new Author("a", "A"), at, Engagement.None, [], null, "test", at)),
            new EventData(CoverageEventIds.Extracted(id), new ContentExtracted(id, PlatformNames.Weibo, at, "zh", text, [], [], [], [], [], 10, "c", 0)),
            new EventData(CoverageEventIds.Scored(id), new SentimentScored(id, PlatformNames.Weibo, at, label, 0, 0.5, "toy", [], [], 10)),
        ]);
        return id;
    }

    public static async Task CorrectAsync(EventStore.EventStore store, Guid id, string label, DateTimeOffset at)
    {
        var version = (await store.ReadStreamAsync(id))[^1].Version;
        await store.AppendAsync(id, MonitorEventTypes.CoverageStream, ExpectedVersion.Exactly(version),
            [new EventData(CoverageEventIds.Corrected(id, version, label, "ana"), new SentimentCorrected(id, label, "neutral", "neutral", "toy", "ana", "analyst", at))]);
    }
}
