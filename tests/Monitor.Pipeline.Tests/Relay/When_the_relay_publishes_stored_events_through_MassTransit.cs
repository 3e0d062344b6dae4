using System.Collections.Concurrent;
using MassTransit;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Relay;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;

namespace Monitor.Pipeline.Tests.Relay;

/// <summary>
/// The relay service's publisher: each stored event published through MassTransit. A consumer of its type
/// reads it with MessageId = event id, the stream's headers and the event's content.
/// </summary>
public class When_the_relay_publishes_stored_events_through_MassTransit(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_deliver_each_event_to_MassTransit_consumers_of_its_type_with_its_id_headers_and_content()
    {
        var ingested = new ConcurrentBag<(Guid? MessageId, CoverageIngested Message, string? StreamId, int? Version, string? Type)>();
        var updated = new ConcurrentBag<(Guid? MessageId, CoverageMetricsUpdated Message)>();
        var bus = await TestBus.StartAsync(fixture.Vhost, cfg => cfg.ReceiveEndpoint("broker-relay-observer", e =>
        {
            e.Handler<CoverageIngested>(ctx =>
            {
                ingested.Add((ctx.MessageId, ctx.Message, ctx.Headers.Get<string>(RelaySubscription.StreamIdHeader),
                    ctx.Headers.Get<int>(RelaySubscription.StreamVersionHeader), ctx.Headers.Get<string>(RelaySubscription.EventTypeHeader)));
                return Task.CompletedTask;
            });
            e.Handler<CoverageMetricsUpdated>(ctx =>
            {
                updated.Add((ctx.MessageId, ctx.Message));
                return Task.CompletedTask;
            });
        }));
        try
        {
            var items = When_the_relay_publishes_committed_events.Ingested("broker-relay-", 30);
            await fixture.Store.AppendBatchAsync(items.Select(e => new StreamAppend(e.CoverageId, MonitorEventTypes.CoverageStream,
                ExpectedVersion.NoStream, [new EventData(CoverageEventIds.Ingested(e.CoverageId), e)])).ToArray());
            var metrics = new CoverageMetricsUpdated(items[0].CoverageId, items[0].Platform, new Engagement(99, 5, 3, null, 7), 4321, items[0].PublishedAt.AddHours(2));
            await fixture.Store.AppendAsync(metrics.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.Exactly(1),
                [new EventData(CoverageEventIds.MetricsUpdated(metrics.CoverageId, 1, metrics), metrics)]);

            await using var publisher = await RelayPublishers.ConnectAsync(fixture.Vhost);
            await using (await RelayRun.StartAsync(fixture.Store, publisher))
            {
                var complete = await Until.HoldsAsync(() => Task.FromResult(ingested.Count >= items.Count && updated.Count >= 1), Patience);
                await Task.Delay(TimeSpan.FromSeconds(1)); // room for a stray extra publish to show up
                Assert.True(complete, $"expected {items.Count} CoverageIngested and 1 CoverageMetricsUpdated, saw {ingested.Count} and {updated.Count}");
            }

            Assert.Equal(items.Count, ingested.Count);
            var byId = items.ToDictionary(e => CoverageEventIds.Ingested(e.CoverageId));
            Assert.All(ingested, seen =>
            {
                Assert.True(byId.TryGetValue(seen.MessageId!.Value, out var sent), $"unexpected MessageId {seen.MessageId}");
                Assert.Equal(sent.CoverageId.ToString(), seen.StreamId);
                Assert.Equal(1, seen.Version);
                Assert.Equal(MonitorEventTypes.CoverageIngested, seen.Type);
                Assert.Equal(sent.CoverageId, seen.Message.CoverageId);
                Assert.Equal(sent.Text, seen.Message.Text);
                Assert.Equal(sent.Author, seen.Message.Author);
                Assert.Equal(sent.Engagement, seen.Message.Engagement);
                Assert.Equal(sent.PublishedAt, seen.Message.PublishedAt);
                Assert.Equal(sent.Hashtags, seen.Message.Hashtags);
                Assert.Equal(sent.Region, seen.Message.Region);
            });
            var (metricsId, metricsSeen) = Assert.Single(updated);
            Assert.Equal(CoverageEventIds.MetricsUpdated(metrics.CoverageId, 1, metrics), metricsId);
            Assert.Equal(metrics.Engagement, metricsSeen.Engagement);
            Assert.Equal(metrics.AuthorFollowers, metricsSeen.AuthorFollowers);
            Assert.Equal(metrics.ObservedAt, metricsSeen.ObservedAt);
        }
        finally { await bus.StopAsync(); }
    }
}
