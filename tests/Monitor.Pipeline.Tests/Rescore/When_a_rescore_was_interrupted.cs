using Monitor.Cli.Sentiment.Rescore;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>An interrupted rescore leaves what it appended; running it again finishes the rest.</summary>
public sealed class When_a_rescore_was_interrupted(StoreFixture fixture) : IClassFixture<StoreFixture>, IDisposable
{
    private readonly TestModels _models = new();

    [Fact]
    public async Task Should_finish_the_rest_without_rescoring_a_stream_twice()
    {
        var streams = await new CoverageHistory(fixture.Store).ScoredAsync("interrupted", 20);
        var model = _models.Flipped("interrupted-1");
        using var stop = new CancellationTokenSource();
        var interrupted = new SentimentRescorer(fixture.Store, model) { PageSize = 5 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => interrupted.RunAsync(dryRun: false, new StopAfterPages(2, stop), stop.Token));
        var resumed = await new SentimentRescorer(fixture.Store, model) { PageSize = 5 }.RunAsync(dryRun: false);

        Assert.Equal(10, resumed.AlreadyAtVersion);
        Assert.Equal(10, resumed.Rescored);
        var perStream = await fixture.Events.TypesPerStreamAsync();
        Assert.All(streams, s => Assert.Equal(1, perStream[s][MonitorEventTypes.SentimentRescored]));
    }

    public void Dispose() => _models.Dispose();

    private sealed class StopAfterPages(int pages, CancellationTokenSource stop) : IProgress<RescoreProgress>
    {
        private int _reports;

        // The first report marks the start (nothing examined yet); each later one follows a page.
        public void Report(RescoreProgress value)
        {
            if (++_reports > pages) stop.Cancel();
        }
    }
}
