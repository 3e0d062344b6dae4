using Monitor.Contracts;
using Monitor.Extraction.Extract;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Sentiment.Score;
using Monitor.SentimentModel;
using Monitor.TextAnalysis;

namespace Monitor.Pipeline.Tests.Extract;

/// <summary>Redelivery (a broker retry, a relay that republished after a crash) must change nothing the second time.</summary>
public class When_a_stage_receives_the_same_event_twice(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Now = new(2024, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private static CoverageIngested Ingested(string platformId)
    {
        var item = SampleCoverage.Item(platformId);
        var id = CoverageIdentity.For(item.Platform, item.PlatformId, item.Url);
        return new CoverageIngested(id, item.Platform, item.PlatformId, item.Url, item.Title, item.Text, item.Author,
            item.PublishedAt, item.Engagement, item.Hashtags, item.Region, item.Feed, Now);
    }

    [Fact]
    public async Task Extraction_appends_nothing_new_when_CoverageIngested_is_redelivered()
    {
        var items = Enumerable.Range(1, 12).Select(i => Ingested($"extract-twice-{i}")).ToArray();
        var extract = new ExtractContent(fixture.Store, ContentExtractor.CreateDefault());

        var first = await extract.HandleAsync(items, default);
        var afterFirst = await fixture.Events.CountAsync(MonitorEventTypes.ContentExtracted);
        var second = await extract.HandleAsync(items.Reverse().ToArray(), default);

        Assert.Equal(new StageSummary(12, 0), first);
        Assert.Equal(new StageSummary(0, 12), second);
        Assert.Equal(afterFirst, await fixture.Events.CountAsync(MonitorEventTypes.ContentExtracted));
        var stream = await fixture.Store.ReadStreamAsync(items[0].CoverageId);
        var extracted = Assert.IsType<ContentExtracted>(Assert.Single(stream).Data);
        Assert.Equal(CoverageEventIds.Extracted(items[0].CoverageId), stream[0].Id);
        Assert.Contains(extracted.Entities, e => e.Name.Contains("SU7", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sentiment_appends_nothing_new_when_ContentExtracted_is_redelivered()
    {
        var extractor = ContentExtractor.CreateDefault();
        var items = Enumerable.Range(1, 8).Select(i => extractor.Extract(Ingested($"score-twice-{i}"))).ToArray();
        var score = new ScoreSentiment(fixture.Store, SentimentClassifier.LoadDefault());

        var first = await score.HandleAsync(items, default);
        var second = await score.HandleAsync(items, default);

        Assert.Equal(new StageSummary(8, 0), first);
        Assert.Equal(new StageSummary(0, 8), second);
        var scored = Assert.IsType<SentimentScored>(Assert.Single(await fixture.Store.ReadStreamAsync(items[0].CoverageId)).Data);
        Assert.Contains(scored.Label, new[] { SentimentLabels.Positive, SentimentLabels.Neutral, SentimentLabels.Negative });
        Assert.False(string.IsNullOrEmpty(scored.ModelVersion));
        Assert.Equal(items[0].Entities.Select(e => e.Id), scored.EntityIds);
    }
}
