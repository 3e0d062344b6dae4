using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Tests.Delivery;
using Monitor.Contracts.Alerts;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

public sealed class When_editing_a_subscription(PostgresSchema schema, RabbitMqVhost vhost)
    : IClassFixture<PostgresSchema>, IClassFixture<RabbitMqVhost>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Should_apply_each_change_at_the_version_read_and_keep_it_across_a_restart()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var harness = new AlertsHarness(schema, vhost);
        var service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        try
        {
            var anaKey = await AlertsHarness.IssueKeyAsync(service, "ana", "analyst");
            using var ana = AlertsHarness.Client(service, anaKey);
            using var bob = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "bob", "analyst"));
            using var viewer = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "vic", "viewer"));
            using var created = await ana.PostAsJsonAsync("/api/subscriptions", new
            {
                name = "SU7",
                rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 1_000_000 } },
                channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/alerts", secret = "first-secret" } },
            });
            Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
            var id = (await Body(created)).GetProperty("subscriptionId").GetGuid();
            var path = $"/api/subscriptions/{id}";

            using var rules = await Put(ana, $"{path}/rules", "1", new { rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = 1_000 } } });
            using var stale = await Put(ana, $"{path}/name", "1", new { name = "written over a stale read" });
            using var byBob = await Put(bob, $"{path}/name", null, new { name = "bob's now" });
            using var byViewer = await Put(viewer, $"{path}/name", null, new { name = "vic's now" });
            using var invalid = await Put(ana, $"{path}/rules", "2", new { rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:01:00", threshold = 1_000 } } });
            using var quietFirst = await Put(ana, $"{path}/quiet-hours", "2", new { quietHours = new { from = "22:00", to = "07:00", timeZone = "Asia/Shanghai" } });
            using var renamed = await Put(ana, $"{path}/name", "2", new { name = "SU7 launch" });
            using var channels = await Put(ana, $"{path}/channels", "3", new { channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/alerts", secret = "second-secret" } } });
            using var digest = await Put(ana, $"{path}/digest", null, new { digestAt = "08:00", timeZone = "Asia/Shanghai" });

            Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
            Assert.Equal("\"2\"", rules.Headers.ETag?.Tag);
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Contains("it is at version 2", (await Body(stale)).GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.NotFound, byBob.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.True((await Body(invalid)).GetProperty("errors").TryGetProperty("rules[0].window", out _));
            Assert.Equal(HttpStatusCode.BadRequest, quietFirst.StatusCode);
            Assert.True((await Body(quietFirst)).GetProperty("errors").TryGetProperty("quietHours", out _));
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            Assert.Equal(HttpStatusCode.OK, channels.StatusCode);
            Assert.Equal(HttpStatusCode.OK, digest.StatusCode);
            Assert.Equal("\"5\"", digest.Headers.ETag?.Tag);
            Assert.Equal("(hidden)", (await Get(viewer, path)).GetProperty("channels")[0].GetProperty("secret").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(path)).StatusCode);

            // The lowered threshold and the new name apply to what is raised next.
            await harness.IngestAsync(AlertsHarness.Negative(5_000, DateTimeOffset.UtcNow), "https://weibo.com/1/edited");
            await Eventually.HoldsAsync(() => Task.FromResult(!receiver.Requests.IsEmpty), Wait, "the alert under the edited rule", service.Output);
            var request = Assert.Single(receiver.Requests);
            Assert.True(WebhookSignature.Verify("second-secret", request.Headers[WebhookSignature.TimestampHeader], request.Body,
                request.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow));
            Assert.Equal("SU7 launch", JsonSerializer.Deserialize<AlertRaised>(request.Body, ChannelFormats.Json)!.SubscriptionName);

            await service.DisposeAsync();
            service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
            using var anaAgain = AlertsHarness.Client(service, anaKey);
            using var reread = await anaAgain.GetAsync(path);
            var state = await Body(reread);
            Assert.Equal("\"5\"", reread.Headers.ETag?.Tag);
            Assert.Equal("SU7 launch", state.GetProperty("name").GetString());
            Assert.Equal(1_000, state.GetProperty("rules")[0].GetProperty("threshold").GetDouble());
            // The secret is kept, and shows to admins only: not even to its owner.
            Assert.Equal("(hidden)", state.GetProperty("channels")[0].GetProperty("secret").GetString());
            using var adminAgain = AlertsHarness.Client(service, AlertsHarness.AdminKey);
            Assert.Equal("second-secret", (await Get(adminAgain, path)).GetProperty("channels")[0].GetProperty("secret").GetString());
            Assert.Equal("Asia/Shanghai", state.GetProperty("digestTimeZone").GetString());
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static async Task<HttpResponseMessage> Put(HttpClient http, string path, string? ifMatch, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch}\""));
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> Get(HttpClient http, string path) =>
        JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.Clone();

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
