using Microsoft.Extensions.Logging;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Projections;

public sealed class When_a_projection_version_changes(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_clear_the_read_model_and_replay_from_the_start_with_the_new_code()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "raised-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 6, rounds: 12);
        await BuildWithVersionOneAsync(store, name, carts);
        var built = (await VersionedCarts.CheckpointAsync(store, name))!.Value;
        Assert.Equal(1, built.Version);
        Assert.NotEqual(GlobalPosition.Start, built.Position);

        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        var logger = new RecordingLogger();
        var subscription = await store.StartProjectionAsync(v2, logger);

        Assert.Contains((LogLevel.Information, "Projection raised-carts changed (version 1 -> 2): rebuilding from the start"), logger.Entries);
        Assert.Equal(1, v2.Clears);
        Assert.Equal(0, await VersionedCarts.DocumentCountAsync(store, v2));
        Assert.Equal((GlobalPosition.Start, 2), (await VersionedCarts.CheckpointAsync(store, name))!.Value);
        Assert.True(await VersionedCarts.RunUntilAsync(subscription,
            () => VersionedCarts.ReadModelEqualsAsync(store, v2, carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "version 2 did not rebuild the read model to the fold of the streams");
        var first = (await store.ReadAllAsync(GlobalPosition.Start, 1, includeArchived: false, eventTypes: ["item-added", "item-removed"]))[0];
        Assert.Equal(first.Id, v2.Handled[0]);
    }

    [Fact]
    public async Task Should_keep_its_checkpoint_when_started_again_with_the_same_version()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "steady-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 4, rounds: 8);
        var before = new VersionedCartProjection(store.Schema, name, version: 2);
        Assert.True(await VersionedCarts.RunUntilAsync(await store.StartProjectionAsync(before),
            () => VersionedCarts.ReadModelEqualsAsync(store, before, carts, CartProjection.Fold, TimeSpan.Zero), Timeout));
        var built = (await VersionedCarts.CheckpointAsync(store, name))!.Value;
        var documents = await VersionedCarts.DocumentCountAsync(store, before);

        var again = new VersionedCartProjection(store.Schema, name, version: 2);
        var subscription = await store.StartProjectionAsync(again);

        Assert.Equal(0, again.Clears);
        Assert.Equal(built, (await VersionedCarts.CheckpointAsync(store, name))!.Value);
        Assert.Equal(documents, await VersionedCarts.DocumentCountAsync(store, again));
        var later = TestEvents.Added("seat", 5);
        await store.AppendAsync(carts[0], "cart", ExpectedVersion.Any, [later]);
        // until the read model holds the new event: handled is not yet committed, and the run stops once this holds
        Assert.True(await VersionedCarts.RunUntilAsync(subscription,
            () => VersionedCarts.ReadModelEqualsAsync(store, again, carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "the restarted projection never committed the new event");
        Assert.Equal([later.Id], again.Handled.Distinct());
    }

    [Fact]
    public async Task Should_rebuild_once_when_instances_start_together_with_a_new_version()
    {
        const int instances = 4;
        await using var store = await Stores.CreateAsync(schema);
        const string name = "crowded-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 5, rounds: 10);
        await BuildWithVersionOneAsync(store, name, carts);

        // the first to clear holds the checkpoint row a while, so the others arrive while it is locked
        var v2 = Enumerable.Range(0, instances)
            .Select(_ => new VersionedCartProjection(store.Schema, name, version: 2) { ClearDelay = TimeSpan.FromMilliseconds(300) }).ToArray();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logger = new RecordingLogger();
        var starting = v2.Select(async p => { await gate.Task; return await store.StartProjectionAsync(p, logger); }).ToArray();
        gate.SetResult();
        var subscriptions = await Task.WhenAll(starting).WaitAsync(Timeout);

        Assert.Equal(1, v2.Sum(p => p.Clears));
        Assert.Single(logger.Entries, e => e.Message.StartsWith("Projection crowded-carts changed"));
        Assert.Equal(2, (await VersionedCarts.CheckpointAsync(store, name))!.Value.Version);
        using var cts = new CancellationTokenSource(Timeout + TimeSpan.FromSeconds(10));
        var runs = subscriptions.Select(s => s.RunAsync(cts.Token)).ToArray();
        var rebuilt = await VersionedCarts.ReadModelEqualsAsync(store, v2[0], carts, CartProjection.Fold, Timeout);
        await cts.CancelAsync();
        await Task.WhenAll(runs);
        Assert.True(rebuilt, "the read model does not equal the fold of the streams after the rebuild");
        Assert.Equal(1, v2.Sum(p => p.Clears));
    }

    [Fact]
    public async Task Should_record_its_version_when_first_created_without_clearing()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "new-carts";
        var projection = new VersionedCartProjection(store.Schema, name, version: 3);

        await store.StartProjectionAsync(projection);

        Assert.Equal(0, projection.Clears);
        Assert.Equal((GlobalPosition.Start, 3), (await VersionedCarts.CheckpointAsync(store, name))!.Value);
    }

    [Fact]
    public async Task Should_record_the_version_a_rebuild_by_hand_used_and_not_rebuild_again_on_start()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "hand-rebuilt-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 3, rounds: 8);
        await BuildWithVersionOneAsync(store, name, carts);

        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        using var rebuildCts = new CancellationTokenSource(Timeout);
        await new ProjectionRebuilder(store).RebuildAsync(v2, progress: null, rebuildCts.Token);
        var rebuilt = (await VersionedCarts.CheckpointAsync(store, name))!.Value;
        var started = new VersionedCartProjection(store.Schema, name, version: 2);
        await store.StartProjectionAsync(started);

        Assert.Equal(2, rebuilt.Version);
        Assert.Equal(1, v2.Clears);
        Assert.Equal(0, started.Clears);
        Assert.Equal(rebuilt, (await VersionedCarts.CheckpointAsync(store, name))!.Value);
        Assert.True(await VersionedCarts.ReadModelEqualsAsync(store, started, carts, CartProjection.Fold, TimeSpan.Zero));
    }

    [Fact]
    public async Task Should_refuse_a_version_below_one()
    {
        await using var store = await Stores.CreateAsync(schema);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.StartProjectionAsync(new VersionedCartProjection(store.Schema, "zero-carts", version: 0)));

        Assert.Contains("Projection zero-carts has Version 0; versions start at 1", error.Message);
    }

    private static async Task BuildWithVersionOneAsync(EventStore store, string name, Guid[] carts)
    {
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1);
        Assert.True(await VersionedCarts.RunUntilAsync(await store.StartProjectionAsync(v1),
            () => VersionedCarts.ReadModelEqualsAsync(store, v1, carts, VersionedCartProjection.AdditionsOnly, TimeSpan.Zero), Timeout),
            $"version 1 of {name} never caught up");
    }
}
