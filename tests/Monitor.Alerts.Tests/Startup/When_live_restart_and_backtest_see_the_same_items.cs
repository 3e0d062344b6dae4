using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Startup;
using Monitor.Alerts.Tests.Service;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Startup;

/// <summary>
/// The same story evaluated three ways: live, in batches through the consumer's path with items out of publication
/// order; after a restart, by the start's replay of items stored while the service was down; and in a backtest.
/// Two subscriptions created at the same instant with the same rules, one per copy of the story (entity "live" and
/// entity "cold"), so the alerts compare by rule, kind, window and escalation level.
/// </summary>
public sealed class When_live_restart_and_backtest_see_the_same_items(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Should_raise_the_same_alerts_and_a_restart_nothing_live_did_not()
    {
        var t0 = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero) - 3 * Hour;
        var clock = new ManualClock(t0);
        var live = Story("live", t0);
        var cold = Story("cold", t0);
        Guid liveId, coldId;
        (string, string, DateTimeOffset, int)[] liveAlerts;

        await using (var service = await InProcessAlerts.StartAsync(schema, clock))
        {
            var store = service.Get<EventStore.EventStore>();
            foreach (var item in live.Baseline.Concat(cold.Baseline)) await StoredItems.AppendAsync(store, item, $"https://weibo.com/1/{item.CoverageId:N}");
            using var admin = service.Client(AlertsHarness.AdminKey);
            liveId = await CreateAsync(admin, "live");
            coldId = await CreateAsync(admin, "cold");
            clock.Advance(2.5 * Hour);

            // Live: three batches, each shuffled, and the positive at 00:12 arriving after items published later.
            var evaluate = service.Get<EvaluateScored>();
            foreach (var batch in live.Batches)
            {
                foreach (var item in batch) await StoredItems.AppendAsync(store, item, $"https://weibo.com/1/{item.CoverageId:N}");
                await evaluate.HandleAsync(batch, CancellationToken.None);
            }
            // The cold copy is only stored: the service is stopped before it could see it.
            foreach (var item in cold.Batches.SelectMany(b => b)) await StoredItems.AppendAsync(store, item, $"https://weibo.com/1/{item.CoverageId:N}");
            liveAlerts = Alerts(await service.Get<History>().ReadAsync(AlertsEventTypes.Alert, CancellationToken.None), liveId);
        }

        await using (var restarted = await InProcessAlerts.StartAsync(schema, clock))
        {
            var stored = await restarted.Get<History>().ReadAsync(AlertsEventTypes.Alert, CancellationToken.None);
            var afterRestart = Alerts(stored, liveId);
            var replayed = Alerts(stored, coldId);
            using var admin = restarted.Client(AlertsHarness.AdminKey);
            var backtest = await admin.GetFromJsonAsync<AlertRaised[]>(
                $"/api/subscriptions/{liveId}/backtest?from={Uri.EscapeDataString(t0.ToString("O"))}&to={Uri.EscapeDataString((t0 + 3 * Hour).ToString("O"))}");

            Assert.Equal(liveAlerts, afterRestart);
            Assert.Equal(liveAlerts, replayed);
            Assert.Equal(liveAlerts, backtest!.Select(Key).Order().ToArray());
        }

        // The story: a reach alert in hour 0 and again in hour 1 (an hour later), the share and the spike in hour 0;
        // the share tipping again at 01:07 was within the cooldown of 00:12 and stayed silent; at 01:40 it was not.
        Assert.Equal(
            [
                ("neg", AlertRuleKinds.NegativeShare, t0, 0), ("neg", AlertRuleKinds.NegativeShare, t0 + Hour, 0),
                ("reach", AlertRuleKinds.NegativeReach, t0, 0), ("reach", AlertRuleKinds.NegativeReach, t0 + Hour, 0),
                ("spike", AlertRuleKinds.VolumeSpike, t0, 0),
            ],
            liveAlerts);
    }

    private static (string, string, DateTimeOffset, int)[] Alerts(IEnumerable<Monitor.EventStore.StoredEvent> events, Guid subscriptionId) =>
        events.Select(e => e.Data).OfType<AlertRaised>().Where(a => a.SubscriptionId == subscriptionId).Select(Key).Order().ToArray();

    private static (string, string, DateTimeOffset, int) Key(AlertRaised a) => (a.RuleId, a.Kind, a.WindowStart, a.EscalationLevel);

    private static async Task<Guid> CreateAsync(HttpClient admin, string entity)
    {
        using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = entity,
            scope = new { entityIds = new[] { entity } },
            rules = new object[]
            {
                new { ruleId = "neg", kind = "negative-share", window = "01:00:00", threshold = 0.5, minVolume = 3 },
                new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 50_000 },
                new { ruleId = "spike", kind = "volume-spike", window = "01:00:00", k = 2, cooldown = "02:00:00" },
            },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();
    }

    private sealed record Items(IReadOnlyList<SentimentScored> Baseline, IReadOnlyList<IReadOnlyList<SentimentScored>> Batches);

    private static Items Story(string entity, DateTimeOffset t0)
    {
        SentimentScored At(double minutes, string label, long reach = 100) =>
            new(Guid.NewGuid(), PlatformNames.Weibo, t0.AddMinutes(minutes), label,
                label == SentimentLabels.Negative ? -0.8 : label == SentimentLabels.Positive ? 0.8 : 0, 0.9, "test", [], [entity], reach);

        // Twelve hours before the subscription: 2 and 4 items an hour in turn (the spike's baseline: mean 3, σ 1, threshold 5).
        var baseline = Enumerable.Range(0, 12)
            .SelectMany(h => Enumerable.Range(0, h % 2 == 0 ? 2 : 4).Select(i => At(-(12 - h) * 60 + 5 + 10 * i, SentimentLabels.Neutral)))
            .ToArray();
        var random = new Random(15);
        IReadOnlyList<SentimentScored> Shuffled(params SentimentScored[] batch) => batch.OrderBy(_ => random.Next()).ToArray();
        const string n = SentimentLabels.Negative;
        return new Items(baseline,
        [
            Shuffled(At(5, n, 90_000), At(10, n), At(20, n), At(25, n), At(30, n)),
            Shuffled(At(12, SentimentLabels.Positive), At(35, n), At(40, n), At(65, n, 90_000), At(66, n)),
            Shuffled(At(67, n), At(100, n), At(125, SentimentLabels.Positive), At(130, SentimentLabels.Positive)),
        ]);
    }
}
