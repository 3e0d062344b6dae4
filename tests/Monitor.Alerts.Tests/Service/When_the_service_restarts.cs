using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

public sealed class When_the_service_restarts(PostgresSchema schema, RabbitMqVhost vhost)
    : IClassFixture<PostgresSchema>, IClassFixture<RabbitMqVhost>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Should_count_the_items_seen_before_it_in_the_rule_s_window()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var harness = new AlertsHarness(schema, vhost);
        var service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        try
        {
            using var admin = AlertsHarness.Client(service, AlertsHarness.AdminKey);
            using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
            {
                name = "share",
                rules = new[] { new { ruleId = "neg", kind = "negative-share", window = "1.00:00:00", threshold = 0.5, minVolume = 4 } },
                channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/alerts" } },
            });
            created.EnsureSuccessStatusCode();

            // Three negatives: the share is 100% but the volume (3) is below the minimum (4).
            for (var i = 0; i < 3; i++) await harness.IngestAsync(AlertsHarness.Negative(10, DateTimeOffset.UtcNow), $"https://weibo.com/1/before-{i}");
            await Eventually.HoldsAsync(async () => await vhost.MessageCountAsync("sentiment-scored") == 0, Wait, "the consumer taking the three");
            await Task.Delay(TimeSpan.FromSeconds(2)); // room for a wrong alert to show up
            Assert.Empty(receiver.Requests);

            await service.DisposeAsync();
            service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);

            // The fourth only tips the rule if the three before the restart are back in the window.
            await harness.IngestAsync(AlertsHarness.Negative(10, DateTimeOffset.UtcNow), "https://weibo.com/1/after");
            await Eventually.HoldsAsync(() => Task.FromResult(!receiver.Requests.IsEmpty), Wait, "the alert after the restart", service.Output);

            var alert = JsonSerializer.Deserialize<AlertRaised>(Assert.Single(receiver.Requests).Body, ChannelFormats.Json)!;
            Assert.Equal(4, alert.Volume);
            Assert.Equal(1.0, alert.Value);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }
}
