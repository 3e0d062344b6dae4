using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.Dashboard.Tests.Infrastructure;
using Monitor.EventStore;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Hosting.Storage;
using Monitor.Testing;
using Xunit.Abstractions;
using Monitor.Testing.Processes;

namespace Monitor.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser against the real Api over the SU7 sample: sign-in, charts with
/// data, a platform filter that changes them, a mention's label corrected from the page that stays corrected, a live
/// alert without a reload, acknowledged from the page.
/// </summary>
public sealed class When_using_the_dashboard(PostgresSchema schema, ITestOutputHelper output) : IClassFixture<PostgresSchema>
{
    private const string AdminKey = "dashboard-admin-key-0123456789abcdef";

    [Fact]
    public async Task Should_render_filter_and_show_a_live_alert_without_a_reload()
    {
        BrowserCheck.RequirePrerequisites();
        using var setup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var store = EventStore.EventStore.Create(
            new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            FeedEventTypes.Register(MonitorEventTypes.CreateRegistry()));
        await store.EnsureSchemaAsync(setup.Token);
        var sample = await Su7Sample.LoadAsync(store, setup.Token);
        await SampleFeeds.WriteAsync(store, setup.Token);

        await using var api = await ServiceProcess.StartReadyAsync("Api", new Dictionary<string, string>
        {
            ["MONITOR_POSTGRES"] = schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
            ["MONITOR_ADMIN_KEY"] = AdminKey,
        });
        await WaitUntilReadModelsHoldAsync(api, sample.Count);

        var browser = new BrowserCheck();
        var alertId = Guid.Empty;
        await browser.RunAsync(
            new Dictionary<string, string> { ["DASHBOARD_URL"] = api.BaseAddress.ToString(), ["DASHBOARD_KEY"] = AdminKey },
            async () => alertId = await RaiseAlertAsync(store, sample),
            TimeSpan.FromMinutes(3));

        foreach (var line in browser.Output) output.WriteLine(line);
        Assert.True(browser.ExitCode == 0,
            $"the browser check failed (exit {browser.ExitCode}):\n{string.Join('\n', browser.Output)}\n\nApi output:\n{api.Output()}");
        Assert.Equal(alertId.ToString(), browser.Acknowledged);
        var alertStream = await store.ReadStreamAsync(alertId);
        Assert.Contains(alertStream, e => e.Type == MonitorEventTypes.AlertAcknowledged
            && e.Id == CoverageIdentity.NameBased(alertId, MonitorEventTypes.AlertAcknowledged));

        var (mentionId, label) = browser.Corrected ?? throw new Xunit.Sdk.XunitException("the browser check corrected no mention");
        var correction = Assert.Single((await store.ReadStreamAsync(mentionId)).Select(e => e.Data).OfType<SentimentCorrected>());
        Assert.Equal((label, "admin", "checked by the browser test"), (correction.Label, correction.By, correction.Note));

        var screenshots = browser.Screenshots.ToArray();
        Assert.Equal(["sign-in.png", "dashboard-1280.png", "dashboard-weibo.png", "alert-arrived.png", "dashboard-narrow.png"],
            screenshots.Select(Path.GetFileName));
        Assert.All(screenshots, path => Assert.True(new FileInfo(path).Length > 10_000, $"{path} is missing or nearly empty"));
        output.WriteLine($"screenshots in {BrowserCheck.ScreenshotDirectory}");
    }

    /// <summary>The Api's projections catch up asynchronously: wait (bounded) until they hold every sample item, scored, and the feeds.</summary>
    private static HttpClient Client(ServiceProcess api, string key)
    {
        var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private static async Task WaitUntilReadModelsHoldAsync(ServiceProcess api, int items)
    {
        using var http = Client(api, AdminKey);
        var seen = "nothing";
        var caughtUp = await Until.HoldsAsync(async () =>
        {
            using var range = await http.GetAsync("/api/range");
            if (!range.IsSuccessStatusCode) { seen = $"GET /api/range answered {(int)range.StatusCode}"; return false; }
            var total = (await range.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
            var timeline = await http.GetFromJsonAsync<JsonElement>("/api/timeline?bucket=day");
            var scored = timeline.EnumerateArray().Sum(row => row.GetProperty("total").GetInt32());
            var feeds = (await http.GetFromJsonAsync<JsonElement>("/api/feeds")).GetArrayLength();
            seen = $"{total} mentions, {scored} scored, {feeds} feeds";
            return total == items && scored == items && feeds == SampleFeeds.Count;
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500));
        Assert.True(caughtUp, $"the Api's read models did not reach the {items} sample items within 60 s (last seen: {seen}):\n{api.Output()}");
    }

    /// <summary>
    /// An alert as the Alerts service appends it: its own stream, the deterministic event id, its channel scheduled with
    /// it; then the channel's first attempt fails and is to be retried in five minutes.
    /// </summary>
    private static async Task<Guid> RaiseAlertAsync(EventStore.EventStore store, IReadOnlyList<CoverageIngested> sample)
    {
        var now = DateTimeOffset.UtcNow;
        var alertId = Guid.NewGuid();
        var top = sample.Where(i => i.Platform == PlatformNames.Weibo).Take(2)
            .Select(i => new AlertMention(i.CoverageId, i.Platform, SentimentLabels.Negative, -0.8, 50_000, i.Url)).ToArray();
        var alert = new AlertRaised(alertId, Guid.NewGuid(), "SU7 delivery complaints", "negative-share", AlertRuleKinds.NegativeShare,
            now.AddHours(-1), now, 0.62, 0.4, null, null, null, 18,
            new Dictionary<string, int> { [PlatformNames.Weibo] = 12, [PlatformNames.Douyin] = 6 }, top, 0,
            "Negative share 62% (floor 40%) over 18 items in 1h", now);
        await store.AppendAsync(alertId, MonitorEventTypes.AlertStream, ExpectedVersion.NoStream,
        [
            new EventData(CoverageIdentity.NameBased(alertId, MonitorEventTypes.AlertRaised), alert),
            new EventData(CoverageIdentity.NameBased(alertId, MonitorEventTypes.AlertDeliveryScheduled),
                new AlertDeliveryScheduled(alertId, [new AlertChannelRef("hook", AlertChannelKinds.Webhook)], now)),
        ]);
        await store.AppendAsync(alertId, MonitorEventTypes.AlertStream, ExpectedVersion.Exactly(2),
            [new EventData(CoverageIdentity.NameBased(alertId, "delivery:hook:2"),
                new AlertDeliveryRetrying(alertId, "hook", AlertChannelKinds.Webhook, 1, "HTTP 503 from https://hooks.example.com/su7", now.AddMinutes(5), now))]);
        return alertId;
    }
}
