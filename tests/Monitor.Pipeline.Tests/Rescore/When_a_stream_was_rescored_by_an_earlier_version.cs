using Monitor.Cli.Sentiment.Rescore;
using Monitor.Contracts;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>Each model version rescores once; the previous score is whichever came last, scored or rescored.</summary>
public sealed class When_a_stream_was_rescored_by_an_earlier_version(StoreFixture fixture) : IClassFixture<StoreFixture>, IDisposable
{
    private readonly TestModels _models = new();

    [Fact]
    public async Task Should_take_the_latest_score_as_the_previous_one_when_an_earlier_version_rescored_the_stream()
    {
        var streams = await new CoverageHistory(fixture.Store).ScoredAsync("rescore-twice", 5);
        await new SentimentRescorer(fixture.Store, _models.Flipped("flipped-a", "a.bin")).RunAsync(dryRun: false);

        await new SentimentRescorer(fixture.Store, _models.Flipped("flipped-b", "b.bin")).RunAsync(dryRun: false);

        foreach (var stream in streams)
        {
            var rescores = (await fixture.Store.ReadStreamAsync(stream)).Select(e => e.Data).OfType<SentimentRescored>().ToArray();
            Assert.Equal(["flipped-a", "flipped-b"], rescores.Select(r => r.ModelVersion));
            Assert.Equal("flipped-a", rescores[1].PreviousModelVersion);
            Assert.Equal(rescores[0].Label, rescores[1].PreviousLabel);
        }
    }

    public void Dispose() => _models.Dispose();
}
