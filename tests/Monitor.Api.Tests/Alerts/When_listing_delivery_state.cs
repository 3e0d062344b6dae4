using System.Text.Json;
using Monitor.Api.Alerts;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Api.Tests.Alerts;

/// <summary>The alert read model and GET /api/alerts show each channel's delivery: pending, retrying, delivered, failed.</summary>
public class When_listing_delivery_state(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private ApiApp _api = null!;

    public async Task InitializeAsync() => _api = await ApiApp.StartAsync(schema);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static readonly AlertChannelRef[] Channels =
    [
        new("slow", AlertChannelKinds.Webhook), new("down", AlertChannelKinds.Slack),
        new("gone", AlertChannelKinds.Webhook), new("fine", AlertChannelKinds.DingTalk),
    ];

    [Fact]
    public async Task Each_channel_shows_its_state_with_attempts_next_attempt_and_reason()
    {
        var subscription = Guid.NewGuid();
        var at = SampleCoverage.Start.AddHours(3);
        var alert = SampleAlerts.Alert(subscription, "deliveries", at);
        var next = at.AddMinutes(5);
        await SampleAlerts.AppendAsync(_api.Store, alert, new AlertDeliveryScheduled(alert.AlertId, Channels, at));
        await AppendAsync(alert.AlertId,
            new AlertDeliveryRetrying(alert.AlertId, "down", AlertChannelKinds.Slack, 3, "HTTP 503 from https://hooks.slack.com/services", next, at.AddMinutes(1)),
            new AlertDeliveryFailed(alert.AlertId, "gone", AlertChannelKinds.Webhook, "HTTP 404 from https://example.com/hook", 1, at),
            new AlertDelivered(alert.AlertId, "fine", AlertChannelKinds.DingTalk, 1, at));
        await _api.WaitForProjectionsAsync();

        using var http = _api.Client();
        var listed = (await http.GetJsonAsync($"/api/alerts?subscriptionId={subscription}")).GetProperty("items")[0];
        var channels = listed.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channelId").GetString()!);

        Assert.Equal(["slow", "down", "gone", "fine"], channels.Keys);
        Assert.Equal(("pending", 0), State(channels["slow"]));
        Assert.Equal(("retrying", 3), State(channels["down"]));
        Assert.Equal(next, channels["down"].GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal("HTTP 503 from https://hooks.slack.com/services", channels["down"].GetProperty("reason").GetString());
        Assert.Equal(("failed", 1), State(channels["gone"]));
        Assert.Equal("HTTP 404 from https://example.com/hook", channels["gone"].GetProperty("reason").GetString());
        Assert.Equal(("delivered", 1), State(channels["fine"]));
        Assert.Equal("dingtalk", channels["fine"].GetProperty("channelKind").GetString());
    }

    [Fact]
    public async Task A_re_send_that_delivers_turns_a_failed_channel_delivered_and_keeps_the_failure_listed()
    {
        var subscription = Guid.NewGuid();
        var at = SampleCoverage.Start.AddHours(4);
        var alert = SampleAlerts.Alert(subscription, "re-sent", at);
        await SampleAlerts.AppendAsync(_api.Store, alert, new AlertDeliveryScheduled(alert.AlertId, [new AlertChannelRef("hook", AlertChannelKinds.Webhook)], at));
        await AppendAsync(alert.AlertId,
            new AlertDeliveryFailed(alert.AlertId, "hook", AlertChannelKinds.Webhook, "HTTP 503 (gave up after 30 attempts)", 30, at.AddDays(1)),
            new AlertDelivered(alert.AlertId, "hook", AlertChannelKinds.Webhook, 1, at.AddDays(1).AddHours(1)));
        await _api.WaitForProjectionsAsync();

        using var http = _api.Client();
        var listed = (await http.GetJsonAsync($"/api/alerts?subscriptionId={subscription}")).GetProperty("items")[0];

        Assert.Equal(("delivered", 1), State(Assert.Single(listed.GetProperty("channels").EnumerateArray())));
        Assert.Equal(1, listed.GetProperty("deliveries").GetInt32());
        Assert.Single(listed.GetProperty("deliveryFailures").EnumerateArray());
    }

    private static (string?, int) State(JsonElement channel) => (channel.GetProperty("state").GetString(), channel.GetProperty("attempts").GetInt32());

    private async Task AppendAsync(Guid alertId, params object[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            var version = (await _api.Store.FetchStreamStateAsync(alertId))!.Version;
            await _api.Store.AppendAsync(alertId, MonitorEventTypes.AlertStream, ExpectedVersion.Exactly(version),
                [new EventData(CoverageIdentity.NameBased(alertId, $"delivery:{version}"), outcome)]);
        }
    }
}
