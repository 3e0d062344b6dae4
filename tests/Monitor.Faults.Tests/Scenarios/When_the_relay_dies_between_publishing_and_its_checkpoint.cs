using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Servers;
using Monitor.Hosting.Relay;
using Monitor.Hosting.Storage;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

/// <summary>
/// The relay process kills itself right after the broker confirmed a batch and before the batch's
/// checkpoint is saved (the relay's test hook); a new relay publishes that batch again.
/// </summary>
[Collection(FaultsCollection.Name)]
public class When_the_relay_dies_between_publishing_and_its_checkpoint(PrivateServers servers, ITestOutputHelper output)
{
    private const int Items = 2_000;
    private const int DyingBatch = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Should_publish_the_batch_again_and_store_no_duplicate()
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, "relay killed between publish and checkpoint");
        await scenario.GuardAsync(async () =>
        {
            await using var broker = await QueuePublisher.ConnectAsync(scenario.Vhost.AmqpUri);
            var published = await PublishedEvents.BindAsync(broker.Channel, "fault-suite-published");
            await scenario.Services.StartAsync(FaultScenario.Ingestion, FaultScenario.Extraction, FaultScenario.Sentiment);
            await scenario.Services.StartInstanceAsync(FaultScenario.Relay, "relay-dying",
                new Dictionary<string, string> { [ExitAfterPublishing.Variable] = DyingBatch.ToString() });
            var feeding = scenario.Feed.PostAsync(CoverageItems.Items("relay-", Items), CancellationToken.None);

            Assert.True(await scenario.Services["relay-dying"].WaitForExitAsync(Patience),
                $"the relay should have killed itself after its batch {DyingBatch} was confirmed");
            scenario.Log($"the relay died after publishing batch {DyingBatch}, {scenario.Feed.AcceptedCount} items accepted");
            await scenario.Services.KillAsync("relay-dying");
            await scenario.Services.StartAsync(FaultScenario.Relay);
            await feeding;

            var outcome = await scenario.SettleAndCompareAsync(scenario.Feed.Accepted(), Patience);
            var publishes = await published.DrainAsync();
            var storedIds = await StoredEventIdsAsync(scenario);
            var republished = publishes.Count(p => p.Value > 1);
            scenario.Log($"{publishes.Values.Sum()} publishes of {publishes.Count} events; {republished} published more than once");
            scenario.Record(outcome, detail: $"{republished} events published twice");
            Assert.Equal((Items, Items, 0, 0), (outcome.Accepted, outcome.Stored, outcome.Lost, outcome.Duplicated));
            Assert.Equal(storedIds.Order(), publishes.Keys.Order());
            Assert.Contains(publishes, p => p.Value > 1);
            Assert.True(await scenario.LiveReadModelEqualsRebuildAsync(), "the live read model should equal a full rebuild");
        });
    }

    private static async Task<IReadOnlyList<string>> StoredEventIdsAsync(FaultScenario scenario)
    {
        await using var command = scenario.Store.DataSource.CreateCommand(
            $"SELECT id::text FROM \"{scenario.Schema.Name}\".mt_events WHERE type = ANY($1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = MonitorEventTypes.Published.ToArray() });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
