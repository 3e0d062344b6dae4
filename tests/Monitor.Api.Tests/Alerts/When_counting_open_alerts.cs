using Monitor.Api.Alerts;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts.Alerts;

namespace Monitor.Api.Tests.Alerts;

/// <summary><c>open</c> counts every unacknowledged alert, whatever the list is filtered to.</summary>
public class When_counting_open_alerts(SampleApi sample) : IClassFixture<SampleApi>
{
    private ApiApp Api => sample.Api;

    [Fact]
    public async Task The_open_count_ignores_the_lists_filters_and_paging()
    {
        var (mine, theirs) = (Guid.NewGuid(), Guid.NewGuid());
        var acknowledged = SampleAlerts.Alert(mine, "mine", SampleCoverage.Start.AddHours(1));
        await SampleAlerts.AppendAsync(Api.Store, acknowledged, new AlertAcknowledged(acknowledged.AlertId, "ana", acknowledged.RaisedAt.AddMinutes(5)));
        await SampleAlerts.AppendAsync(Api.Store, SampleAlerts.Alert(mine, "mine", SampleCoverage.Start.AddHours(2)));
        await SampleAlerts.AppendAsync(Api.Store, SampleAlerts.Alert(theirs, "theirs", SampleCoverage.Start.AddHours(3)));
        await SampleAlerts.AppendAsync(Api.Store, SampleAlerts.Alert(theirs, "theirs", SampleCoverage.Start.AddHours(4)));
        await Api.WaitForProjectionsAsync();
        using var http = Api.Client();

        var all = await http.GetAsync<AlertList>("/api/alerts");
        var onlyMine = await http.GetAsync<AlertList>($"/api/alerts?subscriptionId={mine}");
        var onlyAcknowledged = await http.GetAsync<AlertList>("/api/alerts?acknowledged=true");
        var theirsOpen = await http.GetAsync<AlertList>($"/api/alerts?subscriptionId={theirs}&acknowledged=false&page=2&pageSize=1");

        Assert.Equal((4L, 3L), (all.Total, all.Open));
        Assert.Equal((2L, 3L), (onlyMine.Total, onlyMine.Open));
        Assert.Equal((1L, 3L), (onlyAcknowledged.Total, onlyAcknowledged.Open));
        Assert.Equal(acknowledged.AlertId, Assert.Single(onlyAcknowledged.Items).Id);
        Assert.Equal((2L, 3L, 1), (theirsOpen.Total, theirsOpen.Open, theirsOpen.Items.Count));
    }
}
