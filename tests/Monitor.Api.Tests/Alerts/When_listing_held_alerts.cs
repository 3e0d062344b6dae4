using Monitor.Api.Alerts;
using Monitor.Api.Querying;
using Monitor.Api.Tests.Infrastructure;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Tests.Alerts;

public class When_listing_held_alerts(SampleApi sample) : IClassFixture<SampleApi>
{
    private ApiApp Api => sample.Api;

    // The sample starts 10:00 UTC; quiet hours run 22:00 to 07:00 the next morning.
    private static readonly DateTimeOffset QuietUntil = SampleCoverage.Start.AddHours(21);

    [Fact]
    public async Task A_listed_alert_carries_its_hold_and_when_it_was_released()
    {
        var subscription = Guid.NewGuid();
        var released = SampleAlerts.Alert(subscription, "night", SampleCoverage.Start.AddHours(13));
        var waiting = SampleAlerts.Alert(subscription, "night", SampleCoverage.Start.AddHours(14));
        var sentAtOnce = SampleAlerts.Alert(subscription, "night", SampleCoverage.Start.AddHours(1));
        await SampleAlerts.AppendAsync(Api.Store, sentAtOnce);
        foreach (var alert in new[] { released, waiting })
        {
            await SampleAlerts.AppendAsync(Api.Store, alert);
            await SampleAlerts.HoldAsync(Api.Store, alert, QuietUntil, alert.RaisedAt.AddSeconds(2));
        }
        var release = await SampleAlerts.ReleaseAsync(Api.Store, QuietUntil, QuietUntil.AddSeconds(40), released);
        await Api.WaitForProjectionsAsync();
        using var http = Api.Client();

        var alerts = (await http.GetAsync<Paged<AlertView>>($"/api/alerts?subscriptionId={subscription}")).Items.ToDictionary(a => a.Id);

        Assert.Equal(new AlertHold(QuietUntil, released.RaisedAt.AddSeconds(2)), alerts[released.AlertId].Held);
        Assert.Equal(release.At, alerts[released.AlertId].ReleasedAt);
        Assert.Equal(new AlertHold(QuietUntil, waiting.RaisedAt.AddSeconds(2)), alerts[waiting.AlertId].Held);
        Assert.Null(alerts[waiting.AlertId].ReleasedAt);
        Assert.Equal((null, null), (alerts[sentAtOnce.AlertId].Held, alerts[sentAtOnce.AlertId].ReleasedAt));
    }

    [Fact]
    public async Task The_new_fields_come_after_the_ones_clients_already_read()
    {
        var subscription = Guid.NewGuid();
        var alert = SampleAlerts.Alert(subscription, "order", SampleCoverage.Start.AddHours(15));
        await SampleAlerts.AppendAsync(Api.Store, alert);
        await SampleAlerts.HoldAsync(Api.Store, alert, QuietUntil, alert.RaisedAt);
        await Api.WaitForProjectionsAsync();
        using var http = Api.Client();

        var json = await http.GetJsonAsync($"/api/alerts?subscriptionId={subscription}");
        var listed = json.GetProperty("items")[0];

        Assert.Equal(
            ["id", "subscriptionId", "subscriptionName", "rule", "raisedAt", "windowStart", "windowEnd", "summary", "numbers", "platforms",
             "topMentions", "escalationLevel", "acknowledged", "deliveries", "deliveryFailures", "held", "releasedAt", "channels"],
            listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(QuietUntil, listed.GetProperty("held").GetProperty("until").GetDateTimeOffset());
    }
}
