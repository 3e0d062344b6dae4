using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Digests;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Quiet;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Alerts.Tests.Service;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Quiet;

/// <summary>
/// The service in this process on a clock the test moves, with real PostgreSQL: alerts raised in quiet hours are held;
/// when the hours end each channel gets one message listing them, HeldAlertsReleased is stored, a restart sends
/// nothing again, and the digest that follows still lists them, marked as released.
/// </summary>
public sealed class When_the_quiet_hours_end(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task Should_send_the_spell_s_held_alerts_once_as_one_message_per_channel()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        // Real time, to the minute, so stored timestamps and the clock agree.
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var quietEnd = start.AddMinutes(30);
        var digestAt = start.AddMinutes(45);

        var service = await InProcessAlerts.StartAsync(schema, clock, InProcessAlerts.LongAttempts);
        Guid subscriptionId;
        AlertRaised[] held;
        try
        {
            using var admin = service.Client(AlertsHarness.AdminKey);
            using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
            {
                name = "SU7 nights",
                scope = new { platforms = new[] { "weibo" }, entityIds = Array.Empty<string>(), requiredTerms = Array.Empty<string>(), excludedTerms = Array.Empty<string>(), languages = Array.Empty<string>() },
                rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 100_000, cooldown = "00:00:00" } },
                channels = new object[]
                {
                    new { channelId = "hook", kind = "webhook", target = receiver.Url + "/hook", secret = "n1ght" },
                    new { channelId = "team", kind = "slack", target = receiver.Url + "/slack" },
                },
                quietHours = new { from = Local(start.AddMinutes(-30)), to = Local(quietEnd), timeZone = "Asia/Shanghai" },
                digestAt = Local(digestAt),
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            subscriptionId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();

            var store = service.Get<EventStore.EventStore>();
            var items = new[]
            {
                StoredItems.Scored(SentimentLabels.Negative, 300_000, start.AddSeconds(5)),
                StoredItems.Scored(SentimentLabels.Negative, 800_000, start.AddMinutes(20)), // another window: another alert
            };
            foreach (var item in items) await StoredItems.AppendAsync(store, item, $"https://weibo.com/1/{item.CoverageId:N}");
            clock.Advance(TimeSpan.FromSeconds(10));
            var first = await service.Get<EvaluateScored>().HandleAsync([items[0]], CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(20));
            var second = await service.Get<EvaluateScored>().HandleAsync([items[1]], CancellationToken.None);
            held = [.. first, .. second];
            Assert.Equal(2, held.Length);
            Assert.All(held, a => Assert.Equal(quietEnd, service.Get<AlertLog>().Find(a.AlertId)!.Held!.Until));
            await service.Get<HeldAlertsRelease>().ReleaseDueAsync(CancellationToken.None); // what the worker would send now
            Assert.Empty(receiver.Requests);

            // Past the end of the quiet hours: the worker's next tick releases the spell.
            clock.Advance(quietEnd - clock.GetUtcNow());
            var log = service.Get<AlertLog>();
            await WorkerTicks.UntilAsync(clock, () => held.All(a => log.Find(a.AlertId)!.ReleasedAt is not null), "the held alerts released",
                () => $"requests: {string.Join(", ", receiver.Requests.Select(r => r.Path))}");
            await service.Get<HeldAlertsRelease>().ReleaseDueAsync(CancellationToken.None); // what the worker would send now
            Assert.Equal(2, receiver.Requests.Count);

            var hook = Assert.Single(receiver.Requests, r => r.Path == "/hook");
            var releaseId = HeldReleaseIds.For(subscriptionId, quietEnd);
            Assert.Equal("held-alerts", hook.Headers[ChannelFormats.EventHeader]);
            Assert.Equal(releaseId.ToString(), hook.Headers[ChannelFormats.IdHeader]);
            Assert.True(WebhookSignature.Verify("n1ght", hook.Headers[WebhookSignature.TimestampHeader], hook.Body,
                hook.Headers[WebhookSignature.SignatureHeader], clock.GetUtcNow()));
            var sent = JsonSerializer.Deserialize<HeldAlerts>(hook.Body, ChannelFormats.Json)!;
            Assert.Equal(held.Select(a => a.AlertId), sent.Alerts.Select(a => a.AlertId));
            Assert.Equal(quietEnd, sent.QuietUntil);

            var slack = Assert.Single(receiver.Requests, r => r.Path == "/slack");
            var quiet = $"{start.AddMinutes(-30).ToOffset(Shanghai):HH:mm}–{quietEnd.ToOffset(Shanghai):HH:mm}";
            var slackJson = JsonDocument.Parse(slack.Body).RootElement;
            Assert.Equal($"[SU7 nights] 2 alerts held during quiet hours {quiet} Asia/Shanghai", slackJson.GetProperty("text").GetString());
            var slackText = slackJson.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;
            Assert.All(items, i => Assert.Contains($"<https://weibo.com/1/{i.CoverageId:N}|weibo negative", slackText));

            var stored = Assert.IsType<HeldAlertsReleased>(Assert.Single(await store.ReadStreamAsync(releaseId)).Data);
            Assert.All(stored.Channels, c => Assert.True(c.Delivered));
            Assert.All(held, a => Assert.Equal(releaseId, service.Get<AlertLog>().Find(a.AlertId)!.ReleaseId));
        }
        finally
        {
            await service.DisposeAsync();
        }

        // Restart on the same store: the spell is known as released; the digest still lists the held alerts, marked.
        await using var restarted = await InProcessAlerts.StartAsync(schema, clock, InProcessAlerts.LongAttempts);
        Assert.Empty(await restarted.Get<HeldAlertsRelease>().ReleaseDueAsync(CancellationToken.None));
        Assert.Equal(2, receiver.Requests.Count);

        clock.Advance(digestAt - clock.GetUtcNow());
        await WorkerTicks.UntilAsync(clock, () => receiver.Requests.Count >= 4, "the digest reaching both channels");
        var digestRequest = Assert.Single(receiver.Requests, r => r.Path == "/hook" && Event(r) == "digest");
        var digest = JsonSerializer.Deserialize<Digest>(digestRequest.Body, ChannelFormats.Json)!;
        Assert.Equal(held.Select(a => a.AlertId), digest.Alerts.Select(a => a.AlertId));
        Assert.All(digest.Alerts, a => Assert.True(a.Held && a.ReleasedAt is not null));
        var slackDigest = Assert.Single(receiver.Requests, r => r.Path == "/slack" && r.Body.Contains("Daily digest"));
        Assert.Contains("[held, sent ", JsonDocument.Parse(slackDigest.Body).RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Single(receiver.Requests, r => r.Path == "/hook" && Event(r) == "held-alerts");
    }

    private static string? Event(LocalReceiver.Received request) => request.Headers.GetValueOrDefault(ChannelFormats.EventHeader);

    internal static string Local(DateTimeOffset utc) => utc.ToOffset(Shanghai).ToString("HH:mm:ss");
}
