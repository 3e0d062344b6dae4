using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Digests;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Alerts.Tests.Service;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Digests;

/// <summary>
/// The service in this process on a clock the test moves, with real PostgreSQL: an alert raised in quiet hours
/// is held, not sent; at the digest time the digest goes out with the day's figures and the held alert, is
/// stored as DigestSent, and a restart does not send it again.
/// </summary>
public sealed class When_the_digest_time_comes(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_send_the_day_s_digest_once_with_the_alerts_held_in_quiet_hours()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        // Real time, to the minute, so stored timestamps and the clock agree about "the last day".
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var digestAt = start.AddMinutes(10);
        // Quiet for the hour around now, in UTC+8 (the digest follows the quiet hours' zone).
        var shanghai = TimeSpan.FromHours(8);
        var quiet = new { from = Local(start.AddMinutes(-30), shanghai), to = Local(start.AddMinutes(30), shanghai), timeZone = "Asia/Shanghai" };

        var service = await InProcessAlerts.StartAsync(schema, clock, InProcessAlerts.LongAttempts);
        Guid subscriptionId;
        try
        {
            using var admin = service.Client(AlertsHarness.AdminKey);
            using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
            {
                name = "SU7 daily",
                scope = new { platforms = new[] { "weibo", "douyin" }, entityIds = Array.Empty<string>(), requiredTerms = Array.Empty<string>(), excludedTerms = Array.Empty<string>(), languages = Array.Empty<string>() },
                rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 100_000 } },
                channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/digest", secret = "d1gest" } },
                quietHours = quiet,
                digestAt = Local(digestAt, shanghai),
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            subscriptionId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();

            var store = service.Get<EventStore.EventStore>();
            var tipping = StoredItems.Scored(SentimentLabels.Negative, 500_000, start.AddSeconds(5));
            var quietOnes = new[]
            {
                StoredItems.Scored(SentimentLabels.Negative, 20_000, start.AddMinutes(-50)),
                StoredItems.Scored(SentimentLabels.Positive, 30_000, start.AddMinutes(-40)),
                StoredItems.Scored(SentimentLabels.Neutral, 10, start.AddMinutes(-30), PlatformNames.Douyin),
                StoredItems.Scored(SentimentLabels.Negative, 90_000, start.AddMinutes(-20), PlatformNames.News), // out of scope
            };
            foreach (var item in quietOnes) await StoredItems.AppendAsync(store, item, $"https://example.test/{item.CoverageId:N}");
            await StoredItems.AppendAsync(store, tipping, "https://weibo.com/1/tipping");
            clock.Advance(TimeSpan.FromSeconds(10));
            var raised = await service.Get<EvaluateScored>().HandleAsync([tipping], CancellationToken.None);

            var alert = Assert.Single(raised);
            Assert.NotNull(service.Get<AlertLog>().Find(alert.AlertId)!.Held);
            clock.Advance(TimeSpan.FromMinutes(9));          // 09:10 after start: the digest is not due yet
            Assert.Empty(await service.Get<DigestWorker>().SendDueAsync(CancellationToken.None)); // what the worker would send now
            Assert.Empty(receiver.Requests);

            clock.Advance(TimeSpan.FromMinutes(1));          // past the digest time: the worker's next tick sends it
            await WorkerTicks.UntilAsync(clock, () => !receiver.Requests.IsEmpty, "the digest reaching the webhook");

            var request = Assert.Single(receiver.Requests);
            Assert.Equal("digest", request.Headers[ChannelFormats.EventHeader]);
            Assert.True(WebhookSignature.Verify("d1gest", request.Headers[WebhookSignature.TimestampHeader], request.Body,
                request.Headers[WebhookSignature.SignatureHeader], clock.GetUtcNow()));
            var digest = JsonSerializer.Deserialize<Digest>(request.Body, ChannelFormats.Json)!;
            Assert.Equal(4, digest.Volume);
            Assert.Equal(new SentimentSplit(1, 0, 2), digest.Platforms[PlatformNames.Weibo]);
            Assert.Equal(new SentimentSplit(0, 1, 0), digest.Platforms[PlatformNames.Douyin]);
            Assert.Equal(["https://weibo.com/1/tipping", $"https://example.test/{quietOnes[0].CoverageId:N}"], digest.TopNegative.Select(m => m.Url));
            var listed = Assert.Single(digest.Alerts);
            Assert.Equal(alert.AlertId, listed.AlertId);
            Assert.True(listed.Held);
            Assert.Equal(digestAt, digest.To);

            // the worker records DigestSent once every channel has answered, so after the receiver saw the request
            await Eventually.HoldsAsync(async () => (await store.ReadStreamAsync(digest.DigestId)).Count > 0, TimeSpan.FromSeconds(30), "DigestSent being stored");
            var stored = await store.ReadStreamAsync(digest.DigestId);
            var sent = Assert.IsType<DigestSent>(Assert.Single(stored).Data);
            Assert.True(Assert.Single(sent.Channels).Delivered);
        }
        finally
        {
            await service.DisposeAsync();
        }

        // Restart on the same store, later the same day: the digest is known as sent.
        clock.Advance(TimeSpan.FromMinutes(5));
        await using var restarted = await InProcessAlerts.StartAsync(schema, clock, InProcessAlerts.LongAttempts);
        var again = await restarted.Get<DigestWorker>().SendDueAsync(CancellationToken.None);
        Assert.Empty(again);
        Assert.Single(receiver.Requests);
        Assert.NotNull(restarted.Get<AlertLog>().Find(restarted.Get<AlertLog>().Recent(10, subscriptionId).Single().Alert.AlertId)!.Held);
    }

    private static string Local(DateTimeOffset utc, TimeSpan offset) => utc.ToOffset(offset).ToString("HH:mm:ss");
}
