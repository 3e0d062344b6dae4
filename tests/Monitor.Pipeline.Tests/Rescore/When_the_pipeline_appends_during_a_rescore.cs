using System.Diagnostics;
using Monitor.Cli.Sentiment.Rescore;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>
/// The pipeline keeps appending to the same coverage streams while a rescore runs (metrics updates,
/// new items extracted and scored), and a second rescore of the same version may run at once.
/// </summary>
public sealed class When_the_pipeline_appends_during_a_rescore(StoreFixture fixture) : IClassFixture<StoreFixture>, IDisposable
{
    private static readonly TimeSpan RaceLimit = TimeSpan.FromSeconds(60);
    private const int MaxRacingAppends = 5_000;

    private readonly TestModels _models = new();

    [Fact]
    public async Task Should_rescore_every_stream_once_without_failing()
    {
        var history = new CoverageHistory(fixture.Store);
        var streams = await history.ScoredAsync("race", 40);
        var model = _models.Flipped("race-1");
        var small = new SentimentRescorer(fixture.Store, model) { PageSize = 3 };
        var large = new SentimentRescorer(fixture.Store, model) { PageSize = 7 };
        // A run rescores the history as it stood when the run measured it.
        var smallHistory = await small.MeasureAsync();
        var largeHistory = await large.MeasureAsync();
        using var stopRacing = new CancellationTokenSource(RaceLimit);

        var metrics = AppendMetricsUpdatesAsync(streams, stopRacing.Token);
        var newCoverage = ExtractAndScoreNewItemsAsync(history, stopRacing.Token);
        var runs = await Task.WhenAll(
            small.RunAsync(smallHistory, dryRun: false),
            large.RunAsync(largeHistory, dryRun: false));
        await stopRacing.CancelAsync();
        var racingAppends = await metrics;
        var newItems = await newCoverage;

        Assert.True(racingAppends > 0, "the racing writer appended nothing");
        Assert.NotEmpty(newItems);
        Assert.All(runs, r => Assert.Equal(40, r.Examined));
        Assert.All(runs, r => Assert.Equal(40, r.Rescored + r.AlreadyAtVersion));
        Assert.Equal(40, runs.Sum(r => r.Rescored));
        var perStream = await fixture.Events.TypesPerStreamAsync();
        Assert.All(streams, s =>
        {
            Assert.Equal(1, perStream[s][MonitorEventTypes.SentimentScored]);
            Assert.Equal(1, perStream[s][MonitorEventTypes.SentimentRescored]);
        });
        // Items that arrived after both runs measured the history are the pipeline's to score.
        Assert.All(newItems, s => Assert.False(perStream[s].ContainsKey(MonitorEventTypes.SentimentRescored)));
    }

    /// <summary>Appends engagement updates round-robin to the streams until stopped; returns how many.</summary>
    private async Task<int> AppendMetricsUpdatesAsync(IReadOnlyList<Guid> streams, CancellationToken stop)
    {
        var appended = 0;
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested && appended < MaxRacingAppends && clock.Elapsed < RaceLimit)
        {
            var stream = streams[appended % streams.Count];
            var update = new CoverageMetricsUpdated(stream, Contracts.PlatformNames.Weibo, new Engagement(appended, 1, 1), null, DateTimeOffset.UtcNow);
            await fixture.Store.AppendAsync(stream, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
                [new EventData(Guid.NewGuid(), update)], CancellationToken.None);
            appended++;
        }
        return appended;
    }

    /// <summary>New coverage flowing through extraction and sentiment while the rescore runs.</summary>
    private static async Task<IReadOnlyList<Guid>> ExtractAndScoreNewItemsAsync(CoverageHistory history, CancellationToken stop)
    {
        var streams = new List<Guid>();
        for (var batch = 0; batch < 20 && !stop.IsCancellationRequested; batch++)
        {
            var items = await history.ExtractedAsync($"race-new-{batch}", 3);
            await history.ScoreAsync(items);
            streams.AddRange(items.Select(i => i.CoverageId));
        }
        return streams;
    }

    public void Dispose() => _models.Dispose();
}
