using Monitor.Cli.Sentiment.Rescore;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>A dry run scores everything and reports what a real run would do, appending nothing.</summary>
public sealed class When_rescoring_as_a_dry_run(StoreFixture fixture) : IClassFixture<StoreFixture>, IDisposable
{
    private readonly TestModels _models = new();

    [Fact]
    public async Task Should_append_nothing_but_report_what_a_real_run_then_does()
    {
        await new CoverageHistory(fixture.Store).ScoredAsync("dry", 9);
        var model = _models.Flipped("dry-1");
        var before = await fixture.Events.CountAsync();

        var dry = await new SentimentRescorer(fixture.Store, model).RunAsync(dryRun: true);
        var afterDryRun = await fixture.Events.CountAsync();
        var real = await new SentimentRescorer(fixture.Store, model).RunAsync(dryRun: false);

        Assert.True(dry.DryRun);
        Assert.Equal(before, afterDryRun);
        Assert.Equal(9, dry.Rescored);
        Assert.Equal(real.Rescored, dry.Rescored);
        Assert.Equal(real.LabelChanges, dry.LabelChanges);
        Assert.Equal(before + 9, await fixture.Events.CountAsync());
    }

    public void Dispose() => _models.Dispose();
}
