using JasperFx.Events.Daemon;
using Marten;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.EventStore.Tests.Marten;

/// <summary>
/// A subscription run by Marten's async daemon: its writes commit with its progress, and the sharp edges of a
/// sequence-ordered log (a transaction held open, a rolled-back append, a failing handler) lose nothing.
/// Each test has a schema of its own: the daemon's high water mark belongs to the whole schema.
/// </summary>
public sealed class When_martens_daemon_runs_a_subscription : IAsyncLifetime
{
    private readonly PostgresSchema _schema = new();

    public Task InitializeAsync() => _schema.InitializeAsync();

    public Task DisposeAsync() => _schema.DisposeAsync();

    [Fact]
    public async Task Should_apply_every_event_exactly_once_with_its_progress()
    {
        var handler = await CountingHandler.CreateAsync(_schema.DataSource, _schema.Name);
        await using var log = await CreateLogAsync(handler, batchSize: 7);
        var streams = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();

        await using var daemon = await StartDaemonAsync(log);
        for (var round = 0; round < 5; round++)
            await log.AppendBatchAsync(streams.Select(s => new StreamAppend(s, "cart", ExpectedVersion.Any, [TestEvents.Note(round)])).ToArray());

        var counts = await Until.ValueAsync(() => handler.CountsAsync(_schema.DataSource), c => c.Values.Sum() >= 50, TimeSpan.FromSeconds(30));
        Assert.All(streams, s => Assert.Equal(5, counts[s]));
        Assert.Equal(50, await ProgressAsync(log, "counting:All"));
    }

    [Fact]
    public async Task Should_wait_for_a_transaction_held_open_and_deliver_its_event_in_sequence_order()
    {
        var handler = await CountingHandler.CreateAsync(_schema.DataSource, _schema.Name);
        await using var log = await CreateLogAsync(handler);
        await using var daemon = await StartDaemonAsync(log);
        var held = Guid.NewGuid();

        // The held append takes its sequence number first, then commits after later appends did.
        await using var connection = await _schema.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await log.AppendInTransactionAsync(tx, [new StreamAppend(held, "cart", ExpectedVersion.NoStream, [TestEvents.Note(0)])], null, default);
        for (var i = 1; i <= 5; i++) await log.AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.NoStream, [TestEvents.Note(i)]);
        await Task.Delay(TimeSpan.FromSeconds(5)); // past the stale-sequence threshold: the live transaction is still waited for
        Assert.DoesNotContain(held, (await handler.CountsAsync(_schema.DataSource)).Keys);
        await tx.CommitAsync();

        var counts = await Until.ValueAsync(() => handler.CountsAsync(_schema.DataSource), c => c.Count >= 6, TimeSpan.FromSeconds(30));
        Assert.Equal(1, counts[held]);
        lock (handler.Delivered) Assert.Equal(handler.Delivered.Order(), handler.Delivered);
    }

    [Fact]
    public async Task Should_deliver_while_an_unrelated_long_transaction_stays_open()
    {
        var handler = await CountingHandler.CreateAsync(_schema.DataSource, _schema.Name);
        await using var log = await CreateLogAsync(handler);
        await using var daemon = await StartDaemonAsync(log);
        await using var unrelated = await _schema.DataSource.OpenConnectionAsync();
        await using var longTransaction = await unrelated.BeginTransactionAsync();
        await using (var write = new NpgsqlCommand($"CREATE TABLE {_schema.Name}.unrelated (id int); INSERT INTO {_schema.Name}.unrelated VALUES (1)", unrelated, longTransaction))
            await write.ExecuteNonQueryAsync();

        var streams = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var stream in streams) await log.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);

        var counts = await Until.ValueAsync(() => handler.CountsAsync(_schema.DataSource), c => c.Count == 3, TimeSpan.FromSeconds(20));
        Assert.Equal(streams.Order(), counts.Keys.Order());
        await longTransaction.RollbackAsync();
    }

    [Fact]
    public async Task Should_skip_the_gap_a_rolled_back_append_leaves_and_deliver_what_follows()
    {
        var handler = await CountingHandler.CreateAsync(_schema.DataSource, _schema.Name);
        await using var log = await CreateLogAsync(handler);
        await using var daemon = await StartDaemonAsync(log);

        await using (var connection = await _schema.DataSource.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await log.AppendInTransactionAsync(tx, [new StreamAppend(Guid.NewGuid(), "cart", ExpectedVersion.NoStream, [TestEvents.Note(0)])], null, default);
            await tx.RollbackAsync();
        }
        var after = Guid.NewGuid();
        await log.AppendAsync(after, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);

        var counts = await Until.ValueAsync(() => handler.CountsAsync(_schema.DataSource), c => c.ContainsKey(after), TimeSpan.FromSeconds(30));
        Assert.Equal([after], counts.Keys);
    }

    [Fact]
    public async Task Should_apply_a_batch_whose_handler_failed_once_exactly_once_on_the_retry()
    {
        var handler = await CountingHandler.CreateAsync(_schema.DataSource, _schema.Name);
        var failures = 0;
        handler.FailWhen = _ => Interlocked.Increment(ref failures) == 1;
        await using var log = await CreateLogAsync(handler);
        var stream = Guid.NewGuid();
        await log.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1), TestEvents.Note(2), TestEvents.Note(3)]);

        await using var daemon = await StartDaemonAsync(log);

        var counts = await Until.ValueAsync(() => handler.CountsAsync(_schema.DataSource), c => c.ContainsKey(stream), TimeSpan.FromSeconds(30));
        Assert.Equal(3, counts[stream]);
        Assert.True(failures >= 2);
    }

    [Fact]
    public async Task Should_keep_a_document_projection_equal_to_its_streams_folded()
    {
        var carts = new CartProjection(_schema.Name);
        await using (var connection = await _schema.DataSource.OpenConnectionAsync())
            await carts.EnsureStorageAsync(connection, default);
        await using var log = await CreateLogAsync(HandlerSubscription.For(carts, _schema.DataSource, TestEvents.Registry()));
        await using var daemon = await StartDaemonAsync(log);
        var streams = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();

        foreach (var stream in streams)
        {
            await log.AppendAsync(stream, "cart", ExpectedVersion.Any, [TestEvents.Added("a", 2), TestEvents.Note(1), TestEvents.Added("b")]);
            await log.AppendAsync(stream, "cart", ExpectedVersion.Any, [new EventData(Guid.NewGuid(), new ItemRemoved("a")), TestEvents.Added("b", 4)]);
        }

        var expected = new Dictionary<string, int> { ["b"] = 5 };
        Assert.True(await Until.HoldsAsync(async () =>
        {
            foreach (var stream in streams)
                if (await carts.LoadAsync(_schema.DataSource, stream) is not { } cart || !cart.Items.OrderBy(i => i.Key).SequenceEqual(expected)) return false;
            return true;
        }, TimeSpan.FromSeconds(30)));
    }

    private Task<EventStore> CreateLogAsync(ISubscriptionHandler handler, int batchSize = 500) =>
        CreateLogAsync(new HandlerSubscription("counting", handler, _schema.DataSource, batchSize));

    private async Task<EventStore> CreateLogAsync(HandlerSubscription subscription)
    {
        var log = new EventStore(_schema.DataSource, new EventStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name },
            TestEvents.Registry(), configure: options =>
            {
                options.Events.Subscribe(subscription);
                options.Projections.StaleSequenceThreshold = TimeSpan.FromSeconds(2);
            });
        await log.EnsureSchemaAsync();
        return log;
    }

    private static async Task<AsyncDaemon> StartDaemonAsync(EventStore log) => await AsyncDaemon.StartAsync(log);

    private async Task<long> ProgressAsync(EventStore log, string shard)
    {
        await using var cmd = _schema.DataSource.CreateCommand($"SELECT last_seq_id FROM {log.Schema}.mt_event_progression WHERE name = $1");
        cmd.Parameters.AddWithValue(shard);
        return (long)(await cmd.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>A daemon running every subscription of the log, stopped when disposed.</summary>
    private sealed class AsyncDaemon(IProjectionDaemon daemon) : IAsyncDisposable
    {
        public static async Task<AsyncDaemon> StartAsync(EventStore log)
        {
            var daemon = (IProjectionDaemon)await log.Store.BuildProjectionDaemonAsync();
            await daemon.StartAllAsync();
            return new AsyncDaemon(daemon);
        }

        public async ValueTask DisposeAsync()
        {
            await daemon.StopAllAsync();
            (daemon as IDisposable)?.Dispose();
        }
    }
}
