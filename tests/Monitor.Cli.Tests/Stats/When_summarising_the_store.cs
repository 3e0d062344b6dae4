using Monitor.Cli.Tests.Infrastructure;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Stats;

public sealed class When_summarising_the_store(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private static readonly DateTimeOffset Published = new(2024, 3, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Rescored = CoverageIdentity.For(PlatformNames.Weibo, "s-1", "");
    private static readonly Guid Scored = CoverageIdentity.For(PlatformNames.Weibo, "s-2", "");
    private static readonly Guid AwaitingSentiment = CoverageIdentity.For(PlatformNames.Douyin, "s-3", "");
    private static readonly Guid AwaitingExtraction = CoverageIdentity.For(PlatformNames.Douyin, "s-4", "");

    private Dictionary<string, string> Environment => new()
    {
        ["MONITOR_POSTGRES"] = schema.ConnectionString,
        ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
    };

    public async Task InitializeAsync()
    {
        await using var store = EventStore.EventStore.Create(
            new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, MonitorEventTypes.CreateRegistry());
        await store.EnsureSchemaAsync();
        // Each stage is a separate append, as the services make them, so each event has its own stored time.
        foreach (var (id, platform) in new[] { (Rescored, "weibo"), (Scored, "weibo"), (AwaitingSentiment, "douyin"), (AwaitingExtraction, "douyin") })
            await Append(store, id, new EventData(CoverageEventIds.Ingested(id), new CoverageIngested(id, platform, id.ToString("N"),
                $"https://example.com/{id:N}", null, "text", new Author("a", "A"), Published, Engagement.None, [], null, "test", Published)));
        await Task.Delay(200);
        foreach (var (id, platform) in new[] { (Rescored, "weibo"), (Scored, "weibo"), (AwaitingSentiment, "douyin") })
            await Append(store, id, new EventData(CoverageEventIds.Extracted(id), new ContentExtracted(id, platform, Published, "zh", "text",
                [], [], [], [], [], 10, "c", 1UL)));
        foreach (var id in new[] { Rescored, Scored })
            await Append(store, id, new EventData(CoverageEventIds.Scored(id),
                new SentimentScored(id, "weibo", Published, SentimentLabels.Positive, 0.8, 0.9, "v1", [], [], 10)));
        await Append(store, Rescored, new EventData(Guid.NewGuid(),
            new SentimentRescored(Rescored, "weibo", Published, SentimentLabels.Negative, -0.7, 0.9, "v2", "v1", SentimentLabels.Positive, [], [], 10)));
    }

    private static Task Append(EventStore.EventStore store, Guid id, EventData data) =>
        store.AppendAsync(id, MonitorEventTypes.CoverageStream, ExpectedVersion.Any, [data]);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_count_the_latest_label_and_the_backlog_of_each_stage()
    {
        var result = await CliRun.RunAsync(Environment, "stats");

        Assert.True(result.ExitCode == 0, result.ToString());
        // weibo: one item still positive, one rescored to negative.
        Assert.Matches(@"weibo\s*\S\s*2\s*\S\s*1 \(50%\)\s*\S\s*0 \(0%\)\s*\S\s*1 \(50%\)", result.Output);
        Assert.Contains("1 items carry a newer label from sentiment rescore", result.Output);
        Assert.Matches(@"lag: extraction\.p50=\d+(\.\d+)? extraction\.p95=\d+(\.\d+)? extraction\.waiting=1 sentiment\.p50=\d+(\.\d+)? sentiment\.p95=\d+(\.\d+)? sentiment\.waiting=1", result.Output);
        Assert.EndsWith("pipeline: items=4 ingested=4 extracted=3 scored=2", result.Output.TrimEnd());
    }

    [Fact]
    public async Task Should_exit_3_when_postgres_cannot_be_reached()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string>
        {
            ["MONITOR_POSTGRES"] = "Host=127.0.0.1;Port=9;Username=monitor;Password=monitor;Database=monitor;Timeout=3",
        }, "stats");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:9/monitor", result.Error);
    }
}
