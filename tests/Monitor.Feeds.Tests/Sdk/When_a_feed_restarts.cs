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

public sealed class When_a_feed_restarts(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly string[][] Pages =
    [
        ["a1", "a2", "a3"],
        ["b1", "b2"],
        ["c1", "c2", "c3"],
        ["d1"],
    ];

    private static FeedPoller Poller(ScriptedSource source, IFeedJournal journal, RecordingPublisher publisher, string feed, int maxPages = 10) =>
        new(source, journal, publisher, new FeedSettings { Name = feed, MaxPages = maxPages }, TimeProvider.System, NullLogger<FeedPoller>.Instance);

    [Fact]
    public async Task Should_resume_after_the_last_recorded_page_without_gaps_or_duplicates()
    {
        var store = await Stores.CreateAsync(schema);
        var publisher = new RecordingPublisher();

        // First run reads two pages of four, then the process stops.
        var first = new EventStoreFeedJournal(store, "resume");
        await first.LoadAsync(CancellationToken.None);
        await Poller(new ScriptedSource(Pages), first, publisher, "resume", maxPages: 2).RunCycleAsync(CancellationToken.None);

        // Second run: a new journal reads the stream and continues from page three.
        var second = new EventStoreFeedJournal(store, "resume");
        await second.LoadAsync(CancellationToken.None);
        Assert.Equal("2", second.Cursor);
        var source = new ScriptedSource(Pages);
        var result = await Poller(source, second, publisher, "resume").RunCycleAsync(CancellationToken.None);

        Assert.Equal(2, result.Pages);
        Assert.Equal(Pages.SelectMany(p => p), publisher.Published.Select(i => i.PlatformId));
        Assert.Null(second.Cursor); // the last page sends the next cycle back to the start
    }

    [Fact]
    public async Task Should_fetch_the_page_again_when_it_died_between_publishing_and_recording_the_cursor()
    {
        var store = await Stores.CreateAsync(schema);
        var publisher = new CrashingPublisher { CrashAfterTotal = 5 }; // dies once page two is confirmed

        var first = new EventStoreFeedJournal(store, "crash");
        await first.LoadAsync(CancellationToken.None);
        await Assert.ThrowsAsync<SimulatedCrashException>(() =>
            Poller(new ScriptedSource(Pages), first, publisher, "crash").RunCycleAsync(CancellationToken.None));

        var second = new EventStoreFeedJournal(store, "crash");
        await second.LoadAsync(CancellationToken.None);
        Assert.Equal("1", second.Cursor); // page one recorded, page two not
        await Poller(new ScriptedSource(Pages), second, publisher, "crash").RunCycleAsync(CancellationToken.None);

        var ids = publisher.Published.Select(i => i.PlatformId).ToList();
        // No gap: every item went out. The only repeats are page two's, which ingestion stores once
        // because they derive the same coverage stream id.
        Assert.Equal(Pages.SelectMany(p => p).ToHashSet(), ids.ToHashSet());
        Assert.Equal(["b1", "b2"], ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).Order());
        var streamIds = publisher.Published.Select(i => CoverageIdentity.For(i.Platform, i.PlatformId, i.Url)).Distinct().Count();
        Assert.Equal(Pages.SelectMany(p => p).Count(), streamIds);
    }

    [Fact]
    public async Task Should_refuse_to_interleave_with_a_second_instance_of_the_same_feed()
    {
        var store = await Stores.CreateAsync(schema);
        var one = new EventStoreFeedJournal(store, "twice");
        var two = new EventStoreFeedJournal(store, "twice");
        await one.LoadAsync(CancellationToken.None);
        await two.LoadAsync(CancellationToken.None);

        await Poller(new ScriptedSource(Pages), one, new RecordingPublisher(), "twice", maxPages: 1).RunCycleAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<FeedConflictException>(() =>
            Poller(new ScriptedSource(Pages), two, new RecordingPublisher(), "twice", maxPages: 1).RunCycleAsync(CancellationToken.None));
        Assert.Contains("another instance of feed 'twice'", error.Message);
    }
}
