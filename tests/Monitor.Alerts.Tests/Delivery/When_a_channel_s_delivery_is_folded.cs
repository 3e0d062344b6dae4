using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Delivery;

/// <summary>The one fold of an alert stream's delivery events into each channel's state.</summary>
public sealed class When_a_channel_s_delivery_is_folded
{
    private static readonly Guid AlertId = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<AlertChannelDelivery> Fold(params object[] events) =>
        events.Aggregate((IReadOnlyList<AlertChannelDelivery>)[], AlertChannelDelivery.Apply);

    private static readonly AlertDeliveryScheduled Scheduled =
        new(AlertId, [new AlertChannelRef("hook", AlertChannelKinds.Webhook), new AlertChannelRef("team", AlertChannelKinds.Slack)], At);

    [Fact]
    public void Should_start_every_scheduled_channel_pending_and_due()
    {
        var channels = Fold(Scheduled);

        Assert.All(channels, c => Assert.Equal(AlertDeliveryStates.Pending, c.State));
        Assert.All(channels, c => Assert.True(c.DueAt(At)));
        Assert.Equal(["hook", "team"], channels.Select(c => c.ChannelId));
    }

    [Fact]
    public void Should_be_due_again_only_at_the_next_attempt_time_while_retrying()
    {
        var channel = Fold(Scheduled, new AlertDeliveryRetrying(AlertId, "hook", AlertChannelKinds.Webhook, 1, "HTTP 503", At.AddSeconds(10), At))[0];

        Assert.Equal(AlertDeliveryStates.Retrying, channel.State);
        Assert.False(channel.DueAt(At.AddSeconds(9)));
        Assert.True(channel.DueAt(At.AddSeconds(10)));
    }

    [Fact]
    public void Should_never_be_due_once_delivered_or_failed()
    {
        var channels = Fold(Scheduled,
            new AlertDelivered(AlertId, "hook", AlertChannelKinds.Webhook, 1, At),
            new AlertDeliveryFailed(AlertId, "team", AlertChannelKinds.Slack, "HTTP 404", 1, At));

        Assert.Equal([AlertDeliveryStates.Delivered, AlertDeliveryStates.Failed], channels.Select(c => c.State));
        Assert.All(channels, c => Assert.False(c.DueAt(At.AddDays(2))));
        Assert.Equal("HTTP 404", channels[1].Reason);
    }

    [Fact]
    public void Should_let_the_latest_outcome_stand_after_a_re_send()
    {
        var channel = Fold(Scheduled,
            new AlertDeliveryFailed(AlertId, "hook", AlertChannelKinds.Webhook, "gave up", 30, At),
            new AlertDelivered(AlertId, "hook", AlertChannelKinds.Webhook, 1, At.AddHours(1)))[0];

        Assert.Equal(AlertDeliveryStates.Delivered, channel.State);
        Assert.Null(channel.Reason);
    }

    [Fact]
    public void Should_add_a_channel_it_hears_of_only_from_an_outcome()
    {
        // Alerts stored before channels were scheduled have outcomes only.
        var channel = Assert.Single(Fold(new AlertDelivered(AlertId, "hook", AlertChannelKinds.Webhook, 2, At)));

        Assert.Equal(AlertDeliveryStates.Delivered, channel.State);
        Assert.Equal(2, channel.Attempts);
    }
}
