using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.EventStore.Tests.Schema;

public sealed class When_services_start_at_once
{
    private const int Services = 6;

    [Fact]
    public async Task Should_leave_a_schema_marten_finds_current_when_many_sessions_race()
    {
        var schemaName = TestEnvironment.UniqueName("race");
        // one data source (and so one set of sessions) per "service", as separate processes would have
        var dataSources = Enumerable.Range(0, Services).Select(_ => NpgsqlDataSource.Create(TestEnvironment.Postgres)).ToArray();
        try
        {
            var stores = dataSources.Select(ds => new EventStore(ds, new EventStoreOptions { ConnectionString = TestEnvironment.Postgres, Schema = schemaName }, TestEvents.Registry())).ToArray();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starts = stores.Select(async s => { await gate.Task; await s.EnsureSchemaAsync(); }).ToArray();
            gate.SetResult();
            await Task.WhenAll(starts).WaitAsync(TimeSpan.FromSeconds(60));
            await stores[0].EnsureSchemaAsync(); // and again, later: nothing to do

            Assert.True(await stores[0].SchemaIsCurrentAsync(), "Marten finds changes still to apply");
            var appended = await stores[Services - 1].AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);
            Assert.Equal(1, appended.Version);
        }
        finally
        {
            await using (var drop = dataSources[0].CreateCommand($"DROP SCHEMA IF EXISTS {schemaName} CASCADE"))
                await drop.ExecuteNonQueryAsync();
            foreach (var ds in dataSources) await ds.DisposeAsync();
        }
    }

    [Fact]
    public async Task Should_say_what_to_do_when_the_schema_is_missing()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestEnvironment.Postgres);
        var store = new EventStore(dataSource, new EventStoreOptions { ConnectionString = TestEnvironment.Postgres, Schema = TestEnvironment.UniqueName("missing") }, TestEvents.Registry());

        var error = await Assert.ThrowsAsync<EventStoreException>(() => store.ReadStreamAsync(Guid.NewGuid()));

        Assert.Contains("call EventStore.EnsureSchemaAsync at start-up", error.Message);
    }

    [Fact]
    public void Should_reject_a_schema_name_that_is_not_a_plain_identifier()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            EventStore.Create(new EventStoreOptions { ConnectionString = TestEnvironment.Postgres, Schema = "x; DROP TABLE y" }, TestEvents.Registry()));

        Assert.Contains("is not valid", error.Message);
    }
}
