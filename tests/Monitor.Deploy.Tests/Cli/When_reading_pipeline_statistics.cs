using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Stats;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;
using Xunit;

namespace Monitor.Deploy.Tests.Cli;

/// <summary>The SQL behind `monitor stats` and `ingest --wait`, against a real event store in a fresh schema.</summary>
public sealed class When_reading_pipeline_statistics(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private static readonly DateTimeOffset Published = new(2024, 7, 19, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ScoredWeibo = CoverageIdentity.For(Monitor.Contracts.PlatformNames.Weibo, "1", "");
    private static readonly Guid UnscoredWeibo = CoverageIdentity.For(Monitor.Contracts.PlatformNames.Weibo, "2", "");
    private static readonly Guid ScoredDouyin = CoverageIdentity.For(Monitor.Contracts.PlatformNames.Douyin, "3", "");

    private PipelineStatisticsReader Reader => new(EventStoreConnection.Create(schema.ConnectionString, schema.Name));

    public async Task InitializeAsync()
    {
        await using var store = EventStore.EventStore.Create(
            new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            MonitorEventTypes.CreateRegistry());
        await store.EnsureSchemaAsync();
        await store.AppendBatchAsync(
        [
            Stream(ScoredWeibo, Ingested(ScoredWeibo, "weibo"), Extracted(ScoredWeibo, "weibo"), Scored(ScoredWeibo, "weibo", SentimentLabels.Positive)),
            Stream(UnscoredWeibo, Ingested(UnscoredWeibo, "weibo"),
                new CoverageMetricsUpdated(UnscoredWeibo, "weibo", new Engagement(Likes: 9), null, Published), Extracted(UnscoredWeibo, "weibo")),
            Stream(ScoredDouyin, Ingested(ScoredDouyin, "douyin"), Extracted(ScoredDouyin, "douyin"), Scored(ScoredDouyin, "douyin", SentimentLabels.Negative)),
        ]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_count_each_stage_once_per_stream()
    {
        var stats = await Reader.ReadAsync(CancellationToken.None);

        Assert.Equal((3, 3, 2), (stats.Ingested, stats.Extracted, stats.Scored));
        Assert.Equal("pipeline: items=3 ingested=3 extracted=3 scored=2", SummaryPrinter.PipelineLine(3, stats));
    }

    [Fact]
    public async Task Should_split_items_and_sentiment_by_platform()
    {
        var stats = await Reader.ReadAsync(CancellationToken.None);

        Assert.Equal(
            [new PlatformStatistics("douyin", 1, 0, 0, 1), new PlatformStatistics("weibo", 2, 1, 0, 0)],
            stats.Platforms);
    }

    [Fact]
    public async Task Should_count_every_event_by_type()
    {
        var stats = await Reader.ReadAsync(CancellationToken.None);

        Assert.Equal(
            [("content-extracted", 3L), ("coverage-ingested", 3L), ("coverage-metrics-updated", 1L), ("sentiment-scored", 2L)],
            stats.EventsByType);
    }

    [Fact]
    public async Task Should_follow_only_the_streams_it_is_given()
    {
        var progress = await Reader.ReadProgressAsync([ScoredWeibo, UnscoredWeibo, Guid.NewGuid()], CancellationToken.None);

        Assert.Equal(new StageProgress(2, 2, 1), progress);
    }

    [Fact]
    public async Task Should_say_no_service_has_started_when_the_schema_has_no_store()
    {
        var reader = new PipelineStatisticsReader(EventStoreConnection.Create(schema.ConnectionString, "no_store_" + schema.Name));

        var error = await Assert.ThrowsAsync<PipelineCommandException>(() => reader.ReadAsync(CancellationToken.None));

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains("no events table", error.Message);
    }

    [Fact]
    public async Task Should_report_postgres_unreachable_with_its_exit_code()
    {
        var reader = new PipelineStatisticsReader(EventStoreConnection.Create(
            "Host=127.0.0.1;Port=1;Username=monitor;Password=monitor;Database=monitor;Timeout=2", schema.Name));

        var error = await Assert.ThrowsAsync<PipelineCommandException>(() => reader.ReadAsync(CancellationToken.None));

        Assert.Equal(ExitCodes.InfrastructureUnreachable, error.ExitCode);
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:1/monitor", error.Message);
    }

    private static StreamAppend Stream(Guid id, params object[] events) =>
        new(id, MonitorEventTypes.CoverageStream, ExpectedVersion.NoStream,
            events.Select((e, i) => new EventData(CoverageIdentity.NameBased(id, "event:" + i), e)).ToList());

    private static CoverageIngested Ingested(Guid id, string platform) =>
        new(id, platform, id.ToString(), $"https://example.com/{id}", null, "text", new Author("a", "A"), Published,
            Engagement.None, [], null, "test", Published);

    private static ContentExtracted Extracted(Guid id, string platform) =>
        new(id, platform, Published, "zh", "text", [], [], [], [], [], 0, "cluster", 0);

    private static SentimentScored Scored(Guid id, string platform, string label) =>
        new(id, platform, Published, label, label == SentimentLabels.Positive ? 0.8 : -0.8, 0.9, "test-model", [], [], 0);
}
