using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Api.Alerts;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts.Alerts;
using Monitor.Hosting.Access;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Api.Tests.Alerts;

public class When_watching_the_alert_stream(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    // The sample starts 10:00 UTC; quiet hours run 22:00 to 07:00 the next morning.
    private static readonly DateTimeOffset QuietUntil = SampleCoverage.Start.AddHours(21);

    private ApiApp _api = null!;

    public async Task InitializeAsync() => _api = await ApiApp.StartAsync(schema);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_alert_raised_after_connecting_arrives_as_an_alert_event_in_a_cookie_session()
    {
        var earlier = SampleAlerts.Alert(Guid.NewGuid(), "before", SampleCoverage.Start);
        await SampleAlerts.AppendAsync(_api.Store, earlier);
        var key = await _api.IssueKeyAsync("eve", Roles.Viewer);
        var browser = _api.Client(key: null, new HttpClientHandler { CookieContainer = new CookieContainer() });
        (await browser.PostAsJsonAsync("/api/session", new { key })).EnsureSuccessStatusCode();

        await using var stream = await AlertStreamClient.ConnectAsync(browser);
        Assert.Equal("text/event-stream", stream.MediaType);

        var raised = SampleAlerts.Alert(Guid.NewGuid(), "live", SampleCoverage.Start.AddHours(1));
        await SampleAlerts.AppendAsync(_api.Store, raised);

        var received = await stream.NextAsync();
        Assert.Equal("alert", received.Name);
        Assert.Equal((await SampleAlerts.StreamIdsAsync(_api.Store, raised.AlertId))[0], received.Id);
        var alert = JsonSerializer.Deserialize<AlertView>(received.Data, JsonSerializerOptions.Web)!;
        Assert.Equal((raised.AlertId, "live", raised.Summary), (alert.Id, alert.SubscriptionName, alert.Summary));
    }

    [Fact]
    public async Task The_alert_event_is_the_alert_as_listed_under_the_id_of_its_log_position()
    {
        var subscription = Guid.NewGuid();
        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client());

        var raised = SampleAlerts.Alert(subscription, "as listed", SampleCoverage.Start.AddHours(2), SampleCoverage.Item("w2"));
        await SampleAlerts.AppendAsync(_api.Store, raised);
        var received = await stream.NextAsync();
        await _api.WaitForProjectionsAsync();
        using var http = _api.Client();
        var listed = (await http.GetJsonAsync($"/api/alerts?subscriptionId={subscription}")).GetProperty("items")[0];

        Assert.Equal(["event: alert", $"id: {(await SampleAlerts.StreamIdsAsync(_api.Store, raised.AlertId))[0]}"], received.Lines.Take(2));
        Assert.Equal(3, received.Lines.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(listed.GetRawText()), JsonNode.Parse(received.Data)),
            $"streamed {received.Data}\nlisted {listed.GetRawText()}");
    }

    [Fact]
    public async Task An_acknowledgement_arrives_as_an_update_after_its_alert()
    {
        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client());
        // Analysts acknowledge the alerts of their own subscriptions.
        var subscription = SampleAlerts.Subscription("ana", "ack");
        await SampleAlerts.AppendAsync(_api.Store, subscription);
        var raised = SampleAlerts.Alert(subscription.SubscriptionId, "ack", SampleCoverage.Start.AddHours(3));
        await SampleAlerts.AppendAsync(_api.Store, raised);
        using var analyst = _api.Client(await _api.IssueKeyAsync("ana", Roles.Analyst));

        (await analyst.PostAsync($"/api/alerts/{raised.AlertId}/ack", null)).EnsureSuccessStatusCode();

        var (alert, update) = (await stream.NextAsync(), await stream.NextAsync());
        var ids = await SampleAlerts.StreamIdsAsync(_api.Store, raised.AlertId);
        Assert.Equal(("alert", ids[0]), (alert.Name, alert.Id));
        Assert.Equal(("alert-updated", ids[1]), (update.Name, update.Id));
        Assert.Equal(["id", "acknowledged"], update.Json.EnumerateObject().Select(p => p.Name));
        var stored = (await _api.Store.ReadStreamAsync(raised.AlertId)).Select(e => e.Data).OfType<AlertAcknowledged>().Single();
        Assert.Equal(raised.AlertId, update.Json.GetProperty("id").GetGuid());
        var acknowledged = update.Json.GetProperty("acknowledged");
        Assert.Equal(("ana", stored.At), (acknowledged.GetProperty("by").GetString(), acknowledged.GetProperty("at").GetDateTimeOffset()));
    }

    [Fact]
    public async Task Holds_follow_their_alerts_and_a_release_updates_every_alert_it_lists()
    {
        var subscription = Guid.NewGuid();
        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client());
        var first = SampleAlerts.Alert(subscription, "night", SampleCoverage.Start.AddHours(13));
        var second = SampleAlerts.Alert(subscription, "night", SampleCoverage.Start.AddHours(14));

        // As the alerts service stores them: the first raised and held in one append, the second held just after.
        await SampleAlerts.AppendAsync(_api.Store, first, new AlertHeld(first.AlertId, subscription, QuietUntil, first.RaisedAt.AddSeconds(1)));
        await SampleAlerts.AppendAsync(_api.Store, second);
        await SampleAlerts.HoldAsync(_api.Store, second, QuietUntil, second.RaisedAt.AddSeconds(2));
        var release = await SampleAlerts.ReleaseAsync(_api.Store, QuietUntil, QuietUntil.AddSeconds(40), first, second);

        var received = await stream.NextAsync(6);
        Assert.Equal(
            [("alert", first.AlertId), ("alert-updated", first.AlertId), ("alert", second.AlertId), ("alert-updated", second.AlertId),
             ("alert-updated", first.AlertId), ("alert-updated", second.AlertId)],
            received.Select(e => (e.Name, e.Json.GetProperty("id").GetGuid())));
        // one event, one position: on its last message, so that a client cut off halfway resumes before it
        Assert.Null(received[4].Id);
        Assert.Equal((await SampleAlerts.StreamIdsAsync(_api.Store, release.Release.ReleaseId)).Single(), received[5].Id);
        AssertHeld(received[1], QuietUntil, first.RaisedAt.AddSeconds(1));
        AssertHeld(received[3], QuietUntil, second.RaisedAt.AddSeconds(2));
        foreach (var update in received.Skip(4))
        {
            Assert.Equal(["id", "releasedAt"], update.Json.EnumerateObject().Select(p => p.Name));
            Assert.Equal(release.At, update.Json.GetProperty("releasedAt").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Deliveries_arrive_as_totals_so_far_with_every_channel_s_state()
    {
        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client());
        var raised = SampleAlerts.Alert(Guid.NewGuid(), "deliveries", SampleCoverage.Start.AddHours(4));
        await SampleAlerts.AppendAsync(_api.Store, raised,
            new AlertDelivered(raised.AlertId, "slack", AlertChannelKinds.Slack, 1, raised.RaisedAt.AddSeconds(1)),
            new AlertDeliveryFailed(raised.AlertId, "hook", AlertChannelKinds.Webhook, "HTTP 500 from https://hooks.example.com", 5, raised.RaisedAt.AddSeconds(30)),
            new AlertDelivered(raised.AlertId, "mail", AlertChannelKinds.Email, 2, raised.RaisedAt.AddSeconds(31)),
            new AlertDeliveryFailed(raised.AlertId, "ding", AlertChannelKinds.DingTalk, "circuit open", 1, raised.RaisedAt.AddSeconds(32)));

        var received = await stream.NextAsync(5);

        Assert.Equal(["alert", "alert-updated", "alert-updated", "alert-updated", "alert-updated"], received.Select(e => e.Name));
        Assert.Equal(["id", "deliveries", "channels"], received[1].Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, received[1].Json.GetProperty("deliveries").GetInt32());
        Assert.Equal(["id", "channels", "deliveryFailures"], received[2].Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["slack:delivered", "hook:failed"], received[2].Json.GetProperty("channels").EnumerateArray()
            .Select(c => $"{c.GetProperty("channelId").GetString()}:{c.GetProperty("state").GetString()}"));
        var firstFailure = Assert.Single(received[2].Json.GetProperty("deliveryFailures").Deserialize<AlertDeliveryFailureView[]>(JsonSerializerOptions.Web)!);
        Assert.Equal(new AlertDeliveryFailureView("hook", AlertChannelKinds.Webhook, "HTTP 500 from https://hooks.example.com", 5, raised.RaisedAt.AddSeconds(30)), firstFailure);
        Assert.Equal(2, received[3].Json.GetProperty("deliveries").GetInt32());
        Assert.Equal(["hook", "ding"], received[4].Json.GetProperty("deliveryFailures").EnumerateArray().Select(f => f.GetProperty("channelId").GetString()));
    }

    [Fact]
    public async Task Nothing_stored_before_connecting_is_sent_but_a_later_change_to_an_earlier_alert_is()
    {
        var subscription = Guid.NewGuid();
        var heldBefore = SampleAlerts.Alert(subscription, "before", SampleCoverage.Start.AddHours(15));
        var acknowledgedBefore = SampleAlerts.Alert(subscription, "before", SampleCoverage.Start.AddHours(16));
        await SampleAlerts.AppendAsync(_api.Store, heldBefore, new AlertHeld(heldBefore.AlertId, subscription, QuietUntil, heldBefore.RaisedAt));
        await SampleAlerts.AppendAsync(_api.Store, acknowledgedBefore,
            new AlertAcknowledged(acknowledgedBefore.AlertId, "ana", acknowledgedBefore.RaisedAt.AddMinutes(1)),
            new AlertDelivered(acknowledgedBefore.AlertId, "slack", AlertChannelKinds.Slack, 1, acknowledgedBefore.RaisedAt));

        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client());
        var release = await SampleAlerts.ReleaseAsync(_api.Store, QuietUntil, QuietUntil.AddSeconds(5), heldBefore);
        var after = SampleAlerts.Alert(subscription, "after", SampleCoverage.Start.AddHours(17));
        await SampleAlerts.AppendAsync(_api.Store, after);

        var received = await stream.NextAsync(2);
        Assert.Equal([("alert-updated", heldBefore.AlertId), ("alert", after.AlertId)], received.Select(e => (e.Name, e.Json.GetProperty("id").GetGuid())));
        Assert.Equal(release.At, received[0].Json.GetProperty("releasedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_alert_stored_before_connecting_is_not_sent_though_an_older_transaction_was_still_open()
    {
        // Another writer's transaction, begun before the alert was stored and still open when the client connects:
        // the log's readers wait below it, yet the alert was stored before connecting.
        await using var other = await _api.Store.DataSource.OpenConnectionAsync();
        await using var open = await other.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("SELECT pg_current_xact_id()", other, open))
            await xid.ExecuteScalarAsync();
        var before = SampleAlerts.Alert(Guid.NewGuid(), "before", SampleCoverage.Start.AddHours(18));
        await SampleAlerts.AppendAsync(_api.Store, before, new AlertAcknowledged(before.AlertId, "ana", before.RaisedAt.AddMinutes(1)));

        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client());
        await open.RollbackAsync();
        var after = SampleAlerts.Alert(Guid.NewGuid(), "after", SampleCoverage.Start.AddHours(19));
        await SampleAlerts.AppendAsync(_api.Store, after);

        var received = await stream.NextAsync();
        Assert.Equal(("alert", after.AlertId), (received.Name, received.Json.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_release_listing_more_alerts_than_a_listener_keeps_pending_reaches_a_client_that_keeps_up_whole()
    {
        // One quiet night of a busy subscription: more held alerts than the 256 messages a listener keeps pending.
        const int held = 300;
        var subscription = Guid.NewGuid();
        var night = Enumerable.Range(0, held).Select(i => SampleAlerts.Alert(subscription, "busy night", SampleCoverage.Start.AddHours(12).AddSeconds(i))).ToArray();
        foreach (var alert in night)
            await SampleAlerts.AppendAsync(_api.Store, alert, new AlertHeld(alert.AlertId, subscription, QuietUntil, alert.RaisedAt));

        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client(), TimeSpan.FromSeconds(30));
        await SampleAlerts.ReleaseAsync(_api.Store, QuietUntil, QuietUntil.AddSeconds(40), night);
        var after = SampleAlerts.Alert(subscription, "morning", QuietUntil.AddMinutes(5));
        await SampleAlerts.AppendAsync(_api.Store, after);

        // everything up to the alert stored after the release
        var released = new List<Guid>();
        for (var i = 0; i <= held; i++)
        {
            var next = await stream.NextAsync();
            if (next.Name == "alert") break;
            released.Add(next.Json.GetProperty("id").GetGuid());
        }

        Assert.Equal(held, released.Count);
        Assert.Equal(night.Select(a => a.AlertId), released);
    }

    private static void AssertHeld(ServerSentEvent update, DateTimeOffset until, DateTimeOffset at)
    {
        Assert.Equal(["id", "held"], update.Json.EnumerateObject().Select(p => p.Name));
        var held = update.Json.GetProperty("held");
        Assert.Equal((until, at), (held.GetProperty("until").GetDateTimeOffset(), held.GetProperty("at").GetDateTimeOffset()));
    }
}
