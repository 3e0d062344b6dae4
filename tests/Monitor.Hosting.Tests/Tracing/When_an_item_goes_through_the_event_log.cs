using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Relay;
using Marten;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Hosting.Tests.Tracing;

/// <summary>
/// The trace of an HTTP request that appends an item goes on through the event log: the relay publishes
/// the event in the request's trace, and the next stage's MassTransit consumer spans are in that trace too,
/// as exported over OTLP.
/// </summary>
public sealed class When_an_item_goes_through_the_event_log(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Queue = "coverage-ingested";

    private readonly RabbitMqVhost _vhost = new();

    public Task InitializeAsync() => _vhost.InitializeAsync();

    public Task DisposeAsync() => _vhost.DisposeAsync();

    [Fact]
    public async Task Should_export_the_consumers_spans_in_the_trace_of_the_request_that_ingested_the_item()
    {
        using var receiver = new LocalOtlpReceiver();
        var settings = MonitorSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [MonitorSettings.OtlpEndpointVariable] = receiver.Endpoint.ToString(),
            [MonitorSettings.RabbitMqVariable] = _vhost.AmqpUri.ToString(),
        }).Build(), "ingestion");
        using var traces = Traces.Start(settings);
        await using var store = new EventStore.EventStore(schema.DataSource,
            new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, MonitorEventTypes.CreateRegistry());
        await store.EnsureSchemaAsync();

        var arrival = new Arrival();
        await using var worker = await StartWorkerAsync(settings, arrival);
        var relaySubscription = new HandlerSubscription(RelaySubscription.Name,
            new BusRelayPublisher(worker.Services.GetRequiredService<MassTransit.IBus>, NullLogger.Instance),
            schema.DataSource, maxHandlerAttempts: 1, registry: store.Registry);
        foreach (var type in MonitorEventTypes.Published) relaySubscription.IncludeType(store.Registry.TypeOf(type));
        await using var relayStore = new EventStore.EventStore(schema.DataSource, store.Options, store.Registry,
            configure: options => options.Events.Subscribe(relaySubscription));
        using var relay = await relayStore.Store.BuildProjectionDaemonAsync();
        await relay.StartAllAsync();
        await using var ingestion = await StartIngestionAsync(store);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(Address(ingestion)), Timeout = Patience };
            var requestTrace = await (await http.PostAsync("/ingest", null)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
            Assert.True(await arrival.Arrived.Task.WaitAsync(Patience) > 0);

            IReadOnlyList<OtlpSpan> spans = [];
            var linked = await Until.HoldsAsync(() =>
            {
                traces.Flush(TimeSpan.FromSeconds(5));
                spans = OtlpSpans.Read(receiver.Requests.Select(r => r.Body));
                return spans.Any(s => s.TraceId == requestTrace && s.Name.Contains(Queue) && s.Name != $"{Queue} send");
            }, Patience);

            Assert.True(linked, $"no exported span of the consumer of {Queue} is in trace {requestTrace}; spans: "
                + string.Join("; ", spans.Select(s => $"{s.Name} {s.TraceId} → [{string.Join(",", s.LinkedTraceIds)}]")));
            // The request's own span went out in that trace, and so did the relay's, linked to it.
            Assert.Contains(spans, s => s.TraceId == requestTrace);
            Assert.Contains(spans, s => s.Name == "relay publish" && s.LinkedTraceIds.Contains(requestTrace));
        }
        finally
        {
            await relay.StopAllAsync();
        }
    }

    /// <summary>A stand-in for the ingestion service: each POST appends one CoverageIngested and answers the request's trace id.</summary>
    private static async Task<WebApplication> StartIngestionAsync(EventStore.EventStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/ingest", async (CancellationToken ct) =>
        {
            var item = Item();
            await store.AppendAsync(item.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.NoStream,
                [new EventData(CoverageEventIds.Ingested(item.CoverageId), item)], ct);
            return Activity.Current?.TraceId.ToHexString() ?? "no activity";
        });
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static CoverageIngested Item()
    {
        var url = $"https://news.example.com/{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        return new CoverageIngested(CoverageIdentity.For("news", url, url), "news", url, url, "SU7 deliveries", "SU7 deliveries rose in March.",
            new Author("desk", "News desk"), now.AddHours(-1), Engagement.None, [], null, "news", now);
    }

    /// <summary>A stand-in for the extraction service: MassTransit consuming coverage-ingested in batches.</summary>
    private static async Task<WebApplication> StartWorkerAsync(MonitorSettings settings, Arrival arrival)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(arrival);
        builder.Services.AddHealthChecks();
        builder.AddMonitorBus(bus => bus.AddBatchConsumer<CoverageIngestedArrivals, CoverageIngestedArrivalsDefinition>());
        var app = builder.Build();
        await app.StartAsync();
        var health = app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        Assert.True(await Until.HoldsAsync(async () => (await health.CheckHealthAsync()).Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, Patience),
            "the consumer should be consuming before anything is published");
        return app;
    }

    public sealed class Arrival
    {
        public TaskCompletionSource<int> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Named so MassTransit's endpoint is coverage-ingested, as the extraction service's is.</summary>
    public sealed class CoverageIngestedArrivals(Arrival arrival) : MassTransit.IConsumer<MassTransit.Batch<CoverageIngested>>
    {
        public Task Consume(MassTransit.ConsumeContext<MassTransit.Batch<CoverageIngested>> context)
        {
            arrival.Arrived.TrySetResult(context.Message.Length);
            return Task.CompletedTask;
        }
    }

    public sealed class CoverageIngestedArrivalsDefinition : BatchConsumerDefinition<CoverageIngestedArrivals>
    {
        public CoverageIngestedArrivalsDefinition() => EndpointName = Queue;
    }
}
