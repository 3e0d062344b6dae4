using System.Collections.Concurrent;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Projections;

public sealed class When_a_projection_is_rebuilt_while_running(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly int LeaderLock = Random.Shared.Next(1_000_000, int.MaxValue - 1);

    [Fact]
    public async Task Should_end_with_the_read_model_a_fold_of_every_stream_gives_and_report_progress()
    {
        await using var store = await Stores.CreateAsync(schema);
        var projection = new CartProjection(store.Schema);
        var carts = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        var items = new[] { "tyre", "seat", "mirror" };
        async Task AppendRoundAsync(int round)
        {
            await store.AppendBatchAsync(carts.Select((c, i) => new StreamAppend(c, "cart", ExpectedVersion.Any,
                round % 4 == 3
                    ? [new EventData(Guid.NewGuid(), new ItemRemoved(items[(round + i) % 3]))]
                    : [TestEvents.Added(items[(round + i) % 3], round + 1)])).ToArray());
        }
        for (var round = 0; round < 20; round++) await AppendRoundAsync(round);

        // the service's instance leads its daemons and keeps running throughout; the rebuild goes through its daemon
        await new ProjectionRebuilder(store).PrepareAsync(projection, default);
        using var service = await RunningDaemon.StartHostAsync(store, projection, LeaderLock);
        var daemon = service.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        Assert.True(await Until.HoldsAsync(async () => await projection.LoadAsync(store.DataSource, carts[^1]) is not null, Timeout));

        // appends keep coming while the rebuild runs
        using var writing = new CancellationTokenSource();
        var writerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            for (var round = 20; round < 60 && !writing.IsCancellationRequested; round++)
            {
                await AppendRoundAsync(round);
                writerStarted.TrySetResult();
                await Task.Delay(10);
            }
        });
        await writerStarted.Task.WaitAsync(Timeout); // the rebuild starts while appends are flowing
        var reports = new ConcurrentQueue<RebuildProgress>();
        using var rebuildCts = new CancellationTokenSource(Timeout);
        await new ProjectionRebuilder(store) { ProgressInterval = TimeSpan.FromMilliseconds(20) }
            .RebuildAsync(projection, new SynchronousProgress(reports), rebuildCts.Token, daemon);
        await writing.CancelAsync();
        await writer.WaitAsync(Timeout);

        var expected = new Dictionary<Guid, Dictionary<string, int>>();
        foreach (var cart in carts)
            expected[cart] = (await store.AggregateStreamAsync(cart, CartProjection.Fold))!.Items;
        var matches = await Until.HoldsAsync(async () =>
        {
            foreach (var cart in carts)
            {
                var document = await projection.LoadAsync(store.DataSource, cart);
                if (document is null || !document.Items.OrderBy(i => i.Key).SequenceEqual(expected[cart].OrderBy(i => i.Key))) return false;
            }
            return true;
        }, Timeout);
        await service.StopAsync();

        Assert.True(matches, "the read model does not equal the fold of the streams");
        Assert.True(await Until.HoldsAsync(async () => await projection.LoadAsync(store.DataSource, carts[0]) is not null, Timeout));
        var last = reports.Last();
        Assert.True(last.IsComplete);
        Assert.Equal(last.Total, last.Processed);
        Assert.True(last.Total >= 20 * carts.Length, $"the rebuild covered {last.Total} events");
        Assert.Equal(reports.Select(r => r.Processed).Order(), reports.Select(r => r.Processed));
    }

    [Fact]
    public async Task Should_be_refused_from_a_process_that_does_not_run_it_while_a_service_leads()
    {
        await using var store = await Stores.CreateAsync(schema);
        var projection = new CartProjection(store.Schema);
        var cart = Guid.NewGuid();
        await store.AppendAsync(cart, "cart", ExpectedVersion.NoStream, [TestEvents.Added("tyre")]);
        await new ProjectionRebuilder(store).PrepareAsync(projection, default);
        using var service = await RunningDaemon.StartHostAsync(store, projection, LeaderLock + 1);
        Assert.True(await Until.HoldsAsync(async () => await projection.LoadAsync(store.DataSource, cart) is not null, Timeout), "the service never ran");

        var error = await Assert.ThrowsAsync<EventStoreException>(() =>
            new ProjectionRebuilder(store).RebuildAsync(projection, null, default, leaderLock: LeaderLock + 1));

        Assert.Contains("is kept by a running service's daemon", error.Message);
        await service.StopAsync();
    }

    private sealed class SynchronousProgress(ConcurrentQueue<RebuildProgress> reports) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => reports.Enqueue(value);
    }
}
