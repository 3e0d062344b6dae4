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

        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        var logger = new RecordingLogger();
        await new ProjectionRebuilder(store, logger).PrepareAsync(v2, default);

        Assert.Contains((LogLevel.Information, "Projection raised-carts version 2 has no progress: emptying its read model for a replay from the start"), logger.Entries);
        Assert.Equal(1, v2.Clears);
        Assert.Equal(0, await VersionedCarts.DocumentCountAsync(store, v2));
        Assert.Null(await VersionedCarts.ProgressAsync(store, v2));
        Assert.True(await VersionedCarts.RunUntilAsync(store, v2,
            () => VersionedCarts.ReadModelEqualsAsync(store, v2, carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "version 2 did not rebuild the read model to the fold of the streams");
    }

    [Fact]
    public async Task Should_keep_its_read_model_and_progress_when_started_again_with_the_same_version()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "steady-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 4, rounds: 8);
        var before = new VersionedCartProjection(store.Schema, name, version: 2);
        await new ProjectionRebuilder(store).PrepareAsync(before, default);
        Assert.True(await VersionedCarts.RunUntilAsync(store, before,
            () => VersionedCarts.ReadModelEqualsAsync(store, before, carts, CartProjection.Fold, TimeSpan.Zero), Timeout));
        var built = await VersionedCarts.ProgressAsync(store, before);
        var documents = await VersionedCarts.DocumentCountAsync(store, before);

        var again = new VersionedCartProjection(store.Schema, name, version: 2);
        await new ProjectionRebuilder(store).PrepareAsync(again, default);

        Assert.Equal(0, again.Clears);
        Assert.Equal(built, await VersionedCarts.ProgressAsync(store, again));
        Assert.Equal(documents, await VersionedCarts.DocumentCountAsync(store, again));
        var later = TestEvents.Added("seat", 5);
        await store.AppendAsync(carts[0], "cart", ExpectedVersion.Any, [later]);
        Assert.True(await VersionedCarts.RunUntilAsync(store, again,
            () => VersionedCarts.ReadModelEqualsAsync(store, again, carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "the restarted projection never committed the new event");
        Assert.Equal([later.Id], again.Handled.Distinct());
    }

    [Fact]
    public async Task Should_end_with_one_correct_read_model_when_instances_start_together_with_a_new_version()
    {
        const int instances = 4;
        await using var store = await Stores.CreateAsync(schema);
        const string name = "crowded-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 5, rounds: 10);
        await BuildWithVersionOneAsync(store, name, carts);

        // the first to clear holds the progress table's lock a while, so the others arrive while it is held
        var v2 = Enumerable.Range(0, instances)
            .Select(_ => new VersionedCartProjection(store.Schema, name, version: 2) { ClearDelay = TimeSpan.FromMilliseconds(300) }).ToArray();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = v2.Select(async p => { await gate.Task; await new ProjectionRebuilder(store).PrepareAsync(p, default); }).ToArray();
        gate.SetResult();
        await Task.WhenAll(starting).WaitAsync(Timeout);

        // each may empty it (none has replayed yet); the first daemon to replay then makes the others leave it be
        Assert.InRange(v2.Sum(p => p.Clears), 1, instances);
        var clears = v2.Sum(p => p.Clears);
        Assert.True(await VersionedCarts.RunUntilAsync(store, v2[0],
            () => VersionedCarts.ReadModelEqualsAsync(store, v2[0], carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "the read model does not equal the fold of the streams after the rebuild");
        await new ProjectionRebuilder(store).PrepareAsync(v2[1], default);
        Assert.Equal(clears, v2.Sum(p => p.Clears));
    }

    [Fact]
    public async Task Should_not_clear_again_on_start_after_a_rebuild_by_hand()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "hand-rebuilt-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 3, rounds: 8);
        await BuildWithVersionOneAsync(store, name, carts);

        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        using var rebuildCts = new CancellationTokenSource(Timeout);
        await new ProjectionRebuilder(store).RebuildAsync(v2, progress: null, rebuildCts.Token);
        var rebuilt = await VersionedCarts.ProgressAsync(store, v2);
        var started = new VersionedCartProjection(store.Schema, name, version: 2);
        await new ProjectionRebuilder(store).PrepareAsync(started, default);

        Assert.True(v2.Clears >= 1);
        Assert.Equal(0, started.Clears);
        Assert.Equal(rebuilt, await VersionedCarts.ProgressAsync(store, started));
        Assert.True(await VersionedCarts.ReadModelEqualsAsync(store, started, carts, CartProjection.Fold, TimeSpan.Zero));
    }

    [Fact]
    public async Task Should_refuse_a_version_below_one()
    {
        await using var store = await Stores.CreateAsync(schema);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new ProjectionRebuilder(store).PrepareAsync(new VersionedCartProjection(store.Schema, "zero-carts", version: 0), default));

        Assert.Contains("Projection zero-carts has Version 0; versions start at 1", error.Message);
    }

    private static async Task BuildWithVersionOneAsync(EventStore store, string name, Guid[] carts)
    {
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1);
        await new ProjectionRebuilder(store).PrepareAsync(v1, default);
        Assert.True(await VersionedCarts.RunUntilAsync(store, v1,
            () => VersionedCarts.ReadModelEqualsAsync(store, v1, carts, VersionedCartProjection.AdditionsOnly, TimeSpan.Zero), Timeout),
            $"version 1 of {name} never caught up");
    }
}
