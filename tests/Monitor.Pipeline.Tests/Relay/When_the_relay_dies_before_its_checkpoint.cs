using System.Collections.Concurrent;
using MassTransit;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Extraction.Extract;
using Monitor.Hosting.Relay;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;
using Monitor.TextAnalysis;

namespace Monitor.Pipeline.Tests.Relay;

public class When_the_relay_dies_before_its_checkpoint(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_publish_the_batch_again_and_the_consumer_should_store_no_duplicate()
    {
        var deliveries = new ConcurrentBag<Guid>();
        var extract = new ExtractContent(fixture.Store, ContentExtractor.CreateDefault());
        var bus = await TestBus.StartAsync(fixture.Vhost, cfg => cfg.ReceiveEndpoint("coverage-ingested", e =>
            e.Handler<CoverageIngested>(async ctx =>
            {
                await extract.HandleAsync([ctx.Message], ctx.CancellationToken);
                deliveries.Add(ctx.MessageId!.Value);
            })));
        try
        {
            var events = When_the_relay_publishes_committed_events.Ingested("crash-", 10);
            await fixture.Store.AppendBatchAsync(events.Select(e => new StreamAppend(e.CoverageId, MonitorEventTypes.CoverageStream,
                ExpectedVersion.NoStream, [new EventData(CoverageEventIds.Ingested(e.CoverageId), e)])).ToArray());

            await using var publisher = await RelayPublishers.ConnectAsync(fixture.Vhost);
            await using (var crashing = await RelayRun.StartAsync(fixture.Store, new CrashAfterPublishing(publisher), maxHandlerAttempts: 1))
            {
                Assert.True(await Until.HoldsAsync(() => Task.FromResult(deliveries.Count >= 10), Patience),
                    $"the first relay's publishes were confirmed, so all 10 must arrive; saw {deliveries.Count}");
                Assert.Equal(0, await crashing.ProgressAsync());
            }
            var firstRun = deliveries.Count;

            await using var restarted = await RelayRun.StartAsync(fixture.Store, publisher);
            var republished = await Until.HoldsAsync(() => Task.FromResult(deliveries.Count >= firstRun + 10), Patience);

            Assert.True(republished, $"the restarted relay must publish the batch that was never marked done again; saw {deliveries.Count} deliveries");
            Assert.All(deliveries.GroupBy(d => d), g => Assert.True(g.Count() >= 2));
            Assert.Equal(events.Select(e => CoverageEventIds.Ingested(e.CoverageId)).Order(), deliveries.Distinct().Order());
            var perStream = await fixture.Storage.Events.TypesPerStreamAsync();
            Assert.All(events, e => Assert.Equal(1, perStream[e.CoverageId][MonitorEventTypes.ContentExtracted]));
            Assert.True(await Until.HoldsAsync(async () => await restarted.ProgressAsync() > 0, Patience));
        }
        finally { await bus.StopAsync(); }
    }
}
