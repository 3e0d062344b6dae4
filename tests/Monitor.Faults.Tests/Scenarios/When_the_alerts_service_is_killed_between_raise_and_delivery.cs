using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Servers;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

/// <summary>
/// Alerts are raised while their receiver is down; the alerts service gets SIGKILL a moment later, with every alert's
/// delivery still to do. It is started again, the receiver comes back, and each channel takes each alert exactly once.
/// </summary>
[Collection(FaultsCollection.Name)]
public class When_the_alerts_service_is_killed_between_raise_and_delivery(PrivateServers servers, ITestOutputHelper output)
{
    private const int Rounds = 3;
    // The production schedule's first steps (10 s, 30 s, ...) cut to seconds: the restart, not the wait, is the point.
    private const string RetrySchedule = "1s,2s,5s,10s,30s,1m";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Should_deliver_every_alert_to_every_channel_once_after_the_restart()
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, "alerts killed (SIGKILL) between raise and delivery");
        await using var receiver = new AlertReceiver();
        var alerts = new AlertDeliveryRun(scenario, receiver);
        await scenario.GuardAsync(async () =>
        {
            await alerts.StartAsync(RetrySchedule);
            for (var round = 0; round < Rounds; round++) await alerts.StoreItemAsync(round);
            await alerts.WaitUntilRaisedAsync(Rounds * AlertDeliveryRun.Subscriptions, Patience);
            scenario.Log($"{(await alerts.RaisedAsync()).Count} alerts raised with the receiver down; killing the alerts service");
            await scenario.Services.KillAsync(AlertDeliveryRun.Alerts);

            await receiver.StartAsync();
            await alerts.RestartAlertsAsync(RetrySchedule);
            scenario.Log("alerts service restarted, receiver up");
            await alerts.WaitUntilDeliveredAsync(Rounds * AlertDeliveryRun.Subscriptions, Patience);

            var outcome = await alerts.CompareAsync();
            foreach (var problem in outcome.Problems) output.WriteLine(problem);
            scenario.Record(outcome, detail: $"{outcome.Accepted} deliveries, {await alerts.RetriesAsync()} failed attempts kept for retry");
            Assert.Equal((Rounds * AlertDeliveryRun.Subscriptions * 2, 0, 0), (outcome.Accepted, outcome.Lost, outcome.Duplicated));
            Assert.Empty(outcome.Problems);
        });
    }
}
