using Monitor.Cli.Sentiment.Rescore;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>
/// Extracted items the sentiment stage has not reached are left to it: a rescore appended before
/// the first score would be followed by the older model's score.
/// </summary>
public sealed class When_items_are_not_scored_yet(StoreFixture fixture) : IClassFixture<StoreFixture>, IDisposable
{
    private readonly TestModels _models = new();

    [Fact]
    public async Task Should_leave_them_to_the_pipeline_and_rescore_them_on_a_later_run()
    {
        var history = new CoverageHistory(fixture.Store);
        await history.ScoredAsync("scored", 6);
        var waiting = await history.ExtractedAsync("waiting", 4);
        var model = _models.Flipped("later-1");

        var first = await new SentimentRescorer(fixture.Store, model).RunAsync(dryRun: false);
        await history.ScoreAsync(waiting);
        var second = await new SentimentRescorer(fixture.Store, model).RunAsync(dryRun: false);

        Assert.Equal((10, 6, 4), (first.Examined, first.Rescored, first.AwaitingFirstScore));
        Assert.Equal((10, 4, 6, 0), (second.Examined, second.Rescored, second.AlreadyAtVersion, second.AwaitingFirstScore));
        var perStream = await fixture.Events.TypesPerStreamAsync();
        foreach (var item in waiting)
        {
            var types = (await fixture.Store.ReadStreamAsync(item.CoverageId)).Select(e => e.Type);
            Assert.Equal([MonitorEventTypes.ContentExtracted, MonitorEventTypes.SentimentScored, MonitorEventTypes.SentimentRescored], types);
        }
        Assert.Equal(10, perStream.Values.Count(t => t.ContainsKey(MonitorEventTypes.SentimentRescored)));
    }

    public void Dispose() => _models.Dispose();
}
