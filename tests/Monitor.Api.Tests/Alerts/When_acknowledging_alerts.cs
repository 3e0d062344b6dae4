using System.Net;
using System.Net.Http.Json;
using Monitor.Api.Alerts;
using Monitor.Api.Querying;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Access;
using Monitor.Hosting.Storage;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Tests.Alerts;

public class When_acknowledging_alerts(SampleApi sample) : IClassFixture<SampleApi>
{
    private ApiApp Api => sample.Api;

    private static readonly Guid SubscriptionId = Guid.NewGuid();

    [Fact]
    public async Task Alerts_list_newest_first_with_mention_titles_and_delivery_failures()
    {
        var subscription = Guid.NewGuid();
        var older = SampleAlerts.Alert(subscription, "SU7", SampleCoverage.Start.AddHours(1), SampleCoverage.Item("n1"));
        var newer = SampleAlerts.Alert(subscription, "SU7", SampleCoverage.Start.AddHours(2), SampleCoverage.Item("w2"));
        await SampleAlerts.AppendAsync(Api.Store, older,
            new AlertDelivered(older.AlertId, "slack", AlertChannelKinds.Slack, 1, older.RaisedAt),
            new AlertDeliveryFailed(older.AlertId, "hook", AlertChannelKinds.Webhook, "HTTP 500 from https://hooks.example.com", 5, older.RaisedAt));
        await SampleAlerts.AppendAsync(Api.Store, newer);
        await Api.WaitForProjectionsAsync();
        using var http = Api.Client();

        var page = await http.GetAsync<Paged<AlertView>>($"/api/alerts?subscriptionId={subscription}");

        Assert.Equal([newer.AlertId, older.AlertId], page.Items.Select(a => a.Id));
        Assert.Equal(2, page.Total);
        var first = page.Items[1];
        Assert.Equal(SampleCoverage.Item("n1").Title, Assert.Single(first.TopMentions).Title);
        Assert.Equal(("hook", "HTTP 500 from https://hooks.example.com"), (Assert.Single(first.DeliveryFailures).ChannelId, first.DeliveryFailures[0].Reason));
        Assert.Equal(1, first.Deliveries);
        Assert.Equal((AlertRuleKinds.NegativeShare, 0.625, 8), (first.Rule.Kind, first.Numbers.Value, first.Numbers.Volume));
        Assert.Null(first.Acknowledged);
    }

    [Fact]
    public async Task Acknowledging_appends_one_event_with_the_id_the_alerts_service_uses()
    {
        // Analysts acknowledge the alerts of their own subscriptions.
        var subscription = SampleAlerts.Subscription("ana", "ack");
        await SampleAlerts.AppendAsync(Api.Store, subscription);
        var alert = SampleAlerts.Alert(subscription.SubscriptionId, "ack", SampleCoverage.Start.AddHours(5));
        await SampleAlerts.AppendAsync(Api.Store, alert);
        using var analyst = Api.Client(await Api.IssueKeyAsync("ana", Roles.Analyst));
        using var admin = Api.Client();

        using var first = await analyst.PostAsync($"/api/alerts/{alert.AlertId}/ack", null);
        using var second = await admin.PostAsync($"/api/alerts/{alert.AlertId}/ack", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("ana", (await first.Content.ReadFromJsonAsync<AlertAcknowledgement>())!.By);
        Assert.Equal("ana", (await second.Content.ReadFromJsonAsync<AlertAcknowledgement>())!.By);
        var acks = (await Api.Store.ReadStreamAsync(alert.AlertId)).Where(e => e.Data is AlertAcknowledged).ToArray();
        Assert.Equal(CoverageIdentity.NameBased(alert.AlertId, MonitorEventTypes.AlertAcknowledged), Assert.Single(acks).Id);
    }

    [Fact]
    public async Task An_acknowledgement_made_by_the_alerts_service_stands()
    {
        var alert = SampleAlerts.Alert(SubscriptionId, "acked elsewhere", SampleCoverage.Start.AddHours(6));
        await SampleAlerts.AppendAsync(Api.Store, alert);
        var elsewhere = new AlertAcknowledged(alert.AlertId, "olga", SampleCoverage.Start.AddHours(7));
        await Api.Store.AppendAsync(alert.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any,
            [new EventData(CoverageIdentity.NameBased(alert.AlertId, MonitorEventTypes.AlertAcknowledged), elsewhere)]);
        using var admin = Api.Client();

        using var response = await admin.PostAsync($"/api/alerts/{alert.AlertId}/ack", null);

        Assert.Equal(new AlertAcknowledgement("olga", elsewhere.At), await response.Content.ReadFromJsonAsync<AlertAcknowledgement>());
        Assert.Single(await Api.Store.ReadStreamAsync(alert.AlertId), e => e.Data is AlertAcknowledged);
    }

    [Fact]
    public async Task The_list_filters_by_acknowledgement_once_the_read_model_has_it()
    {
        var subscription = Guid.NewGuid();
        var acked = SampleAlerts.Alert(subscription, "filter", SampleCoverage.Start.AddHours(8));
        var open = SampleAlerts.Alert(subscription, "filter", SampleCoverage.Start.AddHours(9));
        await SampleAlerts.AppendAsync(Api.Store, acked);
        await SampleAlerts.AppendAsync(Api.Store, open);
        using var admin = Api.Client();
        (await admin.PostAsync($"/api/alerts/{acked.AlertId}/ack", null)).EnsureSuccessStatusCode();
        await Api.WaitForProjectionsAsync();

        var done = await admin.GetAsync<Paged<AlertView>>($"/api/alerts?subscriptionId={subscription}&acknowledged=true");
        var pending = await admin.GetAsync<Paged<AlertView>>($"/api/alerts?subscriptionId={subscription}&acknowledged=false");

        Assert.Equal(acked.AlertId, Assert.Single(done.Items).Id);
        Assert.Equal("admin", done.Items[0].Acknowledged!.By);
        Assert.Equal(open.AlertId, Assert.Single(pending.Items).Id);
    }

    [Fact]
    public async Task Acknowledging_an_unknown_alert_is_404()
    {
        using var admin = Api.Client();

        using var response = await admin.PostAsync($"/api/alerts/{Guid.NewGuid()}/ack", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no alert", (await response.ProblemAsync()).Title);
    }

    [Theory]
    [InlineData("subscriptionId=42", "subscriptionId")]
    [InlineData("acknowledged=maybe", "acknowledged")]
    [InlineData("page=2147483647", "page")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task Bad_alert_filters_get_a_problem_naming_them(string query, string field)
    {
        using var admin = Api.Client();

        using var response = await admin.GetAsync("/api/alerts?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ProblemAsync()).Fields);
    }
}
