using System.Collections.Concurrent;
using MassTransit;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Relay;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Pipeline.Tests.Relay;

public class When_the_relay_publishes_committed_events(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_publish_each_committed_event_once_with_its_id_as_MessageId_and_never_a_rolled_back_one()
    {
        var published = new ConcurrentBag<(Guid? MessageId, Guid CoverageId, string? StreamHeader)>();
        var bus = await TestBus.StartAsync(fixture.Vhost, cfg => cfg.ReceiveEndpoint("relay-observer", e =>
            e.Handler<CoverageIngested>(ctx =>
            {
                published.Add((ctx.MessageId, ctx.Message.CoverageId, ctx.Headers.Get<string>(RelaySubscription.StreamIdHeader)));
                return Task.CompletedTask;
            })));
        try
        {
            var before = Ingested("committed-before-", 20);
            var rolledBack = Ingested("rolled-back-", 1).Single();
            var after = Ingested("committed-after-", 5);

            await AppendAsync(before);
            await AppendAndRollBackAsync(rolledBack);
            await AppendAsync(after);

            await using var publisher = await RelayPublishers.ConnectAsync(fixture.Vhost);
            await using var relay = await RelayRun.StartAsync(fixture.Store, publisher);
            var expected = before.Concat(after).ToDictionary(e => CoverageEventIds.Ingested(e.CoverageId), e => e.CoverageId);
            var complete = await Until.HoldsAsync(() => Task.FromResult(published.Count >= expected.Count), Patience);
            await Task.Delay(TimeSpan.FromSeconds(1)); // room for a stray extra publish to show up

            Assert.True(complete, $"expected {expected.Count} publishes, saw {published.Count}");
            Assert.Equal(expected.Count, published.Count);
            Assert.All(published, p =>
            {
                Assert.True(expected.TryGetValue(p.MessageId!.Value, out var coverageId), $"unexpected MessageId {p.MessageId}");
                Assert.Equal(coverageId, p.CoverageId);
                Assert.Equal(coverageId.ToString(), p.StreamHeader);
            });
            Assert.DoesNotContain(published, p => p.CoverageId == rolledBack.CoverageId);
            Assert.Empty(await fixture.Store.ReadStreamAsync(rolledBack.CoverageId));
        }
        finally { await bus.StopAsync(); }
    }

    private Task AppendAsync(IEnumerable<CoverageIngested> events) => fixture.Store.AppendBatchAsync(events
        .Select(e => new StreamAppend(e.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.NoStream,
            [new EventData(CoverageEventIds.Ingested(e.CoverageId), e)]))
        .ToArray());

    internal static IReadOnlyList<CoverageIngested> Ingested(string prefix, int count) => SampleCoverage.Items(prefix, count)
        .Select(i => new CoverageIngested(CoverageIdentity.For(i.Platform, i.PlatformId, i.Url), i.Platform, i.PlatformId, i.Url,
            i.Title, i.Text, i.Author, i.PublishedAt, i.Engagement, i.Hashtags, i.Region, i.Feed, i.ObservedAt))
        .ToArray();

    /// <summary>Appends in a transaction that then rolls back: the event took a sequence number and never committed.</summary>
    private async Task AppendAndRollBackAsync(CoverageIngested e)
    {
        await using var connection = await fixture.Store.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var session = fixture.Store.Store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(tx)))
        {
            session.Events.StartStream(e.CoverageId, e);
            await session.SaveChangesAsync();
        }
        await tx.RollbackAsync();
    }
}
