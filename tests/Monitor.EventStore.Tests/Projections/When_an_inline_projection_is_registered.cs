using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.EventStore.Tests.Projections;

public sealed class When_an_inline_projection_is_registered(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_commit_its_writes_with_the_appended_events_only()
    {
        await using var store = await Stores.CreateAsync(schema);
        var projection = new TotalsProjection(store.Schema);
        await projection.CreateAsync(store.DataSource);
        store.AddInlineProjection(projection);
        var stream = Guid.NewGuid();
        EventData[] events = [TestEvents.Added("a", 2), TestEvents.Added("b", 3)];

        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, events);
        var again = await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, events);

        Assert.True(again.WasDuplicate);
        Assert.Equal(5, await projection.TotalAsync(store.DataSource, stream)); // the duplicate added nothing
    }

    [Fact]
    public async Task Should_roll_the_append_back_when_it_fails()
    {
        await using var store = await Stores.CreateAsync(schema);
        var projection = new TotalsProjection(store.Schema) { FailOn = "poison" };
        await projection.CreateAsync(store.DataSource);
        store.AddInlineProjection(projection);
        var stream = Guid.NewGuid();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("ok"), TestEvents.Added("poison")]));

        Assert.Null(await store.FetchStreamStateAsync(stream));
        Assert.Equal(0, await projection.TotalAsync(store.DataSource, stream));
    }

    private sealed class TotalsProjection(string schema) : IInlineProjection
    {
        private readonly string _table = $"{schema}.cart_totals";

        public string? FailOn { get; init; }

        public async Task CreateAsync(NpgsqlDataSource dataSource)
        {
            await using var cmd = dataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS {_table} (stream_id uuid PRIMARY KEY, quantity integer NOT NULL)");
            await cmd.ExecuteNonQueryAsync();
        }

        public async Task ApplyAsync(IReadOnlyList<StoredEvent> appended, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
        {
            foreach (var e in appended)
            {
                if (e.Data is not ItemAdded added) continue;
                await using var cmd = new NpgsqlCommand(
                    $"INSERT INTO {_table} VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET quantity = {_table}.quantity + excluded.quantity",
                    connection, transaction);
                cmd.Parameters.AddWithValue(e.StreamId);
                cmd.Parameters.AddWithValue(added.Quantity);
                await cmd.ExecuteNonQueryAsync(ct);
                if (added.Name == FailOn) throw new InvalidOperationException("the projection refused the event");
            }
        }

        public async Task<int> TotalAsync(NpgsqlDataSource dataSource, Guid stream)
        {
            await using var cmd = dataSource.CreateCommand($"SELECT coalesce(sum(quantity), 0)::int FROM {_table} WHERE stream_id = $1");
            cmd.Parameters.AddWithValue(stream);
            return (int)(await cmd.ExecuteScalarAsync())!;
        }
    }
}
