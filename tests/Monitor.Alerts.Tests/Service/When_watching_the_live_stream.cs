using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Contracts.Alerts;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

public sealed class When_watching_the_live_stream(PostgresSchema schema, RabbitMqVhost vhost)
    : IClassFixture<PostgresSchema>, IClassFixture<RabbitMqVhost>
{
    [Fact]
    public async Task Should_receive_each_raised_alert_as_a_server_sent_event()
    {
        await using var harness = new AlertsHarness(schema, vhost);
        await using var service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        using var viewer = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "vic", "viewer"));
        using var admin = AlertsHarness.Client(service, AlertsHarness.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "no channels, stream only",
            rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 1_000 } },
        });
        created.EnsureSuccessStatusCode();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        using var response = await viewer.GetAsync("/api/alerts/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(": connected", await reader.ReadLineAsync(timeout.Token));

        var item = AlertsHarness.Negative(5_000, DateTimeOffset.UtcNow);
        await harness.IngestAsync(item, "https://weibo.com/1/live");

        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data: ")) { }
        Assert.NotNull(line);
        var alert = JsonSerializer.Deserialize<AlertRaised>(line["data: ".Length..], ChannelFormats.Json)!;
        Assert.Equal(item.CoverageId, alert.TopMentions[0].CoverageId);
        Assert.Equal("https://weibo.com/1/live", alert.TopMentions[0].Url);
    }
}
