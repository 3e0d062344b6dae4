using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Monitor.Contracts;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.BadInput;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Pipeline.Tests.Relay;

/// <summary>Two relay processes: one publishes, the other waits on the subscription's lock and takes over when the first dies.</summary>
public class When_the_active_relay_process_dies(IngestionProcessFixture fixture, ITestOutputHelper output) : IClassFixture<IngestionProcessFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_have_the_standby_publish_what_comes_after()
    {
        var published = new ConcurrentDictionary<Guid, int>();
        var bus = await TestBus.StartAsync(fixture.Vhost, cfg => cfg.ReceiveEndpoint("relay-failover-observer", e =>
            e.Handler<CoverageIngested>(ctx =>
            {
                published.AddOrUpdate(ctx.MessageId!.Value, 1, (_, n) => n + 1);
                return Task.CompletedTask;
            })));
        try
        {
            await fixture.Processes.StartInstanceAsync(PipelineProcesses.Relay, "relay-a");
            var first = await PostAsync("failover-first-", 20);
            Assert.True(await Until.HoldsAsync(() => Task.FromResult(first.All(published.ContainsKey)), Patience),
                $"relay-a should publish the first 20; saw {published.Count}");

            await fixture.Processes.StartInstanceAsync(PipelineProcesses.Relay, "relay-b");
            await fixture.Processes.KillAsync("relay-a");
            var second = await PostAsync("failover-second-", 20);

            var tookOver = await Until.HoldsAsync(() => Task.FromResult(second.All(published.ContainsKey)), Patience);
            if (!tookOver) output.WriteLine(fixture.Processes.Output());
            Assert.True(tookOver, $"relay-b should take over and publish the next 20; saw {published.Keys.Intersect(second).Count()}");
            Assert.Equal(first.Concat(second).Order(), published.Keys.Order());
        }
        finally { await bus.StopAsync(); }
    }

    /// <summary>Posts new items to ingestion; returns the ids of the CoverageIngested events they must produce.</summary>
    private async Task<Guid[]> PostAsync(string prefix, int count)
    {
        var items = SampleCoverage.Items(prefix, count);
        using var response = await fixture.Http.PostAsJsonAsync("/api/coverage", items, Json);
        response.EnsureSuccessStatusCode();
        return items.Select(i => CoverageEventIds.Ingested(CoverageIdentity.For(i.Platform, i.PlatformId, i.Url))).ToArray();
    }
}
