using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Marten;

public sealed class When_a_store_of_the_previous_release_moves_into_marten : IAsyncLifetime
{
    private readonly PostgresSchema _schema = new();

    public Task InitializeAsync() => _schema.InitializeAsync();

    public Task DisposeAsync() => _schema.DisposeAsync();

    [Fact]
    public async Task Should_keep_every_id_version_type_timestamp_header_and_the_log_order_and_say_it_checked()
    {
        var old = await PreviousReleaseStore.CreateAsync(_schema.DataSource, _schema.Name, TestEvents.Registry());
        var (cart, order, archived) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await old.AppendAsync(cart, "cart", TestEvents.Added("a", 2), new EventData(Guid.NewGuid(), new ItemRemoved("a"), new Dictionary<string, string> { ["causation"] = "x" }));
        await old.AppendAsync(order, "order", TestEvents.Note(1));
        await old.AppendAsync(archived, "cart", TestEvents.Added("gone"));
        await old.AppendAsync(cart, "cart", TestEvents.Added("b"));
        await old.ArchiveAsync(archived);
        await using var log = new EventStore(_schema.DataSource, new EventStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name }, TestEvents.Registry());

        var report = await StoreMigration.MigrateAsync(_schema.DataSource, _schema.Name, log);

        Assert.True(report.Verified, $"{report.Mismatches} mismatches");
        Assert.Equal((3L, 1L, 5L, 5L), (report.Streams, report.ArchivedStreams, report.Events, report.MigratedEvents));
        var before = await old.ReadStreamAsync(cart);
        var after = await log.ReadStreamAsync(cart);
        Assert.Equal(before, after.Select(e => (e.Id, e.Version, e.Type, e.Data, e.Timestamp)));
        Assert.Equal("x", after[1].Headers["causation"]);
        var states = await log.FetchStreamStatesAsync([cart, order, archived]);
        Assert.Equal([("cart", 3L, false), ("order", 1L, false), ("cart", 1L, true)], new[] { cart, order, archived }.Select(id => (states[id].Type, states[id].Version, states[id].Archived)));
        var next = await log.AppendAsync(cart, "cart", ExpectedVersion.Exactly(3), [TestEvents.Added("c")]);
        Assert.Equal(4L, next.Version);
    }

    [Fact]
    public async Task Should_refuse_to_migrate_into_a_marten_store_that_holds_events()
    {
        var old = await PreviousReleaseStore.CreateAsync(_schema.DataSource, _schema.Name, TestEvents.Registry());
        await old.AppendAsync(Guid.NewGuid(), "cart", TestEvents.Added("a"));
        await using var log = await Stores.CreateAsync(_schema);
        await log.AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.NoStream, [TestEvents.Added("already")]);

        var error = await Assert.ThrowsAsync<EventStoreException>(() => StoreMigration.MigrateAsync(_schema.DataSource, _schema.Name, log));

        Assert.Contains("already hold 1 events", error.Message);
    }
}
