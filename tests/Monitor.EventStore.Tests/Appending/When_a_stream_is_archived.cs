using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Appending;

public sealed class When_a_stream_is_archived(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_skip_it_in_the_global_log_unless_asked_and_refuse_appends()
    {
        await using var store = await Stores.CreateAsync(schema);
        var archived = Guid.NewGuid();
        var live = Guid.NewGuid();
        var original = TestEvents.Note(1);
        await store.AppendAsync(archived, "cart", ExpectedVersion.NoStream, [original]);
        await store.AppendAsync(live, "cart", ExpectedVersion.NoStream, [TestEvents.Note(2)]);

        await store.ArchiveStreamAsync(archived);

        var skipping = await Stores.ReadAllEventuallyAsync(store, all => all.Any(e => e.StreamId == live));
        var including = await Stores.ReadAllEventuallyAsync(store, all => all.Any(e => e.StreamId == live), includeArchived: true);
        Assert.DoesNotContain(skipping, e => e.StreamId == archived);
        Assert.Contains(skipping, e => e.StreamId == live);
        Assert.Contains(including, e => e.StreamId == archived);
        Assert.True((await store.FetchStreamStateAsync(archived))!.Archived);
        Assert.Single(await store.ReadStreamAsync(archived));
        await Assert.ThrowsAsync<StreamArchivedException>(() =>
            store.AppendAsync(archived, "cart", ExpectedVersion.Any, [TestEvents.Note(3)]));
        Assert.True((await store.AppendAsync(archived, "cart", ExpectedVersion.NoStream, [original])).WasDuplicate);
    }

    [Fact]
    public async Task Should_be_skipped_by_subscriptions_unless_they_include_archived()
    {
        await using var store = await Stores.CreateAsync(schema);
        var archived = Guid.NewGuid();
        var live = Guid.NewGuid();
        await store.AppendAsync(archived, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);
        await store.ArchiveStreamAsync(archived);
        await store.AppendAsync(live, "cart", ExpectedVersion.NoStream, [TestEvents.Note(2)]);
        var skipping = new RecordingHandler(archived, live);
        var including = new RecordingHandler(archived, live);
        var daemon = await RunningDaemon.StartAsync(store,
            new HandlerSubscription("skips-archived", skipping, store.DataSource),
            new HandlerSubscription("includes-archived", including, store.DataSource) { IncludeArchivedEvents = true });

        var arrived = await Until.HoldsAsync(() => skipping.Seen.Count >= 1 && including.Seen.Count >= 2, TimeSpan.FromSeconds(15));
        await Task.Delay(200);
        await daemon.DisposeAsync();

        Assert.True(arrived);
        Assert.Equal([live], skipping.Seen.Select(e => e.StreamId));
        Assert.Equal([archived, live], including.Seen.Select(e => e.StreamId));
    }

    [Fact]
    public async Task Should_refuse_to_archive_a_missing_stream()
    {
        await using var store = await Stores.CreateAsync(schema);
        var missing = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<EventStoreException>(() => store.ArchiveStreamAsync(missing));

        Assert.Contains($"Cannot archive stream {missing}: it does not exist", error.Message);
    }
}
