using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Tests.Service;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Delivery;

/// <summary>
/// The alerts service in this process on a clock the test moves, with a subscription whose channels post to a local
/// receiver: raises alerts, reads their delivery state from the API and their streams from the store, restarts.
/// </summary>
internal sealed class DeliveryScenario : IAsyncDisposable
{
    private readonly PostgresSchema _schema;
    private readonly Dictionary<string, string?> _settings;

    private DeliveryScenario(PostgresSchema schema, ManualClock clock, string retrySchedule)
    {
        _schema = schema;
        Clock = clock;
        Store = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            Monitor.Hosting.Storage.MonitorEventTypes.CreateRegistry());
        _settings = new() { ["MONITOR_ALERTS_RETRY_SCHEDULE"] = retrySchedule };
    }

    public ManualClock Clock { get; }
    /// <summary>
    /// The entity this scenario's items are about and its subscription watches. The tests of a class share a schema and
    /// their clocks can stand on the same second: an item another test stored could otherwise count for this
    /// subscription, and its alert cool down the one this test raises in the same window.
    /// </summary>
    public string EntityId { get; } = "delivery-" + Guid.NewGuid().ToString("N")[..8];
    public InProcessAlerts Service { get; private set; } = null!;
    public Guid SubscriptionId { get; private set; }
    /// <summary>The schema's store, apart from the service's: usable while the service is stopped.</summary>
    public EventStore.EventStore Store { get; }

    /// <summary>Starts the service and creates a subscription that sends every negative item of reach ≥ 1000 about <see cref="EntityId"/> to <paramref name="channels"/> (id, URL).</summary>
    public static async Task<DeliveryScenario> StartAsync(PostgresSchema schema, string retrySchedule, params (string Id, string Url)[] channels)
    {
        // Real time, to the second, so stored timestamps and the clock agree.
        var now = DateTimeOffset.UtcNow;
        var scenario = new DeliveryScenario(schema, new ManualClock(new DateTimeOffset(now.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero)), retrySchedule);
        await scenario.RestartAsync();
        using var admin = scenario.Service.Client(AlertsHarness.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "delivery " + Guid.NewGuid().ToString("N")[..6],
            scope = new { platforms = new[] { "weibo" }, entityIds = new[] { scenario.EntityId }, requiredTerms = Array.Empty<string>(), excludedTerms = Array.Empty<string>(), languages = Array.Empty<string>() },
            rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 1_000, cooldown = "00:00:00" } },
            channels = channels.Select(c => new { channelId = c.Id, kind = "webhook", target = c.Url }).ToArray(),
        });
        created.EnsureSuccessStatusCode();
        scenario.SubscriptionId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();
        return scenario;
    }

    /// <summary>Stops the service (if running) and starts it again on the same schema: what a restart after a kill finds.</summary>
    public async Task RestartAsync()
    {
        if (Service is not null) await Service.DisposeAsync();
        Service = null!;
        Service = await InProcessAlerts.StartAsync(_schema, Clock, InProcessAlerts.LongAttempts, _settings);
    }

    public async Task StopAsync()
    {
        await Service.DisposeAsync();
        Service = null!;
    }

    /// <summary>A negative item with a large reach, scored now: evaluated, it raises one alert (appended and scheduled).</summary>
    public async Task<AlertRaised> RaiseAsync()
    {
        var item = StoredItems.Scored(SentimentLabels.Negative, 50_000, Clock.GetUtcNow(), entityId: EntityId);
        await StoredItems.AppendAsync(Store, item, $"https://weibo.com/1/{item.CoverageId:N}");
        var raised = await Service.Get<EvaluateScored>().HandleAsync([item], CancellationToken.None);
        return Assert.Single(raised, a => a.SubscriptionId == SubscriptionId);
    }

    /// <summary>The alert's channels as GET /api/alerts/{id} shows them.</summary>
    public async Task<JsonElement[]> ChannelsAsync(Guid alertId)
    {
        using var http = Service.Client(AlertsHarness.AdminKey);
        var view = JsonDocument.Parse(await http.GetStringAsync($"/api/alerts/{alertId}")).RootElement.Clone();
        return view.GetProperty("channels").EnumerateArray().ToArray();
    }

    public async Task<JsonElement> ChannelAsync(Guid alertId, string channelId) =>
        (await ChannelsAsync(alertId)).Single(c => c.GetProperty("channelId").GetString() == channelId);

    /// <summary>Waits until the channel's state is <paramref name="state"/> (and, when given, after that many attempts).</summary>
    public async Task<JsonElement> WaitForAsync(Guid alertId, string channelId, string state, int? attempts = null)
    {
        JsonElement channel = default;
        await Eventually.HoldsAsync(async () =>
        {
            channel = await ChannelAsync(alertId, channelId);
            return channel.GetProperty("state").GetString() == state && (attempts is null || channel.GetProperty("attempts").GetInt32() == attempts);
        }, TimeSpan.FromSeconds(30), $"channel {channelId} of alert {alertId} {state}{(attempts is null ? "" : $" after {attempts} attempts")}", () => channel.ToString());
        return channel;
    }

    /// <summary>The event types of the alert's stream, in order.</summary>
    public async Task<string[]> StreamAsync(Guid alertId) => (await Store.ReadStreamAsync(alertId)).Select(e => e.Type).ToArray();

    /// <summary>An alert of the subscription stored as the service stores it, but never tried: as a kill right after the raise leaves it.</summary>
    public async Task<AlertRaised> StoreUntriedAsync(params string[] channelIds)
    {
        var alert = Alerts.Sample() with { AlertId = Guid.NewGuid(), SubscriptionId = SubscriptionId, RaisedAt = Clock.GetUtcNow() };
        var scheduled = new AlertDeliveryScheduled(alert.AlertId, channelIds.Select(c => new AlertChannelRef(c, AlertChannelKinds.Webhook)).ToArray(), alert.RaisedAt);
        await Store.AppendAsync(alert.AlertId, Monitor.Hosting.Storage.MonitorEventTypes.AlertStream, ExpectedVersion.NoStream,
        [
            new EventData(CoverageIdentity.NameBased(alert.AlertId, "raised"), alert),
            new EventData(CoverageIdentity.NameBased(alert.AlertId, "scheduled"), scheduled),
        ]);
        return alert;
    }

    public AlertView? View(Guid alertId) => Service.Get<AlertLog>().Find(alertId);

    public async ValueTask DisposeAsync()
    {
        if (Service is not null) await Service.DisposeAsync();
        await Store.DisposeAsync();
    }
}
