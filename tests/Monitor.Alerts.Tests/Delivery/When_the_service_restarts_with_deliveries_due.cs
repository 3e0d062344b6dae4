using System.Net;
using Monitor.Alerts.Delivery;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Delivery;

/// <summary>
/// Delivery is driven from the log: what a kill leaves undone (an alert stored but never tried, a retry not yet due)
/// is found in the alert streams at the next start and done then, once per channel.
/// </summary>
public sealed class When_the_service_restarts_with_deliveries_due(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_deliver_an_alert_stored_but_never_tried_once_to_each_channel_and_never_again()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var scenario = await DeliveryScenario.StartAsync(schema, "10s", ("a", receiver.Url + "/a"), ("b", receiver.Url + "/b"));
        await scenario.StopAsync();
        var untried = await scenario.StoreUntriedAsync("a", "b");

        await scenario.RestartAsync();
        await scenario.WaitForAsync(untried.AlertId, "a", AlertDeliveryStates.Delivered, attempts: 1);
        await scenario.WaitForAsync(untried.AlertId, "b", AlertDeliveryStates.Delivered, attempts: 1);
        // Restarted again, the service finds both delivered: a later alert goes out, the first does not go out again.
        await scenario.RestartAsync();
        scenario.Clock.Advance(TimeSpan.FromMinutes(16));
        var later = await scenario.RaiseAsync();
        await scenario.WaitForAsync(later.AlertId, "a", AlertDeliveryStates.Delivered);
        await scenario.WaitForAsync(later.AlertId, "b", AlertDeliveryStates.Delivered);

        var ids = receiver.Requests.Select(r => r.Headers[DeliveryIds.Header]).ToArray();
        Assert.Equal(4, ids.Length);
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Contains(DeliveryIds.For(untried.AlertId, "a").ToString(), ids);
        Assert.Contains(DeliveryIds.For(untried.AlertId, "b").ToString(), ids);
        var stream = await scenario.StreamAsync(untried.AlertId);
        Assert.Equal(2, stream.Count(t => t == "alert-delivered"));
    }
}
