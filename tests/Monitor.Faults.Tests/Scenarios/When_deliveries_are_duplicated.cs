using Monitor.Contracts;
using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Servers;
using Monitor.Hosting.Storage;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

/// <summary>
/// While items flow, copies of deliveries (same MessageId, same body) are put straight onto every
/// stage's queue: coverage a feed sent before, and events the relay published before. Each consumer
/// must absorb them.
/// </summary>
[Collection(FaultsCollection.Name)]
public class When_deliveries_are_duplicated(PrivateServers servers, ITestOutputHelper output)
{
    private const int Items = 3_000;
    private const int CopiesEach = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Should_store_nothing_twice()
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, "duplicate deliveries injected");
        await scenario.GuardAsync(async () =>
        {
            await scenario.StartServicesAsync();
            var items = CoverageItems.Items("dup-", Items);
            var feeding = scenario.Feed.PostAsync(items, CancellationToken.None);

            await scenario.WaitUntilAcceptedAsync(Items / 3, feeding, Patience);
            await using var queue = await QueuePublisher.ConnectAsync(scenario.Vhost.AmqpUri);
            var copies = await CopyCoverageAsync(queue, items.Take(Items / 4).ToArray());
            copies += await CopyStoredEventsAsync(scenario, queue, scenario.Feed.Accepted().Take(Items / 6).ToArray());
            scenario.Log($"{copies} duplicate deliveries injected with {scenario.Feed.AcceptedCount} items accepted");
            await feeding;

            var outcome = await scenario.SettleAndCompareAsync(scenario.Feed.Accepted(), Patience);
            scenario.Record(outcome, detail: $"{copies:N0} copies");
            Assert.Equal((Items, Items, 0, 0), (outcome.Accepted, outcome.Stored, outcome.Lost, outcome.Duplicated));
            Assert.True(copies >= (Items / 4 + Items / 6) * CopiesEach, $"only {copies} copies were injected");
            Assert.Equal(0L, (await scenario.Broker.QueueAsync(FaultScenario.CoverageIngestedQueue + "_error"))?.Messages ?? 0);
            Assert.Equal(0L, (await scenario.Broker.QueueAsync(FaultScenario.ContentExtractedQueue + "_error"))?.Messages ?? 0);
            Assert.True(await scenario.LiveReadModelEqualsRebuildAsync(), "the live read model should equal a full rebuild");
        });
    }

    /// <summary>A feed that sends the same coverage again (same message id): ingestion must find it known and unchanged.</summary>
    private static async Task<int> CopyCoverageAsync(QueuePublisher queue, IReadOnlyList<CoverageReceived> items)
    {
        var confirms = new List<Task>();
        foreach (var item in items)
        {
            var id = Guid.NewGuid();
            var body = QueuePublisher.CoverageReceivedEnvelope(id, (object)item);
            for (var i = 0; i < CopiesEach; i++)
                confirms.Add(queue.PublishAsync(FaultScenario.CoverageReceivedQueue, body, id.ToString()));
        }
        await Task.WhenAll(confirms);
        return confirms.Count;
    }

    /// <summary>Every event stored so far in these streams, published again to its consumer's queue in MassTransit's envelope as the relay published it.</summary>
    private static async Task<int> CopyStoredEventsAsync(FaultScenario scenario, QueuePublisher queue, IReadOnlyList<Guid> streams)
    {
        var confirms = new List<Task>();
        foreach (var stream in streams)
            foreach (var stored in await scenario.Store.ReadStreamAsync(stream))
            {
                var target = stored.Type switch
                {
                    MonitorEventTypes.CoverageIngested => FaultScenario.CoverageIngestedQueue,
                    MonitorEventTypes.ContentExtracted => FaultScenario.ContentExtractedQueue,
                    _ => null,
                };
                if (target is null) continue;
                var body = QueuePublisher.Envelope(stored.Id, stored.Data, stored.Data.GetType());
                for (var i = 0; i < CopiesEach; i++)
                    confirms.Add(queue.PublishAsync(target, body, stored.Id.ToString()));
            }
        await Task.WhenAll(confirms);
        return confirms.Count;
    }
}
