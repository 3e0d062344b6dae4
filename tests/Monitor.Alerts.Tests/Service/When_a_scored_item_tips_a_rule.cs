using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Contracts.Alerts;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

public sealed class When_a_scored_item_tips_a_rule(PostgresSchema schema, RabbitMqVhost vhost)
    : IClassFixture<PostgresSchema>, IClassFixture<RabbitMqVhost>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Should_deliver_one_signed_alert_and_remember_it_across_a_restart()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var harness = new AlertsHarness(schema, vhost);
        var service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        try
        {
            var analystKey = await AlertsHarness.IssueKeyAsync(service, "ana", "analyst");
            using var analyst = AlertsHarness.Client(service, analystKey);
            using var created = await analyst.PostAsJsonAsync("/api/subscriptions", new
            {
                name = "SU7 crisis",
                scope = new { platforms = new[] { "weibo" }, entityIds = Array.Empty<string>(), requiredTerms = Array.Empty<string>(), excludedTerms = Array.Empty<string>(), languages = Array.Empty<string>() },
                rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 10_000 } },
                channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/alerts", secret = "s3cret" } },
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

            // Published after the subscription was created: earlier items only warm its windows.
            var first = AlertsHarness.Negative(50_000, DateTimeOffset.UtcNow);
            await harness.IngestAsync(first, "https://weibo.com/1/first");
            await Eventually.HoldsAsync(() => Task.FromResult(receiver.Requests.Count >= 1), Wait, "the webhook receiving the alert", service.Output);

            var request = Assert.Single(receiver.Requests);
            Assert.True(WebhookSignature.Verify("s3cret", request.Headers["X-Monitor-Timestamp"], request.Body, request.Headers["X-Monitor-Signature"], DateTimeOffset.UtcNow));
            var alert = JsonSerializer.Deserialize<AlertRaised>(request.Body, ChannelFormats.Json)!;
            Assert.Equal("reach", alert.RuleId);
            Assert.Equal(50_000, alert.Value);
            Assert.Equal("https://weibo.com/1/first", Assert.Single(alert.TopMentions).Url);
            Assert.Matches(@"monitor_alert_latency_seconds_count\{[^}]*kind=""negative-reach""[^}]*\} 1\b", await Metrics(service));

            await Eventually.HoldsAsync(async () => (await View(analyst, alert.AlertId)).GetProperty("delivered").GetArrayLength() == 1,
                Wait, "AlertDelivered being recorded", service.Output);
            using var ack = await analyst.PostAsync($"/api/alerts/{alert.AlertId}/ack", null);
            ack.EnsureSuccessStatusCode();

            // Restart: the cooldown is rebuilt from the stored items, so a redelivered item and a bigger one
            // (60,000, not double) raise nothing; 130,000 (more than double 50,000) escalates.
            await service.DisposeAsync();
            service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
            using var analystAgain = AlertsHarness.Client(service, analystKey);
            await harness.PublishAsync(first);
            await harness.IngestAsync(AlertsHarness.Negative(60_000, DateTimeOffset.UtcNow), "https://weibo.com/1/second");
            var third = AlertsHarness.Negative(130_000, DateTimeOffset.UtcNow.AddSeconds(1));
            await harness.IngestAsync(third, "https://weibo.com/1/third");
            await Eventually.HoldsAsync(() => Task.FromResult(receiver.Requests.Count >= 2), Wait, "the escalation reaching the webhook", service.Output);
            await Task.Delay(TimeSpan.FromSeconds(2)); // room for a wrong extra alert to show up

            Assert.Equal(2, receiver.Requests.Count);
            var escalation = JsonSerializer.Deserialize<AlertRaised>(receiver.Requests.Last().Body, ChannelFormats.Json)!;
            Assert.Equal(1, escalation.EscalationLevel);
            Assert.Equal(third.CoverageId, escalation.TopMentions[0].CoverageId);
            var remembered = await View(analystAgain, alert.AlertId);
            Assert.Equal("ana", remembered.GetProperty("acknowledged").GetProperty("by").GetString());
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static async Task<string> Metrics(ServiceProcess service)
    {
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync("/metrics");
    }

    private static async Task<JsonElement> View(HttpClient http, Guid alertId)
    {
        using var response = await http.GetAsync($"/api/alerts/{alertId}");
        if (!response.IsSuccessStatusCode) return JsonDocument.Parse("""{"delivered":[]}""").RootElement;
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
