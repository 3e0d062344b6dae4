using System.Net;
using Monitor.Api.Projections;
using Monitor.Api.Tests.Infrastructure;
using Monitor.ReadModels;
using Monitor.ReadModels.Alerts;
using Monitor.Testing;

namespace Monitor.Api.Tests.ReadModels;

public class When_projecting_held_alerts(SampleApi sample) : IClassFixture<SampleApi>
{
    private ApiApp Api => sample.Api;

    private AlertsProjection Alerts => Api.App.Services.GetRequiredService<ReadModelCatalogue>().Alerts;

    // The sample starts 10:00 UTC; the tests' quiet hours run 22:00 to 07:00 the next morning.
    private static readonly DateTimeOffset QuietUntil = SampleCoverage.Start.AddHours(21);

    private Task<AlertDocument?> LoadAsync(Guid alertId) => Alerts.LoadAsync(Api.Store.DataSource, alertId);

    /// <summary>The stored rows of <paramref name="alertIds"/>: id to (document as text, when it was written).</summary>
    private async Task<Dictionary<Guid, (string Data, DateTime Updated)>> RowsAsync(params Guid[] alertIds)
    {
        var rows = new Dictionary<Guid, (string, DateTime)>();
        await using var cmd = Api.Store.DataSource.CreateCommand($"SELECT id, data::text, updated FROM {Alerts.Table} WHERE id = ANY($1)");
        cmd.Parameters.AddWithValue(alertIds);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows[reader.GetGuid(0)] = (reader.GetString(1), reader.GetDateTime(2));
        return rows;
    }

    [Fact]
    public async Task A_held_alert_shows_until_when_and_since_when_and_is_not_released()
    {
        var alert = SampleAlerts.Alert(Guid.NewGuid(), "held", SampleCoverage.Start.AddHours(12));
        await SampleAlerts.AppendAsync(Api.Store, alert);
        var held = await SampleAlerts.HoldAsync(Api.Store, alert, QuietUntil, alert.RaisedAt.AddSeconds(1));
        await Api.WaitForProjectionsAsync();

        var document = await LoadAsync(alert.AlertId);

        Assert.NotNull(document);
        Assert.Equal(new AlertHold(QuietUntil, held.At), document.Held);
        Assert.Null(document.ReleasedAt);
        Assert.Equal(alert.Summary, document.Summary);
    }

    [Fact]
    public async Task A_release_listing_two_alerts_marks_both_and_no_other()
    {
        var subscription = Guid.NewGuid();
        var first = SampleAlerts.Alert(subscription, "two", SampleCoverage.Start.AddHours(13));
        var second = SampleAlerts.Alert(subscription, "two", SampleCoverage.Start.AddHours(14));
        var notListed = SampleAlerts.Alert(subscription, "two", SampleCoverage.Start.AddHours(15));
        foreach (var alert in new[] { first, second, notListed })
        {
            await SampleAlerts.AppendAsync(Api.Store, alert);
            await SampleAlerts.HoldAsync(Api.Store, alert, QuietUntil, alert.RaisedAt);
        }
        var released = await SampleAlerts.ReleaseAsync(Api.Store, QuietUntil, QuietUntil.AddSeconds(30), first, second);
        await Api.WaitForProjectionsAsync();

        var documents = await Task.WhenAll(new[] { first, second, notListed }.Select(a => LoadAsync(a.AlertId)));

        Assert.All(documents, d => Assert.Equal(QuietUntil, d!.Held!.Until));
        Assert.Equal([released.At, released.At, null], documents.Select(d => d!.ReleasedAt));
        Assert.Equal([first.RaisedAt, second.RaisedAt], documents.Take(2).Select(d => d!.Held!.At));
    }

    [Fact]
    public async Task A_release_handled_before_the_hold_still_ends_with_both()
    {
        var alert = SampleAlerts.Alert(Guid.NewGuid(), "out of order", SampleCoverage.Start.AddHours(16));
        await SampleAlerts.AppendAsync(Api.Store, alert);
        var released = await SampleAlerts.ReleaseAsync(Api.Store, QuietUntil, QuietUntil.AddMinutes(1), alert);
        await Api.WaitForProjectionsAsync();
        var beforeTheHold = await LoadAsync(alert.AlertId);
        var held = await SampleAlerts.HoldAsync(Api.Store, alert, QuietUntil, alert.RaisedAt);
        await Api.WaitForProjectionsAsync();

        var document = await LoadAsync(alert.AlertId);

        Assert.Equal((null, released.At), (beforeTheHold!.Held, beforeTheHold.ReleasedAt));
        Assert.Equal(new AlertHold(held.Until, held.At), document!.Held);
        Assert.Equal(released.At, document.ReleasedAt);
    }

    [Fact]
    public async Task A_release_of_an_alert_the_read_model_has_not_seen_creates_no_document()
    {
        var subscription = Guid.NewGuid();
        var known = SampleAlerts.Alert(subscription, "unseen", SampleCoverage.Start.AddHours(17));
        var unseen = SampleAlerts.Alert(subscription, "unseen", SampleCoverage.Start.AddHours(18));
        await SampleAlerts.AppendAsync(Api.Store, known);
        await SampleAlerts.HoldAsync(Api.Store, known, QuietUntil, known.RaisedAt);
        var released = await SampleAlerts.ReleaseAsync(Api.Store, QuietUntil, QuietUntil.AddSeconds(5), known, unseen);
        await Api.WaitForProjectionsAsync();

        Assert.Equal(released.At, (await LoadAsync(known.AlertId))!.ReleasedAt);
        Assert.Null(await LoadAsync(unseen.AlertId));
        Assert.Equal([known.AlertId], (await RowsAsync(known.AlertId, unseen.AlertId)).Keys);
    }

    [Fact]
    public async Task A_second_release_of_an_alert_keeps_the_first_time()
    {
        var alert = SampleAlerts.Alert(Guid.NewGuid(), "twice", SampleCoverage.Start.AddHours(19));
        await SampleAlerts.AppendAsync(Api.Store, alert);
        await SampleAlerts.HoldAsync(Api.Store, alert, QuietUntil, alert.RaisedAt);
        var first = await SampleAlerts.ReleaseAsync(Api.Store, QuietUntil, QuietUntil.AddSeconds(10), alert);
        await SampleAlerts.ReleaseAsync(Api.Store, QuietUntil.AddDays(1), QuietUntil.AddDays(1), alert);
        await Api.WaitForProjectionsAsync();

        Assert.Equal(first.At, (await LoadAsync(alert.AlertId))!.ReleasedAt);
    }

    [Fact]
    public async Task Handling_the_holds_and_releases_again_without_clearing_changes_no_document()
    {
        var (ids, before) = await HeldAndReleasedAsync("again");

        // As after a crash between handling and saving the checkpoint: every event is delivered again.
        await Api.RedeliverAsync([AlertsProjection.ProjectionName]);
        await Api.WaitForProjectionsAsync();
        var after = await RowsAsync(ids);

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (id, row) in before)
        {
            Assert.True(after[id].Updated > row.Updated, "the events were not handled again, so the comparison proves nothing");
            Assert.Equal(row.Data, after[id].Data);
        }
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_documents()
    {
        var (ids, before) = await HeldAndReleasedAsync("rebuild");
        await using (var damage = Api.Store.DataSource.CreateCommand($"DELETE FROM {Alerts.Table} WHERE id = ANY($1)"))
        {
            damage.Parameters.AddWithValue(ids);
            Assert.Equal(ids.Length, await damage.ExecuteNonQueryAsync());
        }
        using var admin = Api.Client();

        using (var response = await admin.PostAsync($"/api/projections/{AlertsProjection.ProjectionName}/rebuild", null))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        ProjectionView? view = null;
        var rebuilt = await Until.HoldsAsync(async () =>
        {
            view = (await admin.GetAsync<ProjectionView[]>("/api/projections")).Single(v => v.Name == AlertsProjection.ProjectionName);
            return view is { Rebuilding: null, Lag: 0 } && (await RowsAsync(ids)).Count == ids.Length;
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        var after = await RowsAsync(ids);

        Assert.True(rebuilt, $"the alerts read model was not rebuilt within 60 s: lag {view?.Lag}, rebuilding {view?.Rebuilding}, failure {view?.Failure}");
        foreach (var (id, row) in before)
            Assert.Equal(row.Data, after[id].Data);
    }

    /// <summary>Two alerts held in one spell and released together, a third held and not yet released, all projected.</summary>
    private async Task<(Guid[] Ids, Dictionary<Guid, (string Data, DateTime Updated)> Rows)> HeldAndReleasedAsync(string subscriptionName)
    {
        var subscription = Guid.NewGuid();
        var alerts = Enumerable.Range(0, 3).Select(n => SampleAlerts.Alert(subscription, subscriptionName, SampleCoverage.Start.AddHours(12 + n))).ToArray();
        foreach (var alert in alerts)
        {
            await SampleAlerts.AppendAsync(Api.Store, alert);
            await SampleAlerts.HoldAsync(Api.Store, alert, QuietUntil, alert.RaisedAt);
        }
        await SampleAlerts.ReleaseAsync(Api.Store, QuietUntil, QuietUntil.AddSeconds(20), alerts[0], alerts[1]);
        await Api.WaitForProjectionsAsync();
        var ids = alerts.Select(a => a.AlertId).ToArray();
        var rows = await RowsAsync(ids);
        Assert.Equal(ids.Length, rows.Count);
        Assert.Equal(2, rows.Values.Count(r => r.Data.Contains("\"releasedAt\": \"", StringComparison.Ordinal)));
        return (ids, rows);
    }
}
