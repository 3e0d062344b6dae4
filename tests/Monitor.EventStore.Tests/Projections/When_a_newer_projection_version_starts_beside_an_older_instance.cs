using Microsoft.Extensions.Logging;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Projections;

/// <summary>
/// A rolling upgrade: an instance running version 1 of a projection holds its lock while one running version 2
/// starts. Version 1 reads only additions and version 2 also removals, so the documents tell who built them.
/// </summary>
public sealed class When_a_newer_projection_version_starts_beside_an_older_instance(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_stop_the_busy_older_instance_before_it_commits_anything_after_the_reset()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "busy-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 6, rounds: 40);
        var additions = (await store.ReadAllAsync(GlobalPosition.Start, 10_000, includeArchived: false, eventTypes: ["item-added"])).Count;
        // slow batches keep version 1 catching up while version 2 starts
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1) { HandleDelay = TimeSpan.FromMilliseconds(150) };
        var logger = new RecordingLogger();
        var old = await store.StartProjectionAsync(v1, logger);
        using var oldCts = new CancellationTokenSource(Timeout * 2);
        var oldRun = old.RunAsync(oldCts.Token);
        Assert.True(await Until.HoldsAsync(async () => (await VersionedCarts.CheckpointAsync(store, name))!.Value.Position != GlobalPosition.Start, Timeout),
            "version 1 never committed a batch");

        await UpgradeAndExpectTheOlderToStepAsideAsync(store, name, carts, old, oldRun, logger);
        await oldCts.CancelAsync();

        Assert.True(v1.Handled.Distinct().Count() < additions, "version 1 had caught up before the reset; the test needs it busy");
    }

    [Fact]
    public async Task Should_hand_the_lock_to_the_newer_instance_waiting_beside_it_and_end_with_its_read_model()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "rolling-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 6, rounds: 40);
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1) { HandleDelay = TimeSpan.FromMilliseconds(150) };
        var old = await store.StartProjectionAsync(v1);
        using var cts = new CancellationTokenSource(Timeout * 3);
        var oldRun = old.RunAsync(cts.Token);
        Assert.True(await Until.HoldsAsync(() => v1.Handled.Count > 0, Timeout), "version 1 never started handling");

        // as in a Deployment's rolling update: the new pod starts, then waits on the lock as a standby
        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        var upgraded = await store.StartProjectionAsync(v2);
        var newRun = upgraded.RunAsync(cts.Token);
        var stopped = await EndsWithinAsync(oldRun, Timeout);
        var tookOver = await Until.HoldsAsync(() => upgraded.IsActive, Timeout);
        var rebuilt = await VersionedCarts.ReadModelEqualsAsync(store, v2, carts, CartProjection.Fold, Timeout);
        await cts.CancelAsync();
        await newRun;

        Assert.True(stopped, "the version 1 instance kept the lock");
        Assert.Equal(2, old.SupersededBy);
        Assert.True(tookOver, "the version 2 instance never took the lock");
        Assert.True(rebuilt, "the read model does not equal what version 2 makes of the streams");
        Assert.False(await VersionedCarts.ReadModelEqualsAsync(store, v2, carts, VersionedCartProjection.AdditionsOnly, TimeSpan.Zero),
            "the carts' streams should fold differently under version 1");
        Assert.Null(upgraded.SupersededBy);
        Assert.Equal(2, (await VersionedCarts.CheckpointAsync(store, name))!.Value.Version);
    }

    [Fact]
    public async Task Should_stop_an_idle_older_instance_at_its_next_poll()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "idle-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 4, rounds: 8);
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1);
        var logger = new RecordingLogger();
        using var oldCts = new CancellationTokenSource(Timeout * 2);
        var (old, oldRun) = await RunUntilCaughtUpAsync(store, v1, carts, VersionedCartProjection.AdditionsOnly, logger, oldCts.Token);
        var handledBefore = v1.Handled.Count;

        await UpgradeAndExpectTheOlderToStepAsideAsync(store, name, carts, old, oldRun, logger);
        await oldCts.CancelAsync();

        Assert.Equal(handledBefore, v1.Handled.Count);
    }

    [Fact]
    public async Task Should_stop_an_older_standby_that_takes_the_lock_after_the_newer_instance()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "standby-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 4, rounds: 8);
        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        using var currentCts = new CancellationTokenSource(Timeout * 2);
        var (_, currentRun) = await RunUntilCaughtUpAsync(store, v2, carts, CartProjection.Fold, new RecordingLogger(), currentCts.Token);
        var built = await VersionedCarts.CheckpointAsync(store, name);

        // an old pod not yet replaced, standing by; it never ran StartProjectionAsync against version 2's row
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1);
        var standby = new Subscription(store, v1.ToSubscriptionOptions(), v1);
        using var standbyCts = new CancellationTokenSource(Timeout * 2);
        var standbyRun = standby.RunAsync(standbyCts.Token);
        await Task.Delay(200);
        Assert.False(standbyRun.IsCompleted, "the standby should wait for the lock, not end");
        await currentCts.CancelAsync();
        await currentRun;
        var stopped = await EndsWithinAsync(standbyRun, Timeout);
        await standbyCts.CancelAsync();

        Assert.True(stopped, "the version 1 standby kept running after taking the lock");
        Assert.Equal(2, standby.SupersededBy);
        Assert.Empty(v1.Handled);
        Assert.Equal(built, await VersionedCarts.CheckpointAsync(store, name));
        Assert.True(await VersionedCarts.ReadModelEqualsAsync(store, v2, carts, CartProjection.Fold, TimeSpan.Zero));
    }

    [Fact]
    public async Task Should_stop_a_newer_version_started_by_hand_on_an_older_checkpoint()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "by-hand-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 3, rounds: 8);
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1);
        Assert.True(await VersionedCarts.RunUntilAsync(await store.StartProjectionAsync(v1),
            () => VersionedCarts.ReadModelEqualsAsync(store, v1, carts, VersionedCartProjection.AdditionsOnly, TimeSpan.Zero), Timeout));
        var built = await VersionedCarts.CheckpointAsync(store, name);

        // only StartProjectionAsync raises a version; a subscription never takes over a read model built by other code
        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        var logger = new RecordingLogger();
        var byHand = new Subscription(store, v2.ToSubscriptionOptions(), v2, logger);
        using var cts = new CancellationTokenSource(Timeout);
        var stopped = await EndsWithinAsync(byHand.RunAsync(cts.Token), Timeout);

        Assert.True(stopped, "the version 2 subscription ran on a checkpoint version 1 built");
        Assert.Equal(1, byHand.SupersededBy);
        Assert.Empty(v2.Handled);
        Assert.Equal(built, await VersionedCarts.CheckpointAsync(store, name));
        Assert.Contains((LogLevel.Warning, "Subscription by-hand-carts: the store holds version 1, this instance runs 2; an instance running the stored version rebuilt it (start this one through StartProjectionAsync to rebuild with its own); stopping"),
            logger.Entries);
    }

    [Fact]
    public async Task Should_record_the_version_of_a_subscription_started_by_hand_that_creates_the_checkpoint()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "fresh-by-hand-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 3, rounds: 8);
        var v3 = new VersionedCartProjection(store.Schema, name, version: 3);
        await using (var connection = await store.DataSource.OpenConnectionAsync())
            await v3.EnsureStorageAsync(connection, CancellationToken.None);
        var byHand = new Subscription(store, v3.ToSubscriptionOptions(), v3);

        Assert.True(await VersionedCarts.RunUntilAsync(byHand,
            () => VersionedCarts.ReadModelEqualsAsync(store, v3, carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "the subscription did not build the read model");
        Assert.Null(byHand.SupersededBy);
        Assert.Equal(3, (await VersionedCarts.CheckpointAsync(store, name))!.Value.Version);
    }

    [Fact]
    public async Task Should_leave_the_newer_read_model_alone_when_an_older_instance_restarts_during_the_upgrade()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "restarted-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 4, rounds: 8);
        using var cts = new CancellationTokenSource(Timeout * 2);
        using var newCts = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        var (_, newRun) = await RunUntilCaughtUpAsync(store, v2, carts, CartProjection.Fold, new RecordingLogger(), newCts.Token);
        var built = (await VersionedCarts.CheckpointAsync(store, name))!.Value;

        // an old pod that crashed and came back before the rollout replaced it
        var logger = new RecordingLogger();
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1);
        var old = await store.StartProjectionAsync(v1, logger, cts.Token);

        Assert.Equal(0, v1.Clears);
        Assert.Equal(built, (await VersionedCarts.CheckpointAsync(store, name))!.Value);
        Assert.Contains((LogLevel.Warning, $"Projection {name}: the store holds version 2, newer than this instance's 1; left to the newer instances"), logger.Entries);
        // it stands by while the newer instance holds the lock, and steps aside once it gets the lock
        var oldRun = old.RunAsync(cts.Token);
        await newCts.CancelAsync();
        await newRun;
        Assert.True(await EndsWithinAsync(oldRun, Timeout), "the older instance kept following the projection");
        Assert.Equal(2, old.SupersededBy);
        Assert.Empty(v1.Handled);
        Assert.True(await VersionedCarts.ReadModelEqualsAsync(store, v2, carts, CartProjection.Fold, TimeSpan.Zero));
    }

    [Fact]
    public async Task Should_stop_a_rebuild_by_hand_with_a_clear_error_when_a_newer_instance_rebuilds_meanwhile()
    {
        await using var store = await Stores.CreateAsync(schema);
        const string name = "contested-carts";
        var carts = await VersionedCarts.AppendAsync(store, carts: 6, rounds: 40);
        // an older release's `projections rebuild`, slow enough to be running when the newer API starts
        var v1 = new VersionedCartProjection(store.Schema, name, version: 1) { HandleDelay = TimeSpan.FromMilliseconds(150) };
        using var cts = new CancellationTokenSource(Timeout * 2);
        var rebuild = new ProjectionRebuilder(store) { ProgressInterval = TimeSpan.FromMilliseconds(20) }.RebuildAsync(v1, null, cts.Token);
        Assert.True(await Until.HoldsAsync(() => v1.Handled.Count > 0, Timeout), "the rebuild never started replaying");

        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        var subscription = await store.StartProjectionAsync(v2, ct: cts.Token);
        var error = await Assert.ThrowsAsync<EventStoreException>(() => rebuild.WaitAsync(Timeout));

        Assert.Equal($"Rebuilding projection {name} (version 1) stopped: an instance running version 2 rebuilt it meanwhile.", error.Message);
        Assert.True(await VersionedCarts.RunUntilAsync(subscription,
            () => VersionedCarts.ReadModelEqualsAsync(store, v2, carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "version 2 did not rebuild the read model");
    }

    /// <summary>Starts the projection and runs it (until <paramref name="ct"/>) once it holds the fold of every cart.</summary>
    private static async Task<(Subscription Subscription, Task Run)> RunUntilCaughtUpAsync(
        EventStore store, VersionedCartProjection projection, Guid[] carts, StreamFold<Cart> fold, RecordingLogger logger, CancellationToken ct)
    {
        var subscription = await store.StartProjectionAsync(projection, logger, ct);
        var run = subscription.RunAsync(ct);
        Assert.True(await VersionedCarts.ReadModelEqualsAsync(store, projection, carts, fold, Timeout), $"version {projection.Version} never caught up");
        return (subscription, run);
    }

    /// <summary>
    /// Starts version 2 while the version 1 instance <paramref name="old"/> runs and expects that one to end, having
    /// committed nothing since the reset (empty read model, checkpoint at the start); then version 2 rebuilds.
    /// </summary>
    private static async Task UpgradeAndExpectTheOlderToStepAsideAsync(EventStore store, string name, Guid[] carts, Subscription old, Task oldRun, RecordingLogger logger)
    {
        var v2 = new VersionedCartProjection(store.Schema, name, version: 2);
        var subscription = await store.StartProjectionAsync(v2);
        var stopped = await EndsWithinAsync(oldRun, Timeout);
        var afterStop = await VersionedCarts.CheckpointAsync(store, name);
        var documentsAfterStop = await VersionedCarts.DocumentCountAsync(store, v2);

        Assert.True(stopped, "the version 1 instance kept running after version 2 reset the projection");
        Assert.Equal(2, old.SupersededBy);
        Assert.False(old.IsActive);
        Assert.Contains((LogLevel.Warning, $"Subscription {name}: the store holds version 2, this instance runs 1; a newer instance rebuilds it; stopping"), logger.Entries);
        Assert.Equal((GlobalPosition.Start, 2), afterStop);
        Assert.Equal(0, documentsAfterStop);
        Assert.True(await VersionedCarts.RunUntilAsync(subscription,
            () => VersionedCarts.ReadModelEqualsAsync(store, v2, carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "version 2 did not rebuild the read model");
    }

    /// <summary>Whether <paramref name="run"/> ends within <paramref name="timeout"/>; it must end without an exception.</summary>
    private static async Task<bool> EndsWithinAsync(Task run, TimeSpan timeout)
    {
        if (await Task.WhenAny(run, Task.Delay(timeout)) != run) return false;
        await run;
        return true;
    }
}
