using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

public sealed class When_keys_have_roles(PostgresSchema schema, RabbitMqVhost vhost)
    : IClassFixture<PostgresSchema>, IClassFixture<RabbitMqVhost>
{
    private static object Subscription(string name, string rulesWindow = "01:00:00") => new
    {
        name,
        rules = new[] { new { ruleId = "neg", kind = "negative-share", window = rulesWindow, threshold = 0.4, minVolume = 5 } },
        channels = new[]
        {
            new { channelId = "hook", kind = "webhook", target = "https://hooks.example.com/monitor", secret = (string?)"very-secret" },
            new { channelId = "ding", kind = "dingtalk", target = "https://oapi.dingtalk.com/robot/send?access_token=d1ngT0KEN", secret = (string?)null },
            new { channelId = "basic", kind = "webhook", target = "https://ops:pa55word@hooks.example.com/monitor", secret = (string?)null },
        },
    };

    [Fact]
    public async Task Should_let_each_role_do_only_what_it_may()
    {
        await using var harness = new AlertsHarness(schema, vhost);
        await using var service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        using var ana = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "ana", "analyst"));
        using var bob = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "bob", "analyst"));
        using var viewer = AlertsHarness.Client(service, await AlertsHarness.IssueKeyAsync(service, "vic", "viewer"));
        using var admin = AlertsHarness.Client(service, AlertsHarness.AdminKey);
        using var stranger = AlertsHarness.Client(service, "not-a-key");

        using var created = await ana.PostAsJsonAsync("/api/subscriptions", Subscription("ana's"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();
        using var byViewer = await viewer.PostAsJsonAsync("/api/subscriptions", Subscription("vic's"));
        using var pausedByBob = await bob.PostAsync($"/api/subscriptions/{id}/pause", null);
        using var pausedByAna = await ana.PostAsync($"/api/subscriptions/{id}/pause", null);
        using var anonymous = await stranger.GetAsync("/api/subscriptions");
        using var bobReadsAna = await bob.GetAsync($"/api/subscriptions/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pausedByBob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobReadsAna.StatusCode);
        Assert.True(JsonDocument.Parse(await pausedByAna.Content.ReadAsStringAsync()).RootElement.GetProperty("paused").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, (await List(bob)).GetArrayLength());
        // Secrets, and the credentials inside targets, show to admins only: not even to the owner.
        foreach (var reader in new[] { viewer, ana })
        {
            var channels = (await List(reader))[0].GetProperty("channels");
            Assert.Equal("(hidden)", channels[0].GetProperty("secret").GetString());
            Assert.Equal("https://hooks.example.com/monitor", channels[0].GetProperty("target").GetString());
            Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=***", channels[1].GetProperty("target").GetString());
            Assert.Equal("https://***@hooks.example.com/monitor", channels[2].GetProperty("target").GetString());
            Assert.DoesNotContain("T0KEN", await reader.GetStringAsync($"/api/subscriptions/{id}"));
        }
        var full = (await List(admin))[0].GetProperty("channels");
        Assert.Equal("very-secret", full[0].GetProperty("secret").GetString());
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=d1ngT0KEN", full[1].GetProperty("target").GetString());
        Assert.Equal("https://ops:pa55word@hooks.example.com/monitor", full[2].GetProperty("target").GetString());
    }

    [Fact]
    public async Task Should_refuse_an_invalid_subscription_naming_the_field()
    {
        await using var harness = new AlertsHarness(schema, vhost);
        await using var service = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        using var admin = AlertsHarness.Client(service, AlertsHarness.AdminKey);

        using var response = await admin.PostAsJsonAsync("/api/subscriptions", Subscription("too short", rulesWindow: "00:05:00"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("rules[0].window: 00:05:00 is outside 00:15:00..1.00:00:00", errors.GetProperty("rules[0].window")[0].GetString());
    }

    private static async Task<JsonElement> List(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("/api/subscriptions")).RootElement.Clone();
}
