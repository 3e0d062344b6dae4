using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Monitor.Contracts;
using Monitor.Hosting.Bus;
using Monitor.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Monitor.Deploy.Tests.Broker;

/// <summary>
/// deploy/rabbitmq/definitions.json rendered by render-definitions.sh (as the broker's container does)
/// and loaded into the local RabbitMQ under a fresh vhost and prefixed user names; then each user does
/// what its service does (the topology MassTransit declares for it) and is refused everything else.
/// </summary>
public sealed class When_loading_the_broker_definitions : IAsyncLifetime
{
    private static readonly string[] ConsumerServices = ["ingestion", "extraction", "sentiment", "alerts"];
    private static readonly Dictionary<string, (string Queue, string Message)> Consumes = new()
    {
        ["ingestion"] = ("coverage-received", "CoverageReceived"),
        ["extraction"] = ("coverage-ingested", "CoverageIngested"),
        ["sentiment"] = ("content-extracted", "ContentExtracted"),
        ["alerts"] = ("sentiment-scored", "SentimentScored"),
    };

    private readonly string _prefix = TestEnvironment.UniqueName("d")[..10] + "_";
    private readonly string _vhost = TestEnvironment.UniqueName("defs");
    private readonly Dictionary<string, string> _passwords = new();
    private readonly HttpClient _management;

    public When_loading_the_broker_definitions()
    {
        var management = TestEnvironment.RabbitMqManagement;
        _management = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(30) };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
    }

    public async Task InitializeAsync()
    {
        var definitions = BrokerDefinitions.Load();
        foreach (var user in definitions.Users) _passwords[user] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

        var rendered = JsonNode.Parse(await RenderAsync())!;
        foreach (var user in rendered["users"]!.AsArray()) user!["name"] = _prefix + user["name"]!.GetValue<string>();
        rendered["vhosts"]![0]!["name"] = _vhost;
        foreach (var permission in rendered["permissions"]!.AsArray())
        {
            permission!["vhost"] = _vhost;
            permission["user"] = _prefix + permission["user"]!.GetValue<string>();
        }
        rendered.AsObject().Remove("rabbit_version");

        using var response = await _management.PostAsync("/api/definitions", new StringContent(rendered.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"importing the definitions answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> RenderAsync()
    {
        var output = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("bash", [Repository.PathOf("deploy/rabbitmq/render-definitions.sh"), Repository.PathOf(BrokerDefinitions.Path), output])
            {
                RedirectStandardError = true,
            };
            foreach (var (user, password) in _passwords) start.Environment[BrokerDefinitions.PasswordVariable(user)] = password;
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, errors);
            return await File.ReadAllTextAsync(output);
        }
        finally { File.Delete(output); }
    }

    private Task<IConnection> ConnectAsync(string user, string? password = null) =>
        new ConnectionFactory
        {
            Uri = new UriBuilder(TestEnvironment.RabbitMq) { UserName = "", Password = "", Path = "/" }.Uri,
            UserName = _prefix + user,
            Password = password ?? _passwords[user],
            VirtualHost = _vhost,
        }.CreateConnectionAsync();

    /// <summary>Runs one operation on a channel of its own (a refusal closes the channel) and tells whether the broker refused it.</summary>
    private static async Task<bool> RefusedAsync(IConnection connection, Func<IChannel, Task> operation)
    {
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        try
        {
            await operation(channel);
            await channel.CloseAsync();
            return false;
        }
        catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException or PublishException)
        {
            var reason = (e as OperationInterruptedException)?.ShutdownReason ?? channel.CloseReason;
            Assert.True(reason?.ReplyCode == 403, $"failed, but not with ACCESS_REFUSED: {e.Message}");
            return true;
        }
        finally { await channel.DisposeAsync(); }
    }

    private static readonly IDictionary<string, object?> Quorum = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };

    private static Task DeclareExchange(IChannel channel, string name) =>
        channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false);

    /// <summary>
    /// The extraction service's bus as AddMonitorBus makes it, logged in as the extraction user: it must set up its
    /// endpoint, turn ready (every ready check, MassTransit's own included) and consume what the relay user publishes.
    /// </summary>
    [Fact]
    public async Task Should_let_a_worker_bus_with_its_own_user_consume_what_the_relay_publishes()
    {
        var received = new ExtractionStandIn.Received();
        await using var worker = await StartBusAsync("extraction", bus => bus.AddBatchConsumer<ExtractionStandIn, ExtractionStandInDefinition>(), received);
        var health = worker.Services.GetRequiredService<HealthCheckService>();
        HealthReport? report = null;
        var ready = await Until.HoldsAsync(async () => (report = await health.CheckHealthAsync(c => c.Tags.Contains(Monitor.Hosting.MonitorDefaults.ReadyTag))).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(60));
        Assert.True(ready, "the worker should turn ready: " + string.Join("; ", report!.Entries.Select(e => $"{e.Key} {e.Value.Status} {e.Value.Description}")));

        await using var relay = await StartBusAsync("relay", null, null);
        var item = new CoverageIngested(Guid.NewGuid(), "news", "u1", "https://news.example.com/1", "t", "x", new Author("a", "A"),
            DateTimeOffset.UtcNow.AddHours(-1), Engagement.None, [], null, "news", DateTimeOffset.UtcNow);
        await relay.Services.GetRequiredService<MassTransit.IBus>().Publish(item);
        Assert.Equal(1, await received.Batch.Task.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private async Task<WebApplication> StartBusAsync(string user, Action<MassTransit.IBusRegistrationConfigurator>? configure, ExtractionStandIn.Received? received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var amqp = new UriBuilder(TestEnvironment.RabbitMq)
        {
            UserName = Uri.EscapeDataString(_prefix + user), Password = _passwords[user], Path = "/" + Uri.EscapeDataString(_vhost),
        }.Uri;
        builder.Services.AddSingleton(Monitor.Hosting.Configuration.MonitorSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [Monitor.Hosting.Configuration.MonitorSettings.RabbitMqVariable] = amqp.ToString() })
            .Build(), user));
        if (received is not null) builder.Services.AddSingleton(received);
        builder.Services.AddHealthChecks();
        builder.AddMonitorBus(configure);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Should_let_each_consumer_declare_bind_consume_and_dead_letter_its_own_endpoint()
    {
        foreach (var service in ConsumerServices)
        {
            var (queue, message) = Consumes[service];
            var messageExchange = $"Monitor.Contracts:{message}";
            await using var connection = await ConnectAsync(service);

            // MassTransit's receive endpoint: exchange and quorum queue of its name, bound to the message type's exchange
            Assert.False(await RefusedAsync(connection, async c =>
            {
                await DeclareExchange(c, queue);
                await c.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: Quorum);
                await c.QueueBindAsync(queue, queue, "");
                await DeclareExchange(c, messageExchange);
                await c.ExchangeBindAsync(queue, messageExchange, "");
                await c.QueueDeclarePassiveAsync(queue); // the queue lag sampler
                await c.BasicGetAsync(queue, autoAck: true);
            }), $"{service} could not set up and read its endpoint {queue}");
            // a message that cannot be handled goes to {queue}_error, one no consumer of the endpoint takes to {queue}_skipped
            foreach (var side in new[] { queue + "_error", queue + "_skipped" })
                Assert.False(await RefusedAsync(connection, async c =>
                {
                    await DeclareExchange(c, side);
                    await c.QueueDeclareAsync(side, durable: true, exclusive: false, autoDelete: false, arguments: Quorum);
                    await c.QueueBindAsync(side, side, "");
                    await c.BasicPublishAsync(side, "", Encoding.UTF8.GetBytes("{}"));
                }), $"{service} could not move a message to {side}");

            // ... and nothing of another service's, nor publishing the message type it consumes
            var other = Consumes[ConsumerServices.First(s => s != service)].Queue;
            Assert.True(await RefusedAsync(connection, c => c.QueueDeclareAsync(other, durable: true, exclusive: false, autoDelete: false, arguments: Quorum)),
                $"{service} may declare {other}");
            Assert.True(await RefusedAsync(connection, async c => await c.BasicPublishAsync(messageExchange, "", Encoding.UTF8.GetBytes("{}"))),
                $"{service} may publish {messageExchange}");
        }
    }

    [Fact]
    public async Task Should_let_the_relay_publish_the_pipelines_events_and_nothing_else()
    {
        await using var connection = await ConnectAsync("relay");

        foreach (var message in new[] { "CoverageIngested", "CoverageMetricsUpdated", "ContentExtracted", "SentimentScored" })
            Assert.False(await RefusedAsync(connection, async c =>
            {
                await DeclareExchange(c, $"Monitor.Contracts:{message}");
                await c.BasicPublishAsync($"Monitor.Contracts:{message}", "", Encoding.UTF8.GetBytes("{}"));
            }), $"the relay could not publish {message}");

        Assert.True(await RefusedAsync(connection, async c => await c.BasicPublishAsync("Monitor.Contracts:CoverageReceived", "", Encoding.UTF8.GetBytes("{}"))));
        Assert.True(await RefusedAsync(connection, c => c.QueueDeclareAsync("coverage-ingested", durable: true, exclusive: false, autoDelete: false, arguments: Quorum)));
    }

    [Fact]
    public async Task Should_let_a_feed_publish_coverage_received_and_read_nothing()
    {
        await using (var ingestion = await ConnectAsync("ingestion"))
            Assert.False(await RefusedAsync(ingestion, async c =>
            {
                await DeclareExchange(c, "coverage-received");
                await c.QueueDeclareAsync("coverage-received", durable: true, exclusive: false, autoDelete: false, arguments: Quorum);
            }));
        await using var feed = await ConnectAsync("weibo");

        Assert.False(await RefusedAsync(feed, async c =>
        {
            await DeclareExchange(c, "Monitor.Contracts:CoverageReceived");
            await c.BasicPublishAsync("Monitor.Contracts:CoverageReceived", "", Encoding.UTF8.GetBytes("{}"));
        }));
        Assert.True(await RefusedAsync(feed, c => c.BasicGetAsync("coverage-received", autoAck: true)));
        Assert.True(await RefusedAsync(feed, c => DeclareExchange(c, "Monitor.Contracts:CoverageIngested")));
    }

    [Fact]
    public async Task Should_let_the_api_connect_and_do_nothing_on_the_bus()
    {
        await using var connection = await ConnectAsync("api");

        Assert.True(await RefusedAsync(connection, c => DeclareExchange(c, "anything")));
    }

    [Fact]
    public async Task Should_refuse_a_wrong_password()
    {
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => ConnectAsync("ingestion", "not-the-password"));
    }

    public async Task DisposeAsync()
    {
        await _management.DeleteAsync($"/api/vhosts/{Uri.EscapeDataString(_vhost)}");
        foreach (var user in _passwords.Keys)
            await _management.DeleteAsync($"/api/users/{Uri.EscapeDataString(_prefix + user)}");
        _management.Dispose();
    }
}
