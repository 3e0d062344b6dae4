using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

public sealed class When_an_alert_was_not_delivered(PostgresSchema schema, RabbitMqVhost vhost)
    : IClassFixture<PostgresSchema>, IClassFixture<RabbitMqVhost>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Should_list_the_failure_and_deliver_on_resend_once_the_receiver_is_back()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        // The receiver's route is missing at first (a 4xx is not retried, so the failure is recorded at once).
        receiver.Answer(HttpStatusCode.NotFound);
        await using var harness = new AlertsHarness(schema, vhost);
        await using var service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        using var analyst = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "ana", "analyst"));
        using var viewer = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "vic", "viewer"));
        using var created = await analyst.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "resend",
            rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 1_000 } },
            channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/alerts" } },
        });
        created.EnsureSuccessStatusCode();

        await harness.IngestAsync(AlertsHarness.Negative(5_000, DateTimeOffset.UtcNow), "https://weibo.com/1/missed");
        JsonElement listed = default;
        await Eventually.HoldsAsync(async () =>
        {
            listed = await List(viewer);
            return listed.GetArrayLength() == 1 && listed[0].GetProperty("failed").GetArrayLength() == 1;
        }, Wait, "AlertDeliveryFailed showing in GET /api/alerts", service.Output);
        var alertId = listed[0].GetProperty("alert").GetProperty("alertId").GetGuid();
        Assert.StartsWith("HTTP 404 from", listed[0].GetProperty("failed")[0].GetProperty("reason").GetString());
        Assert.Equal(0, listed[0].GetProperty("delivered").GetArrayLength());

        using var byViewer = await viewer.PostAsync($"/api/alerts/{alertId}/resend", null);
        using var resent = await analyst.PostAsync($"/api/alerts/{alertId}/resend?channel=hook", null);

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(2, receiver.Requests.Count);
        var after = await List(viewer);
        Assert.Equal("hook", Assert.Single(after[0].GetProperty("delivered").EnumerateArray()).GetProperty("channelId").GetString());
        Assert.Equal(1, after[0].GetProperty("failed").GetArrayLength());
    }

    private static async Task<JsonElement> List(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("/api/alerts")).RootElement.Clone();
}
