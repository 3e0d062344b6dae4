using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing.Processes;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// The alerts service and the relay as processes in a scenario, with <see cref="Subscriptions"/> subscriptions that
/// each send every negative weibo item of reach ≥ 1000 to two webhook channels ("a", "b") of one
/// <see cref="AlertReceiver"/>. Scored items go into the store as the pipeline leaves them; the relay publishes them
/// and the alerts service raises one alert per subscription and round. The check compares what the receiver took
/// with every raised alert × channel, and the log's delivery events with the same.
/// </summary>
public sealed class AlertDeliveryRun(FaultScenario scenario, AlertReceiver receiver)
{
    public const string Alerts = "Alerts";
    public const int Subscriptions = 4;
    public static readonly string[] Channels = ["a", "b"];
    private const string AdminKey = "fault-suite-admin-key-0123456789";

    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    /// <summary>Starts the relay and the alerts service with this retry schedule, and creates the subscriptions.</summary>
    public async Task StartAsync(string retrySchedule)
    {
        await scenario.Services.StartAsync([FaultScenario.Relay, Alerts], Monitor.Testing.Processes.ServiceGroup.ReadyTimeout,
            folder => folder == Alerts ? AlertsSettings(retrySchedule) : new Dictionary<string, string>());
        using var admin = Client();
        for (var i = 0; i < Subscriptions; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
            {
                name = $"faults {i}",
                scope = new { platforms = new[] { "weibo" }, entityIds = Array.Empty<string>(), requiredTerms = Array.Empty<string>(), excludedTerms = Array.Empty<string>(), languages = Array.Empty<string>() },
                rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 1_000, cooldown = "00:00:00" } },
                channels = Channels.Select(c => new { channelId = c, kind = "webhook", target = $"{receiver.Url}/{c}" }).ToArray(),
            });
            created.EnsureSuccessStatusCode();
        }
    }

    public Task RestartAlertsAsync(string retrySchedule) =>
        scenario.Services.StartAsync([Alerts], Monitor.Testing.Processes.ServiceGroup.ReadyTimeout, _ => AlertsSettings(retrySchedule));

    /// <summary>
    /// Stores a negative item with a large reach for round <paramref name="round"/>: published in a 15-minute window of
    /// its own (16 minutes apart), so each round raises one new alert per subscription.
    /// </summary>
    public async Task StoreItemAsync(int round)
    {
        var published = _start + TimeSpan.FromMinutes(16 * round + 1);
        var id = Guid.NewGuid();
        var url = $"https://weibo.com/1/faults-{id:N}";
        var ingested = new CoverageIngested(id, PlatformNames.Weibo, id.ToString("N"), url, null, "SU7 交付太慢了", new Author("a", "A"),
            published, Engagement.None, [], null, "faults", published);
        var scored = new SentimentScored(id, PlatformNames.Weibo, published, SentimentLabels.Negative, -0.8, 0.9, "faults", [], ["xiaomi-su7"], 50_000);
        await scenario.Store.AppendAsync(id, MonitorEventTypes.CoverageStream, ExpectedVersion.NoStream,
            [new EventData(CoverageEventIds.Ingested(id), ingested), new EventData(CoverageEventIds.Scored(id), scored)]);
    }

    /// <summary>The alerts raised so far (AlertRaised in the log).</summary>
    public async Task<IReadOnlyList<Guid>> RaisedAsync() =>
        (await scenario.Store.ReadAllCommittedAsync([MonitorEventTypes.AlertRaised])).Select(e => e.StreamId).ToArray();

    /// <summary>Waits (bounded) until <paramref name="count"/> alerts are raised.</summary>
    public async Task WaitUntilRaisedAsync(int count, TimeSpan timeout) =>
        Assert.True(await Monitor.Testing.Until.HoldsAsync(async () => (await RaisedAsync()).Count >= count, timeout, TimeSpan.FromMilliseconds(100)),
            $"only {(await RaisedAsync()).Count} of {count} alerts were raised within {timeout.TotalSeconds:0} s");

    /// <summary>Waits (bounded) until the log holds AlertDelivered for every raised alert's every channel.</summary>
    public async Task WaitUntilDeliveredAsync(int alerts, TimeSpan timeout) =>
        await Monitor.Testing.Until.HoldsAsync(async () => (await DeliveryEventsAsync()).Count(e => e.Data is AlertDelivered) >= alerts * Channels.Length,
            timeout, TimeSpan.FromMilliseconds(250));

    /// <summary>
    /// Every raised alert × channel against what the receiver took (by delivery id) and what the log says: lost = a pair
    /// the receiver never took or the log does not show delivered; duplicated = a delivery id taken more than once,
    /// or a pair delivered twice in the log.
    /// </summary>
    public async Task<StoreOutcome> CompareAsync()
    {
        var raised = await RaisedAsync();
        var expected = raised.SelectMany(a => Channels.Select(c => (AlertId: a, Channel: c))).ToHashSet();
        var taken = receiver.Received.ToArray();
        var events = await DeliveryEventsAsync();
        var delivered = events.Select(e => e.Data).OfType<AlertDelivered>().Select(d => (d.AlertId, Channel: d.ChannelId)).ToArray();
        var problems = new List<string>();

        var takenPairs = taken.Select(t => (t.AlertId, t.Channel)).ToHashSet();
        var missing = expected.Where(p => !takenPairs.Contains(p) || !delivered.Contains(p)).ToArray();
        problems.AddRange(missing.Select(p => $"alert {p.AlertId} never reached channel {p.Channel} (taken: {takenPairs.Contains(p)}, AlertDelivered: {delivered.Contains(p)})"));
        var repeated = taken.GroupBy(t => t.DeliveryId).Where(g => g.Count() > 1).ToArray();
        problems.AddRange(repeated.Select(g => $"delivery {g.Key} taken {g.Count()} times"));
        var loggedTwice = delivered.GroupBy(p => p).Where(g => g.Count() > 1).ToArray();
        problems.AddRange(loggedTwice.Select(g => $"AlertDelivered {g.Key.AlertId}/{g.Key.Channel} stored {g.Count()} times"));
        var idsPerPair = taken.GroupBy(t => (t.AlertId, t.Channel)).Where(g => g.Select(t => t.DeliveryId).Distinct().Count() > 1).ToArray();
        problems.AddRange(idsPerPair.Select(g => $"alert {g.Key.AlertId} reached channel {g.Key.Channel} under several delivery ids"));
        problems.AddRange(events.Select(e => e.Data).OfType<AlertDeliveryFailed>().Select(f => $"AlertDeliveryFailed {f.AlertId}/{f.ChannelId}: {f.Reason}"));

        var stored = expected.Count - missing.Length;
        var duplicated = repeated.Sum(g => g.Count() - 1) + loggedTwice.Sum(g => g.Count() - 1);
        return new StoreOutcome(expected.Count, stored, missing.Length, duplicated, problems);
    }

    /// <summary>How many failed attempts the log kept for a later retry.</summary>
    public async Task<int> RetriesAsync() => (await DeliveryEventsAsync()).Count(e => e.Data is AlertDeliveryRetrying);

    private Task<IReadOnlyList<StoredEvent>> DeliveryEventsAsync() =>
        scenario.Store.ReadAllCommittedAsync([MonitorEventTypes.AlertDelivered, MonitorEventTypes.AlertDeliveryFailed, MonitorEventTypes.AlertDeliveryRetrying]);

    private Dictionary<string, string> AlertsSettings(string retrySchedule) => new()
    {
        ["MONITOR_ADMIN_KEY"] = AdminKey,
        ["MONITOR_ALERTS_ALLOWED_ADDRESSES"] = "127.0.0.1",
        ["MONITOR_ALERTS_RETRY_SCHEDULE"] = retrySchedule,
    };

    private HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = scenario.Services[Alerts].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return http;
    }
}
