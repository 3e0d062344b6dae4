using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Tests.Service;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Subscriptions;

/// <summary>
/// Subscriptions stored by an older release: one whose scope left out its lists (it loads and alerts), one whose rule
/// cannot be evaluated (skipped and reported, never stopping the service), repaired through the edit endpoints,
/// then deleted.
/// </summary>
public sealed class When_a_stored_subscription_is_broken_repaired_or_deleted(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly AlertRule Reach = new("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1_000);

    [Fact]
    public async Task Should_load_report_repair_and_archive_it_without_ever_stopping()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var scopeWithoutLists = Guid.NewGuid();
        var broken = Guid.NewGuid();
        await using (var first = await InProcessAlerts.StartAsync(schema, clock))
        {
            var store = first.Get<EventStore.EventStore>();
            await StoreAsync(store, new SubscriptionCreated(scopeWithoutLists, "ana", "no entity ids", new SubscriptionScope(["weibo"], null!, null!, null!, null!),
                [Reach], null!, null, null, clock.GetUtcNow()));
            await StoreAsync(store, new SubscriptionCreated(broken, "ana", "zero window", SubscriptionScope.Everything,
                [Reach with { Window = TimeSpan.Zero }], [], null, null, clock.GetUtcNow()));
        }
        clock.Advance(TimeSpan.FromMinutes(1));

        await using var service = await InProcessAlerts.StartAsync(schema, clock);
        using var admin = service.Client(AlertsHarness.AdminKey);
        var listed = await ListAsync(admin);
        Assert.False(listed[scopeWithoutLists].TryGetProperty("problem", out _));
        Assert.StartsWith("rules[0].window: 00:00:00 is outside", listed[broken].GetProperty("problem").GetString());
        var health = JsonDocument.Parse(await admin.GetStringAsync("/health/ready")).RootElement;
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Equal([scopeWithoutLists], await EvaluateAsync(service, clock, scopeWithoutLists, broken));

        // Repair: the edit endpoints work on it; once its rules are valid it evaluates again.
        using var repaired = await Send(admin, HttpMethod.Put, $"/api/subscriptions/{broken}/rules", "1", new { rules = new[] { Reach } });
        Assert.Equal(HttpStatusCode.OK, repaired.StatusCode);
        Assert.False((await ListAsync(admin))[broken].TryGetProperty("problem", out _));
        Assert.Equal("Healthy", JsonDocument.Parse(await admin.GetStringAsync("/health/ready")).RootElement.GetProperty("status").GetString());
        Assert.Equal(new[] { broken, scopeWithoutLists }.Order(), await EvaluateAsync(service, clock, scopeWithoutLists, broken));

        // Delete: a stale version is a 409; at the version read it is archived, no longer listed, found or evaluated.
        using var stale = await Send(admin, HttpMethod.Delete, $"/api/subscriptions/{broken}", "1", null);
        using var deleted = await Send(admin, HttpMethod.Delete, $"/api/subscriptions/{broken}", "2", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var gone = await admin.GetAsync($"/api/subscriptions/{broken}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var deletedAgain = await Send(admin, HttpMethod.Delete, $"/api/subscriptions/{broken}", null, null);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.DoesNotContain(broken, (await ListAsync(admin)).Keys);
        Assert.Equal([scopeWithoutLists], await EvaluateAsync(service, clock, scopeWithoutLists, broken));
    }

    [Fact]
    public async Task Should_refuse_a_backtest_outside_the_period_with_a_400_naming_from_and_to()
    {
        await using var service = await InProcessAlerts.StartAsync(schema, TimeProvider.System);
        using var admin = service.Client(AlertsHarness.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/subscriptions", new { name = "SU7", rules = new[] { Reach } });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("subscriptionId").GetGuid();

        using var ages = await admin.GetAsync($"/api/subscriptions/{id}/backtest?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z");
        using var tooLong = await admin.GetAsync($"/api/subscriptions/{id}/backtest?from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z");
        using var fine = await admin.GetAsync($"/api/subscriptions/{id}/backtest?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, ages.StatusCode);
        var errors = JsonDocument.Parse(await ages.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("before 2000-01-01", errors.GetProperty("from")[0].GetString());
        Assert.Contains("later than a day from now", errors.GetProperty("to")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 92 days", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Should_answer_a_field_of_the_wrong_type_with_a_400_naming_it()
    {
        await using var service = await InProcessAlerts.StartAsync(schema, TimeProvider.System);
        using var admin = service.Client(AlertsHarness.AdminKey);

        using var response = await admin.PostAsync("/api/subscriptions", new StringContent(
            """{"name":"SU7","rules":[{"ruleId":"r","kind":"negative-reach","window":"a quarter of an hour","threshold":1000}]}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.StartsWith("rules[0].window: cannot be read", errors.GetProperty("rules[0].window")[0].GetString());
    }

    private static async Task StoreAsync(EventStore.EventStore store, SubscriptionCreated created) =>
        await store.AppendAsync(created.SubscriptionId, MonitorEventTypes.SubscriptionStream, ExpectedVersion.NoStream,
            [new EventData(Guid.NewGuid(), created)]);

    private static async Task<Dictionary<Guid, JsonElement>> ListAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/subscriptions")).RootElement.EnumerateArray()
            .ToDictionary(s => s.GetProperty("subscriptionId").GetGuid(), s => s.Clone());

    /// <summary>
    /// One large negative item on weibo through the consumer's path, two hours after the last (past the cooldown): the
    /// subscriptions of this test it alerts.
    /// </summary>
    private static async Task<IReadOnlyList<Guid>> EvaluateAsync(InProcessAlerts service, ManualClock clock, params Guid[] ours)
    {
        clock.Advance(TimeSpan.FromHours(2));
        var item = StoredItems.Scored(SentimentLabels.Negative, 50_000, clock.GetUtcNow());
        await StoredItems.AppendAsync(service.Get<EventStore.EventStore>(), item, $"https://weibo.com/1/{item.CoverageId:N}");
        var raised = await service.Get<EvaluateScored>().HandleAsync([item], CancellationToken.None);
        return raised.Select(a => a.SubscriptionId).Where(ours.Contains).Order().ToArray();
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? version, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (version is not null) request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request);
    }
}
