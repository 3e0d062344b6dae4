using Monitor.EventStore.Schema;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.EventStore.Tests.Projections;

public sealed class When_a_store_from_before_projection_versions_is_migrated(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private const int LastMigrationWithoutVersions = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_rebuild_a_projection_raised_above_one_and_keep_one_still_at_one()
    {
        await CreateSchemaAsReleasedBeforeVersionsAsync();
        await using var store = new EventStore(schema.DataSource, new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, TestEvents.Registry());
        var carts = await VersionedCarts.AppendAsync(store, carts: 5, rounds: 12);
        var raisedBefore = new VersionedCartProjection(store.Schema, "raised-carts", version: 1);
        var keptBefore = new VersionedCartProjection(store.Schema, "kept-carts", version: 1);
        // what a release before versions did: create the storage, run the subscription. Today's subscription
        // reads the version column, so it gets one while it stands in for that release's, dropped again after.
        await ExecuteAsync($"ALTER TABLE {store.Schema}.subscriptions ADD COLUMN version integer NOT NULL DEFAULT 1");
        foreach (var old in new[] { raisedBefore, keptBefore })
        {
            await using (var connection = await store.DataSource.OpenConnectionAsync())
                await old.EnsureStorageAsync(connection, CancellationToken.None);
            Assert.True(await VersionedCarts.RunUntilAsync(new Subscription(store, old.ToSubscriptionOptions(), old),
                () => VersionedCarts.ReadModelEqualsAsync(store, old, carts, VersionedCartProjection.AdditionsOnly, TimeSpan.Zero), Timeout),
                $"{old.Name} never caught up before the migration");
        }
        await ExecuteAsync($"ALTER TABLE {store.Schema}.subscriptions DROP COLUMN version");
        var keptCheckpoint = await CheckpointPositionAsync(keptBefore.Name);

        await store.EnsureSchemaAsync();
        Assert.Equal(1, (await VersionedCarts.CheckpointAsync(store, raisedBefore.Name))!.Value.Version);
        Assert.Equal((keptCheckpoint, 1), (await VersionedCarts.CheckpointAsync(store, keptBefore.Name))!.Value);
        var raised = new VersionedCartProjection(store.Schema, "raised-carts", version: 2);
        var kept = new VersionedCartProjection(store.Schema, "kept-carts", version: 1);
        var raisedRun = await store.StartProjectionAsync(raised);
        await store.StartProjectionAsync(kept);

        Assert.Equal(1, raised.Clears);
        Assert.Equal((GlobalPosition.Start, 2), (await VersionedCarts.CheckpointAsync(store, raised.Name))!.Value);
        Assert.Equal(0, kept.Clears);
        Assert.Equal((keptCheckpoint, 1), (await VersionedCarts.CheckpointAsync(store, kept.Name))!.Value);
        Assert.True(await VersionedCarts.ReadModelEqualsAsync(store, kept, carts, VersionedCartProjection.AdditionsOnly, TimeSpan.Zero),
            "the projection still at version 1 lost its read model");
        Assert.True(await VersionedCarts.RunUntilAsync(raisedRun,
            () => VersionedCarts.ReadModelEqualsAsync(store, raised, carts, CartProjection.Fold, TimeSpan.Zero), Timeout),
            "the raised projection did not rebuild to the fold of the streams");
    }

    /// <summary>The schema as a release before projection versions left it: migrations up to 2, with its functions.</summary>
    private async Task CreateSchemaAsReleasedBeforeVersionsAsync()
    {
        var s = schema.Name;
        var steps = SchemaSql.Migrations(s).Where(m => m.Version <= LastMigrationWithoutVersions).ToArray();
        Assert.Contains(SchemaSql.Migrations(s), m => m.Version > LastMigrationWithoutVersions);
        await using var connection = await schema.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            $"CREATE TABLE {s}.schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now());\n" +
            string.Join("\n", steps.Select(m => m.Sql + $";\nINSERT INTO {s}.schema_version (version) VALUES ({m.Version});")) + "\n" +
            SchemaSql.Functions(s), connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = schema.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<GlobalPosition> CheckpointPositionAsync(string name)
    {
        await using var cmd = schema.DataSource.CreateCommand($"SELECT tx_id, seq_id FROM {schema.Name}.subscriptions WHERE name = $1");
        cmd.Parameters.AddWithValue(name);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{name} has no checkpoint");
        return new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
    }
}
