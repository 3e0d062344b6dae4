using System.Text.Json;
using Monitor.Api.Alerts;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.ReadModels;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Tests.Unit;

public class When_describing_alert_changes
{
    private static readonly DateTimeOffset At = SampleCoverage.Start.AddHours(5);
    private static readonly AlertRaised Raised = SampleAlerts.Alert(Guid.NewGuid(), "changes", At);

    private static StoredEvent Stored(long version, object data, Guid? stream = null) => new(
        version, 100 + (ulong)version, Guid.NewGuid(), stream ?? Raised.AlertId, version, data.GetType().Name, data, new Dictionary<string, string>(), At);

    [Fact]
    public void A_delivery_counts_the_deliveries_up_to_it_and_not_those_stored_after()
    {
        StoredEvent[] history =
        [
            Stored(1, Raised),
            Stored(2, new AlertDelivered(Raised.AlertId, "slack", AlertChannelKinds.Slack, 1, At)),
            Stored(3, new AlertDeliveryFailed(Raised.AlertId, "hook", AlertChannelKinds.Webhook, "HTTP 500", 5, At)),
            Stored(4, new AlertDelivered(Raised.AlertId, "mail", AlertChannelKinds.Email, 1, At)),
            Stored(5, new AlertDelivered(Raised.AlertId, "ding", AlertChannelKinds.DingTalk, 1, At)),
        ];

        Assert.Equal(1, Assert.Single(AlertChanges.Of(history[1], history)).Deliveries);
        Assert.Equal(2, Assert.Single(AlertChanges.Of(history[3], history)).Deliveries);
        Assert.Equal(3, Assert.Single(AlertChanges.Of(history[4], history)).Deliveries);
        Assert.Equal(Raised.AlertId, AlertChanges.HistoryNeededFor(history[4]));
    }

    [Fact]
    public void A_delivery_event_carries_every_channel_s_state_up_to_it()
    {
        StoredEvent[] history =
        [
            Stored(1, Raised),
            Stored(2, new AlertDeliveryScheduled(Raised.AlertId, [new AlertChannelRef("hook", AlertChannelKinds.Webhook), new AlertChannelRef("team", AlertChannelKinds.Slack)], At)),
            Stored(3, new AlertDeliveryRetrying(Raised.AlertId, "hook", AlertChannelKinds.Webhook, 1, "HTTP 503", At.AddSeconds(10), At)),
            Stored(4, new AlertDelivered(Raised.AlertId, "team", AlertChannelKinds.Slack, 1, At)),
            Stored(5, new AlertDelivered(Raised.AlertId, "hook", AlertChannelKinds.Webhook, 2, At.AddSeconds(10))),
        ];

        var scheduled = Assert.Single(AlertChanges.Of(history[1], history)).Channels!;
        var retrying = Assert.Single(AlertChanges.Of(history[2], history)).Channels!;
        var delivered = Assert.Single(AlertChanges.Of(history[3], history)).Channels!;

        Assert.Equal(["pending", "pending"], scheduled.Select(c => c.State));
        Assert.Equal(["retrying", "pending"], retrying.Select(c => c.State));
        Assert.Equal(At.AddSeconds(10), retrying[0].NextAttemptAt);
        Assert.Equal(["retrying", "delivered"], delivered.Select(c => c.State));
        Assert.Equal(Raised.AlertId, AlertChanges.HistoryNeededFor(history[2]));
    }

    [Fact]
    public void A_failure_lists_every_failure_so_far_even_when_the_history_read_missed_it()
    {
        var first = Stored(2, new AlertDeliveryFailed(Raised.AlertId, "hook", AlertChannelKinds.Webhook, "HTTP 500", 5, At));
        var second = Stored(3, new AlertDeliveryFailed(Raised.AlertId, "ding", AlertChannelKinds.DingTalk, "circuit open", 1, At.AddSeconds(1)));

        var update = Assert.Single(AlertChanges.Of(second, [Stored(1, Raised), first]));

        Assert.Equal(
            [new AlertDeliveryFailureView("hook", AlertChannelKinds.Webhook, "HTTP 500", 5, At),
             new AlertDeliveryFailureView("ding", AlertChannelKinds.DingTalk, "circuit open", 1, At.AddSeconds(1))],
            update.DeliveryFailures!);
        Assert.Equal((null, null, null, null), (update.Acknowledged, update.Held, update.ReleasedAt, update.Deliveries));
    }

    [Fact]
    public void A_release_gives_one_update_per_alert_it_lists()
    {
        var other = SampleAlerts.Alert(Raised.SubscriptionId, "changes", At.AddHours(1));
        var release = new HeldAlertsReleased(
            new HeldAlerts(Guid.NewGuid(), Raised.SubscriptionId, "changes", At.AddHours(8), null, [Raised, other, Raised]), [], At.AddHours(8).AddSeconds(3));

        var updates = AlertChanges.Of(Stored(1, release, stream: release.Release.ReleaseId), []);

        Assert.Equal([Raised.AlertId, other.AlertId], updates.Select(u => u.Id));
        Assert.All(updates, u => Assert.Equal(release.At, u.ReleasedAt));
        Assert.Null(AlertChanges.HistoryNeededFor(Stored(1, release, stream: release.Release.ReleaseId)));
    }

    [Fact]
    public void An_update_carries_only_what_changed_under_the_names_the_alert_has()
    {
        var held = Assert.Single(AlertChanges.Of(Stored(2, new AlertHeld(Raised.AlertId, Raised.SubscriptionId, At.AddHours(8), At)), []));
        var acknowledged = Assert.Single(AlertChanges.Of(Stored(3, new AlertAcknowledged(Raised.AlertId, "ana", At.AddMinutes(2))), []));

        var heldJson = JsonDocument.Parse(JsonSerializer.Serialize(held, JsonSerializerOptions.Web)).RootElement;
        var ackJson = JsonDocument.Parse(JsonSerializer.Serialize(acknowledged, JsonSerializerOptions.Web)).RootElement;

        Assert.Equal(["id", "held"], heldJson.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new AlertHold(At.AddHours(8), At), heldJson.GetProperty("held").Deserialize<AlertHold>(JsonSerializerOptions.Web));
        Assert.Equal(["id", "acknowledged"], ackJson.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new AlertAcknowledgement("ana", At.AddMinutes(2)), ackJson.GetProperty("acknowledged").Deserialize<AlertAcknowledgement>(JsonSerializerOptions.Web));
        var view = typeof(AlertView).GetProperties().Select(p => p.Name).ToHashSet();
        Assert.All(typeof(AlertUpdate).GetProperties().Select(p => p.Name), name => Assert.Contains(name, view));
    }

    [Fact]
    public void Events_that_change_no_alert_give_no_update()
    {
        Assert.Empty(AlertChanges.Of(Stored(1, Raised), []));
        Assert.Empty(AlertChanges.Of(Stored(1, new SubscriptionPaused(Raised.SubscriptionId, "ana", At)), []));
    }

    [Fact]
    public void The_stream_follows_every_event_the_alerts_read_model_applies_after_the_raise()
    {
        var readModel = new AlertsProjection(new ReadModelTables("monitor")).EventTypes.Except([MonitorEventTypes.AlertRaised]);

        Assert.Equal(readModel.Order(), AlertChanges.EventTypes.Order());
    }
}
