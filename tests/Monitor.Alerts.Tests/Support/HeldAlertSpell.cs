using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Alerts.Tests.Service;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.Testing;
using static Monitor.Alerts.Tests.Quiet.When_the_quiet_hours_end;

namespace Monitor.Alerts.Tests.Support;

/// <summary>
/// The alerts service in this process on a clock the test moves, with one subscription (a webhook channel, quiet
/// hours from half an hour ago until <see cref="QuietEnd"/>, Asia/Shanghai) and one alert raised and held in them.
/// </summary>
internal sealed class HeldAlertSpell : IAsyncDisposable
{
    private HeldAlertSpell(LocalReceiver receiver, ManualClock clock, InProcessAlerts service, HttpClient admin, DateTimeOffset quietEnd)
    {
        Receiver = receiver;
        Clock = clock;
        Service = service;
        Admin = admin;
        QuietEnd = quietEnd;
    }

    public LocalReceiver Receiver { get; }
    public ManualClock Clock { get; }
    public InProcessAlerts Service { get; }
    public HttpClient Admin { get; }
    public DateTimeOffset QuietEnd { get; }
    public Guid SubscriptionId { get; private set; }
    public AlertRaised Alert { get; private set; } = null!;

    public static async Task<HeldAlertSpell> StartAsync(PostgresSchema schema, string name, TimeSpan quietFor)
    {
        var receiver = await LocalReceiver.StartAsync();
        // Real time, to the minute, so stored timestamps and the clock agree.
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var service = await InProcessAlerts.StartAsync(schema, clock, InProcessAlerts.LongAttempts);
        var spell = new HeldAlertSpell(receiver, clock, service, service.Client(AlertsHarness.AdminKey), start + quietFor);

        using var created = await spell.Admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name,
            scope = new { platforms = new[] { "weibo" }, entityIds = Array.Empty<string>(), requiredTerms = Array.Empty<string>(), excludedTerms = Array.Empty<string>(), languages = Array.Empty<string>() },
            rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 100_000 } },
            channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/hook" } },
            quietHours = new { from = Local(start.AddMinutes(-30)), to = Local(spell.QuietEnd), timeZone = "Asia/Shanghai" },
            digestAt = Local(start.AddHours(12)),
        });
        spell.SubscriptionId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();
        var item = StoredItems.Scored(SentimentLabels.Negative, 300_000, start.AddSeconds(5));
        await StoredItems.AppendAsync(service.Get<EventStore.EventStore>(), item, $"https://weibo.com/1/{item.CoverageId:N}");
        clock.Advance(TimeSpan.FromSeconds(10));
        spell.Alert = Assert.Single(await service.Get<EvaluateScored>().HandleAsync([item], CancellationToken.None));
        return spell;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Service.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
