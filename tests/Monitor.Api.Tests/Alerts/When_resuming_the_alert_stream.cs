using System.Net;
using Monitor.Api.Alerts;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Api.Tests.Alerts;

public class When_resuming_the_alert_stream(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private ApiApp _api = null!;

    public async Task InitializeAsync() => _api = await ApiApp.StartAsync(schema);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task What_was_stored_after_the_given_position_before_connecting_comes_first_then_what_is_stored_live()
    {
        var subscription = Guid.NewGuid();
        var seen = SampleAlerts.Alert(subscription, "seen", SampleCoverage.Start.AddHours(1));
        var missed = SampleAlerts.Alert(subscription, "missed", SampleCoverage.Start.AddHours(2));
        await SampleAlerts.AppendAsync(_api.Store, seen);
        await SampleAlerts.AppendAsync(_api.Store, missed, new AlertAcknowledged(missed.AlertId, "ana", missed.RaisedAt.AddMinutes(1)));
        var after = (await SampleAlerts.StreamIdsAsync(_api.Store, seen.AlertId))[0];

        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client(), after: after);
        var live = SampleAlerts.Alert(subscription, "live", SampleCoverage.Start.AddHours(3));
        await SampleAlerts.AppendAsync(_api.Store, live);

        var received = await stream.NextAsync(3);
        Assert.Equal(after, stream.StartId);
        Assert.Equal([("alert", missed.AlertId), ("alert-updated", missed.AlertId), ("alert", live.AlertId)],
            received.Select(e => (e.Name, e.Json.GetProperty("id").GetGuid())));
        Assert.Equal([.. await SampleAlerts.StreamIdsAsync(_api.Store, missed.AlertId), .. await SampleAlerts.StreamIdsAsync(_api.Store, live.AlertId)],
            received.Select(e => e.Id));
    }

    [Fact]
    public async Task A_reconnection_with_Last_Event_ID_gets_exactly_what_was_stored_while_disconnected_in_order()
    {
        var subscription = Guid.NewGuid();
        var first = SampleAlerts.Alert(subscription, "first", SampleCoverage.Start.AddHours(4));
        string lastEventId;
        await using (var before = await AlertStreamClient.ConnectAsync(_api.Client()))
        {
            await SampleAlerts.AppendAsync(_api.Store, first);
            lastEventId = (await before.NextAsync()).Id!;
        }

        var second = SampleAlerts.Alert(subscription, "second", SampleCoverage.Start.AddHours(5));
        var third = SampleAlerts.Alert(subscription, "third", SampleCoverage.Start.AddHours(6));
        await SampleAlerts.AppendAsync(_api.Store, second);
        var acknowledged = await AcknowledgeAsync(first);
        await SampleAlerts.AppendAsync(_api.Store, third);

        await using var resumed = await AlertStreamClient.ConnectAsync(_api.Client(), lastEventId: lastEventId);
        var fourth = SampleAlerts.Alert(subscription, "fourth", SampleCoverage.Start.AddHours(7));
        await SampleAlerts.AppendAsync(_api.Store, fourth);

        // the fourth comes right after the three missed: nothing before the disconnection is sent again
        var received = await resumed.NextAsync(4);
        Assert.Equal([("alert", second.AlertId), ("alert-updated", first.AlertId), ("alert", third.AlertId), ("alert", fourth.AlertId)],
            received.Select(e => (e.Name, e.Json.GetProperty("id").GetGuid())));
        Assert.Equal([
            (await SampleAlerts.StreamIdsAsync(_api.Store, second.AlertId))[0], acknowledged,
            (await SampleAlerts.StreamIdsAsync(_api.Store, third.AlertId))[0], (await SampleAlerts.StreamIdsAsync(_api.Store, fourth.AlertId))[0]],
            received.Select(e => e.Id));
    }

    [Fact]
    public async Task A_stream_resumed_while_alerts_are_being_stored_gets_each_once_in_order()
    {
        const int count = 60;
        var subscription = Guid.NewGuid();
        var alerts = Enumerable.Range(0, count).Select(i => SampleAlerts.Alert(subscription, "busy", SampleCoverage.Start.AddHours(8).AddSeconds(i))).ToArray();
        string from;
        await using (var probe = await AlertStreamClient.ConnectAsync(_api.Client()))
            from = probe.StartId;

        var stored = 0;
        var writer = Task.Run(async () =>
        {
            foreach (var alert in alerts)
            {
                await SampleAlerts.AppendAsync(_api.Store, alert);
                Interlocked.Increment(ref stored);
            }
        });
        // joins with a third stored: some come from the catch-up, the rest live, and some may be stored as it joins
        Assert.True(await Until.HoldsAsync(() => Volatile.Read(ref stored) >= count / 3, TimeSpan.FromSeconds(30)), "the writer did not get going");
        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client(), TimeSpan.FromSeconds(60), after: from);
        await writer.WaitAsync(TimeSpan.FromSeconds(60));

        var received = await stream.NextAsync(count);
        Assert.Equal(alerts.Select(a => a.AlertId), received.Select(e => e.Json.GetProperty("id").GetGuid()));
        var ids = received.Select(e => Position(e.Id)).ToArray();
        Assert.True(ids.Zip(ids.Skip(1)).All(pair => pair.First < pair.Second), "ids rise in log order: " + string.Join(", ", received.Select(e => e.Id)));
    }

    [Fact]
    public async Task The_list_and_the_stream_after_its_position_miss_nothing_stored_between_them()
    {
        var subscription = Guid.NewGuid();
        var listed = SampleAlerts.Alert(subscription, "listed", SampleCoverage.Start.AddHours(9));
        await SampleAlerts.AppendAsync(_api.Store, listed);
        await _api.WaitForProjectionsAsync();
        using var http = _api.Client();
        var list = await http.GetJsonAsync($"/api/alerts?subscriptionId={subscription}");

        var between = SampleAlerts.Alert(subscription, "between", SampleCoverage.Start.AddHours(10));
        await SampleAlerts.AppendAsync(_api.Store, between);
        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client(), after: list.GetProperty("position").GetString());
        var live = SampleAlerts.Alert(subscription, "live", SampleCoverage.Start.AddHours(11));
        await SampleAlerts.AppendAsync(_api.Store, live);

        Assert.Equal([listed.AlertId], list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.True(Position(list.GetProperty("position").GetString()) >= Position((await SampleAlerts.StreamIdsAsync(_api.Store, listed.AlertId))[0]),
            $"the list's position {list.GetProperty("position")} is before the alert it lists");
        var received = await stream.NextAsync(2);
        Assert.Equal([("alert", between.AlertId), ("alert", live.AlertId)], received.Select(e => (e.Name, e.Json.GetProperty("id").GetGuid())));
    }

    [Theory]
    [InlineData("abc", null, "after")]
    [InlineData("12-", null, "after")]
    [InlineData("012-5", null, "after")]
    [InlineData(null, "6f1c5a0e-8a34-4c1b-9f1e-1c2d3e4f5a6b", "Last-Event-ID")] // an alert id, as the stream sent before positions
    [InlineData("1-1", "1-1-1", "Last-Event-ID")] // the header is read first: EventSource keeps after= when it reconnects
    public async Task A_malformed_position_gets_400_naming_where_it_came_from(string? after, string? lastEventId, string field)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await AlertStreamClient.SendAsync(_api.Client(), after, lastEventId, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (status, title, fields) = await response.ProblemAsync();
        Assert.Equal(400, status);
        Assert.Equal([field], fields);
        Assert.Contains($"'{lastEventId ?? after}' is not a position of the alert stream", title);
    }

    [Fact]
    public async Task A_position_too_far_behind_gets_reload_then_what_is_stored_live()
    {
        // more alerts raised than a client can be caught up with, each in its own stream, in one transaction
        var floodSubscription = Guid.NewGuid();
        var flood = Enumerable.Range(0, AlertCatchUp.Limit + 1)
            .Select(i => SampleAlerts.Alert(floodSubscription, "flood", SampleCoverage.Start.AddHours(13).AddMilliseconds(i)))
            .ToArray();
        await _api.Store.AppendBatchAsync(flood.Select(a => new StreamAppend(a.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.NoStream,
            [new EventData(Guid.NewGuid(), a)])).ToArray());
        var last = (await _api.Store.ReadStreamsAsync(flood.Select(a => a.AlertId).ToArray())).MaxBy(s => s.Value[^1].Position).Key;
        await WaitUntilTheStreamFollowsPastAsync(last);

        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client(), after: StreamPosition.Format(GlobalPosition.Start));
        var live = SampleAlerts.Alert(Guid.NewGuid(), "live", SampleCoverage.Start.AddHours(14));
        await SampleAlerts.AppendAsync(_api.Store, live);

        var (reload, next) = (await stream.NextAsync(), await stream.NextAsync());
        Assert.Equal("reload", reload.Name);
        Assert.Equal($"more than {AlertCatchUp.Limit} alert events to catch up", reload.Json.GetProperty("reason").GetString());
        Assert.True(Position(reload.Id) >= Position((await SampleAlerts.StreamIdsAsync(_api.Store, last))[^1]), "a reconnection after the reload resumes after the flood");
        Assert.Equal(("alert", live.AlertId), (next.Name, next.Json.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_position_the_log_never_reached_gets_reload_then_what_is_stored_live()
    {
        // as a page kept open across a reset of the database would send it
        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client(), after: StreamPosition.Format(new GlobalPosition(0, long.MaxValue / 2)));
        var live = SampleAlerts.Alert(Guid.NewGuid(), "live", SampleCoverage.Start.AddHours(15));
        await SampleAlerts.AppendAsync(_api.Store, live);

        var (reload, next) = (await stream.NextAsync(), await stream.NextAsync());
        Assert.Equal("reload", reload.Name);
        Assert.Equal(("alert", live.AlertId), (next.Name, next.Json.GetProperty("id").GetGuid()));
    }

    /// <summary>Acknowledges through the API, as the dashboard does; the acknowledgement's stream id.</summary>
    private async Task<string> AcknowledgeAsync(AlertRaised alert)
    {
        using var admin = _api.Client();
        (await admin.PostAsync($"/api/alerts/{alert.AlertId}/ack", null)).EnsureSuccessStatusCode();
        return (await SampleAlerts.StreamIdsAsync(_api.Store, alert.AlertId))[^1];
    }

    /// <summary>Waits until a new connection's starting id is past the stream's last event: the live feed has followed the log past it.</summary>
    private async Task WaitUntilTheStreamFollowsPastAsync(Guid streamId)
    {
        var last = Position((await SampleAlerts.StreamIdsAsync(_api.Store, streamId))[^1]);
        var followed = await Until.HoldsAsync(async () =>
        {
            await using var probe = await AlertStreamClient.ConnectAsync(_api.Client());
            return Position(probe.StartId) >= last;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.True(followed, "the stream did not follow the log past the flood within 30 s");
    }

    [Fact]
    public async Task A_reconnection_in_the_middle_of_a_release_still_gets_the_rest_of_its_updates()
    {
        var subscription = Guid.NewGuid();
        var quietUntil = SampleCoverage.Start.AddHours(40);
        var first = SampleAlerts.Alert(subscription, "night", SampleCoverage.Start.AddHours(30));
        var second = SampleAlerts.Alert(subscription, "night", SampleCoverage.Start.AddHours(31));
        string lastEventId;
        await using (var before = await AlertStreamClient.ConnectAsync(_api.Client()))
        {
            lastEventId = before.StartId;
            await SampleAlerts.AppendAsync(_api.Store, first);
            await SampleAlerts.AppendAsync(_api.Store, second);
            await SampleAlerts.ReleaseAsync(_api.Store, quietUntil, quietUntil.AddSeconds(5), first, second);
            // The connection drops after the release's first update; EventSource resumes by the last id it was sent.
            var received = await before.NextAsync(3);
            Assert.Equal([("alert", first.AlertId), ("alert", second.AlertId), ("alert-updated", first.AlertId)],
                received.Select(e => (e.Name, e.Json.GetProperty("id").GetGuid())));
            foreach (var e in received) lastEventId = e.Id ?? lastEventId;
        }

        await using var resumed = await AlertStreamClient.ConnectAsync(_api.Client(), lastEventId: lastEventId);
        var later = SampleAlerts.Alert(subscription, "later", SampleCoverage.Start.AddHours(41));
        await SampleAlerts.AppendAsync(_api.Store, later);
        var afterReconnecting = new List<ServerSentEvent>();
        while (afterReconnecting.Count < 5 && afterReconnecting.LastOrDefault()?.Name != "alert")
            afterReconnecting.Add(await resumed.NextAsync());

        // the first alert's update may come again (the dashboard applies it once), the second's must come
        Assert.Contains(("alert-updated", second.AlertId), afterReconnecting.Select(e => (e.Name, e.Json.GetProperty("id").GetGuid())));
        Assert.Equal(("alert", later.AlertId), (afterReconnecting[^1].Name, afterReconnecting[^1].Json.GetProperty("id").GetGuid()));
    }

    private static GlobalPosition Position(string? id)
    {
        Assert.True(StreamPosition.TryParse(id, out var position), $"'{id}' is not a stream position");
        return position;
    }
}
