using Monitor.Cli.Sentiment.Rescore;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>A rescore is idempotent per model version: running it again appends nothing.</summary>
public sealed class When_rescoring_again(StoreFixture fixture) : IClassFixture<StoreFixture>, IDisposable
{
    private readonly TestModels _models = new();

    [Fact]
    public async Task Should_append_nothing_the_second_time()
    {
        await new CoverageHistory(fixture.Store).ScoredAsync("again", 12);
        var model = _models.Flipped("again-1");
        var first = await new SentimentRescorer(fixture.Store, model).RunAsync(dryRun: false);
        var eventsAfterFirst = await fixture.Events.CountAsync();

        var second = await new SentimentRescorer(fixture.Store, model).RunAsync(dryRun: false);

        Assert.Equal(12, first.Rescored);
        Assert.Equal(0, second.Rescored);
        Assert.Equal(12, second.AlreadyAtVersion);
        Assert.Empty(second.LabelChanges);
        Assert.Equal(eventsAfterFirst, await fixture.Events.CountAsync());
    }

    public void Dispose() => _models.Dispose();
}
