using System.Net;
using Monitor.Api.Alerts;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts.Alerts;
using Monitor.Hosting.Access;
using Monitor.Testing;

namespace Monitor.Api.Tests.Access;

public class When_an_analyst_reads_alerts(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private ApiApp _api = null!;

    public async Task InitializeAsync() => _api = await ApiApp.StartAsync(schema);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task They_list_count_and_acknowledge_only_the_alerts_of_their_own_subscriptions()
    {
        // Owners of their own: the class's tests share one store.
        var (own, other) = (SampleAlerts.Subscription("ana.list", "SU7 negative"), SampleAlerts.Subscription("bob.list", "BYD watch"));
        await SampleAlerts.AppendAsync(_api.Store, own);
        await SampleAlerts.AppendAsync(_api.Store, other);
        var ownAlert = SampleAlerts.Alert(own.SubscriptionId, own.Name, SampleCoverage.Start.AddHours(1));
        var otherAlert = SampleAlerts.Alert(other.SubscriptionId, other.Name, SampleCoverage.Start.AddHours(2));
        await SampleAlerts.AppendAsync(_api.Store, ownAlert);
        await SampleAlerts.AppendAsync(_api.Store, otherAlert);
        await _api.WaitForProjectionsAsync();
        using var ana = _api.Client(await _api.IssueKeyAsync("ana.list", Roles.Analyst));
        using var viewer = _api.Client(await _api.IssueKeyAsync("vic", Roles.Viewer));

        var seenByAna = await ana.GetAsync<AlertList>("/api/alerts");
        var askedForBobs = await ana.GetAsync<AlertList>($"/api/alerts?subscriptionId={other.SubscriptionId}");
        var seenByViewer = await viewer.GetAsync<AlertList>("/api/alerts");
        using var ackOfBobs = await ana.PostAsync($"/api/alerts/{otherAlert.AlertId}/ack", null);
        using var ackOfOwn = await ana.PostAsync($"/api/alerts/{ownAlert.AlertId}/ack", null);

        Assert.Equal([ownAlert.AlertId], seenByAna.Items.Select(a => a.Id));
        Assert.Equal((1, 1), (seenByAna.Total, seenByAna.Open));
        Assert.Empty(askedForBobs.Items);
        Assert.Superset(new HashSet<Guid> { otherAlert.AlertId, ownAlert.AlertId }, seenByViewer.Items.Select(a => a.Id).ToHashSet());
        Assert.True(seenByViewer.Open >= 2);
        Assert.Equal(HttpStatusCode.NotFound, ackOfBobs.StatusCode);
        Assert.DoesNotContain((await _api.Store.ReadStreamAsync(otherAlert.AlertId)).Select(e => e.Data), d => d is AlertAcknowledged);
        Assert.Equal(HttpStatusCode.OK, ackOfOwn.StatusCode);
    }

    [Fact]
    public async Task Their_live_stream_carries_only_the_alerts_of_their_own_subscriptions()
    {
        var (own, other) = (SampleAlerts.Subscription("ana", "SU7 negative"), SampleAlerts.Subscription("bob", "BYD watch"));
        await SampleAlerts.AppendAsync(_api.Store, own);
        await SampleAlerts.AppendAsync(_api.Store, other);
        await using var stream = await AlertStreamClient.ConnectAsync(_api.Client(await _api.IssueKeyAsync("ana", Roles.Analyst)));

        var otherAlert = SampleAlerts.Alert(other.SubscriptionId, other.Name, SampleCoverage.Start.AddHours(3));
        var ownAlert = SampleAlerts.Alert(own.SubscriptionId, own.Name, SampleCoverage.Start.AddHours(4));
        await SampleAlerts.AppendAsync(_api.Store, otherAlert,
            new AlertAcknowledged(otherAlert.AlertId, "bob", SampleCoverage.Start.AddHours(4)));
        await SampleAlerts.AppendAsync(_api.Store, ownAlert);

        // Bob's alert and its update were stored first; the first event Ana gets is her own alert.
        var received = await stream.NextAsync();
        Assert.Equal(("alert", ownAlert.AlertId), (received.Name, received.Json.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_delivery_failure_never_shows_the_credentials_in_the_url_it_quotes()
    {
        var subscription = SampleAlerts.Subscription("ana", "tokens");
        await SampleAlerts.AppendAsync(_api.Store, subscription);
        var alert = SampleAlerts.Alert(subscription.SubscriptionId, subscription.Name, SampleCoverage.Start.AddHours(5));
        await SampleAlerts.AppendAsync(_api.Store, alert, new AlertDeliveryFailed(alert.AlertId, "ding", AlertChannelKinds.DingTalk,
            "HTTP 500 from https://oapi.dingtalk.com/robot/send?access_token=d1ngT0KEN", 5, alert.RaisedAt));
        await _api.WaitForProjectionsAsync();
        using var admin = _api.Client();

        var listed = await admin.GetAsync<AlertList>($"/api/alerts?subscriptionId={subscription.SubscriptionId}");

        Assert.Equal("HTTP 500 from https://oapi.dingtalk.com/robot/send?access_token=***", Assert.Single(Assert.Single(listed.Items).DeliveryFailures).Reason);
    }
}
