using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.ReadModels;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Projections;

/// <summary>A fresh event store holding three scored Weibo items, for the read models to be built from.</summary>
public static class ThreeScoredItems
{
    private static readonly DateTimeOffset Published = new(2024, 3, 28, 12, 0, 0, TimeSpan.Zero);

    public static async Task StoreAsync(PostgresSchema schema)
    {
        await using var store = EventStore.EventStore.Create(
            new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, ReadModelCatalogue.CreateEventTypeRegistry());
        await store.EnsureSchemaAsync();
        for (var i = 1; i <= 3; i++)
        {
            var id = CoverageIdentity.For(PlatformNames.Weibo, $"p-{i}", "");
            await store.AppendAsync(id, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
            [
                new EventData(CoverageEventIds.Ingested(id), new CoverageIngested(id, "weibo", $"p-{i}", $"https://weibo.com/1/p-{i}", null,
                    "小米SU7", new Author("a", "A", 1000), Published.AddMinutes(i), Engagement.None, [], null, "test", Published)),
                new EventData(CoverageEventIds.Extracted(id), new ContentExtracted(id, "weibo", Published.AddMinutes(i), "zh", "小米SU7",
                    [], [], [], [], ["小米"], 1000, "c", 1UL)),
                new EventData(CoverageEventIds.Scored(id), new SentimentScored(id, "weibo", Published.AddMinutes(i), SentimentLabels.Negative,
                    -0.6, 0.9, "v1", [], [], 1000)),
            ]);
        }
    }

}
