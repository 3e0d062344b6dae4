using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Feeds.Sdk.Polling;
using Monitor.Feeds.Tests.Support;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Testing;
using Xunit;

namespace Monitor.Feeds.Tests.Sdk;

public sealed class When_a_page_holds_malformed_items(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_quarantine_them_with_the_reason_and_publish_the_rest_of_the_page()
    {
        var store = await Stores.CreateAsync(schema);
        var journal = new EventStoreFeedJournal(store, "malformed");
        await journal.LoadAsync(CancellationToken.None);
        var publisher = new RecordingPublisher();
        var poller = new FeedPoller(new ScriptedSource(["x1", "bad:x2", "x3", "bad:x4"]), journal, publisher,
            new FeedSettings { Name = "malformed" }, TimeProvider.System, NullLogger<FeedPoller>.Instance);

        var result = await poller.RunCycleAsync(CancellationToken.None);

        Assert.Equal(["x1", "x3"], publisher.Published.Select(i => i.PlatformId));
        Assert.All(publisher.Published, i => Assert.Equal("malformed", i.Feed));
        Assert.Equal(2, result.Quarantined);
        var quarantined = (await store.ReadStreamAsync(FeedStreams.Quarantine("malformed"))).Select(e => (FeedItemQuarantined)e.Data).ToList();
        Assert.Equal(["x2", "x4"], quarantined.Select(q => q.PlatformId));
        Assert.All(quarantined, q => Assert.Contains("created_at", q.Reason));
        Assert.Equal("""{"raw":"bad:x2"}""", quarantined[0].Raw);
        var cursor = (await store.ReadStreamAsync(FeedStreams.Feed("malformed"))).Select(e => e.Data).OfType<FeedCursorAdvanced>().Single();
        Assert.Equal((2, 2), (cursor.Published, cursor.Quarantined));
    }

    [Fact]
    public async Task Should_not_quarantine_an_item_twice_when_its_page_is_fetched_again()
    {
        var store = await Stores.CreateAsync(schema);
        var journal = new EventStoreFeedJournal(store, "refetch");
        await journal.LoadAsync(CancellationToken.None);
        var items = new[] { new FeedItemQuarantined("refetch", Contracts.PlatformNames.Weibo, "x2", "bad date", "{}", null, DateTimeOffset.UtcNow) };

        await journal.QuarantineAsync(items, CancellationToken.None);
        await journal.QuarantineAsync(items, CancellationToken.None);

        Assert.Single(await store.ReadStreamAsync(FeedStreams.Quarantine("refetch")));
    }
}
