using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Servers;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

/// <summary>Each service in turn gets SIGKILL while items flow (no shutdown code runs) and is started again.</summary>
[Collection(FaultsCollection.Name)]
public class When_a_service_is_killed_mid_stream(PrivateServers servers, ITestOutputHelper output)
{
    private const int Items = 2_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(FaultScenario.Ingestion)]
    [InlineData(FaultScenario.Extraction)]
    [InlineData(FaultScenario.Sentiment)]
    [InlineData(FaultScenario.Relay)]
    public async Task Should_store_every_accepted_item_once_per_stage(string service)
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, $"{service} killed (SIGKILL) and restarted");
        await scenario.GuardAsync(async () =>
        {
            await scenario.StartServicesAsync();
            var feeding = scenario.Feed.PostAsync(CoverageItems.Items($"kill-{service.ToLowerInvariant()}-", Items), CancellationToken.None);

            await scenario.WaitUntilAcceptedAsync(Items / 2, feeding, Patience);
            scenario.Log($"killing {service} with {scenario.Feed.AcceptedCount} items accepted");
            await scenario.Services.KillAsync(service);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await scenario.Services.StartAsync(service);
            scenario.Log($"{service} is back");
            await feeding;

            var outcome = await scenario.SettleAndCompareAsync(scenario.Feed.Accepted(), Patience);
            scenario.Record(outcome);
            Assert.Equal((Items, Items, 0, 0), (outcome.Accepted, outcome.Stored, outcome.Lost, outcome.Duplicated));
            Assert.True(await scenario.LiveReadModelEqualsRebuildAsync(), "the live read model should equal a full rebuild");
        });
    }
}
