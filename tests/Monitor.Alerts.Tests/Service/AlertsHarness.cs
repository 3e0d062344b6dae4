using System.Net.Http.Json;
using MassTransit;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

/// <summary>What the service tests share: the environment for the process, keys, and a way to put scored items in the store and on the bus.</summary>
internal sealed class AlertsHarness(PostgresSchema schema, RabbitMqVhost vhost) : IAsyncDisposable
{
    public const string AdminKey = "admin-key-for-tests-0123456789";

    private EventStore.EventStore? _store;
    private IBusControl? _bus;

    public Dictionary<string, string> Environment => new()
    {
        ["MONITOR_POSTGRES"] = schema.ConnectionString,
        ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
        ["MONITOR_RABBITMQ"] = vhost.AmqpUri.ToString(),
        ["MONITOR_ADMIN_KEY"] = AdminKey,
        ["MONITOR_ALERTS_ALLOWED_ADDRESSES"] = "127.0.0.1",
    };

    public static HttpClient Client(ServiceProcess service, string key)
    {
        var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    public static async Task<string> IssueKeyAsync(ServiceProcess service, string owner, string role)
    {
        using var admin = Client(service, AdminKey);
        using var response = await admin.PostAsJsonAsync("/api/keys", new { owner, role });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
            throw new InvalidOperationException($"issuing a key answered {(int)response.StatusCode}: '{body}'\n{service.Output()}");
        return System.Text.Json.JsonSerializer.Deserialize<IssuedKey>(body, System.Text.Json.JsonSerializerOptions.Web)!.Key;
    }

    private sealed record IssuedKey(string Key);

    /// <summary>Stores the item (CoverageIngested + SentimentScored, as the pipeline would) and publishes its SentimentScored.</summary>
    public async Task IngestAsync(SentimentScored scored, string url)
    {
        _store ??= EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            MonitorEventTypes.CreateRegistry());
        var ingested = new CoverageIngested(scored.CoverageId, scored.Platform, scored.CoverageId.ToString("N"), url, null, "text",
            new Author("a", "A"), scored.PublishedAt, Engagement.None, [], null, "test", scored.PublishedAt);
        await _store.AppendAsync(scored.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
        [
            new EventData(CoverageEventIds.Ingested(scored.CoverageId), ingested),
            new EventData(CoverageEventIds.Scored(scored.CoverageId), scored),
        ]);
        await PublishAsync(scored);
    }

    public async Task PublishAsync(SentimentScored scored)
    {
        if (_bus is null)
        {
            var amqp = vhost.AmqpUri;
            var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':');
            _bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(amqp.Host, (ushort)amqp.Port, vhost.Name, host =>
            {
                host.Username(credentials[0]);
                host.Password(credentials[1]);
            }));
            using var start = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _bus.StartAsync(start.Token);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.Publish(scored, timeout.Token);
    }

    public static SentimentScored Negative(long reach, DateTimeOffset publishedAt) =>
        new(Guid.NewGuid(), PlatformNames.Weibo, publishedAt, SentimentLabels.Negative, -0.8, 0.9, "test", [], ["xiaomi-su7"], reach);

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
        if (_store is not null) await _store.DisposeAsync();
    }
}
