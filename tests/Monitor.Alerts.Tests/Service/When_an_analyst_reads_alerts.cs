using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

public sealed class When_an_analyst_reads_alerts(PostgresSchema schema, RabbitMqVhost vhost)
    : IClassFixture<PostgresSchema>, IClassFixture<RabbitMqVhost>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Should_see_and_act_on_only_the_alerts_of_their_own_subscriptions()
    {
        await using var harness = new AlertsHarness(schema, vhost);
        await using var service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        using var ana = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "ana", "analyst"));
        using var bob = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "bob", "analyst"));
        using var viewer = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "vic", "viewer"));
        using var timeout = new CancellationTokenSource(Wait);
        using var bobsStream = await bob.GetAsync("/api/alerts/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var bobReads = new StreamReader(await bobsStream.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(": connected", await bobReads.ReadLineAsync(timeout.Token));

        // Ana's alert is raised while Bob's stream is open, before Bob has a subscription of his own.
        var anas = await CreateAsync(ana, "ana's reach");
        await harness.IngestAsync(AlertsHarness.Negative(5_000, DateTimeOffset.UtcNow), "https://weibo.com/1/first");
        await Eventually.HoldsAsync(async () => (await List(viewer)).GetArrayLength() == 1, Wait, "Ana's alert listed", service.Output);
        var anasAlert = (await List(viewer))[0].GetProperty("alert").GetProperty("alertId").GetGuid();
        var bobs = await CreateAsync(bob, "bob's reach");
        await harness.IngestAsync(AlertsHarness.Negative(50_000, DateTimeOffset.UtcNow), "https://weibo.com/1/second");
        await Eventually.HoldsAsync(async () => (await List(viewer)).EnumerateArray()
            .Any(a => a.GetProperty("alert").GetProperty("subscriptionId").GetGuid() == bobs), Wait, "Bob's alert listed", service.Output);

        var seenByBob = await List(bob);
        using var getByBob = await bob.GetAsync($"/api/alerts/{anasAlert}");
        using var ackByBob = await bob.PostAsync($"/api/alerts/{anasAlert}/ack", null);
        using var resendByBob = await bob.PostAsync($"/api/alerts/{anasAlert}/resend", null);
        using var backtestByBob = await bob.GetAsync($"/api/subscriptions/{anas}/backtest");
        using var ackByAna = await ana.PostAsync($"/api/alerts/{anasAlert}/ack", null);

        Assert.Equal([bobs], seenByBob.EnumerateArray().Select(a => a.GetProperty("alert").GetProperty("subscriptionId").GetGuid()).Distinct());
        Assert.Equal([anas], (await List(ana)).EnumerateArray().Select(a => a.GetProperty("alert").GetProperty("subscriptionId").GetGuid()).Distinct());
        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK],
            new[] { getByBob, ackByBob, resendByBob, backtestByBob, ackByAna }.Select(r => r.StatusCode));
        Assert.Equal("ana", JsonDocument.Parse(await ackByAna.Content.ReadAsStringAsync()).RootElement.GetProperty("by").GetString());

        // Ana's alert reached the stream before Bob's; the first alert Bob's stream carried is his own.
        string? line;
        while ((line = await bobReads.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data: ")) { }
        Assert.NotNull(line);
        Assert.Equal(bobs, JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("subscriptionId").GetGuid());
    }

    private static async Task<Guid> CreateAsync(HttpClient analyst, string name)
    {
        using var created = await analyst.PostAsJsonAsync("/api/subscriptions", new
        {
            name,
            rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 1_000 } },
        });
        created.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();
    }

    private static async Task<JsonElement> List(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("/api/alerts")).RootElement.Clone();
}
