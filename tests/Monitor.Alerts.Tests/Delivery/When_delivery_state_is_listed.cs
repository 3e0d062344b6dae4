using System.Net;
using System.Text.Json;
using Monitor.Alerts.Tests.Service;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Delivery;

/// <summary>GET /api/alerts and /api/alerts/{id} show each channel's delivery state: pending, retrying, delivered, failed.</summary>
public sealed class When_delivery_state_is_listed(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_show_pending_while_the_first_attempt_is_under_way_then_each_outcome()
    {
        await using var slow = await LocalReceiver.StartAsync();
        await using var down = await LocalReceiver.StartAsync();
        await using var gone = await LocalReceiver.StartAsync();
        await using var scenario = await DeliveryScenario.StartAsync(schema, "1m",
            ("slow", slow.Url + "/hook"), ("down", down.Url + "/hook"), ("gone", gone.Url + "/hook"));
        slow.Stall();
        down.Answer(HttpStatusCode.ServiceUnavailable);
        gone.Answer(HttpStatusCode.NotFound);

        var alert = await scenario.RaiseAsync();
        var retrying = await scenario.WaitForAsync(alert.AlertId, "down", AlertDeliveryStates.Retrying);
        var failed = await scenario.WaitForAsync(alert.AlertId, "gone", AlertDeliveryStates.Failed);
        var pending = await scenario.ChannelAsync(alert.AlertId, "slow");
        slow.Release();
        var delivered = await scenario.WaitForAsync(alert.AlertId, "slow", AlertDeliveryStates.Delivered);

        Assert.Equal(AlertDeliveryStates.Pending, pending.GetProperty("state").GetString());
        Assert.Equal(0, pending.GetProperty("attempts").GetInt32());
        Assert.Equal("webhook", pending.GetProperty("channelKind").GetString());
        Assert.Equal(1, retrying.GetProperty("attempts").GetInt32());
        Assert.Equal(scenario.Clock.GetUtcNow().AddMinutes(1), retrying.GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.StartsWith("HTTP 503", retrying.GetProperty("reason").GetString());
        Assert.StartsWith("HTTP 404", failed.GetProperty("reason").GetString());
        Assert.Equal(1, delivered.GetProperty("attempts").GetInt32());

        using var admin = scenario.Service.Client(AlertsHarness.AdminKey);
        var listed = JsonDocument.Parse(await admin.GetStringAsync("/api/alerts")).RootElement;
        var states = listed[0].GetProperty("channels").EnumerateArray()
            .ToDictionary(c => c.GetProperty("channelId").GetString()!, c => c.GetProperty("state").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["slow"] = "delivered", ["down"] = "retrying", ["gone"] = "failed" }, states);
    }
}
