using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Tests.Service;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Delivery;

/// <summary>
/// A receiver that keeps failing is tried on the retry schedule, each failure stored with the next attempt's time,
/// until the schedule runs out: then the channel is failed, with the reason, until a re-send. An answer that a retry
/// cannot change fails the channel at once.
/// </summary>
public sealed class When_a_receiver_stays_down(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_retry_on_the_schedule_then_fail_and_deliver_when_re_sent()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var scenario = await DeliveryScenario.StartAsync(schema, "10s,30s", ("hook", receiver.Url + "/hook"));
        receiver.Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable);

        var alert = await scenario.RaiseAsync();
        var first = await scenario.WaitForAsync(alert.AlertId, "hook", AlertDeliveryStates.Retrying, attempts: 1);
        scenario.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await scenario.WaitForAsync(alert.AlertId, "hook", AlertDeliveryStates.Retrying, attempts: 2);
        scenario.Clock.Advance(TimeSpan.FromSeconds(30));
        var failed = await scenario.WaitForAsync(alert.AlertId, "hook", AlertDeliveryStates.Failed, attempts: 3);

        Assert.Equal($"HTTP 503 from {receiver.Url}/hook", first.GetProperty("reason").GetString());
        Assert.Equal($"HTTP 502 from {receiver.Url}/hook", second.GetProperty("reason").GetString());
        Assert.Equal(scenario.Clock.GetUtcNow(), second.GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal($"HTTP 503 from {receiver.Url}/hook (gave up after 3 attempts)", failed.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(
            ["alert-raised", "alert-delivery-scheduled", "alert-delivery-retrying", "alert-delivery-retrying", "alert-delivery-failed"],
            await scenario.StreamAsync(alert.AlertId));

        using var admin = scenario.Service.Client(AlertsHarness.AdminKey);
        using var resent = await admin.PostAsync($"/api/alerts/{alert.AlertId}/resend", null);
        resent.EnsureSuccessStatusCode();

        var outcome = Assert.Single(JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal("hook", outcome.GetProperty("channelId").GetString());
        var delivered = await scenario.ChannelAsync(alert.AlertId, "hook");
        Assert.Equal(AlertDeliveryStates.Delivered, delivered.GetProperty("state").GetString());
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers[DeliveryIds.Header]).Distinct());
        Assert.Equal("alert-delivered", (await scenario.StreamAsync(alert.AlertId))[^1]);
    }

    [Fact]
    public async Task Should_fail_at_once_on_an_answer_a_retry_cannot_change()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var scenario = await DeliveryScenario.StartAsync(schema, "10s,30s", ("hook", receiver.Url + "/hook"));
        receiver.Answer(HttpStatusCode.Gone);

        var alert = await scenario.RaiseAsync();
        var failed = await scenario.WaitForAsync(alert.AlertId, "hook", AlertDeliveryStates.Failed);

        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Equal($"HTTP 410 from {receiver.Url}/hook", failed.GetProperty("reason").GetString());
        Assert.Equal(["alert-raised", "alert-delivery-scheduled", "alert-delivery-failed"], await scenario.StreamAsync(alert.AlertId));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Should_fail_a_channel_refused_as_an_internal_address_at_once()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        // 10.0.0.1 is private and not among the allowed addresses (127.0.0.1 only).
        await using var scenario = await DeliveryScenario.StartAsync(schema, "10s,30s", ("hook", receiver.Url + "/hook"), ("inside", "http://10.0.0.1:9/hook"));

        var alert = await scenario.RaiseAsync();
        var refused = await scenario.WaitForAsync(alert.AlertId, "inside", AlertDeliveryStates.Failed);
        await scenario.WaitForAsync(alert.AlertId, "hook", AlertDeliveryStates.Delivered);

        Assert.Equal(1, refused.GetProperty("attempts").GetInt32());
        Assert.Contains("10.0.0.1", refused.GetProperty("reason").GetString());
    }
}
