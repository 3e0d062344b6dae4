using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.Hosting.Storage;
using Monitor.Ingestion.Ingest;
using Monitor.Pipeline.Tests.Infrastructure;

namespace Monitor.Pipeline.Tests.Ingest;

public class When_ingesting_coverage(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private IngestCoverage NewHandler() => new(fixture.Store, TimeProvider.System, NullLogger<IngestCoverage>.Instance);

    private static Guid IdOf(CoverageReceived item) => CoverageIdentity.For(item.Platform, item.PlatformId, item.Url);

    [Fact]
    public async Task Should_start_a_stream_for_a_new_item_and_append_nothing_when_it_is_seen_unchanged()
    {
        var item = SampleCoverage.Item("ingest-new");

        var first = await NewHandler().HandleAsync([item], default);
        var second = await NewHandler().HandleAsync([item with { ObservedAt = item.ObservedAt.AddHours(1) }], default);

        Assert.Equal(new IngestSummary(1, 1, 0, 0), first);
        Assert.Equal(new IngestSummary(1, 0, 0, 1), second);
        var stored = Assert.Single(await fixture.Store.ReadStreamAsync(IdOf(item)));
        Assert.Equal(CoverageEventIds.Ingested(IdOf(item)), stored.Id);
        var ingested = Assert.IsType<CoverageIngested>(stored.Data);
        Assert.Equal((IdOf(item), "ingest-new", 10L), (ingested.CoverageId, ingested.PlatformId, ingested.Engagement.Likes));
    }

    [Fact]
    public async Task Should_append_a_metrics_update_only_when_the_counts_changed()
    {
        var item = SampleCoverage.Item("ingest-metrics", likes: 10);
        await NewHandler().HandleAsync([item], default);

        var changed = await NewHandler().HandleAsync([item with { Engagement = new Engagement(25, 2, 1), ObservedAt = item.ObservedAt.AddHours(1) }], default);
        var same = await NewHandler().HandleAsync([item with { Engagement = new Engagement(25, 2, 1), ObservedAt = item.ObservedAt.AddHours(2) }], default);

        Assert.Equal(new IngestSummary(1, 0, 1, 0), changed);
        Assert.Equal(new IngestSummary(1, 0, 0, 1), same);
        var stream = await fixture.Store.ReadStreamAsync(IdOf(item));
        Assert.Equal(2, stream.Count);
        var update = Assert.IsType<CoverageMetricsUpdated>(stream[1].Data);
        Assert.Equal(CoverageEventIds.MetricsUpdated(IdOf(item), 1, update), stream[1].Id);
        Assert.Equal(25, update.Engagement.Likes);
    }

    [Fact]
    public async Task Should_keep_one_stream_for_an_item_seen_twice_in_one_batch()
    {
        var item = SampleCoverage.Item("ingest-twice", likes: 10);

        var summary = await NewHandler().HandleAsync(
            [item, item with { Engagement = new Engagement(12, 2, 1), ObservedAt = item.ObservedAt.AddMinutes(5) }], default);

        Assert.Equal(new IngestSummary(2, 1, 1, 0), summary);
        Assert.Equal(["coverage-ingested", "coverage-metrics-updated"], (await fixture.Store.ReadStreamAsync(IdOf(item))).Select(e => e.Type));
    }

    [Fact]
    public async Task Should_ingest_each_item_exactly_once_when_two_ingests_race()
    {
        var items = SampleCoverage.Items("ingest-race-", 60);

        var results = await Task.WhenAll(
            Task.Run(() => NewHandler().HandleAsync(items, default)),
            Task.Run(() => NewHandler().HandleAsync(items.Reverse().ToArray(), default)));

        Assert.Equal(60, results.Sum(r => r.Ingested));
        Assert.Equal(60, results.Sum(r => r.Unchanged));
        Assert.Equal(0, results.Sum(r => r.Updated));
        var perStream = await fixture.Events.TypesPerStreamAsync();
        Assert.All(items.Select(IdOf), id => Assert.Equal(1, perStream[id][MonitorEventTypes.CoverageIngested]));
        Assert.Equal(60, await fixture.Events.CountInStreamsAsync(items.Select(IdOf)));
    }

    [Fact]
    public async Task Should_report_an_older_observation_arriving_late_as_outdated_and_keep_the_newer_counts()
    {
        var item = SampleCoverage.Item("ingest-late", likes: 10);
        await NewHandler().HandleAsync([item with { Engagement = new Engagement(30), ObservedAt = item.ObservedAt.AddHours(2) }], default);

        var late = await NewHandler().HandleAsync([item with { Engagement = new Engagement(20), ObservedAt = item.ObservedAt.AddHours(1) }], default);

        Assert.Equal(new IngestSummary(1, 0, 0, 0, Outdated: 1), late);
        var stored = Assert.Single(await fixture.Store.ReadStreamAsync(IdOf(item)));
        var ingested = Assert.IsType<CoverageIngested>(stored.Data);
        Assert.Equal((30L, item.ObservedAt.AddHours(2)), (ingested.Engagement.Likes!.Value, ingested.ObservedAt!.Value));
    }

    [Fact]
    public async Task Should_store_each_observation_once_when_the_same_update_is_ingested_again()
    {
        var item = SampleCoverage.Item("ingest-redelivered", likes: 10);
        await NewHandler().HandleAsync([item], default);
        var update = item with { Engagement = new Engagement(40), ObservedAt = item.ObservedAt.AddHours(1) };

        var results = await Task.WhenAll(Task.Run(() => NewHandler().HandleAsync([update], default)), Task.Run(() => NewHandler().HandleAsync([update], default)));

        Assert.Equal(1, results.Sum(r => r.Updated));
        Assert.Equal(1, results.Sum(r => r.Unchanged));
        Assert.Equal(2, (await fixture.Store.ReadStreamAsync(IdOf(item))).Count);
    }
}
