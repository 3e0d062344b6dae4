using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Alerts.Tests.Service;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.Testing;
using static Monitor.Alerts.Tests.Quiet.When_the_quiet_hours_end;

namespace Monitor.Alerts.Tests.Quiet;

/// <summary>
/// Quiet hours removed in the middle of a spell: nothing keeps its held alerts back any more, so they go out at the
/// next tick, long before the spell would have ended, named by the spell's end since the hours are gone.
/// </summary>
public sealed class When_quiet_hours_are_removed_during_a_spell(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_release_the_held_alerts_at_the_next_tick()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var quietEnd = start.AddHours(2);
        await using var service = await InProcessAlerts.StartAsync(schema, clock, InProcessAlerts.LongAttempts);
        using var admin = service.Client(AlertsHarness.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "SU7 evenings",
            scope = new { platforms = new[] { "weibo" }, entityIds = Array.Empty<string>(), requiredTerms = Array.Empty<string>(), excludedTerms = Array.Empty<string>(), languages = Array.Empty<string>() },
            rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 100_000 } },
            channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/hook" } },
            quietHours = new { from = Local(start.AddMinutes(-30)), to = Local(quietEnd), timeZone = "Asia/Shanghai" },
            digestAt = Local(start.AddHours(12)),
        });
        var subscriptionId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();
        var item = StoredItems.Scored(SentimentLabels.Negative, 300_000, start.AddSeconds(5));
        await StoredItems.AppendAsync(service.Get<EventStore.EventStore>(), item, "https://weibo.com/1/evening");
        clock.Advance(TimeSpan.FromSeconds(10));
        var alert = Assert.Single(await service.Get<EvaluateScored>().HandleAsync([item], CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1));     // room for a wrong early send
        Assert.Empty(receiver.Requests);               // still quiet

        using (var removed = await admin.PutAsJsonAsync($"/api/subscriptions/{subscriptionId}/quiet-hours", new { quietHours = (object?)null }))
            Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());
        await WorkerTicks.UntilAsync(clock, () => !receiver.Requests.IsEmpty, "the held alert after the quiet hours were removed");

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("held-alerts", request.Headers[ChannelFormats.EventHeader]);
        var sent = JsonSerializer.Deserialize<HeldAlerts>(request.Body, ChannelFormats.Json)!;
        Assert.Equal(alert.AlertId, Assert.Single(sent.Alerts).AlertId);
        Assert.Null(sent.QuietHours);
        Assert.Equal(quietEnd, sent.QuietUntil);
        Assert.True(clock.GetUtcNow() < quietEnd);
    }
}
