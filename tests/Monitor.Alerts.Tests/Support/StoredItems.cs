using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Tests.Support;

/// <summary>Puts scored items in the store as the pipeline leaves them: CoverageIngested (with the link) and SentimentScored.</summary>
internal static class StoredItems
{
    public static async Task AppendAsync(EventStore.EventStore store, SentimentScored scored, string url)
    {
        var ingested = new CoverageIngested(scored.CoverageId, scored.Platform, scored.CoverageId.ToString("N"), url, null, "text",
            new Author("a", "A"), scored.PublishedAt, Engagement.None, [], null, "test", scored.PublishedAt);
        await store.AppendAsync(scored.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
        [
            new EventData(CoverageEventIds.Ingested(scored.CoverageId), ingested),
            new EventData(CoverageEventIds.Scored(scored.CoverageId), scored),
        ]);
    }

    public static SentimentScored Scored(string label, long reach, DateTimeOffset publishedAt, string platform = PlatformNames.Weibo, string entityId = "xiaomi-su7") =>
        new(Guid.NewGuid(), platform, publishedAt, label, label == SentimentLabels.Negative ? -0.8 : label == SentimentLabels.Positive ? 0.8 : 0,
            0.9, "test", [], [entityId], reach);
}
