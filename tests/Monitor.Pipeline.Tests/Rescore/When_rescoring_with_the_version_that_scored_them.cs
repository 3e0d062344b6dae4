using Monitor.Cli.Sentiment.Rescore;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.SentimentModel;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>Scoring again with the version behind a stream's current score would only repeat it.</summary>
public sealed class When_rescoring_with_the_version_that_scored_them(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Should_append_nothing_and_count_the_streams_as_already_at_that_version()
    {
        await new CoverageHistory(fixture.Store).ScoredAsync("same-version", 7);
        var before = await fixture.Events.CountAsync();

        var summary = await new SentimentRescorer(fixture.Store, SentimentClassifier.LoadDefault()).RunAsync(dryRun: false);

        Assert.Equal((7, 0, 7), (summary.Examined, summary.Rescored, summary.AlreadyAtVersion));
        Assert.Equal(before, await fixture.Events.CountAsync());
    }
}
