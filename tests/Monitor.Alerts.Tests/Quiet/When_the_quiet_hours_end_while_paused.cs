using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Quiet;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Alerts.Tests.Service;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.Testing;
using static Monitor.Alerts.Tests.Quiet.When_the_quiet_hours_end;

namespace Monitor.Alerts.Tests.Quiet;

/// <summary>
/// A subscription paused when its quiet hours end gets nothing (pausing stops every message); resumed soon
/// after, it gets the spell's held alerts then.
/// </summary>
public sealed class When_the_quiet_hours_end_while_paused(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_send_nothing_while_the_subscription_is_paused_and_the_spell_once_it_is_resumed()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var quietEnd = start.AddMinutes(30);
        await using var service = await InProcessAlerts.StartAsync(schema, clock, InProcessAlerts.LongAttempts);
        using var admin = service.Client(AlertsHarness.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "SU7 paused",
            scope = new { platforms = new[] { "weibo" }, entityIds = Array.Empty<string>(), requiredTerms = Array.Empty<string>(), excludedTerms = Array.Empty<string>(), languages = Array.Empty<string>() },
            rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 100_000 } },
            channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/hook" } },
            quietHours = new { from = Local(start.AddMinutes(-30)), to = Local(quietEnd), timeZone = "Asia/Shanghai" },
            digestAt = Local(start.AddHours(12)),
        });
        var subscriptionId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();
        var item = StoredItems.Scored(SentimentLabels.Negative, 300_000, start.AddSeconds(5));
        await StoredItems.AppendAsync(service.Get<EventStore.EventStore>(), item, "https://weibo.com/1/paused");
        clock.Advance(TimeSpan.FromSeconds(10));
        var alert = Assert.Single(await service.Get<EvaluateScored>().HandleAsync([item], CancellationToken.None));
        using (var paused = await admin.PostAsync($"/api/subscriptions/{subscriptionId}/pause", null))
            Assert.True(paused.IsSuccessStatusCode);

        clock.Advance(quietEnd - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.Empty(await service.Get<HeldAlertsRelease>().ReleaseDueAsync(CancellationToken.None));
        Assert.Empty(receiver.Requests);

        using (var resumed = await admin.PostAsync($"/api/subscriptions/{subscriptionId}/resume", null))
            Assert.True(resumed.IsSuccessStatusCode);
        await WorkerTicks.UntilAsync(clock, () => !receiver.Requests.IsEmpty, "the held alert after the resume");
        var sent = JsonSerializer.Deserialize<HeldAlerts>(Assert.Single(receiver.Requests).Body, ChannelFormats.Json)!;
        Assert.Equal(alert.AlertId, Assert.Single(sent.Alerts).AlertId);
    }
}
