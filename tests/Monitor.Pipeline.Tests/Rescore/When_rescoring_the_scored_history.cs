using Monitor.Cli.Sentiment.Rescore;
using Monitor.Contracts;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>A rescore adds one SentimentRescored per scored stream and keeps the first scores in the log.</summary>
public sealed class When_rescoring_the_scored_history(StoreFixture fixture) : IClassFixture<StoreFixture>, IDisposable
{
    private readonly TestModels _models = new();

    [Fact]
    public async Task Should_append_one_SentimentRescored_per_scored_stream_and_leave_the_SentimentScored_in_place()
    {
        var streams = await new CoverageHistory(fixture.Store).ScoredAsync("rescore-all", 23);
        var model = _models.Flipped("flipped-1");

        var summary = await new SentimentRescorer(fixture.Store, model) { PageSize = 4 }.RunAsync(dryRun: false);

        Assert.Equal(23, summary.Examined);
        Assert.Equal(23, summary.Rescored);
        Assert.Equal(0, summary.AlreadyAtVersion);
        var changes = new Dictionary<(string, string), long>();
        foreach (var stream in streams)
        {
            var events = await fixture.Store.ReadStreamAsync(stream);
            Assert.Equal([MonitorEventTypes.ContentExtracted, MonitorEventTypes.SentimentScored, MonitorEventTypes.SentimentRescored],
                events.Select(e => e.Type));
            var scored = Assert.IsType<SentimentScored>(events[1].Data);
            var rescored = Assert.IsType<SentimentRescored>(events[2].Data);
            Assert.Equal(SentimentRescorer.EventIdFor(stream, "flipped-1"), events[2].Id);
            Assert.Equal(stream, rescored.CoverageId);
            Assert.Equal("flipped-1", rescored.ModelVersion);
            Assert.Equal(scored.ModelVersion, rescored.PreviousModelVersion);
            Assert.Equal(scored.Label, rescored.PreviousLabel);
            Assert.Equal(TestModels.Flip(scored.Label), rescored.Label);
            Assert.Equal(-scored.Score, rescored.Score, precision: 3);
            Assert.Equal(scored.EntityIds, rescored.EntityIds);
            Assert.Equal(scored.Reach, rescored.Reach);
            if (scored.Label != rescored.Label)
                changes[(scored.Label, rescored.Label)] = changes.GetValueOrDefault((scored.Label, rescored.Label)) + 1;
        }
        Assert.NotEmpty(changes);
        Assert.Equal(changes.OrderBy(c => c.Key).Select(c => new LabelChange(c.Key.Item1, c.Key.Item2, c.Value)),
            summary.LabelChanges.OrderBy(c => (c.From, c.To)));
        Assert.Equal(23 - changes.Values.Sum(), summary.Unchanged);
    }

    public void Dispose() => _models.Dispose();
}
