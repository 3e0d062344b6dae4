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

            await using (var crashing = new RelayRun(fixture.Store, new CrashAfterPublishing(new RelayPublisher(bus)), maxHandlerAttempts: 1))
            {
                await Assert.ThrowsAsync<SubscriptionFailedException>(() => crashing.Completion.WaitAsync(Patience));
                Assert.True(await Until.HoldsAsync(() => Task.FromResult(deliveries.Count >= 10), Patience),
                    $"the first relay's publishes were confirmed, so all 10 must arrive; saw {deliveries.Count}");
            }

            await using var restarted = new RelayRun(fixture.Store, new RelayPublisher(bus));
            var republished = await Until.HoldsAsync(() => Task.FromResult(deliveries.Count >= 20), Patience);

            Assert.True(republished, $"the restarted relay must publish the uncheckpointed batch again; saw {deliveries.Count} deliveries");
            Assert.All(deliveries.GroupBy(d => d), g => Assert.Equal(2, g.Count()));
            Assert.Equal(events.Select(e => CoverageEventIds.Ingested(e.CoverageId)).Order(), deliveries.Distinct().Order());
            var perStream = await fixture.Storage.Events.TypesPerStreamAsync();
            Assert.All(events, e => Assert.Equal(1, perStream[e.CoverageId][MonitorEventTypes.ContentExtracted]));
            Assert.True(await Until.HoldsAsync(() => Task.FromResult(restarted.Subscription.Checkpoint is not null), Patience));
        }
        finally { await bus.StopAsync(); }
    }
}
