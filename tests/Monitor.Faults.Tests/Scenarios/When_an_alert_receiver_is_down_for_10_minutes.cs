using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Servers;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

/// <summary>
/// The receiver of every alert channel is down (its port closed) for the equivalent of 10 minutes while alerts are
/// raised at different moments of the outage, so each is at another step of the retry schedule when it comes back.
/// The schedule has the production shape (10 s, 30 s, 1 min, 5 min, 15 min, 30 min, then hourly) at 1/20 of its
/// length, and the outage is 30 s: 10 minutes at production scale, past the first four retries of an alert raised
/// when it began. Each channel takes each alert exactly once, none is given up.
/// </summary>
[Collection(FaultsCollection.Name)]
public class When_an_alert_receiver_is_down_for_10_minutes(PrivateServers servers, ITestOutputHelper output)
{
    private const int Rounds = 3;
    private const string RetrySchedule = "0.5s,1.5s,3s,15s,45s,90s,23*180s";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    // The outage, the circuit breaker's 60 s break after it, and one 90 s step of the schedule.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Should_deliver_every_alert_to_every_channel_once_when_it_is_back()
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, "alert receiver down for 10 minutes (30 s on a 1/20 schedule)");
        await using var receiver = new AlertReceiver();
        var alerts = new AlertDeliveryRun(scenario, receiver);
        await scenario.GuardAsync(async () =>
        {
            await alerts.StartAsync(RetrySchedule);
            var down = DateTime.UtcNow;
            for (var round = 0; round < Rounds; round++)
            {
                await alerts.StoreItemAsync(round);
                await alerts.WaitUntilRaisedAsync((round + 1) * AlertDeliveryRun.Subscriptions, Patience);
                if (round < Rounds - 1) await Task.Delay(Outage / Rounds);
            }
            var left = Outage - (DateTime.UtcNow - down);
            if (left > TimeSpan.Zero) await Task.Delay(left);
            await receiver.StartAsync();
            scenario.Log($"receiver back after {(DateTime.UtcNow - down).TotalSeconds:0} s, {await alerts.RetriesAsync()} failed attempts kept for retry");
            await alerts.WaitUntilDeliveredAsync(Rounds * AlertDeliveryRun.Subscriptions, Patience);

            var outcome = await alerts.CompareAsync();
            foreach (var problem in outcome.Problems) output.WriteLine(problem);
            scenario.Record(outcome, detail: $"{outcome.Accepted} deliveries, {await alerts.RetriesAsync()} failed attempts kept for retry");
            Assert.Equal((Rounds * AlertDeliveryRun.Subscriptions * 2, 0, 0), (outcome.Accepted, outcome.Lost, outcome.Duplicated));
            Assert.Empty(outcome.Problems);
        });
    }
}
