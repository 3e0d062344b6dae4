using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Servers;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

/// <summary>Three extraction and three sentiment processes share their queues (competing consumers).</summary>
[Collection(FaultsCollection.Name)]
public class When_workers_scale_out(PrivateServers servers, ITestOutputHelper output)
{
    private const int Items = 3_000;
    private const int Instances = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Should_share_each_queue_and_store_every_item_once()
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, $"{Instances} extraction + {Instances} sentiment instances");
        await scenario.GuardAsync(async () =>
        {
            await scenario.StartServicesAsync();
            await Task.WhenAll(Enumerable.Range(2, Instances - 1).SelectMany(i => new[]
            {
                scenario.Services.StartInstanceAsync(FaultScenario.Extraction, $"extraction-{i}"),
                scenario.Services.StartInstanceAsync(FaultScenario.Sentiment, $"sentiment-{i}"),
            }));
            foreach (var queue in new[] { FaultScenario.CoverageIngestedQueue, FaultScenario.ContentExtractedQueue })
                Assert.True(await Until.HoldsAsync(async () => (await scenario.Broker.QueueAsync(queue))?.Consumers == Instances, TimeSpan.FromSeconds(30)),
                    $"{queue} should have {Instances} consumers, has {(await scenario.Broker.QueueAsync(queue))?.Consumers}");

            await scenario.Feed.PostAsync(CoverageItems.Items("scale-", Items), CancellationToken.None);

            var outcome = await scenario.SettleAndCompareAsync(scenario.Feed.Accepted(), Patience);
            scenario.Record(outcome);
            Assert.Equal((Items, Items, 0, 0), (outcome.Accepted, outcome.Stored, outcome.Lost, outcome.Duplicated));
            foreach (var queue in new[] { FaultScenario.CoverageIngestedQueue, FaultScenario.ContentExtractedQueue })
            {
                IReadOnlyList<long> acks = [];
                var shared = await Until.HoldsAsync(async () =>
                {
                    acks = await scenario.Broker.AcksPerConsumerAsync(queue);
                    return acks.Count == Instances && acks.All(n => n > 0);
                }, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));
                scenario.Log($"{queue}: acknowledged per instance {string.Join(", ", acks)}");
                Assert.True(shared, $"every instance should have taken part of {queue}; acknowledged per instance: {string.Join(", ", acks)}");
            }
            Assert.True(await scenario.LiveReadModelEqualsRebuildAsync(), "the live read model should equal a full rebuild");
        });
    }
}
