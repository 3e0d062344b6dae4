using System.Net;
using Monitor.Api.Projections;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts.Alerts;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Contracts;
using Monitor.ReadModels;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Api.Tests.ReadModels;

public class When_rebuilding_read_models(SampleApi sample) : IClassFixture<SampleApi>
{
    private ApiApp Api => sample.Api;

    private ReadModelCatalogue Catalogue => Api.App.Services.GetRequiredService<ReadModelCatalogue>();

    /// <summary>Every rm_ table's rows as JSON, in a stable order, without the documents' write times.</summary>
    private async Task<Dictionary<string, string[]>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string[]>();
        await using var tables = Api.Store.DataSource.CreateCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'rm\\_%' ORDER BY 1");
        tables.Parameters.AddWithValue(Api.Schema.Name);
        var names = new List<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        foreach (var name in names)
        {
            await using var rows = Api.Store.DataSource.CreateCommand($"SELECT (to_jsonb(t) - 'updated')::text FROM {Api.Schema.Name}.{name} t");
            var list = new List<string>();
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync()) list.Add(reader.GetString(0));
            snapshot[name] = [.. list.Order(StringComparer.Ordinal)];
        }
        return snapshot;
    }

    [Fact]
    public async Task A_rebuild_of_every_read_model_equals_what_the_live_projections_built()
    {
        // Give every read model something to hold, then let the live projections build it.
        var subscription = SampleAlerts.Subscription("ana", "rebuild");
        await SampleAlerts.AppendAsync(Api.Store, subscription);
        var alert = SampleAlerts.Alert(subscription.SubscriptionId, "rebuild", SampleCoverage.Start.AddHours(2), SampleCoverage.Item("w2"));
        await SampleAlerts.AppendAsync(Api.Store, alert, new AlertAcknowledged(alert.AlertId, "ana", SampleCoverage.Start.AddHours(3)));
        var journal = new EventStoreFeedJournal(Api.Store, "weibo-test");
        await journal.LoadAsync(default);
        await journal.RegisterAsync(new FeedRegistered("weibo-test", PlatformNames.Weibo, "https://weibo.example.com", [], TimeSpan.FromMinutes(1), "host", "1.0", DateTimeOffset.UtcNow), default);
        await journal.HeartbeatAsync(new FeedHeartbeat("weibo-test", 11, 0, 1, DateTimeOffset.UtcNow), default);
        await Api.WaitForProjectionsAsync();
        var live = await SnapshotAsync();

        // Damage the read models, so that only a replay can bring them back.
        await using (var damage = Api.Store.DataSource.CreateCommand(
            $"UPDATE {Catalogue.Mentions.Table} SET title = 'damaged', reach = -1; DELETE FROM {Catalogue.Timeline.Table}; DELETE FROM {Catalogue.Alerts.Table}"))
            await damage.ExecuteNonQueryAsync();
        using var admin = Api.Client();
        foreach (var model in Catalogue.All)
        {
            using var response = await admin.PostAsync($"/api/projections/{model.Name}/rebuild", null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        ProjectionView[] views = [];
        var done = await Until.HoldsAsync(async () =>
        {
            views = await admin.GetAsync<ProjectionView[]>("/api/projections");
            return views.All(v => v.Rebuilding is null && v.Lag == 0);
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        var rebuilt = await SnapshotAsync();

        Assert.True(done, "the rebuilds did not finish within 60 s: " + string.Join("; ", views.Select(v => $"{v.Name} lag {v.Lag} rebuilding {v.Rebuilding}")));
        Assert.Equal(Catalogue.All.Count, (await admin.GetAsync<ProjectionView[]>("/api/projections")).Length);
        Assert.Equal(live.Keys, rebuilt.Keys);
        Assert.All(live, table => Assert.True(table.Value.Length > 0, $"{table.Key} is empty, so the comparison proves nothing"));
        foreach (var (table, rows) in live)
            Assert.Equal(rows, rebuilt[table]);
    }

    [Fact]
    public async Task Handling_every_event_again_without_clearing_changes_no_row()
    {
        var alert = SampleAlerts.Alert(Guid.NewGuid(), "again", SampleCoverage.Start.AddHours(4), SampleCoverage.Item("d2"));
        await SampleAlerts.AppendAsync(Api.Store, alert,
            new AlertDeliveryFailed(alert.AlertId, "hook", AlertChannelKinds.Webhook, "HTTP 502", 5, SampleCoverage.Start.AddHours(4)));
        var journal = new EventStoreFeedJournal(Api.Store, "douyin-again");
        await journal.LoadAsync(default);
        await journal.HeartbeatAsync(new FeedHeartbeat("douyin-again", 7, 0, 1, DateTimeOffset.UtcNow), default);
        await Api.WaitForProjectionsAsync();
        var before = await SnapshotAsync();

        // As after a crash between handling and saving the checkpoint: every event is delivered again.
        await Api.RedeliverAsync(Catalogue.All.Select(m => m.Name));
        await Api.WaitForProjectionsAsync();
        var after = await SnapshotAsync();

        Assert.Equal(before.Keys, after.Keys);
        foreach (var (table, rows) in before)
            Assert.Equal(rows, after[table]);
    }

    [Fact]
    public async Task The_listing_shows_the_projection_version_that_built_each_read_model()
    {
        await Api.WaitForProjectionsAsync();
        using var client = Api.Client();

        var views = await client.GetAsync<ProjectionView[]>("/api/projections");
        var json = await client.GetStringAsync("/api/projections");

        Assert.Equal(3, views.Single(v => v.Name == "alerts").Version);
        Assert.All(views, v => Assert.Equal(Catalogue.Find(v.Name)!.Projection.Version, v.Version));
        Assert.Contains("\"version\":3", json);
    }

    [Fact]
    public async Task Rebuilding_an_unknown_read_model_is_404_listing_the_known_ones()
    {
        using var admin = Api.Client();

        using var response = await admin.PostAsync("/api/projections/nonsense/rebuild", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nonsense", body);
        Assert.Contains("sentiment-timeline", body);
    }

    [Fact]
    public async Task The_catalogue_names_every_read_model_in_kebab_case_with_a_description()
    {
        var names = ReadModelCatalogue.Create("monitor").All.Select(m => m.Name).ToArray();

        Assert.Equal(["mentions", "sentiment-timeline", "entity-share", "authors", "alerts", "feeds", "subscriptions"], names);
        Assert.All(ReadModelCatalogue.Create("monitor").All, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
        Assert.All(ReadModelCatalogue.Create("monitor").All, m => Assert.Equal(m.Name, m.Projection.Name));
    }
}
