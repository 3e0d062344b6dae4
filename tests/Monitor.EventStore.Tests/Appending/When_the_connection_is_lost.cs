using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.EventStore.Tests.Appending;

public sealed class When_the_connection_is_lost(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_retry_the_append_on_a_new_connection()
    {
        var applicationName = TestEnvironment.UniqueName("lost");
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(schema.ConnectionString) { ApplicationName = applicationName }.ConnectionString);
        await using var store = new EventStore(dataSource, new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, TestEvents.Registry());
        await store.EnsureSchemaAsync();
        var stream = Guid.NewGuid();
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);

        // every pooled session of this store dies (a failover or a restarted server looks the same)
        await using (var kill = schema.DataSource.CreateCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1"))
        {
            kill.Parameters.AddWithValue(applicationName);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1);
        }
        var result = await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(1), [TestEvents.Note(2)]);

        Assert.Equal(2, result.Version);
        Assert.Equal(2, (await store.ReadStreamAsync(stream)).Count);
    }

    [Fact]
    public async Task Should_surface_a_non_transient_failure_at_once_with_its_cause()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var shared = TestEvents.Note(1);
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [shared]);

        var error = await Assert.ThrowsAsync<EventStoreException>(() =>
            store.AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.NoStream, [shared]));

        Assert.Contains("in other streams", error.Message);
    }
}
