using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Servers;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

[Collection(FaultsCollection.Name)]
public class When_postgres_restarts_mid_run(PrivateServers servers, ITestOutputHelper output)
{
    private const int Items = 4_000;
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Should_store_every_accepted_item_once_per_stage()
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, "PostgreSQL crashed and restarted mid-run");
        await scenario.GuardAsync(async () =>
        {
            await scenario.StartServicesAsync();
            var feeding = scenario.Feed.PostAsync(CoverageItems.Items("pg-", Items), CancellationToken.None);

            await scenario.WaitUntilAcceptedAsync(Items / 3, feeding, Patience);
            scenario.Log($"crashing PostgreSQL for {Downtime.TotalSeconds:0} s with {scenario.Feed.AcceptedCount} items accepted");
            await servers.Postgres.RestartAsync(Downtime);
            scenario.Log("PostgreSQL is back");
            await feeding;
            scenario.Log($"all posted; {scenario.Feed.Retries} posts were retried");

            var outcome = await scenario.SettleAndCompareAsync(scenario.Feed.Accepted(), Patience);
            scenario.Record(outcome, detail: $"down {Downtime.TotalSeconds:0} s");
            Assert.Equal((Items, Items, 0, 0), (outcome.Accepted, outcome.Stored, outcome.Lost, outcome.Duplicated));
            // While the database was down ingestion refused posts and said why (503 problem details).
            Assert.True(scenario.Feed.Retries > 0, "the outage should have made some posts fail");
            Assert.Equal(0, scenario.Feed.UnexplainedFailures);
            Assert.True(await scenario.LiveReadModelEqualsRebuildAsync(), "the live read model should equal a full rebuild");
        });
    }
}
