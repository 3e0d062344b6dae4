using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Servers;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

[Collection(FaultsCollection.Name)]
public class When_rabbitmq_restarts_mid_run(PrivateServers servers, ITestOutputHelper output)
{
    private const int Items = 20_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Should_store_every_accepted_item_once_per_stage()
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, "RabbitMQ killed and restarted mid-run");
        await scenario.GuardAsync(async () =>
        {
            await scenario.StartServicesAsync();
            var feeding = scenario.Feed.PostAsync(CoverageItems.Items("rmq-", Items), CancellationToken.None);

            await scenario.WaitUntilAcceptedAsync(Items / 3, feeding, Patience);
            scenario.Log($"killing RabbitMQ with {scenario.Feed.AcceptedCount} items accepted");
            await servers.RabbitMq.RestartAsync(Downtime);
            scenario.Log("RabbitMQ is back");
            await feeding;

            var outcome = await scenario.SettleAndCompareAsync(scenario.Feed.Accepted(), Patience);
            scenario.Record(outcome, detail: $"down {Downtime.TotalSeconds:0} s + its start-up");
            Assert.Equal((Items, Items, 0, 0), (outcome.Accepted, outcome.Stored, outcome.Lost, outcome.Duplicated));
            Assert.True(await scenario.LiveReadModelEqualsRebuildAsync(), "the live read model should equal a full rebuild");
        });
    }
}
